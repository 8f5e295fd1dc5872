import type { Priority, RankedCluster } from '../model/cluster-types.js';
import { PRIORITIES } from '../model/cluster-types.js';
import type { IssueAction, TrackedIssue } from '../model/issue-types.js';
import { isPriorityLabel, priorityLabel } from './label-set.js';
import type { MarkerState } from './marker.js';
import { countNew, isCounted, mergeWindows, parseMarker } from './marker.js';
import type { NotableChange } from './issue-comments.js';
import {
  renderChangeComment,
  renderDuplicateComment,
  renderReopenComment,
  renderStaleComment,
} from './issue-comments.js';
import { renderBody, renderTitle, retitle } from './issue-text.js';

/**
 * The pure issue planner (DESIGN §4, §5 "plan, then apply"). Decisions, documented once:
 * - Only issues by a trusted author whose body ends in a valid marker are ours; anything else
 *   (a copied marker on someone else's issue) is invisible to the plan.
 * - Per fingerprint the oldest open issue is the issue; newer open ones are duplicates the
 *   action made (overlapping runs) and are closed with a link to the oldest.
 * - Open issue: the body is rewritten only when the marker state changes (new occurrences,
 *   priority, services), so re-running a window writes nothing even from another workflow run.
 *   A comment is added only for a notable change (escalation, ≥3× and ≥100 jump, a return
 *   after REGRESSION_GAP_MS of quiet, a new service). A priority change swaps the P label.
 *   Below min-issue-priority an existing open issue is still kept current; only create and
 *   reopen are gated.
 * - Closed issue: reopened (with a comment) when the problem recurs within reopen-window of
 *   closed_at; later, a new issue links the old one; "not planned" is never reopened nor
 *   refiled; no occurrence after closed_at (a re-run of an older window) changes nothing.
 * - Muted (mute-label): no writes at all, not even a body refresh.
 * - New issues: at most maxNewIssues, highest priority first; all writes: at most maxWrites.
 * - close-after: an open issue whose problem was last seen more than closeAfterMs ago is closed
 *   with a comment (closeAfterMs 0 = never).
 */
export const REGRESSION_GAP_MS = 24 * 3_600_000;
export const VOLUME_JUMP_FACTOR = 3;
export const VOLUME_JUMP_MIN = 100;
/** Secondary rate limits allow ~80 content-creating requests a minute (DESIGN §6). */
export const DEFAULT_MAX_WRITES = 60;

export interface PlanSettings {
  minIssuePriority: Priority;
  maxNewIssues: number;
  reopenWindowMs: number;
  muteLabel: string;
  closeAfterMs: number;
  labels: string[];
  maxWrites?: number;
}

export interface PlanInput {
  clusters: RankedCluster[];
  issues: TrackedIssue[];
  trustedAuthors: string[];
  now: number;
  window: { start: number; end: number };
  runUrl: string;
  logsLinks: Record<string, string>;
  repository: string;
  settings: PlanSettings;
  serviceRouting: Record<string, { labels: string[]; assignees: string[] }>;
}

export interface IssuePatch {
  title?: string;
  body?: string;
  labels?: string[];
  state?: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | 'reopened' | 'duplicate';
}

/** One request apply makes; `action` indexes `IssuePlan.actions` (a failure marks that action). */
export type PlannedWrite =
  | { kind: 'create'; action: number; issue: { title: string; body: string; labels: string[]; assignees: string[] } }
  | { kind: 'update' | 'reopen' | 'close'; action: number; issueNumber: number; patch: IssuePatch }
  | { kind: 'comment'; action: number; issueNumber: number; body: string };

export interface IssuePlan {
  actions: IssueAction[];
  writes: PlannedWrite[];
}

