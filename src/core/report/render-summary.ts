/**
 * The job summary: the worklog's headline, its P0/P1 table and the issue actions, with links to
 * the full worklog. GitHub drops a step summary over 1 MiB entirely (DESIGN §6), so rows are
 * added against a byte budget and cut with a note; the summary has no fences to cut inside.
 */
import { formatFraction } from '../read/logging-query.js';
import type { RunResult } from '../model/run-result.js';
import { inlineCode, safeText } from '../markdown/safe-markdown.js';
import { describeHeadline } from './worklog-header.js';
import { linkedIncidents, MAX_INCIDENTS } from './worklog-incidents.js';
import { summarizeDeployVerdict } from './worklog-verdict.js';
import {
  actionVerb,
  countByPriority,
  formatClusterCount,
  formatCount,
  formatIssueCell,
  formatNames,
  formatSeen,
  formatShare,
  link,
  problemClusters,
} from '../markdown/format.js';

export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Kept free for the closing links and truncation notes, and for whatever else the step appends. */
const RESERVE_BYTES = 16 * 1024;

const encoder = new TextEncoder();
function byteLength(text: string): number {
  return encoder.encode(text).length;
}

interface TableSection {
  heading: string;
  intro: string[];
  header: string[];
  rows: string[][];
  empty: string;
}

/** Appends sections row by row while they fit; the first row that does not fit ends the table. */
class BudgetedMarkdown {
  private readonly parts: string[] = [];
  private used = 0;

  constructor(private readonly budget: number) {}

  private push(text: string): boolean {
    const size = byteLength(text) + 1;
    if (this.used + size > this.budget) return false;
    this.parts.push(text);
    this.used += size;
    return true;
  }

  addBlock(text: string): boolean {
    return this.push(text);
  }

  addTable(section: TableSection): void {
    if (!this.push(`\n${section.heading}\n`)) return;
    for (const line of section.intro) if (!this.push(line)) return;
    if (section.rows.length === 0) {
      this.push(section.empty);
      return;
    }
    const head = `| ${section.header.join(' | ')} |\n|${section.header.map(() => '---').join('|')}|`;
    if (!this.push(head)) return;
    let shown = 0;
    for (const row of section.rows) {
      if (!this.push(`| ${row.join(' | ')} |`)) break;
      shown += 1;
    }
    const rest = section.rows.length - shown;
    if (rest > 0) {
      // Written past the budget on purpose: the reserve exists for exactly these notes.
      this.parts.push(
        `\n_${formatCount(rest)} more rows left out to keep the job summary under 1 MiB; the worklog has them all._`,
      );
    }
  }

  /** Closing text always fits: it is written into the reserve. */
  finish(closing: string[]): string {
    return `${[...this.parts, '', ...closing].join('\n')}\n`;
  }
}

function renderLinks(result: RunResult, links: { worklogArtifactUrl?: string }): string[] {
  const items: string[] = [];
  if (links.worklogArtifactUrl) items.push(`- ${link('Full worklog (artifact)', links.worklogArtifactUrl)}`);
  else items.push("- Full worklog: the file at the step output `worklog-path` (and the run's artifact, when uploaded)");
  if (result.runUrl) items.push(`- ${link('Workflow run', result.runUrl)}`);
  return ['### Details', '', ...items];
}

export function renderSummary(result: RunResult, links: { worklogArtifactUrl?: string }): string {
  const out = new BudgetedMarkdown(SUMMARY_LIMIT_BYTES - RESERVE_BYTES);
  const project = result.projectId ? `: ${safeText(result.projectId, 100)}` : '';
  out.addBlock(`## Log Gardener${project}\n\n**${describeHeadline(result)}**`);
  const verdict = summarizeDeployVerdict(result);
  if (verdict) out.addBlock(`\n${verdict}`);
  if (result.dryRun)
    out.addBlock('\n> [!NOTE]\n> **Dry run:** nothing was written to GitHub; the actions below are the plan.');
  const fraction = result.source.sampleFraction;
  if (fraction < 1) {
    out.addBlock(
      `\n> [!IMPORTANT]\n> Counts are estimated from a ${Math.round(fraction * 1000) / 10}% sample (${inlineCode(`sample(insertId, ${formatFraction(fraction)})`)}); ≈ marks estimates.`,
    );
  }

  const incidents = summarizeIncidents(result);
  if (incidents) out.addBlock(`\n${incidents}`);

  const problems = problemClusters(result.clusters);
  const urgent = problems.filter((c) => c.priority === 'P0' || c.priority === 'P1');
  const lower = problems.length - urgent.length;
  out.addTable({
    heading: '### P0 / P1 problems',
    intro:
      lower > 0
        ? [`Also ${countByPriority(problems, ['P2', 'P3'])} lower-priority problems: see the worklog.`, '']
        : [],
    header: ['Priority', 'Problem', 'Count', 'Share', 'Services', 'Since', 'Issue'],
    rows: urgent.map((c) => [
      `**${c.priority}**`,
      safeText(c.title, 120),
      formatClusterCount(c),
      formatShare(c.share),
      formatNames(c.services, 3),
      formatSeen(c.firstSeen, result.window),
      formatIssueCell(c, result),
    ]),
    empty: 'No P0/P1 problems.',
  });

  const failed = result.actions.filter((a) => a.status === 'failed').length;
  out.addTable({
    heading: result.dryRun ? '### Issue actions (planned)' : '### Issue actions',
    intro: failed > 0 ? [`**${failed} failed** — see the worklog's notes.`, ''] : [],
    header: ['Action', 'Issue', 'Priority', 'Problem', 'Status'],
    rows: result.actions.map((a) => {
      const number = a.issueNumber ?? result.issueLinks[a.fingerprint]?.number;
      const issue = number !== undefined ? link(`#${number}`, a.url ?? result.issueLinks[a.fingerprint]?.url) : '–';
      const status = a.status === 'failed' ? '**failed**' : (a.status ?? (result.dryRun ? 'planned' : '–'));
      const why = a.action === 'skip' ? `: ${safeText(a.reason, 120)}` : '';
      return [actionVerb(a), issue, a.priority ?? '–', a.title ? safeText(a.title, 100) : '–', `${status}${why}`];
    }),
    empty: result.dryRun ? 'No issue actions would be taken.' : 'No issue actions were needed.',
  });
  return out.finish(renderLinks(result, links));
}

/** One line per incident with symptoms, root cause first: the story before the problem table. */
function summarizeIncidents(result: RunResult): string {
  const chains = linkedIncidents(result);
  if (chains.length === 0) return '';
  const lines = chains.slice(0, MAX_INCIDENTS).map((i) => {
    const symptoms = i.members.length - 1;
    return `- **${i.priority}** ${safeText(i.title, 120)} → ${symptoms} symptom${symptoms === 1 ? '' : 's'} in ${formatNames(i.services, 3)}`;
  });
  const more = chains.length > MAX_INCIDENTS ? [`- … and ${chains.length - MAX_INCIDENTS} more in the worklog`] : [];
  return [`### Incidents (root cause first)`, '', ...lines, ...more].join('\n');
}
