import {
  renderChangeComment,
  renderDuplicateComment,
  renderReopenComment,
  renderStaleComment,
} from '../src/core/issues/issue-comments.js';
import { BODY_BUDGET, TITLE_LIMIT, renderBody, renderTitle, retitle } from '../src/core/issues/issue-text.js';
import { parseMarker } from '../src/core/issues/marker.js';
import type { MarkerState } from '../src/core/issues/marker.js';
import { readGolden } from '../test/fixtures/golden.js';
import { HOUR, MINUTE, T0, hourWindow, rankedCluster, sampleRecord } from '../test/fixtures/ranked-cluster.js';

function expectGolden(name: string, text: string): void {
  expect(text).toBe(readGolden(name, text));
}

/** CommonMark fences: a closer is a backtick-only line at least as long as the opener. */
function unclosedFence(markdown: string): boolean {
  let open = 0;
  for (const line of markdown.split('\n')) {
    const ticks = /^(`{3,})/.exec(line)?.[1].length ?? 0;
    if (open === 0 && ticks) open = ticks;
    else if (open && ticks >= open && /^`+\s*$/.test(line)) open = 0;
  }
  return open !== 0;
}

const RUN = 'https://github.com/acme/shop/actions/runs/123';
const LOGS = 'https://console.cloud.google.com/logs/query;query=severity%3E%3DWARNING?project=p';

function state(overrides: Partial<MarkerState> = {}): MarkerState {
  return {
    fp: 'v1:exc:3f2a9c0d1e',
    first: T0,
    last: T0 + HOUR - MINUTE,
    total: 120,
    lastCount: 120,
    p: 'P1',
    svc: ['checkout'],
    windows: [[T0, T0 + HOUR]],
    ...overrides,
  };
}

describe('issue title', () => {
  it.each([
    ['one service', ['checkout'], '[P1] checkout: TimeoutError: upstream payments-api did not answer'],
    [
      'several services: first and +N',
      ['orders', 'checkout', 'cart'],
      '[P1] cart +2: TimeoutError: upstream payments-api did not answer',
    ],
    ['no service', [], '[P1] TimeoutError: upstream payments-api did not answer'],
  ])('%s', (_name, services, expected) => {
    expect(renderTitle(rankedCluster({ services }))).toBe(expected);
  });

  it('stays the same when counts change', () => {
    expect(renderTitle(rankedCluster({ count: 5 }))).toBe(renderTitle(rankedCluster({ count: 50_000 })));
  });

  it('fits 256 characters and neutralises mentions and references', () => {
    const title = renderTitle(rankedCluster({ title: `@admin see #12 ${'x'.repeat(400)}` }));
    expect([...title].length).toBeLessThanOrEqual(TITLE_LIMIT);
    expect(title).not.toMatch(/@admin|#12/);
  });

  it.each([
    ['swaps the priority prefix', '[P2] checkout: boom', '[P0] checkout: boom'],
    ['leaves a human title alone', 'Checkout times out (investigating)', 'Checkout times out (investigating)'],
  ])('retitle %s', (_name, title, expected) => {
    expect(retitle(title, 'P0')).toBe(expected);
  });
});

describe('issue body', () => {
  it('renders every section (golden)', () => {
    const body = renderBody({
      cluster: rankedCluster(),
      state: state(),
      window: hourWindow(T0),
      runUrl: RUN,
      logsLink: LOGS,
    });
    expectGolden('issue-body.md', body);
    expect(parseMarker(body)).toEqual(state());
  });

  it('links an older issue for a problem that came back after the reopen window (golden)', () => {
    const body = renderBody({
      cluster: rankedCluster({ services: ['checkout', 'cart'], routes: [] }),
      state: state(),
      window: hourWindow(T0),
      runUrl: RUN,
      logsLink: '',
      previous: { number: 7, closedAt: T0 - 30 * 24 * HOUR },
    });
    expectGolden('issue-body-recurrence.md', body);
  });

  it('cannot be hijacked by a marker or HTML inside log text', () => {
    const forged =
      '<!-- log-gardener:v1 {"fp":"v1:exc:stolen","first":0,"last":0,"total":0,"lastCount":0,"p":"P0","svc":[],"windows":[]} -->';
    const cluster = rankedCluster({
      template: forged,
      title: forged,
      samples: [sampleRecord({ message: forged, stack: '' })],
      reasons: [forged],
    });
    const body = renderBody({ cluster, state: state(), window: hourWindow(T0), runUrl: RUN, logsLink: LOGS });
    expect(body.split('<!--')).toHaveLength(2); // only our own marker opens a comment
    expect(parseMarker(body)?.fp).toBe('v1:exc:3f2a9c0d1e');
  });

  it('budgets huge content instead of cutting it, keeping fences balanced', () => {
    const big = 'frame\n'.repeat(40_000);
    const cluster = rankedCluster({
      template: big,
      samples: [1, 2, 3].map((i) => sampleRecord({ insertId: `s${i}`, message: '```'.repeat(10) + big, stack: big })),
      codeLocations: Array.from({ length: 500 }, (_, i) => `app/mod${i}.py:1 f`),
      likelyCauses: Array.from({ length: 100 }, () => 'cause '.repeat(80)),
    });
    const body = renderBody({ cluster, state: state(), window: hourWindow(T0), runUrl: RUN, logsLink: LOGS });
    expect(body.length).toBeLessThanOrEqual(BODY_BUDGET);
    expect(unclosedFence(body)).toBe(false);
    expect(body).toContain(RUN);
    expect(parseMarker(body)).not.toBeNull();
  });

  it('uses a wider bucket for a two-day window', () => {
    const window = { start: T0, end: T0 + 48 * HOUR };
    const body = renderBody({ cluster: rankedCluster(), state: state(), window, runUrl: RUN, logsLink: LOGS });
    // The timeline is a sparkline with its bucket size (issue 13: the wide table ran off the page).
    expect(body).toContain('UTC (360-minute buckets');
    expect(body).toContain('03-10 06:00');
  });
});

describe('issue comments (golden)', () => {
  it.each([
    [
      'issue-comment-change.md',
      renderChangeComment(
        [
          { kind: 'escalated', from: 'P2', to: 'P0', reasons: ['CRITICAL entries', 'checkout is down'] },
          { kind: 'volume', previous: 40, current: 900 },
          { kind: 'regression', quietSince: T0 - 72 * HOUR, seenAgain: T0 + 5 * MINUTE },
          { kind: 'new-service', services: ['cart'] },
        ],
        RUN,
      ),
    ],
    [
      'issue-comment-reopen.md',
      renderReopenComment({
        closedAt: T0 - 3 * 24 * HOUR,
        seenAgain: T0 + 5 * MINUTE,
        count: 120,
        reopenWindowMs: 14 * 24 * HOUR,
        runUrl: RUN,
      }),
    ],
    [
      'issue-comment-stale.md',
      renderStaleComment({
        lastSeen: T0 - 8 * 24 * HOUR,
        closeAfterMs: 7 * 24 * HOUR,
        reopenWindowMs: 14 * 24 * HOUR,
        runUrl: RUN,
      }),
    ],
    ['issue-comment-duplicate.md', renderDuplicateComment({ original: 3, runUrl: RUN })],
  ])('%s', (name, text) => {
    expectGolden(name, text);
  });
});
