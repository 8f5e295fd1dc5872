/**
 * The bundled action against the stateful fake GitHub, hour after hour of the demo's incident:
 * one problem, one issue; a repeated hour writes nothing; a secondary rate limit is survived.
 * Issue writes are spaced as in production (1 s, 3 s for notifying ones), so the scenario
 * files only P0 problems to stay quick.
 */
import { FakeGitHub } from '../test/fakes/github-server.js';
import { incidentHourFiles } from '../test/incident-hours.js';
import { repoFile, runDist, type DistRun } from '../test/run-dist.js';
import { parseMarker } from '../src/core/issues/marker.js';

const TOKEN = 'ghs-installation';

describe('dist/index.js issue lifecycle over consecutive hours', () => {
  let github: FakeGitHub;
  const hours = incidentHourFiles(3);
  const runs: DistRun[] = [];
  const writesAfter: number[] = [];

  const runHour = async (file: string) => {
    const run = await runDist(
      {
        'logs-file': file,
        config: repoFile('samples/log-gardener.yml'),
        'min-issue-priority': 'P0',
        'github-token': TOKEN,
      },
      { GITHUB_API_URL: github.url },
    );
    runs.push(run);
    writesAfter.push(github.writes().length);
    return run;
  };

  beforeAll(async () => {
    github = await FakeGitHub.start();
    // The first issue write meets a secondary rate limit; the throttling plugin waits and retries.
    github.inject({
      method: 'POST',
      path: /\/issues$/,
      status: 403,
      retryAfter: 1,
      message: 'You have exceeded a secondary rate limit',
    });
    await runHour(hours[0]);
    await runHour(hours[1]);
    await runHour(hours[1]);
    await runHour(hours[2]);
  }, 120_000);
  afterAll(() => github.close());

  it('every run exits 0', () => {
    expect(runs.map((r) => [r.code, r.stderr])).toEqual(runs.map(() => [0, '']));
  });

  it('hour 0 opens one issue per P0 problem, labelled, with a trusted marker', () => {
    const p0 = (runs[0].report!.clusters as { priority: string; fingerprint: string }[]).filter(
      (c) => c.priority === 'P0',
    );
    expect(runs[0].outputs['issues-created']).toBe(String(p0.length));
    expect(github.issues).toHaveLength(p0.length);
    for (const issue of github.issues) {
      expect(issue.author).toBe('github-actions[bot]');
      expect(issue.labels).toEqual(expect.arrayContaining(['log-gardener', 'P0']));
      expect(issue.title).toMatch(/^\[P0\] /);
      expect(issue.title.length).toBeLessThanOrEqual(256);
    }
    expect(new Set(github.issues.map((i) => parseMarker(i.body)?.fp))).toEqual(new Set(p0.map((c) => c.fingerprint)));
  });

  it('survived the secondary rate limit', () => {
    expect(github.requests.filter((r) => r.status === 403 && r.path !== '/user')).toHaveLength(1);
  });

  it('hour 1 updates, opens nothing new', () => {
    expect(runs[1].outputs['issues-created']).toBe('0');
    expect(Number(runs[1].outputs['issues-updated'])).toBeGreaterThan(0);
    expect(github.issues.length).toBe(Number(runs[0].outputs['issues-created']));
  });

  it('the same hour again makes zero writes', () => {
    expect(writesAfter[2] - writesAfter[1]).toBe(0);
    expect(runs[2].outputs).toMatchObject({ 'issues-created': '0', 'issues-updated': '0', 'issues-reopened': '0' });
  });

  it('hour 2 still files no duplicate, and counts add up across hours', () => {
    expect(runs[3].outputs['issues-created']).toBe('0');
    expect(github.issues.length).toBe(Number(runs[0].outputs['issues-created']));
    for (const issue of github.issues) {
      expect(parseMarker(issue.body)!.windows.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('every response of the fake matched GitHub’s OpenAPI description', () => {
    expect(github.violations).toEqual([]);
  });
});
