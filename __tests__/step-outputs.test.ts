import type { IssueAction } from '../src/core/model/issue-types.js';
import { buildStepOutputs } from '../src/core/report/step-outputs.js';
import type { RunResult } from '../src/core/model/run-result.js';
import { buildClusters, buildQuietRun, buildRunResult, buildSampledDryRun } from '../test/fixtures/run-result.js';

const paths = { worklog: '/tmp/lg/worklog.md', report: '/tmp/lg/report.json' };

describe('buildStepOutputs', () => {
  it.each([
    // Real run: #41 and #42 opened (the failed create does not count), #23 commented, #17 reopened.
    [
      'a real run counts done actions',
      buildRunResult(),
      { clusters: '6', 'highest-priority': 'P0', 'issues-created': '2', 'issues-updated': '1', 'issues-reopened': '1' },
    ],
    // Dry run: every planned action counts, including the create that failed for real.
    [
      'a dry run counts planned actions',
      buildSampledDryRun(),
      { clusters: '6', 'highest-priority': 'P0', 'issues-created': '3', 'issues-updated': '1', 'issues-reopened': '1' },
    ],
    [
      'a quiet hour',
      buildQuietRun(),
      {
        clusters: '0',
        'highest-priority': 'none',
        'issues-created': '0',
        'issues-updated': '0',
        'issues-reopened': '0',
      },
    ],
    [
      'only P2 and P3 and noise',
      { ...buildQuietRun(), clusters: buildClusters().slice(3) },
      { clusters: '3', 'highest-priority': 'P2' },
    ],
    [
      'only ignored noise',
      { ...buildQuietRun(), clusters: buildClusters().filter((c) => c.ignored) },
      { clusters: '0', 'highest-priority': 'none' },
    ],
  ] as [string, RunResult, Record<string, string>][])('%s', (_name, result, expected) => {
    expect(buildStepOutputs(result, paths)).toMatchObject({
      ...expected,
      'worklog-path': paths.worklog,
      'report-path': paths.report,
    });
  });

  it('has exactly the outputs DESIGN §2 names, plus issues-failed (issue 4: failed writes are reported)', () => {
    expect(Object.keys(buildStepOutputs(buildRunResult(), paths)).sort()).toEqual([
      'clusters',
      'highest-priority',
      'incidents',
      'issues-created',
      'issues-failed',
      'issues-reopened',
      'issues-updated',
      'new-problems',
      'report-path',
      'verdict',
      'worklog-path',
    ]);
  });

  it('sets verdict and new-problems from the gate and the comparison (issue 14)', () => {
    const result = buildRunResult();
    expect(buildStepOutputs(result, paths)).toMatchObject({ verdict: 'none', 'new-problems': '0' });
    const [first, ...rest] = result.clusters.filter((c) => !c.ignored);
    const change = {
      rate: 1,
      baselineRate: 0,
      baselineCount: 0,
      newRevisions: [],
      startedWithRevision: false,
      commits: [],
    };
    const compared: RunResult = {
      ...result,
      clusters: [
        { ...first!, change: { ...change, change: 'new' } },
        ...rest.map((c) => ({ ...c, change: { ...change, change: 'same' as const } })),
      ],
      verdict: { status: 'fail', failOn: 'P1', scope: 'changed', reasons: [], failing: [first!.fingerprint] },
    };
    expect(buildStepOutputs(compared, paths)).toMatchObject({ verdict: 'fail', 'new-problems': '1' });
  });

  it('counts failed writes in issues-failed', () => {
    const result = buildRunResult();
    const failed = result.actions.filter((a) => a.status === 'failed').length;
    expect(buildStepOutputs(result, paths)['issues-failed']).toBe(String(failed));
  });

  it.each([
    ['update', 'done', false, 1],
    ['update', 'failed', false, 0],
    ['update', undefined, false, 0],
    ['update', undefined, true, 1],
    ['none', 'done', false, 0],
  ] as [IssueAction['action'], IssueAction['status'], boolean, number][])(
    'counts %s with status %s (dry run %s) as %i updated',
    (action, status, dryRun, n) => {
      const result: RunResult = {
        ...buildQuietRun(),
        dryRun,
        actions: [{ action, fingerprint: 'v1:x', reason: 'r', status }],
      };
      expect(buildStepOutputs(result, paths)['issues-updated']).toBe(String(n));
    },
  );
});
