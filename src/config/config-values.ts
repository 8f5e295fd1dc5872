/** Parsers for input values. Each returns the value or an error message naming the fix. */
import { formatCount } from '../core/markdown/format.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90s`, `30m`, `1h`, `2d`, `1w`, or combinations like `1h30m`. */
export function parseDuration(text: string): Parsed<number> {
  const s = text.trim().toLowerCase();
  if (!/^(\d+[smhdw])+$/.test(s))
    return fail(`'${text}' is not a duration: use a number and a unit s, m, h, d or w, e.g. 30m, 1h, 2d`);
  let total = 0;
  for (const [, n, unit] of s.matchAll(/(\d+)([smhdw])/g)) total += Number(n) * UNIT_MS[unit];
  if (total <= 0) return fail(`'${text}' is zero: give a positive duration, e.g. 1h`);
  return ok(total);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** RFC 3339 with a zone, e.g. 2026-11-30T09:00:00Z; returns epoch ms. */
export function parseTime(text: string): Parsed<number> {
  const s = text.trim();
  const ms = RFC3339.test(s) ? Date.parse(s.replace(' ', 'T')) : NaN;
  if (Number.isNaN(ms)) return fail(`'${text}' is not an RFC 3339 time with a zone: use e.g. 2026-11-30T09:00:00Z`);
  return ok(ms);
}

/** The same words @actions/core's getBooleanInput accepts (YAML 1.2 core schema). */
export function parseBoolean(text: string): Parsed<boolean> {
  if (['true', 'True', 'TRUE'].includes(text.trim())) return ok(true);
  if (['false', 'False', 'FALSE'].includes(text.trim())) return ok(false);
  return fail(`'${text}' is not a boolean: use true or false`);
}

export function parsePositiveInt(text: string, max = Number.MAX_SAFE_INTEGER): Parsed<number> {
  const s = text.trim();
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > max) {
    return fail(`'${text}' is not a whole number from 1 to ${formatCount(max)}`);
  }
  return ok(Number(s));
}

export function parseNonNegativeInt(text: string, max = Number.MAX_SAFE_INTEGER): Parsed<number> {
  const s = text.trim();
  if (!/^\d+$/.test(s) || Number(s) > max) return fail(`'${text}' is not a whole number from 0 to ${max}`);
  return ok(Number(s));
}

/** Comma or newline separated, trimmed, empties dropped, duplicates removed. */
export function parseList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

export function oneOf<T extends string>(text: string, allowed: readonly T[]): Parsed<T> {
  const s = text.trim();
  const found = allowed.find((a) => a.toLowerCase() === s.toLowerCase());
  return found ? ok(found) : fail(`'${text}' is not one of ${allowed.join(', ')}`);
}

/** True for `http://127.0.0.1:…`, `http://localhost:…`, `http://[::1]:…` — plain http is allowed only there. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(host);
}

/** A base URL: https anywhere, plain http only for loopback hosts (tests, local proxies). */
export function parseEndpoint(text: string): Parsed<string> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return fail(`'${text}' is not a URL: use e.g. https://logging.googleapis.com`);
  }
  if (url.protocol === 'http:' && !isLoopbackUrl(url.toString())) {
    return fail(`'${text}' uses plain http: only loopback hosts (127.0.0.1, localhost, [::1]) may; use https`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(`'${text}' must start with https://`);
  if (url.search || url.hash) return fail(`'${text}' must be a base URL without ?query or #fragment`);
  return ok(url.toString().replace(/\/+$/, ''));
}
