/**
 * The worklog's timeline: a Mermaid `xychart-beta` line chart (renders natively on GitHub) of
 * the top problems per minute, with a legend table underneath because xychart draws none.
 * Line colours are pinned with `plotColorPalette` so the legend can name them.
 */
import type { RankedCluster } from '../model/cluster-types.js';
import {
  bucketCounts,
  chooseBucketMinutes,
  formatBucketStart,
  formatClusterCount,
  formatCount,
  formatIso,
  table,
} from '../markdown/format.js';
import { safeText } from '../markdown/safe-markdown.js';

export const MAX_SERIES = 5;
export const MAX_POINTS = 120;
const MINUTE = 60_000;
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
  // 1-minute buckets up to 2 h, then coarser.
  const bucketMinutes = chooseBucketMinutes(span, MAX_POINTS);
  const bucketMs = bucketMinutes * MINUTE;
  const points = Math.max(1, Math.ceil(span / bucketMs));
  // Every entry of the window lands in one point, even one logged a little outside it.
  const series = top.map((cluster) => ({
    cluster,
    values: bucketCounts(cluster.perMinute, { start, bucketMs, points, outside: 'clamp' }),
  }));
  const multiDay = formatIso(window.start).slice(0, 10) !== formatIso(window.end - 1).slice(0, 10);
  const labels = Array.from({ length: points }, (_, i) =>
    mermaidLabel(formatBucketStart(start + i * bucketMs, multiDay)),
  );
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
