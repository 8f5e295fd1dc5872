import type { Config } from './config/config-types.js';
import type { Clock, IssueTracker, LogSource } from './ports.js';
import { ClusterAggregator } from './core/cluster/aggregate.js';
import { createClusterer } from './core/cluster/cluster.js';
import type { IssueAction, TrackedIssue } from './core/model/issue-types.js';
import { severityRank, type LogRecord, type Severity } from './core/model/log-record.js';
import { buildLoggingQuery } from './core/read/logging-query.js';
import { clusterLogsLinks } from './core/read/logs-explorer-link.js';
import { fileExclusion, resolveWindow } from './core/read/window.js';
import { issueLinks, workflowRunUrl } from './core/issues/issue-links.js';
import { labelSet } from './core/issues/label-set.js';
import { knownFingerprints } from './core/issues/owned-issues.js';
import { isSkip, normalizeEntry } from './core/normalize/normalize.js';
import { EventAssembler } from './core/normalize/assemble.js';
import { projectOfEntry } from './core/normalize/normalize-resource.js';
import { planIssues } from './core/issues/plan-issues.js';
import type { IssuePlan, PlanInput } from './core/issues/plan-types.js';
import { refuseLeakingWrites } from './core/issues/postable-texts.js';
import { rankClusters } from './core/prioritize/prioritize.js';
import { redactRecord, redactText } from './core/redact/redact.js';
import type { RulesConfig } from './core/prioritize/rules-config.js';
import { routeLabel } from './core/normalize/route-template.js';
import type { RunResult } from './core/model/run-result.js';
import { ServiceStatusTracker } from './core/report/service-status.js';
import { applyPlan } from './apply-plan.js';
import { correlate } from './core/correlate/correlate.js';
import { BaselineRun, type AnalyseHooks } from './baseline-run.js';
import { decideVerdict } from './core/compare/verdict.js';
import { formatCount } from './core/markdown/format.js';

export interface GardenDeps {
  source: LogSource;
  /** With `baseline` on Cloud Logging: the window just before the analysed one, read the same way. */
  baselineSource?: LogSource;
  /** null in a dry run without a token: planned as if no issue exists yet. */
  tracker: IssueTracker | null;
  clock: Clock;
  log(message: string): void;
  /** A problem the run survived that the user should see (a runner warning). */
  warn?(message: string): void;
  /** Refuses text about to be posted (redact: strict); throws naming where. */
  checkPostable?(text: string, where: string): void;
}

/** The whole run as data: fetch → normalize → redact → cluster → prioritize → plan → apply. */
export async function runGarden(config: Config, rules: RulesConfig, deps: GardenDeps): Promise<RunResult> {
  const startedAt = deps.clock.now();
  const baseline = config.baselineMs > 0 ? new BaselineRun(config, rules, deps.baselineSource ?? null) : null;
  const read = await analyse(config, rules, deps, baseline?.hooks);
  const info = deps.source.info();
  const window = info.window ?? resolveWindow(config, startedAt, read.span);
  // A file has no query: the worklog shows, and links use, the one Cloud Logging would run.
  const baseQuery =
    info.baseQuery ??
    buildLoggingQuery({ services: config.services, filter: config.filter, minSeverity: config.minSeverity, ...window });
  const query = info.query || baseQuery;

  // The source's own notes stay in result.source.notes; these are the run's.
  const notes: string[] = [...read.notes];
  if (config.rulesPath) notes.push(`Rules read from ${config.rulesPath}.`);
  const { issues, trusted } = await readIssueHistory(config, deps, window.start, notes);
  const known = knownFingerprints(issues, trusted);
  const ranked = rankClusters(read.clusters, rules, {
    totalAnalysed: read.analysed,
    knownFingerprints: known,
    windowStart: window.start,
    historyFloor: config.minIssuePriority,
  });
  // With a baseline: each problem new, worse, same or better than in the window before.
  const { clusters, comparison } = baseline
    ? await baseline.compare(ranked, window, (before, context) =>
        rankClusters(before, rules, { ...context, knownFingerprints: known, historyFloor: config.minIssuePriority }),
      )
    : { clusters: ranked, comparison: undefined };

  // Problems into incidents, root cause first: one issue per incident root (issue 13).
  const incidents = correlate({ clusters, window });
  // The post-deploy gate: with a baseline, by default only new and worse problems count (issue 14).
  const verdict = decideVerdict(clusters, { failOn: config.failOn, scope: config.failOnScope, comparison, incidents });

  // A logs-file export names its project in every logName: links then open the right project.
  const projectId = config.projectId || read.project || 'YOUR_PROJECT';
  const logsLinks = clusterLogsLinks(projectId, baseQuery, clusters, window);
  const runUrl = workflowRunUrl(config.githubServerUrl, config.repository, config.runId);
  const plan = planIssues({
    ...planSettings(config, rules),
    clusters,
    incidents,
    issues,
    trustedAuthors: trusted,
    now: deps.clock.now(),
    window,
    runUrl,
    logsLinks,
  });
  const actions = await apply(plan, config, deps, notes);
  notes.push(...(deps.tracker?.notes?.() ?? []));

  return {
    window,
    source: { ...info, query },
    projectId: config.projectId || read.project,
    repository: config.repository.owner ? `${config.repository.owner}/${config.repository.repo}` : '',
    dryRun: config.dryRun,
    minSeverity: config.minSeverity,
    services: config.services.length > 0 ? config.services : read.services,
    totals: { entries: read.entries, analysed: read.analysed, skipped: read.skipped, bySeverity: read.bySeverity },
    clusters,
    incidents,
    actions,
    serviceStatus: read.serviceStatus,
    runUrl,
    generatedAt: deps.clock.now(),
    logsLinks,
    issueLinks: issueLinks(actions, issues, clusters),
    notes,
    ...(comparison ? { comparison } : {}),
    verdict,
  };
}

