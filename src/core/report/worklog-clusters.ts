/** Worklog body: the problems table and one section per problem, most urgent first. */
import type { RankedCluster } from '../model/cluster-types.js';
import type { LogRecord } from '../model/log-record.js';
import type { RunResult } from '../model/run-result.js';
import { codeBlock, inlineCode, safeText } from '../markdown/safe-markdown.js';
import {
  formatClusterCount,
  formatCount,
  formatIso,
  formatIssueCell,
  formatNames,
  formatSeen,
  formatSeverityCounts,
  formatShare,
  link,
  problemClusters,
  table,
} from '../markdown/format.js';
import { incidentCell, incidentFact, linkedIncidents } from './worklog-incidents.js';

/** Past this, sections stop; the table and the JSON report still list every problem. */
export const MAX_DETAILED_CLUSTERS = 50;
export const MAX_TABLE_ROWS = 500;
const STACK_HEAD = 20;
const STACK_TAIL = 9;
const MAX_LINE = 400;

export function renderProblemsTable(result: RunResult): string {
  const problems = problemClusters(result.clusters);
  if (problems.length === 0) return '## Problems\n\nNo problems found in this window.';
  // Each problem names its incident once some are linked (issue 13).
  const incidents = linkedIncidents(result).length > 0;
  const rows = problems
    .slice(0, MAX_TABLE_ROWS)
    .map((c, i) => [
      String(i + 1),
      `**${c.priority}**`,
      safeText(c.title, 120),
      formatClusterCount(c),
      formatShare(c.share),
      formatNames(c.services, 3),
      formatSeen(c.firstSeen, result.window),
      formatSeen(c.lastSeen, result.window),
      formatIssueCell(c, result),
      ...(incidents ? [incidentCell(result, c.fingerprint)] : []),
    ]);
  const parts = [
    '## Problems',
    '',
    table(
      ['#', 'Priority', 'Problem', 'Count', 'Share', 'Services', 'First seen', 'Last seen', 'Issue'].concat(
        incidents ? ['Incident'] : [],
      ),
      rows,
    ),
  ];
  if (problems.length > MAX_TABLE_ROWS) {
    parts.push('', `_${formatCount(problems.length - MAX_TABLE_ROWS)} more problems are listed in the JSON report._`);
  }
  return parts.join('\n');
}

/** Keeps the head (where Java/Go/Node name the failing frame) and the tail (where Python does). */
export function trimStack(text: string): string {
  const lines = text.split('\n').map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE - 1)}…` : l));
  if (lines.length <= STACK_HEAD + STACK_TAIL + 1) return lines.join('\n');
  const omitted = lines.length - STACK_HEAD - STACK_TAIL;
  return [...lines.slice(0, STACK_HEAD), `… ${formatCount(omitted)} lines trimmed …`, ...lines.slice(-STACK_TAIL)].join(
    '\n',
  );
}

/** The text of one sample entry as the engineer would see it in Logs Explorer. */
export function describeSample(sample: LogRecord): string {
  const parts: string[] = [];
  if (sample.http) {
    const h = sample.http;
    const latency = h.latencyMs !== undefined ? ` (${formatCount(h.latencyMs)} ms)` : '';
    parts.push(`${h.method} ${h.url} → ${h.status || 'no response'}${latency}`);
  }
  // What the logger wrote around a re-assembled or prefixed trace, as it stood before it.
  if (sample.context) parts.push(sample.context.trim());
  const stack = sample.stack.trim();
  const message = sample.message.trim();
  if (message && !(sample.http && message.includes(sample.http.url)) && !stack.includes(message)) parts.push(message);
  if (stack) parts.push(stack);
  return trimStack(parts.join('\n'));
}

function describeSampleOrigin(sample: LogRecord): string {
  const where = [sample.service, sample.revision]
    .filter(Boolean)
    .map((s) => safeText(s, 80))
    .join(' / ');
  const inferred = sample.severityInferred ? ' (inferred)' : '';
  return [formatIso(sample.timestamp), `${sample.severity}${inferred}`, where].filter(Boolean).join(', ');
}

function bulletList(items: string[], empty: string): string {
  return items.length ? items.map((i) => `- ${safeText(i, 400)}`).join('\n') : `_${empty}_`;
}

export function renderClusterSection(cluster: RankedCluster, index: number, result: RunResult): string {
  const logsUrl = result.logsLinks[cluster.fingerprint];
  const facts = [
    `- **Count:** ${formatClusterCount(cluster)} entries — ${formatShare(cluster.share)} of all analysed`,
    `- **Severity:** ${cluster.severity} (${formatSeverityCounts(cluster.severityCounts)})`,
    `- **Services:** ${formatNames(cluster.services, 10)}`,
    ...incidentFact(result, cluster.fingerprint),
    `- **Revisions:** ${formatNames(cluster.revisions, 6)}`,
  ];
  if (cluster.routes.length) facts.push(`- **Routes:** ${formatNames(cluster.routes, 8)}`);
  if (cluster.statuses.length) facts.push(`- **HTTP statuses:** ${cluster.statuses.join(', ')}`);
  if (cluster.instances > 0) facts.push(`- **Instances:** ${formatCount(cluster.instances)}`);
  facts.push(
    `- **First / last seen:** ${formatIso(cluster.firstSeen)} → ${formatIso(cluster.lastSeen)}`,
    `- **Issue:** ${formatIssueCell(cluster, result)}${logsUrl ? ` · ${link('Logs Explorer', logsUrl)}` : ''}`,
  );

  const parts = [
    `### ${index}. ${cluster.priority} — ${safeText(cluster.title, 200)}`,
    '',
    facts.join('\n'),
    '',
    `**Why ${cluster.priority}:**`,
    '',
    bulletList(cluster.reasons, 'no reason recorded'),
    '',
    '**Key log pattern** (redacted):',
    '',
    codeBlock(cluster.template, 'text'),
  ];
  const sample = cluster.samples[0];
  if (sample)
    parts.push('', `**Sample** (${describeSampleOrigin(sample)}):`, '', codeBlock(describeSample(sample), 'text'));
  if (cluster.codeLocations.length) {
    parts.push(
      '',
      `**Code locations:** ${cluster.codeLocations
        .slice(0, 8)
        .map((l) => inlineCode(l, 160))
        .join(', ')}`,
    );
  }
  parts.push(
    '',
    '**Likely causes:**',
    '',
    bulletList(cluster.likelyCauses, 'none suggested by the rule'),
    '',
    '**Recommended actions:**',
    '',
    bulletList(cluster.recommendedActions, 'none suggested by the rule'),
    '',
    `<sub>Grouped by ${safeText(cluster.grouping, 300)} · rule ${inlineCode(cluster.rule, 80)} · fingerprint ${inlineCode(cluster.fingerprint, 80)}</sub>`,
  );
  return parts.join('\n');
}

export function renderClusterSections(result: RunResult): string {
  const problems = problemClusters(result.clusters);
  if (problems.length === 0) return '';
  const sections = problems.slice(0, MAX_DETAILED_CLUSTERS).map((c, i) => renderClusterSection(c, i + 1, result));
  if (problems.length > MAX_DETAILED_CLUSTERS) {
    sections.push(
      `_${formatCount(problems.length - MAX_DETAILED_CLUSTERS)} more problems are summarised in the table above and detailed in the JSON report._`,
    );
  }
  return ['## Problem details', ...sections].join('\n\n');
}
