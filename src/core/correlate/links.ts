/**
 * The evidence that one problem explains another (issue 13). Every rule needs more than time in
 * the same minutes: a shared service (and revision), shared trace ids, or a caller naming its
 * callee. Time alone never links two services.
 */
import { isServerError } from './problem-role.js';
import {
  coActivity,
  explainOrder,
  MINUTE,
  relativeStart,
  sameRevision,
  sameService,
  sharedTraces,
  type Edge,
  type ProblemNode,
} from './problem-node.js';

/** How far before its cause a symptom may begin (clocks and log delivery differ by seconds). */
const LEAD = 2 * MINUTE;
/** A cause and the failures it explains are active in the same minutes at least this often. */
const TOGETHER = 0.8;

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/** Both began within LEAD of the window's start: an outage older than the window shows its symptoms first. */
function bothOpenedWithWindow(a: ProblemNode, b: ProblemNode, window: { start: number }): boolean {
  return a.cluster.firstSeen - window.start <= LEAD && b.cluster.firstSeen - window.start <= LEAD;
}

/** The symptom begins no earlier than LEAD before the cause and while the cause is still seen. */
function beginsDuring(cause: ProblemNode, symptom: ProblemNode, window: { start: number }): boolean {
  const s = symptom.cluster.firstSeen;
  const inSpan = s >= cause.cluster.firstSeen - LEAD && s <= cause.cluster.lastSeen + LEAD;
  return inSpan || bothOpenedWithWindow(cause, symptom, window);
}

/**
 * Same service, cannot start: a startup failure or out-of-memory crash explains the service's
 * exits, probe failures, 5xx, and the boot messages logged at every failed start.
 */
function cannotStart(cause: ProblemNode, symptom: ProblemNode, window: { start: number }): Edge | null {
  if (cause.role !== 'startup' && cause.role !== 'oom') return null;
  if (!beginsDuring(cause, symptom, window)) return null;
  const c = cause.cluster;
  const what = cause.role === 'oom' ? 'runs out of memory' : 'cannot start';
  const head = `${c.services.join(', ')} ${what} (${short(c.title)})`;
  const edge = (strength: number, weight: number, why: string): Edge => ({
    parent: cause.index,
    child: symptom.index,
    strength,
    weight,
    evidence: `${head}; ${why}`,
  });
  const together = coActivity(cause, symptom);
  switch (symptom.role) {
    case 'platform':
      return edge(4, together, `its platform reports began ${relativeStart(symptom.cluster, c)}`);
    case 'request':
      return isServerError(symptom.cluster)
        ? edge(
            4,
            together,
            `its requests fail (HTTP ${symptom.cluster.statuses.join(', ')}), beginning ${relativeStart(symptom.cluster, c)}`,
          )
        : null;
    case 'startup':
    case 'oom': {
      // One failure logged twice (a problem split in two): either covers the other's minutes,
      // and the better explainer (an exception over a platform message) is the parent.
      const either = Math.max(together, coActivity(symptom, cause));
      return either >= TOGETHER && sameRevision(c, symptom.cluster) && explainOrder(cause, symptom, false) < 0
        ? edge(
            3,
            either,
            `logged at the same failed starts (same revision, ${Math.round(either * 100)}% of the minutes)`,
          )
        : null;
    }
    case 'message':
      return together >= TOGETHER && sameRevision(c, symptom.cluster)
        ? edge(
            2,
            together,
            `logged at every failed start (same revision, ${Math.round(together * 100)}% of its minutes)`,
          )
        : null;
    default:
      return null;
  }
}

/**
 * Same service, a cause and its requests: an exception (or lost dependency, or failed call) and the
 * service's own 5xx that begin within a minute on the same revision, or fail in the same minutes.
 */
