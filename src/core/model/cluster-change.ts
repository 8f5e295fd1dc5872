/** A problem's change against the baseline (compare stage); a leaf, so cluster-types can name it. */

export type ChangeKind = 'new' | 'worse' | 'same' | 'better';

/** One problem of the analysed window against the baseline. Rates are entries per minute. */
export interface ClusterChange {
  change: ChangeKind;
  rate: number;
  baselineRate: number;
  /** Entries in the baseline (0 when new); an estimate when the baseline read was sampled. */
  baselineCount: number;
  /** New and worse: revisions of its entries that served no request in the baseline. */
  newRevisions: string[];
  /** New and worse: every revision of its entries is new — it started with the deploy. */
  startedWithRevision: boolean;
  /** Commits of those revisions (the `commit-sha` label Cloud Build deploys set), when logged. */
  commits: string[];
}
