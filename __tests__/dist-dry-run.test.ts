/** The bundled action, run the way a runner runs it, on the sample outage (no network at all). */
import { repoFile, runDist } from '../test/run-dist.js';

describe('dist/index.js on the sample outage, dry run', () => {
  let run: Awaited<ReturnType<typeof runDist>>;
  beforeAll(async () => {
    run = await runDist({
      'logs-file': repoFile('samples/cloud-run-outage.json'),
      config: repoFile('samples/log-gardener.yml'),
      'dry-run': 'true',
      'github-token': '',
    });
  }, 60_000);

  it('exits 0', () => {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('sets every step output', () => {
    expect(run.outputs).toEqual({
      clusters: expect.stringMatching(/^\d+$/),
      'highest-priority': 'P0',
      incidents: expect.stringMatching(/^[1-9]\d*$/),
      'issues-created': expect.stringMatching(/^[1-9]\d*$/),
      'issues-updated': '0',
      'issues-reopened': '0',
      'issues-failed': '0',
      // No fail-on and no baseline: no gate, nothing new (issue 14).
      verdict: 'none',
      'new-problems': '0',
      'worklog-path': `${run.runnerTemp}/log-gardener/worklog.md`,
      'report-path': `${run.runnerTemp}/log-gardener/report.json`,
    });
  });

  it('puts the import error and the auth database failure at P0, at the top', () => {
    const clusters = (run.report?.clusters ?? []) as { priority: string; title: string; services: string[] }[];
    const p0 = clusters.filter((c) => c.priority === 'P0');
    expect(clusters.slice(0, p0.length)).toEqual(p0);
    expect(p0.some((c) => /ImportError/.test(c.title) && c.services.includes('orders-api'))).toBe(true);
    expect(p0.some((c) => /database/.test(c.title) && c.services.includes('auth-service'))).toBe(true);
  });

  it('writes the worklog, the job summary and the plan', () => {
    expect(run.worklog).toMatch(/^# Log Gardener worklog/);
    expect(run.worklog).toContain('Dry run');
    expect(run.worklog).toContain('```mermaid');
    expect(run.summary).toContain('P0');
    expect(run.summary.length).toBeLessThan(1024 * 1024);
    expect(run.stdout).toContain('Worklog:');
  });

  it('skips the artifact with a notice when the runner has no artifact service', () => {
    expect(run.stdout).toMatch(/::notice::.*artifact/);
  });
});

describe('dist/index.js failures', () => {
  it.each([
    [
      'every bad input at once',
      { lookback: 'soon', 'min-severity': 'LOUD' },
      /lookback: 'soon'.*%0A.*min-severity: 'LOUD'/,
    ],
    [
      'a missing logs-file',
      { 'logs-file': 'samples/nope.json', 'dry-run': 'true' },
      /logs-file: cannot read 'samples\/nope.json'/,
    ],
  ])(
    '%s: exit 1 with a clear error',
    async (_name, inputs, pattern) => {
      const run = await runDist(inputs as Record<string, string>);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/::error::/);
      expect(run.stdout).toMatch(pattern);
    },
    30_000,
  );

  it('fail-on P1 fails the step after writing everything', async () => {
    const run = await runDist({
      'logs-file': repoFile('samples/cloud-run-outage.json'),
      'dry-run': 'true',
      'fail-on': 'P1',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::fail-on P1: \d+ problem\(s\) at P1 or above/);
    expect(run.outputs['highest-priority']).toBe('P0');
    expect(run.worklog).not.toBe('');
  }, 30_000);
});
