/**
 * The worklog: the markdown report an on-call engineer reads after (or during) an incident.
 * Pure and deterministic: every time comes from the RunResult, every log-derived string goes
 * through safe-markdown. Sections live in worklog-*.ts.
 */
import { renderTimeline } from './render-timeline.js';
import type { RunResult } from '../model/run-result.js';
import { renderActions } from './worklog-actions.js';
import { renderIgnored, renderNotes, renderQuery } from './worklog-appendix.js';
import { renderClusterSections, renderProblemsTable } from './worklog-clusters.js';
import { renderCollection, renderExecutiveSummary, renderWorklogHeading } from './worklog-header.js';
import { renderServiceStatus } from './worklog-services.js';
import { renderIncidents } from './worklog-incidents.js';
import { renderDeployVerdict } from './worklog-verdict.js';

export function renderWorklog(result: RunResult): string {
  const sections = [
    renderWorklogHeading(result),
    renderDeployVerdict(result),
    renderCollection(result),
    renderIncidents(result),
    renderExecutiveSummary(result),
    renderProblemsTable(result),
    renderClusterSections(result),
    renderServiceStatus(result),
    ['## Timeline', '', renderTimeline(result.clusters, result.window)].join('\n'),
    renderActions(result),
    renderNotes(result),
    renderQuery(result),
    renderIgnored(result),
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}
