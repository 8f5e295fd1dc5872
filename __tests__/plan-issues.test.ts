import type { RankedCluster } from '../src/core/model/cluster-types.js';
import type { TrackedIssue } from '../src/core/model/issue-types.js';
import { renderBody } from '../src/core/issues/issue-text.js';
import type { MarkerState } from '../src/core/issues/marker.js';
import { parseMarker } from '../src/core/issues/marker.js';
import type { PlanInput } from '../src/core/issues/plan-types.js';
import { planIssues } from '../src/core/issues/plan-issues.js';
import { isTrustedAuthor, knownFingerprints } from '../src/core/issues/owned-issues.js';
import { HOUR, T0, hourWindow, rankedCluster } from '../test/fixtures/ranked-cluster.js';

const DAY = 24 * HOUR;
const BOT = 'github-actions[bot]';
const H1 = T0 + HOUR;

function input(
  overrides: Partial<Omit<PlanInput, 'settings'>> & { settings?: Partial<PlanInput['settings']> } = {},
): PlanInput {
  const { settings, ...rest } = overrides;
  return {
    clusters: [rankedCluster({ hourStart: H1 })],
    issues: [],
    trustedAuthors: [BOT],
    now: H1 + HOUR,
    window: hourWindow(H1),
    runUrl: 'https://github.com/acme/shop/actions/runs/2',
    logsLinks: {},
    repository: 'acme/shop',
    serviceRouting: {},
    ...rest,
    settings: {
      minIssuePriority: 'P3',
      maxNewIssues: 10,
      reopenWindowMs: 14 * DAY,
      muteLabel: 'log-gardener:muted',
      closeAfterMs: 0,
      labels: ['log-gardener'],
      ...settings,
    },
  };
}

/** An issue as a previous run left it, for `cluster` seen in the hour starting `hourStart`. */
function issue(
  overrides: Partial<TrackedIssue> & {
    cluster?: RankedCluster;
    hourStart?: number;
    marker?: Partial<MarkerState>;
  } = {},
): TrackedIssue {
  const { cluster: given, hourStart = T0, marker, ...rest } = overrides;
  const cluster = given ?? rankedCluster({ hourStart });
  const state: MarkerState = {
    fp: cluster.fingerprint,
    first: cluster.firstSeen,
    last: cluster.lastSeen,
    total: cluster.count,
    lastCount: cluster.count,
    p: cluster.priority,
    svc: cluster.services,
    windows: [[hourStart, hourStart + HOUR]],
    ...marker,
  };
  return {
    number: 1,
    url: 'https://github.com/acme/shop/issues/1',
    title: '[P1] checkout: TimeoutError: upstream payments-api did not answer',
    body: renderBody({
      cluster,
      state,
      window: hourWindow(hourStart),
      runUrl: 'https://github.com/acme/shop/actions/runs/1',
      logsLink: '',
    }),
    state: 'open',
    stateReason: null,
    closedAt: null,
    createdAt: hourStart + HOUR,
    author: BOT,
    labels: ['log-gardener', 'P1'],
    ...rest,
  };
}

