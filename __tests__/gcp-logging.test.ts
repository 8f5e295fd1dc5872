import { afterEach, describe, expect, it } from '@jest/globals';
import { OAuth2Client } from 'google-auth-library';
import { GoogleSetupError } from '../src/adapters/gcp-errors.js';
import { CloudLoggingSource } from '../src/adapters/gcp-logging.js';
import type { Config } from '../src/config/config-types.js';
import { buildLoggingQuery } from '../src/core/read/logging-query.js';
import {
  GoogleFake,
  googleTestConfig,
  makeEntries,
  sampleBucket,
  type InjectedFailure,
} from '../test/fakes/google-servers.js';

const END = Date.parse('2025-03-01T11:00:00Z');
const START = END - 3600_000;
let fake: GoogleFake;

afterEach(async () => {
  await fake?.stop();
});

/** A started fake holding `count` entries spread over the window, and a source reading it with a fake clock. */
async function setUp(
  count: number,
  overrides: Partial<Config> = {},
  failures: InjectedFailure[] = [],
  text?: (i: number) => string,
) {
  fake = await new GoogleFake({ projectId: 'demo-project' }).start();
  const entries = makeEntries(count, START, END);
  if (text) entries.forEach((e, i) => (e.textPayload = text(i)));
  fake.setEntries(entries);
  fake.loggingFailures.push(...failures);
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: 'adc-token', expiry_date: Date.now() + 3600_000 });
  const config = googleTestConfig(fake, {
    since: START,
    until: END,
    workloadIdentityProvider: '',
    serviceAccount: '',
    ...overrides,
  });
  let clock = END + 5000;
  const waits: number[] = [];
  const source = new CloudLoggingSource(config, auth, {
    now: () => clock,
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    log: () => {},
  });
  return { source, waits, config };
}

async function collect(iterable: AsyncIterable<unknown>): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const entry of iterable) out.push(entry as Record<string, unknown>);
  return out;
}

describe('CloudLoggingSource reading', () => {
  it('reads every page with the exact query, newest first, without waiting under 50 requests a minute', async () => {
    const { source, waits, config } = await setUp(2500);
    const entries = await collect(source.read());

    expect(entries).toHaveLength(2500);
    expect(new Set(entries.map((e) => e.insertId)).size).toBe(2500);
    expect(entries[0]).toMatchObject({ severity: expect.any(String), resource: { type: 'cloud_run_revision' } });
    const expectedFilter = buildLoggingQuery({
      services: ['api'],
      filter: '',
      minSeverity: 'WARNING',
      start: START,
      end: END,
    });
    const requests = fake.requestsTo('logging');
    expect(requests.map((r) => r.body)).toEqual([
      { resourceNames: ['projects/demo-project'], filter: expectedFilter, orderBy: 'timestamp desc', pageSize: 1000 },
      {
        resourceNames: ['projects/demo-project'],
        filter: expectedFilter,
        orderBy: 'timestamp desc',
        pageSize: 1000,
        pageToken: expect.any(String),
      },
      {
        resourceNames: ['projects/demo-project'],
        filter: expectedFilter,
        orderBy: 'timestamp desc',
        pageSize: 1000,
        pageToken: expect.any(String),
      },
    ]);
    expect(waits).toEqual([]);
    const info = source.info();
    expect(info).toMatchObject({
      source: 'cloud-logging:demo-project',
      query: expectedFilter,
      sampleFraction: 1,
      requests: 3,
    });
    expect(config.maxEntries).toBe(20_000);
  });

  it('reads a window that exactly fits the budget whole', async () => {
    const { source } = await setUp(3000, { maxEntries: 3000 });
    expect(await collect(source.read())).toHaveLength(3000);
    expect(source.info().sampleFraction).toBe(1);
  });

  it.each<[string, InjectedFailure[], number[], RegExp]>([
    [
      'two 429s',
      [{ status: 429 }, { status: 429 }],
      [1500, 3000],
      /Waited 1\.5 s after 429 RESOURCE_EXHAUSTED \(quota 60 requests\/min\)/,
    ],
    ['a 503', [{ status: 503 }], [1500], /Waited 1\.5 s after 503 UNAVAILABLE/],
  ])('backs off with jitter after %s and still reads everything', async (_name, failures, backoffs, note) => {
    const { source, waits } = await setUp(1500, {}, failures);
    expect(await collect(source.read())).toHaveLength(1500);
    // Each retry is paced (1 s since the failed request) and then backed off (equal jitter, random 0.5).
    expect(waits.filter((w) => w !== 1000)).toEqual(backoffs);
    expect(source.info().notes.join('\n')).toMatch(note);
    expect(source.info().requests).toBe(2 + failures.length);
  });

  it('gives up on a quota that never recovers after a bounded wait, with a clear error', async () => {
    const { source, waits } = await setUp(
      10,
      {},
      Array.from({ length: 50 }, () => ({ status: 429 as const })),
    );
    await expect(collect(source.read())).rejects.toThrow(
      /kept answering 429 RESOURCE_EXHAUSTED[\s\S]*60 entries.list requests a minute/,
    );
    const backoff = waits.filter((w) => w !== 1000).reduce((a, b) => a + b, 0);
    expect(backoff).toBeLessThanOrEqual(5 * 60_000);
    expect(backoff).toBeGreaterThan(2 * 60_000);
  });

  it.each<[string, InjectedFailure, RegExp]>([
    [
      'permission denied',
      { status: 403, message: 'Permission denied for all log views' },
      /gcloud projects add-iam-policy-binding demo-project --role=roles\/logging\.viewer/,
    ],
    [
      'a project that does not exist',
      { status: 403, message: 'Project nope-123 does not exist or has been deleted' },
      /`project-id` input/,
    ],
    [
      'a 404 project',
      { status: 404, message: 'Requested entity was not found.' },
      /Project `demo-project` was not found/,
    ],
    [
      'an invalid filter',
      { status: 400, message: 'Unparseable filter: syntax error at line 5, column 3' },
      /rejected the query: Unparseable filter[\s\S]*`filter` input/,
    ],
    [
      'the API disabled',
      {
        status: 403,
        message: 'Cloud Logging API has not been used in project 123 before or it is disabled. SERVICE_DISABLED',
      },
      /gcloud services enable logging\.googleapis\.com/,
    ],
  ])('explains %s with the fix', async (_name, failure, message) => {
    const { source } = await setUp(10, {}, [failure]);
    const read = collect(source.read());
    await expect(read).rejects.toThrow(GoogleSetupError);
    await expect(read).rejects.toThrow(message);
    expect(source.info().requests).toBe(1);
  });

  it('names the project that was not found by the fake', async () => {
    const { source } = await setUp(10, { projectId: 'other-project' });
    await expect(collect(source.read())).rejects.toThrow(/`project-id` input/);
  });
});

