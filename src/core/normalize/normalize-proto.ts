/**
 * `protoPayload` → message, stack, request and audit call. Two shapes are read as their owners
 * meant them:
 * - App Engine request logs (`google.appengine.logging.v1.RequestLog`): a request (method,
 *   `resource` path, `status`, `latency`) whose problem is its most severe app log line in
 *   `line[]` (a traceback there makes the request one exception, with its http info kept).
 * - Cloud Audit Logs (`google.cloud.audit.AuditLog`): a call of `methodName` on `serviceName`
 *   that failed when `status.code` is set (non-zero), and is routine admin activity otherwise.
 * Anything else gives its method, service or type as the message.
 */
import { cleanText } from './clean-text.js';
import { severityRank, type AuditInfo, type HttpInfo } from '../model/log-record.js';
import { parseSeverity } from '../model/severity.js';
import { extractPath, parseLatency } from './normalize-http.js';
import { readTextPayload, type PayloadInfo } from './normalize-payload.js';

export interface ProtoPayloadInfo extends PayloadInfo {
  /** The request of an App Engine request log. */
  http?: HttpInfo;
  /** The call of an audit log. */
  audit?: AuditInfo;
}

type Dict = Record<string, unknown>;

const REQUEST_LOG = 'google.appengine.logging.v1.RequestLog';
const AUDIT_LOG = 'google.cloud.audit.AuditLog';

/** google.rpc.Code names, for a failed call without a status message and for titles. */
export const RPC_CODE_NAMES: readonly string[] = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

function asDict(value: unknown): Dict | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Dict) : undefined;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function readProtoPayload(payload: Dict): ProtoPayloadInfo {
  const type = str(payload['@type']);
  if (type.endsWith(REQUEST_LOG)) return readRequestLog(payload);
  if (type.endsWith(AUDIT_LOG) || (typeof payload.methodName === 'string' && typeof payload.serviceName === 'string')) {
    return readAuditLog(payload);
  }
  const subject = str(payload.methodName) || str(payload.serviceName) || type || 'protoPayload';
  return { message: subject, stack: '', errorType: '', level: '', structuredError: false };
}

/** The request, and the most severe of its app log lines (the first of equals) as the problem. */
function readRequestLog(payload: Dict): ProtoPayloadInfo {
  const http = readRequestLogHttp(payload);
  const line = mostSevereLine(payload.line);
  const text = line ? str(line.logMessage) : '';
  const info: ProtoPayloadInfo = text
    ? readTextPayload(text)
    : { message: '', stack: '', errorType: '', level: '', structuredError: false };
  if (line && (typeof line.severity === 'string' || typeof line.severity === 'number')) info.level = line.severity;
  if (http) info.http = http;
  return info;
}

function readRequestLogHttp(payload: Dict): HttpInfo | undefined {
  const method = cleanText(str(payload.method));
  const url = cleanText(str(payload.resource));
  if (method === '' && url === '') return undefined;
  const rawStatus = typeof payload.status === 'number' ? payload.status : Number(str(payload.status) || 0);
  const status = Number.isInteger(rawStatus) && rawStatus >= 0 && rawStatus < 1000 ? rawStatus : 0;
  const http: HttpInfo = { method, url, path: extractPath(url), status };
  const latencyMs = parseLatency(payload.latency);
  if (latencyMs !== undefined) http.latencyMs = latencyMs;
  if (typeof payload.userAgent === 'string') http.userAgent = cleanText(payload.userAgent);
  return http;
}

function mostSevereLine(lines: unknown): Dict | undefined {
  if (!Array.isArray(lines)) return undefined;
  let best: Dict | undefined;
  let bestRank = -1;
  for (const item of lines) {
    const line = asDict(item);
    if (!line || str(line.logMessage) === '') continue;
    const rank = severityRankOf(line.severity);
    if (rank > bestRank) {
      best = line;
      bestRank = rank;
    }
  }
  return best;
}

function severityRankOf(value: unknown): number {
  if (typeof value !== 'string' && typeof value !== 'number') return 0;
  return severityRank(parseSeverity(value, false));
}

/**
 * The call, whole: the method name is never cut into words (a `v1` in it is part of the name),
 * and a failure's message is `method: status message` (or the code's name when there is none).
 */
function readAuditLog(payload: Dict): ProtoPayloadInfo {
  const service = cleanText(str(payload.serviceName));
  const method = cleanText(str(payload.methodName));
  const status = asDict(payload.status);
  const rawCode = status ? Number(status.code ?? 0) : 0;
  const code = Number.isInteger(rawCode) && rawCode >= 0 ? rawCode : 0;
  const statusMessage = status ? cleanText(str(status.message)) : '';
  const resource = cleanText(str(payload.resourceName));
  const subject = method || service || 'audit log';
  let message: string;
  if (code !== 0) message = `${subject}: ${statusMessage || (RPC_CODE_NAMES[code] ?? `code ${code}`)}`;
  else if (statusMessage !== '') message = `${subject}: ${statusMessage}`;
  else message = resource !== '' ? `${subject} ${resource}` : subject;
  const audit: AuditInfo = { service, method, code, statusMessage };
  return { message, stack: '', errorType: '', level: '', structuredError: false, audit };
}

/**
 * How an audit record is grouped and named, for the clusterer: by service, method and status
 * code, never by the resource or the principal. The method stays whole in the title (`v1` is part
 * of `google.cloud.run.v1.Services.ReplaceService`), followed by the code's name and the status
 * message (`v1.compute.instances.insert → NOT_FOUND: The resource 'abc' was not found`).
 */
export function describeAudit(audit: AuditInfo): { canonical: string; title: string; grouping: string } {
  const codeName = RPC_CODE_NAMES[audit.code] ?? `code ${audit.code}`;
  const subject = audit.method || audit.service || 'audit log';
  const detail = audit.statusMessage !== '' && audit.statusMessage !== codeName ? `: ${audit.statusMessage}` : '';
  return {
    canonical: `audit\n${audit.service}\n${audit.method}\n${audit.code}`,
    title: `${subject} → ${codeName}${detail}`,
    grouping: `audit: service "${audit.service}", method "${audit.method}", status code ${audit.code} (${codeName})`,
  };
}
