import type { Priority } from '../model/cluster-types.js';
import { PRIORITIES } from '../model/cluster-types.js';

/**
 * The hidden marker that ties an issue to a problem across runs (DESIGN §4).
 *
 * It is the last line of every body the action writes:
 *   <!-- log-gardener:v1 {"fp":"v1:exc:…","first":…,"last":…,"total":…,"lastCount":…,"p":"P1","svc":[…],"windows":[[s,e],…]} -->
 * and carries everything the next run needs, so no other state is kept anywhere:
 * - `fp`: the cluster fingerprint (itself versioned);
 * - `first` / `last`: first and last occurrence ever seen (epoch ms; `last` drives close-after);
 * - `total`: occurrences counted over all runs; `lastCount`: those added by the latest run
 *   that added any (the baseline for a volume jump);
 * - `p`, `svc`: priority and services at the last write (escalation / new-service comments);
 * - `windows`: the time ranges already counted, merged, newest last, so that re-running a
 *   window (or an overlapping one) adds nothing twice;
 * - `members` (optional, issue 13): on an incident's issue, the fingerprints of its problems seen
 *   so far (root and symptoms, sorted): an open issue holding any of them is the incident's issue.
 *   Markers without it (older ones, and problems alone) parse as before.
 * The marker version (`v1`) is separate from the fingerprint version: it versions this format.
 */
export const MARKER_VERSION = 'v1';
/** Enough history to de-duplicate overlapping and re-run windows without growing the body. */
export const MAX_WINDOWS = 24;

export interface MarkerState {
  fp: string;
  first: number;
  last: number;
  total: number;
  lastCount: number;
  p: Priority;
  svc: string[];
  /** Disjoint `[start, end)` ranges, sorted by start. */
  windows: [number, number][];
  /** An incident's member fingerprints, sorted, at most MAX_MEMBERS; absent for a problem alone. */
  members?: string[];
}

export const MAX_MEMBERS = 50;

const MARKER_LINE = /^<!-- log-gardener:(v\d+) (\{.*\}) -->$/;

/**
 * Renders the marker line. `<`, `>` and `&` are JSON-escaped so no value (a service name
 * from a log) can close the comment early or smuggle markup.
 */
export function renderMarker(state: MarkerState): string {
  const json = JSON.stringify({
    fp: state.fp,
    first: state.first,
    last: state.last,
    total: state.total,
    lastCount: state.lastCount,
    p: state.p,
    svc: state.svc,
    windows: state.windows,
    ...(state.members ? { members: state.members } : {}),
  }).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<!-- log-gardener:${MARKER_VERSION} ${json} -->`;
}

/**
 * Reads the marker from the very last non-empty line of a body, nowhere else: a marker-like
 * line quoted earlier (a log excerpt, a human's copy) is never taken. Whether to trust the
 * issue at all (its author) is the planner's decision. Returns null for anything malformed.
 */
export function parseMarker(body: string): MarkerState | null {
  const lines = body.replace(/\r\n/g, '\n').trimEnd().split('\n');
  const match = MARKER_LINE.exec(lines[lines.length - 1] ?? '');
  if (!match || match[1] !== MARKER_VERSION) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(match[2]);
  } catch {
    return null;
  }
  return validateState(raw);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function validateState(raw: unknown): MarkerState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.fp !== 'string' || r.fp === '') return null;
  if (!isTime(r.first) || !isTime(r.last) || !isTime(r.total) || !isTime(r.lastCount)) return null;
  if (typeof r.p !== 'string' || !(PRIORITIES as readonly string[]).includes(r.p)) return null;
  if (!Array.isArray(r.svc) || !r.svc.every((s) => typeof s === 'string')) return null;
  if (!Array.isArray(r.windows)) return null;
  const windows: [number, number][] = [];
  for (const w of r.windows) {
    if (!Array.isArray(w) || w.length !== 2 || !isTime(w[0]) || !isTime(w[1]) || w[1] < w[0]) return null;
    windows.push([w[0], w[1]]);
  }
  const state: MarkerState = {
    fp: r.fp,
    first: r.first,
    last: r.last,
    total: r.total,
    lastCount: r.lastCount,
    p: r.p as Priority,
    svc: r.svc as string[],
    windows: mergeWindows(windows),
  };
  if (Array.isArray(r.members) && r.members.every((m) => typeof m === 'string' && m !== ''))
    state.members = (r.members as string[]).slice(0, MAX_MEMBERS);
  return state;
}

/** Sorts and merges overlapping or touching ranges; keeps the newest MAX_WINDOWS. */
export function mergeWindows(windows: [number, number][]): [number, number][] {
  const sorted = [...windows].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.slice(-MAX_WINDOWS);
}

const MINUTE = 60_000;

/**
 * True when the minute bucket starting at `minute` touches a counted window. Buckets straddling
 * a window edge count as seen: a re-run must add exactly zero, at the price of undercounting a
 * partially overlapping window's edge minute.
 */
export function isCounted(windows: [number, number][], minute: number): boolean {
  return windows.some(([start, end]) => minute < end && minute + MINUTE > start);
}

/**
 * Occurrences of this run that no earlier run counted. A window that overlaps nothing counts
 * in full; a fully covered one (a re-run) adds zero; a partial overlap counts the per-minute
 * buckets that start outside every counted window, scaled so sampled counts stay estimates.
 */
export function countNew(
  windows: [number, number][],
  window: { start: number; end: number },
  count: number,
  perMinute: Map<number, number>,
): number {
  const overlaps = windows.some(([start, end]) => window.start < end && start < window.end);
  if (!overlaps) return count;
  if (windows.some(([start, end]) => start <= window.start && window.end <= end)) return 0;
  let all = 0;
  let fresh = 0;
  for (const [minute, n] of perMinute) {
    all += n;
    if (!isCounted(windows, minute)) fresh += n;
  }
  if (all === 0 || fresh === 0) return 0;
  return Math.max(1, Math.round((count * fresh) / all));
}
