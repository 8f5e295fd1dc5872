import type { Reporter } from '../ports.js';
import { neutralizeWorkflowCommands } from '../core/markdown/workflow-commands.js';
import * as runner from './runner-protocol.js';

/** The GitHub runner: log, outputs and job summary by its file and stdout protocol; the artifact through @actions/artifact. */
export class ActionsRuntime implements Reporter {
  constructor(
    private readonly env: Record<string, string | undefined>,
    private readonly runUrl: string,
  ) {}

  info(message: string): void {
    runner.info(neutralizeLines(message));
  }

  warning(message: string): void {
    runner.warning(neutralizeLines(message));
  }

  setOutput(name: string, value: string): void {
    runner.setOutput(name, value, this.env);
  }

  async writeSummary(markdown: string): Promise<void> {
    if (!this.env.GITHUB_STEP_SUMMARY) {
      runner.info('No GITHUB_STEP_SUMMARY on this runner: job summary skipped.');
      return;
    }
    runner.appendSummary(markdown, this.env);
  }

  async uploadArtifact(name: string, files: string[], rootDir: string): Promise<string> {
    // The artifact service is only there inside a real workflow run (act, local runs lack it).
    if (!this.env.ACTIONS_RUNTIME_TOKEN || !this.env.ACTIONS_RESULTS_URL) {
      runner.notice(
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
