import type { RankedCluster } from '../src/core/model/cluster-types.js';
import { renderWorklog } from '../src/core/report/render-worklog.js';
import type { RunResult } from '../src/core/model/run-result.js';
import { readGolden } from '../test/fixtures/golden.js';
import { buildClusters, buildQuietRun, buildRunResult, buildSampledDryRun } from '../test/fixtures/run-result.js';

/** Every fence opened is closed by a fence of the same length. */
function fencesBalanced(markdown: string): boolean {
  let open: string | null = null;
  for (const line of markdown.split('\n')) {
    const fence = /^(`{3,})/.exec(line)?.[1];
    if (!fence) continue;
    if (open === null) open = fence;
    else if (line.trim() === open) open = null;
  }
  return open === null;
}

/** The markdown with fenced blocks removed: inside a fence text is literal and inert. */
function outsideFences(markdown: string): string {
  const kept: string[] = [];
  let open: string | null = null;
  for (const line of markdown.split('\n')) {
    const fence = /^(`{3,})/.exec(line)?.[1];
    if (fence && open === null) open = fence;
    else if (fence && line.trim() === open) open = null;
    else if (open === null) kept.push(line);
  }
  return kept.join('\n');
}

function withClusters(clusters: RankedCluster[], patch: Partial<RunResult> = {}): RunResult {
  return { ...buildRunResult(), clusters, actions: [], issueLinks: {}, ...patch };
}

describe('renderWorklog', () => {
  it.each([
    ['worklog.md', buildRunResult],
    ['worklog-sampled-dry-run.md', buildSampledDryRun],
    ['worklog-quiet.md', buildQuietRun],
  ] as const)('matches the golden file %s', (name, build) => {
    const markdown = renderWorklog(build());
    expect(markdown).toBe(readGolden(name, markdown));
  });

  it('puts the sections in the order an incident report reads', () => {
    const headings = renderWorklog(buildRunResult())
      .split('\n')
      .filter((l) => /^##? /.test(l))
      .map((l) => l.replace(/:.*$/, ''));
    expect(headings).toEqual([
      '# Log Gardener worklog',
      '## Collection',
      '## Executive summary',
      '## Problems',
      '## Problem details',
      '## Service status',
      '## Timeline',
      '## Issue actions',
      '## Notes',
      '## Query',
      '## Ignored as noise (no issue)',
    ]);
  });

  it.each([
    [
      'the outage',
      buildRunResult(),
      '**2 P0, 1 P1 problems in orders-api, auth-service, web-frontend (+3 lower priority) — 14,203 entries analysed, 2026-11-30 09:00–10:00 UTC**',
    ],
    ['a quiet hour', buildQuietRun(), '**No problems found — 0 entries analysed, 2026-11-30 09:00–10:00 UTC**'],
    [
      'one P2 only',
      withClusters(buildClusters().slice(3, 4)),
      '**1 P2 problem in orders-api — 14,203 entries analysed, 2026-11-30 09:00–10:00 UTC**',
    ],
    [
      'a window across midnight with seconds',
      {
        ...buildQuietRun(),
        window: { start: Date.UTC(2026, 10, 30, 23, 30, 5), end: Date.UTC(2026, 11, 1, 0, 30, 5) },
      },
      '**No problems found — 0 entries analysed, 2026-11-30 23:30:05 – 2026-12-01 00:30:05 UTC**',
    ],
  ])('headlines %s', (_name, result, headline) => {
    expect(renderWorklog(result).split('\n')).toContain(headline);
  });

  it('details problems most urgent first and keeps ignored noise out of the details', () => {
    const markdown = renderWorklog(buildRunResult());
    const sections = [...markdown.matchAll(/^### \d+\. (P\d) — (.*)$/gm)].map((m) => m[1]);
    expect(sections).toEqual(['P0', 'P0', 'P1', 'P2', 'P2', 'P3']);
    expect(markdown).not.toMatch(/^### .*Connection pool is full/m);
    expect(markdown).toMatch(
      /^- Connection pool is full, discarding connection: metadata.google.internal — 308 entries/m,
    );
  });

  it('marks sampled counts as estimates and says how they were sampled', () => {
    const markdown = renderWorklog(buildSampledDryRun());
    expect(markdown).toContain('counts are estimated from a 25% sample (`sample(insertId, 0.25)`); ≈ marks estimates');
    expect(markdown).toContain('| 1 | **P0** | ImportError');
    expect(markdown).toContain('≈4,960 entries');
    expect(renderWorklog(buildRunResult())).not.toContain('≈');
  });

  it.each([
    ['dry run', buildSampledDryRun(), true],
    ['real run', buildRunResult(), false],
  ])('shows the dry-run banner only in a dry run (%s)', (_name, result, shown) => {
    expect(renderWorklog(result).includes('**Dry run:**')).toBe(shown);
  });

  it.each([
    [
      'a file source shows the equivalent query',
      buildRunResult(),
      'The same window would be read from Cloud Logging with:',
    ],
    ['a Cloud Logging source shows the exact query', buildSampledDryRun(), 'The exact Cloud Logging query used:'],
  ])('%s', (_name, result, text) => {
    const markdown = renderWorklog(result);
    expect(markdown).toContain(text);
    expect(markdown.slice(markdown.indexOf('## Query'))).toMatch(/timestamp>="2026-11-30T09:00:00(\.000)?Z"/);
  });

  it('neutralises mentions, references, HTML and fence break-outs from log text', () => {
    const hostile = buildClusters()[0];
    hostile.title = '<img src=x onerror=alert(1)> | @octocat fixes #12';
    hostile.template = 'before ``` after\n```\n# heading';
    hostile.samples = [{ ...hostile.samples[0], message: '````` break <!-- marker -->', stack: '' }];
    const markdown = renderWorklog(withClusters([hostile]));
    expect(outsideFences(markdown)).not.toMatch(/<img|<!--|@octocat|#12\b/);
    // The sample's fence is longer than the five-backtick run inside it.
    expect(markdown).toMatch(/\n``````text\n````` break .*\n``````\n/);
    expect(fencesBalanced(markdown)).toBe(true);
  });

  it('trims a long stack to the head and the tail', () => {
    const cluster = buildClusters()[0];
    const stack = Array.from({ length: 200 }, (_, i) => `  at frame${i} (app.js:${i})`).join('\n');
    cluster.samples = [{ ...cluster.samples[0], message: 'Error: boom', stack }];
    const markdown = renderWorklog(withClusters([cluster]));
    const sample = /\*\*Sample\*\*.*\n\n```text\n([\s\S]*?)\n```/.exec(markdown)?.[1] ?? '';
    expect(sample.split('\n').length).toBeLessThanOrEqual(31);
    expect(sample).toContain('frame0 ');
    expect(sample).toContain('frame199 ');
    expect(sample).toMatch(/lines trimmed/);
  });

  it('prints no local times: every clock is UTC', () => {
    const markdown = renderWorklog(buildRunResult());
    const clocks = markdown.match(/\b\d{2}:\d{2}(:\d{2})?\b(?![:.Z])(?! UTC)/g) ?? [];
    // Only the chart's axis labels (declared UTC in its title) are bare clock times.
    const chart = markdown.slice(
      markdown.indexOf('```mermaid'),
      markdown.indexOf('```', markdown.indexOf('```mermaid') + 3),
    );
    for (const clock of clocks) expect(chart).toContain(`"${clock}"`);
  });

  it('is deterministic', () => {
    expect(renderWorklog(buildRunResult())).toBe(renderWorklog(buildRunResult()));
  });
});
