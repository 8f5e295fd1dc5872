/**
 * The post-deploy gate (issue 14): `fail-on` counts the problems at or above it — with a baseline
 * and `fail-on-scope: changed` (its default then), only those new or worse than before, so a
 * problem that was there all week does not fail a deploy that did not cause it.
 */
import { PRIORITIES, type Priority, type RankedCluster } from '../model/cluster-types.js';
import type { Comparison, FailOnScope, Verdict } from '../model/comparison-types.js';
import type { Incident } from '../model/incident-types.js';
import { formatCount } from '../markdown/format.js';

export interface GateInput {
  failOn: Priority | null;
  scope: FailOnScope;
  comparison?: Comparison;
  /** Problems correlated into incidents: the failing problems of one incident are one reason. */
  incidents?: Incident[];
}

/** A commit as people quote it. */
export function shortCommit(sha: string): string {
  return sha.slice(0, 7);
}

/** `new, started with revision r (commit abc1234)`, `worse: 12.5/min, 1.2/min before`, … */
export function describeChange(cluster: RankedCluster): string {
  const change = cluster.change;
  if (!change) return '';
  if (change.change === 'same' || change.change === 'better') return `${change.change} as before`;
  const revisions = change.newRevisions;
  const commits = change.commits.length ? ` (commit ${change.commits.map(shortCommit).join(', ')})` : '';
  const where = change.startedWithRevision
    ? `, started with revision ${revisions.join(', ')}${commits}`
    : revisions.length
      ? `, also on new revision ${revisions.join(', ')}${commits}`
      : '';
  if (change.change === 'new') return `new${where}`;
  return `worse: ${formatRate(change.rate)}/min, ${formatRate(change.baselineRate)}/min before${where}`;
}

export function formatRate(rate: number): string {
  if (rate === 0) return '0';
  return rate >= 10 ? rate.toFixed(0) : rate >= 1 ? rate.toFixed(1) : rate.toFixed(2);
}

/** The title, and for request logs the routes (a 500 on every route reads as such). */
export function describeTitle(cluster: RankedCluster): string {
  const routes = cluster.kind === 'request' && !cluster.route && cluster.routes.length > 0 ? cluster.routes : [];
  if (routes.length === 0) return cluster.title;
  const shown = routes.slice(0, 2).join(', ');
  return `${cluster.title.replace(/ on requests$/, '')} on ${shown}${routes.length > 2 ? ` +${routes.length - 2} more routes` : ''}`;
}

function describeProblem(cluster: RankedCluster): string {
  const services = cluster.services.length ? ` (${cluster.services.join(', ')})` : '';
  const change = describeChange(cluster);
  return `[${cluster.priority}] ${describeTitle(cluster)}${services}${change ? ` — ${change}` : ''}`;
}

/** One reason per incident (its first failing member, then the others it explains), then the rest. */
function describeFailing(failing: RankedCluster[], incidents: Incident[]): string[] {
  const byFingerprint = new Map(failing.map((c) => [c.fingerprint, c]));
  const reasons: string[] = [];
  for (const incident of incidents) {
    const members = incident.members.map((f) => byFingerprint.get(f)).filter((c) => c !== undefined);
    if (members.length === 0) continue;
    for (const m of members) byFingerprint.delete(m.fingerprint);
    const [first, ...rest] = members;
    const others = rest.length ? `; with ${rest.map(describeTitle).join('; ')} (one incident)` : '';
    reasons.push(`${describeProblem(first!)}${others}`);
  }
  for (const c of byFingerprint.values()) reasons.push(describeProblem(c));
  return reasons;
}

const counts = (c: RankedCluster): boolean => c.change?.change === 'new' || c.change?.change === 'worse';

/** pass / fail / none, which problems fail it and why, in words. */
export function decideVerdict(clusters: RankedCluster[], gate: GateInput): Verdict {
  const base = { failOn: gate.failOn, scope: gate.scope };
  if (!gate.failOn)
    return { ...base, status: 'none', reasons: ['fail-on is not set: this run does not gate.'], failing: [] };
  const threshold = PRIORITIES.indexOf(gate.failOn);
  const atOrAbove = clusters.filter((c) => !c.ignored && PRIORITIES.indexOf(c.priority) <= threshold);
  const changedOnly = gate.scope === 'changed' && gate.comparison?.usable === true;
  const failing = changedOnly ? atOrAbove.filter(counts) : atOrAbove;
  const reasons = describeFailing(failing, gate.incidents ?? []);
  const level = `${gate.failOn}${gate.failOn === 'P0' ? '' : ' or above'}`;
  if (gate.scope === 'changed' && gate.comparison && !gate.comparison.usable)
    reasons.push('The baseline holds no entries to compare with, so every problem counts (as fail-on-scope: all).');
  if (failing.length === 0)
    reasons.unshift(changedOnly ? `No new or worse problem at ${level}.` : `No problem at ${level}.`);
  const before = atOrAbove.length - failing.length;
  if (changedOnly && before > 0)
    reasons.push(
      `${formatCount(before)} ${before === 1 ? 'problem' : 'problems'} at ${level} ${before === 1 ? 'was' : 'were'} there before and ${before === 1 ? 'is' : 'are'} no worse (same or better): not counted (fail-on-scope: changed).`,
    );
  return { ...base, status: failing.length > 0 ? 'fail' : 'pass', reasons, failing: failing.map((c) => c.fingerprint) };
}

/** The step's failure message: names the failing problems, their change and revision. '' on pass. */
export function describeGateFailure(verdict: Verdict | undefined, clusters: RankedCluster[]): string {
  if (!verdict || verdict.status !== 'fail' || !verdict.failOn) return '';
  const failing = new Set(verdict.failing);
  const hits = clusters.filter((c) => failing.has(c.fingerprint));
  const changed = verdict.scope === 'changed' && hits.every(counts);
  const what = changed ? 'new or worse problem(s) since the baseline' : 'problem(s)';
  // With a baseline, the verdict's reasons: one per incident, its revision and commit named.
  const named = changed
    ? verdict.reasons.filter((r) => /^\[P[0-3]\]/.test(r))
    : hits.map((c) => `[${c.priority}] ${c.title}`);
  const list = named.slice(0, 5).join('; ');
  const more = named.length > 5 ? `; and ${named.length - 5} more` : '';
  return `fail-on ${verdict.failOn}: ${hits.length} ${what} at ${verdict.failOn} or above — ${list}${more}.`;
}
