/** LogEntry.httpRequest → HttpInfo. */
import { cleanText } from './clean-text.js';
import type { HttpInfo } from '../model/log-record.js';

/**
 * Returns undefined when there is no usable request (no method and no URL). `counted`: the
 * request is only counted (normalizeEntry's countedBelow), so latency and user agent are not read.
 */
export function readHttpRequest(raw: unknown, counted = false): HttpInfo | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const req = raw as Record<string, unknown>;
  const method = typeof req.requestMethod === 'string' ? cleanText(req.requestMethod) : '';
  const url = typeof req.requestUrl === 'string' ? cleanText(req.requestUrl) : '';
  if (method === '' && url === '') return undefined;
  const info: HttpInfo = { method, url, path: extractPath(url), status: readStatus(req.status) };
  if (counted) return info;
  const latencyMs = parseLatency(req.latency);
  if (latencyMs !== undefined) info.latencyMs = latencyMs;
  if (typeof req.userAgent === 'string') info.userAgent = cleanText(req.userAgent);
  return info;
}

/**
 * What a load balancer's `LoadBalancerLogEntry` payload says about a request, as a suffix for its
 * message: ` denied_by_security_policy (security policy test-armor-policy)`, ` backend_timeout`;
 * '' when it says nothing (or the payload is not an object).
 */
export function loadBalancerDetails(payload: unknown): string {
  if (payload === null || typeof payload !== 'object') return '';
  const { statusDetails, enforcedSecurityPolicy } = payload as Record<string, unknown>;
  let out = typeof statusDetails === 'string' && statusDetails !== '' ? ` ${cleanText(statusDetails)}` : '';
  if (enforcedSecurityPolicy !== null && typeof enforcedSecurityPolicy === 'object') {
    const { name, outcome } = enforcedSecurityPolicy as Record<string, unknown>;
    if (typeof name === 'string' && name !== '' && outcome !== 'ACCEPT') out += ` (security policy ${cleanText(name)})`;
  }
  return out;
}

function readStatus(value: unknown): number {
  const status = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : 0;
  return Number.isInteger(status) && status >= 0 && status < 1000 ? status : 0;
}

/**
 * The path of an absolute or relative URL, without query or fragment. Hand-rolled because
 * `new URL` throws on the relative and malformed URLs real logs contain, and allocates more.
 */
export function extractPath(url: string): string {
  let start = 0;
  const scheme = url.indexOf('://');
  if (scheme >= 0 && scheme < 10) {
    const slash = url.indexOf('/', scheme + 3);
    if (slash < 0) return '/';
    start = slash;
  }
  let end = url.length;
  const query = url.indexOf('?', start);
  if (query >= 0) end = query;
  const hash = url.indexOf('#', start);
  if (hash >= 0 && hash < end) end = hash;
  const path = url.slice(start, end);
  return path === '' ? '/' : path;
}

/** `"0.123s"` (protobuf Duration as JSON) or `{seconds, nanos}` → milliseconds. */
export function parseLatency(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const micros = parseSimpleSeconds(value);
    if (micros !== undefined) return micros / 1e3;
    if (!value.endsWith('s')) return undefined;
    const seconds = Number(value.slice(0, -1));
    return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1e6) / 1e3 : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const { seconds, nanos } = value as { seconds?: unknown; nanos?: unknown };
    const s = Number(seconds ?? 0);
    const n = Number(nanos ?? 0);
    if (Number.isFinite(s) && Number.isFinite(n)) return Math.round(s * 1e6 + n / 1e3) / 1e3;
  }
  return undefined;
}

/**
 * `"0.020174s"`, the shape Cloud Logging writes, in whole microseconds without Number() on a
 * slice. Only up to 9 integer and 6 fraction digits: then the result is exactly what the
 * general path computes (seconds × 1e6 is within far less than 0.5 of this integer, so
 * Math.round lands on it). Anything else is left to the general path.
 */
function parseSimpleSeconds(text: string): number | undefined {
  const length = text.length;
  if (length < 2 || text.charCodeAt(length - 1) !== 115) return undefined;
  let whole = 0;
  let i = 0;
  for (; i < length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) break;
    whole = whole * 10 + code - 48;
  }
  if (i === 0 || i > 9) return undefined;
  let fraction = 0;
  let digits = 0;
  if (i < length - 1) {
    if (text.charCodeAt(i) !== 46) return undefined;
    for (i++; i < length - 1; i++) {
      const code = text.charCodeAt(i);
      if (code < 48 || code > 57 || ++digits > 6) return undefined;
      fraction = fraction * 10 + code - 48;
    }
    if (digits === 0) return undefined;
  }
  for (; digits < 6; digits++) fraction *= 10;
  return whole * 1e6 + fraction;
}
