import { formatCount } from './issue-format.js';

/**
 * A small occurrence timeline for an issue body: at most MAX_COLUMNS buckets across the run's
 * window, as a two-row table (renders everywhere, unlike images) and a sparkline.
 */
const MAX_COLUMNS = 12;
const BUCKET_MINUTES = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];
const SPARKS = '▁▂▃▄▅▆▇█';
const MINUTE = 60_000;

export function chooseBucketMinutes(spanMs: number): number {
  const minutes = Math.max(1, Math.ceil(spanMs / MINUTE));
  return (
    BUCKET_MINUTES.find((size) => Math.ceil(minutes / size) <= MAX_COLUMNS) ?? BUCKET_MINUTES[BUCKET_MINUTES.length - 1]
  );
}

export interface TimelineBucket {
  start: number;
  count: number;
}

export function bucketTimeline(
  perMinute: Map<number, number>,
  window: { start: number; end: number },
): TimelineBucket[] {
  const size = chooseBucketMinutes(window.end - window.start) * MINUTE;
  const first = Math.floor(window.start / size) * size;
  const buckets: TimelineBucket[] = [];
  for (let start = first; start < window.end && buckets.length < MAX_COLUMNS + 1; start += size) {
    buckets.push({ start, count: 0 });
  }
  for (const [minute, n] of perMinute) {
    const index = Math.floor((minute - first) / size);
    if (index >= 0 && index < buckets.length) buckets[index].count += n;
  }
  return buckets;
}

function bucketLabel(start: number, longSpan: boolean): string {
  const iso = new Date(start).toISOString();
  return longSpan ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

export function sparkline(counts: number[]): string {
  const max = Math.max(0, ...counts);
  return counts
    .map((n) =>
      max === 0 || n === 0 ? '·' : SPARKS[Math.min(SPARKS.length - 1, Math.floor((n / max) * (SPARKS.length - 1)))],
    )
    .join('');
}

export function renderTimeline(perMinute: Map<number, number>, window: { start: number; end: number }): string {
  const buckets = bucketTimeline(perMinute, window);
  if (buckets.length === 0) return '';
  const size = chooseBucketMinutes(window.end - window.start);
  const longSpan = window.end - window.start > 86_400_000;
  const header = `| UTC (${size}-minute buckets) | ${buckets.map((b) => bucketLabel(b.start, longSpan)).join(' | ')} |`;
  const align = `|---|${buckets.map(() => '---:').join('|')}|`;
  const row = `| occurrences | ${buckets.map((b) => formatCount(b.count)).join(' | ')} |`;
  return `${header}\n${align}\n${row}\n\nTrend: \`${sparkline(buckets.map((b) => b.count))}\``;
}
