/**
 * After against before (issue 14): each problem of the analysed window against the same
 * fingerprint in the baseline, by rate per minute so a 10-minute window compares fairly with a
 * 1-hour baseline; the problems gone; the 5xx per service; the revisions that appeared.
 */
import type { RankedCluster } from '../model/cluster-types.js';
import type { ChangeKind, ClusterChange } from '../model/cluster-change.js';
import type { Comparison, GoneProblem, NewRevision, ServiceErrorRate } from '../model/comparison-types.js';
import { PRIORITIES } from '../model/cluster-types.js';
import { formatClock, formatDuration, formatIso } from '../markdown/format.js';
import type { TimeWindow } from '../read/window.js';
import type { WindowFacts } from './window-tally.js';

const MINUTE = 60_000;
/** `worse`: at least this many times the baseline's rate … */
export const WORSE_FACTOR = 3;
/** … and at least this many more entries than the baseline's rate gives over the window. */
export const WORSE_MIN_ENTRIES = 10;

export interface BaselineInput {
  window: TimeWindow;
  facts: WindowFacts;
  /** The baseline's clusters, ranked as the window's (for `gone` and its noise). */
  clusters: RankedCluster[];
  /** Set for a logs-file: its first entry. The baseline covers only what the file holds. */
  fileFirst?: number;
}

export interface CompareInput {
  clusters: RankedCluster[];
  window: TimeWindow;
  current: WindowFacts;
  baseline: BaselineInput;
}

function minutes(ms: number): number {
  return Math.max(ms, 1000) / MINUTE;
}

/** The change of a count against a baseline rate: `worse` needs both the factor and the margin. */
export function classifyChange(count: number, windowMinutes: number, baselineCount: number, baselineMinutes: number) {
  const rate = count / windowMinutes;
  const baselineRate = baselineCount / baselineMinutes;
  const expected = baselineRate * windowMinutes;
  let change: ChangeKind = 'same';
  if (baselineCount === 0) change = 'new';
  else if (rate >= WORSE_FACTOR * baselineRate && count - expected >= WORSE_MIN_ENTRIES) change = 'worse';
  else if (baselineRate >= WORSE_FACTOR * rate && expected - count >= WORSE_MIN_ENTRIES) change = 'better';
  return { change, rate, baselineRate };
}

/**
 * Whether a revision took part in the baseline: it served requests there, or its service wrote no
 * request logs there at all (a worker: any entry counts). A new revision's instances start (and
 * log) a minute before traffic moves to them; that alone does not make them part of the baseline.
 */
function servedBefore(baseline: WindowFacts): (revision: string) => boolean {
  return (revision) => {
    const facts = baseline.revisions.get(revision);
    if (!facts) return false;
    if (facts.requests > 0) return true;
    return (baseline.services.get(facts.service)?.requests ?? 0) === 0;
  };
}

function attribute(cluster: RankedCluster, current: WindowFacts, served: (r: string) => boolean) {
  const newRevisions = cluster.revisions.filter((r) => !served(r));
  const commits = [...new Set(newRevisions.map((r) => current.revisions.get(r)?.commit ?? '').filter(Boolean))];
  return {
    newRevisions,
    startedWithRevision: cluster.revisions.length > 0 && newRevisions.length === cluster.revisions.length,
    commits,
  };
}

function changeOf(
  cluster: RankedCluster,
  before: RankedCluster | undefined,
  input: CompareInput,
  covered: TimeWindow,
  served: (r: string) => boolean,
): ClusterChange {
  const { change, rate, baselineRate } = classifyChange(
    cluster.count,
    minutes(input.window.end - input.window.start),
    before?.count ?? 0,
    minutes(covered.end - covered.start),
  );
  const changed = change === 'new' || change === 'worse';
  return {
    change,
    rate: round(rate),
    baselineRate: round(baselineRate),
    baselineCount: before?.count ?? 0,
    ...(changed
      ? attribute(cluster, input.current, served)
      : { newRevisions: [], startedWithRevision: false, commits: [] }),
  };
}

function round(rate: number): number {
  return Math.round(rate * 1000) / 1000;
}

function goneProblems(input: CompareInput, coveredMinutes: number): GoneProblem[] {
  const now = new Set(input.clusters.map((c) => c.fingerprint));
  return input.baseline.clusters
    .filter((b) => !b.ignored && !now.has(b.fingerprint))
    .sort((a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) || b.count - a.count)
    .map((b) => ({
      fingerprint: b.fingerprint,
      title: b.title,
      priority: b.priority,
      services: [...b.services],
      baselineCount: b.count,
      baselineRate: round(b.count / coveredMinutes),
    }));
}

