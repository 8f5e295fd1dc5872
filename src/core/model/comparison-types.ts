/**
 * What the compare stage says about a run with a `baseline` (issue 14): each problem's change
 * against the window just before, the problems gone, the 5xx per service before and after, the
 * revisions that appeared, and the gate's verdict. Pure data, for the renderers and the report.
 */
import type { Priority } from './cluster-types.js';

export type { ChangeKind, ClusterChange } from './cluster-change.js';

/** A problem of the baseline not seen in the analysed window. */
export interface GoneProblem {
  fingerprint: string;
  title: string;
  priority: Priority;
  services: string[];
  baselineCount: number;
  baselineRate: number;
}

/** Request logs of one service in each window; `successful` (status < 400) tells whether the read held them. */
export interface RequestCounts {
  requests: number;
  serverErrors: number;
  successful: number;
}

export interface ServiceErrorRate {
  service: string;
  before: RequestCounts;
  after: RequestCounts;
  /** 5xx entries per minute in each window. */
  beforePerMinute: number;
  afterPerMinute: number;
}

/** A revision that logged in the analysed window but served no request in the baseline. */
export interface NewRevision {
  service: string;
  revision: string;
  /** '' when its entries carry no commit label. */
  commit: string;
  firstSeen: number;
}

export interface Comparison {
  /** The window asked for: just before the analysed one, `baseline` long. */
  baseline: { start: number; end: number };
  /**
   * The part of it the data covers: all of it for Cloud Logging; for a logs-file, from its first
   * entry when the file starts later. Rates are per minute of this span.
   */
  covered: { start: number; end: number };
  entries: number;
  analysed: number;
  /** Counts scaled up from a sampled baseline read. */
  estimated: boolean;
  /**
   * False when there is nothing to compare with: a logs-file with no entry in the baseline window.
   * Then no problem gets a change and the gate counts every problem (said in the verdict).
   */
  usable: boolean;
  gone: GoneProblem[];
  serviceErrors: ServiceErrorRate[];
  newRevisions: NewRevision[];
  /** Plain text for the worklog's verdict section and the report's notes. */
  notes: string[];
}

export type FailOnScope = 'changed' | 'all';

/** The post-deploy gate (`fail-on`, `fail-on-scope`). */
export interface Verdict {
  status: 'pass' | 'fail' | 'none';
  failOn: Priority | null;
  scope: FailOnScope;
  /** Plain text, log-derived titles redacted upstream; escape for the medium. */
  reasons: string[];
  /** Fingerprints of the problems that fail the gate. */
  failing: string[];
}
