import type { TrackedIssue } from '../core/model/issue-types.js';
import type { IssueTracker, IssueWrite } from '../ports.js';
import type { ActionOctokit, OctokitHandle, OctokitTiming } from './octokit.js';
import { createOctokit } from './octokit.js';

export { PRODUCTION_TIMING } from './octokit.js';

/** The login GITHUB_TOKEN writes as; that token may not call `GET /user` (403). */
export const ACTIONS_BOT = 'github-actions[bot]';

type IssuePayload = {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  closed_at: string | null;
  created_at: string;
  user: { login: string } | null;
  labels: (string | { name?: string })[];
  pull_request?: unknown;
};

function toTrackedIssue(raw: IssuePayload): TrackedIssue {
  return {
    number: raw.number,
    url: raw.html_url,
    title: raw.title,
    body: raw.body ?? '',
    state: raw.state === 'closed' ? 'closed' : 'open',
    stateReason: raw.state_reason ?? null,
    closedAt: raw.closed_at ? Date.parse(raw.closed_at) : null,
    createdAt: Date.parse(raw.created_at),
    author: raw.user?.login ?? '',
    labels: raw.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
  };
}

/** Content-creating POSTs are not retried blindly on 5xx: the first attempt may have succeeded. */
const NO_RETRY = { request: { retries: 0 } } as const;

/** A 5xx, or no answer at all (Octokit reports a failed fetch as status 500). */
function isServerError(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 500;
}

/** IssueTracker over the GitHub REST API (issues, comments, labels). Never the Search API (DESIGN §4). */
export class GitHubIssues implements IssueTracker {
  private readonly octokit: ActionOctokit;
  private login: string | undefined;

  constructor(
    private readonly handle: OctokitHandle,
    private readonly owner: string,
    private readonly repo: string,
  ) {
    this.octokit = handle.octokit;
  }

  /**
   * All open issues with the label, and closed ones closed at or after `closedSince`.
   * `since` filters on updated_at, not closed_at, so it cannot select by closing time; but an
   * issue closed after T was updated after T, so it is a safe pre-filter for the closed list
   * (which otherwise grows forever), and closed_at is then checked here.
   */
  async listIssues(label: string, closedSince: number): Promise<TrackedIssue[]> {
    const base = { owner: this.owner, repo: this.repo, labels: label, per_page: 100 };
    const open = await this.octokit.paginate(this.octokit.rest.issues.listForRepo, { ...base, state: 'open' });
    const closed = await this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
      ...base,
      state: 'closed',
      since: new Date(Math.max(0, closedSince)).toISOString(),
    });
    return [...open, ...closed]
      .filter((raw) => !raw.pull_request)
      .map((raw) => toTrackedIssue(raw as IssuePayload))
      .filter((issue) => issue.state === 'open' || (issue.closedAt !== null && issue.closedAt >= closedSince));
  }

  /**
   * Creates an issue exactly once. A 5xx (or a lost connection) may come after GitHub created it,
   * so before the one retry the newest issues with the label are checked for this body's marker
   * line (the list endpoint is consistent, unlike search).
   */
  async createIssue(issue: IssueWrite): Promise<{ number: number; url: string }> {
    try {
      return await this.postIssue(issue);
    } catch (error) {
      if (!isServerError(error)) throw error;
      const existing = await this.findCreated(issue);
      if (existing) return existing;
      return this.postIssue(issue);
    }
  }

  private async findCreated(issue: IssueWrite): Promise<{ number: number; url: string } | null> {
    const marker = issue.body.trimEnd().split('\n').pop() ?? '';
    if (!marker.startsWith('<!-- log-gardener:') || !issue.labels[0]) return null;
    const { data } = await this.octokit.rest.issues.listForRepo({
      owner: this.owner,
      repo: this.repo,
      labels: issue.labels[0],
      state: 'open',
      sort: 'created',
      direction: 'desc',
      per_page: 30,
    });
    const found = data.find((raw) => !raw.pull_request && (raw.body ?? '').trimEnd().endsWith(marker));
    return found ? { number: found.number, url: found.html_url } : null;
  }

  private async postIssue(issue: IssueWrite): Promise<{ number: number; url: string }> {
    const { data } = await this.octokit.rest.issues.create({
      owner: this.owner,
      repo: this.repo,
      title: issue.title,
      body: issue.body,
      labels: issue.labels,
      ...(issue.assignees?.length ? { assignees: issue.assignees } : {}),
      ...NO_RETRY,
    });
    return { number: data.number, url: data.html_url };
  }

  async updateIssue(
    number: number,
    patch: Partial<IssueWrite> & {
      state?: 'open' | 'closed';
      stateReason?: 'completed' | 'not_planned' | 'reopened' | 'duplicate';
    },
  ): Promise<void> {
    await this.octokit.rest.issues.update({
      owner: this.owner,
      repo: this.repo,
      issue_number: number,
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      ...(patch.labels !== undefined ? { labels: patch.labels } : {}),
      ...(patch.state !== undefined ? { state: patch.state } : {}),
      ...(patch.stateReason !== undefined ? { state_reason: patch.stateReason } : {}),
    });
  }

  async addComment(number: number, body: string): Promise<void> {
    await this.octokit.rest.issues.createComment({
      owner: this.owner,
      repo: this.repo,
      issue_number: number,
      body,
      ...NO_RETRY,
    });
  }

  async ensureLabels(labels: { name: string; color: string; description: string }[]): Promise<void> {
    const existing = await this.octokit.paginate(this.octokit.rest.issues.listLabelsForRepo, {
      owner: this.owner,
      repo: this.repo,
      per_page: 100,
    });
    const names = new Set(existing.map((l) => l.name.toLowerCase()));
    for (const label of labels) {
      if (names.has(label.name.toLowerCase())) continue;
      try {
        await this.octokit.rest.issues.createLabel({ owner: this.owner, repo: this.repo, ...label });
      } catch (error) {
        // 422 already_exists: a concurrent run created it between our list and create.
        if ((error as { status?: number }).status !== 422) throw error;
      }
      names.add(label.name.toLowerCase());
    }
  }

  requestCount(): number {
    return this.handle.requests();
  }

  notes(): string[] {
    return this.handle.waits();
  }

  /** Write requests sent (POST/PATCH/…), retries included. */
  writeCount(): number {
    return this.handle.writes();
  }

  async identity(): Promise<string> {
    if (this.login !== undefined) return this.login;
    try {
      const { data } = await this.octokit.rest.users.getAuthenticated();
      this.login = data.login;
    } catch (error) {
      // GITHUB_TOKEN (an installation token) gets 403 "Resource not accessible by integration".
      const status = (error as { status?: number }).status;
      if (status !== 403) throw error;
      this.login = ACTIONS_BOT;
    }
    return this.login;
  }
}

export function createGitHubIssues(
  config: { token: string; apiUrl: string; owner: string; repo: string },
  log?: (message: string) => void,
  timing?: OctokitTiming,
): GitHubIssues {
  return new GitHubIssues(
    createOctokit({ token: config.token, apiUrl: config.apiUrl }, log, timing),
    config.owner,
    config.repo,
  );
}
