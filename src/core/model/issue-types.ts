import type { Priority } from './cluster-types.js';

/** An issue as the tracker returns it: our small shape, not the REST payload. */
export interface TrackedIssue {
  number: number;
  url: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  /** `completed`, `not_planned`, `reopened`, or null. */
  stateReason: string | null;
  /** Epoch ms, or null while open. */
  closedAt: number | null;
  createdAt: number;
  author: string;
  labels: string[];
}

export type IssueActionKind = 'create' | 'update' | 'comment' | 'reopen' | 'close' | 'none' | 'skip';

/** One step of the plan: what to do for a cluster (or an orphaned issue) and why. */
export interface IssueAction {
  action: IssueActionKind;
  fingerprint: string;
  priority?: Priority;
  issueNumber?: number;
  title?: string;
  /** Why this action (and for `skip`, why not). */
  reason: string;
  /** Filled in by apply: `done`, `failed`, or `planned` in a dry run. */
  status?: 'planned' | 'done' | 'failed';
  error?: string;
  url?: string;
}