interface Owned {
  issue: TrackedIssue;
  marker: MarkerState;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Step = { action: IssueAction; writes: DistributiveOmit<PlannedWrite, 'action'>[] };

const rank = (p: Priority): number => PRIORITIES.indexOf(p);
const byAge = (a: Owned, b: Owned): number => a.issue.createdAt - b.issue.createdAt || a.issue.number - b.issue.number;

/** Trusted, marked issues grouped by fingerprint. */
export function indexIssues(issues: TrackedIssue[], trustedAuthors: string[]): Map<string, Owned[]> {
  const trusted = new Set(trustedAuthors.map((a) => a.toLowerCase()));
  const index = new Map<string, Owned[]>();
  for (const issue of issues) {
    if (!trusted.has(issue.author.toLowerCase())) continue;
    const marker = parseMarker(issue.body);
    if (!marker) continue;
    index.set(marker.fp, [...(index.get(marker.fp) ?? []), { issue, marker }]);
  }
  return index;
}

function sortClusters(clusters: RankedCluster[]): RankedCluster[] {
  return clusters
    .filter((c) => !c.ignored)
    .sort(
      (a, b) => rank(a.priority) - rank(b.priority) || b.count - a.count || a.fingerprint.localeCompare(b.fingerprint),
    );
}

function sameState(a: MarkerState, b: MarkerState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** First occurrence at or after `after` (minute resolution), or null when there is none. */
function firstOccurrenceAfter(cluster: RankedCluster, after: number): number | null {
  if (cluster.lastSeen <= after) return null;
  const minutes = [...cluster.perMinute.entries()].filter(([m, n]) => n > 0 && m + 60_000 > after).map(([m]) => m);
  return minutes.length ? Math.max(after, Math.min(...minutes)) : Math.max(after, cluster.firstSeen);
}

function nextState(
  cluster: RankedCluster,
  prior: MarkerState | null,
  window: { start: number; end: number },
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
  return { state, added };
}

function notableChanges(cluster: RankedCluster, prior: MarkerState, added: number): NotableChange[] {
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

/**
 * An open issue's priority is only ever raised automatically. Lowering it whenever an hour is
 * quieter would swap labels back and forth on every run; a human lowers it (and the action then
 * leaves the human's label alone until the problem escalates past what it last wrote).
 */
function keepRaisedPriority(cluster: RankedCluster, issuePriority: Priority): RankedCluster {
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

/** Swaps the priority label only when the priority changed, so a human's relabel otherwise stays. */
function relabel(labels: string[], from: Priority, to: Priority): string[] | undefined {
  if (from === to) return undefined;
  return [...labels.filter((l) => !isPriorityLabel(l)), priorityLabel(to)];
}

function describeChanges(changes: NotableChange[]): string {
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

export function planIssues(input: PlanInput): IssuePlan {
  const { settings } = input;
  const index = indexIssues(input.issues, input.trustedAuthors);
  const maxWrites = settings.maxWrites ?? DEFAULT_MAX_WRITES;
  const isMuted = (issue: TrackedIssue): boolean =>
    settings.muteLabel !== '' && issue.labels.includes(settings.muteLabel);
  const plan: IssuePlan = { actions: [], writes: [] };
  let created = 0;

  const add = (step: Step): void => {
    let { action, writes } = step;
    if (writes.length && plan.writes.length + writes.length > maxWrites) {
      action = { ...action, action: 'skip', reason: `over the write budget (${maxWrites} writes per run)` };
      writes = [];
    }
    const at = plan.actions.push(action) - 1;
    for (const w of writes) plan.writes.push({ ...w, action: at } as PlannedWrite);
  };

  const body = (cluster: RankedCluster, state: MarkerState, previous?: TrackedIssue): string =>
    renderBody({
      cluster,
      state,
      window: input.window,
      runUrl: input.runUrl,
      logsLink: input.logsLinks[cluster.fingerprint] ?? '',
      previous: previous ? { number: previous.number, closedAt: previous.closedAt } : undefined,
    });

  const planCreate = (cluster: RankedCluster, base: IssueAction, previous?: TrackedIssue): Step => {
    if (rank(cluster.priority) > rank(settings.minIssuePriority)) {
      return {
        action: { ...base, action: 'skip', reason: `below min-issue-priority ${settings.minIssuePriority}` },
        writes: [],
      };
    }
    if (created >= settings.maxNewIssues) {
      return {
        action: { ...base, action: 'skip', reason: `over max-new-issues (${settings.maxNewIssues})` },
        writes: [],
      };
    }
    created += 1;
    const { state } = nextState(cluster, null, input.window);
    const routes = cluster.services.map((s) => input.serviceRouting[s]).filter((r) => r !== undefined);
    const labels = [
      ...new Set([...settings.labels, priorityLabel(cluster.priority), ...routes.flatMap((r) => r.labels)]),
    ];
    const assignees = [...new Set(routes.flatMap((r) => r.assignees))];
    const reason = previous ? `new problem; recurrence of #${previous.number} after the reopen window` : 'new problem';
    return {
      action: { ...base, action: 'create', reason },
      writes: [
        {
          kind: 'create',
          issue: { title: renderTitle(cluster), body: body(cluster, state, previous), labels, assignees },
        },
      ],
    };
  };

  const planOpen = (current: RankedCluster, base: IssueAction, owned: Owned): Step => {
    const { issue, marker } = owned;
    const cluster = keepRaisedPriority(current, marker.p);
    const { state, added } = nextState(cluster, marker, input.window);
    if (sameState(state, marker))
      return { action: { ...base, action: 'none', reason: 'up to date (window already counted)' }, writes: [] };
    const changes = notableChanges(cluster, marker, added);
    const patch: IssuePatch = { body: body(cluster, state) };
    const labels = relabel(issue.labels, marker.p, cluster.priority);
    if (labels) patch.labels = labels;
    const title = retitle(issue.title, cluster.priority);
    if (title !== issue.title) patch.title = title;
    const writes: Step['writes'] = [{ kind: 'update', issueNumber: issue.number, patch }];
    if (!changes.length)
      return { action: { ...base, action: 'update', reason: `${added} new occurrences; body refreshed` }, writes };
    writes.push({ kind: 'comment', issueNumber: issue.number, body: renderChangeComment(changes, input.runUrl) });
    return { action: { ...base, action: 'comment', reason: `${describeChanges(changes)}; body refreshed` }, writes };
  };

  const planClosed = (cluster: RankedCluster, base: IssueAction, owned: Owned): Step => {
    const { issue, marker } = owned;
    const closedAt = issue.closedAt ?? issue.createdAt;
    const seenAgain = firstOccurrenceAfter(cluster, closedAt);
    if (seenAgain === null)
      return {
        action: {
          ...base,
          action: 'none',
          reason: `#${issue.number} is closed and the problem was not seen after it was closed`,
        },
        writes: [],
      };
    if (issue.stateReason === 'not_planned')
      return { action: { ...base, action: 'skip', reason: `#${issue.number} was closed as not planned` }, writes: [] };
    if (isMuted(issue))
      return {
        action: { ...base, action: 'skip', reason: `#${issue.number} is muted (${settings.muteLabel})` },
        writes: [],
      };
    if (seenAgain - closedAt > settings.reopenWindowMs)
      return planCreate(cluster, { ...base, issueNumber: undefined, url: undefined }, issue);
    if (rank(cluster.priority) > rank(settings.minIssuePriority)) {
      return {
        action: {
          ...base,
          action: 'skip',
          reason: `recurred, but below min-issue-priority ${settings.minIssuePriority}`,
        },
        writes: [],
      };
    }
    const { state } = nextState(cluster, marker, input.window);
    const patch: IssuePatch = { state: 'open', stateReason: 'reopened', body: body(cluster, state) };
    const labels = relabel(issue.labels, marker.p, cluster.priority);
    if (labels) patch.labels = labels;
    const title = retitle(issue.title, cluster.priority);
    if (title !== issue.title) patch.title = title;
    const comment = renderReopenComment({
      closedAt,
      seenAgain,
      count: cluster.count,
      reopenWindowMs: settings.reopenWindowMs,
      runUrl: input.runUrl,
    });
    return {
      action: { ...base, action: 'reopen', reason: `recurred within the reopen window of #${issue.number}` },
      writes: [
        { kind: 'reopen', issueNumber: issue.number, patch },
        { kind: 'comment', issueNumber: issue.number, body: comment },
      ],
    };
  };

  const clusters = sortClusters(input.clusters);
  for (const cluster of clusters) {
    const owned = index.get(cluster.fingerprint) ?? [];
    const open = owned.filter((o) => o.issue.state === 'open').sort(byAge);
    const closed = owned
      .filter((o) => o.issue.state === 'closed' && o.issue.stateReason !== 'duplicate')
      .sort((a, b) => (b.issue.closedAt ?? 0) - (a.issue.closedAt ?? 0));
    const current = open[0] ?? closed[0];
    const base: IssueAction = {
      action: 'none',
      fingerprint: cluster.fingerprint,
      priority: cluster.priority,
      title: current?.issue.title ?? renderTitle(cluster),
      issueNumber: current?.issue.number,
      url: current?.issue.url,
      reason: '',
    };
    if (!current) add(planCreate(cluster, base));
    else if (isMuted(current.issue))
      add({
        action: { ...base, action: 'skip', reason: `#${current.issue.number} is muted (${settings.muteLabel})` },
        writes: [],
      });
    else if (current.issue.state === 'open') add(planOpen(cluster, base, current));
    else add(planClosed(cluster, base, current));
  }

  const seen = new Set(clusters.map((c) => c.fingerprint));
  for (const [fp, owned] of [...index.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const open = owned.filter((o) => o.issue.state === 'open').sort(byAge);
    const [winner, ...duplicates] = open;
    for (const dup of duplicates) {
      const base: IssueAction = {
        action: 'close',
        fingerprint: fp,
        priority: dup.marker.p,
        issueNumber: dup.issue.number,
        url: dup.issue.url,
        title: dup.issue.title,
        reason: `duplicate of #${winner.issue.number}`,
      };
      if (isMuted(dup.issue))
        add({
          action: { ...base, action: 'skip', reason: `duplicate of #${winner.issue.number}, but muted` },
          writes: [],
        });
      else {
        add({
          action: base,
          writes: [
            {
              kind: 'comment',
              issueNumber: dup.issue.number,
              body: renderDuplicateComment({ original: winner.issue.number, runUrl: input.runUrl }),
            },
            { kind: 'close', issueNumber: dup.issue.number, patch: { state: 'closed', stateReason: 'duplicate' } },
          ],
        });
      }
    }
    if (
      winner &&
      settings.closeAfterMs > 0 &&
      !seen.has(fp) &&
      !isMuted(winner.issue) &&
      winner.marker.last < input.now - settings.closeAfterMs
    ) {
      const { issue, marker } = winner;
      add({
        action: {
          action: 'close',
          fingerprint: fp,
          priority: marker.p,
          issueNumber: issue.number,
          url: issue.url,
          title: issue.title,
          reason: `not seen since close-after (last seen ${new Date(marker.last).toISOString()})`,
        },
        writes: [
          {
            kind: 'comment',
            issueNumber: issue.number,
            body: renderStaleComment({
              lastSeen: marker.last,
              closeAfterMs: settings.closeAfterMs,
              reopenWindowMs: settings.reopenWindowMs,
              runUrl: input.runUrl,
            }),
          },
          { kind: 'close', issueNumber: issue.number, patch: { state: 'closed', stateReason: 'completed' } },
        ],
      });
    }
  }
  return plan;
}
