/**
 * The post-deploy gate through the bundle (issue 14), on the realistic bad-deploy hour: a healthy
 * old revision of catalog-api, a deploy at 09:24, a new revision whose price route answers 500
 * with a KeyError, and problems that were there before and after. With `logs-file` and with the
 * Cloud Logging fakes (the baseline read's bounds and its share of max-entries).
 */
import { readFileSync } from 'node:fs';
import { FakeGitHub } from '../test/fakes/github-server.js';
import { GoogleFake } from '../test/fakes/google-servers.js';
import { realisticHourFiles } from '../test/realistic-hours.js';
import { runDist, type DistRun } from '../test/run-dist.js';

const [hour1] = realisticHourFiles(['bad-deploy']).filter((f) => f.hour === 1);
const deploy = hour1!.truth.deploy!;
const truth = hour1!.truth.entries;
/** What the deploy broke: the price route's 500 and its exception. */
const BROKEN = new Set(['catalog-api/price-500', 'catalog-api/pricing-keyerror']);

interface ReportCluster {
  fingerprint: string;
  priority: string;
  ignored: boolean;
  insertIds: string[];
  change?: string;
  changeDetail?: { newRevisions: string[]; startedWithRevision: boolean; commits: string[] };
}
const clustersOf = (run: DistRun) => (run.report?.clusters ?? []) as ReportCluster[];
const problemOf = (c: ReportCluster) => truth[c.insertIds[0]!]?.problem ?? null;
const verdictOf = (run: DistRun) =>
  run.report?.verdict as { status: string; scope: string; failing: string[]; reasons: string[] };
const errorLine = (run: DistRun) => run.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? '';

const GATE = { 'logs-file': hour1!.file, 'dry-run': 'true', 'github-token': '', 'fail-on': 'P1' };
/** A minute where nothing changes: 16 minutes after the deploy, the 15 minutes before it as the baseline. */
const QUIET = { ...GATE, since: '2026-11-30T09:40:00Z', baseline: '15m' };

describe('dist/index.js as a post-deploy gate on a logs-file', () => {
  const runs: Record<'deploy' | 'quiet' | 'all' | 'empty', DistRun> = {} as never;
  beforeAll(async () => {
    [runs.deploy, runs.quiet, runs.all, runs.empty] = await Promise.all([
      runDist({ ...GATE, since: deploy.time, baseline: `${deploy.minute}m` }),
      runDist(QUIET),
      runDist({ ...QUIET, 'fail-on-scope': 'all' }),
      // The file starts at 09:00: a baseline before it holds nothing.
      runDist({ ...GATE, since: '2026-11-30T09:00:00Z', until: '2026-11-30T09:20:00Z', baseline: '1h' }),
    ]);
  }, 120_000);

  it('fails the deploy on exactly the new route 500 and its exception, new with the new revision and commit', () => {
    const run = runs.deploy;
    expect([run.code, run.outputs.verdict]).toEqual([1, 'fail']);
    const failing = new Set(verdictOf(run).failing);
    const failed = clustersOf(run).filter((c) => failing.has(c.fingerprint));
    expect(new Set(failed.map(problemOf))).toEqual(BROKEN);
    expect(clustersOf(run).filter((c) => BROKEN.has(problemOf(c)!) && !failing.has(c.fingerprint))).toEqual([]);
    for (const c of failed)
      expect([c.change, c.changeDetail]).toEqual([
        'new',
        expect.objectContaining({
          newRevisions: [deploy.revision],
          startedWithRevision: true,
          commits: [deploy.commit],
        }),
      ]);
    expect(run.outputs['new-problems']).toBe(String(failed.length));
    expect(errorLine(run)).toContain(`started with revision ${deploy.revision} (commit ${deploy.commit.slice(0, 7)})`);
  });

  it('names the bad deploy as one incident when the incidents are correlated', () => {
    const incidents = (runs.deploy.report?.incidents ?? []) as { members: string[] }[];
    if (incidents.length === 0) return; // before issue 13's correlation
    const failing = verdictOf(runs.deploy).failing;
    expect(incidents.filter((i) => i.members.some((m) => failing.includes(m)))).toHaveLength(1);
    expect(verdictOf(runs.deploy).reasons.filter((r) => r.startsWith('['))).toHaveLength(1);
  });

  it('keeps the problems that were there before the deploy as same, out of the gate', () => {
    const before = clustersOf(runs.deploy).filter((c) => !BROKEN.has(problemOf(c)!));
    expect(before.length).toBeGreaterThan(0);
    expect(new Set(before.map((c) => c.change))).toEqual(new Set(['same']));
  });

  it('puts the Deploy verdict first in the worklog, with the revision, the commit and the 5xx before → after', () => {
    const worklog = runs.deploy.worklog;
    expect(worklog.indexOf('## Deploy verdict')).toBeLessThan(worklog.indexOf('## Collection'));
    expect(worklog).toContain(`started with \`${deploy.revision}\``);
    expect(worklog).toContain(`\`${deploy.commit.slice(0, 7)}\``);
    expect(worklog).toMatch(
      /\| catalog-api \| 0\.0% \(0 \/ [\d,]+\), 0\/min \| [\d.]+% \([\d,]+ \/ [\d,]+\), [\d.]+\/min \|/,
    );
    expect(worklog).toMatch(/\*\*Pre-existing:\*\* .* not counted by the gate/);
    expect(runs.deploy.summary).toMatch(/\*\*Deploy verdict:\*\* \*\*Fail\*\* — \d+ new, 0 worse/);
  });

  it('passes at a minute where nothing changes, while P0/P1 problems are present', () => {
    const run = runs.quiet;
    expect([run.code, run.outputs.verdict, run.outputs['new-problems']]).toEqual([0, 'pass', '0']);
    expect(['P0', 'P1']).toContain(run.outputs['highest-priority']);
    expect(verdictOf(run).reasons[0]).toBe('No new or worse problem at P1 or above.');
  });

  it('fails the same window with fail-on-scope: all', () => {
    expect([runs.all.code, runs.all.outputs.verdict, verdictOf(runs.all).scope]).toEqual([1, 'fail', 'all']);
    expect(errorLine(runs.all)).toMatch(/^::error::fail-on P1: \d+ problem\(s\) at P1 or above — \[P[01]\] /);
  });

  it('says so when the file holds nothing in the baseline window, and counts every problem', () => {
    const run = runs.empty;
    expect(run.report?.baseline).toMatchObject({ entries: 0, usable: false });
    expect(run.worklog).toMatch(/The file holds no entries in the baseline window .* nothing to compare with/);
    expect(verdictOf(run).reasons.join(' ')).toMatch(/every problem counts/);
  });
});

