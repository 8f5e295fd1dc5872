import { appendFileSync, cpSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Reporter } from '../ports.js';

/** The command line: log to stderr, outputs and summary to files when asked, artifact = a folder copy. */
export class ConsoleReporter implements Reporter {
  readonly outputs: Record<string, string> = {};

  constructor(private readonly options: { quiet?: boolean; summaryPath?: string; artifactDir?: string } = {}) {}

  info(message: string): void {
    if (!this.options.quiet) process.stderr.write(`${message}\n`);
  }

  warning(message: string): void {
    process.stderr.write(`warning: ${message}\n`);
  }

  setOutput(name: string, value: string): void {
    this.outputs[name] = value;
  }

  async writeSummary(markdown: string): Promise<void> {
    if (this.options.summaryPath) appendFileSync(this.options.summaryPath, markdown);
  }

  async uploadArtifact(name: string, files: string[], rootDir: string): Promise<string> {
    if (!this.options.artifactDir) return '';
    const target = join(this.options.artifactDir, name);
    mkdirSync(target, { recursive: true });
    for (const file of files) cpSync(file, join(target, relative(rootDir, file)));
    return target;
  }
}
