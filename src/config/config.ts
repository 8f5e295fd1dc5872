import { join, dirname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Config } from './config-types.js';
import type { FailOnScope } from '../core/model/comparison-types.js';
import { PRIORITIES, type Priority } from '../core/model/cluster-types.js';
import { SEVERITIES } from '../core/model/log-record.js';
import { codeDefault, DEFAULT_CONFIG_PATH, type InputName } from './inputs.js';
import {
  oneOf,
  parseBoolean,
  parseDuration,
  parseEndpoint,
  parseList,
  parseNonNegativeInt,
  parsePositiveInt,
  parseTime,
  type Parsed,
} from './config-values.js';
import { parseAnalytics } from './analytics-inputs.js';

export type { Config } from './config-types.js';

/** All input errors at once, each naming the input and the fix. */
export class ConfigError extends Error {
  /** Our own words about the inputs (never the token): printed as they are, not secret-redacted. */
  readonly preRedacted = true;

  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}`,
    );
    this.name = 'ConfigError';
  }
}

export interface ConfigEnvironment {
  /** Raw input value as given ('' when not set). */
  get(name: InputName): string;
  env: Record<string, string | undefined>;
  /** File contents, or null when the file does not exist. */
  readFile(path: string): string | null;
  tmpDir: string;
}

/** Parses and validates every input once; throws ConfigError listing every problem. */
export function parseConfig(source: ConfigEnvironment): Config {
  const problems: string[] = [];
  const raw = (name: InputName): string => {
    const given = source.get(name).trim();
    return given === '' ? codeDefault(name, source.env) : given;
  };
  const take = <T>(name: InputName, parsed: Parsed<T>, fallback: T): T => {
    if (parsed.ok) return parsed.value;
    problems.push(`${name}: ${parsed.error}`);
    return fallback;
  };
  const optionalTime = (name: InputName): number | null => (raw(name) ? take(name, parseTime(raw(name)), null) : null);
  const optionalPriority = (name: InputName): Priority | null =>
    raw(name) ? take(name, oneOf(raw(name), PRIORITIES), null) : null;

  const logsFile = raw('logs-file');
  const projectId = raw('project-id');
  if (!logsFile && !projectId) {
    problems.push(
      'project-id: required to read Cloud Logging; set it to your Google Cloud project id, or set logs-file to read an exported file',
    );
  }
  if (projectId && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]$|^[a-z][a-z0-9.:-]{4,61}[a-z0-9]$/.test(projectId)) {
    problems.push(
      `project-id: '${projectId}' is not a Google Cloud project id (6–30 lowercase letters, digits and hyphens)`,
    );
  }
  if (logsFile && raw('filter')) {
    problems.push(
      'filter: is a Cloud Logging query and cannot be applied to a logs-file; filter the export instead (gcloud logging read FILTER), or drop logs-file',
    );
  }
  const baselineMs = parseBaseline(raw('baseline'), problems);
  const failOnScope = parseFailOnScope(raw('fail-on-scope'), baselineMs, problems);
  const since = optionalTime('since');
  const until = optionalTime('until');
  if (baselineMs > 0 && logsFile && raw('since') === '')
    problems.push(
      "baseline: with logs-file, the baseline is the file's entries just before since; set since (e.g. the deploy time) or drop baseline",
    );
  if (since !== null && until !== null && since >= until)
    problems.push('since: must be before until; swap them or widen the window');

  const provider = raw('workload-identity-provider');
  if (
    provider &&
    !/^projects\/\d+\/locations\/global\/workloadIdentityPools\/[a-z0-9-]+\/providers\/[a-z0-9-]+$/.test(provider)
  ) {
    problems.push(
      `workload-identity-provider: '${provider}' is not a provider resource name; use projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER (the project NUMBER, not its id)`,
    );
  }
  const serviceAccount = raw('service-account');
  if (serviceAccount && !/^[^@\s]+@[^@\s]+\.iam\.gserviceaccount\.com$|^[^@\s]+@[^@\s]+$/.test(serviceAccount)) {
    problems.push(
      `service-account: '${serviceAccount}' is not a service account e-mail, e.g. log-reader@PROJECT.iam.gserviceaccount.com`,
    );
  }
  if (serviceAccount && !provider) {
    problems.push(
      'service-account: only used with workload-identity-provider; set that too, or drop service-account to use Application Default Credentials',
    );
  }

  const dryRun = take('dry-run', parseBoolean(raw('dry-run')), false);
  const repository = parseRepository(raw('repository'), dryRun, problems);
  const githubToken = raw('github-token');
  if (!githubToken && !dryRun)
    problems.push(
      'github-token: required to write issues; pass ${{ github.token }} (the default) or set dry-run: true',
    );

  const labels = parseList(raw('labels'));
  if (labels.length === 0) problems.push('labels: give at least one label, e.g. log-gardener');
  for (const label of labels)
    if (label.length > 50) problems.push(`labels: '${label}' is longer than GitHub's 50 characters`);

  const redact = take('redact', oneOf(raw('redact'), ['true', 'strict'] as const), 'true');
  if (raw('redact').toLowerCase() === 'false') {
    problems.push("redact: cannot be turned off: issues may be public; use 'true' or 'strict'");
  }

  // Only a path the user named must exist; the default path is used when present. A workflow
  // that spells out the default path (as older versions' action.yml did) gets the same leniency.
  const rulesPath = raw('config') || DEFAULT_CONFIG_PATH;
  const rules = readRules(rulesPath, rulesPath !== DEFAULT_CONFIG_PATH, source.readFile, problems);

  const worklogPath =
    raw('worklog-path') || join(source.env.RUNNER_TEMP || source.tmpDir, 'log-gardener', 'worklog.md');
  const config: Config = {
    projectId,
    logsFile,
    services: parseList(raw('services')),
    filter: raw('filter'),
    since,
    until,
    lookbackMs: take('lookback', parseDuration(raw('lookback')), 3_600_000),
    minSeverity: take('min-severity', oneOf(raw('min-severity'), SEVERITIES), 'WARNING'),
    maxEntries: take('max-entries', parsePositiveInt(raw('max-entries'), 1_000_000), 20_000),
    analytics: parseAnalytics(raw('analytics-dataset'), raw('analytics-max-bytes'), logsFile, problems),
    bigqueryEndpoint: take('bigquery-endpoint', parseEndpoint(raw('bigquery-endpoint')), ''),
    baselineMs,
    workloadIdentityProvider: provider,
    serviceAccount,
    loggingEndpoint: take('logging-endpoint', parseEndpoint(raw('logging-endpoint')), ''),
    stsEndpoint: take('sts-endpoint', parseEndpoint(raw('sts-endpoint')), ''),
    iamCredentialsEndpoint: take('iam-credentials-endpoint', parseEndpoint(raw('iam-credentials-endpoint')), ''),
    githubToken,
    repository,
    githubApiUrl: source.env.GITHUB_API_URL || 'https://api.github.com',
    githubServerUrl: source.env.GITHUB_SERVER_URL || 'https://github.com',
    runId: source.env.GITHUB_RUN_ID || '',
    trustedAuthors: parseList(raw('trusted-authors')),
    dryRun,
    minIssuePriority: take('min-issue-priority', oneOf(raw('min-issue-priority'), PRIORITIES), 'P3'),
    labels,
    maxNewIssues: take('max-new-issues', parseNonNegativeInt(raw('max-new-issues'), 100), 10),
    reopenWindowMs: take('reopen-window', parseDuration(raw('reopen-window')), 14 * 86_400_000),
    muteLabel: raw('mute-label'),
    closeAfterMs: raw('close-after') ? take('close-after', parseDuration(raw('close-after')), 0) : 0,
    rules,
    rulesPath: rules === null ? '' : rulesPath,
    failOn: optionalPriority('fail-on'),
    failOnScope,
    failOnWriteError: take('fail-on-write-error', parseBoolean(raw('fail-on-write-error')), false),
    redact,
    redactIps: take('redact-ips', parseBoolean(raw('redact-ips')), false),
    worklogPath,
    reportPath: raw('report-path') || join(dirname(worklogPath), 'report.json'),
    uploadArtifact: take('upload-artifact', parseBoolean(raw('upload-artifact')), true),
    artifactName: raw('artifact-name'),
    jobSummary: take('job-summary', parseBoolean(raw('job-summary')), true),
  };
  if (!/^[^":<>|*?\\/\r\n]+$/.test(config.artifactName)) {
    problems.push(`artifact-name: '${config.artifactName}' may not contain " : < > | * ? \\ / or line breaks`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Cloud Logging keeps logs 30 days by default: a longer baseline would read nothing. */
const MAX_BASELINE_MS = 30 * 86_400_000;

/** `baseline`: empty = no comparison; else a duration, the window just before the analysed one. */
function parseBaseline(text: string, problems: string[]): number {
  if (!text) return 0;
  const parsed = parseDuration(text);
  if (!parsed.ok) {
    problems.push(`baseline: ${parsed.error}; or leave baseline empty for no comparison`);
    return 0;
  }
  if (parsed.value > MAX_BASELINE_MS) {
    problems.push(
      `baseline: '${text}' is longer than 30d, Cloud Logging's default retention; use the hour or day before the deploy, e.g. 1h or 24h`,
    );
    return 0;
  }
  return parsed.value;
}

/** `fail-on-scope`: `changed` (the default with a baseline) or `all` (the default without one). */
function parseFailOnScope(text: string, baselineMs: number, problems: string[]): FailOnScope {
  if (!text) return baselineMs > 0 ? 'changed' : 'all';
  const parsed = oneOf(text, ['changed', 'all'] as const);
  if (!parsed.ok) {
    problems.push(`fail-on-scope: ${parsed.error}`);
    return 'all';
  }
  if (parsed.value === 'changed' && baselineMs === 0) {
    problems.push(
      "fail-on-scope: 'changed' counts only problems new or worse than a baseline; set baseline (e.g. 1h, the window before the deploy) or use fail-on-scope: all",
    );
    return 'all';
  }
  return parsed.value;
}

function parseRepository(text: string, dryRun: boolean, problems: string[]): Config['repository'] {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(text);
  if (match) return { owner: match[1], repo: match[2] };
  if (text || !dryRun)
    problems.push(`repository: '${text}' is not owner/name; the default is the workflow's own repository`);
  return { owner: '', repo: '' };
}

/** The rules file: required to exist when the input was given, optional at its default path. */
function readRules(
  path: string,
  explicit: boolean,
  readFile: ConfigEnvironment['readFile'],
  problems: string[],
): unknown {
  const text = readFile(path);
  if (text === null) {
    if (explicit)
      problems.push(
        `config: file '${path}' does not exist; check the path (relative to the workspace) or remove the input`,
      );
    return null;
  }
  try {
    return parseYaml(text) ?? {};
  } catch (error) {
    problems.push(`config: '${path}' is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
}
