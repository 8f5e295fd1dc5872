import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from './config/config.js';
import type { Config } from './config/config-types.js';
import type { IssueTracker, LogSource, Reporter } from './ports.js';
import { FileLogSource } from './adapters/file-logs.js';
import { parseRulesConfig } from './core/prioritize/rules-config.js';
import { redactRuleText } from './core/prioritize/redact-rules.js';
import { renderFailure } from './core/report/render-failure.js';
import { assertPostable } from './core/redact/strict-check.js';
import { runGarden } from './garden.js';
import { publish, type Published } from './publish.js';
import type { RunResult } from './core/model/run-result.js';

export interface PipelineDeps {
  reporter: Reporter;
  /** The job's OIDC token for an audience (Actions only). */
  getIdToken(audience: string): Promise<string>;
  mask(secret: string): void;
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Builds the adapters the config asks for, runs the garden and publishes; a failure still leaves a worklog. */
export async function runPipeline(config: Config, deps: PipelineDeps): Promise<Published & { result: RunResult }> {
  const parsed = parseRulesConfig(config.rules ?? {}, config.rulesPath || 'config');
  if (parsed.errors.length > 0) throw new ConfigError(parsed.errors.map((e) => `config: ${e}`));
  const rules = redactRuleText(parsed.config, { ips: config.redactIps });
  const log = (message: string) => deps.reporter.info(message);
  const checkPostable = config.redact === 'strict' ? assertPostable : undefined;
  try {
    const { source, baselineSource } = await buildSources(config, deps, log);
    const tracker = await buildTracker(config, log);
    const warn = (message: string) => deps.reporter.warning(message);
    const result = await runGarden(config, rules, {
      source,
      baselineSource,
      tracker,
      clock: { now: deps.now },
      log,
      warn,
      checkPostable,
    });
    const published = await publish(config, result, deps.reporter, checkPostable);
    return { ...published, result };
  } catch (error) {
    writeFailureWorklog(config, error);
    throw error;
  }
}

async function buildSources(
  config: Config,
  deps: PipelineDeps,
  log: (m: string) => void,
): Promise<{ source: LogSource; baselineSource?: LogSource }> {
  // A logs-file's baseline is its own entries before since: the file is read once (garden.ts).
  if (config.logsFile) return { source: new FileLogSource(config.logsFile) };
  // Google's client libraries load only for a Google read: a logs-file run never compiles them.
  const { createGoogleAuth, CloudLoggingSource, loggingRateWindow, LogAnalyticsSource } =
    await import('./adapters/google-sources.js');
  const auth = await createGoogleAuth(config, { getIdToken: deps.getIdToken, mask: deps.mask });
  // One pacing window for both reads: the quota is per project.
  const sourceDeps = { now: deps.now, sleep: deps.sleep, random: Math.random, log, rate: loggingRateWindow() };
  if (config.analytics.dataset) return { source: new LogAnalyticsSource(config, auth, sourceDeps) };
  if (config.baselineMs === 0) return { source: new CloudLoggingSource(config, auth, sourceDeps) };
  // With a baseline, a third of max-entries reads it and the analysed window gets the rest.
  const baselineBudget = Math.max(1, Math.floor(config.maxEntries / 3));
  const source = new CloudLoggingSource(
    { ...config, maxEntries: Math.max(1, config.maxEntries - baselineBudget) },
    auth,
    sourceDeps,
  );
  // The same query and services over the window just before the analysed one (fixed by now).
  const { start } = source.window;
  const baseline = { since: start - config.baselineMs, until: start, maxEntries: baselineBudget };
  return { source, baselineSource: new CloudLoggingSource({ ...config, ...baseline }, auth, sourceDeps) };
}

async function buildTracker(config: Config, log: (m: string) => void): Promise<IssueTracker | null> {
  if (!config.githubToken || !config.repository.owner) return null;
  const { createGitHubIssues, PRODUCTION_TIMING } = await import('./adapters/github-issues.js');
  return createGitHubIssues(
    {
      token: config.githubToken,
      apiUrl: config.githubApiUrl,
      owner: config.repository.owner,
      repo: config.repository.repo,
    },
    log,
    // A dry run only reads, to preview: one quick retry, then it plans without the history.
    config.dryRun ? { ...PRODUCTION_TIMING, retries: 1 } : PRODUCTION_TIMING,
  );
}

/** Nothing lost: even a run that failed leaves a worklog saying how far it got and why. */
function writeFailureWorklog(config: Config, error: unknown): void {
  try {
    mkdirSync(dirname(config.worklogPath), { recursive: true });
    writeFileSync(
      config.worklogPath,
      renderFailure(error, { source: config.logsFile || `cloud-logging:${config.projectId}` }),
    );
  } catch {
    // The original error matters more than a worklog that could not be written.
  }
}
