/**
 * The one format module serves issue text and the worklog. Where the two must read differently,
 * one function takes an option; these tables pin both forms side by side.
 */
import {
  bucketCounts,
  chooseBucketMinutes,
  formatCount,
  formatDuration,
  formatIso,
  formatShare,
} from '../src/core/markdown/format.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatCount', () => {
  // Written out to keep ICU's number data out of start-up; Intl stays the oracle.
  const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  it.each([
    ['zero', 0, '0'],
    ['three digits', 999, '999'],
    ['a thousand', 1000, '1,000'],
    ['a count', 14203, '14,203'],
    ['millions', 1234567, '1,234,567'],
    ['half rounds up', 2.5, '3'],
    ['negative half rounds away from zero', -2.5, '-3'],
    ['a small negative', -0.4, '-0'],
    ['negative zero', -0, '-0'],
    ['largest safe integer', Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991'],
    ['beyond 1e21', 1.5e21, '1,500,000,000,000,000,000,000'],
    ['infinity', Infinity, '∞'],
    ['minus infinity', -Infinity, '-∞'],
    ['not a number', NaN, 'NaN'],
  ])('%s: %s → %s, as Intl formats it', (_name, n, text) => {
    expect(formatCount(n)).toBe(text);
    expect(formatCount(n)).toBe(intl.format(n));
  });

  it('agrees with Intl on random numbers of every size', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5_000; i++) {
      const n = (random() - 0.3) * 10 ** Math.floor(random() * 17);
      expect(formatCount(n)).toBe(intl.format(n));
    }
  });
});

describe('formatShare', () => {
  it.each([
    ['zero', 0, '0.0%', '0.0%'],
    ['tiny', 0.0005, '<0.1%', '0.05%'],
    ['just under 0.1%', 0.00099, '<0.1%', '0.10%'],
    ['0.1%', 0.001, '0.1%', '0.1%'],
    ['a share', 0.1234, '12.3%', '12.3%'],
    ['all', 1, '100.0%', '100.0%'],
  ])('%s: worklog %s, issue %s', (_name, fraction, worklog, issue) => {
    expect([formatShare(fraction), formatShare(fraction, { tiny: 'exact' })]).toEqual([worklog, issue]);
  });
});

describe('formatIso', () => {
  const at = Date.UTC(2026, 10, 30, 9, 0, 7);
  it.each([
    ['on the second', at, '2026-11-30T09:00:07Z', '2026-11-30T09:00:07Z'],
    ['with milliseconds', at + 250, '2026-11-30T09:00:07.250Z', '2026-11-30T09:00:07Z'],
  ])('%s', (_name, ms, worklog, issue) => {
    expect([formatIso(ms), formatIso(ms, { milliseconds: 'never' })]).toEqual([worklog, issue]);
  });
});

describe('formatDuration', () => {
  it.each([
    ['zero', 0, '0 s', '0s'],
    ['seconds', 45_000, '45 s', '45s'],
    ['a minute and a half', 90_000, '2 min', '1m 30s'],
    ['an hour and a half', 90 * MINUTE, '1 h 30 min', '1h 30m'],
    ['a day, an hour and five minutes', DAY + HOUR + 5 * MINUTE, '1 d 1 h', '1d 1h'],
    ['a day and five minutes', DAY + 5 * MINUTE, '1 d', '1d 5m'],
    ['fourteen days', 14 * DAY, '14 d', '14d'],
  ])('%s: worklog %s, issue %s', (_name, ms, prose, input) => {
    expect([formatDuration(ms), formatDuration(ms, { style: 'input' })]).toEqual([prose, input]);
  });
});

describe('timeline buckets', () => {
  it.each([
    ['1 h in 12 columns', HOUR, 12, 5],
    ['1 h in 120 points', HOUR, 120, 1],
    ['1 d in 12 columns', DAY, 12, 120],
    ['1 d in 120 points', DAY, 120, 15],
  ])('%s → %i-minute buckets', (_name, span, max, minutes) => {
    expect(chooseBucketMinutes(span, max)).toBe(minutes);
  });

  const perMinute = new Map([
    [-MINUTE, 1],
    [0, 2],
    [5 * MINUTE, 3],
    [20 * MINUTE, 4],
  ]);
  it.each([
    ['drop', [2, 3]],
    ['clamp', [3, 7]],
  ] as const)('minutes outside the buckets: %s', (outside, expected) => {
    expect(bucketCounts(perMinute, { start: 0, bucketMs: 5 * MINUTE, points: 2, outside })).toEqual(expected);
  });
});
