/**
 * The step outputs of DESIGN §2. Issue counts are what this run did: actions with status
 * `done`; in a dry run, what it would do (status `planned`, or not yet stamped), so a dry run previews the numbers
 * a real run would report. Failed writes are never counted.
 */
import type { IssueAction, IssueActionKind } from '../model/issue-types.js';
import type { RunResult } from '../model/run-result.js';
import { findHighestPriority } from './build-report.js';

function countActions(result: RunResult, kinds: IssueActionKind[]): number {
  // A dry-run plan may not have been stamped `planned` yet; an unstamped real action did not happen.
  const counts = (status: IssueAction['status']): boolean =>
    result.dryRun ? status === 'planned' || status === undefined : status === 'done';
  return result.actions.filter((a) => kinds.includes(a.action) && counts(a.status)).length;
}

export function buildStepOutputs(
  result: RunResult,
  paths: { worklog: string; report: string },
): Record<string, string> {
  return {
    clusters: String(result.clusters.filter((c) => !c.ignored).length),
    // Problems correlated into incidents (issue 13): one issue per incident root.
    incidents: String(result.incidents?.length ?? 0),
    'highest-priority': findHighestPriority(result.clusters),
    'issues-created': String(countActions(result, ['create'])),
    // A comment on an open issue updates it as far as a workflow is concerned.
    'issues-updated': String(countActions(result, ['update', 'comment'])),
    'issues-reopened': String(countActions(result, ['reopen'])),
    // Writes that GitHub refused this run (always 0 in a dry run): the rest of the run went on.
    'issues-failed': String(result.actions.filter((a) => a.status === 'failed').length),
    // The post-deploy gate (issue 14): `none` without fail-on; new problems only with a baseline.
    verdict: result.verdict?.status ?? 'none',
    'new-problems': String(result.clusters.filter((c) => !c.ignored && c.change?.change === 'new').length),
    'worklog-path': paths.worklog,
    'report-path': paths.report,
  };
}
