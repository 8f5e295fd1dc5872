import type { RankedCluster } from '../model/cluster-types.js';
import type { LogRecord } from '../model/log-record.js';
import type { MarkerState } from './marker.js';
import { renderMarker } from './marker.js';
import { inlineCode, safeText } from '../markdown/safe-markdown.js';
import { formatCount, formatIso, formatShare } from '../markdown/format.js';
import { excerpt, fencedLog, plainLine, safeLink } from './issue-markup.js';
import { renderTimeline } from './issue-timeline.js';
import { renderSymptomNote, renderSymptoms, type IncidentBody } from './issue-incident.js';

/** Issue text gives times to the second; see markdown/format.ts. */
const TIME = { milliseconds: 'never' } as const;

/** GitHub rejects longer titles and bodies with HTTP 422 (DESIGN §6). */
export const TITLE_LIMIT = 256;
export const BODY_LIMIT = 65_536;
/** Headroom below the hard limit: GitHub's count is not always JS's UTF-16 length. */
export const BODY_BUDGET = 60_000;

/**
 * `[P1] service: concise problem`. Stable while counts change: only the priority and the
 * cluster's own title (no counts, ids or times) go in; several services show as `first +N`.
 */
export function renderTitle(cluster: Pick<RankedCluster, 'priority' | 'services' | 'title'>): string {
  const services = [...cluster.services].sort();
  const who =
    services.length === 0
      ? ''
      : services.length === 1
        ? `${services[0]}: `
        : `${services[0]} +${services.length - 1}: `;
  const prefix = plainLine(`[${cluster.priority}] ${who}`, 120);
  return `${prefix} ${plainLine(cluster.title, TITLE_LIMIT - prefix.length - 1)}`.trim();
}

/** Replaces the `[Px]` prefix of a title, leaving a human's edits to the rest alone. */
export function retitle(title: string, priority: string): string {
  return /^\[P[0-3]\]/.test(title) ? title.replace(/^\[P[0-3]\]/, `[${priority}]`) : title;
}

export interface BodyInput {
  cluster: RankedCluster;
  /** The marker state after this run; rendered last. */
  state: MarkerState;
  window: { start: number; end: number };
  runUrl: string;
  logsLink: string;
  /** An older issue for the same problem, closed before the reopen window. */
  previous?: { number: number; closedAt: number | null };
  /** Issue 13: this issue stands for an incident; its symptoms are listed under the root. */
  incident?: IncidentBody;
  /** Issue 13: this problem's own issue, now a symptom of another problem's incident. */
  symptomOf?: { title: string; issueNumber?: number };
}

/** How much detail fits: tried from the first (richest) to the last until the body fits. */
interface Budget {
  samples: number;
  sampleChars: number;
  templateChars: number;
  listItems: number;
  timeline: boolean;
}

const BUDGETS: Budget[] = [
  { samples: 3, sampleChars: 4000, templateChars: 8000, listItems: 20, timeline: true },
  { samples: 2, sampleChars: 1500, templateChars: 3000, listItems: 10, timeline: true },
  { samples: 1, sampleChars: 500, templateChars: 1000, listItems: 5, timeline: true },
  { samples: 0, sampleChars: 0, templateChars: 300, listItems: 3, timeline: false },
];

/**
 * The issue body. Deterministic in its input (no clock), so an unchanged state renders an
 * unchanged body. Content is budgeted, never cut: when the richest version is too long,
 * fewer samples and shorter excerpts are used, and the workflow run holds the rest.
 */
export function renderBody(input: BodyInput): string {
  for (const budget of BUDGETS) {
    const body = renderWithBudget(input, budget);
    if (body.length <= BODY_BUDGET) return body;
  }
  return renderWithBudget(input, { samples: 0, sampleChars: 0, templateChars: 0, listItems: 0, timeline: false });
}

function list(items: string[], max: number, render: (item: string) => string): string {
  const shown = items.slice(0, max).map((item) => `- ${render(item)}`);
  if (items.length > max) shown.push(`- … and ${items.length - max} more (see the worklog)`);
  return shown.join('\n');
}

function joinLimited(items: string[], max: number): string {
  if (items.length === 0) return '—';
  const shown = items.slice(0, max).map((item) => safeText(item, 120));
  return items.length > max ? `${shown.join(', ')} (+${items.length - max})` : shown.join(', ');
}

