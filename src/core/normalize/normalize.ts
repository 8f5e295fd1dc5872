/**
 * One raw Cloud Logging LogEntry (as `gcloud logging read --format=json` prints it, or as the
 * REST API returns it) → LogRecord. Never throws: malformed fields are ignored, and an entry
 * that cannot be placed in time is skipped with a reason. Hot path (a million entries):
 * no regex over whole payloads, no intermediate objects beyond the record itself.
 */
import { cleanText } from './clean-text.js';
import { severityRank, type LogRecord } from '../model/log-record.js';
import { parseSeverity } from '../model/severity.js';
import { loadBalancerDetails, readHttpRequest } from './normalize-http.js';
import { readJsonPayload, readTextPayload, type PayloadInfo } from './normalize-payload.js';
import { readProtoPayload, type ProtoPayloadInfo } from './normalize-proto.js';
import { readResource, shortLogName } from './normalize-resource.js';
import { looksLikeError } from './normalize-trace.js';

export type NormalizeResult = LogRecord | { skip: string };

type Dict = Record<string, unknown>;

const EMPTY_PAYLOAD: PayloadInfo = { message: '', stack: '', errorType: '', level: '', structuredError: false };
const WARNING_RANK = severityRank('WARNING');

/**
 * `countedBelow`: the severity rank below which a request log is only counted (the service
 * status), never analysed: garden.ts drops it right after. Such a record skips what only
 * analysis reads: the request line as its message (`GET /path 200`, a problem's title; a
 * payload's own message is kept), the latency and the user agent. On Cloud Run most entries
 * are such requests.
 */
export function normalizeEntry(raw: unknown, countedBelow = -1): NormalizeResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { skip: 'not an object' };
  const entry = raw as Dict;
  const timestamp = parseTimestamp(entry.timestamp) ?? parseTimestamp(entry.receiveTimestamp);
  if (timestamp === undefined) return { skip: 'no timestamp' };

  const payload: ProtoPayloadInfo = readPayload(entry);
  const logName = shortLogName(entry.logName);
  const audit = payload.audit;
  const resource = readResource(entry.resource, entry.labels, logName, audit);

  let severity = parseSeverity(entry.severity, false);
  let severityInferred = false;
  if (severity === 'DEFAULT') {
    const level = payload.level === '' ? 'DEFAULT' : parseSeverity(payload.level, true);
    if (level !== 'DEFAULT') {
      severity = level;
    } else if (isErrorWithoutSeverity(logName, payload)) {
      // Runtimes write tracebacks to stderr with no severity; they are errors all the same.
      severity = 'ERROR';
      severityInferred = true;
    }
  }

  // A failed audited call is a problem whatever level it was logged at (GKE writes none).
  if (audit && audit.code !== 0 && severityRank(severity) < WARNING_RANK) {
    severity = 'ERROR';
    severityInferred = true;
  }

  const counted = severityRank(severity) < countedBelow;
  // An App Engine request log's own request is richer than its httpRequest (status only).
  const http = payload.http ?? readHttpRequest(entry.httpRequest, counted);
  let message = cleanText(payload.message);
  if (http && !counted && (message === '' || isLoadBalancer(resource.resourceType, entry.jsonPayload))) {
    message = `${http.method} ${http.path} ${http.status}${loadBalancerDetails(entry.jsonPayload)}`;
  }
  const insertId =
    typeof entry.insertId === 'string' && entry.insertId !== ''
      ? entry.insertId
      : syntheticInsertId(timestamp, logName, resource.service, message, payload.stack + (payload.context ?? ''));

  const record: LogRecord = {
    insertId,
    timestamp,
    severity,
    severityInferred,
    resourceType: resource.resourceType,
    service: resource.service,
    revision: resource.revision,
    instance: resource.instance,
    logName,
    message,
    stack: cleanText(payload.stack),
    errorType: cleanText(payload.errorType),
    sourceLocation: readSourceLocation(entry.sourceLocation, entry.jsonPayload),
    // Always set ('' when the entry names no resource type): one record shape keeps the later stages monomorphic.
    selector: resource.selector,
  };
  if (http) record.http = http;
  if (audit) record.audit = audit;
  if (payload.context) record.context = cleanText(payload.context);
  const errorGroup = readErrorGroup(entry.errorGroups);
  if (errorGroup) record.errorGroup = errorGroup;
  if (typeof entry.trace === 'string' && entry.trace !== '' && entry.trace.length <= 300) record.trace = entry.trace;
  return record;
}

/** A load balancer request log: its payload has no message, only what the balancer decided. */
function isLoadBalancer(resourceType: string, jsonPayload: unknown): boolean {
  if (resourceType === 'http_load_balancer' || resourceType.endsWith('_lb_rule')) return true;
  const type = jsonPayload !== null && typeof jsonPayload === 'object' ? (jsonPayload as Dict)['@type'] : undefined;
  return typeof type === 'string' && type.endsWith('LoadBalancerLogEntry');
}

