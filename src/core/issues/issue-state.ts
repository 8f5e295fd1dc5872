import type { Priority, RankedCluster } from '../model/cluster-types.js';
import { PRIORITIES } from '../model/cluster-types.js';
import type { NotableChange } from './issue-comments.js';
import type { MarkerState } from './marker.js';
import { countNew, isCounted, MAX_MEMBERS, mergeWindows } from './marker.js';

/** What this run changes in a problem's marker state, and which changes a human should hear of. */

export const REGRESSION_GAP_MS = 24 * 3_600_000;
export const VOLUME_JUMP_FACTOR = 3;
export const VOLUME_JUMP_MIN = 100;

/** 0 for P0: lower is more urgent. */
export const rank = (p: Priority): number => PRIORITIES.indexOf(p);

export function sameState(a: MarkerState, b: MarkerState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** First occurrence at or after `after` (minute resolution), or null when there is none. */
export function firstOccurrenceAfter(cluster: RankedCluster, after: number): number | null {
  if (cluster.lastSeen <= after) return null;
  const minutes = [...cluster.perMinute.entries()].filter(([m, n]) => n > 0 && m + 60_000 > after).map(([m]) => m);
  return minutes.length ? Math.max(after, Math.min(...minutes)) : Math.max(after, cluster.firstSeen);
}

export function nextState(
  cluster: RankedCluster,
  prior: MarkerState | null,
  window: { start: number; end: number },
  /** An incident's member fingerprints (issue 13): kept, with the prior ones, in the marker. */
  members: string[] = [],
): { state: MarkerState; added: number } {
  const added = prior ? countNew(prior.windows, window, cluster.count, cluster.perMinute) : cluster.count;
  const state: MarkerState = {
    fp: cluster.fingerprint,
    first: prior ? Math.min(prior.first, cluster.firstSeen) : cluster.firstSeen,
    last: prior ? Math.max(prior.last, cluster.lastSeen) : cluster.lastSeen,
    total: (prior?.total ?? 0) + added,
    lastCount: added > 0 || !prior ? added : prior.lastCount,
    p: cluster.priority,
    svc: [...new Set([...(prior?.svc ?? []), ...cluster.services])].sort(),
    windows: mergeWindows([...(prior?.windows ?? []), [window.start, window.end]]),
  };
  const all = [...new Set([...members, ...(prior?.members ?? [])])];
  // This window's members first when over the cap; sorted, so a re-run renders the same marker.
  if (all.length > 1) state.members = all.slice(0, MAX_MEMBERS).sort();
  return { state, added };
}

export function notableChanges(cluster: RankedCluster, prior: MarkerState, added: number): NotableChange[] {
  const changes: NotableChange[] = [];
  if (rank(cluster.priority) < rank(prior.p))
    changes.push({ kind: 'escalated', from: prior.p, to: cluster.priority, reasons: cluster.reasons });
  if (added >= VOLUME_JUMP_MIN && added >= VOLUME_JUMP_FACTOR * prior.lastCount) {
    changes.push({ kind: 'volume', previous: prior.lastCount, current: added });
  }
  if (added > 0) {
    const fresh = [...cluster.perMinute.entries()]
      .filter(([m, n]) => n > 0 && !isCounted(prior.windows, m))
      .map(([m]) => m);
    const seenAgain = fresh.length ? Math.min(...fresh) : cluster.firstSeen;
    if (seenAgain - prior.last >= REGRESSION_GAP_MS)
      changes.push({ kind: 'regression', quietSince: prior.last, seenAgain });
  }
  const newServices = cluster.services.filter((s) => !prior.svc.includes(s));
  if (newServices.length && prior.svc.length) changes.push({ kind: 'new-service', services: newServices });
  return changes;
}

/** The changes in a few words, for the action's reason. */
export function describeChanges(changes: NotableChange[]): string {
  return changes
    .map((c) =>
      c.kind === 'escalated'
        ? `priority escalated ${c.from} → ${c.to}`
        : c.kind === 'volume'
          ? `volume jump ${c.previous} → ${c.current}`
          : c.kind === 'regression'
            ? 'back after a quiet period'
            : `new service ${c.services.join(', ')}`,
    )
    .join('; ');
}

/**
 * An open issue's priority is only ever raised automatically. Lowering it whenever an hour is
 * quieter would swap labels back and forth on every run; a human lowers it (and the action then
 * leaves the human's label alone until the problem escalates past what it last wrote).
 */
export function keepRaisedPriority(cluster: RankedCluster, issuePriority: Priority): RankedCluster {
  if (rank(cluster.priority) <= rank(issuePriority)) return cluster;
  return {
    ...cluster,
    priority: issuePriority,
    reasons: [
      ...cluster.reasons,
      `kept at ${issuePriority}: an open issue's priority is never lowered automatically (this window alone: ${cluster.priority})`,
    ],
  };
}
