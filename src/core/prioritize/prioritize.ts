/**
 * Clusters → priorities with reasons. The first matching rule (user rules, then defaults)
 * sets the base priority; volume, spread and newness may raise it by one level in total.
 */
import { PRIORITIES, type Cluster, type Priority, type RankedCluster } from '../model/cluster-types.js';
import { severityRank } from '../model/log-record.js';
import type { IgnoreRule, PriorityRule, RuleMatch, RulesConfig } from './rules-config.js';

/** Thresholds of the modifiers that raise a priority. */
export const ESCALATION = {
  /** Share of analysed entries, with a floor: four lone errors are each 25 % of a quiet window. */
  volumeShare: 0.1,
  volumeShareMinCount: 50,
  /** An absolute count raises only with a real share too: in a million-entry window every cluster has 1,000. */
  volumeCount: 1000,
  volumeCountMinShare: 0.02,
  services: 3,
  routes: 5,
} as const;

export interface RankContext {
  totalAnalysed: number;
  /** Fingerprints seen in earlier runs. Empty = no history (first run): nothing counts as new. */
  knownFingerprints: Set<string>;
  /** Start of the analysed window (epoch ms); a new problem must start after it. */
  windowStart?: number;
  /**
   * min-issue-priority. Earlier runs only remember problems that got an issue, so a problem whose
   * base priority is below this floor cannot be told apart from a new one: it is never called new.
   */
  historyFloor?: Priority;
}

/** How far into the window a problem must first appear to count as having started in it. */
export const NEW_PROBLEM_GRACE_MS = 5 * 60_000;

/** Sorted: priority, then clusters whose rule set the priority before raised ones, then count; ignored last. */
export function rankClusters(clusters: Cluster[], rules: RulesConfig, context: RankContext): RankedCluster[] {
  const regexes = new Map<string, RegExp>();
  const compile = (source: string) => {
    let regex = regexes.get(source);
    if (!regex) {
      regex = new RegExp(source, 'i');
      regexes.set(source, regex);
    }
    return regex;
  };
  const ranked = clusters.map((cluster) => rankOne(cluster, rules, context, compile));
  ranked.sort(
    (a, b) =>
      Number(a.cluster.ignored) - Number(b.cluster.ignored) ||
      PRIORITIES.indexOf(a.cluster.priority) - PRIORITIES.indexOf(b.cluster.priority) ||
      a.base - b.base ||
      b.cluster.count - a.cluster.count ||
      a.cluster.fingerprint.localeCompare(b.cluster.fingerprint),
  );
  return ranked.map((item) => item.cluster);
}

type Compile = (source: string) => RegExp;

/** `base`: index of the rule's own priority, so a cluster P0 by nature sorts above one raised to P0. */
function rankOne(
  cluster: Cluster,
  config: RulesConfig,
  context: RankContext,
  compile: Compile,
): { cluster: RankedCluster; base: number } {
  const ranked = decide(cluster, config, context, compile);
  return { cluster: ranked.cluster, base: PRIORITIES.indexOf(ranked.base) };
}

/** A cluster that gets no issue: listed as noise in the worklog, with why. */
function ignoredAs(
  cluster: Cluster,
  rule: string,
  reasons: string[],
  advice: { likelyCauses: string[]; recommendedActions: string[] } = { likelyCauses: [], recommendedActions: [] },
): { cluster: RankedCluster; base: Priority } {
  return { cluster: { ...cluster, ...advice, rule, priority: 'P3', ignored: true, reasons }, base: 'P3' };
}

function decide(
  cluster: Cluster,
  config: RulesConfig,
  context: RankContext,
  compile: Compile,
): { cluster: RankedCluster; base: Priority } {
  const texts = textsOf(cluster);
  const ignoreAt = config.ignore.findIndex((rule) => matchesIgnore(rule, cluster, texts, compile));
  if (ignoreAt >= 0) {
    return ignoredAs(cluster, `ignore[${ignoreAt}]`, [
      `ignored by the config's ignore[${ignoreAt}]: /${config.ignore[ignoreAt]!.match}/`,
    ]);
  }
  const rule = config.rules.find((candidate) => matchesRule(candidate.match, cluster, texts, compile));
  if (!rule) {
    return ignoredAs(cluster, 'none', ['no rule matched: not treated as a problem']);
  }
  const advice = {
    rule: rule.id,
    likelyCauses: [...rule.likelyCauses],
    recommendedActions: [...rule.recommendedActions],
  };
  if (rule.priority === 'ignore') {
    return ignoredAs(cluster, rule.id, [`not a problem: ${rule.reason} (rule ${rule.id})`], advice);
  }
  const base = rule.priority;
  const reasons = [`${base}: ${rule.reason} (rule ${rule.id})`];
  const modifiers = rule.escalate ? findModifiers(cluster, base, context) : [];
  let priority = base;
  // Modifiers raise at most to P1: a page at night (P0) is for what a rule says on its own.
  if (modifiers.length > 0 && base !== 'P0' && base !== 'P1') {
    priority = PRIORITIES[PRIORITIES.indexOf(base) - 1]!;
    reasons.push(...modifiers.map((text) => `raised ${base} → ${priority}: ${text}`));
  } else {
    reasons.push(...modifiers);
  }
  return { cluster: { ...cluster, ...advice, priority, ignored: false, reasons }, base };
}

