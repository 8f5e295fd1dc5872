import type { RankedCluster } from '../model/cluster-types.js';
import type { IssueAction, TrackedIssue } from '../model/issue-types.js';
import { priorityLabel, relabel } from './label-set.js';
import type { MarkerState } from './marker.js';
import {
  renderChangeComment,
  renderDuplicateComment,
  renderReopenComment,
  renderStaleComment,
} from './issue-comments.js';
import { renderBody, renderTitle, retitle } from './issue-text.js';
import {
  describeChanges,
  firstOccurrenceAfter,
  keepRaisedPriority,
  nextState,
  notableChanges,
  rank,
  sameState,
} from './issue-state.js';
import { indexIssues, openByAge, type Owned } from './owned-issues.js';
import type { IssuePatch, IssuePlan, PlanInput, PlannedWrite, PlanSettings, Step } from './plan-types.js';
import type { IncidentBody } from './issue-incident.js';
import { incidentsOf, planOfIncident, symptomAction, type IncidentPlan } from './plan-incidents.js';

/**
 * The pure issue planner (DESIGN §4, §5 "plan, then apply"). Decisions, documented once:
 * - Only issues by a trusted author (logins compared case-insensitively) whose body ends in a
 *   valid marker are ours; anything else (a copied marker on someone else's issue) is invisible
 *   to the plan (owned-issues.ts).
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
 * - Incidents (issue 13): one issue per incident root, planned as above from the root (with the
 *   incident's priority); its body lists the symptoms and its marker their fingerprints. A
 *   symptom gets no issue of its own while its root is seen; one that already has an open issue
 *   keeps it up to date, which then names the incident (plan-incidents.ts).
 */
/** Secondary rate limits allow ~80 content-creating requests a minute (DESIGN §6). */
export const DEFAULT_MAX_WRITES = 60;

/** What an issue body and marker add for an incident (issue 13). */
interface BodyExtras {
  members?: string[];
  incident?: IncidentBody;
  symptomOf?: { title: string; issueNumber?: number };
}
type PlanCall = PlanInput & { extra?: BodyExtras };

export function planIssues(input: PlanInput): IssuePlan {
  const index = indexIssues(input.issues, input.trustedAuthors);
  const clusters = sortClusters(input.clusters);
  const byFingerprint = new Map(clusters.map((c) => [c.fingerprint, c]));
  const seen = new Set(byFingerprint.keys());
  const plans = incidentsOf(input, clusters)
    .flatMap((i) => planOfIncident(input, i, byFingerprint, index, seen) ?? [])
    .sort(
      (a, b) =>
        rank(a.lead.priority) - rank(b.lead.priority) ||
        b.lead.count - a.lead.count ||
        a.lead.fingerprint.localeCompare(b.lead.fingerprint),
    );
  const steps: Step[] = [];
  let created = 0;
  for (const plan of plans) {
    const extra: BodyExtras =
      plan.incident.members.length > 1 ? { members: plan.incident.members, incident: plan.body } : {};
    const step = planCluster({ ...input, extra }, plan.lead, plan.owned, created);
    if (step.action.action === 'create') created += 1;
    steps.push(step, ...planSymptoms(input, plan, byFingerprint, index, step.action));
    // The incident's issue may be led by a member not seen now: it is in use, not stale.
    const used = openByAge(plan.owned)[0];
    if (used) seen.add(used.marker.fp);
  }
  steps.push(...housekeeping(input, index, seen));
  return withinWriteBudget(steps, input.settings.maxWrites ?? DEFAULT_MAX_WRITES);
}

/** A symptom's own open issue is kept up to date and names the incident; otherwise no issue. */
function planSymptoms(
  input: PlanInput,
  plan: IncidentPlan,
  byFingerprint: Map<string, RankedCluster>,
  index: Map<string, Owned[]>,
  rootAction: IssueAction,
): Step[] {
  return plan.incident.members.slice(1).flatMap((fp) => {
    const cluster = byFingerprint.get(fp);
    if (!cluster) return [];
    const owned = (index.get(fp) ?? []).filter((o) => !o.marker.members);
    const own = openByAge(owned)[0];
    if (own && own.issue.number !== rootAction.issueNumber) {
      const symptomOf = {
        title: plan.lead.title,
        ...(rootAction.issueNumber ? { issueNumber: rootAction.issueNumber } : {}),
      };
      return [planCluster({ ...input, extra: { symptomOf } }, cluster, owned, Number.MAX_SAFE_INTEGER)];
    }
    const issue = { number: rootAction.issueNumber, url: rootAction.url };
    return [{ action: symptomAction(cluster, plan.lead, issue), writes: [] }];
  });
}

