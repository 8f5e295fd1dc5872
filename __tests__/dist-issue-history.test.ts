/**
 * The bundle against a repository that already has history: a forged marker captures nothing,
 * a problem that recurs after its issue was closed reopens it, and a muted issue is left alone.
 */
import { renderMarker } from '../src/core/issues/marker.js';
import type { RankedCluster } from '../src/core/model/cluster-types.js';
import { FakeGitHub, type FakeIssue } from '../test/fakes/github-server.js';
import { gardenFile } from '../test/run-garden.js';
import { repoFile, runDist } from '../test/run-dist.js';

const HOUR = repoFile('samples/cloud-run-outage.json');
const DAY = 86_400_000;

describe('dist/index.js with earlier issues in the repository', () => {
  let github: FakeGitHub;
  let forged: FakeIssue;
  let closed: FakeIssue;
  let muted: FakeIssue;
  let importError: RankedCluster;
  let run: Awaited<ReturnType<typeof runDist>>;

  beforeAll(async () => {
    const { clusters } = await gardenFile(HOUR, { config: repoFile('samples/log-gardener.yml') });
    const find = (pattern: RegExp) => clusters.find((c) => pattern.test(c.title))!;
    importError = find(/ImportError/);
    const database = find(/Auth database unreachable/);
    const exits = find(/Container called/);
    const body = (c: RankedCluster, last: number) =>
      `Filed earlier.\n\n${renderMarker({ fp: c.fingerprint, first: last - DAY, last, total: 10, lastCount: 10, p: 'P0', svc: c.services, windows: [[last - DAY, last]] })}`;
    const before = importError.firstSeen - 2 * DAY;

    github = await FakeGitHub.start(undefined, importError.firstSeen);
    // Someone else copied a real marker into their issue: it must not capture the problem.
    forged = github.seedIssue({
      title: 'copied',
      author: 'mallory',
      labels: ['log-gardener'],
      body: body(importError, before),
    });
    // The action's own issue for the database problem, closed as fixed a day before it came back.
    closed = github.seedIssue({
      title: '[P0] auth-service: Auth database unreachable',
      author: 'github-actions[bot]',
      labels: ['log-gardener', 'P0'],
      body: body(database, before),
      state: 'closed',
      stateReason: 'completed',
      closedAt: database.firstSeen - DAY,
    });
    // The action's own issue for container exits, muted by a human.
    muted = github.seedIssue({
      title: '[P0] orders-api: Container called exit',
      author: 'github-actions[bot]',
      labels: ['log-gardener', 'P0', 'log-gardener:muted'],
      body: body(exits, before),
    });
    run = await runDist(
      {
        'logs-file': HOUR,
        config: repoFile('samples/log-gardener.yml'),
        'min-issue-priority': 'P0',
        'github-token': 'ghs-installation',
      },
      { GITHUB_API_URL: github.url },
    );
  }, 60_000);
  afterAll(() => github.close());

  const writesTo = (issue: FakeIssue) =>
    github
      .writes()
      .filter((r) => r.path.includes(`/issues/${issue.number}`) || r.path.endsWith(`/issues/${issue.number}/comments`));

  it('exits 0', () => {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('ignores the forged marker: the problem gets an issue of the action’s own', () => {
    expect(writesTo(forged)).toEqual([]);
    const own = github.issues.filter(
      (i) => i.author === 'github-actions[bot]' && i.body.includes(importError.fingerprint),
    );
    expect(own).toHaveLength(1);
    expect(own[0]!.number).not.toBe(forged.number);
  });

  it('reopens the closed issue of the recurring problem, with a comment saying so', () => {
    expect(github.issues.find((i) => i.number === closed.number)).toMatchObject({ state: 'open' });
    expect(github.comments.filter((c) => c.issueNumber === closed.number)).toHaveLength(1);
    expect(run.outputs['issues-reopened']).toBe('1');
  });

  it('writes nothing to the muted issue', () => {
    expect(writesTo(muted)).toEqual([]);
    const actions = run.report!.actions as { issueNumber?: number; action: string; reason: string }[];
    expect(actions.find((a) => a.issueNumber === muted.number)).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/muted/),
    });
  });

  it('every response matched GitHub’s OpenAPI description', () => {
    expect(github.violations).toEqual([]);
  });
});
