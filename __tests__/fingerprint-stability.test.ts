/**
 * One problem, one issue, forever: the same incident in another hour (other ids, times,
 * revisions, instances and numbers) gives the same fingerprints, whatever the input order.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResult } from '../src/core/model/run-result.js';
import { gardenFile } from '../test/run-garden.js';
import { shuffled } from '../test/fixtures/shuffle.js';

const HOUR_0 = 'samples/cloud-run-outage.json';
const HOUR_1 = 'samples/cloud-run-outage-next-hour.json';

const byFingerprint = (result: RunResult) => new Map(result.clusters.map((c) => [c.fingerprint, c]));

describe('fingerprints across windows', () => {
  let first: RunResult;
  let second: RunResult;
  beforeAll(async () => {
    [first, second] = await Promise.all([gardenFile(HOUR_0), gardenFile(HOUR_1)]);
  });

  it('finds the incident’s problems in both hours', () => {
    expect(first.clusters.length).toBeGreaterThanOrEqual(10);
    expect(second.clusters.length).toBe(first.clusters.length);
  });

  it('gives every problem the same fingerprint and title in the next hour', () => {
    const next = byFingerprint(second);
    const missing = first.clusters.filter((c) => !next.has(c.fingerprint)).map((c) => c.title);
    expect(missing).toEqual([]);
    for (const c of first.clusters) expect(next.get(c.fingerprint)!.title).toBe(c.title);
  });

  it('does not let ids, revisions or instances into a fingerprint', () => {
    const revisions = new Set(first.clusters.flatMap((c) => c.revisions));
    const nextRevisions = new Set(second.clusters.flatMap((c) => c.revisions));
    expect([...revisions].some((r) => !nextRevisions.has(r))).toBe(true); // the hours really differ
  });
});

describe('input order', () => {
  it('shuffling the entries changes no fingerprint and no membership', async () => {
    const entries = shuffled(JSON.parse(readFileSync(HOUR_0, 'utf8')) as { insertId: string }[], 7);
    const shuffledFile = join(mkdtempSync(join(tmpdir(), 'lg-shuffle-')), 'shuffled.json');
    writeFileSync(shuffledFile, JSON.stringify(entries));
    const [original, reordered] = await Promise.all([gardenFile(HOUR_0), gardenFile(shuffledFile)]);
    const members = (r: RunResult) =>
      new Map(r.clusters.map((c) => [c.fingerprint, [...c.insertIds].sort().join(',')]));
    expect(members(reordered)).toEqual(members(original));
  });
});

describe('a logs-file read whole, narrowed here', () => {
  it('keeps only the named services, and says how many entries it left out', async () => {
    const result = await gardenFile(HOUR_0, { services: 'auth-service' });
    expect(new Set(result.clusters.flatMap((c) => c.services))).toEqual(new Set(['auth-service']));
    expect(result.notes.join('\n')).toMatch(/[\d,]+ entries of the file were left out: not one of the services/);
  });

  it('takes the project of its Logs Explorer links from the entries when project-id is not given', async () => {
    const result = await gardenFile(HOUR_0);
    expect(result.projectId).toMatch(/^[a-z][a-z0-9-]+$/);
    for (const url of Object.values(result.logsLinks)) expect(url).toContain(`?project=${result.projectId}`);
  });

  it('keeps only entries inside since/until', async () => {
    const result = await gardenFile(HOUR_0, { since: '2026-11-30T09:30:00Z', until: '2026-11-30T09:40:00Z' });
    for (const c of result.clusters) {
      expect(c.firstSeen).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 30, 9, 30));
      expect(c.lastSeen).toBeLessThan(Date.UTC(2026, 10, 30, 9, 40));
    }
    expect(result.window).toEqual({ start: Date.UTC(2026, 10, 30, 9, 30), end: Date.UTC(2026, 10, 30, 9, 40) });
  });
});
