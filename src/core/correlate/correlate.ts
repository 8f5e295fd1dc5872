/**
 * Correlates a window's problems into incidents (issue 13, DESIGN §1 step 5): each problem is
 * explained by at most one other, chosen by the strongest evidence (shared traces, a service that
 * cannot start, a caller naming its callee, a cause and its own 5xx, the same failing call), so
 * the links form trees. A tree is an incident; its top is the root cause. A symptom shared by two
 * incidents joins the one with the stronger evidence: no incident ever mixes two roots.
 */
import { PRIORITIES, type RankedCluster } from '../model/cluster-types.js';
import { incidentId, type Incident, type IncidentLink } from '../model/incident-types.js';
import { namingEdges, peerEdges } from './links-calls.js';
import { sameServiceEdges, traceEdges } from './links.js';
import { SAME_SERVICE_RANK } from './problem-role.js';
import { toNode, type Edge, type ProblemNode } from './problem-node.js';

export interface CorrelateInput {
  /** Ranked clusters; ignored ones (noise) belong to no incident. */
  clusters: RankedCluster[];
  window: { start: number; end: number };
}

/** Strongest evidence first; between equals, the better explainer, then a stable order. */
function byStrength(nodes: ProblemNode[]): (a: Edge, b: Edge) => number {
  return (a, b) => {
    const pa = nodes[a.parent]!;
    const pb = nodes[b.parent]!;
    return (
      b.strength - a.strength ||
      b.weight - a.weight ||
      SAME_SERVICE_RANK[pb.role] - SAME_SERVICE_RANK[pa.role] ||
      pa.cluster.firstSeen - pb.cluster.firstSeen ||
      pa.cluster.fingerprint.localeCompare(pb.cluster.fingerprint) ||
      nodes[a.child]!.cluster.fingerprint.localeCompare(nodes[b.child]!.cluster.fingerprint)
    );
  };
}

/** Each problem's one explaining link: the strongest that does not close a loop. */
function chooseParents(nodes: ProblemNode[], edges: Edge[]): Map<number, Edge> {
  const parent = new Map<number, Edge>();
  const reaches = (from: number, target: number): boolean => {
    for (let at: number | undefined = from; at !== undefined; at = parent.get(at)?.parent)
      if (at === target) return true;
    return false;
  };
  for (const edge of [...edges].sort(byStrength(nodes))) {
    if (parent.has(edge.child) || reaches(edge.parent, edge.child)) continue;
    parent.set(edge.child, edge);
  }
  return parent;
}

function toIncident(nodes: ProblemNode[], root: ProblemNode, children: Map<number, Edge[]>): Incident {
  const members: ProblemNode[] = [root];
  const links: IncidentLink[] = [];
  for (let i = 0; i < members.length; i++)
    for (const edge of children.get(members[i]!.index) ?? []) {
      members.push(nodes[edge.child]!);
      links.push({
        from: nodes[edge.parent]!.cluster.fingerprint,
        to: nodes[edge.child]!.cluster.fingerprint,
        evidence: edge.evidence,
      });
    }
  const clusters = members.map((m) => m.cluster);
  const priority = PRIORITIES[Math.min(...clusters.map((c) => PRIORITIES.indexOf(c.priority)))]!;
  return {
    id: incidentId(root.cluster.fingerprint),
    title: root.cluster.title,
    priority,
    root: root.cluster.fingerprint,
    rootRole: root.role,
    members: clusters.map((c) => c.fingerprint),
    services: [...new Set(clusters.flatMap((c) => c.services))],
    firstSeen: Math.min(...clusters.map((c) => c.firstSeen)),
    lastSeen: Math.max(...clusters.map((c) => c.lastSeen)),
    links,
  };
}

/** The window's incidents, most urgent first (priority, then the earliest start). */
export function correlate(input: CorrelateInput): Incident[] {
  const nodes = input.clusters.filter((c) => !c.ignored).map(toNode);
  const edges = [
    ...traceEdges(nodes),
    ...sameServiceEdges(nodes, input.window),
    ...namingEdges(nodes),
    ...peerEdges(nodes),
  ];
  const parent = chooseParents(nodes, edges);
  const children = new Map<number, Edge[]>();
  for (const edge of [...parent.values()].sort(byStrength(nodes)))
    children.set(edge.parent, [...(children.get(edge.parent) ?? []), edge]);
  return nodes
    .filter((n) => !parent.has(n.index))
    .map((root) => toIncident(nodes, root, children))
    .sort(
      (a, b) =>
        PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) ||
        a.firstSeen - b.firstSeen ||
        a.id.localeCompare(b.id),
    );
}

/** Incident id by member fingerprint. */
export function incidentOf(incidents: Incident[]): Map<string, string> {
  return new Map(incidents.flatMap((i) => i.members.map((m) => [m, i.id] as const)));
}
