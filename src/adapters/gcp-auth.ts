/**
 * Google credentials for reading logs. With `workload-identity-provider`: the job's GitHub OIDC
 * token → Google STS → (optionally) IAM Credentials impersonation, all done by google-auth-library's
 * identity-pool client with a subject-token supplier. Without it: Application Default Credentials
 * from a credentials file (what `google-github-actions/auth` writes).
 *
 * The GCE metadata server is never probed unless the user opts in: google-auth-library's ADC falls
 * back to it, which on a GitHub-hosted runner costs a timeout and then a misleading error. We only
 * hand GoogleAuth an explicit key file, and always a project ID (its project-ID discovery would
 * probe as well). A self-hosted runner on GCE opts in with METADATA_SERVER_DETECTION=assume-present.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GoogleAuth, IdentityPoolClient, type AuthClient } from 'google-auth-library';
import type { Config } from '../config/config-types.js';
import { explainMissingOidc, GoogleSetupError, redactExternal } from './gcp-errors.js';

/** Least privilege for the token we ask for: read logs, nothing else. */
export const LOGGING_READ_SCOPES = ['https://www.googleapis.com/auth/logging.read'];
/** STS issues federated tokens for cloud-platform; a directly federated principal is limited by IAM anyway. */
const FEDERATED_SCOPES = ['https://www.googleapis.com/auth/cloud-platform'];
const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

export interface GoogleAuthDeps {
  /** `@actions/core` getIDToken: fetches the job's OIDC token for an audience. */
  getIdToken(audience: string): Promise<string>;
  /** `@actions/core` setSecret: masks a value in the job log. */
  mask(secret: string): void;
}

export async function createGoogleAuth(config: Config, deps: GoogleAuthDeps): Promise<AuthClient> {
  const env = process.env;
  const client = config.workloadIdentityProvider
    ? createFederatedClient(config, deps, env)
    : await createDefaultClient(config, env);
  // Fires on every refresh with the token the Logging calls will carry (the impersonated one).
  client.on('tokens', (tokens: { access_token?: string | null }) => {
    if (tokens.access_token) deps.mask(tokens.access_token);
  });
  return client;
}

function createFederatedClient(
  config: Config,
  deps: GoogleAuthDeps,
  env: Record<string, string | undefined>,
): AuthClient {
  const provider = config.workloadIdentityProvider;
  const oidcAudience = `https://iam.googleapis.com/${provider}`;
  const sa = config.serviceAccount;
  return new IdentityPoolClient({
    type: 'external_account',
    audience: `//iam.googleapis.com/${provider}`,
    subject_token_type: JWT_TOKEN_TYPE,
    token_url: `${trimSlash(config.stsEndpoint)}/v1/token`,
    service_account_impersonation_url: sa
      ? `${trimSlash(config.iamCredentialsEndpoint)}/v1/projects/-/serviceAccounts/${sa}:generateAccessToken`
      : undefined,
    scopes: sa ? LOGGING_READ_SCOPES : FEDERATED_SCOPES,
    subject_token_supplier: {
      // Not cached by the library; it is called once per access-token refresh (≤ 1 h apart).
      getSubjectToken: async () => {
        if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
          throw explainMissingOidc('ACTIONS_ID_TOKEN_REQUEST_URL is not set');
        }
        let token: string;
        try {
          token = await deps.getIdToken(oidcAudience);
        } catch (err) {
          throw new GoogleSetupError(
            'oidc',
            `Could not get the GitHub OIDC token (${redactExternal(err instanceof Error ? err.message : String(err))}). Check that the job has \`permissions: id-token: write\`.`,
            { cause: err },
          );
        }
        deps.mask(token);
        return token;
      },
    },
  });
}

async function createDefaultClient(config: Config, env: Record<string, string | undefined>): Promise<AuthClient> {
  const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS || wellKnownCredentialsFile(env);
  const projectId = config.projectId || undefined;
  if (keyFile) {
    if (!existsSync(keyFile)) {
      throw new GoogleSetupError(
        'adc',
        `GOOGLE_APPLICATION_CREDENTIALS points to \`${keyFile}\`, which does not exist. Run google-github-actions/auth in an earlier step of the same job, or set \`workload-identity-provider\`.`,
      );
    }
    // The library's own ADC lookup, which finds this file before it would consider the metadata
    // server (and, unlike `keyFilename`, is not deprecated for externally sourced credentials).
    return new GoogleAuth({ projectId, scopes: LOGGING_READ_SCOPES }).getClient();
  }
  const detection = (env.METADATA_SERVER_DETECTION ?? '').toLowerCase();
  if (detection === 'assume-present' || detection === 'ping-only') {
    return new GoogleAuth({ projectId, scopes: LOGGING_READ_SCOPES }).getClient();
  }
  throw new GoogleSetupError(
    'adc',
    'No Google credentials: set the `workload-identity-provider` input (and `permissions: id-token: write`), ' +
      'or run google-github-actions/auth in an earlier step so GOOGLE_APPLICATION_CREDENTIALS is set. ' +
      '(On a self-hosted runner in Google Cloud, set METADATA_SERVER_DETECTION=assume-present to use its service account.)',
  );
}

/** Where `gcloud auth application-default login` writes credentials (useful for the CLI). */
function wellKnownCredentialsFile(env: Record<string, string | undefined>): string {
  const dir =
    env.CLOUDSDK_CONFIG ||
    (env.APPDATA ? join(env.APPDATA, 'gcloud') : env.HOME ? join(env.HOME, '.config', 'gcloud') : '');
  const file = dir ? join(dir, 'application_default_credentials.json') : '';
  return file && existsSync(file) ? file : '';
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
