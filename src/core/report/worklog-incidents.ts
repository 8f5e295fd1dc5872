/**
 * The worklog's Incidents section (issue 13): per incident, the root cause first, then the chain
 * of symptoms with the evidence of each link, the services affected, what to do next, and a
 * Mermaid flowchart of the chain (GitHub renders `flowchart` natively).
 */
import type { RankedCluster } from '../model/cluster-types.js';
import type { Incident } from '../model/incident-types.js';
import type { RunResult } from '../model/run-result.js';
import { safeText } from '../markdown/safe-markdown.js';
import {
  formatClusterCount,
  formatCount,
  formatIssueCell,
  formatNames,
  formatSeen,
  link,
  table,
} from '../markdown/format.js';
import { mermaidLabel } from './render-timeline.js';

/** Past this, incidents are only counted (the JSON report has them all). */
export const MAX_INCIDENTS = 10;
/** Symptoms drawn and listed per incident; the rest are counted. */
export const MAX_SYMPTOMS = 20;

/** Incidents with at least one symptom: the ones worth a story. */
export function linkedIncidents(result: RunResult): Incident[] {
  return (result.incidents ?? []).filter((i) => i.members.length > 1);
}

function clusterMap(result: RunResult): Map<string, RankedCluster> {
  return new Map(result.clusters.map((c) => [c.fingerprint, c]));
}

/** Number of the incident (1-based, in linkedIncidents order) a problem belongs to, and whether it is the root. */
export function incidentNumber(result: RunResult, fingerprint: string): { n: number; root: boolean } | null {
  const index = linkedIncidents(result).findIndex((i) => i.members.includes(fingerprint));
  if (index < 0) return null;
  return { n: index + 1, root: linkedIncidents(result)[index]!.root === fingerprint };
}

/** `→ 6 symptoms in 2 services` for an incident's root in the executive summary; '' otherwise. */
export function symptomSuffix(result: RunResult, cluster: RankedCluster): string {
  const incident = (result.incidents ?? []).find((i) => i.root === cluster.fingerprint);
  if (!incident || incident.members.length < 2) return '';
  const symptoms = incident.members.length - 1;
  const services = incident.services.length;
  return ` → ${formatCount(symptoms)} ${symptoms === 1 ? 'symptom' : 'symptoms'} in ${formatCount(services)} ${services === 1 ? 'service' : 'services'}`;
}

/**
 * What the executive summary lists: one line per incident, its root carrying the incident's
 * priority. Without incidents (an older RunResult), every problem.
 */
export function incidentLeads(result: RunResult, problems: RankedCluster[]): RankedCluster[] {
  if (!result.incidents) return problems;
  const byFingerprint = clusterMap(result);
  return result.incidents.flatMap((i) => {
    const root = byFingerprint.get(i.root);
    return root ? [{ ...root, priority: i.priority }] : [];
  });
}

/** A flowchart label: no quotes, markup or line breaks can get through (mermaidLabel), nor `<`, `>`, `&`. */
function nodeLabel(cluster: RankedCluster, root: boolean): string {
  const service = cluster.services.length ? `${formatNames(cluster.services, 2)}: ` : '';
  const text = `${root ? 'ROOT ' : ''}${cluster.priority} ${service}${cluster.title}`.replace(/[<>&]/g, ' ');
  const short = text.length > 70 ? `${text.slice(0, 69)}…` : text;
  return mermaidLabel(`${short} ×${formatClusterCount(cluster)}`);
}

/** The chain as a Mermaid flowchart, root at the top; node ids are positions, never log text. */
export function renderIncidentChart(incident: Incident, clusters: Map<string, RankedCluster>): string {
  const members = incident.members.slice(0, MAX_SYMPTOMS + 1).filter((fp) => clusters.has(fp));
  const id = new Map(members.map((fp, i) => [fp, `n${i}`]));
  const lines = ['```mermaid', 'flowchart TD'];
  for (const fp of members) lines.push(`  ${id.get(fp)}[${nodeLabel(clusters.get(fp)!, fp === incident.root)}]`);
  for (const l of incident.links) {
    const from = id.get(l.from);
    const to = id.get(l.to);
    if (from && to) lines.push(`  ${from} --> ${to}`);
  }
  const hidden = incident.members.length - members.length;
  if (hidden > 0) lines.push(`  more[${mermaidLabel(`… ${formatCount(hidden)} more symptoms in the table`)}]`);
  lines.push('```');
  return lines.join('\n');
}