describe('dist/index.js with a baseline on Cloud Logging', () => {
  const PROVIDER = 'projects/123456/locations/global/workloadIdentityPools/github/providers/octo';
  const REQUEST_TOKEN = 'oidc-request-token';
  let google: GoogleFake;
  let github: FakeGitHub;
  let run: DistRun;

  beforeAll(async () => {
    github = await FakeGitHub.start();
    google = await new GoogleFake({
      entries: JSON.parse(readFileSync(hour1!.file, 'utf8')) as Record<string, unknown>[],
      projectId: 'shop-prod',
      provider: PROVIDER,
      oidcRequestToken: REQUEST_TOKEN,
    }).start();
    run = await runDist(
      {
        'project-id': 'shop-prod',
        'workload-identity-provider': PROVIDER,
        services: 'catalog-api',
        since: deploy.time,
        until: '2026-11-30T10:00:00Z',
        baseline: '24m',
        'max-entries': '900',
        'fail-on': 'P1',
        'dry-run': 'true',
        'github-token': 'ghs-installation',
        'logging-endpoint': google.baseUrl,
        'sts-endpoint': google.baseUrl,
        'iam-credentials-endpoint': google.baseUrl,
      },
      {
        GITHUB_API_URL: github.url,
        ACTIONS_ID_TOKEN_REQUEST_URL: google.oidcUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
      },
    );
  }, 60_000);

  afterAll(async () => {
    await Promise.all([google?.stop(), github?.close()]);
  });

  const reads = () =>
    google.requestsTo('logging').map((r) => ({
      bounds: /timestamp>="([^"]+)" AND timestamp<"([^"]+)"/.exec(String(r.body.filter))?.slice(1),
      pageSize: Number(r.body.pageSize),
      filter: String(r.body.filter),
    }));

  it('reads the same query over the 24 minutes before the window, after the window itself', () => {
    const bounds = [...new Set(reads().map((r) => r.bounds?.join(' → ')))];
    expect(bounds).toEqual([
      '2026-11-30T09:24:00.000Z → 2026-11-30T10:00:00.000Z',
      '2026-11-30T09:00:00.000Z → 2026-11-30T09:24:00.000Z',
    ]);
    const [main, base] = [reads()[0]!.filter, reads().at(-1)!.filter];
    expect(base.replace(/timestamp>=.*\n/, '')).toBe(main.replace(/timestamp>=.*\n/, ''));
  });

  it('shares max-entries: a third for the baseline, the rest for the window', () => {
    const first = (start: string) => reads().find((r) => r.bounds?.[0] === start)!.pageSize;
    expect([first('2026-11-30T09:24:00.000Z'), first('2026-11-30T09:00:00.000Z')]).toEqual([600, 300]);
  });

  it('gives the same verdict as the export: fail, on the new revision', () => {
    expect([run.code, run.outputs.verdict]).toEqual([1, 'fail']);
    expect(errorLine(run)).toContain(`started with revision ${deploy.revision}`);
    expect(run.report?.baseline).toMatchObject({
      window: { start: '2026-11-30T09:00:00Z', end: '2026-11-30T09:24:00Z' },
      estimated: false,
      usable: true,
    });
  });
});
