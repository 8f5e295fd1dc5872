import type { Priority, RankedCluster } from '../model/cluster-types.js';
import type { IssueAction, TrackedIssue } from '../model/issue-types.js';
import type { Incident } from '../model/incident-types.js';

/** What the issue planner takes and returns (plan-issues.ts); apply-plan.ts carries out the writes. */

export interface PlanSettings {
  minIssuePriority: Priority;
  maxNewIssues: number;
  reopenWindowMs: number;
  muteLabel: string;
  closeAfterMs: number;
  labels: string[];
  maxWrites?: number;
}

export interface PlanInput {
  clusters: RankedCluster[];
  /** One issue per incident root; without them, one per problem. */
  incidents?: Incident[];
  issues: TrackedIssue[];
  trustedAuthors: string[];
  now: number;
  window: { start: number; end: number };
  runUrl: string;
  logsLinks: Record<string, string>;
  repository: string;
  settings: PlanSettings;
  serviceRouting: Record<string, { labels: string[]; assignees: string[] }>;
}

export interface IssuePatch {
  title?: string;
  body?: string;
  labels?: string[];
  state?: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | 'reopened' | 'duplicate';
}

/** One request apply makes; `action` indexes `IssuePlan.actions` (a failure marks that action). */
export type PlannedWrite =
  | { kind: 'create'; action: number; issue: { title: string; body: string; labels: string[]; assignees: string[] } }
  | { kind: 'update' | 'reopen' | 'close'; action: number; issueNumber: number; patch: IssuePatch }
  | { kind: 'comment'; action: number; issueNumber: number; body: string };

export interface IssuePlan {
  actions: IssueAction[];
  writes: PlannedWrite[];
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** One action and its writes, before the plan numbers them. */
export type Step = { action: IssueAction; writes: DistributiveOmit<PlannedWrite, 'action'>[] };
