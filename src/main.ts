import { tmpdir } from 'node:os';
import { parseConfig } from './config/config.js';
import { ActionsRuntime } from './adapters/actions-runtime.js';
import { readIfExists } from './adapters/read-file.js';
import { describeErrorForLog } from './core/report/render-failure.js';
import { runPipeline } from './pipeline.js';
import { getInput, setFailed, setSecret } from './adapters/runner-protocol.js';

/** The action: read config, wire the runner's adapters, run, set outputs. The one catch. */
export async function run(): Promise<void> {
  try {
    const config = parseConfig({
      get: (name) => getInput(name),
      env: process.env,
      readFile: readIfExists,
      tmpDir: tmpdir(),
    });
    if (config.githubToken) setSecret(config.githubToken);
    const runUrl = config.runId
      ? `${config.githubServerUrl}/${config.repository.owner}/${config.repository.repo}/actions/runs/${config.runId}`
      : '';
    const { failMessage } = await runPipeline(config, {
      reporter: new ActionsRuntime(process.env, runUrl),
      // Only a Workload Identity run needs @actions/core (its OIDC client): loaded then, not at start-up.
      getIdToken: async (audience) => (await import('@actions/core')).getIDToken(audience),
      mask: (secret) => setSecret(secret),
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    if (failMessage) setFailed(failMessage);
  } catch (error) {
    setFailed(describeErrorForLog(error));
  }
}
