/**
 * Every input's default, the single list that action.yml, the CLI and the README agree with
 * (a test checks action.yml against it). Defaults apply in code too, so `node dist/index.js`
 * with only some INPUT_* variables behaves like the action.
 */
export const INPUT_DEFAULTS = {
  'project-id': '',
  'logs-file': '',
  services: '',
  filter: '',
  lookback: '1h',
  since: '',
  until: '',
  // Empty: no comparison. A duration: the window just before the analysed one (issue 14).
  baseline: '',
  'min-severity': 'WARNING',
  'max-entries': '20000',
  // Empty: read with entries.list. `PROJECT.DATASET`: Log Analytics through BigQuery (issue 15).
  'analytics-dataset': '',
  'analytics-max-bytes': '10GB',
  'bigquery-endpoint': 'https://bigquery.googleapis.com',
  'workload-identity-provider': '',
  'service-account': '',
  'logging-endpoint': 'https://logging.googleapis.com',
  'sts-endpoint': 'https://sts.googleapis.com',
  'iam-credentials-endpoint': 'https://iamcredentials.googleapis.com',
  'github-token': '${{ github.token }}',
  repository: '${{ github.repository }}',
  'trusted-authors': '',
  'dry-run': 'false',
  'min-issue-priority': 'P3',
  labels: 'log-gardener',
  'max-new-issues': '10',
  'reopen-window': '14d',
  'mute-label': 'log-gardener:muted',
  'close-after': '',
  // Empty: `.github/log-gardener.yml` when it exists (DEFAULT_CONFIG_PATH). A runner passes every
  // default as INPUT_*, so a non-empty default could not be told apart from a path the user gave.
  config: '',
  'fail-on': '',
  // Empty: `changed` with a baseline, `all` without one.
  'fail-on-scope': '',
  'fail-on-write-error': 'false',
  redact: 'true',
  'redact-ips': 'false',
  'worklog-path': '',
  'report-path': '',
  'upload-artifact': 'true',
  'artifact-name': 'log-gardener-worklog',
  'job-summary': 'true',
} as const;

/** The rules file used when `config` is empty and the file exists in the workspace. */
export const DEFAULT_CONFIG_PATH = '.github/log-gardener.yml';

export type InputName = keyof typeof INPUT_DEFAULTS;
export const INPUT_NAMES = Object.keys(INPUT_DEFAULTS) as InputName[];

export const OUTPUT_NAMES = [
  'clusters',
  'incidents',
  'highest-priority',
  'issues-created',
  'issues-updated',
  'issues-reopened',
  'issues-failed',
  'verdict',
  'new-problems',
  'worklog-path',
  'report-path',
] as const;

/** Defaults that are expressions in action.yml; in code they come from the runner's environment. */
export function codeDefault(name: InputName, env: Record<string, string | undefined>): string {
  if (name === 'github-token') return env.GITHUB_TOKEN ?? '';
  if (name === 'repository') return env.GITHUB_REPOSITORY ?? '';
  return INPUT_DEFAULTS[name];
}
