/**
 * The one set of formatting helpers for everything rendered: issue title, body and comments, the
 * worklog, the job summary and both timelines. Fixed locale and UTC so the output is the same on
 * every runner and golden files stay stable.
 *
 * Counts read the same everywhere. Shares, times and durations deliberately do not: an issue is
 * read on its own, long after the run, so it shows a tiny share exactly (`0.05%`), times to the
 * second and durations as they are written in inputs (`14d`); the worklog is read next to its
 * tables, so it shows `<0.1%`, keeps milliseconds that matter and spells durations out. Each of
 * these is one function whose option says which; the worklog's form is the default.
 */
import type { Priority, RankedCluster } from '../model/cluster-types.js';
import type { IssueAction } from '../model/issue-types.js';
import { SEVERITIES, type Severity } from '../model/log-record.js';
import { safeText } from './safe-markdown.js';

/**
 * 14203 → `14,203`: rounded to a whole number, half away from zero, grouped by threes, as
 * `Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })` formats it. Written out because
 * creating that formatter loads ICU's number data: ~20 ms of every run's start-up in the worker.
 */
export function formatCount(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  const whole = Math.round(Math.abs(n));
  if (whole === Infinity) return `${sign}∞`;
  if (whole >= 1e21) return n.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const digits = String(whole);
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return `${sign}${out}`;
}

/** A cluster count, `≈` in front when scaled up from a sample. */
export function formatClusterCount(cluster: { count: number; estimated: boolean }): string {
  return `${cluster.estimated ? '≈' : ''}${formatCount(cluster.count)}`;
}

/**
 * 0.1234 → `12.3%`. A tiny non-zero share (under 0.1%) stays visible: as `<0.1%` by default, or
 * to two decimals (`0.05%`) with `tiny: 'exact'`.
 */
export function formatShare(fraction: number, options: { tiny?: 'below' | 'exact' } = {}): string {
  const tiny = fraction > 0 && fraction < 0.001;
  if (tiny && options.tiny !== 'exact') return '<0.1%';
  return `${(fraction * 100).toFixed(tiny ? 2 : 1)}%`;
}

/**
 * `2026-11-30T09:00:00Z`: ISO 8601, UTC. Milliseconds are kept when they are not zero, or never
 * with `milliseconds: 'never'` (to the second: stable, sortable, unambiguous).
 */
export function formatIso(ms: number, options: { milliseconds?: 'non-zero' | 'never' } = {}): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') || options.milliseconds === 'never' ? `${iso.slice(0, 19)}Z` : iso;
}

/** `09:00 UTC`, or `09:00:07 UTC` when seconds matter. */
export function formatClock(ms: number, withSeconds = false): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(11, withSeconds ? 19 : 16)} UTC`;
}

/** `2026-11-30 09:00–10:00 UTC`; both dates when the range crosses midnight. */
export function formatRange(start: number, end: number): string {
  const seconds = new Date(start).getUTCSeconds() !== 0 || new Date(end).getUTCSeconds() !== 0;
  const a = new Date(start).toISOString();
  const b = new Date(end).toISOString();
  const len = seconds ? 19 : 16;
  const sameDay = a.slice(0, 10) === b.slice(0, 10);
  return sameDay
    ? `${a.slice(0, 10)} ${a.slice(11, len)}–${b.slice(11, len)} UTC`
    : `${a.slice(0, 10)} ${a.slice(11, len)} – ${b.slice(0, 10)} ${b.slice(11, len)} UTC`;
}

/** Unit sizes and how inputs write them (`14d`, `1h 30m`). */
const DURATION_UNITS = [
  { size: 86_400_000, symbol: 'd' },
  { size: 3_600_000, symbol: 'h' },
  { size: 60_000, symbol: 'm' },
  { size: 1000, symbol: 's' },
] as const;

/** Whole days, hours, minutes and seconds of a non-negative duration, largest first. */
function durationParts(ms: number): number[] {
  let rest = Math.max(0, Math.round(ms));
  return DURATION_UNITS.map(({ size }) => {
    const n = Math.floor(rest / size);
    rest -= n * size;
    return n;
  });
}

/**
 * A duration, in one of two styles:
 * - `prose` (default): `45 s`, `1 h 30 min`, `2 d 3 h`: rounded to the minute from a minute up,
 *   the two largest units (minutes dropped once there are days);
 * - `input`: `14d`, `1h 30m`, `1m 30s`: as a duration is written in inputs (reopen-window,
 *   close-after), the two largest non-zero units, cut rather than rounded.
 */
export function formatDuration(ms: number, options: { style?: 'prose' | 'input' } = {}): string {
  if (options.style === 'input') {
    const parts = durationParts(ms)
      .map((n, i) => (n > 0 ? `${n}${DURATION_UNITS[i].symbol}` : ''))
      .filter(Boolean);
    return parts.slice(0, 2).join(' ') || '0s';
  }
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const [d, h, m] = durationParts(Math.round(totalSeconds / 60) * 60_000);
  const parts = [d ? `${d} d` : '', h ? `${h} h` : '', m && !d ? `${m} min` : ''].filter(Boolean);
  return parts.join(' ') || '0 min';
}

const MINUTE = 60_000;
/** Bucket widths in minutes a timeline may use, finest first. */
const BUCKET_MINUTES = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

/** The finest bucket width, in minutes, that covers `spanMs` in at most `maxBuckets` buckets. */
export function chooseBucketMinutes(spanMs: number, maxBuckets: number): number {
  const minutes = Math.max(1, Math.ceil(spanMs / MINUTE));
  return (
    BUCKET_MINUTES.find((size) => Math.ceil(minutes / size) <= maxBuckets) ?? BUCKET_MINUTES[BUCKET_MINUTES.length - 1]
  );
}

/**
 * Per-minute counts summed into `points` buckets of `bucketMs` from `start`. A minute outside
 * them is dropped, or with `outside: 'clamp'` counted in the first or last bucket.
 */
export function bucketCounts(
  perMinute: Map<number, number>,
  buckets: { start: number; bucketMs: number; points: number; outside?: 'drop' | 'clamp' },
): number[] {
  const { start, bucketMs, points } = buckets;
  const counts = new Array<number>(Math.max(0, points)).fill(0);
  for (const [minute, n] of perMinute) {
    const index = Math.floor((minute - start) / bucketMs);
    if (buckets.outside === 'clamp') counts[Math.min(points - 1, Math.max(0, index))] += n;
    else if (index >= 0 && index < points) counts[index] += n;
  }
  return counts;
}

/** A bucket's start on a timeline axis: `09:15`, or `11-30 09:15` when the axis spans days. */
export function formatBucketStart(ms: number, withDate: boolean): string {
  const iso = new Date(ms).toISOString();
  return withDate ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

/** First/last seen within the window: clock times when the window is one day, else ISO. */
export function formatSeen(ms: number, window: { start: number; end: number }): string {
  const sameDay = formatIso(window.start).slice(0, 10) === formatIso(window.end).slice(0, 10);
  return sameDay ? formatClock(ms) : `${formatIso(ms).slice(0, 16).replace('T', ' ')} UTC`;
}

/** `3 ERROR · 1 CRITICAL`, highest severity first; `–` when empty. */
export function formatSeverityCounts(counts: Partial<Record<Severity, number>>): string {
  const parts = [...SEVERITIES]
    .reverse()
    .filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${formatCount(counts[s] ?? 0)} ${s}`);
  return parts.length ? parts.join(' · ') : '–';
}

