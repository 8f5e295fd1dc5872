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

/** A Cloud Audit Logs call (`protoPayload` of type `google.cloud.audit.AuditLog`). */
export interface AuditInfo {
  /** `serviceName`, the API called: `run.googleapis.com`, `k8s.io`, `compute.googleapis.com`. */
  service: string;
  /** `methodName`, whole: `google.cloud.run.v1.Services.ReplaceService`, `v1.compute.subnetworks.patch`. */
  method: string;
  /** `status.code` (google.rpc.Code); 0 when the call succeeded or the status is absent. */
  code: number;
  /** `status.message`, '' when none. */
  statusMessage: string;
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
  /**
   * The name a human uses for what wrote the entry, stable across deploys and windows (no pod
   * hash, version or instance id): Cloud Run service or job, function, GKE `namespace/container`,
   * App Engine module, GCE instance name, load balancer backend service, Cloud SQL instance, the
   * API of an audit log (`storage.googleapis.com`); '' when unknown. Per resource type in
   * normalize-resource.ts.
   */
  service: string;
  /** Cloud Run revision / pod / App Engine version / job execution; '' when unknown. */
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
  /** Error Reporting's group id (`errorGroups[0].id`) when Cloud Logging attached one. */
  errorGroup?: string;
  /**
   * Every entry's insertId when this record re-assembles several (a trace printed line by line);
   * absent for a record of one entry. The record then counts as that many entries.
   */
  memberIds?: string[];
  /**
   * A re-assembled event's own lines around its trace (a server's `Worker failed to boot`,
   * `Application startup failed. Exiting.`): what the rules read to know a crash stops a start.
   */
  context?: string;
  /**
   * Logging query clauses (space-separated, so ANDed) that select this entry's resource and
   * service, e.g. `resource.type="k8s_container" resource.labels.namespace_name="shop"
   * resource.labels.container_name="payments-api"`; audit entries add the service and method.
   * For Logs Explorer links. '' when the entry names no resource type (optional for hand-built records).
   */
  selector?: string;
  /** Set on audit log entries only. */
  audit?: AuditInfo;
  /** `trace` (`projects/P/traces/ID`) when logged: links a request's entries across services (correlate). */
  trace?: string;
}
