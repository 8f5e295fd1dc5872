/** Validation of the rules file's smaller sections (ignore, grouping, services) and shared readers. */
import type { GroupingRule, SplitField } from '../model/cluster-types.js';
import type { IgnoreRule, ServiceSettings } from './rule-types.js';

const SPLIT_FIELDS: readonly SplitField[] = ['service', 'revision', 'logName', 'resourceType', 'status', 'severity'];

type Dict = Record<string, unknown>;

export function isDict(value: unknown): value is Dict {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
}

/** Reports one error; `count` lets a reader tell whether its part added any. */
export interface Fail {
  (path: string, message: string): void;
  count: number;
}

export function readList(value: unknown, path: string, fail: Fail): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    fail(path, `expected a list (YAML \`- item\` lines); got ${show(value)}`);
    return [];
  }
  return value;
}

/** `503`, `"5xx"`, `"500-599"` or `[500, 599]` → inclusive range. */
export function parseStatusRange(value: unknown): [number, number] | undefined {
  const valid = (n: number) => Number.isInteger(n) && n >= 100 && n <= 599;
  if (typeof value === 'number') return valid(value) ? [value, value] : undefined;
  if (Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number' && valid(n))) {
    const [lo, hi] = value as [number, number];
    return lo <= hi ? [lo, hi] : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  const family = /^([1-5])xx$/.exec(text);
  if (family) return [Number(family[1]) * 100, Number(family[1]) * 100 + 99];
  const range = /^(\d{3})\s*-\s*(\d{3})$/.exec(text);
  if (range) return parseStatusRange([Number(range[1]), Number(range[2])]);
  return /^\d{3}$/.test(text) ? parseStatusRange(Number(text)) : undefined;
}

export function checkRegex(value: unknown, path: string, fail: Fail): boolean {
  if (typeof value !== 'string' || value === '') {
    fail(path, `expected a regular expression as text; got ${show(value)}`);
    return false;
  }
  try {
    new RegExp(value, 'i');
    return true;
  } catch (error) {
    fail(
      path,
      `invalid regular expression ${show(value)}: ${(error as Error).message}. JavaScript syntax; escape special characters with \\\\`,
    );
    return false;
  }
}

export function readStrings(value: unknown, path: string, fail: Fail): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  fail(path, `expected a list of texts; got ${show(value)}`);
  return [];
}

export function readIgnore(item: unknown, path: string, fail: Fail): IgnoreRule[] {
  if (typeof item === 'string') return checkRegex(item, path, fail) ? [{ match: item }] : [];
  if (!isDict(item)) {
    fail(path, `expected a regular expression or a mapping {match, service}; got ${show(item)}`);
    return [];
  }
  let ok = true;
  for (const key of Object.keys(item)) {
    if (key !== 'match' && key !== 'service') {
      fail(`${path}.${key}`, 'unknown key; use match and service');
      ok = false;
    }
  }
  ok = checkRegex(item.match, `${path}.match`, fail) && ok;
  if (item.service !== undefined) ok = checkRegex(item.service, `${path}.service`, fail) && ok;
  if (!ok) return [];
  return [
    item.service === undefined
      ? { match: item.match as string }
      : { match: item.match as string, service: item.service as string },
  ];
}

export function readGrouping(item: unknown, path: string, fail: Fail): GroupingRule[] {
  if (!isDict(item)) {
    fail(path, `expected a mapping {match, fingerprint} or {match, splitBy}; got ${show(item)}`);
    return [];
  }
  let ok = checkRegex(item.match, `${path}.match`, fail);
  for (const key of Object.keys(item)) {
    if (!['match', 'fingerprint', 'title', 'splitBy'].includes(key)) {
      fail(`${path}.${key}`, 'unknown key; use match with fingerprint (and title) or splitBy');
      ok = false;
    }
  }
  const hasFingerprint = item.fingerprint !== undefined;
  const hasSplit = item.splitBy !== undefined;
  if (hasFingerprint === hasSplit) {
    fail(path, 'give exactly one of fingerprint (merge matching entries) or splitBy (separate them by a field)');
    return [];
  }
  if (hasFingerprint && (typeof item.fingerprint !== 'string' || !/^[\w.-]{1,64}$/.test(item.fingerprint))) {
    fail(`${path}.fingerprint`, `${show(item.fingerprint)}: use 1-64 letters, digits, '.', '_' or '-'`);
    ok = false;
  }
  if (hasSplit && !(SPLIT_FIELDS as readonly unknown[]).includes(item.splitBy)) {
    fail(`${path}.splitBy`, `${show(item.splitBy)} is not one of ${SPLIT_FIELDS.join(', ')}`);
    ok = false;
  }
  if (item.title !== undefined && (!hasFingerprint || typeof item.title !== 'string' || item.title.trim() === '')) {
    fail(`${path}.title`, 'a non-empty text, only with fingerprint (it titles the merged problem)');
    ok = false;
  }
  if (!ok) return [];
  return [
    hasFingerprint
      ? {
          match: item.match as string,
          fingerprint: item.fingerprint as string,
          ...(typeof item.title === 'string' ? { title: item.title.trim().slice(0, 200) } : {}),
        }
      : { match: item.match as string, splitBy: item.splitBy as SplitField },
  ];
}

export function readServices(value: unknown, fail: Fail): Record<string, ServiceSettings> {
  const services: Record<string, ServiceSettings> = {};
  if (value === undefined || value === null) return services;
  if (!isDict(value)) {
    fail('services', `expected a mapping of service name → {labels, assignees}; got ${show(value)}`);
    return services;
  }
  for (const [name, settings] of Object.entries(value)) {
    const path = `services.${name}`;
    if (!isDict(settings)) {
      fail(path, `expected a mapping with labels and/or assignees; got ${show(settings)}`);
      continue;
    }
    for (const key of Object.keys(settings))
      if (key !== 'labels' && key !== 'assignees') fail(`${path}.${key}`, 'unknown key; use labels and assignees');
    const labels = readStrings(settings.labels, `${path}.labels`, fail);
    const assignees = readStrings(settings.assignees, `${path}.assignees`, fail).map((login) =>
      login.replace(/^@/, ''),
    );
    services[name] = { labels, assignees };
  }
  return services;
}
