// The hot path's shortcuts (bench/pipeline.ts) must give exactly what the general code gives.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLogSource } from '../src/adapters/file-logs.js';
import { parseLatency } from '../src/core/normalize/normalize-http.js';
import { parseTimestamp } from '../src/core/normalize/normalize.js';
import { parseSeverity } from '../src/core/model/severity.js';
import { redactText } from '../src/core/redact/redact.js';
import { sampledHash } from '../src/core/model/sampled-hash.js';

describe('parseTimestamp: the RFC 3339 shortcut agrees with Date.parse', () => {
  it.each([
    ['nanoseconds, Z', '2026-11-30T09:00:00.000553931Z'],
    ['milliseconds truncated, not rounded', '2026-11-30T09:00:00.123999Z'],
    ['one fraction digit', '2026-11-30T09:00:00.5Z'],
    ['no fraction', '2026-11-30T09:00:00Z'],
    ['positive offset', '2026-11-30T09:00:00.25+01:00'],
    ['negative offset', '2026-11-30T09:00:00-05:30'],
    ['February 30 rolls over', '2026-02-30T00:00:00Z'],
    ['leap day', '2024-02-29T23:59:59.999Z'],
    ['before 1970', '1969-12-31T23:59:59.999Z'],
    ['hour 24 (left to Date.parse)', '2026-11-30T24:00:00Z'],
    ['two-digit year (left to Date.parse)', '0099-01-01T00:00:00Z'],
    ['lower-case t and z (left to Date.parse)', '2026-11-30t09:00:00z'],
    ['space separator (left to Date.parse)', '2026-11-30 09:00:00Z'],
    ['second 60 (invalid)', '2026-11-30T09:00:60Z'],
    ['empty fraction (invalid)', '2026-11-30T09:00:00.Z'],
    ['offset +24:00 (invalid)', '2026-11-30T09:00:00+24:00'],
    ['trailing junk (invalid)', '2026-11-30T09:00:00Zx'],
  ])('%s', (_name, text) => {
    const expected = Date.parse(text);
    expect(parseTimestamp(text)).toBe(Number.isNaN(expected) ? undefined : expected);
  });
});

describe('parseLatency: the shortcut agrees with the general path', () => {
  const general = (value: string): number | undefined => {
    if (!value.endsWith('s')) return undefined;
    const seconds = Number(value.slice(0, -1));
    return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1e6) / 1e3 : undefined;
  };
  it.each([
    '0.020174s',
    '1.5s',
    '12s',
    '0.000001s',
    '0.0000005s',
    '999999999.999999s',
    '9999999999.5s',
    '.5s',
    '1.s',
    '1e3s',
    ' 1s',
    '-1s',
    's',
    '0.5',
  ])('%s', (text) => {
    expect(parseLatency(text)).toBe(general(text));
  });
});

describe('parseSeverity returns the canonical name', () => {
  it.each([
    ['ERROR', 'ERROR'],
    ['error', 'ERROR'],
    ['Warning', 'WARNING'],
    ['warn', 'WARNING'],
    ['500', 'ERROR'],
    ['', 'DEFAULT'],
    ['constructor', 'DEFAULT'],
  ])('%s → %s', (text, expected) => {
    expect(parseSeverity(text, false)).toBe(expected);
  });
});

describe('redactText: a remembered result is the result', () => {
  const OFF = { ips: false };
  it.each([
    ['a secret value', 'login failed: password=hunter2hunter2'],
    ['a URL with a session path but no key=value', 'https://auth-service.example/v1/sessions/42'],
    ['a user agent', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)'],
    ['an e-mail', 'sent to jane.doe@example.com'],
    ['a key glued after an AWS key', `${'AK'}${'IA'}IOSFODNN7EXAMPLEauth: opensesame`],
  ])('%s', (_name, text) => {
    const first = redactText(text, OFF);
    // The same text again, as a distinct string object: served from the table.
    const again = redactText(text.split('').join(''), OFF);
    expect(again).toBe(first);
  });

  it('keeps texts of the same length and shape apart', () => {
    const a = redactText('token=aaaaaaaaaaaa1 ok', OFF);
    const b = redactText('token=aaaaaaaaaaaa2 ok', OFF);
    expect(a).toBe('token=[REDACTED:secret-value] ok');
    expect(b).toBe('token=[REDACTED:secret-value] ok');
    expect(redactText('x-aaaaaaaaaaaaaaaaa-1', OFF)).toBe('x-aaaaaaaaaaaaaaaaa-1');
  });
});

describe('FileLogSource.readBatches', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hot-path-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      'NDJSON with a bad line',
      (n: number) => Array.from({ length: n }, (_, i) => (i === 7 ? '{bad' : JSON.stringify({ i }))).join('\n'),
    ],
    [
      'a JSON array',
      (n: number) =>
        JSON.stringify(
          Array.from({ length: n }, (_, i) => ({ i })),
          null,
          2,
        ),
    ],
  ])('%s: the same entries as read()', async (_name, content) => {
    const path = join(dir, `${_name.replace(/\W+/g, '-')}.json`);
    writeFileSync(path, content(20_000));
    const one: unknown[] = [];
    for await (const value of new FileLogSource(path).read()) one.push(value);
    const batched: unknown[] = [];
    for await (const batch of new FileLogSource(path).readBatches()) batched.push(...batch);
    expect(batched).toEqual(one);
    expect(one.length).toBeGreaterThan(19_000);
  });
});

describe('sampledHash: texts of one trace that differ only in a value at the end', () => {
  it('land in different slots when the tail is read', () => {
    const trace = (value: string) =>
      `  File "/app/parse.py", line 41\nValueError: invalid literal for int(): '${value}'`;
    const values = ['1.5e3', '12,50', 'N/A', 'null', '', '—'];
    const slots = new Set(values.map((v) => sampledHash(trace(v), 16, 0, 16) & 1023));
    expect(slots.size).toBe(values.length);
    // The same text always hashes the same, whatever string object holds it.
    expect(sampledHash(trace('x'), 16, 0, 16)).toBe(sampledHash(`${trace('')}`.replace("''", "'x'"), 16, 0, 16));
  });
});
