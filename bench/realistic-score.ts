/**
 * Scores one report of the bundle against the ground truth of a realistic hour (issues 12 and 13).
 * Every share is entries-weighted over the entries whose truth says `analyse`.
 */
import type { HourTruth } from '../scripts/realistic/generate.js';

interface ReportCluster {
  fingerprint: string;
  priority: string;
  ignored: boolean;
  insertIds: string[];
  incident?: string | null;
}
interface ReportIncident {
  id: string;
  root: string;
  members: string[];
}
interface ReportAction {
  action: string;
  fingerprint: string;
}

/** A share as numerator / denominator, so shares add up across hours entries-weighted. */
export interface Ratio {
  n: number;
  d: number;
}

export interface HourScore {
  /** Analysed entries per the truth. */
  analysed: number;
  /** Of them, present in some cluster of the report. */
  found: Ratio;
  purity: Ratio;
  whole: Ratio;
  priority: Ratio;
  /** Problem → fingerprint, for each problem kept whole (to compare hour 1 with hour 2). */
  wholeFingerprints: Map<string, string>;
  /** Flood hours: rare problems that have a cluster of their own. */
  rare?: Ratio;
  /** True incidents expecting an issue that get exactly one create/update/reopen/comment. */
  oneIssue: Ratio;
  /** Only when the report has incidents. */
  incidents?: { rootNamed: Ratio; mixing: number; reported: number };
  /** Problems (by id) not whole, with the number of clusters they landed in, for the diagnosis. */
  split: Record<string, number>;
  /** Problems whose priority is not acceptable: id → the priorities given. */
  wrongPriority: Record<string, string[]>;
}

const ISSUE_ACTIONS = new Set(['create', 'update', 'reopen', 'comment']);

const add = (r: Ratio, ok: boolean, weight = 1): void => {
  r.d += weight;
  if (ok) r.n += weight;
};

