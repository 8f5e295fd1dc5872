/**
 * The worklog's Deploy verdict (issue 14), first after the heading when a baseline is set: the
 * gate's verdict and why, the new and worse problems with the revision and commit that brought
 * them, the problems gone, the 5xx per service before → after, and a one-line count of the
 * pre-existing problems, so nothing the gate left out is hidden.
 */
import type { RankedCluster } from '../model/cluster-types.js';
import type { Comparison, RequestCounts, Verdict } from '../model/comparison-types.js';
import type { RunResult } from '../model/run-result.js';
import { describeTitle, formatRate, shortCommit } from '../compare/verdict.js';
import type { Incident } from '../model/incident-types.js';
import { inlineCode, safeText } from '../markdown/safe-markdown.js';
import { countByPriority, formatClock, formatCount, formatDuration, formatRange, table } from '../markdown/format.js';

const CALLOUT: Record<Verdict['status'], string> = { fail: 'CAUTION', pass: 'TIP', none: 'NOTE' };
const MAX_ROWS = 20;

function describeVerdict(verdict: Verdict | undefined): string[] {
  if (!verdict || verdict.status === 'none')
    return ['> [!NOTE]', '> **No gate:** `fail-on` is not set, so this comparison fails nothing.'];
  const word = verdict.status === 'fail' ? '**Fail**' : '**Pass**';
  const scope =
    verdict.scope === 'changed'
      ? 'counting only problems new or worse than the baseline (`fail-on-scope: changed`)'
      : 'counting every problem (`fail-on-scope: all`)';
  return [
    `> [!${CALLOUT[verdict.status]}]`,
    `> ${word} — \`fail-on: ${verdict.failOn}\`, ${scope}.`,
    '>',
    ...verdict.reasons.slice(0, MAX_ROWS).map((r) => `> - ${safeText(r, 400)}`),
  ];
}

function describeBaseline(comparison: Comparison): string {
  const { covered } = comparison;
  const estimated = comparison.estimated ? ' (estimated from a sample)' : '';
  return `Compared with the baseline ${formatRange(covered.start, covered.end)} (${formatDuration(covered.end - covered.start)}): ${formatCount(comparison.entries)} entries read, ${formatCount(comparison.analysed)} analysed${estimated}. Rates are entries per minute, so windows of different lengths compare.`;
}

function revisionCell(cluster: RankedCluster): string {
  const change = cluster.change!;
  if (change.newRevisions.length === 0) return cluster.revisions.length ? 'also before the deploy' : '–';
  const names = change.newRevisions.slice(0, 3).map((r) => inlineCode(r, 80));
  return `${change.startedWithRevision ? 'started with' : 'also on'} ${names.join(', ')}`;
}

/** Problems of one incident together, its root first; `↳` marks a symptom of the row's incident. */
function byIncident(changed: RankedCluster[], incidents: Incident[]): { cluster: RankedCluster; symptom: boolean }[] {
  const place = new Map<string, [number, number]>();
  incidents.forEach((incident, i) => incident.members.forEach((f, j) => place.set(f, [i, j])));
  const key = (c: RankedCluster) => place.get(c.fingerprint) ?? [Infinity, 0];
  const sorted = changed
    .map((cluster, order) => ({ cluster, order }))
    .sort(
      (a, b) => key(a.cluster)[0] - key(b.cluster)[0] || key(a.cluster)[1] - key(b.cluster)[1] || a.order - b.order,
    );
  return sorted.map(({ cluster }, i) => ({
    cluster,
    symptom: i > 0 && key(cluster)[0] !== Infinity && key(cluster)[0] === key(sorted[i - 1]!.cluster)[0],
  }));
}

function renderChanged(changed: RankedCluster[], incidents: Incident[]): string[] {
  if (changed.length === 0)
    return ['### New and worse', '', 'None: every problem of the window was there before, no worse.'];
  const rows = byIncident(changed, incidents)
    .slice(0, MAX_ROWS)
    .map(({ cluster: c, symptom }) => {
      const change = c.change!;
      return [
        `**${change.change}**`,
        `**${c.priority}**`,
        `${symptom ? '↳ ' : ''}${safeText(describeTitle(c), 160)}`,
        c.services.map((s) => safeText(s, 60)).join(', ') || '–',
        `${formatRate(change.rate)}/min`,
        change.baselineCount > 0 ? `${formatRate(change.baselineRate)}/min` : '–',
        revisionCell(c),
        change.commits.length
          ? change.commits
              .slice(0, 3)
              .map((sha) => inlineCode(shortCommit(sha)))
              .join(', ')
          : '–',
      ];
    });
  const more =
    changed.length > MAX_ROWS ? ['', `… and ${formatCount(changed.length - MAX_ROWS)} more in Problems.`] : [];
  const grouped =
    incidents.length > 0 ? ['', '_↳ explained by the problem above it (one incident, root cause first)._'] : [];
  return [
    '### New and worse',
    '',
    table(['Change', 'Priority', 'Problem', 'Service', 'Now', 'Before', 'Revision', 'Commit'], rows),
    ...grouped,
    ...more,
  ];
}

