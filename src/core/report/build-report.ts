/**
 * The machine-readable JSON report (DESIGN §3, documented in docs/report-schema.md). Field names
 * are a contract: add fields, never rename or remove them without bumping the schema version.
 */
import type { ClusterKind, Priority, RankedCluster } from '../model/cluster-types.js';
import type { IssueAction, IssueActionKind } from '../model/issue-types.js';
import { SEVERITIES, type Severity } from '../model/log-record.js';
import type { RunResult } from '../model/run-result.js';
import type { Incident, IncidentLink } from '../model/incident-types.js';
import { stripControl } from '../markdown/safe-markdown.js';
import { formatIso } from '../markdown/format.js';
import {
  reportChange,
  reportComparison,
  type ReportChangeFields,
  type ReportComparisonFields,
} from './report-comparison.js';

export const REPORT_SCHEMA_VERSION = 2;
/** A sample is a hint, not the entry: consumers can fetch the entry by insertId. */
const MAX_SAMPLE_LENGTH = 2000;

export interface ReportCluster extends ReportChangeFields {
  fingerprint: string;
  title: string;
  priority: Priority;
  ignored: boolean;
  reasons: string[];
  kind: ClusterKind;
  services: string[];
  severity: Severity;
  count: number;
  estimated?: true;
  /**
   * How `count` was obtained: `exact` (every member read, or counted server-side) or `estimated`
   * (scaled from a sample: a sampled read, or a problem peeled from the read).
   */
  countMethod: 'exact' | 'estimated';
  share: number;
  firstSeen: string;
  lastSeen: string;
  template: string;
  sample: string;
  insertIds: string[];
  issue: { number: number | null; url: string | null; action: IssueActionKind } | null;
  grouping: string;
  routes: string[];
  revisions: string[];
  likelyCauses: string[];
  recommendedActions: string[];
  logsUrl: string | null;
  /** Id of the incident the problem belongs to; null when ignored (schema 2). */
  incident: string | null;
}

/** Problems correlated into one story: a root cause and its symptoms (schema 2). */
export interface ReportIncident {
  id: string;
  title: string;
  priority: Priority;
  root: string;
  members: string[];
  services: string[];
  firstSeen: string;
  lastSeen: string;
  links: IncidentLink[];
  /** The incident's issue: the root's. */
  issue: ReportCluster['issue'];
}

export interface Report extends ReportComparisonFields {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  generatedAt: string;
  window: { start: string; end: string };
  source: string;
  projectId: string;
  repository: string;
  runUrl: string;
  dryRun: boolean;
  minSeverity: Severity;
  services: string[];
  sampleFraction: number;
  totals: {
    entries: number;
    analysed: number;
    skipped: number;
    skippedReasons: Record<string, number>;
    bySeverity: Partial<Record<Severity, number>>;
  };
  highestPriority: Priority | 'none';
  clusters: ReportCluster[];
  incidents: ReportIncident[];
  actions: IssueAction[];
  notes: string[];
  query: string;
}

/** Severity counts in severity order, so the JSON is byte-stable. */
function orderSeverities(counts: Partial<Record<Severity, number>>): Partial<Record<Severity, number>> {
  const ordered: Partial<Record<Severity, number>> = {};
  for (const s of SEVERITIES) if (counts[s] !== undefined) ordered[s] = counts[s];
  return ordered;
}

function orderKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** Redacted upstream; here only control characters go. Not markdown-escaped: this is data. */
function describeSample(cluster: RankedCluster): string {
  const text = stripControl(cluster.samples[0]?.message ?? '');
  return text.length > MAX_SAMPLE_LENGTH ? `${text.slice(0, MAX_SAMPLE_LENGTH - 1)}…` : text;
}

function describeIssue(cluster: RankedCluster, result: RunResult): ReportCluster['issue'] {
  const action = result.actions.find((a) => a.fingerprint === cluster.fingerprint);
  const known = result.issueLinks[cluster.fingerprint];
  const number = known?.number ?? action?.issueNumber ?? null;
  if (!action && number === null) return null;
  return { number, url: known?.url ?? action?.url ?? null, action: action?.action ?? 'none' };
}