/** Problems, most urgent first: the order of the plan, of new issues and of the write budget. */
function sortClusters(clusters: RankedCluster[]): RankedCluster[] {
  return clusters
    .filter((c) => !c.ignored)
    .sort(
      (a, b) => rank(a.priority) - rank(b.priority) || b.count - a.count || a.fingerprint.localeCompare(b.fingerprint),
    );
}

/** Steps in order until the budget runs out; a step whose writes do not fit is skipped whole. */
function withinWriteBudget(steps: Step[], maxWrites: number): IssuePlan {
  const plan: IssuePlan = { actions: [], writes: [] };
  for (const step of steps) {
    const over = step.writes.length > 0 && plan.writes.length + step.writes.length > maxWrites;
    const { action, writes } = over ? skip(step.action, `over the write budget (${maxWrites} writes per run)`) : step;
    const at = plan.actions.push(action) - 1;
    for (const w of writes) plan.writes.push({ ...w, action: at } as PlannedWrite);
  }
  return plan;
}

function skip(base: IssueAction, reason: string): Step {
  return { action: { ...base, action: 'skip', reason }, writes: [] };
}

function unchanged(base: IssueAction, reason: string): Step {
  return { action: { ...base, action: 'none', reason }, writes: [] };
}

function isMuted(issue: TrackedIssue, settings: PlanSettings): boolean {
  return settings.muteLabel !== '' && issue.labels.includes(settings.muteLabel);
}

/** One problem: the oldest open issue tracks it, else the most recently closed one, else none. */
function planCluster(input: PlanCall, cluster: RankedCluster, owned: Owned[], created: number): Step {
  const closed = owned
    .filter((o) => o.issue.state === 'closed' && o.issue.stateReason !== 'duplicate')
    .sort((a, b) => (b.issue.closedAt ?? 0) - (a.issue.closedAt ?? 0));
  const current = openByAge(owned)[0] ?? closed[0];
  const base: IssueAction = {
    action: 'none',
    fingerprint: cluster.fingerprint,
    priority: cluster.priority,
    title: current?.issue.title ?? renderTitle(cluster),
    issueNumber: current?.issue.number,
    url: current?.issue.url,
    reason: '',
  };
  if (!current) return planCreate(input, cluster, base, created);
  if (isMuted(current.issue, input.settings))
    return skip(base, `#${current.issue.number} is muted (${input.settings.muteLabel})`);
  if (current.issue.state === 'open') return planOpen(input, cluster, base, current);
  return planClosed(input, cluster, base, current, created);
}

function body(input: PlanCall, cluster: RankedCluster, state: MarkerState, previous?: TrackedIssue): string {
  return renderBody({
    ...(input.extra?.incident ? { incident: input.extra.incident } : {}),
    ...(input.extra?.symptomOf ? { symptomOf: input.extra.symptomOf } : {}),
    cluster,
    state,
    window: input.window,
    runUrl: input.runUrl,
    logsLink: input.logsLinks[cluster.fingerprint] ?? '',
    previous: previous ? { number: previous.number, closedAt: previous.closedAt } : undefined,
  });
}

/** The patch that brings an issue of ours up to date: body, and the P label and title prefix if the priority changed. */
function refreshPatch(
  input: PlanInput,
  owned: Owned,
  cluster: RankedCluster,
  state: MarkerState,
  reopen: Pick<IssuePatch, 'state' | 'stateReason'> = {},
): IssuePatch {
  const { issue, marker } = owned;
  const patch: IssuePatch = { ...reopen, body: body(input, cluster, state) };
  const labels = relabel(issue.labels, marker.p, cluster.priority);
  if (labels) patch.labels = labels;
  const title = retitle(issue.title, cluster.priority);
  if (title !== issue.title) patch.title = title;
  return patch;
}

/** A new issue, if the priority and max-new-issues allow; `previous` is an older issue it links. */
function planCreate(
  input: PlanInput,
  cluster: RankedCluster,
  base: IssueAction,
  created: number,
  previous?: TrackedIssue,
): Step {
  const { settings } = input;
  if (rank(cluster.priority) > rank(settings.minIssuePriority))
    return skip(base, `below min-issue-priority ${settings.minIssuePriority}`);
  if (created >= settings.maxNewIssues) return skip(base, `over max-new-issues (${settings.maxNewIssues})`);
  const { state } = nextState(cluster, null, input.window, (input as PlanCall).extra?.members);
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
        issue: { title: renderTitle(cluster), body: body(input, cluster, state, previous), labels, assignees },
      },
    ],
  };
}

