/**
 * Evidence about calls: a caller whose errors name its callee, and two errors of one caller that
 * are the same failing call (same code location, or the same failing requests).
 */
import { SAME_SERVICE_RANK } from './problem-role.js';
import { coActivity, MINUTE, sameService, sharedTraces, type Edge, type ProblemNode } from './problem-node.js';

const LEAD = 2 * MINUTE;
const CALL_ROLES = new Set(['exception', 'remote', 'dependency']);

/** `orders-api` of `shop/orders-api` (GKE) or `orders-api` (Cloud Run). */
function nameOf(workload: string): string {
  return workload.slice(workload.lastIndexOf('/') + 1).toLowerCase();
}

/** Cloud Run (`NAME-hash-ew.a.run.app`, `NAME-123.europe-west1.run.app`), App Engine, Kubernetes DNS. */
export function hostNames(host: string, name: string): boolean {
  if (name.length < 3) return false;
  if (host === name || host.startsWith(`${name}.`)) return true;
  return host.startsWith(`${name}-`) && (host.endsWith('.run.app') || host.endsWith('.appspot.com'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The workloads a caller names, with how: hosts it calls (the longest matching name), or names as words. */
function namedWorkloads(node: ProblemNode, workloads: string[]): Map<string, string> {
  const named = new Map<string, string>();
  for (const host of node.cluster.mentions ?? []) {
    const match = workloads
      .filter((w) => hostNames(host, nameOf(w)))
      .sort((a, b) => nameOf(b).length - nameOf(a).length)[0];
    if (match) named.set(match, `calls ${host}`);
  }
  const sample = node.cluster.samples[0];
  const text = `${node.cluster.title}\n${node.cluster.template}\n${sample?.message ?? ''}`;
  for (const w of workloads) {
    const name = nameOf(w);
    if (named.has(w) || name.length < 4) continue;
    if (new RegExp(`(?<![\\w-])${escapeRegExp(name)}(?![\\w-])`, 'i').test(text)) named.set(w, `names ${name}`);
  }
  return named;
}

/**
 * Caller → callee: a problem of service A whose entries name service B, beginning while B has
 * problems, is explained by B's problems (the callee's cause first: weight is its role).
 */
export function namingEdges(nodes: ProblemNode[]): Edge[] {
  const byWorkload = new Map<string, ProblemNode[]>();
  for (const n of nodes) for (const w of n.workloads) byWorkload.set(w, [...(byWorkload.get(w) ?? []), n]);
  const edges: Edge[] = [];
  for (const caller of nodes) {
    if (caller.role === 'request') continue;
    const others = [...byWorkload.keys()].filter((w) => !caller.workloads.has(w));
    for (const [workload, how] of namedWorkloads(caller, others)) {
      const callees = byWorkload.get(workload)!;
      const start = caller.cluster.firstSeen;
      for (const callee of callees) {
        const c = callee.cluster;
        if (sameService(caller, callee) || c.firstSeen > start + LEAD || c.lastSeen < start - LEAD) continue;
        edges.push({
          parent: callee.index,
          child: caller.index,
          strength: 4,
          weight: SAME_SERVICE_RANK[callee.role],
          evidence: `${caller.cluster.services.join(', ')} ${how} and began while ${nameOf(workload)} was failing`,
        });
      }
    }
  }
  return edges;
}

/** Two errors of one service in one call: a shared code location, or the same failing requests. */
function samePeerCall(a: ProblemNode, b: ProblemNode, requests: ProblemNode[]): string {
  const location = [...a.locations].find((l) => b.locations.has(l));
  if (location && coActivity(a, b) >= 0.5) return `the same call fails (${location})`;
  const request = requests.find((r) => sameService(r, a) && sharedTraces(r, a) > 0 && sharedTraces(r, b) > 0);
  return request ? `both fail the same requests (${request.cluster.title})` : '';
}

/** Peers get an edge each way; the one with the stronger evidence elsewhere becomes the parent. */
export function peerEdges(nodes: ProblemNode[]): Edge[] {
  const calls = nodes.filter((n) => CALL_ROLES.has(n.role));
  const requests = nodes.filter((n) => n.role === 'request' && n.traces.size > 0);
  const edges: Edge[] = [];
  for (let i = 0; i < calls.length; i++)
    for (let j = i + 1; j < calls.length; j++) {
      const a = calls[i]!;
      const b = calls[j]!;
      if (!sameService(a, b)) continue;
      const why = samePeerCall(a, b, requests);
      if (!why) continue;
      edges.push(
        { parent: a.index, child: b.index, strength: 1, weight: coActivity(a, b), evidence: why },
        { parent: b.index, child: a.index, strength: 1, weight: coActivity(b, a), evidence: why },
      );
    }
  return edges;
}
