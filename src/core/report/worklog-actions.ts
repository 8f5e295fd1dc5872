/** Worklog: the issue plan and what came of it. */
import type { IssueAction } from '../model/issue-types.js';
import type { RunResult } from '../model/run-result.js';
import { safeText } from '../markdown/safe-markdown.js';
import { actionVerb, formatCount, link, table } from '../markdown/format.js';

export const MAX_ACTION_ROWS = 500;

function describeStatus(action: IssueAction, dryRun: boolean): string {
  if (action.status === 'failed') return `**failed**${action.error ? `: ${safeText(action.error, 200)}` : ''}`;
  if (action.status) return action.status;
  if (dryRun) return 'planned';
  if (action.action === 'skip') return 'skipped';
  return action.action === 'none' ? 'no change' : '–';
}

function describeIssue(action: IssueAction, result: RunResult): string {
  const known = result.issueLinks[action.fingerprint];
  const number = action.issueNumber ?? known?.number;
  if (number === undefined) return action.action === 'create' && result.dryRun ? 'new' : '–';
  return link(`#${number}`, action.url ?? known?.url);
}

export function renderActions(result: RunResult): string {
  const heading = '## Issue actions';
  const intro = result.dryRun ? '_Dry run: planned, not carried out._' : '';
  if (result.actions.length === 0) {
    return [
      heading,
      '',
      result.dryRun ? '_Dry run: no issue actions would be taken._' : 'No issue actions were needed.',
    ].join('\n');
  }
  const rows = result.actions
    .slice(0, MAX_ACTION_ROWS)
    .map((a) => [
      actionVerb(a),
      describeIssue(a, result),
      a.priority ?? '–',
      a.title ? safeText(a.title, 120) : '–',
      safeText(a.reason, 200),
      describeStatus(a, result.dryRun),
    ]);
  const parts = [heading, ''];
  if (intro) parts.push(intro, '');
  parts.push(table(['Action', 'Issue', 'Priority', 'Problem', 'Reason', 'Status'], rows));
  if (result.actions.length > MAX_ACTION_ROWS) {
    parts.push(
      '',
      `_${formatCount(result.actions.length - MAX_ACTION_ROWS)} more actions are listed in the JSON report._`,
    );
  }
  return parts.join('\n');
}
