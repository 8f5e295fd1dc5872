import { decideVerdict } from '../src/core/compare/verdict.js';
import { renderBody } from '../src/core/issues/issue-text.js';
import type { RankedCluster } from '../src/core/model/cluster-types.js';
import type { ClusterChange } from '../src/core/model/cluster-change.js';
import type { Comparison } from '../src/core/model/comparison-types.js';
import type { RunResult } from '../src/core/model/run-result.js';
import { buildReport } from '../src/core/report/build-report.js';
import { renderSummary } from '../src/core/report/render-summary.js';
import { renderWorklog } from '../src/core/report/render-worklog.js';
import { renderDeployVerdict } from '../src/core/report/worklog-verdict.js';
import { readGolden } from '../test/fixtures/golden.js';
import { buildRunResult, WINDOW_START } from '../test/fixtures/run-result.js';

const MINUTE = 60_000;
const NEW_REVISION = 'orders-api-00042-new';
const COMMIT = '4f2c9e81d0a7b3c5e6f8091a2b3c4d5e6f708192';

const change = (kind: ClusterChange['change'], rate: number, baselineRate: number, revisions: string[] = []) => ({
  change: kind,
  rate,
  baselineRate,
  baselineCount: Math.round(baselineRate * 60),
  newRevisions: revisions,
  startedWithRevision: revisions.length > 0,
  commits: revisions.length > 0 ? [COMMIT] : [],
});

/** The demo hour compared with the hour before: orders-api's import error is new, web-frontend's 502s worse. */
function comparedRun(scope: 'changed' | 'all' = 'changed'): RunResult {
  const result = buildRunResult();
  const clusters: RankedCluster[] = result.clusters.map((c, i) => ({
    ...c,
    change:
      i === 0
        ? change('new', c.count / 60, 0, [NEW_REVISION])
        : i === 3
          ? change('worse', c.count / 60, 0.5)
          : i === 4
            ? change('better', c.count / 60, (c.count / 60) * 4)
            : change('same', c.count / 60, c.count / 60),
  }));
  const comparison: Comparison = {
    baseline: { start: WINDOW_START - 60 * MINUTE, end: WINDOW_START },
    covered: { start: WINDOW_START - 60 * MINUTE, end: WINDOW_START },
    entries: 1830,
    analysed: 412,
    estimated: false,
    usable: true,
    gone: [
      {
        fingerprint: 'v2:msg:gone',
        title: 'Cache miss storm on `catalog` (#12)',
        priority: 'P2',
        services: ['web-frontend'],
        baselineCount: 42,
        baselineRate: 0.7,
      },
    ],
    serviceErrors: [
      {
        service: 'orders-api',
        before: { requests: 1200, serverErrors: 3, successful: 1180 },
        after: { requests: 1100, serverErrors: 190, successful: 880 },
        beforePerMinute: 0.05,
        afterPerMinute: 3.17,
      },
      {
        service: 'web-frontend',
        before: { requests: 40, serverErrors: 40, successful: 0 },
        after: { requests: 253, serverErrors: 253, successful: 0 },
        beforePerMinute: 0.67,
        afterPerMinute: 4.22,
      },
    ],
    newRevisions: [
      { service: 'orders-api', revision: NEW_REVISION, commit: COMMIT, firstSeen: WINDOW_START + 19 * MINUTE },
    ],
    notes: [],
  };
  const verdict = decideVerdict(clusters, { failOn: 'P1', scope, comparison });
  return { ...result, clusters, comparison, verdict };
}

