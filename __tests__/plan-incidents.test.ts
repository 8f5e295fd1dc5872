/**
 * One issue per incident root (issue 13): the planner's decisions for incidents, as final plans.
 */
import type { RankedCluster } from '../src/core/model/cluster-types.js';
import type { TrackedIssue } from '../src/core/model/issue-types.js';
import { incidentId, type Incident } from '../src/core/model/incident-types.js';
import { parseMarker, renderMarker } from '../src/core/issues/marker.js';
import type { PlanInput } from '../src/core/issues/plan-types.js';
import { planIssues } from '../src/core/issues/plan-issues.js';
import { HOUR, T0, hourWindow, rankedCluster } from '../test/fixtures/ranked-cluster.js';

const BOT = 'github-actions[bot]';
const H1 = T0 + HOUR;

const root = rankedCluster({
  hourStart: H1,
  fingerprint: 'v2:exc:root',
  title: "ImportError: cannot import name 'X'",
  priority: 'P1',
});
const exits = rankedCluster({
  hourStart: H1,
  fingerprint: 'v2:msg:exits',
  title: 'Container called exit(3).',
  priority: 'P2',
});
const fiveXX = rankedCluster({
  hourStart: H1,
  fingerprint: 'v2:req:503',
  title: 'HTTP 503 on requests',
  kind: 'request',
  priority: 'P0',
});

function incident(members: RankedCluster[]): Incident {
  const [lead, ...rest] = members;
  return {
    id: incidentId(lead!.fingerprint),
    title: lead!.title,
    priority: 'P0',
    root: lead!.fingerprint,
    rootRole: 'startup',
    members: members.map((m) => m.fingerprint),
    services: ['checkout'],
    firstSeen: H1,
    lastSeen: H1 + HOUR,
    links: rest.map((m) => ({ from: lead!.fingerprint, to: m.fingerprint, evidence: 'checkout cannot start' })),
  };
}

function input(
  clusters: RankedCluster[],
  incidents: Incident[],
  issues: TrackedIssue[] = [],
  window = hourWindow(H1),
): PlanInput {
  return {
    clusters,
    incidents,
    issues,
    trustedAuthors: [BOT],
    now: window.end,
    window,
    runUrl: '',
    logsLinks: {},
    repository: 'acme/shop',
    serviceRouting: {},
    settings: {
      minIssuePriority: 'P3',
      maxNewIssues: 10,
      reopenWindowMs: 14 * 24 * HOUR,
      muteLabel: 'log-gardener:muted',
      closeAfterMs: 0,
      labels: ['log-gardener'],
    },
  };
}

/** The issues a plan's creates would leave behind, numbered from `first`. */
function created(plan: ReturnType<typeof planIssues>, first = 1): TrackedIssue[] {
  return plan.writes.flatMap((w, i) =>
    w.kind === 'create'
      ? [
          {
            number: first + i,
            url: `https://github.com/acme/shop/issues/${first + i}`,
            title: w.issue.title,
            body: w.issue.body,
            state: 'open' as const,
            stateReason: null,
            closedAt: null,
            createdAt: H1,
            author: BOT,
            labels: w.issue.labels,
          },
        ]
      : [],
  );
}

describe('planIssues with incidents', () => {
  const all = [root, exits, fiveXX];
  const inc = incident(all);

  it('files one issue for the incident, at its priority, listing the symptoms; the symptoms get none', () => {
    const plan = planIssues(input(all, [inc]));
    expect(plan.actions.map((a) => [a.fingerprint, a.action])).toEqual([
      ['v2:exc:root', 'create'],
      ['v2:msg:exits', 'none'],
      ['v2:req:503', 'none'],
    ]);
    const write = plan.writes[0]!;
    expect(write.kind === 'create' && write.issue.title).toMatch(/^\[P0\] /);
    const body = write.kind === 'create' ? write.issue.body : '';
    expect(body).toContain('Container called exit(3).');
    expect(parseMarker(body)?.members).toEqual(['v2:exc:root', 'v2:msg:exits', 'v2:req:503']);
  });

  it('writes nothing when the same window runs again', () => {
    const issues = created(planIssues(input(all, [inc])));
    expect(planIssues(input(all, [inc], issues)).writes).toEqual([]);
  });

  it('keeps the incident’s issue when another member leads it the next hour', () => {
    const issues = created(planIssues(input(all, [inc])));
    const next = [exits, root, fiveXX].map((c) => ({
      ...c,
      firstSeen: c.firstSeen + HOUR,
      lastSeen: c.lastSeen + HOUR,
      perMinute: new Map([...c.perMinute].map(([m, n]) => [m + HOUR, n])),
    }));
    const plan = planIssues(input(next, [incident(next)], issues, hourWindow(H1 + HOUR)));
    expect(plan.actions.filter((a) => a.action === 'create')).toEqual([]);
    expect(plan.actions[0]).toMatchObject({ fingerprint: 'v2:msg:exits', action: 'update', issueNumber: 1 });
  });

  it('files a symptom seen without its root as a problem of its own', () => {
    const issues = created(planIssues(input(all, [inc])));
    const alone = { ...fiveXX, firstSeen: fiveXX.firstSeen + HOUR, lastSeen: fiveXX.lastSeen + HOUR };
    const plan = planIssues(input([alone], [incident([alone])], issues, hourWindow(H1 + HOUR)));
    expect(plan.actions[0]).toMatchObject({ fingerprint: 'v2:req:503', action: 'create' });
  });

  it('keeps a symptom’s own older issue up to date, naming the incident', () => {
    const own: TrackedIssue = {
      number: 7,
      url: 'https://github.com/acme/shop/issues/7',
      title: '[P0] checkout: HTTP 503 on requests',
      body: `Filed earlier.\n\n${renderMarker({ fp: 'v2:req:503', first: T0, last: T0 + 60_000, total: 5, lastCount: 5, p: 'P0', svc: ['checkout'], windows: [[T0, T0 + HOUR]] })}`,
      state: 'open',
      stateReason: null,
      closedAt: null,
      createdAt: T0,
      author: BOT,
      labels: ['log-gardener', 'P0'],
    };
    const plan = planIssues(input(all, [inc], [own]));
    expect(plan.actions.map((a) => [a.fingerprint, a.action])).toEqual([
      ['v2:exc:root', 'create'],
      ['v2:msg:exits', 'none'],
      // Updated as before (here with a comment: a volume jump since its last window).
      ['v2:req:503', 'comment'],
    ]);
    const update = plan.writes.find((w) => w.kind === 'update');
    expect(update?.kind === 'update' && update.patch.body).toContain('now a symptom of an incident');
    const rootBody = plan.writes[0]!.kind === 'create' ? plan.writes[0]!.issue.body : '';
    expect(rootBody).toContain('(#7)');
  });

  it('counts an incident once against max-new-issues', () => {
    const other = rankedCluster({ hourStart: H1, fingerprint: 'v2:msg:other', title: 'Slow query', priority: 'P3' });
    const plan = planIssues({
      ...input([...all, other], [inc, incident([other])]),
      settings: { ...input([], []).settings, maxNewIssues: 1 },
    });
    expect(plan.actions.map((a) => a.action)).toEqual(['create', 'none', 'none', 'skip']);
  });
});
