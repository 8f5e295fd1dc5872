/**
 * Turns what Google, STS, IAM Credentials and the GitHub OIDC endpoint answer into messages that
 * say what went wrong and the one thing to change. Users meet these on their first run, in a
 * workflow log, far from any documentation.
 */

import { redactText } from '../core/redact/redact.js';

/** Where in the chain the failure happened. */
export type GoogleStep = 'oidc' | 'sts' | 'impersonation' | 'adc' | 'logging' | 'quota';

/**
 * The message is safe to print as it is: what Google or a library wrote is redacted where it is
 * embedded (`redactExternal`), while our own words and the config's names stay exact. Redacting
 * the whole message instead would mangle the fix: `id-token: write` reads as a secret value and
 * the service account in the `gcloud` command as an e-mail address.
 */
export class GoogleSetupError extends Error {
  override name = 'GoogleSetupError';
  readonly preRedacted = true;
  constructor(
    readonly step: GoogleStep,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ErrorContext {
  projectId: string;
  workloadIdentityProvider: string;
  serviceAccount: string;
}

/** An HTTP error in Google's JSON shape `{error:{code,message,status}}`, from our REST calls. */
export interface GoogleApiErrorBody {
  httpStatus: number;
  status: string;
  message: string;
}

/** Text that came from outside (an API's error message, a library's): it may echo a secret. */
export function redactExternal(text: string): string {
  return redactText(text, { ips: false });
}

const QUERY_LANGUAGE_DOC = 'https://cloud.google.com/logging/docs/view/logging-query-language';

export function explainMissingOidc(reason: string): GoogleSetupError {
  return new GoogleSetupError(
    'oidc',
    `GitHub did not give this job an OIDC token (${reason}). ` +
      'Add `permissions: id-token: write` to the job (a job-level `permissions:` block replaces the workflow-level one, so list `contents: read` and `issues: write` there too). ' +
      'Pull requests from forks never get an OIDC token, whatever the permissions say: run the action on `schedule`, `workflow_dispatch` or `push`, ' +
      'or skip the step for forks with `if: github.event.pull_request.head.repo.fork != true`.',
  );
}

/** Classifies an error thrown while getting an access token (the auth client's token chain). */
export function explainAuthError(err: unknown, ctx: ErrorContext): GoogleSetupError {
  if (err instanceof GoogleSetupError) return err;
  const message = redactExternal(errorMessage(err));
  const url = errorUrl(err);
  if (/^Error code invalid_grant/.test(message) || url.includes('/v1/token')) return explainStsError(message, ctx, err);
  if (url.includes(':generateAccessToken')) return explainImpersonationError(err, ctx);
  return new GoogleSetupError('adc', `Could not get a Google access token: ${message}`, { cause: err });
}

function explainStsError(message: string, ctx: ErrorContext, cause: unknown): GoogleSetupError {
  const provider = ctx.workloadIdentityProvider;
  let fix: string;
  if (/attribute condition/i.test(message)) {
    fix =
      "The provider's attribute condition rejected this workflow's token. Make the condition match this repository, " +
      `e.g. \`gcloud iam workload-identity-pools providers update-oidc PROVIDER --attribute-condition="assertion.repository=='OWNER/REPO'" ...\`, ` +
      'and check which claim it tests (repository, ref, environment).';
  } else if (/audience/i.test(message)) {
    fix =
      `Check the \`workload-identity-provider\` input: it must be the full provider name \`projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER\` ` +
      `(project number, not ID; got \`${provider}\`), and the provider's allowed audiences must be empty (the default) or include \`https://iam.googleapis.com/${provider}\`.`;
  } else if (/not found|does not exist|invalid.*(pool|provider)/i.test(message)) {
    fix = `The pool or provider \`${provider}\` does not exist or is disabled. Copy its full name from \`gcloud iam workload-identity-pools providers describe PROVIDER --location=global --workload-identity-pool=POOL --format='value(name)'\`.`;
  } else {
    fix =
      `Check the \`workload-identity-provider\` input (\`${provider}\`), that the provider's issuer is \`https://token.actions.githubusercontent.com\`, ` +
      'and that its attribute condition accepts this repository.';
  }
  return new GoogleSetupError('sts', `Google STS rejected the GitHub OIDC token: ${message}. ${fix}`, { cause });
}

function explainImpersonationError(err: unknown, ctx: ErrorContext): GoogleSetupError {
  const raw = googleErrorBody(err);
  const body = { ...raw, message: redactExternal(raw.message) };
  const sa = ctx.serviceAccount;
  const poolPath = ctx.workloadIdentityProvider.replace(/\/providers\/[^/]+$/, '');
  if (/SERVICE_DISABLED|has not been used|is disabled/i.test(body.message)) {
    return new GoogleSetupError(
      'impersonation',
      `The IAM Service Account Credentials API is disabled: ${body.message}. Run \`gcloud services enable iamcredentials.googleapis.com --project=PROJECT\`.`,
      { cause: err },
    );
  }
  if (body.httpStatus === 403 || /getAccessToken/.test(body.message)) {
    return new GoogleSetupError(
      'impersonation',
      `Impersonating \`${sa}\` was denied (${body.message}). The federated identity needs \`iam.serviceAccounts.getAccessToken\` on it: ` +
        `\`gcloud iam service-accounts add-iam-policy-binding ${sa} --role=roles/iam.workloadIdentityUser ` +
        `--member="principalSet://iam.googleapis.com/${poolPath}/attribute.repository/OWNER/REPO"\`. ` +
        'Also check the `service-account` input is spelled right (a missing account answers the same way).',
      { cause: err },
    );
  }
  if (body.httpStatus === 404) {
    return new GoogleSetupError(
      'impersonation',
      `Service account \`${sa}\` does not exist (${body.message}). Check the \`service-account\` input.`,
      { cause: err },
    );
  }
  return new GoogleSetupError(
    'impersonation',
    `Impersonating \`${sa}\` failed: ${body.message || redactExternal(errorMessage(err))}`,
    {
      cause: err,
    },
  );
}

/** Classifies a failed `entries.list` answer (after retries, for 429 and 5xx). */
export function explainLoggingError(body: GoogleApiErrorBody, ctx: ErrorContext): GoogleSetupError {
  const { httpStatus, status } = body;
  const message = redactExternal(body.message);
  const project = ctx.projectId;
  const principal = ctx.serviceAccount
    ? `serviceAccount:${ctx.serviceAccount}`
    : ctx.workloadIdentityProvider
      ? `principalSet://iam.googleapis.com/${ctx.workloadIdentityProvider.replace(/\/providers\/[^/]+$/, '')}/attribute.repository/OWNER/REPO`
      : 'serviceAccount:EMAIL_OF_YOUR_CREDENTIALS';
  if (httpStatus === 400 || status === 'INVALID_ARGUMENT') {
    return new GoogleSetupError(
      'logging',
      `Cloud Logging rejected the query: ${message}. Check the \`filter\` input against the query language (${QUERY_LANGUAGE_DOC}).`,
    );
  }
  if (/SERVICE_DISABLED|has not been used in project|API.*is disabled/i.test(message)) {
    return new GoogleSetupError(
      'logging',
      `The Cloud Logging API is disabled in \`${project}\`: ${message}. Run \`gcloud services enable logging.googleapis.com --project=${project}\`.`,
    );
  }
  if (httpStatus === 404 || (/project/i.test(message) && /not (be )?found|does not exist|deleted/i.test(message))) {
    return new GoogleSetupError(
      'logging',
      `Project \`${project}\` was not found (${message}). Check the \`project-id\` input: it takes the project ID (e.g. \`my-app-prod\`), not its number or display name.`,
    );
  }
  if (httpStatus === 403 || status === 'PERMISSION_DENIED') {
    return new GoogleSetupError(
      'logging',
      `Permission denied reading logs of \`${project}\` (${message}). Grant the Logs Viewer role: ` +
        `\`gcloud projects add-iam-policy-binding ${project} --role=roles/logging.viewer --member="${principal}"\`, ` +
        'and check the `project-id` input (Google answers 403 for a project that does not exist).',
    );
  }
  if (httpStatus === 401 || status === 'UNAUTHENTICATED') {
    return new GoogleSetupError(
      'logging',
      `Cloud Logging did not accept the access token (${message}). Check the credentials set up for this job.`,
    );
  }
  if (httpStatus === 429 || status === 'RESOURCE_EXHAUSTED') {
    return new GoogleSetupError(
      'quota',
      `Cloud Logging kept answering 429 RESOURCE_EXHAUSTED (${message}). The project allows 60 entries.list requests a minute shared by everyone reading its logs: run less often, narrow the window, or lower \`max-entries\`.`,
    );
  }
  return new GoogleSetupError('logging', `Cloud Logging failed with HTTP ${httpStatus} ${status}: ${message}`);
}

/** Reads Google's `{error:{code,message,status}}` (or an OAuth `{error,error_description}`) from a thrown HTTP error. */
export function googleErrorBody(err: unknown): GoogleApiErrorBody {
  const response = (err as { response?: { status?: number; data?: unknown } } | null)?.response;
  const data = response?.data;
  const parsed = typeof data === 'string' ? safeJson(data) : data;
  const error = (parsed as { error?: unknown } | undefined)?.error;
  if (error && typeof error === 'object') {
    const e = error as { code?: number; message?: string; status?: string };
    return { httpStatus: response?.status ?? e.code ?? 0, status: e.status ?? '', message: e.message ?? '' };
  }
  return {
    httpStatus: response?.status ?? 0,
    status: typeof error === 'string' ? error : '',
    message: errorMessage(err),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function errorUrl(err: unknown): string {
  const config = (err as { config?: { url?: unknown } } | null)?.config;
  return config?.url ? String(config.url) : '';
}
