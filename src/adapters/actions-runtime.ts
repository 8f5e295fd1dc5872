import * as core from '@actions/core';
import type { Reporter } from '../ports.js';
import { neutralizeWorkflowCommands } from '../core/markdown/workflow-commands.js';

/** The GitHub runner: log, outputs, job summary and artifact through @actions/*. */
export class ActionsRuntime implements Reporter {
  constructor(
    private readonly env: Record<string, string | undefined>,
    private readonly runUrl: string,
  ) {}

  info(message: string): void {
    core.info(neutralizeLines(message));
  }

  warning(message: string): void {
    core.warning(neutralizeLines(message));
  }

  setOutput(name: string, value: string): void {
    core.setOutput(name, value);
  }

  async writeSummary(markdown: string): Promise<void> {
    if (!this.env.GITHUB_STEP_SUMMARY) {
      core.info('No GITHUB_STEP_SUMMARY on this runner: job summary skipped.');
      return;
    }
    await core.summary.addRaw(markdown, true).write({ overwrite: false });
  }

  async uploadArtifact(name: string, files: string[], rootDir: string): Promise<string> {
    // The artifact service is only there inside a real workflow run (act, local runs lack it).
    if (!this.env.ACTIONS_RUNTIME_TOKEN || !this.env.ACTIONS_RESULTS_URL) {
      core.notice(
        'The runner has no artifact service (ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL unset): worklog artifact not uploaded.',
      );
      return '';
    }
    // Loaded here, not at start-up: the artifact client is megabytes of code a run without the
    // artifact service never needs (DESIGN §6: the run is bound by I/O, not by start-up).
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const { id } = await new DefaultArtifactClient().uploadArtifact(name, files, rootDir, { retentionDays: 30 });
    return id && this.runUrl ? `${this.runUrl}/artifacts/${id}` : '';
  }
}

function neutralizeLines(text: string): string {
  return text.split('\n').map(neutralizeWorkflowCommands).join('\n');
}
