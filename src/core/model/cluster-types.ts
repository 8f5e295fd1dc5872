import type { LogRecord, Severity } from './log-record.js';
import type { ClusterChange } from './cluster-change.js';

export type ClusterKind = 'exception' | 'request' | 'message';

/** What a clusterer decides about a group: the identity that is stable across windows. */
export interface ClusterIdentity {
  /** Versioned, window-independent: e.g. `v1:exc:3f2a…`. DESIGN §4. */
  fingerprint: string;
  kind: ClusterKind;
  /** Masked message template, route template or exception summary. */
  template: string;
  /** Concise, stable problem statement (no counts, ids or times). */
  title: string;
  /** How it was grouped, for a human who disagrees: strategy and key. */
  grouping: string;
  errorType?: string;
  /** In-app frames (function and file, no line numbers). */
  frames?: string[];
  route?: string;
  method?: string;
  status?: number;
}

/** Assigns records to provisional groups while streaming; resolves them to identities at the end. */
export interface Clusterer {
  /** Returns a provisional group key; records with one key always end in one cluster. */
  add(record: LogRecord): string;
  /** Maps every provisional key to its final identity (several keys may share one fingerprint). */
  finish(): Map<string, ClusterIdentity>;
}

/** Where a cluster's entries come from: one resource type and service, and the query selecting them. */
export interface ClusterResource {
  /** Monitored resource type: `k8s_container`, `gae_app`, … */
  type: string;
  service: string;
  /** LogRecord.selector: Logging query clauses selecting this resource and service. */
  selector: string;
}

/** One problem: an identity with the statistics of its member entries. */
export interface Cluster extends ClusterIdentity {
  count: number;
  /** True when counts are scaled up from a sample. */
  estimated: boolean;
  /** Fraction of all analysed entries. */
  share: number;
  /** Highest severity among members. */
  severity: Severity;
  severityCounts: Partial<Record<Severity, number>>;
  services: string[];
  revisions: string[];
  routes: string[];
  /** Distinct instances seen. */
  instances: number;
  firstSeen: number;
  lastSeen: number;
  /** Member count per minute, keyed by the minute's epoch ms. */
  perMinute: Map<number, number>;
  /** A few representative members (redacted), most useful first. */
  samples: LogRecord[];
  insertIds: string[];
  /** Distinct code locations (sourceLocation or in-app frames). */
  codeLocations: string[];
  /** HTTP statuses seen among members (request clusters). */
  statuses: number[];
  /** Distinct resources of the members (capped, sorted by selector); absent when none named one. */
  resources?: ClusterResource[];
  /**
   * A bounded, consistent sample of the members' trace ids (the ones with the smallest hashes, so
   * two clusters sharing requests keep the same ones); absent when no member had a trace.
   */
  traceIds?: string[];
  /** Hosts the members' messages and stacks name (`orders-api-…run.app`), bounded; absent when none. */
  mentions?: string[];
}

export type Priority = 'P0' | 'P1' | 'P2' | 'P3';
export const PRIORITIES: readonly Priority[] = ['P0', 'P1', 'P2', 'P3'];

/** A cluster with a priority and the rule's advice. `ignored` clusters get no issue. */
export interface RankedCluster extends Cluster {
  priority: Priority;
  reasons: string[];
  likelyCauses: string[];
  recommendedActions: string[];
  /** Id of the rule that set the base priority. */
  rule: string;
  ignored: boolean;
  /** With a `baseline`: how it changed against the window before (compare stage). */
  change?: ClusterChange;
}

/** Record fields a grouping rule can split a cluster by. */
export type SplitField = 'service' | 'revision' | 'logName' | 'resourceType' | 'status' | 'severity';

/** A user's custom grouping (config `grouping:`): force one fingerprint, or split by a field. */
export interface GroupingRule {
  /** Regular-expression source, matched against the record's message (and stack). */
  match: string;
  /** Merge: every matching record gets this fingerprint (prefixed and versioned by the clusterer). */
  fingerprint?: string;
  /** Merge: the problem's title (default: the fingerprint name in words). */
  title?: string;
  /** Split: matching records are grouped as usual, then separated by this field. */
  splitBy?: SplitField;
}