/** A list of log-derived names, inert, with `+N more` past `max`. */
export function formatNames(names: string[], max = 5): string {
  if (names.length === 0) return '–';
  const shown = names.slice(0, max).map((n) => safeText(n, 80));
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} +${rest} more` : shown.join(', ');
}

/**
 * Only http(s) URLs, with the characters that end a markdown link destination encoded, so a
 * link we build (issue, Logs Explorer, run) cannot break the line it is in.
 */
export function safeUrl(url: string): string {
  if (!/^https?:\/\//i.test(url)) return '';
  return url.replace(/[\s()<>[\]`"']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `[label](url)`, or the bare label when there is no usable URL. */
export function link(label: string, url: string | undefined): string {
  const href = url ? safeUrl(url) : '';
  return href ? `[${label}](${href})` : label;
}

/** A markdown table from a header and rows of already-safe cells. */
export function table(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

/** Clusters that count as problems (ignored noise is listed apart). */
export function problemClusters(clusters: RankedCluster[]): RankedCluster[] {
  return clusters.filter((c) => !c.ignored);
}

/** The plan's action for a cluster (the first one; plan emits at most one per fingerprint). */
export function actionFor(actions: IssueAction[], fingerprint: string): IssueAction | undefined {
  return actions.find((a) => a.fingerprint === fingerprint);
}

const PAST: Record<IssueAction['action'], string> = {
  create: 'opened',
  update: 'updated',
  comment: 'commented',
  reopen: 'reopened',
  close: 'closed',
  none: 'unchanged',
  skip: 'skipped',
};
/** The plan's words for people: the same in a dry run and a real one (DESIGN §3). */
const IMPERATIVE: Record<IssueAction['action'], string> = {
  create: 'open',
  update: 'update',
  comment: 'comment',
  reopen: 'reopen',
  close: 'close',
  none: 'none',
  skip: 'skip',
};
const FUTURE: Record<IssueAction['action'], string> = {
  create: 'would open',
  update: 'would update',
  comment: 'would comment',
  reopen: 'would reopen',
  close: 'would close',
  none: 'unchanged',
  skip: 'skipped',
};

/** The issue cell of a problem row: link plus what happened to it in this run. */
export function formatIssueCell(
  cluster: RankedCluster,
  result: { actions: IssueAction[]; issueLinks: Record<string, { number: number; url: string }>; dryRun: boolean },
): string {
  const action = actionFor(result.actions, cluster.fingerprint);
  const known = result.issueLinks[cluster.fingerprint];
  const number = known?.number ?? action?.issueNumber;
  const url = known?.url ?? action?.url;
  const ref = number !== undefined ? link(`#${number}`, url) : '';
  if (!action) return ref || '–';
  const verb =
    action.status === 'failed'
      ? `**${IMPERATIVE[action.action]} failed**`
      : (result.dryRun ? FUTURE : PAST)[action.action];
  return ref ? `${ref} (${verb})` : verb;
}

/** `open`, `reopen`, … for the actions table, whose Status column says what came of it. */
export function actionVerb(action: IssueAction): string {
  return IMPERATIVE[action.action];
}

/** Counts of problems per priority, e.g. `2 P0, 1 P1`. */
export function countByPriority(clusters: RankedCluster[], priorities: Priority[]): string {
  return priorities
    .map((p) => [p, clusters.filter((c) => c.priority === p).length] as const)
    .filter(([, n]) => n > 0)
    .map(([p, n]) => `${n} ${p}`)
    .join(', ');
}