export function scoreHour(truth: HourTruth, report: Record<string, unknown> | null): HourScore {
  const clusters = ((report?.clusters as ReportCluster[] | undefined) ?? []).map((c) => ({
    ...c,
    insertIds: c.insertIds ?? [],
  }));
  const actions = (report?.actions as ReportAction[] | undefined) ?? [];
  const clusterOf = new Map<string, number>();
  clusters.forEach((c, i) => c.insertIds.forEach((id) => clusterOf.set(id, i)));

  const analysedIds = Object.entries(truth.entries).filter(([, t]) => t.analyse);
  const problemOf = (id: string) => truth.entries[id]?.problem ?? '(none)';

  const found: Ratio = { n: 0, d: 0 };
  const purity: Ratio = { n: 0, d: 0 };
  const whole: Ratio = { n: 0, d: 0 };
  const priority: Ratio = { n: 0, d: 0 };
  const wrongPriority: Record<string, Set<string>> = {};

  // Problem → the clusters holding its analysed entries ('missing' when one is absent).
  const placement = new Map<string, Set<number | 'missing'>>();
  for (const [id, t] of analysedIds) {
    const c = clusterOf.get(id);
    add(found, c !== undefined);
    const key = t.problem ?? '(none)';
    if (!placement.has(key)) placement.set(key, new Set());
    placement.get(key)!.add(c ?? 'missing');
    const given = c === undefined ? 'missing' : clusters[c]!.ignored ? 'ignore' : clusters[c]!.priority;
    const ok = (t.priorities as string[]).includes(given);
    add(priority, ok);
    if (!ok) (wrongPriority[key] ??= new Set()).add(given);
  }
  const wholeFingerprints = new Map<string, string>();
  const split: Record<string, number> = {};
  const problemSize = new Map<string, number>();
  for (const [, t] of analysedIds)
    problemSize.set(t.problem ?? '(none)', (problemSize.get(t.problem ?? '(none)') ?? 0) + 1);
  for (const [problem, where] of placement) {
    const size = problemSize.get(problem)!;
    const isWhole = where.size === 1 && !where.has('missing');
    add(whole, isWhole, size);
    if (isWhole) wholeFingerprints.set(problem, clusters[[...where][0] as number]!.fingerprint);
    else split[problem] = where.size;
  }

  // Purity: per cluster, the largest single-problem share of its analysed members.
  const analysedSet = new Set(analysedIds.map(([id]) => id));
  const clusterProblems: Map<string, number>[] = clusters.map(() => new Map());
  clusters.forEach((c, i) => {
    for (const id of c.insertIds) {
      if (!analysedSet.has(id)) continue;
      const p = problemOf(id);
      clusterProblems[i]!.set(p, (clusterProblems[i]!.get(p) ?? 0) + 1);
    }
    const counts = [...clusterProblems[i]!.values()];
    const total = counts.reduce((a, b) => a + b, 0);
    if (total > 0) {
      purity.n += Math.max(...counts);
      purity.d += total;
    }
  });

  let rare: Ratio | undefined;
  if (truth.rare) {
    rare = { n: 0, d: 0 };
    for (const problem of truth.rare) {
      const own = clusters.some((_, i) => {
        const ps = clusterProblems[i]!;
        return ps.size === 1 && ps.has(problem);
      });
      add(rare, own);
    }
  }

  // Incidents: the clusters that belong to each true incident (by majority of their entries).
  const incidentOfProblem = new Map(Object.values(truth.problems).map((p) => [p.id, p.incident]));
  const clusterIncident = clusterProblems.map((ps) => {
    const byIncident = new Map<string, number>();
    for (const [p, n] of ps) {
      const inc = incidentOfProblem.get(p);
      if (inc) byIncident.set(inc, (byIncident.get(inc) ?? 0) + n);
    }
    let best: string | null = null;
    let bestN = 0;
    for (const [inc, n] of byIncident) if (n > bestN) [best, bestN] = [inc, n];
    return best;
  });
  const oneIssue: Ratio = { n: 0, d: 0 };
  for (const incident of truth.incidents.filter((i) => i.expectIssue)) {
    const fps = new Set(clusters.filter((_, i) => clusterIncident[i] === incident.id).map((c) => c.fingerprint));
    const issues = actions.filter((a) => ISSUE_ACTIONS.has(a.action) && fps.has(a.fingerprint)).length;
    add(oneIssue, issues === 1);
  }

  let incidents: HourScore['incidents'];
  const reported = report?.incidents as ReportIncident[] | undefined;
  if (Array.isArray(reported)) {
    const byFingerprint = new Map(clusters.map((c, i) => [c.fingerprint, i]));
    const rootNamed: Ratio = { n: 0, d: 0 };
    for (const incident of truth.incidents) {
      // The reported incident holding most of the true incident's analysed entries.
      let best: ReportIncident | undefined;
      let bestN = 0;
      for (const r of reported) {
        let n = 0;
        for (const fp of r.members) {
          const i = byFingerprint.get(fp);
          if (i === undefined) continue;
          for (const [p, k] of clusterProblems[i]!) if (incidentOfProblem.get(p) === incident.id) n += k;
        }
        if (n > bestN) [best, bestN] = [r, n];
      }
      const rootCluster = best ? byFingerprint.get(best.root) : undefined;
      const named = rootCluster === undefined ? undefined : majority(clusterProblems[rootCluster]!);
      add(rootNamed, named === incident.root);
    }
    const trueRoots = new Set(truth.incidents.map((i) => i.root));
    let mixing = 0;
    for (const r of reported) {
      const roots = new Set<string>();
      for (const fp of r.members) {
        const i = byFingerprint.get(fp);
        if (i === undefined) continue;
        for (const p of clusterProblems[i]!.keys()) if (trueRoots.has(p)) roots.add(p);
      }
      if (roots.size > 1) mixing++;
    }
    incidents = { rootNamed, mixing, reported: reported.length };
  }

  return {
    analysed: analysedIds.length,
    found,
    purity,
    whole,
    priority,
    wholeFingerprints,
    rare,
    oneIssue,
    incidents,
    split,
    wrongPriority: Object.fromEntries(Object.entries(wrongPriority).map(([k, v]) => [k, [...v].sort()])),
  };
}

function majority(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestN = 0;
  for (const [k, n] of counts) if (n > bestN) [best, bestN] = [k, n];
  return best;
}

/** Whole problems of both hours with the same fingerprint in each. */
export function fingerprintStability(hour1: HourScore, hour2: HourScore): Ratio & { changed: string[] } {
  const r = { n: 0, d: 0, changed: [] as string[] };
  for (const [problem, fp] of hour1.wholeFingerprints) {
    const fp2 = hour2.wholeFingerprints.get(problem);
    if (fp2 === undefined) continue;
    add(r, fp === fp2);
    if (fp !== fp2) r.changed.push(problem);
  }
  return r;
}
