import { classifyChange, compareWindows, type CompareInput } from '../src/core/compare/compare.js';
import { commitOfEntry } from '../src/core/compare/commit-label.js';
import { describeGateFailure, decideVerdict } from '../src/core/compare/verdict.js';
import { WindowTally } from '../src/core/compare/window-tally.js';
import type { RankedCluster } from '../src/core/model/cluster-types.js';
import type { LogRecord } from '../src/core/model/log-record.js';
import { MINUTE, rankedCluster, sampleRecord, T0 } from '../test/fixtures/ranked-cluster.js';

describe('classifyChange: rates per minute, so windows of any length compare', () => {
  it.each([
    // count, window minutes, baseline count, baseline minutes, change
    ['absent before', 5, 10, 0, 60, 'new'],
    ['3× the rate and 10 more', 40, 10, 40, 60, 'worse'],
    ['3× the rate but only 8 more', 12, 10, 24, 60, 'same'],
    ['15 more but under 3×', 25, 10, 60, 60, 'same'],
    ['a 10-minute window at a 1-hour rate is the same', 10, 10, 60, 60, 'same'],
    ['a third of the rate and 10 fewer', 2, 10, 120, 60, 'better'],
    ['a third of the rate but only 4 fewer', 1, 10, 30, 60, 'same'],
  ] as const)('%s', (_name, count, minutes, baselineCount, baselineMinutes, change) => {
    expect(classifyChange(count, minutes, baselineCount, baselineMinutes).change).toBe(change);
  });
});

const OLD = 'catalog-api-00087-zzr';
const NEW = 'catalog-api-00088-tlz';
const SHA = '9e84212b244778a1be5aaf214f9d23144c7ce2c9';

function request(revision: string, status: number, minute: number): LogRecord {
  return sampleRecord({
    service: 'catalog-api',
    revision,
    timestamp: T0 + minute * MINUTE,
    http: { method: 'GET', url: '/api/products/1/price', path: '/api/products/1/price', status },
  });
}

const raw = (commit: string) => ({ labels: { 'commit-sha': commit, instanceId: '00abc' } });

/** 09:00–09:30 the baseline on the old revision; 09:30–09:40 the new one answers 500 half the time. */
function deployInput(clusters: RankedCluster[], baseline: RankedCluster[]): CompareInput {
  const before = new WindowTally();
  const after = new WindowTally();
  for (let m = 0; m < 30; m++) before.add(request(OLD, 200, m), raw('1111111aaaa'));
  // The new revision starts a minute before it takes traffic: that does not make it part of the baseline.
  before.add(sampleRecord({ service: 'catalog-api', revision: NEW, timestamp: T0 + 29 * MINUTE }), raw(SHA));
  for (let m = 30; m < 40; m++) {
    after.add(request(NEW, 200, m), raw(SHA));
    after.add(request(NEW, 500, m), raw(SHA));
  }
  return {
    clusters,
    window: { start: T0 + 30 * MINUTE, end: T0 + 40 * MINUTE },
    current: after.finish(),
    baseline: {
      window: { start: T0, end: T0 + 30 * MINUTE },
      facts: before.finish(),
      clusters: baseline,
    },
  };
}

describe('compareWindows', () => {
  const price500 = rankedCluster({ fingerprint: 'v2:req:price', title: 'HTTP 500', count: 10, revisions: [NEW] });
  const feed = rankedCluster({ fingerprint: 'v2:msg:feed', title: 'feed timed out', count: 3, revisions: [NEW] });
  const feedBefore = rankedCluster({ fingerprint: 'v2:msg:feed', title: 'feed timed out', count: 9, revisions: [OLD] });
  const goneBefore = rankedCluster({ fingerprint: 'v2:msg:gone', title: 'old warning', count: 30, priority: 'P3' });
  const { clusters, comparison } = compareWindows(deployInput([price500, feed], [feedBefore, goneBefore]));

  it('marks a problem absent before as new, started with the revision that did not serve before, and its commit', () => {
    expect(clusters[0]!.change).toEqual({
      change: 'new',
      rate: 1,
      baselineRate: 0,
      baselineCount: 0,
      newRevisions: [NEW],
      startedWithRevision: true,
      commits: [SHA],
    });
  });
  it('marks a problem at the same rate per minute as same, with no attribution', () => {
    expect(clusters[1]!.change).toMatchObject({ change: 'same', rate: 0.3, baselineRate: 0.3, newRevisions: [] });
  });
  it('lists problems of the baseline absent now as gone', () => {
    expect(comparison.gone.map((g) => [g.fingerprint, g.baselineCount, g.baselineRate])).toEqual([
      ['v2:msg:gone', 30, 1],
    ]);
  });
  it('compares 5xx per service before and after, per minute and as a share of requests', () => {
    expect(comparison.serviceErrors).toEqual([
      {
        service: 'catalog-api',
        before: { requests: 30, serverErrors: 0, successful: 30 },
        after: { requests: 20, serverErrors: 10, successful: 10 },
        beforePerMinute: 0,
        afterPerMinute: 1,
      },
    ]);
  });
  it('names the new revision and its commit', () => {
    expect(comparison.newRevisions).toEqual([
      { service: 'catalog-api', revision: NEW, commit: SHA, firstSeen: T0 + 30 * MINUTE },
    ]);
  });
});

