import type { RankedCluster } from '../src/core/model/cluster-types.js';
import { chooseBucketMinutes } from '../src/core/markdown/format.js';
import {
  MAX_POINTS,
  MAX_SERIES,
  mermaidLabel,
  niceCeiling,
  renderTimeline,
} from '../src/core/report/render-timeline.js';
import { WINDOW_END, WINDOW_START, buildClusters, spread } from '../test/fixtures/run-result.js';

const HOUR = 3_600_000;
const window = { start: WINDOW_START, end: WINDOW_END };

function lines(markdown: string): number[][] {
  return [...markdown.matchAll(/^ {4}line \[(.*)\]$/gm)].map((m) => m[1].split(', ').map(Number));
}

function xLabels(markdown: string): string[] {
  const axis = /^ {4}x-axis \[(.*)\]$/m.exec(markdown)?.[1] ?? '';
  return axis.split(', ');
}

describe('chooseBucketMinutes for the worklog chart', () => {
  it.each([
    ['30 min', HOUR / 2, 1],
    ['1 h', HOUR, 1],
    ['2 h', 2 * HOUR, 1],
    ['3 h', 3 * HOUR, 5],
    ['1 d', 24 * HOUR, 15],
    ['7 d', 7 * 24 * HOUR, 120],
  ])('%s → %i-minute buckets', (_name, span, minutes) => {
    expect(chooseBucketMinutes(span, MAX_POINTS)).toBe(minutes);
  });
});

describe('mermaidLabel', () => {
  it.each([
    ['plain', '09:00', '"09:00"'],
    ['quotes and backticks', 'say "hi" `now`', '"say hi now"'],
    ['line breaks and directives', 'a\nb %%{init}%% ; c', '"a b init c"'],
  ])('%s', (_name, input, expected) => {
    expect(mermaidLabel(input)).toBe(expected);
  });
});

describe('niceCeiling', () => {
  it.each([
    [0, 1],
    [7, 8],
    [227, 250],
    [1000, 1000],
    [1001, 1500],
  ])('%i → %i', (n, expected) => {
    expect(niceCeiling(n)).toBe(expected);
  });
});

describe('renderTimeline', () => {
  it('draws the top problems per minute with a legend, without ignored noise', () => {
    const clusters = buildClusters();
    const markdown = renderTimeline(clusters, window);
    expect(markdown).toMatch(/^```mermaid\n%%\{init: .*\}%%\nxychart-beta\n/);
    const series = lines(markdown);
    expect(series).toHaveLength(MAX_SERIES);
    expect(xLabels(markdown)).toHaveLength(60);
    expect(xLabels(markdown)[12]).toBe('"09:12"');
    // Every entry of the window lands in exactly one point.
    expect(series.map((s) => s.reduce((a, b) => a + b, 0))).toEqual(clusters.slice(0, 5).map((c) => c.count));
    expect(markdown).toContain('| 🟥 red | P0 | ImportError');
    expect(markdown).not.toContain('Connection pool is full');
  });

  it('buckets a long window and stays within the point limit', () => {
    const week = { start: WINDOW_START, end: WINDOW_START + 7 * 24 * HOUR };
    const cluster: RankedCluster = { ...buildClusters()[0], perMinute: spread(5000, 0, 7 * 24 * 60 - 1) };
    const markdown = renderTimeline([cluster], week);
    const [series] = lines(markdown);
    expect(series.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(series.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(xLabels(markdown)[0]).toBe('"11-30 09:00"');
    expect(markdown).toContain('Counts are bucketed to 120 minutes');
  });

  it('keeps hostile titles out of the chart and inert in the legend', () => {
    const cluster: RankedCluster = { ...buildClusters()[0], title: '"]} line [9] `x` @team #7' };
    const markdown = renderTimeline([cluster], window);
    const chart = markdown.slice(0, markdown.lastIndexOf('```'));
    expect(chart).not.toContain('@team');
    expect(markdown).toContain('@\u2060team');
    expect(lines(markdown)).toHaveLength(1);
  });

  it.each([
    ['no clusters', [] as RankedCluster[]],
    ['only ignored noise', buildClusters().filter((c) => c.ignored)],
  ])('says so when there is nothing to draw (%s)', (_name, clusters) => {
    expect(renderTimeline(clusters, window)).toBe('_No problem entries to chart in this window._');
  });
});
