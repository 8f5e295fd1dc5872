import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEntries, generateIncidentHour } from '../scripts/sample-generator.js';
import { isSkip, normalizeEntry } from '../src/core/normalize/normalize.js';
import { severityRank, type LogRecord } from '../src/core/model/log-record.js';

// Generated JSON is walked freely in assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Entry = Record<string, any>;

const hour1 = generateIncidentHour({ seed: 1, start: new Date('2026-11-30T09:00:00Z') }) as Entry[];
const hour2 = generateIncidentHour({ seed: 2, start: new Date('2026-11-30T10:00:00Z') }) as Entry[];

function records(entries: Entry[]): LogRecord[] {
  return entries.map((entry) => {
    const result = normalizeEntry(entry);
    if (isSkip(result)) throw new Error(`skipped ${result.skip}: ${JSON.stringify(entry)}`);
    return result;
  });
}

/** A crude stand-in for clustering (the real fingerprints are tested by the lead): variable parts masked. */
function problemKey(record: LogRecord): string {
  if (record.http) return `${record.service} ${record.http.method} ${record.http.status}`;
  const masked = record.message.replace(/\b[0-9a-f]{8}-[0-9a-f-]{27}\b/g, '{uuid}').replace(/\d+(\.\d+)*/g, '{n}');
  return `${record.service} ${record.logName} ${masked}`;
}

function problems(entries: Entry[]): Set<string> {
  return new Set(
    records(entries)
      .filter((r) => severityRank(r.severity) >= severityRank('WARNING'))
      .map(problemKey),
  );
}

describe('generateIncidentHour', () => {
  it('is deterministic for a seed', () => {
    expect(generateIncidentHour({ seed: 1, start: new Date('2026-11-30T09:00:00Z') })).toEqual(hour1);
  });

  it('writes a realistic amount, newest first, inside the hour', () => {
    expect(hour1.length).toBeGreaterThan(2000);
    expect(hour1.length).toBeLessThan(5000);
    const times = hour1.map((e) => e.timestamp as string);
    expect([...times].sort().reverse()).toEqual(times);
    expect(times.at(-1)! >= '2026-11-30T09:00:00').toBe(true);
    expect(times[0]! < '2026-11-30T10:00:00').toBe(true);
  });

  it('uses the gcloud LogEntry shape: sorted keys, nanosecond timestamps, Cloud Run resource', () => {
    for (const entry of hour1.slice(0, 200)) {
      expect(Object.keys(entry)).toEqual([...Object.keys(entry)].sort());
      expect(entry.timestamp).toMatch(/^2026-11-30T09:\d\d:\d\d\.\d{9}Z$/);
      expect(entry.receiveTimestamp).toMatch(/\.\d{9}Z$/);
      expect(entry.insertId).toMatch(/^[0-9a-f]{24}$/);
      expect(entry.logName).toMatch(
        /^projects\/shop-prod\/logs\/run\.googleapis\.com%2F(stderr|stdout|requests|varlog%2Fsystem)$/,
      );
      expect(entry.resource).toEqual({
        type: 'cloud_run_revision',
        labels: expect.objectContaining({
          project_id: 'shop-prod',
          location: 'europe-west1',
          service_name: expect.any(String),
          revision_name: expect.stringMatching(/-\d{5}-[a-z]{3}$/),
        }),
      });
    }
  });

  it('contains every part of the outage', () => {
    const texts = hour1.map((e) => JSON.stringify(e));
    const has = (pattern: RegExp) => texts.some((t) => pattern.test(t));
    const stderrTraceWithoutSeverity = hour1.some(
      (e) => e.textPayload?.includes('Traceback (most recent call last)') && e.severity === undefined,
    );
    expect(stderrTraceWithoutSeverity).toBe(true);
    expect(hour1.some((e) => e.jsonPayload?.error?.type === 'ImportError')).toBe(true);
    expect(has(/dial tcp 10\.41\.0\.\d:\d+: i\/o timeout/)).toBe(true);
    expect(has(/Container called exit\(\d\)/)).toBe(true);
    expect(has(/Default STARTUP TCP probe failed 1 time consecutively/)).toBe(true);
    expect(has(/HTTP response was malformed or connection to the instance had an error/)).toBe(true);
    expect(has(/maximum request timeout/)).toBe(true);
    expect(has(/deprecated/)).toBe(true);
    expect(has(/Memory limit of 512 MiB exceeded/)).toBe(true);
    const failingRoutes = new Set(
      records(hour1)
        .filter((r) => r.service === 'web-frontend' && (r.http?.status ?? 0) >= 500)
        .map((r) => r.http!.path.replace(/[0-9a-f-]{36}|\d+/g, '{id}')),
    );
    expect(failingRoutes.size).toBeGreaterThanOrEqual(5);
    const info = records(hour1).filter((r) => severityRank(r.severity) <= severityRank('INFO')).length;
    expect(info / hour1.length).toBeGreaterThan(0.5);
  });

  it('gives another seed other ids and revisions but the same problems', () => {
    const ids = (entries: Entry[], pick: (e: Entry) => string | undefined) =>
      new Set(entries.map(pick).filter(Boolean));
    const intersect = (a: Set<unknown>, b: Set<unknown>) => [...a].filter((x) => b.has(x));
    expect(
      intersect(
        ids(hour1, (e) => e.insertId),
        ids(hour2, (e) => e.insertId),
      ),
    ).toEqual([]);
    expect(
      intersect(
        ids(hour1, (e) => e.labels?.instanceId),
        ids(hour2, (e) => e.labels?.instanceId),
      ),
    ).toEqual([]);
    expect(
      intersect(
        ids(hour1, (e) => e.resource.labels.revision_name),
        ids(hour2, (e) => e.resource.labels.revision_name),
      ),
    ).toEqual([]);
    expect(
      [...ids(hour2, (e) => e.resource.labels.revision_name)].some((r) =>
        /^orders-api-00043-[a-z]{3}$/.test(r as string),
      ),
    ).toBe(true);
    expect(problems(hour2)).toEqual(problems(hour1));
  });

  it('matches the committed samples (regenerate with `npm run samples`)', () => {
    const samples = join(process.cwd(), 'samples');
    expect(JSON.parse(readFileSync(join(samples, 'cloud-run-outage.json'), 'utf8'))).toEqual(hour1);
    expect(JSON.parse(readFileSync(join(samples, 'cloud-run-outage-next-hour.json'), 'utf8'))).toEqual(hour2);
  });
});

describe('generateEntries', () => {
  it('yields exactly the count, deterministically, with the same mix of problems', () => {
    const first = [...generateEntries(20_000, 7, new Date('2026-11-30T09:00:00Z'))] as Entry[];
    expect(first).toHaveLength(20_000);
    expect([...generateEntries(20_000, 7, new Date('2026-11-30T09:00:00Z'))]).toEqual(first);
    expect(problems(first)).toEqual(problems(hour1));
  });
});
