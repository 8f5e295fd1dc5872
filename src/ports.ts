import type { LogRecord } from './core/model/log-record.js';
import type { TrackedIssue } from './core/model/issue-types.js';
import type { SourceInfo } from './core/model/run-result.js';

/** Where entries come from: an export file or Cloud Logging. Yields raw LogEntry JSON. */
export interface LogSource {
  read(): AsyncIterable<unknown>;
  /** The same entries in arrays: one await per batch instead of per entry (a million-entry file). */
  readBatches?(): AsyncIterable<unknown[]>;
  /** What was read and how; complete once `read()` has finished. */
  info(): SourceInfo;
  /**
   * Entries that stand for more window entries than themselves, by insertId, on top of
   * `sampleFraction`: a problem peeled from a Cloud Logging read is counted from a sample (1/f
   * each, estimated); a Log Analytics group's samples share its exact count (exact).
   */
  weights?(): { byId: ReadonlyMap<string, number>; exact: boolean };
}

export interface IssueWrite {
  title: string;
  body: string;
  labels: string[];
  /** Per-service assignees from the rules (only on create). */
  assignees?: string[];
}

/** The GitHub issues the action manages; our small shapes, never REST payloads. */
export interface IssueTracker {
  /** Issues with `label`: all open ones, and closed ones closed at or after `closedSince` (epoch ms). */
  listIssues(label: string, closedSince: number): Promise<TrackedIssue[]>;
  createIssue(issue: IssueWrite): Promise<{ number: number; url: string }>;
  updateIssue(
    number: number,
    patch: Partial<IssueWrite> & {
      state?: 'open' | 'closed';
      stateReason?: 'completed' | 'not_planned' | 'reopened' | 'duplicate';
    },
  ): Promise<void>;
  addComment(number: number, body: string): Promise<void>;
  /** Creates the labels that do not exist yet. */
  ensureLabels(labels: { name: string; color: string; description: string }[]): Promise<void>;
  /** Requests made so far (for the worklog). */
  requestCount(): number;
  /** What the worklog should know of the requests: rate-limit waits and retries. */
  notes?(): string[];
  /** Login the token writes as: the token's user, or `github-actions[bot]` when `GET /user` is forbidden. */
  identity(): Promise<string>;
}

export interface Clock {
  now(): number;
}

/** Where results go besides files: the runner (outputs, summary, artifact) or the console. */
export interface Reporter {
  info(message: string): void;
  warning(message: string): void;
  setOutput(name: string, value: string): void;
  writeSummary(markdown: string): Promise<void>;
  uploadArtifact(name: string, files: string[], rootDir: string): Promise<string>;
}

export type { LogRecord, SourceInfo };
