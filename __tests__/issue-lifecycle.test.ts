import { applyPlan } from '../src/apply-plan.js';
import { createGitHubIssues } from '../src/adapters/github-issues.js';
import { FAST } from '../test/fixtures/octokit-timing.js';
import type { RankedCluster } from '../src/core/model/cluster-types.js';
import type { IssueAction } from '../src/core/model/issue-types.js';
import { labelSet } from '../src/core/issues/label-set.js';
import { parseMarker } from '../src/core/issues/marker.js';
import { planIssues } from '../src/core/issues/plan-issues.js';
import { FakeGitHub } from '../test/fakes/github-server.js';
import { checkResponse } from '../test/fakes/openapi-check.js';
import { HOUR, MINUTE, T0, hourWindow, rankedCluster } from '../test/fixtures/ranked-cluster.js';

const DAY = 24 * HOUR;
const REOPEN = 14 * DAY;
const LABEL = 'log-gardener';

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await FakeGitHub.start(undefined, T0);
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

interface HourResult {
  actions: IssueAction[];
  requests: number;
  writes: number;
}

/** One scheduled run over the hour starting `hourStart`: list → identity → plan → apply, as the entry point wires it. */
async function runHour(
  clusters: RankedCluster[],
  hourStart: number,
  options: { dryRun?: boolean; token?: string; closeAfterMs?: number } = {},
): Promise<HourResult> {
  const now = hourStart + HOUR + 2 * MINUTE;
  fake.setNow(now);
  const writesBefore = fake.writes().length;
  const logs: string[] = [];
  const tracker = createGitHubIssues(
    { token: options.token ?? 'ghs-installation', apiUrl: fake.url, owner: 'acme', repo: 'shop' },
    (m) => logs.push(m),
    FAST,
  );
  const window = hourWindow(hourStart);
  const issues = await tracker.listIssues(LABEL, window.start - 2 * REOPEN);
  const plan = planIssues({
    clusters,
    issues,
    trustedAuthors: [await tracker.identity()],
    now,
    window,
    runUrl: `https://github.com/acme/shop/actions/runs/${hourStart}`,
    logsLinks: {},
    repository: 'acme/shop',
    settings: {
      minIssuePriority: 'P3',
      maxNewIssues: 10,
      reopenWindowMs: REOPEN,
      muteLabel: 'log-gardener:muted',
      closeAfterMs: options.closeAfterMs ?? 0,
      labels: [LABEL],
    },
    serviceRouting: { checkout: { labels: ['team:checkout'], assignees: ['alice'] } },
  });
  const actions = await applyPlan(plan, tracker, { dryRun: options.dryRun ?? false, labels: labelSet([LABEL]) });
  return { actions, requests: tracker.requestCount(), writes: fake.writes().length - writesBefore };
}

const H = (n: number): number => T0 + n * HOUR;
const timeout = (hour: number, extra: Partial<RankedCluster> = {}): RankedCluster =>
  rankedCluster({ hourStart: H(hour), ...extra });
const oom = (hour: number, extra: Partial<RankedCluster> = {}): RankedCluster =>
  rankedCluster({
    hourStart: H(hour),
    fingerprint: 'v1:msg:oom',
    title: 'Memory limit exceeded',
    template: 'Memory limit of <num> MiB exceeded',
    services: ['orders'],
    priority: 'P0',
    count: 12,
    ...extra,
  });
const tally = (actions: IssueAction[]): Record<string, number> =>
  actions.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.action]: (acc[a.action] ?? 0) + 1 }), {});

