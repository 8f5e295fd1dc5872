import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from './config/config-types.js';
import type { Reporter } from './ports.js';
import { buildReport, renderReportJson } from './core/report/build-report.js';
import { describeGateFailure } from './core/compare/verdict.js';
import { renderSummary } from './core/report/render-summary.js';
import { renderWorklog } from './core/report/render-worklog.js';
import type { RunResult } from './core/model/run-result.js';
import { buildStepOutputs } from './core/report/step-outputs.js';

export interface Published {
  worklog: string;
  /** Set when fail-on asks the step to fail. */
  failMessage: string;
}

/** Writes what the run leaves behind: worklog, report, artifact, job summary, step outputs. */
export async function publish(
  config: Config,
  result: RunResult,
  reporter: Reporter,
  checkPostable?: (text: string, where: string) => void,
): Promise<Published> {
  const worklog = renderWorklog(result);
  checkPostable?.(worklog, 'worklog');
  writeText(config.worklogPath, worklog);
  writeText(config.reportPath, renderReportJson(buildReport(result)));
  reporter.info(`Worklog: ${config.worklogPath}\nReport:  ${config.reportPath}`);

  let artifactUrl = '';
  if (config.uploadArtifact) {
    try {
      const root = dirname(config.worklogPath);
      const files = [config.worklogPath, config.reportPath].filter((f) => dirname(f) === root);
      artifactUrl = await reporter.uploadArtifact(config.artifactName, files, root);
    } catch (error) {
      reporter.warning(`Worklog artifact not uploaded: ${(error as Error).message}`);
    }
  }
  if (config.jobSummary) {
    const summary = renderSummary(result, { worklogArtifactUrl: artifactUrl || undefined });
    checkPostable?.(summary, 'job summary');
    await reporter.writeSummary(summary);
  }
  const outputs = buildStepOutputs(result, { worklog: config.worklogPath, report: config.reportPath });
  for (const [name, value] of Object.entries(outputs)) reporter.setOutput(name, value);
  for (const action of result.actions.filter((a) => a.status === 'failed')) {
    reporter.warning(
      `Issue write failed (${action.action}, ${action.fingerprint}): ${action.error ?? 'unknown error'}`,
    );
  }
  return { worklog, failMessage: failOnMessage(config, result) };
}

/** fail-on (the post-deploy gate) and fail-on-write-error: the step fails after everything was written. */
function failOnMessage(config: Config, result: RunResult): string {
  const messages: string[] = [];
  // The verdict (compare stage) counts, with a baseline, only new and worse problems by default.
  const gate = describeGateFailure(result.verdict, result.clusters);
  if (gate) messages.push(gate);
  const failed = result.actions.filter((a) => a.status === 'failed').length;
  if (config.failOnWriteError && failed > 0) {
    messages.push(`fail-on-write-error: ${failed} issue write(s) failed; the rest of the run completed.`);
  }
  return messages.length > 0 ? `${messages.join(' ')} See the worklog: ${config.worklogPath}` : '';
}

function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
