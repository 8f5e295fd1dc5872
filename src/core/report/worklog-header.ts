/** Worklog opening: title, headline, collection facts and the executive summary. */
import { PRIORITIES, type RankedCluster } from '../model/cluster-types.js';
import { formatFraction } from '../read/logging-query.js';
import type { RunResult } from '../model/run-result.js';
import { inlineCode, safeText } from '../markdown/safe-markdown.js';
import {
  countByPriority,
  formatClock,
  formatClusterCount,
  formatCount,
  formatDuration,
  formatIssueCell,
  formatIso,
  formatRange,
  formatSeen,
  formatSeverityCounts,
  formatShare,
  link,
  problemClusters,
} from '../markdown/format.js';
import { incidentLeads, symptomSuffix } from './worklog-incidents.js';

const URGENT = ['P0', 'P1'] as const;

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

/** One line an on-call engineer can read in a notification: what, where, how much, when. */
export function describeHeadline(result: RunResult): string {
  const problems = problemClusters(result.clusters);
  const tail = `${formatCount(result.totals.analysed)} entries analysed, ${formatRange(result.window.start, result.window.end)}`;
  if (problems.length === 0) return `No problems found — ${tail}`;
  const urgent = problems.filter((c) => (URGENT as readonly string[]).includes(c.priority));
  const lead = urgent.length > 0 ? urgent : problems;
  const counts = countByPriority(lead, [...PRIORITIES]);
  const noun = lead.length === 1 ? 'problem' : 'problems';
  const services = distinct(lead.flatMap((c) => c.services));
  const where = services.length
    ? ` in ${services
        .slice(0, 4)
        .map((s) => safeText(s, 60))
        .join(', ')}${services.length > 4 ? ` +${services.length - 4} more` : ''}`
    : '';
  const rest = problems.length - lead.length;
  const more = rest > 0 ? ` (+${rest} lower priority)` : '';
  return `${counts} ${noun}${where}${more} — ${tail}`;
}

function describeSource(result: RunResult): string {
  const { source } = result.source;
  if (source.startsWith('file:')) return `exported file ${inlineCode(source.slice(5))} (read whole)`;
  if (source.startsWith('cloud-logging:')) {
    const calls = result.source.requests > 0 ? `, ${formatCount(result.source.requests)} API requests` : '';
    return `Cloud Logging, project ${inlineCode(source.slice('cloud-logging:'.length))}${calls}`;
  }
  return inlineCode(source);
}

function describeSkipped(skipped: Record<string, number>): string {
  const reasons = Object.entries(skipped)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = reasons.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return '0 skipped';
  return `${formatCount(total)} skipped as unreadable (${reasons.map(([r, n]) => `${formatCount(n)} ${safeText(r, 80)}`).join(', ')})`;
}

/** The worklog's `#` heading, headline and run line (an issue's title is issues/issue-text.ts's renderTitle). */
export function renderWorklogHeading(result: RunResult): string {
  const project = result.projectId ? `: ${safeText(result.projectId, 100)}` : '';
  const lines = [`# Log Gardener worklog${project}`, '', `**${describeHeadline(result)}**`, ''];
  const meta = [`Generated ${formatIso(result.generatedAt)}`];
  if (result.repository) meta.push(`for ${safeText(result.repository, 140)}`);
  if (result.runUrl) meta.push(`· ${link('workflow run', result.runUrl)}`);
  lines.push(`_${meta.join(' ')}_`);
  if (result.dryRun) {
    lines.push(
      '',
      '> [!NOTE]',
      '> **Dry run:** nothing was written to GitHub. The issue actions below are the plan a real run would carry out.',
    );
  }
  const failed = result.actions.filter((a) => a.status === 'failed').length;
  if (failed > 0) {
    lines.push(
      '',
      '> [!WARNING]',
      `> ${failed} issue ${failed === 1 ? 'write' : 'writes'} failed — see [Issue actions](#issue-actions) and [Notes](#notes).`,
    );
  }
  return lines.join('\n');
}

export function renderCollection(result: RunResult): string {
  const { window, totals } = result;
  const services = result.services.length ? result.services.map((s) => safeText(s, 80)).join(', ') : 'all services';
  const lines = [
    '## Collection',
    '',
    `- **Window:** ${formatIso(window.start)} → ${formatIso(window.end)} (${formatDuration(window.end - window.start)})`,
  ];
  if (result.projectId) lines.push(`- **Project:** ${inlineCode(result.projectId)}`);
  lines.push(
    `- **Services:** ${services}`,
    `- **Source:** ${describeSource(result)}`,
    `- **Minimum severity:** ${result.minSeverity} (entries without a severity on stderr are still examined for errors and stack traces)`,
    `- **Entries:** ${formatCount(totals.entries)} read · ${formatCount(totals.analysed)} analysed · ${describeSkipped(totals.skipped)}`,
    `- **Analysed by severity:** ${formatSeverityCounts(totals.bySeverity)}`,
  );
  const fraction = result.source.sampleFraction;
  if (fraction < 1) {
    const percent = `${Math.round(fraction * 1000) / 10}%`;
    lines.push(
      '',
      '> [!IMPORTANT]',
      `> **Sampled:** counts are estimated from a ${percent} sample (${inlineCode(`sample(insertId, ${formatFraction(fraction)})`)}); ≈ marks estimates.`,
    );
  }
  return lines.join('\n');
}