describe('the Deploy verdict section (golden)', () => {
  it.each([
    ['worklog-verdict-fail.md', comparedRun()],
    ['worklog-verdict-all.md', comparedRun('all')],
    [
      'worklog-verdict-pass.md',
      (() => {
        const run = comparedRun();
        const clusters = run.clusters.map((c) => ({
          ...c,
          change: { ...c.change!, change: 'same' as const, newRevisions: [], startedWithRevision: false, commits: [] },
        }));
        return {
          ...run,
          clusters,
          verdict: decideVerdict(clusters, { failOn: 'P1', scope: 'changed', comparison: run.comparison }),
        };
      })(),
    ],
    [
      'worklog-verdict-empty-file.md',
      (() => {
        const run = buildRunResult();
        const comparison: Comparison = {
          ...comparedRun().comparison!,
          entries: 0,
          analysed: 0,
          usable: false,
          gone: [],
          serviceErrors: [],
          newRevisions: [],
          notes: [
            'The file holds no entries in the baseline window (2026-11-30T08:00:00Z → 2026-11-30T09:00:00Z): there is nothing to compare with, so no problem is marked new or worse and fail-on counts every problem. Export the minutes before the analysed window too (or shorten baseline).',
          ],
        };
        return {
          ...run,
          comparison,
          verdict: decideVerdict(run.clusters, { failOn: 'P1', scope: 'changed', comparison }),
        };
      })(),
    ],
  ])('%s', (name, result) => {
    const section = renderDeployVerdict(result);
    expect(section).toBe(readGolden(name, section));
  });

  it('comes first in the worklog, before Collection, and only with a baseline', () => {
    const worklog = renderWorklog(comparedRun());
    expect(worklog.indexOf('## Deploy verdict')).toBeGreaterThan(0);
    expect(worklog.indexOf('## Deploy verdict')).toBeLessThan(worklog.indexOf('## Collection'));
    expect(renderWorklog(buildRunResult())).not.toContain('## Deploy verdict');
  });

  it('escapes log-derived titles (a gone problem cannot link an issue or open code)', () => {
    const section = renderDeployVerdict(comparedRun());
    expect(section).toContain('Cache miss storm on \\`catalog\\`');
    expect(section).not.toContain('(#12)');
  });

  it('is one line in the job summary', () => {
    expect(renderSummary(comparedRun(), {})).toMatch(
      /\*\*Deploy verdict:\*\* \*\*Fail\*\* — 1 new, 1 worse, \d+ pre-existing, 1 gone since the baseline/,
    );
  });
});

describe('the report with a baseline', () => {
  const report = buildReport(comparedRun());
  it('has baseline, change per cluster, gone, 5xx per service, new revisions and the verdict', () => {
    expect(report.baseline).toEqual({
      window: { start: '2026-11-30T08:00:00Z', end: '2026-11-30T09:00:00Z' },
      covered: { start: '2026-11-30T08:00:00Z', end: '2026-11-30T09:00:00Z' },
      entries: 1830,
      analysed: 412,
      estimated: false,
      usable: true,
      notes: [],
    });
    expect(report.clusters.map((c) => c.change)).toContain('new');
    expect(report.clusters[0]!.changeDetail).toMatchObject({ newRevisions: [NEW_REVISION], commits: [COMMIT] });
    expect(report.gone?.map((g) => g.fingerprint)).toEqual(['v2:msg:gone']);
    expect(report.serviceErrors?.[0]).toMatchObject({
      service: 'orders-api',
      after: { serverErrors: 190, serverErrorsPerMinute: 3.17 },
    });
    expect(report.newRevisions).toEqual([
      { service: 'orders-api', revision: NEW_REVISION, commit: COMMIT, firstSeen: '2026-11-30T09:19:00Z' },
    ]);
    expect(report.verdict).toMatchObject({ status: 'fail', failOn: 'P1', scope: 'changed' });
  });
  it('has none of them without a baseline or a gate', () => {
    const plain = buildReport(buildRunResult());
    expect(['baseline', 'gone', 'serviceErrors', 'newRevisions', 'verdict'].filter((k) => k in plain)).toEqual([]);
    expect(plain.clusters.some((c) => 'change' in c)).toBe(false);
  });
});

describe('an issue for a new problem', () => {
  it('says which revision and commit it is new since', () => {
    const cluster = comparedRun().clusters[0]!;
    const body = renderBody({
      cluster,
      state: {
        v: 1,
        fp: cluster.fingerprint,
        p: cluster.priority,
        first: cluster.firstSeen,
        last: cluster.lastSeen,
        total: cluster.count,
        windows: [],
      } as never,
      window: { start: WINDOW_START, end: WINDOW_START + 60 * MINUTE },
      runUrl: '',
      logsLink: '',
    });
    expect(body).toContain(
      `> New since revision \`${NEW_REVISION}\` (commit \`4f2c9e8\`): not seen in the baseline window before it.`,
    );
  });
});
