import type { RankedCluster } from '../model/cluster-types.js';
import type { IssueAction, TrackedIssue } from '../model/issue-types.js';

/**
 * Each problem's issue after this run, number and URL, for the worklog, summary and report: from
 * the action (a new issue's URL is known only once apply created it), else from the issue list.
 */
export function issueLinks(
  actions: IssueAction[],
  issues: TrackedIssue[],
  clusters: RankedCluster[],
): Record<string, { number: number; url: string }> {
  const links: Record<string, { number: number; url: string }> = {};
  const fingerprints = new Set(clusters.map((c) => c.fingerprint));
  for (const a of actions) {
    if (a.issueNumber && fingerprints.has(a.fingerprint)) {
      const url = a.url ?? issues.find((i) => i.number === a.issueNumber)?.url ?? '';
      links[a.fingerprint] = { number: a.issueNumber, url };
    }
  }
  return links;
}

/** The workflow run's page, which issue text and the worklog link to; '' outside Actions. */
export function workflowRunUrl(serverUrl: string, repository: { owner: string; repo: string }, runId: string): string {
  return runId ? `${serverUrl}/${repository.owner}/${repository.repo}/actions/runs/${runId}` : '';
}
