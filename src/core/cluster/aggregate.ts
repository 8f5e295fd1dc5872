import type { Cluster, ClusterIdentity, ClusterResource } from '../model/cluster-types.js';
import { severityRank, type LogRecord, type Severity } from '../model/log-record.js';
import { MentionSet, TraceSketch } from './cluster-evidence.js';

const MINUTE = 60_000;
/** Caps on per-group sets: enough to report, bounded so memory stays flat on hostile input. */
const MAX_DISTINCT = 50;
const MAX_INSTANCES = 10_000;
const MAX_SAMPLES = 3;
/** Distinct resources kept per group: enough for a Logs Explorer query, short enough for its URL. */
const MAX_RESOURCES = 10;

interface GroupStats {
  count: number;
  severityCounts: Partial<Record<Severity, number>>;
  services: Set<string>;
  revisions: Set<string>;
  routes: Set<string>;
  instances: Set<string>;
  codeLocations: Set<string>;
  statuses: Set<number>;
  /** By selector. */
  resources: Map<string, ClusterResource>;
  firstSeen: number;
  lastSeen: number;
  perMinute: Map<number, number>;
  samples: LogRecord[];
  insertIds: string[];
  /** Some members stand for more entries (peeled from the read): the count is estimated. */
  weighted?: boolean;
  /** For correlation: created on the first member with a trace / a URL. */
  traces?: TraceSketch;
  mentions: MentionSet;
  /** The previous member's values, see `addBounded`. */
  last: {
    service: string;
    revision: string;
    instance: string;
    codeLocation: string;
    route: string;
    status: number;
    selector: string;
  };
}

/**
 * Adds unless empty or the set is full. Skipped when the value equals `previous` (the group's
 * previous member's): it was added then, or the set was full then and still is. Values are
 * fresh strings on every entry, and comparing with the previous is much cheaper than hashing
 * one for the set.
 */
function addBounded<T>(set: Set<T>, value: T, previous: T, max = MAX_DISTINCT): void {
  if (value !== '' && value !== previous && set.size < max) set.add(value);
}

/** Collects member statistics per provisional group key while records stream through. */
export class ClusterAggregator {
  private readonly groups = new Map<string, GroupStats>();

  add(key: string, record: LogRecord, route = ''): void {
    let group = this.groups.get(key);
    if (!group) {
      group = {
        count: 0,
        severityCounts: {},
        services: new Set(),
        revisions: new Set(),
        routes: new Set(),
        instances: new Set(),
        codeLocations: new Set(),
        statuses: new Set(),
        resources: new Map(),
        firstSeen: record.timestamp,
        lastSeen: record.timestamp,
        perMinute: new Map(),
        samples: [],
        insertIds: [],
        mentions: new MentionSet(),
        last: { service: '', revision: '', instance: '', codeLocation: '', route: '', status: -1, selector: '' },
      };
      this.groups.set(key, group);
    }
    // A re-assembled event (a trace printed line by line) is one occurrence; its insertIds are all kept.
    group.count++;
    group.severityCounts[record.severity] = (group.severityCounts[record.severity] ?? 0) + 1;
    const last = group.last;
    addBounded(group.services, record.service, last.service);
    addBounded(group.revisions, record.revision, last.revision);
    addBounded(group.instances, record.instance, last.instance, MAX_INSTANCES);
    addBounded(group.codeLocations, record.sourceLocation, last.codeLocation);
    addBounded(group.routes, route, last.route);
    last.service = record.service;
    last.revision = record.revision;
    last.instance = record.instance;
    last.codeLocation = record.sourceLocation;
    last.route = route;
    if (record.http) {
      addBounded(group.statuses, record.http.status, last.status);
      last.status = record.http.status;
    }
    addResource(group, record);
    if (record.timestamp < group.firstSeen) group.firstSeen = record.timestamp;
    if (record.timestamp > group.lastSeen) group.lastSeen = record.timestamp;
    const minute = record.timestamp - (record.timestamp % MINUTE);
    group.perMinute.set(minute, (group.perMinute.get(minute) ?? 0) + 1);
    if (record.memberIds) for (const id of record.memberIds) group.insertIds.push(id);
    else group.insertIds.push(record.insertId);
    keepSample(group.samples, record);
    if (record.trace !== undefined) (group.traces ??= new TraceSketch()).add(record.trace);
    if (!record.http) group.mentions.add(record.message, record.stack);
  }

  /**
   * Merges groups that share a fingerprint into clusters, counts scaled by the sample fraction.
   * `weights` (by insertId) are members that stand for more entries than themselves: a problem
   * peeled from a Cloud Logging read, counted from its sample (estimated), or a Log Analytics
   * group's samples carrying its exact count.
   */
  build(
    identities: Map<string, ClusterIdentity>,
    totalAnalysed: number,
    sampleFraction: number,
    weights: { byId: ReadonlyMap<string, number>; exact: boolean } = { byId: new Map(), exact: false },
  ): Cluster[] {
    const byFingerprint = new Map<string, { identity: ClusterIdentity; groups: GroupStats[] }>();
    for (const [key, group] of this.groups) {
      const identity = identities.get(key);
      if (!identity) throw new Error(`clusterer gave no identity for group ${key}`);
      const entry = byFingerprint.get(identity.fingerprint);
      if (entry) entry.groups.push(group);
      else byFingerprint.set(identity.fingerprint, { identity, groups: [group] });
    }
    const scale = sampleFraction > 0 && sampleFraction < 1 ? 1 / sampleFraction : 1;
    if (weights.byId.size > 0)
      for (const group of this.groups.values()) weighGroup(group, weights.byId, !weights.exact);
    let weightedTotal = totalAnalysed;
    for (const w of weights.byId.values()) weightedTotal += w - 1;
    const clusters = [...byFingerprint.values()].map(({ identity, groups }) =>
      toCluster(identity, groups, weightedTotal, scale),
    );
    return clusters.sort((a, b) => b.count - a.count || a.fingerprint.localeCompare(b.fingerprint));
  }
}

