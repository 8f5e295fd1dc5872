/** A cluster as the correlator sees it: its role, workloads, active minutes and trace ids, and how two compare. */
import type { RankedCluster } from '../model/cluster-types.js';
import type { ProblemRole } from '../model/incident-types.js';
import { formatClock } from '../markdown/format.js';
import { CROSS_SERVICE_RANK, problemRole, SAME_SERVICE_RANK, workloadOf } from './problem-role.js';

export const MINUTE = 60_000;

export interface ProblemNode {
  index: number;
  cluster: RankedCluster;
  role: ProblemRole;
  workloads: Set<string>;
  /** Minutes (epoch ms) with at least one member. */
  minutes: Set<number>;
  traces: Set<string>;
  /** In-app code locations (function and file), for "the same call fails". */
  locations: Set<string>;
}

/** One candidate link: `child` is explained by `parent`. Stronger evidence is tried first. */
export interface Edge {
  parent: number;
  child: number;
  /** Evidence class: 5 shared traces, 4 cannot start / names the callee, 3 same-service cause, 2 boot message, 1 peers. */
  strength: number;
  /** Within a class: shared traces, or the share of the symptom's minutes the cause was active. */
  weight: number;
  evidence: string;
}

export function toNode(cluster: RankedCluster, index: number): ProblemNode {
  return {
    index,
    cluster,
    role: problemRole(cluster),
    workloads: new Set(cluster.services.map(workloadOf)),
    minutes: new Set([...cluster.perMinute].filter(([, n]) => n > 0).map(([m]) => m)),
    traces: new Set(cluster.traceIds ?? []),
    locations: new Set(cluster.codeLocations.filter((l) => /\(\/app\/|^[\w.$<>*()]+ \(/.test(l))),
  };
}

export function sameService(a: ProblemNode, b: ProblemNode): boolean {
  for (const w of a.workloads) if (b.workloads.has(w)) return true;
  return false;
}

/** Share of `symptom`'s active minutes in which `cause` was active too (exact minutes). */
export function coActivity(cause: ProblemNode, symptom: ProblemNode): number {
  if (symptom.minutes.size === 0) return 0;
  let both = 0;
  for (const m of symptom.minutes) if (cause.minutes.has(m)) both++;
  return both / symptom.minutes.size;
}

export function sharedTraces(a: ProblemNode, b: ProblemNode): number {
  const [small, large] = a.traces.size <= b.traces.size ? [a.traces, b.traces] : [b.traces, a.traces];
  let n = 0;
  for (const t of small) if (large.has(t)) n++;
  return n;
}

export function sameRevision(a: RankedCluster, b: RankedCluster): boolean {
  if (a.revisions.length === 0 || b.revisions.length === 0) return true;
  return a.revisions.some((r) => b.revisions.includes(r));
}

/**
 * The order in which problems explain one another, best first: role (same-service or
 * cross-service ranks), then who began first (a minute apart or more), then an exception over a
 * message, the higher priority, the exact start, the fingerprint. Negative when `a` explains `b`.
 */
export function explainOrder(a: ProblemNode, b: ProblemNode, cross: boolean): number {
  const rank = cross ? CROSS_SERVICE_RANK : SAME_SERVICE_RANK;
  const ca = a.cluster;
  const cb = b.cluster;
  return (
    rank[b.role] - rank[a.role] ||
    (Math.abs(ca.firstSeen - cb.firstSeen) >= MINUTE ? ca.firstSeen - cb.firstSeen : 0) ||
    Number(cb.kind === 'exception') - Number(ca.kind === 'exception') ||
    ca.priority.localeCompare(cb.priority) ||
    ca.firstSeen - cb.firstSeen ||
    cb.count - ca.count ||
    ca.fingerprint.localeCompare(cb.fingerprint)
  );
}

/** `0:05 after it` / `1:10 before it` / `with it`, for evidence text. */
export function relativeStart(symptom: RankedCluster, cause: RankedCluster): string {
  const delta = symptom.firstSeen - cause.firstSeen;
  if (Math.abs(delta) < 1000) return 'with it';
  const s = Math.round(Math.abs(delta) / 1000);
  const text = s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${text} ${delta > 0 ? 'after' : 'before'} it (${formatClock(symptom.firstSeen)})`;
}
