/**
 * The JSON report's fields for a run with a baseline or a gate (issue 14, schema 2): `baseline`,
 * `clusters[].change`, `gone[]`, `serviceErrors[]`, `newRevisions[]` and `verdict`. Absent
 * without a baseline (and `verdict` without fail-on), so reports of other runs are unchanged.
 */
import type { RankedCluster, Priority } from '../model/cluster-types.js';
import type { ChangeKind } from '../model/cluster-change.js';
import type { FailOnScope, RequestCounts, Verdict } from '../model/comparison-types.js';
import type { RunResult } from '../model/run-result.js';
import { formatIso } from '../markdown/format.js';
import { stripControl } from '../markdown/safe-markdown.js';

export interface ReportChangeFields {
  /** With a baseline: against the window before (rates per minute). */
  change?: ChangeKind;
  changeDetail?: {
    ratePerMinute: number;
    baselineRatePerMinute: number;
    baselineCount: number;
    /** New and worse: revisions of its entries that served no request in the baseline. */
    newRevisions: string[];
    startedWithRevision: boolean;
    commits: string[];
  };
}

export interface ReportComparisonFields {
  baseline?: {
    window: { start: string; end: string };
    /** The part of the window the data covers (a logs-file that starts later covers less). */
    covered: { start: string; end: string };
    entries: number;
    analysed: number;
    estimated: boolean;
    /** false: a logs-file with no entry there; nothing was compared and fail-on counted every problem. */
    usable: boolean;
    notes: string[];
  };
  gone?: {
    fingerprint: string;
    title: string;
    priority: Priority;
    services: string[];
    baselineCount: number;
    baselineRatePerMinute: number;
  }[];
  serviceErrors?: {
    service: string;
    before: RequestCounts & { serverErrorsPerMinute: number };
    after: RequestCounts & { serverErrorsPerMinute: number };
  }[];
  newRevisions?: { service: string; revision: string; commit: string; firstSeen: string }[];
  verdict?: {
    status: Verdict['status'];
    failOn: Priority | null;
    scope: FailOnScope;
    reasons: string[];
    failing: string[];
  };
}

export function reportChange(cluster: RankedCluster): ReportChangeFields {
  const change = cluster.change;
  if (!change) return {};
  return {
    change: change.change,
    changeDetail: {
      ratePerMinute: change.rate,
      baselineRatePerMinute: change.baselineRate,
      baselineCount: change.baselineCount,
      newRevisions: [...change.newRevisions],
      startedWithRevision: change.startedWithRevision,
      commits: [...change.commits],
    },
  };
}

const iso = (w: { start: number; end: number }) => ({ start: formatIso(w.start), end: formatIso(w.end) });

export function reportComparison(result: RunResult): ReportComparisonFields {
  const { comparison: c, verdict } = result;
  const out: ReportComparisonFields = {};
  if (c) {
    out.baseline = {
      window: iso(c.baseline),
      covered: iso(c.covered),
      entries: c.entries,
      analysed: c.analysed,
      estimated: c.estimated,
      usable: c.usable,
      notes: [...c.notes],
    };
    out.gone = c.gone.map((g) => ({
      fingerprint: g.fingerprint,
      title: g.title,
      priority: g.priority,
      services: [...g.services],
      baselineCount: g.baselineCount,
      baselineRatePerMinute: g.baselineRate,
    }));
    out.serviceErrors = c.serviceErrors.map((s) => ({
      service: s.service,
      before: { ...s.before, serverErrorsPerMinute: s.beforePerMinute },
      after: { ...s.after, serverErrorsPerMinute: s.afterPerMinute },
    }));
    out.newRevisions = c.newRevisions.map((r) => ({ ...r, firstSeen: formatIso(r.firstSeen) }));
  }
  if (verdict && (c || verdict.status !== 'none'))
    out.verdict = {
      status: verdict.status,
      failOn: verdict.failOn,
      scope: verdict.scope,
      reasons: verdict.reasons.map(stripControl),
      failing: [...verdict.failing],
    };
  return out;
}
