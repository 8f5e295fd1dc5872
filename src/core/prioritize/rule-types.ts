/** The rules' types: a leaf every rules module imports, so none of them imports another for a type. */
import type { ClusterKind, GroupingRule, Priority } from '../model/cluster-types.js';
import type { Severity } from '../model/log-record.js';

/** Conditions of a rule; all given conditions must hold. Regexes are case-insensitive. */
export interface RuleMatch {
  /** Regex over the cluster's template, title, route and sample messages. */
  message?: string;
  /** Regex over the exception type (structured, or the `Type:` prefix of the message). */
  errorType?: string;
  kind?: ClusterKind;
  /** Highest member severity at least this. */
  severity?: Severity;
  /** Highest member severity at most this. */
  maxSeverity?: Severity;
  /** Inclusive HTTP status range; matches when any member status is in it. */
  status?: [number, number];
  /** Regex over the cluster's services (any). */
  service?: string;
  /** Regex over the sample entries' short log names (any). */
  logName?: string;
  /** At least this many entries. */
  minCount?: number;
  /**
   * true: the cluster persists (at least 5 entries, or 2 minutes from first to last);
   * false: it does not (a lone line). Absent: either.
   */
  persistent?: boolean;
}

export type RuleOutcome = Priority | 'ignore';

export interface PriorityRule {
  id: string;
  match: RuleMatch;
  priority: RuleOutcome;
  reason: string;
  likelyCauses: string[];
  recommendedActions: string[];
  /** Whether volume, spread and newness may raise the priority. */
  escalate: boolean;
}

export interface IgnoreRule {
  /** Regex over the same texts as `RuleMatch.message`. */
  match: string;
  /** Regex (anchored) over the cluster's services; all services when absent. */
  service?: string;
}

export interface ServiceSettings {
  labels: string[];
  assignees: string[];
}

export interface RulesConfig {
  rules: PriorityRule[];
  ignore: IgnoreRule[];
  grouping: GroupingRule[];
  services: Record<string, ServiceSettings>;
}
