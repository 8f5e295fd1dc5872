/**
 * The worklog's timeline: a Mermaid `xychart-beta` line chart (renders natively on GitHub) of
 * the top problems per minute, with a legend table underneath because xychart draws none.
 * Line colours are pinned with `plotColorPalette` so the legend can name them.
 */
import type { RankedCluster } from '../model/cluster-types.js';
import { formatClusterCount, formatCount, formatIso, table } from '../markdown/format.js';
import { safeText } from '../markdown/safe-markdown.js';

export const MAX_SERIES = 5;
export const MAX_POINTS = 120;
const MINUTE = 60_000;
/** Bucket sizes in minutes: the first that keeps the x axis within MAX_POINTS wins. */
const BUCKETS = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];
const PALETTE = [
  { hex: '#d62728', name: '🟥 red' },
  { hex: '#1f77b4', name: '🟦 blue' },
  { hex: '#2ca02c', name: '🟩 green' },
  { hex: '#ff7f0e', name: '🟧 orange' },
  { hex: '#9467bd', name: '🟪 purple' },
];

/** A quoted Mermaid string: quotes, backslashes, backticks and line breaks cannot survive. */
export function mermaidLabel(text: string): string {
  const clean = text
    .replace(/\s+/g, ' ')
    .replace(/["'`\\\u0000-\u001f\u007f;#%{}]/g, '')
    .replace(/ +/g, ' ')
    .trim();
  return `"${clean}"`;
}

/** The bucket width in minutes for a window: 1 min up to 2 h, then coarser. */
export function chooseBucketMinutes(spanMs: number): number {
  const minutes = Math.max(1, Math.ceil(spanMs / MINUTE));
  return BUCKETS.find((b) => Math.ceil(minutes / b) <= MAX_POINTS) ?? BUCKETS[BUCKETS.length - 1];
}

interface Series {
  cluster: RankedCluster;
  values: number[];
}

function bucketise(clusters: RankedCluster[], start: number, bucketMs: number, points: number): Series[] {
  return clusters.map((cluster) => {
    const values = new Array<number>(points).fill(0);
    for (const [minute, n] of cluster.perMinute) {
      const i = Math.min(points - 1, Math.max(0, Math.floor((minute - start) / bucketMs)));
      values[i] += n;
    }
    return { cluster, values };
  });
}

function axisLabel(ms: number, multiDay: boolean): string {
  const iso = formatIso(ms);
  return multiDay ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

/** Rounds a maximum up to a round step (…, 200, 250, 300, 400, 500, …) so the y axis reads cleanly. */
export function niceCeiling(n: number): number {
  if (n <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  return [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * power).find((v) => v >= n) ?? n;
}

/** Markdown: the chart and its legend, or a line saying there is nothing to draw. */
export function renderTimeline(clusters: RankedCluster[], window: { start: number; end: number }): string {
  const top = clusters.filter((c) => !c.ignored && c.perMinute.size > 0).slice(0, MAX_SERIES);
  if (top.length === 0) return '_No problem entries to chart in this window._';

  const start = Math.floor(window.start / MINUTE) * MINUTE;
  const span = Math.max(MINUTE, window.end - start);
  const bucketMinutes = chooseBucketMinutes(span);
  const bucketMs = bucketMinutes * MINUTE;
  const points = Math.max(1, Math.ceil(span / bucketMs));
  const series = bucketise(top, start, bucketMs, points);
  const multiDay = formatIso(window.start).slice(0, 10) !== formatIso(window.end - 1).slice(0, 10);
  const labels = Array.from({ length: points }, (_, i) => mermaidLabel(axisLabel(start + i * bucketMs, multiDay)));
  const peak = Math.max(1, ...series.flatMap((s) => s.values));
  const unit = bucketMinutes === 1 ? 'minute' : `${bucketMinutes} min`;
  const palette = PALETTE.slice(0, series.length)
    .map((p) => p.hex)
    .join(', ');

  const chart = [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    'xychart-beta',
    `    title ${mermaidLabel(`Entries per ${unit}, top ${series.length} problems (UTC)`)}`,
    `    x-axis [${labels.join(', ')}]`,
    `    y-axis ${mermaidLabel(`entries per ${unit}`)} 0 --> ${niceCeiling(peak)}`,
    ...series.map((s) => `    line [${s.values.join(', ')}]`),
    '```',
  ].join('\n');

  const legend = table(
    ['Line', 'Priority', 'Problem', 'Entries', `Peak per ${unit}`],
    series.map((s, i) => [
      PALETTE[i].name,
      s.cluster.priority,
      safeText(s.cluster.title, 120),
      formatClusterCount(s.cluster),
      formatCount(Math.max(...s.values)),
    ]),
  );
  const notes: string[] = [];
  if (bucketMinutes > 1) notes.push(`Counts are bucketed to ${bucketMinutes} minutes to keep the chart readable.`);
  if (top.some((c) => c.estimated))
    notes.push('Lines are drawn from sampled entries: the shape is reliable, the totals in the legend are estimates.');
  return [chart, legend, ...notes.map((n) => `_${n}_`)].join('\n\n');
}
