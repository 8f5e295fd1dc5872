import { bucketCounts, chooseBucketMinutes, formatBucketStart, formatCount } from '../markdown/format.js';

/**
 * A small occurrence timeline for an issue body: at most MAX_COLUMNS buckets across the run's
 * window, drawn as a sparkline (renders everywhere, unlike images, and never runs off the page).
 */
const MAX_COLUMNS = 12;
const SPARKS = '▁▂▃▄▅▆▇█';
const MINUTE = 60_000;

export interface TimelineBucket {
  start: number;
  count: number;
}

/** Buckets aligned to their width (a 15-minute bucket starts at :00, :15, …) across the window. */
export function bucketTimeline(
  perMinute: Map<number, number>,
  window: { start: number; end: number },
): TimelineBucket[] {
  const bucketMs = chooseBucketMinutes(window.end - window.start, MAX_COLUMNS) * MINUTE;
  const first = Math.floor(window.start / bucketMs) * bucketMs;
  // An unaligned window can need one column more than MAX_COLUMNS.
  const points = Math.min(MAX_COLUMNS + 1, Math.ceil((window.end - first) / bucketMs));
  const counts = bucketCounts(perMinute, { start: first, bucketMs, points, outside: 'drop' });
  return counts.map((count, i) => ({ start: first + i * bucketMs, count }));
}

export function sparkline(counts: number[]): string {
  const max = Math.max(0, ...counts);
  return counts
    .map((n) =>
      max === 0 || n === 0 ? '·' : SPARKS[Math.min(SPARKS.length - 1, Math.floor((n / max) * (SPARKS.length - 1)))],
    )
    .join('');
}

/**
 * The timeline as one line: the sparkline between the window's bounds, the bucket size and the
 * peak. A wide table of buckets ran off the page on GitHub; one line of text fits anywhere.
 */
export function renderTimeline(perMinute: Map<number, number>, window: { start: number; end: number }): string {
  const buckets = bucketTimeline(perMinute, window);
  if (buckets.length === 0) return '';
  const size = chooseBucketMinutes(window.end - window.start, MAX_COLUMNS);
  const longSpan = window.end - window.start > 86_400_000;
  const peak = buckets.reduce((best, b) => (b.count > best.count ? b : best), buckets[0]!);
  const from = formatBucketStart(buckets[0]!.start, longSpan);
  const to = formatBucketStart(window.end, longSpan);
  const peakText =
    peak.count > 0 ? `; peak ${formatCount(peak.count)} at ${formatBucketStart(peak.start, longSpan)}` : '';
  return `\`${sparkline(buckets.map((b) => b.count))}\` ${from} → ${to} UTC (${size}-minute buckets${peakText})`;
}