const summary = (plan: ReturnType<typeof planIssues>): string[] =>
  plan.actions.map((a) => `${a.action}${a.issueNumber ? ` #${a.issueNumber}` : ''}: ${a.reason}`);
const kinds = (plan: ReturnType<typeof planIssues>): string[] =>
  plan.writes.map((w) => `${w.kind}${'issueNumber' in w ? ` #${w.issueNumber}` : ''}`);

describe('planIssues', () => {
  it.each<[string, PlanInput, string[], string[]]>([
    ['a new problem is created', input(), ['create: new problem'], ['create']],
    [
      'below min-issue-priority is skipped',
      input({ clusters: [rankedCluster({ priority: 'P3' })], settings: { minIssuePriority: 'P2' } }),
      ['skip: below min-issue-priority P2'],
      [],
    ],
    ['an ignored cluster gets no action', input({ clusters: [rankedCluster({ ignored: true })] }), [], []],
    [
      'the same window again is up to date',
      input({ issues: [issue({ hourStart: H1 })] }),
      ['none #1: up to date (window already counted)'],
      [],
    ],
    [
      'the next hour refreshes the body silently',
      input({ issues: [issue()] }),
      ['update #1: 120 new occurrences; body refreshed'],
      ['update #1'],
    ],
    [
      'a forged marker by another author is ignored',
      input({ issues: [issue({ author: 'mallory' })] }),
      ['create: new problem'],
      ['create'],
    ],
    [
      'a muted issue gets no write at all',
      input({ issues: [issue({ labels: ['log-gardener', 'P1', 'log-gardener:muted'] })] }),
      ['skip #1: #1 is muted (log-gardener:muted)'],
      [],
    ],
    [
      'a recurrence within the reopen window reopens',
      input({ issues: [issue({ state: 'closed', stateReason: 'completed', closedAt: H1 - 2 * DAY })] }),
      ['reopen #1: recurred within the reopen window of #1'],
      ['reopen #1', 'comment #1'],
    ],
    [
      'after the reopen window a new issue links the old',
      input({ issues: [issue({ state: 'closed', stateReason: 'completed', closedAt: H1 - 20 * DAY })] }),
      ['create: new problem; recurrence of #1 after the reopen window'],
      ['create'],
    ],
    [
      'not planned is never reopened',
      input({ issues: [issue({ state: 'closed', stateReason: 'not_planned', closedAt: H1 - DAY })] }),
      ['skip #1: #1 was closed as not planned'],
      [],
    ],
    [
      'a closed muted issue is not reopened',
      input({
        issues: [
          issue({
            state: 'closed',
            stateReason: 'completed',
            closedAt: H1 - DAY,
            labels: ['log-gardener', 'log-gardener:muted'],
          }),
        ],
      }),
      ['skip #1: #1 is muted (log-gardener:muted)'],
      [],
    ],
    [
      'no occurrence after closing changes nothing',
      input({ issues: [issue({ state: 'closed', stateReason: 'completed', closedAt: H1 + 2 * HOUR })] }),
      ['none #1: #1 is closed and the problem was not seen after it was closed'],
      [],
    ],
  ])('%s', (_name, planInput, expectedActions, expectedWrites) => {
    const plan = planIssues(planInput);
    expect(summary(plan)).toEqual(expectedActions);
    expect(kinds(plan)).toEqual(expectedWrites);
  });

  it.each<[string, Partial<RankedCluster>, Partial<MarkerState>, RegExp]>([
    ['priority escalated', { priority: 'P0' }, { p: 'P2' }, /priority escalated P2 → P0/],
    ['volume jump ≥3× and ≥100', { count: 600 }, { lastCount: 120 }, /volume jump 120 → 600/],
    ['back after a quiet period', {}, { last: T0 - 3 * DAY }, /back after a quiet period/],
    ['a new service affected', { services: ['checkout', 'cart'] }, {}, /new service cart/],
  ])('comments when %s', (_name, clusterOverrides, markerOverrides, reason) => {
    const plan = planIssues(
      input({
        clusters: [rankedCluster({ hourStart: H1, ...clusterOverrides })],
        issues: [issue({ marker: markerOverrides })],
      }),
    );
    expect(plan.actions[0]).toMatchObject({ action: 'comment', issueNumber: 1 });
    expect(plan.actions[0].reason).toMatch(reason);
    expect(kinds(plan)).toEqual(['update #1', 'comment #1']);
  });

  it('does not comment on a small volume change', () => {
    const plan = planIssues(input({ clusters: [rankedCluster({ hourStart: H1, count: 200 })], issues: [issue()] }));
    expect(plan.actions[0].action).toBe('update');
  });

  it('swaps the priority label and title prefix when the priority rises', () => {
    const plan = planIssues(
      input({
        clusters: [rankedCluster({ hourStart: H1, priority: 'P0' })],
        issues: [issue({ labels: ['log-gardener', 'P1', 'team:pay'] })],
      }),
    );
    const write = plan.writes[0];
    expect(write.kind === 'update' && write.patch).toMatchObject({
      labels: ['log-gardener', 'team:pay', 'P0'],
      title: '[P0] checkout: TimeoutError: upstream payments-api did not answer',
    });
  });

  it('never lowers an open issue’s priority by itself', () => {
    const plan = planIssues(
      input({
        clusters: [rankedCluster({ hourStart: H1, priority: 'P2' })],
        issues: [issue({ labels: ['log-gardener', 'P1', 'team:pay'] })],
      }),
    );
    const write = plan.writes[0];
    expect(write.kind).toBe('update');
    if (write.kind !== 'update') return;
    expect(write.patch.labels).toBeUndefined();
    expect(write.patch.title).toBeUndefined();
    expect(parseMarker(write.patch.body ?? '')?.p).toBe('P1');
    expect(write.patch.body).toContain('kept at P1');
  });

  it('accumulates the marker state across hours', () => {
    const plan = planIssues(input({ issues: [issue()] }));
    const write = plan.writes[0];
    const marker = parseMarker(write.kind === 'update' ? (write.patch.body ?? '') : '');
    expect(marker).toMatchObject({ total: 240, lastCount: 120, windows: [[T0, H1 + HOUR]] });
  });

  it('creates at most max-new-issues, highest priority first, with per-service routing', () => {
    const clusters = [
      rankedCluster({ fingerprint: 'v1:a', priority: 'P2' }),
      rankedCluster({ fingerprint: 'v1:b', priority: 'P0', services: ['payments'] }),
      rankedCluster({ fingerprint: 'v1:c', priority: 'P1' }),
    ];
    const plan = planIssues(
      input({
        clusters,
        settings: { maxNewIssues: 2 },
        serviceRouting: { payments: { labels: ['team:pay'], assignees: ['alice'] } },
      }),
    );
    expect(plan.actions.map((a) => `${a.fingerprint} ${a.action}`)).toEqual([
      'v1:b create',
      'v1:c create',
      'v1:a skip',
    ]);
    expect(plan.actions[2].reason).toBe('over max-new-issues (2)');
    const first = plan.writes[0];
    expect(first.kind === 'create' && first.issue).toMatchObject({
      labels: ['log-gardener', 'P0', 'team:pay'],
      assignees: ['alice'],
    });
  });

  it('skips what is over the write budget', () => {
    const clusters = Array.from({ length: 5 }, (_, i) => rankedCluster({ fingerprint: `v1:${i}` }));
    const plan = planIssues(input({ clusters, settings: { maxWrites: 3 } }));
    expect(plan.actions.map((a) => a.action)).toEqual(['create', 'create', 'create', 'skip', 'skip']);
    expect(plan.writes).toHaveLength(3);
  });

  it('closes the newer of two issues the action made for one problem', () => {
    const older = issue({ number: 4, createdAt: T0 });
    const newer = issue({ number: 9, createdAt: T0 + 1000, url: 'https://github.com/acme/shop/issues/9' });
    const plan = planIssues(input({ issues: [newer, older] }));
    expect(summary(plan)).toEqual(['update #4: 120 new occurrences; body refreshed', 'close #9: duplicate of #4']);
    expect(kinds(plan)).toEqual(['update #4', 'comment #9', 'close #9']);
    const close = plan.writes[2];
    expect(close.kind === 'close' && close.patch).toEqual({ state: 'closed', stateReason: 'duplicate' });
  });

  it.each([
    ['closes an issue not seen for longer than close-after', 7 * DAY, 20 * DAY, ['close #1']],
    ['leaves a recently seen issue open', 7 * DAY, 2 * DAY, []],
    ['never closes when close-after is empty', 0, 20 * DAY, []],
  ])('%s', (_name, closeAfterMs, age, expected) => {
    const plan = planIssues(input({ clusters: [], now: T0 + age, issues: [issue()], settings: { closeAfterMs } }));
    expect(plan.actions.map((a) => `${a.action} #${a.issueNumber}`)).toEqual(expected);
    expect(kinds(plan)).toEqual(expected.length ? ['comment #1', 'close #1'] : []);
  });
});

// One trust check for the plan and for prioritisation (garden's known problems): GitHub logins
// are case-insensitive, so trusted-authors in other capitals must not make a known problem new.
describe('trusted authors', () => {
  it.each<[string, string[], string, boolean]>([
    ['the same spelling', ['octo-maintainer'], 'octo-maintainer', true],
    ['trusted-authors in other capitals', ['Octo-Maintainer'], 'octo-maintainer', true],
    ['the issue author in other capitals', ['octo-maintainer'], 'OCTO-MAINTAINER', true],
    ['one of several', [BOT, 'Octo-Maintainer'], 'octo-maintainer', true],
    ['a longer login', ['Octo-Maintainer'], 'octo-maintainer-fork', false],
    ['nobody trusted', [], 'octo-maintainer', false],
  ])('%s: %j, issue by %s → trusted %s', (_name, trusted, author, expected) => {
    const tracked = issue({ author });
    expect(isTrustedAuthor(author, trusted)).toBe(expected);
    expect([...knownFingerprints([tracked], trusted)]).toEqual(expected ? [parseMarker(tracked.body)?.fp] : []);
    const plan = planIssues(input({ issues: [tracked], trustedAuthors: trusted }));
    expect(plan.actions.map((a) => a.action)).toEqual([expected ? 'update' : 'create']);
  });
});