interface Analysis {
  /** The project the entries were logged in (from `logName`), '' when unknown. */
  project: string;
  /** Entries of a logs-file left out by since/until or services. */
  notes: string[];
  entries: number;
  analysed: number;
  skipped: Record<string, number>;
  bySeverity: Partial<Record<Severity, number>>;
  clusters: ReturnType<ClusterAggregator['build']>;
  serviceStatus: RunResult['serviceStatus'];
  services: string[];
  span: { start: number; end: number } | null;
}

/** Batches when the source has them; otherwise one-entry batches. */
async function* batchesOf(source: LogSource): AsyncIterable<unknown[]> {
  if (source.readBatches) {
    yield* source.readBatches();
    return;
  }
  for await (const raw of source.read()) yield [raw];
}

/** Streams every entry once: nothing but per-group statistics is kept. */
async function analyse(
  config: Config,
  rules: RulesConfig,
  deps: GardenDeps,
  hooks: AnalyseHooks = {},
): Promise<Analysis> {
  const clusterer = createClusterer({ grouping: rules.grouping });
  const aggregator = new ClusterAggregator();
  const status = new ServiceStatusTracker();
  const skipped: Record<string, number> = {};
  const bySeverity: Partial<Record<Severity, number>> = {};
  const minRank = severityRank(config.minSeverity);
  const redaction = { ips: config.redactIps };
  const exclude = fileExclusion(config);
  const excluded: Record<string, number> = {};
  let entries = 0;
  let project = '';
  let analysed = 0;
  let first = Infinity;
  let last = -Infinity;
  // Multi-line crash reports are put back together before the severity filter: their lines
  // have no severity of their own, the event they form is an error.
  const assembler = new EventAssembler();
  const take = (normalized: LogRecord): void => {
    if (severityRank(normalized.severity) < minRank) return;
    const entriesOf = normalized.memberIds ? normalized.memberIds.length : 1;
    analysed += entriesOf;
    bySeverity[normalized.severity] = (bySeverity[normalized.severity] ?? 0) + entriesOf;
    const record: LogRecord = redactRecord(normalized, redaction);
    aggregator.add(clusterer.add(record), record, record.http ? routeLabel(record.http) : '');
  };
  for await (const batch of batchesOf(deps.source))
    for (const raw of batch) {
      entries++;
      if (!project) project = projectOfEntry(raw);
      // A request log below min-severity is only counted (service status, baseline tallies).
      const normalized = normalizeEntry(raw, minRank);
      if (isSkip(normalized)) {
        skipped[normalized.skip] = (skipped[normalized.skip] ?? 0) + 1;
        continue;
      }
      // A logs-file's baseline entries (before since) go to the baseline, not to "left out".
      if (hooks.take?.(normalized, raw)) continue;
      const excludedBy = exclude(normalized);
      if (excludedBy) {
        excluded[excludedBy] = (excluded[excludedBy] ?? 0) + 1;
        continue;
      }
      if (normalized.timestamp < first) first = normalized.timestamp;
      if (normalized.timestamp > last) last = normalized.timestamp;
      status.add(normalized);
      hooks.observe?.(normalized, raw);
      for (const assembled of assembler.push(normalized)) take(assembled);
    }
  for (const assembled of assembler.finish()) take(assembled);
  const info = deps.source.info();
  for (const [reason, n] of Object.entries(info.unreadable)) skipped[reason] = (skipped[reason] ?? 0) + n;
  const clusters = aggregator.build(clusterer.finish(), analysed, info.sampleFraction, deps.source.weights?.());
  const services = [...new Set(clusters.flatMap((c) => c.services))].sort();
  const notes = Object.entries(excluded).map(
    ([why, n]) => `${formatCount(n)} entries of the file were left out: ${why}.`,
  );
  return {
    notes,
    project,
    entries,
    analysed,
    skipped,
    bySeverity,
    clusters,
    // Counted over every entry read, before redaction: the names are redacted here.
    serviceStatus: status.list(info.sampleFraction).map((s) => ({
      ...s,
      service: redactText(s.service, redaction),
      revisions: s.revisions.map((r) => redactText(r, redaction)),
    })),
    services,
    span: first <= last ? { start: first, end: last } : null,
  };
}