function serviceErrors(input: CompareInput, coveredMinutes: number): ServiceErrorRate[] {
  const windowMinutes = minutes(input.window.end - input.window.start);
  const names = [...new Set([...input.baseline.facts.services.keys(), ...input.current.services.keys()])].sort();
  const none = { requests: 0, serverErrors: 0, successful: 0 };
  return names.map((service) => {
    const before = input.baseline.facts.services.get(service) ?? none;
    const after = input.current.services.get(service) ?? none;
    return {
      service,
      before,
      after,
      beforePerMinute: round(before.serverErrors / coveredMinutes),
      afterPerMinute: round(after.serverErrors / windowMinutes),
    };
  });
}

function newRevisions(input: CompareInput, served: (r: string) => boolean): NewRevision[] {
  return [...input.current.revisions]
    .filter(([revision]) => !served(revision))
    .map(([revision, f]) => ({
      service: f.service,
      revision,
      commit: f.commit || input.baseline.facts.revisions.get(revision)?.commit || '',
      firstSeen: f.firstSeen,
    }))
    .sort((a, b) => a.firstSeen - b.firstSeen || a.revision.localeCompare(b.revision));
}

/** A file starting this soon after the baseline's start covers it (its first entry is rarely on the second). */
const COVERAGE_SLACK_MS = 60_000;

/** The part of the baseline the data covers: a logs-file that starts later covers less. */
function coveredSpan(baseline: BaselineInput): TimeWindow {
  if (baseline.fileFirst === undefined || baseline.fileFirst - baseline.window.start <= COVERAGE_SLACK_MS)
    return baseline.window;
  const start = Math.min(baseline.fileFirst, baseline.window.end);
  return { start, end: baseline.window.end };
}

function describeBaseline(baseline: BaselineInput, covered: TimeWindow, usable: boolean): string[] {
  const { window, facts } = baseline;
  const asked = `${formatIso(window.start)} → ${formatIso(window.end)}`;
  if (!usable)
    return [
      `The file holds no entries in the baseline window (${asked}): there is nothing to compare with, so no problem is marked new or worse and fail-on counts every problem. Export the minutes before the analysed window too (or shorten baseline).`,
    ];
  const notes: string[] = [];
  if (covered.start > window.start)
    notes.push(
      `The file's entries start at ${formatClock(covered.start)}: the baseline is the ${formatDuration(covered.end - covered.start)} from then to ${formatClock(covered.end)}, not the ${formatDuration(window.end - window.start)} asked; rates are per minute of that.`,
    );
  if (facts.entries === 0)
    notes.push(
      `The baseline read (${asked}) found no matching entries: nothing at min-severity and no 5xx before, so every problem of the window is new.`,
    );
  if (facts.estimated) notes.push('The baseline read was sampled (max-entries): its counts are estimates.');
  return notes;
}

/** The window's clusters with their change, and what the comparison found. */
export function compareWindows(input: CompareInput): { clusters: RankedCluster[]; comparison: Comparison } {
  const { baseline } = input;
  const covered = coveredSpan(baseline);
  // A file with nothing there cannot say what is new; Cloud Logging's empty answer is an answer.
  const usable = baseline.fileFirst === undefined || baseline.facts.entries > 0;
  const served = servedBefore(baseline.facts);
  const coveredMinutes = minutes(covered.end - covered.start);
  const comparison: Comparison = {
    baseline: { ...baseline.window },
    covered,
    entries: baseline.facts.entries,
    analysed: baseline.facts.analysed,
    estimated: baseline.facts.estimated,
    usable,
    gone: usable ? goneProblems(input, coveredMinutes) : [],
    serviceErrors: usable ? serviceErrors(input, coveredMinutes) : [],
    newRevisions: usable ? newRevisions(input, served) : [],
    notes: describeBaseline(baseline, covered, usable),
  };
  const before = new Map(baseline.clusters.map((b) => [b.fingerprint, b]));
  const clusters = usable
    ? input.clusters.map((c) => ({ ...c, change: changeOf(c, before.get(c.fingerprint), input, covered, served) }))
    : input.clusters;
  return { clusters, comparison };
}
