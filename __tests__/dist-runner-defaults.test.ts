/**
 * The bundle as a runner runs it for a new user: every input action.yml declares arrives as
 * INPUT_* at its default (`github-token` a real-looking token, `config` empty), in an empty
 * workspace with no config file, HOME empty, and GitHub out of reach.
 */
import { readFileSync } from 'node:fs';
import { repoFile, runDist, type DistRun } from '../test/run-dist.js';

const OUTAGE = repoFile('samples/cloud-run-outage.json');
const RULES = readFileSync(repoFile('samples/log-gardener.yml'), 'utf8');
const titles = (run: DistRun) => ((run.report?.clusters ?? []) as { title: string }[]).map((c) => c.title);

describe('dist/index.js with only the defaults plus logs-file and dry-run, in an empty workspace', () => {
  let run: DistRun;
  beforeAll(async () => {
    run = await runDist({ 'logs-file': OUTAGE, 'dry-run': 'true' });
  }, 60_000);

  it('exits 0 and writes worklog, report, summary and outputs', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/::error::/);
    expect(run.worklog).toMatch(/^# Log Gardener worklog/);
    expect(run.report).toMatchObject({ dryRun: true, schemaVersion: expect.any(Number) });
    expect(run.summary).toContain('P0');
    expect(run.outputs).toMatchObject({
      clusters: expect.stringMatching(/^[1-9]\d*$/),
      'highest-priority': 'P0',
      'worklog-path': `${run.runnerTemp}/log-gardener/worklog.md`,
      'report-path': `${run.runnerTemp}/log-gardener/report.json`,
    });
  });

  it('does not need the default config file', () => {
    expect(run.stdout).not.toMatch(/log-gardener\.yml/);
    expect(titles(run)).not.toContain('Auth database unreachable: connection timed out');
  });

  it('warns that existing issues could not be read and plans as if none exist', () => {
    expect(run.stdout).toMatch(
      /::warning::Existing issues could not be read \(.*\); this dry run plans as if none exist/,
    );
    expect(run.worklog).toMatch(/Existing issues could not be read/);
    expect(run.report!.notes).toContainEqual(expect.stringMatching(/Existing issues could not be read/));
    const actions = run.report!.actions as { action: string }[];
    expect(actions.filter((a) => a.action === 'create').length).toBeGreaterThan(0);
    expect(actions.some((a) => a.action === 'update' || a.action === 'reopen')).toBe(false);
  });
});

describe('dist/index.js with the defaults and a config file in the workspace', () => {
  it('uses .github/log-gardener.yml', async () => {
    const run = await runDist(
      { 'logs-file': OUTAGE, 'dry-run': 'true' },
      {},
      { workspaceFiles: { '.github/log-gardener.yml': RULES } },
    );
    expect(run.code).toBe(0);
    expect(titles(run)).toContain('Auth database unreachable: connection timed out');
    expect(run.report!.notes).toContainEqual('Rules read from .github/log-gardener.yml.');
  }, 60_000);

  it('fails clearly when a config file the user named is missing, and still leaves a worklog', async () => {
    const run = await runDist({ 'logs-file': OUTAGE, 'dry-run': 'true', config: 'ops/rules.yml' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::.*config: file 'ops\/rules.yml' does not exist/);
  }, 60_000);
});

describe('dist/index.js, a real run against an unreachable GitHub', () => {
  it('fails, and still leaves the worklog', async () => {
    const run = await runDist({ 'logs-file': OUTAGE });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::Existing issues of acme\/shop could not be read \(.*\); nothing was written\. Check that GitHub/,
    );
    expect(run.worklog).toMatch(/fail/i);
  }, 60_000);
});