/** `errorGroups: [{ id }]`: Error Reporting's own grouping, which Cloud Logging attaches. */
function readErrorGroup(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) return '';
  const id = (value[0] as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length <= 200 ? id : '';
}

export function isSkip(result: NormalizeResult): result is { skip: string } {
  return (result as { skip?: unknown }).skip !== undefined;
}

function readPayload(entry: Dict): ProtoPayloadInfo {
  if (typeof entry.textPayload === 'string') return readTextPayload(entry.textPayload);
  const json = entry.jsonPayload;
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) return readJsonPayload(json as Dict);
  const proto = entry.protoPayload;
  if (proto !== null && typeof proto === 'object' && !Array.isArray(proto)) return readProtoPayload(proto as Dict);
  return EMPTY_PAYLOAD;
}

function isErrorWithoutSeverity(logName: string, payload: PayloadInfo): boolean {
  if (payload.structuredError) return true;
  if (!logName.endsWith('stderr')) return false;
  return payload.stack !== '' || looksLikeError(payload.message);
}

/** RFC 3339 with any fraction (Date.parse keeps milliseconds), `{seconds, nanos}`, or epoch ms. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const ms = parseRfc3339(value) ?? Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value !== null && typeof value === 'object') {
    const { seconds, nanos } = value as { seconds?: unknown; nanos?: unknown };
    const s = Number(seconds);
    const n = Number(nanos ?? 0);
    if (seconds !== undefined && Number.isFinite(s) && Number.isFinite(n)) return s * 1000 + Math.floor(n / 1e6);
  }
  return undefined;
}

/**
 * `2026-11-30T09:00:00.000553931Z` / `...+01:00`, the shape every LogEntry has, without
 * Date.parse (3 % of a run). Gives exactly Date.parse's result (milliseconds truncated, an
 * out-of-month day rolling over as in Date.parse); any other shape or range, including hour
 * 24 and two-digit years, returns undefined and is left to Date.parse.
 */
function parseRfc3339(text: string): number | undefined {
  const length = text.length;
  if (length < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84)
    return undefined;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let at = 19;
  let ms = 0;
  if (text.charCodeAt(at) === 46) {
    // Date.parse keeps the first three fraction digits and ignores the rest.
    const start = ++at;
    while (at < length && isDigit(text.charCodeAt(at))) at++;
    if (at === start) return undefined;
    for (let i = start; i < start + 3; i++) ms = ms * 10 + (i < at ? text.charCodeAt(i) - 48 : 0);
  }
  let offsetMinutes = 0;
  const zone = text.charCodeAt(at);
  if (zone === 90) {
    if (at + 1 !== length) return undefined;
  } else if (zone === 43 || zone === 45) {
    if (at + 6 !== length || text.charCodeAt(at + 3) !== 58) return undefined;
    const zoneHour = digits(text, at + 1, 2);
    const zoneMinute = digits(text, at + 4, 2);
    if (zoneHour < 0 || zoneHour > 23 || zoneMinute < 0 || zoneMinute > 59) return undefined;
    offsetMinutes = (zone === 43 ? 1 : -1) * (zoneHour * 60 + zoneMinute);
  } else return undefined;
  const days = daysFromCivil(year, month, day);
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + ms;
}

/** Days since 1970-01-01 of a proleptic Gregorian date; a day past the month's end rolls over, as in Date.UTC. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The decimal number in text[from, from + count), or -1 when a character is not a digit. */
function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    n = n * 10 + code - 48;
  }
  return n;
}

/** `sourceLocation` ({file, line, function}), also when still inside the JSON payload. */
function readSourceLocation(value: unknown, jsonPayload: unknown): string {
  let location = value;
  if ((location === undefined || location === null) && jsonPayload !== null && typeof jsonPayload === 'object') {
    location = (jsonPayload as Dict)['logging.googleapis.com/sourceLocation'];
  }
  if (location === null || typeof location !== 'object') return '';
  const { file, line, function: fn } = location as { file?: unknown; line?: unknown; function?: unknown };
  const fileText = typeof file === 'string' ? file : '';
  if (fileText === '' && typeof fn !== 'string') return '';
  const lineText = typeof line === 'string' || typeof line === 'number' ? `:${line}` : '';
  const fnText = typeof fn === 'string' && fn !== '' ? ` ${fn}` : '';
  return `${fileText}${lineText}${fnText}`.trim();
}

/** Stable across runs for the same entry: FNV-1a (two 32-bit lanes) of time and content. */
function syntheticInsertId(
  timestamp: number,
  logName: string,
  service: string,
  message: string,
  stack: string,
): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const parts = [String(timestamp), logName, service, message, stack];
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const code = part.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 13);
    }
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x01000193);
  }
  return `synthetic-${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}
