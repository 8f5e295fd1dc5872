/**
 * The runner's protocol, written directly: inputs from `INPUT_*`, log lines and workflow commands
 * on stdout, outputs and the job summary appended to the files the runner names.
 *
 * Why not `@actions/core`: importing it loads its OIDC client, and with it undici, http2, tls and
 * zlib: about 0.15 s of start-up in every run (bench/realistic-speed.ts), for the one call a
 * Workload Identity run needs (`getIDToken`), which main.ts still loads from `@actions/core` when
 * it needs it. The formats below are the documented ones, as `@actions/core` 3 writes them:
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { appendFileSync, existsSync } from 'node:fs';
import { EOL } from 'node:os';

type Env = Record<string, string | undefined>;

/** The variable the runner passes an input in: `INPUT_` + the name upper-cased, spaces as `_`. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** An input as the runner passes it, trimmed. */
export function getInput(name: string, env: Env = process.env): string {
  return (env[inputVariable(name)] ?? '').trim();
}

/** `::name::message`, the message escaped so that it stays one command. */
function issueCommand(name: string, message: string): void {
  stdoutLine(`::${name}::${escapeData(message)}`);
}

export const info = (message: string): void => stdoutLine(message);
export const warning = (message: string): void => issueCommand('warning', message);
export const notice = (message: string): void => issueCommand('notice', message);
/** Masks a value in the job log from here on. */
export const setSecret = (secret: string): void => issueCommand('add-mask', secret);

/** An error annotation, and the step fails when the process exits. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  issueCommand('error', message);
}

/** A step output: a heredoc entry in `GITHUB_OUTPUT`; without that file, the old stdout command. */
export function setOutput(name: string, value: string, env: Env = process.env): void {
  const file = env.GITHUB_OUTPUT ?? '';
  if (file === '') {
    stdoutLine('');
    stdoutLine(`::set-output name=${escapeProperty(name)}::${escapeData(value)}`);
    return;
  }
  appendFileCommand(file, 'GITHUB_OUTPUT', keyValueMessage(name, value));
}

/** Appends markdown to the job summary (`GITHUB_STEP_SUMMARY`), as `summary.addRaw(md, true).write()`. */
export function appendSummary(markdown: string, env: Env = process.env): void {
  appendFileCommand(env.GITHUB_STEP_SUMMARY ?? '', 'GITHUB_STEP_SUMMARY', markdown);
}

/** `name<<delimiter` … `delimiter`, with a delimiter the value cannot contain. */
export function keyValueMessage(name: string, value: string): string {
  const delimiter = `ghadelimiter_${randomId()}`;
  // The value is checked, so the delimiter needs to be unlikely, not secret: a value holding it is
  // refused, which keeps the file unambiguous whatever the value is.
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`Unexpected output ${name}: it contains the delimiter ${delimiter}`);
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}`;
}

/**
 * A version-4-shaped UUID from Math.random, as `@actions/core` writes one with `crypto.randomUUID`.
 * Not node:crypto: loading it costs the worker ~10 ms of start-up, and keyValueMessage refuses a
 * value holding the delimiter, so the delimiter only has to be unlikely.
 */
function randomId(): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  const variant = (8 + Math.floor(Math.random() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

function appendFileCommand(file: string, variable: string, text: string): void {
  if (file === '') throw new Error(`Unable to find environment variable for file command ${variable}`);
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file} (${variable})`);
  appendFileSync(file, `${text}${EOL}`, { encoding: 'utf8' });
}

function stdoutLine(text: string): void {
  process.stdout.write(`${text}${EOL}`);
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
