/**
 * One raw Cloud Logging LogEntry (as `gcloud logging read --format=json` prints it, or as the
 * REST API returns it) → LogRecord. Never throws: malformed fields are ignored, and an entry
 * that cannot be placed in time is skipped with a reason. Hot path (a million entries):
 * no regex over whole payloads, no intermediate objects beyond the record itself.
 */
import { cleanText } from './clean-text.js';
import { SEVERITY_NUMBER, type LogRecord, type Severity } from './log-record.js';
import { readHttpRequest } from './normalize-http.js';
import { readJsonPayload, readProtoPayload, readTextPayload, type PayloadInfo } from './normalize-payload.js';
import { readResource, shortLogName } from './normalize-resource.js';
import { looksLikeError } from './normalize-trace.js';

export type NormalizeResult = LogRecord | { skip: string };

type Dict = Record<string, unknown>;

const SEVERITY_ALIASES: Record<string, Severity> = {
  WARN: 'WARNING',
  ERR: 'ERROR',
  FATAL: 'CRITICAL',
  CRIT: 'CRITICAL',
  TRACE: 'DEBUG',
  INFORMATION: 'INFO',
  EMERG: 'EMERGENCY',
  PANIC: 'EMERGENCY',
};

const EMPTY_PAYLOAD: PayloadInfo = { message: '', stack: '', errorType: '', level: '', structuredError: false };

export function normalizeEntry(raw: unknown): NormalizeResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { skip: 'not an object' };
  const entry = raw as Dict;
  const timestamp = parseTimestamp(entry.timestamp) ?? parseTimestamp(entry.receiveTimestamp);
  if (timestamp === undefined) return { skip: 'no timestamp' };

  const payload = readPayload(entry);
  const http = readHttpRequest(entry.httpRequest);
  const logName = shortLogName(entry.logName);
  const resource = readResource(entry.resource, entry.labels);

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

  let message = cleanText(payload.message);
  if (message === '' && http) message = `${http.method} ${http.path} ${http.status}`;
  const insertId =
    typeof entry.insertId === 'string' && entry.insertId !== ''
      ? entry.insertId
      : syntheticInsertId(timestamp, logName, resource.service, message, payload.stack);

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
  };
  if (http) record.http = http;
  return record;
}

export function isSkip(result: NormalizeResult): result is { skip: string } {
  return (result as { skip?: unknown }).skip !== undefined;
}

function readPayload(entry: Dict): PayloadInfo {
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
    const ms = Date.parse(value);
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
 * Names in any case, aliases (`warn`, `fatal`), LogSeverity numbers (500 → ERROR, 550 → ERROR),
 * and, inside a payload, pino/bunyan levels (50 → ERROR).
 */
export function parseSeverity(value: unknown, fromPayload: boolean): Severity {
  if (typeof value === 'string') {
    if (value === '') return 'DEFAULT';
    const upper = value.toUpperCase();
    if (upper in SEVERITY_NUMBER) return upper as Severity;
    const alias = SEVERITY_ALIASES[upper];
    if (alias) return alias;
    const number = Number(value);
    return Number.isFinite(number) ? parseSeverity(number, fromPayload) : 'DEFAULT';
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'DEFAULT';
  if (fromPayload && value > 0 && value < 100) return pinoLevel(value);
  if (value >= 800) return 'EMERGENCY';
  if (value >= 700) return 'ALERT';
  if (value >= 600) return 'CRITICAL';
  if (value >= 500) return 'ERROR';
  if (value >= 400) return 'WARNING';
  if (value >= 300) return 'NOTICE';
  if (value >= 200) return 'INFO';
  if (value >= 100) return 'DEBUG';
  return 'DEFAULT';
}

function pinoLevel(level: number): Severity {
  if (level >= 60) return 'CRITICAL';
  if (level >= 50) return 'ERROR';
  if (level >= 40) return 'WARNING';
  if (level >= 30) return 'INFO';
  return 'DEBUG';
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
