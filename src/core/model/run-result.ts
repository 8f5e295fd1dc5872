import type { RankedCluster } from './cluster-types.js';
import type { IssueAction } from './issue-types.js';
import type { Severity } from './log-record.js';
import type { Incident } from './incident-types.js';
import type { Comparison, Verdict } from './comparison-types.js';

/** Per-service health, from all analysed entries and request logs. */
export interface ServiceStatus {
  service: string;
  entries: number;
  bySeverity: Partial<Record<Severity, number>>;
  /** Request-log entries (httpRequest present) and those answered 5xx. */
  requests: number;
  serverErrors: number;
  /** Container exits / instance start failures / restarts seen. */
  restarts: number;
  revisions: string[];
  /**
   * Monitored resource type of the service's entries (`cloud_run_revision`, `k8s_container`,
   * `gae_app`, …; the first seen when several), for the worklog to say what kind of service it is.
   */
  resourceType?: string;
}

/** Everything a renderer (worklog, summary, report, outputs) needs; pure data. */
export interface RunResult {
  window: { start: number; end: number };
  source: SourceInfo;
  projectId: string;
  repository: string;
  dryRun: boolean;
  minSeverity: Severity;
  services: string[];
  totals: {
    /** Entries read. */
    entries: number;
    /** At or above min-severity (or stderr that looks like an error). */
    analysed: number;
    /** Unreadable entries with reasons. */
    skipped: Record<string, number>;
    bySeverity: Partial<Record<Severity, number>>;
  };
  /** Sorted: priority, then count descending. Ignored clusters included, flagged. */
  clusters: RankedCluster[];
  /** The problems correlated into incidents, most urgent first (ignored clusters in none). */
  incidents?: Incident[];
  actions: IssueAction[];
  serviceStatus: ServiceStatus[];
  /** Link to the workflow run ('' outside Actions). */
  runUrl: string;
  generatedAt: number;
  /** Per-cluster Logs Explorer links, by fingerprint. */
  logsLinks: Record<string, string>;
  /** Issue links by fingerprint (known or created). */
  issueLinks: Record<string, { number: number; url: string }>;
  /** Problems that happened during the run (a failed write, a wait on quota). */
  notes: string[];
  /** With a `baseline`: what changed against the window before. */
  comparison?: Comparison;
  /** The gate: `none` without `fail-on`. */
  verdict?: Verdict;
}

/** What a log source read and how (the LogSource port's `info()`). */
export interface SourceInfo {
  /** `file:<path>` or `cloud-logging:<project>`. */
  source: string;
  /** The exact Logging query used ('' for a file). */
  query: string;
  /** 1 when everything was read; below 1 when entries were sampled. */
  sampleFraction: number;
  /** Entries that could not be parsed at all (bad JSON line, truncated file), with reasons. */
  unreadable: Record<string, number>;
  /** Human notes for the worklog: waits on quota, sampling decisions, retries. */
  notes: string[];
  requests: number;
  /** The window the source read (Cloud Logging fixes it when the read starts). */
  window?: { start: number; end: number };
  /** The query without a sample clause: what Logs Explorer links use. */
  baseQuery?: string;
}
