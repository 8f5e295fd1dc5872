import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DistRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  worklog: string;
  report: Record<string, unknown> | null;
  runnerTemp: string;
}

/**
 * Runs the bundled action exactly as a runner does: `node dist/index.js` with INPUT_* variables,
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files and RUNNER_TEMP. Asynchronous, so loopback fakes in
 * the test process keep answering while it runs.
 */
export async function runDist(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  runnerTemp = mkdtempSync(join(tmpdir(), 'lg-runner-')),
): Promise<DistRun> {
  const outputFile = join(runnerTemp, `output-${Date.now()}-${Math.random()}`);
  const summaryFile = join(runnerTemp, `summary-${Date.now()}-${Math.random()}`);
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    METADATA_SERVER_DETECTION: 'none',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    ...inputEnv,
    ...env,
  };
  const child = spawn(process.execPath, ['dist/index.js'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  const worklogPath = join(runnerTemp, 'log-gardener', 'worklog.md');
  const reportPath = join(runnerTemp, 'log-gardener', 'report.json');
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    worklog: existsSync(inputs['worklog-path'] ?? worklogPath)
      ? readFileSync(inputs['worklog-path'] ?? worklogPath, 'utf8')
      : '',
    report: existsSync(inputs['report-path'] ?? reportPath)
      ? (JSON.parse(readFileSync(inputs['report-path'] ?? reportPath, 'utf8')) as Record<string, unknown>)
      : null,
    runnerTemp,
  };
}

/** GITHUB_OUTPUT's heredoc format: `name<<DELIM\nvalue\nDELIM`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]);
      outputs[heredoc[1]] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return outputs;
}
