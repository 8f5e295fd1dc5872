import type { GitHubIssues } from '../src/adapters/github-issues.js';
import { createGitHubIssues } from '../src/adapters/github-issues.js';
import { FAST } from '../test/fixtures/octokit-timing.js';
import { labelSet } from '../src/core/issues/label-set.js';
import { FakeGitHub } from '../test/fakes/github-server.js';

const NOW = Date.UTC(2025, 2, 10, 12);
const DAY = 86_400_000;

let fake: FakeGitHub;
const logs: string[] = [];
const tracker = (token = 'ghs-installation'): GitHubIssues =>
  createGitHubIssues({ token, apiUrl: fake.url, owner: 'acme', repo: 'shop' }, (m) => logs.push(m), FAST);

beforeEach(async () => {
  fake = await FakeGitHub.start(undefined, NOW);
  logs.length = 0;
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

describe('GitHubIssues against the fake GitHub', () => {
  it.each([
    ['GITHUB_TOKEN (GET /user is 403)', 'ghs-installation', 'github-actions[bot]'],
    ['a personal token', 'ghp-personal', 'octo-maintainer'],
  ])('identity with %s', async (_name, token, login) => {
    await expect(tracker(token).identity()).resolves.toBe(login);
  });

  it('rejects bad credentials instead of guessing an identity', async () => {
    await expect(tracker('nope').identity()).rejects.toMatchObject({ status: 401 });
  });

  it('lists open issues and recently closed ones by label, across pages', async () => {
    for (let i = 0; i < 230; i += 1)
      fake.seedIssue({ title: `open ${i}`, author: 'github-actions[bot]', labels: ['log-gardener'] });
    fake.seedIssue({ title: 'other label', author: 'github-actions[bot]', labels: ['bug'] });
    fake.seedIssue({
      title: 'closed recently',
      author: 'github-actions[bot]',
      labels: ['log-gardener'],
      state: 'closed',
      stateReason: 'completed',
      closedAt: NOW - DAY,
      updatedAt: NOW - DAY,
    });
    fake.seedIssue({
      title: 'closed long ago',
      author: 'github-actions[bot]',
      labels: ['log-gardener'],
      state: 'closed',
      stateReason: 'completed',
      closedAt: NOW - 30 * DAY,
      updatedAt: NOW - 30 * DAY,
    });
    // Updated recently (a comment), but closed before the window: `since` lets it through, closed_at filters it.
    fake.seedIssue({
      title: 'closed long ago, commented',
      author: 'x',
      labels: ['log-gardener'],
      state: 'closed',
      stateReason: 'completed',
      closedAt: NOW - 30 * DAY,
      updatedAt: NOW,
    });
    const issues = await tracker().listIssues('log-gardener', NOW - 14 * DAY);
    expect(issues).toHaveLength(231);
    expect(issues.filter((i) => i.state === 'closed').map((i) => i.title)).toEqual(['closed recently']);
    expect(issues[0]).toMatchObject({
      author: 'github-actions[bot]',
      labels: ['log-gardener'],
      stateReason: null,
      closedAt: null,
    });
    expect(fake.requests.filter((r) => r.path === '/repos/acme/shop/issues')).toHaveLength(4); // 3 open pages + 1 closed
  });

  it('creates, updates, comments and closes with our small shapes', async () => {
    const t = tracker();
    const created = await t.createIssue({
      title: 'T',
      body: 'B',
      labels: ['log-gardener', 'P1'],
      assignees: ['alice'],
    });
    expect(created).toEqual({ number: 1, url: 'https://github.com/acme/shop/issues/1' });
    await t.updateIssue(1, { body: 'B2', labels: ['log-gardener', 'P0'] });
    await t.addComment(1, 'hello');
    await t.updateIssue(1, { state: 'closed', stateReason: 'duplicate' });
    expect(fake.issues[0]).toMatchObject({
      body: 'B2',
      labels: ['log-gardener', 'P0'],
      state: 'closed',
      stateReason: 'duplicate',
      author: 'github-actions[bot]',
      assignees: ['alice'],
    });
    expect(fake.comments.map((c) => c.body)).toEqual(['hello']);
    expect(t.requestCount()).toBe(4);
  });

  it.each([
    ['an over-long title', { title: 'x'.repeat(257), body: 'b', labels: [] }],
    ['an over-long body', { title: 't', body: 'x'.repeat(65_537), labels: [] }],
  ])('fails on %s with 422 and no retry', async (_name, write) => {
    await expect(tracker().createIssue(write)).rejects.toMatchObject({ status: 422 });
    expect(fake.writes()).toHaveLength(1);
  });

  it.each([
    ['403 secondary rate limit', 403],
    ['429 secondary rate limit', 429],
  ])('survives a %s honouring retry-after', async (_name, status) => {
    fake.inject({ method: 'POST', path: /\/issues$/, status, retryAfter: 1 });
    await expect(tracker().createIssue({ title: 't', body: 'b', labels: [] })).resolves.toMatchObject({ number: 1 });
    expect(fake.writes().map((r) => r.status)).toEqual([status, 201]);
    expect(logs.join('\n')).toMatch(/(secondary rate limit|429) .*waited 1s and retried/);
  });

  it.each([
    ['a 429 on a read, with retry-after', 'GET', { retryAfter: 2 }, /waited 2s/],
    ['a 429 on a read, plain wording, no retry-after', 'GET', { message: 'Too Many Requests' }, /waited 60s/],
    ['a 429 on a write, plain wording, no retry-after', 'POST', { message: 'Too Many Requests' }, /waited 60s/],
  ])('waits out %s and notes the wait', async (_name, method, extra, wait) => {
    fake.seedIssue({ title: 't', author: 'github-actions[bot]', labels: ['log-gardener'] });
    fake.inject({ method, path: /\/issues$/, status: 429, ...extra });
    const t = tracker();
    if (method === 'GET') await expect(t.listIssues('log-gardener', 0)).resolves.toHaveLength(1);
    else await expect(t.createIssue({ title: 't', body: 'b', labels: [] })).resolves.toMatchObject({ number: 2 });
    expect(fake.requests.filter((r) => r.method === method).map((r) => r.status)).toEqual(
      method === 'GET' ? [429, 200, 200] : [429, 201],
    );
    expect(t.notes()).toEqual([expect.stringMatching(wait)]);
  });

  it('gives up on 429s past the run wait budget, with a note', async () => {
    fake.inject({ method: 'GET', path: /\/issues$/, status: 429, retryAfter: 200, times: 5 });
    const t = tracker();
    await expect(t.listIssues('log-gardener', 0)).rejects.toMatchObject({ status: 429 });
    expect(t.notes()).toContainEqual(expect.stringMatching(/429 on GET \/repos\/acme\/shop\/issues; not waiting 200s/));
  });

  it.each([
    ['refused before GitHub acted: retried once', false, ['POST 500', 'GET 200', 'POST 201']],
    ['answered 500 after GitHub created it: found, not posted again', true, ['POST 500', 'GET 200']],
  ])('creates exactly once after a 500 %s', async (_name, afterEffect, sequence) => {
    fake.inject({ method: 'POST', path: /\/issues$/, status: 500, afterEffect });
    const body = 'text\n\n<!-- log-gardener:v1 {"fp":"v1:exc:abc"} -->';
    const created = await tracker().createIssue({ title: 't', body, labels: ['log-gardener'] });
    expect(fake.issues).toHaveLength(1);
    expect(created).toMatchObject({ number: fake.issues[0]!.number });
    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual(sequence);
  });

  it('gives up on a rate limit that does not clear', async () => {
    fake.inject({ method: 'PATCH', status: 403, retryAfter: 1, times: 10 });
    await expect(tracker().updateIssue(1, { body: 'x' })).rejects.toMatchObject({ status: 403 });
    expect(fake.writes()).toHaveLength(4); // first try + 3 retries
  });

  it('retries a 500 on reads and idempotent updates, never on content-creating POSTs', async () => {
    fake.seedIssue({ title: 't', author: 'github-actions[bot]', labels: ['log-gardener'] });
    fake.inject({ method: 'GET', path: /\/issues$/, status: 500 });
    fake.inject({ method: 'POST', path: /\/comments$/, status: 500 });
    const t = tracker();
    await expect(t.listIssues('log-gardener', 0)).resolves.toHaveLength(1);
    await expect(t.addComment(1, 'x')).rejects.toMatchObject({ status: 500 });
    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 500', 'GET 200', 'GET 200', 'POST 500']);
  });

  it('ensures labels by creating only the missing ones', async () => {
    const t = tracker();
    await t.ensureLabels(labelSet(['log-gardener']).slice(0, 3));
    await t.ensureLabels(labelSet(['log-gardener']));
    expect(fake.labels.map((l) => `${l.name}:${l.color}`)).toEqual([
      'log-gardener:0e8a16',
      'P0:b60205',
      'P1:d93f0b',
      'P2:fbca04',
      'P3:c5def5',
    ]);
    expect(fake.writes()).toHaveLength(5);
  });
});