describe('issue lifecycle: real Octokit adapter ↔ fake GitHub', () => {
  it('creates, then updates with zero new issues, then writes nothing on a repeated hour', async () => {
    const first = await runHour([timeout(0), oom(0)], H(0));
    expect(tally(first.actions)).toEqual({ create: 2 });
    expect(first.actions.every((a) => a.status === 'done' && a.issueNumber)).toBe(true);
    expect(fake.issues.map((i) => i.title)).toEqual([
      '[P0] orders: Memory limit exceeded',
      '[P1] checkout: TimeoutError: upstream payments-api did not answer',
    ]);
    expect(fake.issues[1]).toMatchObject({ labels: [LABEL, 'P1', 'team:checkout'], assignees: ['alice'] });

    const second = await runHour([timeout(1), oom(1, { priority: 'P1' })], H(1));
    expect(tally(second.actions)).toEqual({ update: 2 });
    expect(fake.issues).toHaveLength(2);
    expect(parseMarker(fake.issues[1].body)).toMatchObject({ total: 240, windows: [[H(0), H(2)]] });
    // The priority dropped to P1 this hour, but an open issue's priority is never lowered by the action.
    expect(fake.issues[0]).toMatchObject({ title: '[P0] orders: Memory limit exceeded', labels: [LABEL, 'P0'] });

    const third = await runHour([timeout(2, { count: 900 }), oom(2, { priority: 'P1' })], H(2));
    expect(tally(third.actions)).toEqual({ comment: 1, update: 1 });
    expect(fake.comments.map((c) => c.body)).toEqual([expect.stringMatching(/Volume jump.*900 occurrences/)]);

    const repeat = await runHour([timeout(2, { count: 900 }), oom(2, { priority: 'P1' })], H(2));
    expect(tally(repeat.actions)).toEqual({ none: 2 });
    expect(repeat.writes).toBe(0);
    expect(repeat.requests).toBe(3); // list open, list closed, GET /user
    // [requests, writes] per run. Hour 0: 3 reads + label list + 4 labels + 2 creates; hour 1:
    // 3 reads + 2 updates (no label swap: the priority dropped, and is kept); hour 2: 3 reads +
    // 2 updates + 1 comment.
    expect([first, second, third, repeat].map((r) => [r.requests, r.writes])).toEqual([
      [10, 6],
      [5, 2],
      [6, 3],
      [3, 0],
    ]);
  });

  it('ignores a forged marker on an issue someone else opened', async () => {
    await runHour([timeout(0)], H(0));
    fake.seedIssue({
      title: 'copied',
      author: 'mallory',
      labels: [LABEL],
      body: fake.issues[0].body,
      createdAt: T0 - DAY,
    });
    const next = await runHour([timeout(1)], H(1));
    expect(next.actions.map((a) => `${a.action} #${a.issueNumber}`)).toEqual(['update #1']);
    expect(fake.issues[1].body).toContain('total":120');
  });

  it('reopens a recurring closed issue with a comment', async () => {
    await runHour([timeout(0)], H(0));
    fake.setNow(H(3));
    fake.issues[0].state = 'closed';
    fake.issues[0].stateReason = 'completed';
    fake.issues[0].closedAt = H(3);
    fake.issues[0].updatedAt = H(3);
    const quiet = await runHour([], H(4));
    expect(quiet.writes).toBe(0);
    const back = await runHour([timeout(5 * 24)], H(5 * 24));
    expect(back.actions.map((a) => a.action)).toEqual(['reopen']);
    expect(fake.issues[0]).toMatchObject({ state: 'open', stateReason: 'reopened' });
    expect(fake.comments.at(-1)?.body).toMatch(/^Reopening: this problem was seen again/);
  });

  it('keeps a muted issue quiet: no comment, no reopen, no body update', async () => {
    await runHour([timeout(0)], H(0));
    fake.issues[0].labels.push('log-gardener:muted');
    const before = fake.issues[0].body;
    const escalated = await runHour([timeout(1, { priority: 'P0', count: 5000 })], H(1));
    expect(escalated.actions.map((a) => a.action)).toEqual(['skip']);
    expect(escalated.writes).toBe(0);
    expect(fake.issues[0].body).toBe(before);
    expect(fake.comments).toHaveLength(0);
  });

  it('survives an injected secondary rate limit', async () => {
    fake.inject({ method: 'POST', path: /\/issues$/, status: 403, retryAfter: 1 });
    const run = await runHour([timeout(0)], H(0));
    expect(run.actions.map((a) => `${a.action} ${a.status}`)).toEqual(['create done']);
    expect(fake.issues).toHaveLength(1);
  });

  it('fails only the action whose write got a 500', async () => {
    await runHour([timeout(0), oom(0)], H(0));
    fake.inject({ method: 'PATCH', path: /\/issues\/1$/, status: 500, times: 4 });
    const run = await runHour([timeout(1), oom(1)], H(1));
    expect(run.actions.map((a) => `${a.fingerprint} ${a.action} ${a.status}`)).toEqual([
      'v1:msg:oom update failed',
      'v1:exc:3f2a9c0d1e update done',
    ]);
    expect(run.actions[0].error).toMatch(/HTTP 500/);
  });

  it('closes a duplicate the action itself created, keeping the older issue', async () => {
    await runHour([timeout(0)], H(0));
    fake.seedIssue({ title: 'dup', author: 'github-actions[bot]', labels: [LABEL], body: fake.issues[0].body });
    const run = await runHour([timeout(1)], H(1));
    expect(run.actions.map((a) => `${a.action} #${a.issueNumber}`)).toEqual(['update #1', 'close #2']);
    expect(fake.issues[1]).toMatchObject({ state: 'closed', stateReason: 'duplicate' });
    expect(fake.comments[0].body).toMatch(/duplicate of #1/);
  });

  it('writes nothing in a dry run and reports the plan', async () => {
    const run = await runHour([timeout(0)], H(0), { dryRun: true });
    expect(run.actions.map((a) => `${a.action} ${a.status}`)).toEqual(['create planned']);
    expect(run.writes).toBe(0);
  });

  it('trusts issues written with a personal token by that token’s login', async () => {
    await runHour([timeout(0)], H(0), { token: 'ghp-personal' });
    expect(fake.issues[0].author).toBe('octo-maintainer');
    const next = await runHour([timeout(1)], H(1), { token: 'ghp-personal' });
    expect(next.actions.map((a) => a.action)).toEqual(['update']);
  });

  it('the OpenAPI check catches a response that drifts from GitHub’s schema', () => {
    expect(checkResponse('GET', '/repos/{owner}/{repo}/issues', 200, [{ number: 'one' }])).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/missing required title/),
        expect.stringMatching(/number: expected integer, got string/),
      ]),
    );
  });
});
