/**
 * GitHub at its flakiest in one run, through the bundle: a 429 on the first issue listing, then on
 * the creates a 429 (plain wording, as GitHub may send for a secondary limit), a 500 that GitHub
 * answered after creating the issue, and a secondary-limit 403. Every planned issue is created
 * exactly once and the run exits 0.
 */
import { FakeGitHub } from '../test/fakes/github-server.js';
import { repoFile, runDist, type DistRun } from '../test/run-dist.js';

describe('dist/index.js against a GitHub that rate-limits and fails', () => {
  let github: FakeGitHub;
  let run: DistRun;
  beforeAll(async () => {
    github = await FakeGitHub.start();
    github.inject({ method: 'GET', path: /\/issues$/, status: 429, retryAfter: 1, message: 'Too Many Requests' });
    github.inject({ method: 'POST', path: /\/issues$/, status: 429, retryAfter: 1, message: 'Too Many Requests' });
    github.inject({ method: 'POST', path: /\/issues$/, status: 500, afterEffect: true });
    github.inject({ method: 'POST', path: /\/issues$/, status: 403, retryAfter: 1 });
    run = await runDist(
      {
        'logs-file': repoFile('samples/cloud-run-outage.json'),
        'github-token': 'ghs-installation',
        'min-issue-priority': 'P1',
        'max-new-issues': '4',
      },
      { GITHUB_API_URL: github.url },
    );
  }, 120_000);
  afterAll(() => github.close());

  it('exits 0 with no failed write', () => {
    expect({ code: run.code, error: run.stdout.match(/::error::.*/)?.[0] }).toEqual({ code: 0, error: undefined });
    expect(run.outputs).toMatchObject({ 'issues-created': String(github.issues.length), 'issues-failed': '0' });
    expect(github.issues.length).toBeGreaterThanOrEqual(3);
  });

  it('creates every planned issue exactly once', () => {
    const created = (run.report!.actions as { action: string; fingerprint: string; issueNumber?: number }[]).filter(
      (a) => a.action === 'create',
    );
    expect(created.length).toBeGreaterThanOrEqual(3);
    expect(github.issues).toHaveLength(created.length);
    const markers = github.issues.map((i) => i.body.trimEnd().split('\n').pop());
    expect(new Set(markers).size).toBe(created.length);
    expect(new Set(created.map((a) => a.issueNumber))).toEqual(new Set(github.issues.map((i) => i.number)));
  });

  it('met each failure as planned', () => {
    const statuses = github.requests.map((r) => `${r.method} ${r.status}`);
    expect(statuses[0]).toBe('GET 429');
    const posts = github.requests.filter((r) => r.method === 'POST' && /\/issues$/.test(r.path)).map((r) => r.status);
    // The 429 is waited out; its retry meets the 500 that GitHub sent after creating the issue,
    // which the marker check then finds (no second POST); the next create meets the 403.
    expect(posts).toEqual([429, 500, 403, ...github.issues.slice(1).map(() => 201)]);
  });

  it('notes the waits in the worklog and the report', () => {
    expect(run.worklog).toMatch(/GitHub answered 429 on GET \/repos\/acme\/shop\/issues; waited 1s and retried/);
    expect(run.worklog).toMatch(/GitHub answered 429 on POST \/repos\/acme\/shop\/issues; waited 1s/);
    expect(run.report!.notes).toContainEqual(expect.stringMatching(/secondary rate limit .* waited 1s and retried/));
  });
});