function summaryTable(input: BodyInput, budget: Budget): string {
  const { cluster, state, window } = input;
  const why = cluster.reasons.length
    ? ` — ${cluster.reasons
        .slice(0, Math.max(1, budget.listItems))
        .map((r) => safeText(r, 200))
        .join('; ')}`
    : '';
  const estimated = cluster.estimated ? ' (estimated from a sample)' : '';
  const method = (route: string): string =>
    cluster.method && route === cluster.route ? `${cluster.method} ${route}` : route;
  const rows: [string, string][] = [
    ['Priority', `**${cluster.priority}**${why}`],
    [
      'Occurrences',
      `${formatCount(cluster.count)} in the latest window${estimated}; ${formatCount(state.total)} since first seen`,
    ],
    ['Share', `${formatShare(cluster.share, { tiny: 'exact' })} of analysed entries in the window`],
    ['Severity', safeText(cluster.severity)],
    ['Services', joinLimited(cluster.services, Math.max(1, budget.listItems))],
    ['Routes', joinLimited(cluster.routes.map(method), Math.max(1, budget.listItems))],
    ['Revisions', joinLimited(cluster.revisions, Math.max(1, budget.listItems))],
    ['First seen', formatIso(state.first, TIME)],
    ['Last seen', formatIso(state.last, TIME)],
    ['Latest window', `${formatIso(window.start, TIME)} – ${formatIso(window.end, TIME)}`],
  ];
  if (cluster.statuses.length) rows.splice(6, 0, ['HTTP statuses', cluster.statuses.join(', ')]);
  // A list, not a two-column table: GitHub draws a table's header row even when it is empty.
  return rows.map(([k, v]) => `- **${k}:** ${v}`).join('\n');
}

function renderSample(sample: LogRecord, max: number): string {
  const where = [sample.service, sample.revision].filter(Boolean).join(' / ');
  const head = `${formatIso(sample.timestamp, TIME)} · ${sample.severity}${where ? ` · ${where}` : ''}`;
  const body = sample.stack ? `${sample.message}\n${sample.stack}` : sample.message;
  const text = sample.context ? `${sample.context}\n${body}` : body;
  return `${safeText(head, 200)}\n\n${fencedLog(excerpt(text, max))}`;
}

/** A problem new since the baseline (issue 14): the revision (and commit) it started with. */
function describeNewSince(cluster: RankedCluster): string {
  const change = cluster.change;
  if (change?.change !== 'new') return '';
  const revisions = change.newRevisions.slice(0, 3).map((r) => inlineCode(r, 100));
  const commits = change.commits.slice(0, 3).map((c) => inlineCode(c.slice(0, 7)));
  const commit = commits.length ? ` (commit ${commits.join(', ')})` : '';
  const since = revisions.length ? `New since revision ${revisions.join(', ')}${commit}` : 'New in this window';
  return `> [!NOTE]\n> ${since}: not seen in the baseline window before it.`;
}

function renderWithBudget(input: BodyInput, budget: Budget): string {
  const { cluster, state } = input;
  const parts: string[] = [];
  if (input.previous) {
    const closed = input.previous.closedAt === null ? '' : ` (closed ${formatIso(input.previous.closedAt, TIME)})`;
    parts.push(
      `> [!NOTE]\n> This problem was tracked before in #${input.previous.number}${closed}. It came back after the reopen window, so this is a new issue.`,
    );
  }
  const since = describeNewSince(cluster);
  if (since) parts.push(since);
  if (input.symptomOf) parts.push(renderSymptomNote(input.symptomOf));
  parts.push('### Summary', summaryTable(input, budget));
  if (input.incident && budget.listItems > 0)
    parts.push('### Symptoms of this incident', renderSymptoms(input.incident, budget.listItems));
  if (budget.templateChars > 0)
    parts.push('### Key pattern', fencedLog(excerpt(cluster.template, budget.templateChars), 'text'));
  if (cluster.codeLocations.length && budget.listItems > 0) {
    parts.push(
      '### Code locations',
      list(cluster.codeLocations, budget.listItems, (loc) => inlineCode(loc, 200)),
    );
  }
  if (cluster.likelyCauses.length && budget.listItems > 0) {
    parts.push(
      '### Likely causes',
      list(cluster.likelyCauses, budget.listItems, (c) => safeText(c, 500)),
    );
  }
  if (cluster.recommendedActions.length && budget.listItems > 0) {
    parts.push(
      '### Recommended actions',
      list(cluster.recommendedActions, budget.listItems, (a) => safeText(a, 500)),
    );
  }
  const logs = safeLink('Open the query in Logs Explorer', input.logsLink);
  if (logs) parts.push('### Logs', `${logs} (the exact query and time range of the latest window).`);
  if (budget.timeline) {
    const timeline = renderTimeline(cluster.perMinute, input.window);
    if (timeline) parts.push('### Timeline of the latest window', timeline);
  }
  if (budget.samples > 0 && cluster.samples.length) {
    const shown = cluster.samples.slice(0, budget.samples).map((s) => renderSample(s, budget.sampleChars));
    parts.push('### Samples (redacted)', shown.join('\n\n'));
  }
  parts.push(
    '### How it was grouped',
    `${safeText(cluster.grouping, 500)}\n\nFingerprint: ${inlineCode(cluster.fingerprint, 200)} (${cluster.kind})`,
  );
  const run = safeLink('the workflow run', input.runUrl);
  const footer = run
    ? `<sub>Filed by GCP Log Gardener. Full worklog, all samples and the plan: ${run}. Keep the last line of this body: it is how the next run finds this issue.</sub>`
    : '<sub>Filed by GCP Log Gardener. Keep the last line of this body: it is how the next run finds this issue.</sub>';
  parts.push('---', footer);
  return `${parts.join('\n\n')}\n\n${renderMarker(state)}`;
}
