/** A Cloud Logging entry after normalisation: the one shape the pure core works on. */

export const SEVERITIES = [
  'DEFAULT',
  'DEBUG',
  'INFO',
  'NOTICE',
  'WARNING',
  'ERROR',
  'CRITICAL',
  'ALERT',
  'EMERGENCY',
] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Cloud Logging's numeric severities (LogSeverity enum). */
export const SEVERITY_NUMBER: Record<Severity, number> = {
  DEFAULT: 0,
  DEBUG: 100,
  INFO: 200,
  NOTICE: 300,
  WARNING: 400,
  ERROR: 500,
  CRITICAL: 600,
  ALERT: 700,
  EMERGENCY: 800,
};

export function severityRank(severity: Severity): number {
  return SEVERITY_NUMBER[severity];
}

export interface HttpInfo {
  method: string;
  /** Full request URL as logged (redacted before it reaches here). */
  url: string;
  /** Path part of the URL, without query string. */
  path: string;
  /** HTTP status; 0 when the request was not answered. */
  status: number;
  latencyMs?: number;
  userAgent?: string;
}

export interface LogRecord {
  insertId: string;
  /** Epoch milliseconds. */
  timestamp: number;
  severity: Severity;
  /** True when the entry had no severity and one was derived (stderr that looks like an error). */
  severityInferred: boolean;
  /** Monitored resource type: cloud_run_revision, k8s_container, cloud_function, … */
  resourceType: string;
  /** Cloud Run service, GKE container, or function name; '' when unknown. */
  service: string;
  /** Cloud Run revision / pod / function version; '' when unknown. */
  revision: string;
  /** Instance id when logged; '' when unknown. */
  instance: string;
  /** Short log id, e.g. `run.googleapis.com/stderr`, `run.googleapis.com/requests`. */
  logName: string;
  /** The human message: first line of a traceback's summary or the whole text. */
  message: string;
  /** Stack trace text ('' when none). */
  stack: string;
  /** Exception type from a structured payload ('' when not given). */
  errorType: string;
  http?: HttpInfo;
  /** `sourceLocation` as `file:line function`, '' when absent. */
  sourceLocation: string;
}
