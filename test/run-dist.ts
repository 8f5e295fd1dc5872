import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { inputVariable } from '../src/adapters/runner-protocol.js';
import { listenOnLoopback } from './fakes/loopback.js';

export interface DistRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  worklog: string;
  report: Record<string, unknown> | null;
  runnerTemp: string;
  workspace: string;
}

export interface RunnerOptions {
  /** RUNNER_TEMP; a fresh directory by default. */
  runnerTemp?: string;
  /** Files to put in the (otherwise empty) workspace, by path relative to it. */
  workspaceFiles?: Record<string, string>;
}

/** The repository root: the bundle and its samples are read from here, never from the workspace. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of a file of this repository (the workspace the bundle runs in is empty). */
export function repoFile(path: string): string {
  return resolve(REPO_ROOT, path);
}

/**
 * `GITHUB_API_URL` when a test brings no fake GitHub: a loopback port nothing listens on (just
 * freed), so the default `github-token` (always set by a runner) meets a GitHub that refuses
 * connections, never the real one.
 */
export async function unreachableUrl(): Promise<string> {
  const server = createServer();
  const url = await listenOnLoopback(server);
  await new Promise((done) => server.close(done));
  return url;
}

/** What `${{ github.token }}` is on a runner: always some token. */
export const RUNNER_TOKEN = 'ghs-runner-default-token';

interface ActionInput {
  default?: string;
}

/** Every input action.yml declares, with its default as written there. */
export function declaredInputs(): Record<string, string> {
  const action = parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, ActionInput | null>;
  };
  return Object.fromEntries(
    Object.entries(action.inputs).map(([name, spec]) => [
      name,
      spec?.default === undefined ? '' : String(spec.default),
    ]),
  );
}

/** `${{ … }}` as a runner evaluates the contexts a default may use; anything else is empty. */
export function evaluateExpressions(text: string, contexts: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_all, expr: string) => contexts[expr] ?? '');
}

/**
 * Runs the bundled action exactly as a runner does: `node dist/index.js` with an INPUT_* variable
 * for every input action.yml declares (at its default, expressions evaluated, unless the test
 * gives it), an empty workspace as the working directory, HOME empty, GITHUB_* and RUNNER_* as a
 * runner sets them and no ACTIONS_RUNTIME_TOKEN. Asynchronous, so loopback fakes in the test
 * process keep answering while it runs. Repository files are passed by absolute path (repoFile).
 */
export async function runDist(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  options: RunnerOptions = {},
): Promise<DistRun> {
  const runnerTemp = options.runnerTemp ?? mkdtempSync(join(tmpdir(), 'lg-runner-'));
  const workspace = mkdtempSync(join(tmpdir(), 'lg-workspace-'));
  for (const [path, text] of Object.entries(options.workspaceFiles ?? {})) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  const outputFile = join(runnerTemp, `output-${Date.now()}-${Math.random()}`);
  const summaryFile = join(runnerTemp, `summary-${Date.now()}-${Math.random()}`);
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const unreachable = await unreachableUrl();
  const runnerEnv: Record<string, string> = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: unreachable,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${unreachable}/graphql`,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'log-gardener',
    GITHUB_JOB: 'garden',
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_ACTOR: 'octo-maintainer',
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION: '__acme_gcp-log-gardener',
    GITHUB_ACTION_PATH: REPO_ROOT,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ENV: join(runnerTemp, 'env'),
    GITHUB_PATH: join(runnerTemp, 'path'),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 2',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(runnerTemp, 'tool-cache'),
    ...env,
  };
  const contexts: Record<string, string> = {
    'github.token': RUNNER_TOKEN,
    'github.repository': runnerEnv.GITHUB_REPOSITORY!,
    'github.workspace': workspace,
    'github.server_url': runnerEnv.GITHUB_SERVER_URL!,
    'github.api_url': runnerEnv.GITHUB_API_URL!,
    'github.run_id': runnerEnv.GITHUB_RUN_ID!,
    'github.sha': runnerEnv.GITHUB_SHA!,
    'runner.temp': runnerTemp,
  };
  const declared = declaredInputs();
  const allInputs = { ...mapValues(declared, (v) => evaluateExpressions(v, contexts)), ...inputs };
  const inputEnv = Object.fromEntries(Object.entries(allInputs).map(([k, v]) => [inputVariable(k), v]));
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: '',
    METADATA_SERVER_DETECTION: 'none',
    ...runnerEnv,
    ...inputEnv,
  };
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/index.js')], {
    cwd: workspace,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? -1)));
  const inWorkspace = (path: string) => (isAbsolute(path) ? path : join(workspace, path));
  const worklogPath = inWorkspace(allInputs['worklog-path'] || join(runnerTemp, 'log-gardener', 'worklog.md'));
  const reportPath = inWorkspace(allInputs['report-path'] || join(dirname(worklogPath), 'report.json'));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    worklog: existsSync(worklogPath) ? readFileSync(worklogPath, 'utf8') : '',
    report: existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as Record<string, unknown>) : null,
    runnerTemp,
    workspace,
  };
}

function mapValues(record: Record<string, string>, fn: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
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
