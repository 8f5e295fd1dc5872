import type { Priority } from '../core/model/cluster-types.js';
import type { Severity } from '../core/model/log-record.js';
import type { FailOnScope } from '../core/model/comparison-types.js';
import type { AnalyticsSettings } from './analytics-inputs.js';

export type RedactMode = 'true' | 'strict';

/** The one validated configuration. Nothing else reads inputs (DESIGN §5). */
export interface Config {
  // Source
  projectId: string;
  logsFile: string;
  services: string[];
  filter: string;
  /** Window in epoch ms. For a logs-file without since/until both are null: the file's span. */
  since: number | null;
  until: number | null;
  lookbackMs: number;
  minSeverity: Severity;
  maxEntries: number;
  /** `analytics-dataset` ('' = entries.list) and `analytics-max-bytes` (BigQuery maximumBytesBilled). */
  analytics: AnalyticsSettings;
  bigqueryEndpoint: string;
  /** `baseline`: the window just before the analysed one to compare with, in ms; 0 = none. */
  baselineMs: number;
  // Google
  workloadIdentityProvider: string;
  serviceAccount: string;
  loggingEndpoint: string;
  stsEndpoint: string;
  iamCredentialsEndpoint: string;
  // GitHub
  githubToken: string;
  repository: { owner: string; repo: string };
  githubApiUrl: string;
  githubServerUrl: string;
  runId: string;
  trustedAuthors: string[];
  dryRun: boolean;
  minIssuePriority: Priority;
  labels: string[];
  maxNewIssues: number;
  reopenWindowMs: number;
  muteLabel: string;
  /** 0 = never close. */
  closeAfterMs: number;
  /** Rules file contents (parsed YAML), null when none. */
  rules: unknown;
  rulesPath: string;
  failOn: Priority | null;
  /** What fail-on counts: only new and worse problems (`changed`, the default with a baseline) or all. */
  failOnScope: FailOnScope;
  /** Fail the step at the end when an issue write failed (the run completes either way). */
  failOnWriteError: boolean;
  redact: RedactMode;
  redactIps: boolean;
  // Output
  worklogPath: string;
  reportPath: string;
  uploadArtifact: boolean;
  artifactName: string;
  jobSummary: boolean;
}