function symptomTable(incident: Incident, clusters: Map<string, RankedCluster>, result: RunResult): string {
  const rows = incident.links.slice(0, MAX_SYMPTOMS).flatMap((l) => {
    const c = clusters.get(l.to);
    if (!c) return [];
    return [
      [
        formatNames(c.services, 2),
        `**${c.priority}** ${safeText(c.title, 120)}`,
        formatClusterCount(c),
        formatSeen(c.firstSeen, result.window),
        safeText(l.evidence, 300),
      ],
    ];
  });
  const more = incident.links.length - rows.length;
  const tail = more > 0 ? `\n\n_${formatCount(more)} more symptoms are listed in the JSON report._` : '';
  return table(['Service', 'Symptom', 'Count', 'First seen', 'Evidence'], rows) + tail;
}

function nextSteps(root: RankedCluster, incident: Incident, clusters: Map<string, RankedCluster>): string[] {
  const steps = root.recommendedActions.slice(0, 4).map((a) => safeText(a, 400));
  const symptoms = incident.members
    .slice(1, 6)
    .map((fp) => clusters.get(fp)?.title ?? '')
    .filter(Boolean);
  if (symptoms.length)
    steps.push(
      `Once fixed, check that the symptoms stop: ${symptoms.map((t) => safeText(t, 80)).join('; ')}${incident.members.length > 6 ? '; …' : ''}. A symptom that goes on without its root is a problem of its own and gets its own issue on the next run.`,
    );
  return steps.map((s, i) => `${i + 1}. ${s}`);
}

function renderIncident(
  incident: Incident,
  n: number,
  result: RunResult,
  clusters: Map<string, RankedCluster>,
): string {
  const root = clusters.get(incident.root)!;
  const logs = result.logsLinks[root.fingerprint];
  const symptoms = incident.members.length - 1;
  return [
    `### Incident ${n}: ${incident.priority} — ${safeText(root.title, 160)}`,
    '',
    `- **Root cause:** ${safeText(root.title, 200)} in ${formatNames(root.services, 3)}, first seen ${formatSeen(root.firstSeen, result.window)} — ${formatClusterCount(root)} entries${logs ? ` (${link('Logs Explorer', logs)})` : ''}`,
    `- **Symptoms:** ${formatCount(symptoms)}, from ${formatSeen(incident.firstSeen, result.window)} to ${formatSeen(incident.lastSeen, result.window)}`,
    `- **Services affected:** ${formatNames(incident.services, 10)}`,
    `- **Issue:** ${formatIssueCell(root, result)} (one issue for the incident; it lists the symptoms)`,
    '',
    symptomTable(incident, clusters, result),
    '',
    renderIncidentChart(incident, clusters),
    '',
    '**Next steps:**',
    '',
    ...nextSteps(root, incident, clusters),
  ].join('\n');
}

export function renderIncidents(result: RunResult): string {
  const linked = linkedIncidents(result);
  if (!result.incidents || result.incidents.length === 0) return '';
  const alone = result.incidents.length - linked.length;
  const intro =
    linked.length === 0
      ? `_No problem explains another in this window: each of the ${formatCount(alone)} problems is its own incident (see Problems)._`
      : `${formatCount(linked.length)} ${linked.length === 1 ? 'incident: a root cause' : 'incidents, each a root cause'} with the symptoms it explains (the evidence of each link is in its table)${alone > 0 ? `; ${formatCount(alone)} more ${alone === 1 ? 'problem stands' : 'problems stand'} alone (see Problems)` : ''}.`;
  const clusters = clusterMap(result);
  const sections = linked.slice(0, MAX_INCIDENTS).map((i, k) => renderIncident(i, k + 1, result, clusters));
  if (linked.length > MAX_INCIDENTS)
    sections.push(`_${formatCount(linked.length - MAX_INCIDENTS)} more incidents are in the JSON report._`);
  return ['## Incidents', '', intro, ...sections.flatMap((s) => ['', s])].join('\n');
}

/** The Problems table's Incident cell: `1 (root)`, `1`, or `—` for a problem alone. */
export function incidentCell(result: RunResult, fingerprint: string): string {
  const at = incidentNumber(result, fingerprint);
  return at ? `${at.n}${at.root ? ' (root)' : ''}` : '—';
}

/** A problem section's Incident line, naming its root when it is a symptom; none for a problem alone. */
export function incidentFact(result: RunResult, fingerprint: string): string[] {
  const at = incidentNumber(result, fingerprint);
  if (!at) return [];
  const incident = linkedIncidents(result)[at.n - 1]!;
  const what = at.root
    ? `root cause of incident ${at.n} (${formatCount(incident.members.length - 1)} symptoms)`
    : `symptom in incident ${at.n}, root cause: ${safeText(incident.title, 160)}`;
  return [`- **Incident:** ${what}`];
}
