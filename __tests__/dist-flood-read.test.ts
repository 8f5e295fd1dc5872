import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BigQueryFake } from '../test/fakes/bigquery-server.js';
import { floodHour, floodWindow, tailCounts } from '../test/fakes/flood-window.js';
import { GoogleFake } from '../test/fakes/google-servers.js';
import { FLOOD_PROVIDER, FLOOD_SA, runFloodWindow, scoreFloodRun } from '../test/flood-run.js';
import type { DistRun } from '../test/run-dist.js';

// Issue 15 through the bundle, as a runner runs it: a flood never hides a rare error.
const END = Date.parse('2026-11-30T10:00:00Z');
const START = END - 3_600_000;

async function google(entries: Record<string, unknown>[]): Promise<GoogleFake> {
  return new GoogleFake({
    entries,
    projectId: 'demo-project',
    provider: FLOOD_PROVIDER,
    serviceAccount: FLOOD_SA,
  }).start();
}

interface Cluster {
  title: string;
  count: number;
  estimated?: true;
  countMethod: string;
}
const clustersOf = (run: DistRun) => (run.report?.clusters ?? []) as Cluster[];

describe('peeling a flood at the default max-entries', () => {
  // One error 50,000 times in the hour and 30 rare errors, two of them must-page (issue 15: 14 of 30 were found).
  const hour = floodHour(START, END);
  let fake: GoogleFake;
  let run: DistRun;
  beforeAll(async () => {
    fake = await google(hour.entries);
    run = await runFloodWindow(fake, START, END);
  });
  afterAll(() => fake.stop());

  it('finds all 30 rare errors with exact counts, and the flood within 10 %', () => {
    const score = scoreFloodRun(run, hour.truth);
    expect(score.misses).toEqual([]);
    expect(score.rareExact).toBe(30);
    expect(score.worstFloodError).toBeLessThan(0.1);
  });

  it('marks the flood estimated and the rest exact, in the report', () => {
    const methods = clustersOf(run).map((c) => c.countMethod);
    expect(methods.filter((m) => m === 'estimated')).toHaveLength(1);
    expect(methods.filter((m) => m === 'exact')).toHaveLength(30);
  });

  it('says in the worklog what was peeled, with the clause, and how counts were obtained', () => {
    expect(run.worklog).toMatch(
      /Peeled \(round 1\): .*WebSocket event delivery failed.*estimated from \d+ in sample\(insertId, 0\.\d+\)/,
    );
    expect(run.worklog).toContain(
      'textPayload:\\"WebSocket event delivery failed for subscriber\\"'.replace(/\\/g, ''),
    );
    expect(run.worklog).toMatch(/Read everything else whole: \d+ entries, exact counts/);
    // The clause was applied by the server: the last reads exclude the flood.
    const filters = fake.requestsTo('logging').map((r) => String(r.body.filter));
    expect(filters.at(-1)).toMatch(
      /NOT \(resource\.type="cloud_run_revision" AND resource\.labels\.service_name="api" AND textPayload:"WebSocket/,
    );
    expect(filters.length).toBeLessThanOrEqual(25);
  });
});

describe('a window of five floods and a long tail (small scale of the million-entry bench)', () => {
  const counts = tailCounts(100, 1_000);
  const window = floodWindow({
    start: START,
    end: END,
    floods: 5,
    floodTotal: 99_000,
    rare: 100,
    rareCount: (i) => counts[i]!,
  });
  let fake: GoogleFake;
  let run: DistRun;
  beforeAll(async () => {
    fake = await google(window.entries);
    run = await runFloodWindow(fake, START, END, { 'max-entries': '2000' });
  });
  afterAll(() => fake.stop());

  it('finds every tail error with its exact count and every flood within 10 %, in at most 60 requests', () => {
    const score = scoreFloodRun(run, window.truth);
    expect(score.misses).toEqual([]);
    expect(score.worstFloodError).toBeLessThan(0.1);
    expect(fake.requestsTo('logging').length).toBeLessThanOrEqual(60);
  });
});

describe('Log Analytics mode', () => {
  const window = floodWindow({
    start: START,
    end: END,
    floods: 2,
    floodTotal: 30_000,
    rare: 30,
    rareCount: (i) => 1 + (i % 4),
  });
  let fake: GoogleFake;
  let bigquery: BigQueryFake;
  let run: DistRun;
  const inputs = () => ({ 'analytics-dataset': 'demo-project.logs_analytics', 'bigquery-endpoint': bigquery.baseUrl });
  beforeAll(async () => {
    fake = await google(window.entries);
    bigquery = await new BigQueryFake({
      entries: window.entries,
      dataset: 'demo-project.logs_analytics',
      tokens: (t) => fake.isServiceAccountToken(t),
      slowJobs: true,
      bytes: 50_000_000,
      pageSize: 500,
    }).start();
    run = await runFloodWindow(fake, START, END, inputs());
  });
  afterAll(async () => {
    await fake.stop();
    await bigquery.stop();
  });

  it('counts every problem exactly, moving only a few sample entries', () => {
    expect(run.code).toBe(0);
    const score = scoreFloodRun(run, window.truth);
    expect(score.misses).toEqual([]);
    expect(score.worstFloodError).toBe(0);
    expect(clustersOf(run).every((c) => c.countMethod === 'exact')).toBe(true);
    expect(fake.requestsTo('logging')).toHaveLength(0);
    // A dry run first, then the grouping query (polled), then the samples by insert_id.
    const posts = bigquery.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.body.dryRun === true)).toEqual([true, false, false]);
    expect(posts[1]!.body.maximumBytesBilled).toBe('10000000000');
    expect(bigquery.requests.some((r) => r.method === 'GET')).toBe(true);
  });

  it('reports the bytes scanned and the cap in the worklog', () => {
    // Markdown escapes the underscores in the worklog.
    expect(run.worklog.replace(/\\_/g, '_')).toMatch(
      /Log Analytics \(demo-project\.logs_analytics\): grouped 30,0\d\d entries server-side into \d+ groups with exact counts \(dry-run estimate [\d.]+ MB, [\d.]+ MB scanned in all, cap analytics-max-bytes 10\.00 GB\)/,
    );
  });

  it('runs no query whose dry run is over analytics-max-bytes, and says how to fix it', async () => {
    const before = bigquery.requests.length;
    const capped = await runFloodWindow(fake, START, END, { ...inputs(), 'analytics-max-bytes': '10MB' });
    expect(capped.code).not.toBe(0);
    expect(capped.stdout).toMatch(
      /would scan [\d.]+ MB \(dry run\), over analytics-max-bytes \(10\.0 MB\); nothing was billed/,
    );
    expect(bigquery.requests.slice(before).map((r) => r.body.dryRun)).toEqual([true]);
  });
});