function findModifiers(cluster: Cluster, base: Priority, context: RankContext): string[] {
  const out: string[] = [];
  const share = context.totalAnalysed > 0 ? cluster.count / context.totalAnalysed : 0;
  if (
    (share >= ESCALATION.volumeShare && cluster.count >= ESCALATION.volumeShareMinCount) ||
    (cluster.count >= ESCALATION.volumeCount && share >= ESCALATION.volumeCountMinShare)
  ) {
    out.push(`high volume: ${cluster.count} entries, ${(share * 100).toFixed(1)}% of analysed entries`);
  }
  if (cluster.services.length >= ESCALATION.services) {
    out.push(`spread: ${cluster.services.length} services (${cluster.services.slice(0, 5).join(', ')})`);
  } else if (cluster.routes.length >= ESCALATION.routes) {
    out.push(`spread: ${cluster.routes.length} routes`);
  }
  // New = no earlier issue knows it AND it started inside this window. A problem already under
  // way when the window began was seen before, just not filed (below min-issue-priority, over
  // max-new-issues): raising it now would file it late at a priority it never had.
  const startedInWindow =
    context.windowStart === undefined || cluster.firstSeen >= context.windowStart + NEW_PROBLEM_GRACE_MS;
  const remembered =
    context.historyFloor === undefined || PRIORITIES.indexOf(base) <= PRIORITIES.indexOf(context.historyFloor);
  if (
    context.knownFingerprints.size > 0 &&
    !context.knownFingerprints.has(cluster.fingerprint) &&
    startedInWindow &&
    remembered
  ) {
    out.push('new: not seen in earlier runs, started in this window');
  }
  return out;
}

/** What `message` regexes see: the template, title, route and sample messages. */
function textsOf(cluster: Cluster): string[] {
  const texts = [cluster.template, cluster.title];
  if (cluster.route) texts.push(cluster.route);
  for (const route of cluster.routes) texts.push(route);
  for (const sample of cluster.samples) {
    texts.push(sample.message);
    if (sample.context) texts.push(sample.context);
    if (sample.http) texts.push(sample.http.path);
  }
  return texts;
}

function errorTypesOf(cluster: Cluster, texts: string[]): string[] {
  const types: string[] = [];
  if (cluster.errorType) types.push(cluster.errorType);
  for (const sample of cluster.samples) if (sample.errorType) types.push(sample.errorType);
  for (const text of texts) {
    const prefix = /^([A-Za-z_$][\w.$]*)(?::|\s*$)/.exec(text);
    if (prefix) types.push(prefix[1]!);
  }
  return types;
}

/**
 * A problem that persists: at least 5 entries, or 2 minutes or more from the first to the last
 * that are not just a few strays (at least one entry per 10 minutes of that span): three lone
 * lines in an hour are sporadic, not an outage.
 */
export const PERSISTENCE = { count: 5, spanMs: 2 * 60_000, strayMs: 10 * 60_000 } as const;

export function isPersistent(cluster: Cluster): boolean {
  const span = cluster.lastSeen - cluster.firstSeen;
  if (cluster.count >= PERSISTENCE.count) return true;
  return span >= PERSISTENCE.spanMs && cluster.count >= Math.max(3, span / PERSISTENCE.strayMs);
}

export function matchesRule(match: RuleMatch, cluster: Cluster, texts: string[], compile: Compile): boolean {
  if (match.kind && cluster.kind !== match.kind) return false;
  if (match.severity && severityRank(cluster.severity) < severityRank(match.severity)) return false;
  if (match.maxSeverity && severityRank(cluster.severity) > severityRank(match.maxSeverity)) return false;
  if (match.minCount !== undefined && cluster.count < match.minCount) return false;
  if (match.persistent !== undefined && isPersistent(cluster) !== match.persistent) return false;
  if (match.status) {
    const [lo, hi] = match.status;
    const statuses = cluster.status !== undefined ? [cluster.status, ...cluster.statuses] : cluster.statuses;
    if (!statuses.some((status) => status >= lo && status <= hi)) return false;
  }
  if (match.service && !cluster.services.some((service) => compile(match.service!).test(service))) return false;
  if (match.logName && !cluster.samples.some((sample) => compile(match.logName!).test(sample.logName))) return false;
  if (match.message && !texts.some((text) => compile(match.message!).test(text))) return false;
  if (match.errorType && !errorTypesOf(cluster, texts).some((type) => compile(match.errorType!).test(type)))
    return false;
  return true;
}

function matchesIgnore(rule: IgnoreRule, cluster: Cluster, texts: string[], compile: Compile): boolean {
  if (rule.service && !cluster.services.some((service) => compile(`^(?:${rule.service})$`).test(service))) return false;
  return texts.some((text) => compile(rule.match).test(text));
}

export type { PriorityRule };
