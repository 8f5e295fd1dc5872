/**
 * Peeling: when a window is over the read budget, the few problems that flood it are excluded
 * from the rest of the read with a Logging query clause built from their service and constant
 * text, and everything else is read whole. A flooding problem's count is then estimated from the
 * sample it was found in; every other problem's count is exact, however rare it is.
 *
 * Pure: the adapter reads the sample and clusters it with the product's own normaliser and
 * clusterer; this module chooses what to peel from those clusters, writes the clauses, and
 * evaluates them on an entry the way Cloud Logging does (string comparisons are not case
 * sensitive, `:` is a substring match, a missing field fails the comparison), so that the sampled
 * entries are split exactly as the server splits the window.
 * Query language: https://cloud.google.com/logging/docs/view/logging-query-language
 */
import { LOGGING_FILTER_LIMIT, quote } from './logging-query.js';

/** Payload fields a flood's constant text is looked for in, in this order. */
export const TEXT_FIELDS = [
  'textPayload',
  'jsonPayload.message',
  'jsonPayload.msg',
  'jsonPayload.error',
  'jsonPayload.err',
] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/**
 * Sampled members a problem needs before it is peeled: its count is estimated from them, and with
 * n members the estimate's relative standard error is about 1/√n (300: under 6 %).
 */
export const MIN_PEEL_SAMPLE = 300;
/** Peel until the remainder is estimated at this share of the budget: room for the estimate's error. */
export const REMAINDER_SHARE = 0.8;
/** The shortest constant text a clause matches on: shorter runs are too common to be specific. */
const MIN_RUN_CHARS = 12;
const MAX_RUN_CHARS = 300;
/** Lines and words per line of the first member searched for the run (a traceback has many). */
const MAX_LINES = 20;
const MAX_WORDS = 60;
/** Members whose text the constant run must appear in (spread over the sample). */
const MEMBERS_CHECKED = 50;
/** Of the problem's sampled members, the share its clause must select. */
const MIN_COVERAGE = 0.5;

type Entry = Record<string, unknown>;

/** One problem of the sample: the entries the clusterer put in it. */
export interface PeelCandidate {
  /** The cluster's fingerprint. */
  key: string;
  title: string;
  /** Request problems are peeled by status, others by text. */
  kind: 'request' | 'text';
  /** LogRecord.selector of the members, '' when they differ or name none. */
  selector: string;
  /** HTTP status of request problems. */
  status?: number;
  members: Entry[];
}

/** A problem excluded from the rest of the read. */
export interface Peel {
  key: string;
  title: string;
  /** `NOT (…)`: what is ANDed to the query. */
  clause: string;
  /** True when the clause's parenthesised condition selects the entry (the peel covers it). */
  covers(entry: Entry): boolean;
  /** Sampled entries it covers. */
  sampled: number;
}

export interface PeelChoice {
  peels: Peel[];
  /** The sampled entries each peel covers, by peel key. */
  covered: Map<string, Entry[]>;
  /** Sampled entries no peel covers. */
  rest: number;
}

/**
 * Chooses the problems to peel, largest first, until the remainder of the sample, scaled by
 * 1/fraction, is under REMAINDER_SHARE of the budget. A clause is kept only when it selects most
 * of its problem's sampled members and nothing of a problem too small to be peeled itself: a rare
 * error excluded by mistake would only be estimated, never lost, but it must stay exact.
 */
export function choosePeels(input: {
  candidates: PeelCandidate[];
  sample: { entry: Entry; key: string }[];
  fraction: number;
  budget: number;
  /** Characters the clauses may add to the query. */
  room: number;
}): PeelChoice {
  const sizes = new Map(input.candidates.map((c) => [c.key, c.members.length]));
  const open = new Set(input.sample.map((_, i) => i));
  const peels: Peel[] = [];
  const covered = new Map<string, Entry[]>();
  let room = input.room;
  const ordered = [...input.candidates].sort((a, b) => b.members.length - a.members.length);
  for (const candidate of ordered) {
    if (open.size / input.fraction <= REMAINDER_SHARE * input.budget) break;
    if (candidate.members.length < MIN_PEEL_SAMPLE) break;
    const peel = buildPeel(candidate);
    if (!peel || peel.clause.length + 1 > room) continue;
    const hits = [...open].filter((i) => peel.covers(input.sample[i]!.entry));
    const own = hits.filter((i) => input.sample[i]!.key === candidate.key).length;
    const swallowsRare = hits.some((i) => (sizes.get(input.sample[i]!.key) ?? 0) < MIN_PEEL_SAMPLE);
    if (swallowsRare || own < MIN_COVERAGE * candidate.members.length) continue;
    for (const i of hits) open.delete(i);
    peels.push({ ...peel, sampled: hits.length });
    covered.set(
      peel.key,
      hits.map((i) => input.sample[i]!.entry),
    );
    room -= peel.clause.length + 1;
  }
  return { peels, covered, rest: open.size };
}