function causeAndRequests(cause: ProblemNode, symptom: ProblemNode): Edge | null {
  if (!['dependency', 'exception', 'remote'].includes(cause.role) || !isServerError(symptom.cluster)) return null;
  const c = cause.cluster;
  const s = symptom.cluster;
  if (!sameRevision(c, s)) return null;
  const together = coActivity(cause, symptom);
  const close = Math.abs(s.firstSeen - c.firstSeen) <= MINUTE;
  const during = s.firstSeen >= c.firstSeen - MINUTE && s.firstSeen <= c.lastSeen && together >= TOGETHER;
  if (!close && !during) return null;
  const handler = c.codeLocations.some((l) => s.routes.some((r) => routeNamedIn(r, l)));
  return {
    parent: cause.index,
    child: symptom.index,
    strength: 3,
    weight: together + (handler ? 1 : 0),
    evidence: `HTTP ${s.statuses.filter((x) => x >= 500).join(', ')} of ${s.services.join(', ')} began ${relativeStart(s, c)} on the same revision${handler ? ', and the exception names the route’s handler' : ''}`,
  };
}

/** `GET /api/products/{id}/price` is named in a location like `get_price (/app/catalog/routes/prices.py)`. */
function routeNamedIn(route: string, location: string): boolean {
  const last = route
    .split(/[\s/]/)
    .filter((p) => p && !p.startsWith('{'))
    .pop();
  return last !== undefined && last.length >= 4 && location.toLowerCase().includes(last.toLowerCase());
}

/** Same service, a lost dependency explains the other errors that fail in the same minutes. */
function dependencyDown(cause: ProblemNode, symptom: ProblemNode): Edge | null {
  if (cause.role !== 'dependency' || !['dependency', 'exception', 'remote', 'message'].includes(symptom.role))
    return null;
  const c = cause.cluster;
  const s = symptom.cluster;
  const together = coActivity(cause, symptom);
  if (together < TOGETHER || Math.abs(s.firstSeen - c.firstSeen) > MINUTE || !sameRevision(c, s)) return null;
  // Two lost-dependency problems: the one that explains the other by role and start only.
  if (symptom.role === 'dependency' && explainOrder(cause, symptom, false) > 0) return null;
  return {
    parent: cause.index,
    child: symptom.index,
    strength: 3,
    weight: together,
    evidence: `${c.services.join(', ')} lost a dependency (${short(c.title)}); this began ${relativeStart(s, c)} and fails in ${Math.round(together * 100)}% of the same minutes`,
  };
}

/** Every same-service rule for an ordered pair (cause first). */
export function sameServiceEdges(nodes: ProblemNode[], window: { start: number }): Edge[] {
  const edges: Edge[] = [];
  for (const cause of nodes)
    for (const symptom of nodes) {
      if (cause === symptom || !sameService(cause, symptom)) continue;
      // Two causes of one kind (a problem split in two) get an edge each way: the stronger wins.
      const edge =
        cannotStart(cause, symptom, window) ?? causeAndRequests(cause, symptom) ?? dependencyDown(cause, symptom);
      if (edge) edges.push(edge);
    }
  return edges;
}

/** Same request: problems whose entries share trace ids; the higher role explains the lower. */
export function traceEdges(nodes: ProblemNode[]): Edge[] {
  const edges: Edge[] = [];
  for (let i = 0; i < nodes.length; i++)
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i]!;
      const b = nodes[j]!;
      if (a.traces.size === 0 || b.traces.size === 0) continue;
      const shared = sharedTraces(a, b);
      if (shared === 0) continue;
      const cross = !sameService(a, b);
      const [parent, child] = explainOrder(a, b, cross) < 0 ? [a, b] : [b, a];
      edges.push({
        parent: parent.index,
        child: child.index,
        strength: 5,
        weight: shared,
        evidence: `${shared} shared ${shared === 1 ? 'request' : 'requests'} (trace ids)${cross ? ` from ${child.cluster.services.join(', ')} to ${parent.cluster.services.join(', ')}` : ''}`,
      });
    }
  return edges;
}
