/**
 * The incident parts of an issue body (issue 13): on the root's issue, the symptoms it explains
 * with counts and Logs Explorer links; on a symptom's own older issue, which incident it is part of.
 */
import type { Priority } from '../model/cluster-types.js';
import { safeText } from '../markdown/safe-markdown.js';
import { formatCount, formatIso } from '../markdown/format.js';
import { safeLink } from './issue-markup.js';

export interface SymptomRow {
  fingerprint: string;
  title: string;
  priority: Priority;
  services: string[];
  count: number;
  estimated: boolean;
  firstSeen: number;
  logsLink: string;
  evidence: string;
  /** The symptom's own issue from earlier runs, still open. */
  issueNumber?: number;
}

export interface IncidentBody {
  symptoms: SymptomRow[];
  /** Services of the whole incident. */
  services: string[];
}

const TIME = { milliseconds: 'never' } as const;

/** The symptoms table; `max` rows, the rest counted (the workflow run's worklog lists them all). */
export function renderSymptoms(incident: IncidentBody, max: number): string {
  const rows = incident.symptoms.slice(0, max).map((s) => {
    const logs = safeLink('logs', s.logsLink) || '—';
    const own = s.issueNumber ? ` (#${s.issueNumber})` : '';
    const count = `${s.estimated ? '≈' : ''}${formatCount(s.count)}`;
    return `| ${safeText(s.services.join(', ') || '—', 80)} | **${s.priority}** ${safeText(s.title, 160)}${own} | ${count} | ${formatIso(s.firstSeen, TIME)} | ${logs} | ${safeText(s.evidence, 240)} |`;
  });
  const more = incident.symptoms.length - rows.length;
  const services = incident.services.map((s) => safeText(s, 80)).join(', ');
  return [
    `This issue tracks the root cause of an incident in ${services}. The problems below are its symptoms: while the root cause is seen they get no issue of their own (a symptom seen without it is filed on its own).`,
    '',
    '| Service | Symptom | Count | First seen | Logs | Why it is a symptom |',
    '|---|---|---:|---|---|---|',
    ...rows,
    ...(more > 0 ? ['', `… and ${formatCount(more)} more symptoms (see the worklog).`] : []),
  ].join('\n');
}

/** On a symptom's own older issue: the incident it is part of now. */
export function renderSymptomNote(root: { title: string; issueNumber?: number }): string {
  const where = root.issueNumber ? ` tracked in #${root.issueNumber}` : ' (its issue is filed by this run)';
  return `> [!NOTE]\n> This problem is now a symptom of an incident whose root cause is **${safeText(root.title, 200)}**,${where}. This issue stays up to date; the incident's issue lists every symptom.`;
}