function renderGone(comparison: Comparison): string[] {
  if (comparison.gone.length === 0) return [];
  const lines = comparison.gone.slice(0, MAX_ROWS).map((g) => {
    const services = g.services.length ? ` (${g.services.map((s) => safeText(s, 60)).join(', ')})` : '';
    return `- **${g.priority}** ${safeText(g.title, 160)}${services} — ${formatCount(g.baselineCount)} entries before (${formatRate(g.baselineRate)}/min), none now`;
  });
  if (comparison.gone.length > MAX_ROWS) lines.push(`- … and ${formatCount(comparison.gone.length - MAX_ROWS)} more`);
  return ['### Gone', '', ...lines];
}

/** `0.0% (0 / 797)` when the read held successful requests; the share means nothing otherwise. */
function formatShareOf(counts: RequestCounts): string {
  if (counts.requests === 0 || counts.successful === 0) return '';
  return `${((counts.serverErrors / counts.requests) * 100).toFixed(1)}% (${formatCount(counts.serverErrors)} / ${formatCount(counts.requests)})`;
}

function renderServiceErrors(comparison: Comparison): string[] {
  const rows = comparison.serviceErrors.slice(0, MAX_ROWS).map((s) => {
    const cell = (counts: RequestCounts, perMinute: number) =>
      [formatShareOf(counts), `${formatRate(perMinute)}/min`].filter(Boolean).join(', ');
    return [safeText(s.service, 80), cell(s.before, s.beforePerMinute), cell(s.after, s.afterPerMinute)];
  });
  if (rows.length === 0) return [];
  const partial = comparison.serviceErrors.some((s) => s.before.successful === 0 || s.after.successful === 0)
    ? [
        '',
        '_The share of requests needs the successful requests too: shown where the read held them (the default query reads only failing ones; `min-severity: INFO` reads all)._',
      ]
    : [];
  return ['### 5xx per service, before → after', '', table(['Service', 'Before', 'After'], rows), ...partial];
}

function renderPreExisting(clusters: RankedCluster[], verdict: Verdict | undefined): string {
  const before = clusters.filter((c) => !c.ignored && (c.change?.change === 'same' || c.change?.change === 'better'));
  if (before.length === 0) return '**Pre-existing:** none — every problem of the window is new or worse.';
  const better = before.filter((c) => c.change?.change === 'better').length;
  const counted = verdict?.scope === 'all' ? 'counted by the gate (`fail-on-scope: all`)' : 'not counted by the gate';
  return `**Pre-existing:** ${countByPriority(before, ['P0', 'P1', 'P2', 'P3'])} ${before.length === 1 ? 'problem' : 'problems'} there before (${formatCount(before.length - better)} the same, ${formatCount(better)} better) — ${counted}; each is in Problems.`;
}

function renderNewRevisions(comparison: Comparison): string[] {
  if (comparison.newRevisions.length === 0) return [];
  const items = comparison.newRevisions.slice(0, 10).map((r) => {
    const commit = r.commit ? `, commit ${inlineCode(shortCommit(r.commit))}` : '';
    return `${inlineCode(r.revision, 80)} (${safeText(r.service, 60)}${commit}, first entry ${formatClock(r.firstSeen, true)})`;
  });
  return [`**New revisions** (served no request in the baseline): ${items.join('; ')}`];
}

/** '' without a baseline: the section exists only when there is something to compare with. */
export function renderDeployVerdict(result: RunResult): string {
  const comparison = result.comparison;
  if (!comparison) return '';
  const lines = ['## Deploy verdict', '', ...describeVerdict(result.verdict), ''];
  if (!comparison.usable) {
    lines.push('> [!WARNING]', ...comparison.notes.map((n) => `> ${safeText(n, 600)}`));
    return lines.join('\n');
  }
  const changed = result.clusters.filter(
    (c) => !c.ignored && (c.change?.change === 'new' || c.change?.change === 'worse'),
  );
  lines.push(describeBaseline(comparison), '');
  const blocks = [
    renderNewRevisions(comparison),
    renderChanged(changed, result.incidents ?? []),
    renderGone(comparison),
    renderServiceErrors(comparison),
    [renderPreExisting(result.clusters, result.verdict)],
    comparison.notes.map((n) => `- ${safeText(n, 600)}`),
  ].filter((b) => b.length > 0);
  return [...lines, blocks.map((b) => b.join('\n')).join('\n\n')].join('\n');
}

/** One line for the job summary: the verdict and what changed; '' without a baseline. */
export function summarizeDeployVerdict(result: RunResult): string {
  if (!result.comparison) return '';
  const count = (kind: string) => result.clusters.filter((c) => !c.ignored && c.change?.change === kind).length;
  const status = result.verdict?.status ?? 'none';
  const word = status === 'fail' ? '**Fail**' : status === 'pass' ? '**Pass**' : 'no gate';
  const gone = result.comparison.gone.length;
  return `**Deploy verdict:** ${word} — ${formatCount(count('new'))} new, ${formatCount(count('worse'))} worse, ${formatCount(count('same') + count('better'))} pre-existing, ${formatCount(gone)} gone since the baseline (see the worklog's Deploy verdict).`;
}
