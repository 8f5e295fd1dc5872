// The runner's protocol written by hand (src/adapters/runner-protocol.ts) must be what
// @actions/core writes: the runner parses these exact shapes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendSummary,
  getInput,
  keyValueMessage,
  setFailed,
  setOutput,
  warning,
} from '../src/adapters/runner-protocol.js';

let dir: string;
let printed: string[];
const realWrite = process.stdout.write.bind(process.stdout);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lg-runner-protocol-'));
  printed = [];
  process.stdout.write = ((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
});

afterEach(() => {
  process.stdout.write = realWrite;
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('getInput', () => {
  it.each([
    ['upper-cased with INPUT_, trimmed', 'logs-file', { 'INPUT_LOGS-FILE': '  a.json \n' }, 'a.json'],
    ['spaces in a name become underscores', 'my input', { INPUT_MY_INPUT: 'x' }, 'x'],
    ['missing is empty', 'lookback', {}, ''],
  ])('%s', (_name, input, env, expected) => {
    expect(getInput(input, env)).toBe(expected);
  });
});

describe('setOutput', () => {
  it('appends a heredoc entry the runner reads back whole, newlines included', () => {
    const file = join(dir, 'output');
    writeFileSync(file, 'earlier<<x\n1\nx\n');
    setOutput('worklog-path', 'line one\nline two', { GITHUB_OUTPUT: file });
    const text = readFileSync(file, 'utf8');
    const match = /^earlier<<x\n1\nx\nworklog-path<<(ghadelimiter_[0-9a-f-]{36})\nline one\nline two\n\1\n$/.exec(text);
    expect(match).not.toBeNull();
  });

  it('without GITHUB_OUTPUT prints the old command, escaped', () => {
    setOutput('clusters', '3%\n', {});
    expect(printed.join('')).toBe('\n::set-output name=clusters::3%25%0A\n');
  });

  it('refuses a value holding its delimiter, and a file the runner did not create', () => {
    expect(() => keyValueMessage('a', 'ghadelimiter_')).not.toThrow();
    expect(() => setOutput('a', 'b', { GITHUB_OUTPUT: join(dir, 'missing') })).toThrow(/Missing file/);
  });
});

describe('commands', () => {
  it('a warning stays one command: %, CR and LF escaped', () => {
    warning('50% done\r\nnext');
    expect(printed.join('')).toBe('::warning::50%25 done%0D%0Anext\n');
  });

  it('setFailed prints an error and fails the step', () => {
    setFailed('bad input');
    expect(printed.join('')).toBe('::error::bad input\n');
    expect(process.exitCode).toBe(1);
  });
});

describe('appendSummary', () => {
  it('appends the markdown and a newline to GITHUB_STEP_SUMMARY', () => {
    const file = join(dir, 'summary');
    writeFileSync(file, '# before\n');
    appendSummary('## Log Gardener', { GITHUB_STEP_SUMMARY: file });
    expect(readFileSync(file, 'utf8')).toBe('# before\n## Log Gardener\n');
  });
});