describe('a logs-file baseline', () => {
  const window = { start: T0 + 30 * MINUTE, end: T0 + 40 * MINUTE };
  const facts = (tally: WindowTally) => tally.finish();
  it('with no entries in the baseline window is not a silent "everything is new"', () => {
    const { clusters, comparison } = compareWindows({
      clusters: [rankedCluster()],
      window,
      current: facts(new WindowTally()),
      baseline: {
        window: { start: T0, end: T0 + 30 * MINUTE },
        facts: facts(new WindowTally()),
        clusters: [],
        fileFirst: Infinity,
      },
    });
    expect(comparison.usable).toBe(false);
    expect(clusters[0]!.change).toBeUndefined();
    expect(comparison.notes.join(' ')).toMatch(
      /file holds no entries in the baseline window .*nothing to compare with/,
    );
  });
  it('that starts late rates the baseline per minute of the part it covers', () => {
    const before = new WindowTally();
    before.add(request(OLD, 200, 20), {});
    const { comparison } = compareWindows({
      clusters: [],
      window,
      current: facts(new WindowTally()),
      baseline: {
        window: { start: T0, end: T0 + 30 * MINUTE },
        facts: before.finish(),
        clusters: [],
        fileFirst: T0 + 20 * MINUTE,
      },
    });
    expect(comparison.covered).toEqual({ start: T0 + 20 * MINUTE, end: T0 + 30 * MINUTE });
    expect(comparison.notes[0]).toMatch(/baseline is the 10 min from then to 09:30 UTC, not the 30 min asked/);
  });
});

describe('decideVerdict', () => {
  const input = deployInput([], []);
  const newP0 = rankedCluster({ fingerprint: 'a', title: 'HTTP 500', priority: 'P0', revisions: [NEW] });
  const sameP1 = rankedCluster({ fingerprint: 'b', title: 'feed timed out', priority: 'P1', count: 3 });
  const sameBefore = rankedCluster({ fingerprint: 'b', count: 9 });
  const { clusters, comparison } = compareWindows({
    ...input,
    clusters: [newP0, sameP1],
    baseline: { ...input.baseline, clusters: [sameBefore] },
  });

  it.each([
    ['changed: fails on the new problem only', 'P1', 'changed', 'fail', ['a']],
    ['all: fails on the pre-existing one too', 'P1', 'all', 'fail', ['a', 'b']],
    ['no fail-on: none', null, 'changed', 'none', []],
  ] as const)('%s', (_name, failOn, scope, status, failing) => {
    const verdict = decideVerdict(clusters, { failOn, scope, comparison });
    expect([verdict.status, verdict.failing]).toEqual([status, failing]);
  });
  it('passes with only pre-existing problems at fail-on, and says they were not counted', () => {
    const verdict = decideVerdict([clusters[1]!], { failOn: 'P1', scope: 'changed', comparison });
    expect(verdict.status).toBe('pass');
    expect(verdict.reasons).toEqual([
      'No new or worse problem at P1 or above.',
      '1 problem at P1 or above was there before and is no worse (same or better): not counted (fail-on-scope: changed).',
    ]);
  });
  it("the step's failure message names the new problem, its revision and commit", () => {
    const verdict = decideVerdict(clusters, { failOn: 'P1', scope: 'changed', comparison });
    expect(describeGateFailure(verdict, clusters)).toBe(
      `fail-on P1: 1 new or worse problem(s) since the baseline at P1 or above — [P0] HTTP 500 (checkout) — new, started with revision ${NEW} (commit 9e84212).`,
    );
  });
  it('without a baseline keeps the old message', () => {
    const verdict = decideVerdict([sameP1], { failOn: 'P1', scope: 'all' });
    expect(describeGateFailure(verdict, [sameP1])).toBe(
      'fail-on P1: 1 problem(s) at P1 or above — [P1] feed timed out.',
    );
  });
});

describe('commitOfEntry', () => {
  it.each([
    ['Cloud Build on Cloud Run', { labels: { 'commit-sha': SHA.toUpperCase() } }, SHA],
    ['a GKE pod label', { labels: { 'k8s-pod/git-commit': 'abc1234' } }, 'abc1234'],
    ['a version tag is not a commit', { labels: { 'commit-sha': 'v1.2.3' } }, ''],
    ['no labels', { textPayload: 'x' }, ''],
    ['not an object', 'text', ''],
  ])('%s', (_name, entry, commit) => {
    expect(commitOfEntry(entry)).toBe(commit);
  });
});