/**
 * Scales a group whose members carry weights: its count becomes the sum of their weights, and its
 * per-severity and per-minute counts grow in the same proportion (a peeled problem's members all
 * come from one sample, so they share one weight). Marks the group estimated unless the weights are exact.
 */
function weighGroup(group: GroupStats, weights: ReadonlyMap<string, number>, estimated: boolean): void {
  let extra = 0;
  for (const id of group.insertIds) extra += (weights.get(id) ?? 1) - 1;
  if (extra === 0) return;
  const factor = (group.count + extra) / group.count;
  group.count += extra;
  for (const sev of Object.keys(group.severityCounts) as Severity[]) group.severityCounts[sev]! *= factor;
  for (const [minute, n] of group.perMinute) group.perMinute.set(minute, n * factor);
  if (estimated) group.weighted = true;
}

/** The record's resource, unless it is the previous member's (then it was added, or the map was full). */
function addResource(group: GroupStats, record: LogRecord): void {
  const selector = record.selector;
  if (selector === undefined || selector === '' || selector === group.last.selector) return;
  group.last.selector = selector;
  if (group.resources.size < MAX_RESOURCES && !group.resources.has(selector)) {
    group.resources.set(selector, { type: record.resourceType, service: record.service, selector });
  }
}

/** Keeps the first member, one with a stack trace, and the latest. */
function keepSample(samples: LogRecord[], record: LogRecord): void {
  if (samples.length < MAX_SAMPLES - 1) {
    samples.push(record);
    return;
  }
  if (record.stack && !samples.some((s) => s.stack)) {
    samples[samples.length - 1] = record;
    return;
  }
  const latest = samples[MAX_SAMPLES - 1];
  if (!latest) samples.push(record);
  else if (record.timestamp > latest.timestamp && !(latest.stack && !record.stack)) samples[MAX_SAMPLES - 1] = record;
}

function toCluster(identity: ClusterIdentity, groups: GroupStats[], totalAnalysed: number, scale: number): Cluster {
  const union = <T>(pick: (g: GroupStats) => Set<T>, max = MAX_DISTINCT): T[] => {
    const out = new Set<T>();
    for (const g of groups) for (const v of pick(g)) if (out.size < max) out.add(v);
    return [...out];
  };
  const severityCounts: Partial<Record<Severity, number>> = {};
  const perMinute = new Map<number, number>();
  let count = 0;
  let firstSeen = Infinity;
  let lastSeen = -Infinity;
  const samples: LogRecord[] = [];
  const insertIds: string[] = [];
  for (const g of groups) {
    count += g.count;
    firstSeen = Math.min(firstSeen, g.firstSeen);
    lastSeen = Math.max(lastSeen, g.lastSeen);
    for (const [sev, n] of Object.entries(g.severityCounts) as [Severity, number][]) {
      severityCounts[sev] = (severityCounts[sev] ?? 0) + Math.round(n * scale);
    }
    for (const [minute, n] of g.perMinute) perMinute.set(minute, (perMinute.get(minute) ?? 0) + n * scale);
    for (const s of g.samples) if (samples.length < MAX_SAMPLES) samples.push(s);
    for (const id of g.insertIds) insertIds.push(id);
  }
  const severity = (Object.keys(severityCounts) as Severity[]).reduce<Severity>(
    (max, s) => (severityRank(s) > severityRank(max) ? s : max),
    'DEFAULT',
  );
  const scaled = Math.round(count * scale);
  for (const [minute, n] of perMinute) perMinute.set(minute, Math.round(n));
  const resources = new Map<string, ClusterResource>();
  for (const g of groups) for (const [key, r] of g.resources) if (resources.size < MAX_RESOURCES) resources.set(key, r);
  const cluster: Cluster = {
    ...identity,
    count: scaled,
    estimated: scale !== 1 || groups.some((g) => g.weighted),
    share: totalAnalysed > 0 ? count / totalAnalysed : 0,
    severity,
    severityCounts,
    services: union((g) => g.services).sort(),
    revisions: union((g) => g.revisions).sort(),
    routes: identity.route ? [identity.route] : union((g) => g.routes).sort(),
    instances: union((g) => g.instances, MAX_INSTANCES).length,
    firstSeen,
    lastSeen,
    perMinute: new Map([...perMinute].sort((a, b) => a[0] - b[0])),
    samples,
    insertIds,
    codeLocations: [...new Set([...union((g) => g.codeLocations), ...(identity.frames ?? [])])].slice(0, MAX_DISTINCT),
    statuses: union((g) => g.statuses).sort((a, b) => a - b),
  };
  if (resources.size > 0) cluster.resources = [...resources.values()].sort((a, b) => compare(a.selector, b.selector));
  addEvidence(cluster, groups);
  return cluster;
}

/** Trace ids and named hosts of all the groups, for correlation; absent when there are none. */
function addEvidence(cluster: Cluster, groups: GroupStats[]): void {
  const traces = new TraceSketch();
  const mentions = new MentionSet();
  for (const g of groups) {
    if (g.traces) traces.merge(g.traces);
    mentions.merge(g.mentions);
  }
  const traceIds = traces.list();
  const hosts = mentions.list();
  if (traceIds.length > 0) cluster.traceIds = traceIds;
  if (hosts.length > 0) cluster.mentions = hosts;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
