/**
 * One failed issue write is reported (log, worklog, report, issues-failed) and the other writes
 * go on; the step fails at the end only with fail-on-write-error.
 */
import { FakeGitHub } from '../test/fakes/github-server.js';
import { repoFile, runDist } from '../test/run-dist.js';

const inputs = {
  'logs-file': repoFile('samples/cloud-run-outage.json'),
  'min-issue-priority': 'P0',
  'max-new-issues': '2',
  'github-token': 'ghs-installation',
};

describe.each([
  ['by default', 'false', 0],
  ['with fail-on-write-error', 'true', 1],
])('dist/index.js with one issue write refused by GitHub, %s', (_name, failOnWriteError, exitCode) => {
  let github: FakeGitHub;
  let run: Awaited<ReturnType<typeof runDist>>;
  beforeAll(async () => {
    github = await FakeGitHub.start();
    // A create that fails twice: the retry after the marker check fails too.
    github.inject({ method: 'POST', path: /\/issues$/, status: 500, times: 2 });
    run = await runDist({ ...inputs, 'fail-on-write-error': failOnWriteError }, { GITHUB_API_URL: github.url });
  }, 60_000);
  afterAll(() => github.close());

  it(`exits ${exitCode} after completing the other writes`, () => {
    expect(run.code).toBe(exitCode);
    expect(github.issues).toHaveLength(1);
    expect(run.outputs).toMatchObject({ 'issues-created': '1', 'issues-failed': '1' });
  });

  it('reports the failure in the log, the worklog and the report', () => {
    expect(run.stdout).toMatch(/::warning::Issue write failed \(create, v2:\S+\): .*HTTP 500/);
    expect(run.worklog).toMatch(/failed/i);
    const actions = run.report!.actions as { status?: string; error?: string }[];
    expect(actions.filter((a) => a.status === 'failed')).toEqual([
      expect.objectContaining({ error: expect.stringMatching(/500/) }),
    ]);
  });
});