/** The query with the peels' clauses ANDed, one a line. */
export function withPeels(query: string, peels: Peel[]): string {
  return [query, ...peels.map((p) => p.clause)].join('\n');
}

/** Room the clauses may take in a query: the filter limit less the query and a sample clause. */
export function peelRoom(query: string): number {
  return LOGGING_FILTER_LIMIT - query.length - 40;
}

/** The clause excluding a problem, or undefined when none selects it safely. */
export function buildPeel(candidate: PeelCandidate): Omit<Peel, 'sampled'> | undefined {
  const scope = selectorPairs(candidate.selector);
  if (!scope || scope.length === 0 || candidate.members.length === 0) return undefined;
  const scopeText = scope.map(([field, value]) => `${field}=${quote(value)}`);
  const inScope = (entry: Entry) =>
    scope.every(([field, value]) => stringAt(entry, field)?.toLowerCase() === value.toLowerCase());
  if (candidate.kind === 'request' && candidate.status !== undefined) {
    const status = candidate.status;
    return {
      key: candidate.key,
      title: candidate.title,
      clause: `NOT (${[...scopeText, `httpRequest.status=${status}`].join(' AND ')})`,
      covers: (entry) => inScope(entry) && Number(valueAt(entry, 'httpRequest.status')) === status,
    };
  }
  const first = candidate.members[0]!;
  const field = TEXT_FIELDS.find((f) => typeof valueAt(first, f) === 'string');
  if (!field) return undefined;
  const texts = spread(candidate.members, MEMBERS_CHECKED).map((m) => stringAt(m, field));
  if (texts.some((t) => t === undefined)) return undefined;
  const run = constantRun(texts as string[]);
  if (!run) return undefined;
  const needle = run.toLowerCase();
  return {
    key: candidate.key,
    title: candidate.title,
    clause: `NOT (${[...scopeText, `${field}:${quote(run)}`].join(' AND ')})`,
    covers: (entry) => inScope(entry) && hasText(entry, field, needle),
  };
}

/**
 * The longest run of whole words, within one line of the first text, that every text contains
 * (compared without case, as `:` does); '' when none is MIN_RUN_CHARS long. A flood's variable
 * parts (ids, counts, times) break the runs, so what is left is the constant text the code wrote.
 */
export function constantRun(texts: string[]): string {
  const [first, ...others] = texts;
  if (first === undefined) return '';
  const lowered = others.map((t) => t.toLowerCase());
  let best = '';
  for (const line of first.split('\n').slice(0, MAX_LINES)) {
    const words = [...line.matchAll(/\S+/g)]
      .slice(0, MAX_WORDS)
      .map((m) => ({ start: m.index, end: m.index + m[0].length }));
    for (let i = 0; i < words.length; i++) {
      // Longest first from each start: the first run found everywhere is the longest from there.
      for (let j = words.length - 1; j >= i; j--) {
        const run = line.slice(words[i]!.start, words[j]!.end);
        if (run.length <= best.length) break;
        if (run.length > MAX_RUN_CHARS) continue;
        const needle = run.toLowerCase();
        if (lowered.every((t) => t.includes(needle))) {
          best = run;
          break;
        }
      }
    }
  }
  return best.length >= MIN_RUN_CHARS ? best : '';
}

/** `resource.type="x" resource.labels.y="z"` → pairs; undefined when anything else is in it. */
export function selectorPairs(selector: string): [string, string][] | undefined {
  const pairs: [string, string][] = [];
  const pattern = /\s*([A-Za-z_][\w.]*)="((?:[^"\\]|\\.)*)"/y;
  let at = 0;
  while (at < selector.trim().length) {
    pattern.lastIndex = at;
    const m = pattern.exec(selector);
    if (!m) return undefined;
    pairs.push([m[1]!, m[2]!.replace(/\\(.)/g, '$1')]);
    at = pattern.lastIndex;
  }
  return pairs;
}

function hasText(entry: Entry, field: TextField, needle: string): boolean {
  const text = stringAt(entry, field);
  return text !== undefined && text.toLowerCase().includes(needle);
}

function valueAt(entry: Entry, path: string): unknown {
  let value: unknown = entry;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function stringAt(entry: Entry, path: string): string | undefined {
  const value = valueAt(entry, path);
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Up to n items spread evenly over the list (first and last included). */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))]!);
}