/** An open issue: refreshed when its state changed, with a comment when the change is notable. */
function planOpen(input: PlanInput, current: RankedCluster, base: IssueAction, owned: Owned): Step {
  const { issue, marker } = owned;
  const cluster = keepRaisedPriority(current, marker.p);
  const { state, added } = nextState(cluster, marker, input.window, (input as PlanCall).extra?.members);
  if (sameState(state, marker)) return unchanged(base, 'up to date (window already counted)');
  const changes = notableChanges(cluster, marker, added);
  const writes: Step['writes'] = [
    { kind: 'update', issueNumber: issue.number, patch: refreshPatch(input, owned, cluster, state) },
  ];
  if (!changes.length)
    return { action: { ...base, action: 'update', reason: `${added} new occurrences; body refreshed` }, writes };
  writes.push({ kind: 'comment', issueNumber: issue.number, body: renderChangeComment(changes, input.runUrl) });
  return { action: { ...base, action: 'comment', reason: `${describeChanges(changes)}; body refreshed` }, writes };
}

/** A closed issue: reopened when the problem recurs within the reopen window, else a new issue links it. */
function planClosed(input: PlanInput, cluster: RankedCluster, base: IssueAction, owned: Owned, created: number): Step {
  const { settings } = input;
  const { issue, marker } = owned;
  const closedAt = issue.closedAt ?? issue.createdAt;
  const seenAgain = firstOccurrenceAfter(cluster, closedAt);
  if (seenAgain === null)
    return unchanged(base, `#${issue.number} is closed and the problem was not seen after it was closed`);
  if (issue.stateReason === 'not_planned') return skip(base, `#${issue.number} was closed as not planned`);
  if (seenAgain - closedAt > settings.reopenWindowMs)
    return planCreate(input, cluster, { ...base, issueNumber: undefined, url: undefined }, created, issue);
  if (rank(cluster.priority) > rank(settings.minIssuePriority))
    return skip(base, `recurred, but below min-issue-priority ${settings.minIssuePriority}`);
  const { state } = nextState(cluster, marker, input.window, (input as PlanCall).extra?.members);
  const patch = refreshPatch(input, owned, cluster, state, { state: 'open', stateReason: 'reopened' });
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
}

/** Per fingerprint, problem seen this run or not: close newer duplicates, then close what went quiet. */
function housekeeping(input: PlanInput, index: Map<string, Owned[]>, seen: Set<string>): Step[] {
  const steps: Step[] = [];
  for (const [fp, owned] of [...index.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [winner, ...duplicates] = openByAge(owned);
    for (const dup of duplicates) steps.push(closeDuplicate(input, fp, dup, winner));
    if (winner && !seen.has(fp) && isStale(input, winner)) steps.push(closeStale(input, fp, winner));
  }
  return steps;
}

function closeAction(fp: string, { issue, marker }: Owned, reason: string): IssueAction {
  return {
    action: 'close',
    fingerprint: fp,
    priority: marker.p,
    issueNumber: issue.number,
    url: issue.url,
    title: issue.title,
    reason,
  };
}

function closeDuplicate(input: PlanInput, fp: string, dup: Owned, winner: Owned): Step {
  const base = closeAction(fp, dup, `duplicate of #${winner.issue.number}`);
  if (isMuted(dup.issue, input.settings)) return skip(base, `duplicate of #${winner.issue.number}, but muted`);
  const comment = renderDuplicateComment({ original: winner.issue.number, runUrl: input.runUrl });
  return {
    action: base,
    writes: [
      { kind: 'comment', issueNumber: dup.issue.number, body: comment },
      { kind: 'close', issueNumber: dup.issue.number, patch: { state: 'closed', stateReason: 'duplicate' } },
    ],
  };
}

/** close-after: open, not muted, and last seen longer ago than closeAfterMs (0 = never). */
function isStale(input: PlanInput, { issue, marker }: Owned): boolean {
  const { closeAfterMs } = input.settings;
  return closeAfterMs > 0 && !isMuted(issue, input.settings) && marker.last < input.now - closeAfterMs;
}

function closeStale(input: PlanInput, fp: string, owned: Owned): Step {
  const { issue, marker } = owned;
  const reason = `not seen since close-after (last seen ${new Date(marker.last).toISOString()})`;
  const comment = renderStaleComment({
    lastSeen: marker.last,
    closeAfterMs: input.settings.closeAfterMs,
    reopenWindowMs: input.settings.reopenWindowMs,
    runUrl: input.runUrl,
  });
  return {
    action: closeAction(fp, owned, reason),
    writes: [
      { kind: 'comment', issueNumber: issue.number, body: comment },
      { kind: 'close', issueNumber: issue.number, patch: { state: 'closed', stateReason: 'completed' } },
    ],
  };
}