/** Within this of the window's end, a problem is still going on as far as the logs can tell. */
const ONGOING_MS = 5 * 60_000;

/** `since 09:12 UTC, still occurring at the end of the window` or `from 09:12 UTC to 09:40 UTC`. */
function describeSpan(cluster: RankedCluster, window: RunResult['window']): string {
  const first = formatSeen(cluster.firstSeen, window);
  if (window.end - cluster.lastSeen <= ONGOING_MS) return `since ${first}, still occurring at the end of the window`;
  return `from ${first} to ${formatSeen(cluster.lastSeen, window)}`;
}

function describeUrgent(cluster: RankedCluster, result: RunResult): string {
  const services = cluster.services.map((s) => safeText(s, 60)).join(', ') || 'unknown service';
  const since = describeSpan(cluster, result.window);
  const issue = formatIssueCell(cluster, result);
  return `- **${cluster.priority}** ${safeText(cluster.title, 160)} — ${formatClusterCount(cluster)} entries (${formatShare(cluster.share)}) in ${services}, ${since}; issue: ${issue}${symptomSuffix(result, cluster)}`;
}

/** P1 problems listed one by one before the rest are folded per service. */
const P1_LISTED = 5;

/**
 * Every P0 on its own line; P1s too up to P1_LISTED, then one line per service for the rest, so
 * an outage with 5xx on twenty routes reads as one fact, not twenty bullets. All are in Problems.
 */
function summarizeUrgent(urgent: RankedCluster[], result: RunResult): string[] {
  const p1 = urgent.filter((c) => c.priority === 'P1');
  const listed = new Set([...urgent.filter((c) => c.priority === 'P0'), ...p1.slice(0, P1_LISTED)]);
  const lines = urgent.filter((c) => listed.has(c)).map((c) => describeUrgent(c, result));
  const rest = new Map<string, RankedCluster[]>();
  for (const c of p1.slice(P1_LISTED)) {
    const service =
      c.services.length === 1 ? c.services[0] : c.services.length ? 'several services' : 'unknown service';
    rest.set(service, [...(rest.get(service) ?? []), c]);
  }
  for (const [service, clusters] of rest) {
    const entries = clusters.reduce((n, c) => n + c.count, 0);
    const statuses = [...new Set(clusters.flatMap((c) => c.statuses))].sort((a, b) => a - b);
    const routes = new Set(clusters.flatMap((c) => c.routes));
    const what = [
      statuses.length ? `HTTP ${statuses.join(', ')}` : '',
      routes.size ? `on ${formatCount(routes.size)} ${routes.size === 1 ? 'route' : 'routes'}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    lines.push(
      `- **P1** ${safeText(service, 60)}: ${formatCount(clusters.length)} more ${clusters.length === 1 ? 'problem' : 'problems'}${what ? ` (${what})` : ''} — ${formatCount(entries)} entries; see Problems`,
    );
  }
  return lines;
}

export function renderExecutiveSummary(result: RunResult): string {
  // One line per incident, its root cause first (issue 13); every problem without incidents.
  const problems = incidentLeads(result, problemClusters(result.clusters));
  const urgent = problems.filter((c) => (URGENT as readonly string[]).includes(c.priority));
  const lines = ['## Executive summary', ''];
  if (urgent.length === 0) {
    lines.push('No P0/P1 problems.');
  } else {
    lines.push(...summarizeUrgent(urgent, result));
    const first = [...urgent].sort((a, b) => a.firstSeen - b.firstSeen)[0];
    lines.push(
      '',
      `The first urgent problem started at ${formatClock(first.firstSeen)}: ${safeText(first.title, 160)}${first.services.length ? ` (${first.services.map((x) => safeText(x, 60)).join(', ')})` : ''}.`,
    );
  }
  const lower = problems.length - urgent.length;
  if (lower > 0)
    lines.push(
      '',
      `Also ${countByPriority(problems, ['P2', 'P3'])} lower-priority ${lower === 1 ? 'problem' : 'problems'} (below).`,
    );
  const ignored = result.clusters.length - problemClusters(result.clusters).length;
  if (ignored > 0)
    lines.push(`${formatCount(ignored)} ${ignored === 1 ? 'cluster was' : 'clusters were'} ignored as noise.`);
  return lines.join('\n');
}
