/**
 * What compare needs to know of one window, gathered while entries stream: request logs and 5xx
 * per service, the revisions that served requests, their commits, and (for the baseline) the
 * window's own clusters, grouped exactly as the analysed window's so fingerprints match.
 */
import { ClusterAggregator } from '../cluster/aggregate.js';
import { createClusterer } from '../cluster/cluster.js';
import type { Cluster, Clusterer, GroupingRule } from '../model/cluster-types.js';
import type { RequestCounts } from '../model/comparison-types.js';
import { severityRank, type LogRecord, type Severity } from '../model/log-record.js';
import { routeLabel } from '../normalize/route-template.js';
import { redactRecord } from '../redact/redact.js';
import { commitOfEntry } from './commit-label.js';

export interface RevisionFacts {
  service: string;
  /** Request logs it wrote in the window: a revision that served none had not taken traffic. */
  requests: number;
  /** '' until an entry of it carries a commit label. */
  commit: string;
  firstSeen: number;
}

export interface WindowFacts {
  entries: number;
  analysed: number;
  /** Earliest entry of the window, Infinity when none. */
  first: number;
  /** The window's problems (empty when the tally does not cluster). */
  clusters: Cluster[];
  services: Map<string, RequestCounts>;
  revisions: Map<string, RevisionFacts>;
  estimated: boolean;
}

/** Puts multi-line events back together before clustering, as the analysed window's read does. */
export interface RecordAssembler {
  push(record: LogRecord): LogRecord[];
  finish(): LogRecord[];
}

export interface TallyOptions {
  /** Cluster the window's analysed entries (the baseline); the analysed window clusters elsewhere. */
  cluster?: { grouping: GroupingRule[]; minSeverity: Severity; redactIps: boolean; assembler?: RecordAssembler };
}

export class WindowTally {
  private readonly services = new Map<string, RequestCounts>();
  private readonly revisions = new Map<string, RevisionFacts>();
  private readonly clusterer: Clusterer | null;
  private readonly aggregator = new ClusterAggregator();
  private readonly minRank: number;
  private entries = 0;
  private analysed = 0;
  private first = Infinity;

  constructor(private readonly options: TallyOptions = {}) {
    this.clusterer = options.cluster ? createClusterer({ grouping: options.cluster.grouping }) : null;
    this.minRank = options.cluster ? severityRank(options.cluster.minSeverity) : Infinity;
  }

  /** Every entry of the window (any severity); `raw` is the LogEntry, for its commit label. */
  add(record: LogRecord, raw: unknown): void {
    this.entries++;
    if (record.timestamp < this.first) this.first = record.timestamp;
    const service = record.service || record.resourceType || 'unknown';
    if (record.http) {
      let counts = this.services.get(service);
      if (!counts) this.services.set(service, (counts = { requests: 0, serverErrors: 0, successful: 0 }));
      counts.requests++;
      const status = record.http.status;
      if (status >= 500 || status === 0) counts.serverErrors++;
      else if (status < 400) counts.successful++;
    }
    if (record.revision) this.addRevision(record, service, raw);
    if (!this.clusterer) return;
    const assembler = this.options.cluster?.assembler;
    if (!assembler) this.clusterRecord(this.clusterer, record);
    else for (const assembled of assembler.push(record)) this.clusterRecord(this.clusterer, assembled);
  }

  private clusterRecord(clusterer: Clusterer, record: LogRecord): void {
    if (severityRank(record.severity) < this.minRank) return;
    this.analysed += record.memberIds ? record.memberIds.length : 1;
    const redacted = redactRecord(record, { ips: this.options.cluster?.redactIps ?? false });
    this.aggregator.add(clusterer.add(redacted), redacted, redacted.http ? routeLabel(redacted.http) : '');
  }

  private addRevision(record: LogRecord, service: string, raw: unknown): void {
    let facts = this.revisions.get(record.revision);
    if (!facts) {
      facts = { service, requests: 0, commit: '', firstSeen: record.timestamp };
      this.revisions.set(record.revision, facts);
    }
    if (record.http) facts.requests++;
    if (record.timestamp < facts.firstSeen) facts.firstSeen = record.timestamp;
    if (!facts.commit) facts.commit = commitOfEntry(raw);
  }

  /** The window's facts; counts scaled when the read was a sample. */
  finish(sampleFraction = 1): WindowFacts {
    const assembler = this.options.cluster?.assembler;
    if (this.clusterer && assembler)
      for (const assembled of assembler.finish()) this.clusterRecord(this.clusterer, assembled);
    const sampled = sampleFraction > 0 && sampleFraction < 1;
    const scale = (n: number) => (sampled ? Math.round(n / sampleFraction) : n);
    const services = new Map(
      [...this.services].map(([name, c]) => [
        name,
        { requests: scale(c.requests), serverErrors: scale(c.serverErrors), successful: scale(c.successful) },
      ]),
    );
    return {
      entries: scale(this.entries),
      analysed: scale(this.analysed),
      first: this.first,
      clusters: this.clusterer ? this.aggregator.build(this.clusterer.finish(), this.analysed, sampleFraction) : [],
      services,
      revisions: this.revisions,
      estimated: sampled,
    };
  }
}