function buildCluster(cluster: RankedCluster, result: RunResult): ReportCluster {
  return {
    fingerprint: cluster.fingerprint,
    title: cluster.title,
    priority: cluster.priority,
    ignored: cluster.ignored,
    reasons: [...cluster.reasons],
    kind: cluster.kind,
    services: [...cluster.services],
    severity: cluster.severity,
    count: cluster.count,
    ...(cluster.estimated ? { estimated: true as const } : {}),
    countMethod: cluster.estimated ? 'estimated' : 'exact',
    share: Math.round(cluster.share * 1e6) / 1e6,
    firstSeen: formatIso(cluster.firstSeen),
    lastSeen: formatIso(cluster.lastSeen),
    template: cluster.template,
    sample: describeSample(cluster),
    insertIds: [...cluster.insertIds],
    issue: describeIssue(cluster, result),
    grouping: cluster.grouping,
    routes: [...cluster.routes],
    revisions: [...cluster.revisions],
    likelyCauses: [...cluster.likelyCauses],
    recommendedActions: [...cluster.recommendedActions],
    logsUrl: result.logsLinks[cluster.fingerprint] ?? null,
    ...reportChange(cluster),
    incident: result.incidents?.find((i) => i.members.includes(cluster.fingerprint))?.id ?? null,
  };
}

function buildIncident(incident: Incident, result: RunResult): ReportIncident {
  const root = result.clusters.find((c) => c.fingerprint === incident.root);
  return {
    id: incident.id,
    title: incident.title,
    priority: incident.priority,
    root: incident.root,
    members: [...incident.members],
    services: [...incident.services],
    firstSeen: formatIso(incident.firstSeen),
    lastSeen: formatIso(incident.lastSeen),
    links: incident.links.map((l) => ({ ...l })),
    issue: root ? describeIssue(root, result) : null,
  };
}

/** Highest priority among clusters that are not ignored; `none` when there are none. */
export function findHighestPriority(clusters: RankedCluster[]): Priority | 'none' {
  const priorities = clusters.filter((c) => !c.ignored).map((c) => c.priority);
  return priorities.length ? [...priorities].sort()[0] : 'none';
}

export function buildReport(result: RunResult): Report {
  const skippedReasons = orderKeys(result.totals.skipped);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: formatIso(result.generatedAt),
    window: { start: formatIso(result.window.start), end: formatIso(result.window.end) },
    source: result.source.source,
    projectId: result.projectId,
    repository: result.repository,
    runUrl: result.runUrl,
    dryRun: result.dryRun,
    minSeverity: result.minSeverity,
    services: [...result.services],
    sampleFraction: result.source.sampleFraction,
    totals: {
      entries: result.totals.entries,
      analysed: result.totals.analysed,
      skipped: Object.values(skippedReasons).reduce((sum, n) => sum + n, 0),
      skippedReasons,
      bySeverity: orderSeverities(result.totals.bySeverity),
    },
    highestPriority: findHighestPriority(result.clusters),
    clusters: result.clusters.map((c) => buildCluster(c, result)),
    incidents: (result.incidents ?? []).map((i) => buildIncident(i, result)),
    actions: result.actions.map((a) => ({ ...a })),
    notes: [...result.source.notes, ...result.notes],
    query: result.source.query,
    ...reportComparison(result),
  };
}

/**
 * The report as the file holds it: indented for people, except each `insertIds` list, which
 * stays on one line. A flood's problem lists tens of thousands of ids: one per line made the
 * file mostly ids and its writing a tenth of a large run (bench/realistic-speed.ts).
 */
export function renderReportJson(report: Report): string {
  const lists: string[] = [];
  const text = JSON.stringify(
    report,
    (key, value: unknown) =>
      key === 'insertIds' && Array.isArray(value) ? `\u0000${lists.push(JSON.stringify(value)) - 1}` : value,
    2,
  );
  // Only the stand-ins match: in any other string a quote is escaped, so `"insertIds": "` is theirs.
  return `${text.replace(/"insertIds": "\\u0000(\d+)"/g, (_, i: string) => `"insertIds": ${lists[Number(i)]}`)}\n`;
}
