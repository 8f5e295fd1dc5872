/**
 * One issue per incident root (issue 13, DESIGN §4): which issue stands for an incident, what its
 * body lists, and what a symptom's step is. The planner (plan-issues.ts) does the rest as for any
 * problem: idempotence, reopen, mute and max-new-issues hold per issue.
 */
import { PRIORITIES, type RankedCluster } from '../model/cluster-types.js';
import type { IssueAction } from '../model/issue-types.js';
import { incidentId, type Incident } from '../model/incident-types.js';
import { isCause } from '../correlate/problem-role.js';
import type { IncidentBody } from './issue-incident.js';
import { byAge, openByAge, type Owned } from './owned-issues.js';
import type { PlanInput } from './plan-types.js';

/** What one incident's issue is planned from. */
export interface IncidentPlan {
  incident: Incident;
  /** The root, carrying the incident's priority. */
  lead: RankedCluster;
  /** The issues that stand for the incident, the one to use first (as planCluster reads them). */
  owned: Owned[];
  body: IncidentBody;
}

/** The given incidents, or each problem alone (a plan without correlation). */
export function incidentsOf(input: PlanInput, clusters: RankedCluster[]): Incident[] {
  if (input.incidents) return input.incidents;
  return clusters.map((c) => ({
    id: incidentId(c.fingerprint),
    title: c.title,
    priority: c.priority,
    root: c.fingerprint,
    rootRole: 'message',
    members: [c.fingerprint],
    services: c.services,
    firstSeen: c.firstSeen,
    lastSeen: c.lastSeen,
    links: [],
  }));
}

/**
 * The incident's issue: the root's own issue (open, else its history as before); else an open
 * incident issue whose lead is a member now (a different member leads this hour), or whose members
 * hold a root that is a cause while its old lead is gone. A symptom seen without its root is not
 * matched to the root's incident issue: it is a problem of its own.
 */
export function incidentOwned(index: Map<string, Owned[]>, incident: Incident, present: Set<string>): Owned[] {
  const own = index.get(incident.root) ?? [];
  if (openByAge(own).length > 0 || incident.members.length < 2) return own;
  const members = new Set(incident.members);
  const found: Owned[] = [];
  for (const [fp, owned] of index)
    for (const o of owned) {
      if (o.issue.state !== 'open' || !o.marker.members) continue;
      const ledBefore = members.has(fp);
      const rootWasMember = o.marker.members.includes(incident.root) && isCause(incident.rootRole) && !present.has(fp);
      if (ledBefore || rootWasMember) found.push(o);
    }
  return found.length > 0 ? found.sort(byAge) : own;
}

/** The root with the incident's priority, and why when it is higher than the root's own. */
function leadOf(root: RankedCluster, incident: Incident): RankedCluster {
  if (PRIORITIES.indexOf(incident.priority) >= PRIORITIES.indexOf(root.priority)) return root;
  return {
    ...root,
    priority: incident.priority,
    reasons: [...root.reasons, `raised to ${incident.priority}: the highest priority among the incident's symptoms`],
  };
}

export function planOfIncident(
  input: PlanInput,
  incident: Incident,
  byFingerprint: Map<string, RankedCluster>,
  index: Map<string, Owned[]>,
  present: Set<string>,
): IncidentPlan | null {
  const root = byFingerprint.get(incident.root);
  if (!root) return null;
  const symptoms = incident.links.flatMap((l) => {
    const c = byFingerprint.get(l.to);
    if (!c) return [];
    const own = openByAge(index.get(c.fingerprint) ?? []).find((o) => !o.marker.members);
    return [
      {
        fingerprint: c.fingerprint,
        title: c.title,
        priority: c.priority,
        services: c.services,
        count: c.count,
        estimated: c.estimated,
        firstSeen: c.firstSeen,
        logsLink: input.logsLinks[c.fingerprint] ?? '',
        evidence: l.evidence,
        ...(own ? { issueNumber: own.issue.number } : {}),
      },
    ];
  });
  return {
    incident,
    lead: leadOf(root, incident),
    owned: incidentOwned(index, incident, present),
    body: { symptoms, services: incident.services },
  };
}

/** A symptom without an open issue of its own: no issue while its root is seen; points at the incident's. */
export function symptomAction(
  cluster: RankedCluster,
  root: RankedCluster,
  incidentIssue: { number?: number; url?: string },
): IssueAction {
  const where = incidentIssue.number ? `#${incidentIssue.number}` : 'the issue of its root cause';
  return {
    action: 'none',
    fingerprint: cluster.fingerprint,
    priority: cluster.priority,
    ...(incidentIssue.number ? { issueNumber: incidentIssue.number } : {}),
    ...(incidentIssue.url ? { url: incidentIssue.url } : {}),
    title: root.title,
    reason: `symptom of the incident of "${root.title.slice(0, 120)}": listed in ${where}, no issue of its own while its root cause is seen`,
  };
}