/** Every entry its own words: nothing dominates, nothing can be peeled, so the read is sampled. */
const noConstantText = (i: number) => `Error ${i.toString(36)} ${(i * 7919).toString(36)}`;

describe('budget and sampling', () => {
  it('reads a deterministic sample over the whole window above max-entries, streaming pages', async () => {
    const total = 30_000;
    const budget = 5000;
    const { source } = await setUp(total, { maxEntries: budget }, [], noConstantText);
    const iterator = source.read()[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    const requestsAtFirstEntry = fake.requestsTo('logging').length;
    const entries = [first.value as Record<string, unknown>];
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      entries.push(next.value as Record<string, unknown>);

    const info = source.info();
    // First page (1000 of 30,000 over 2 min of 60) shows the window is over twice the budget: sample at once.
    expect(info.sampleFraction).toBeCloseTo(budget / (total * 1.25), 2);
    expect(info.query).toMatch(new RegExp(`\\nsample\\(insertId, ${info.sampleFraction}\\)$`));
    expect(entries.length).toBeLessThanOrEqual(budget);
    expect(entries.every((e) => sampleBucket(String(e.insertId)) < info.sampleFraction)).toBe(true);
    // Spread over the whole window, not the newest minutes.
    const times = entries.map((e) => Date.parse(String(e.timestamp)));
    expect(Math.min(...times) - START).toBeLessThan(60_000);
    expect(Math.abs(entries.length / info.sampleFraction - total) / total).toBeLessThan(0.1);
    expect(info.notes.join('\n')).toMatch(
      /Over the max-entries budget \(5000\)[\s\S]*about 30000 entries match[\s\S]*sample\(insertId/,
    );
    // The sample is held (at most the budget) while its problems are looked at for peeling.
    expect(requestsAtFirstEntry).toBe(info.requests);
    expect(fake.requestsTo('logging').every((r) => Number(r.body.pageSize) <= 1000)).toBe(true);
  });

  it('falls back to sampling when the full read overflows the budget', async () => {
    // 2500 entries, budget 2000: page 1 does not predict over 2× the budget, the read overflows at 2000.
    const { source } = await setUp(2500, { maxEntries: 2000 }, [], noConstantText);
    const entries = await collect(source.read());
    const info = source.info();
    expect(info.sampleFraction).toBeLessThan(1);
    expect(entries.length).toBeLessThanOrEqual(2000);
    expect(new Set(entries.map((e) => e.insertId)).size).toBe(entries.length);
    expect(info.notes.join('\n')).toMatch(/the newest 2000 entries covered/);
  });
});