/**
 * The issues filed before and whose markers to trust. A dry run that cannot read them (GitHub
 * unreachable, a token without access) still previews: it plans as if none exist and says so.
 * A real run cannot de-duplicate without them, so it fails (the pipeline leaves a worklog).
 */
async function readIssueHistory(
  config: Config,
  deps: GardenDeps,
  start: number,
  notes: string[],
): Promise<{ issues: TrackedIssue[]; trusted: string[] }> {
  if (!deps.tracker) {
    notes.push('No github-token: the plan assumes no issue exists yet.');
    return { issues: [], trusted: config.trustedAuthors };
  }
  try {
    // Two reopen windows back: an issue closed longer ago than one window must still be found,
    // so that the new issue for a recurring problem can link it.
    const issues = await deps.tracker.listIssues(config.labels[0], start - 2 * config.reopenWindowMs);
    const own = await deps.tracker.identity();
    return { issues, trusted: [...new Set([own, ...config.trustedAuthors].filter(Boolean))] };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (!config.dryRun)
      throw new Error(
        `Existing issues of ${config.repository.owner}/${config.repository.repo} could not be read (${why}); nothing was written. Check that GitHub (${config.githubApiUrl}) is reachable and that github-token may read issues (permissions: issues: write), or set dry-run: true to preview.`,
        { cause: error },
      );
    const note = `Existing issues could not be read (${why}); this dry run plans as if none exist, so every problem shows as new.`;
    deps.warn?.(note);
    notes.push(note);
    return { issues: [], trusted: config.trustedAuthors };
  }
}

/** The plan's inputs that come from the config and rules, not from this run. */
function planSettings(
  config: Config,
  rules: RulesConfig,
): Pick<PlanInput, 'repository' | 'settings' | 'serviceRouting'> {
  return {
    repository: `${config.repository.owner}/${config.repository.repo}`,
    settings: {
      minIssuePriority: config.minIssuePriority,
      maxNewIssues: config.maxNewIssues,
      reopenWindowMs: config.reopenWindowMs,
      muteLabel: config.muteLabel,
      closeAfterMs: config.closeAfterMs,
      labels: config.labels,
    },
    serviceRouting: rules.services,
  };
}

/** redact: strict refuses before the first write; applyPlan decides whether to write at all (dry-run). */
async function apply(plan: IssuePlan, config: Config, deps: GardenDeps, notes: string[]): Promise<IssueAction[]> {
  if (deps.checkPostable) refuseLeakingWrites(plan, deps.checkPostable);
  const actions = await applyPlan(plan, deps.tracker, {
    dryRun: config.dryRun,
    labels: labelSet(config.labels),
    log: deps.log,
  });
  const failed = actions.filter((a) => a.status === 'failed');
  if (failed.length > 0)
    notes.push(`${failed.length} issue write(s) failed; the rest completed. See the issue actions.`);
  return actions;
}
