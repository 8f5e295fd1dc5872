/**
 * The baseline's side of a run (issue 14), wired for garden.ts: tallies the analysed window's
 * revisions and requests while it streams, takes a logs-file's baseline entries out of the same
 * single read, or reads Cloud Logging's baseline window from its own source, then compares.
 */
import type { Config } from './config/config-types.js';
import type { LogSource } from './ports.js';
import { FileBaselineSplit } from './core/compare/baseline-split.js';
import { compareWindows } from './core/compare/compare.js';
import { WindowTally, type WindowFacts } from './core/compare/window-tally.js';
import type { Cluster, RankedCluster } from './core/model/cluster-types.js';
import type { Comparison } from './core/model/comparison-types.js';
import { severityRank, type LogRecord } from './core/model/log-record.js';
import { EventAssembler } from './core/normalize/assemble.js';
import { isSkip, normalizeEntry } from './core/normalize/normalize.js';
import type { RulesConfig } from './core/prioritize/rules-config.js';
import type { TimeWindow } from './core/read/window.js';
import { redactText } from './core/redact/redact.js';

/** What analyse() calls for every readable entry: `take` before since/until, `observe` on the window's own. */
export interface AnalyseHooks {
  take?(record: LogRecord, raw: unknown): boolean;
  observe?(record: LogRecord, raw: unknown): void;
}

export class BaselineRun {
  private readonly current = new WindowTally();
  private readonly tally: WindowTally;
  private readonly split: FileBaselineSplit | null = null;
  readonly hooks: AnalyseHooks;

  /**
   * `source` is the baseline's own Cloud Logging source; null for a logs-file, whose baseline is
   * its entries in the `baseline` before `since` (none without `since`: the window is the file's span).
   */
  constructor(
    private readonly config: Config,
    rules: RulesConfig,
    private readonly source: LogSource | null,
  ) {
    this.tally = new WindowTally({
      // Assembled as the analysed window's read assembles, so the same problem has the same fingerprint.
      cluster: {
        grouping: rules.grouping,
        minSeverity: config.minSeverity,
        redactIps: config.redactIps,
        assembler: new EventAssembler(),
      },
    });
    if (!source && config.logsFile && config.since !== null)
      this.split = new FileBaselineSplit(
        { start: config.since - config.baselineMs, end: config.since },
        config.services,
        this.tally,
      );
    this.hooks = {
      take: this.split ? (record, raw) => this.split!.take(record, raw) : undefined,
      observe: (record, raw) => this.current.add(record, raw),
    };
  }

  /** Reads the baseline (Cloud Logging), ranks its problems as `rank` ranks the window's, compares. */
  async compare(
    clusters: RankedCluster[],
    window: TimeWindow,
    rank: (clusters: Cluster[], context: { totalAnalysed: number; windowStart: number }) => RankedCluster[],
  ): Promise<{ clusters: RankedCluster[]; comparison: Comparison }> {
    const baselineWindow = this.split?.window ?? { start: window.start - this.config.baselineMs, end: window.start };
    const facts = await this.readBaseline();
    // No baseline source outside a logs-file: Log Analytics (analytics-dataset) reads one window.
    const unread = !this.source && !this.config.logsFile;
    const compared = compareWindows({
      clusters,
      window,
      current: this.current.finish(),
      baseline: {
        window: baselineWindow,
        facts,
        clusters: rank(facts.clusters, { totalAnalysed: facts.analysed, windowStart: baselineWindow.start }),
        fileFirst: this.source ? undefined : (this.split?.first ?? Infinity),
      },
    });
    const comparison = unread
      ? {
          ...compared.comparison,
          notes: [
            'With analytics-dataset the baseline window is not read: nothing was compared, so fail-on counts every problem.',
          ],
        }
      : compared.comparison;
    return { clusters: compared.clusters, comparison: this.redacted(comparison) };
  }

  private async readBaseline(): Promise<WindowFacts> {
    if (!this.source) return this.tally.finish();
    // As the window's own read: a request log below min-severity is only counted.
    const minRank = severityRank(this.config.minSeverity);
    for await (const batch of batchesOf(this.source))
      for (const raw of batch) {
        const record = normalizeEntry(raw, minRank);
        if (!isSkip(record)) this.tally.add(record, raw);
      }
    return this.tally.finish(this.source.info().sampleFraction);
  }

  /** Names counted before redaction (as the service status's) are redacted here; notes of the read join. */
  private redacted(comparison: Comparison): Comparison {
    const redact = (text: string) => redactText(text, { ips: this.config.redactIps });
    const info = this.source?.info();
    const notes = info ? info.notes.map((n) => `Baseline read: ${n}`) : [];
    if (info && info.requests > 0) notes.push(`The baseline read made ${info.requests} entries.list requests.`);
    return {
      ...comparison,
      serviceErrors: comparison.serviceErrors.map((s) => ({ ...s, service: redact(s.service) })),
      newRevisions: comparison.newRevisions.map((r) => ({
        ...r,
        service: redact(r.service),
        revision: redact(r.revision),
      })),
      notes: [...comparison.notes, ...notes],
    };
  }
}

async function* batchesOf(source: LogSource): AsyncIterable<unknown[]> {
  if (source.readBatches) {
    yield* source.readBatches();
    return;
  }
  for await (const raw of source.read()) yield [raw];
}
