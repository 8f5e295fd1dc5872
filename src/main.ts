import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { parseConfig } from './config/config.js';
import { ActionsRuntime } from './adapters/actions-runtime.js';
import { readIfExists } from './adapters/read-file.js';
import { describeErrorForLog } from './core/report/render-failure.js';
import { runPipeline } from './pipeline.js';

/** The action: read config, wire the runner's adapters, run, set outputs. The one catch. */
export async function run(): Promise<void> {
  try {
    const config = parseConfig({
      get: (name) => core.getInput(name),
      env: process.env,
      readFile: readIfExists,
      tmpDir: tmpdir(),
    });
    if (config.githubToken) core.setSecret(config.githubToken);
    const runUrl = config.runId
      ? `${config.githubServerUrl}/${config.repository.owner}/${config.repository.repo}/actions/runs/${config.runId}`
      : '';
    const { failMessage } = await runPipeline(config, {
      reporter: new ActionsRuntime(process.env, runUrl),
      getIdToken: (audience) => core.getIDToken(audience),
      mask: (secret) => core.setSecret(secret),
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    if (failMessage) core.setFailed(failMessage);
  } catch (error) {
    core.setFailed(describeErrorForLog(error));
  }
}
