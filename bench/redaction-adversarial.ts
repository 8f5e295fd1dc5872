/**
 * Time to redact / neutralise adversarial and huge inputs (issue 6): proves no rule
 * backtracks catastrophically. A benchmark with printed figures, not a timed test.
 *
 *   node_modules/.bin/node --import tsx bench/redaction-adversarial.ts
 *
 * Also measures the hot path: redactRecord over 1,000,000 records built from the loghub-2k
 * lines in ../shared/loghub-2k (read at bench time, never copied), against a baseline loop.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { redactRecord, redactText } from '../src/core/redact/redact.js';
import { findSurvivingSecrets } from '../src/core/redact/strict-check.js';
import { codeBlock, inlineCode, safeText } from '../src/core/markdown/safe-markdown.js';
import { neutralizeWorkflowCommands } from '../src/core/markdown/workflow-commands.js';
import type { LogRecord } from '../src/core/model/log-record.js';
import { buildHostileCorpus, HUGE_MESSAGE_BYTES } from '../test/fixtures/hostile-corpus.js';

const KIB = 1024;
const LIMIT_MS = 50;

function fill(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const base64Run = (length: number): string =>
  Array.from({ length }, (_, i) => BASE64[(i * 7 + 3) % BASE64.length]).join('');

const hugeRealistic = buildHostileCorpus().hugeMessage;

const INPUTS: [string, string][] = [
  [`256 KiB realistic line with secrets (${HUGE_MESSAGE_BYTES / KIB} KiB)`, hugeRealistic],
  ["'a@' x 100k", fill('a@', 200_000)],
  ["'=' x 256 KiB", fill('=', 256 * KIB)],
  ["'eyJ' + 200k base64, no dots", `eyJ${base64Run(200_000)}`],
  ["'eyJ' x 87k", fill('eyJ', 256 * KIB)],
  ["'eyJa.' x 52k", fill('eyJa.', 256 * KIB)],
  ['256 KiB of spaces', fill(' ', 256 * KIB)],
  ['256 KiB of newlines', fill('\n', 256 * KIB)],
  ["'password=' x 26k", fill('password=', 256 * KIB)],
  ["'password: \"' x 21k", fill('password: "', 256 * KIB)],
  ["'a_' x 128k + 'password'", `${fill('a_', 256 * KIB)}password=x`],
  ["'a-' x 128k (key prefixes)", fill('a-', 256 * KIB)],
  ["'a.' x 128k (e-mail domains)", `x@${fill('a.', 256 * KIB)}`],
  ['256 KiB local part, no @', fill('a', 256 * KIB)],
  ["'github_pat_' x 23k", fill('github_pat_', 256 * KIB)],
  ["'ghp_' x 64k", fill('ghp_', 256 * KIB)],
  ["'-----BEGIN PRIVATE KEY-----' x 9k", fill('-----BEGIN PRIVATE KEY-----', 256 * KIB)],
  ['BEGIN PRIVATE KEY + 256 KiB base64, no END', `-----BEGIN PRIVATE KEY-----\n${base64Run(256 * KIB)}`],
  ["'Bearer ' x 37k", fill('Bearer ', 256 * KIB)],
  ["'authorization: ' x 16k", fill('authorization: ', 256 * KIB)],
  ["'://' x 87k", fill('://', 256 * KIB)],
  ["'a://a:' x 43k", fill('a://a:', 256 * KIB)],
  ["'?token=' x 32k", fill('?token=', 256 * KIB)],
  ["'cookie: ' x 32k", fill('cookie: ', 256 * KIB)],
  ["'1.' x 128k (IPv4)", fill('1.', 256 * KIB)],
  ["'1:' x 128k (IPv6)", fill('1:', 256 * KIB)],
  ["'a::' x 87k (IPv6)", fill('a::', 256 * KIB)],
  ['256 KiB hex (commit SHAs)', fill('0123456789abcdef', 256 * KIB)],
  ["'`' x 256 KiB", fill('`', 256 * KIB)],
  ["'<!--' x 64k", fill('<!--', 256 * KIB)],
  ["'@a' x 128k", fill('@a', 256 * KIB)],
  ["'::' x 128k", fill('::', 256 * KIB)],
  ["'\\n::' x 87k", fill('\n::', 256 * KIB)],
  ["'\\u001b[' x 128k", fill('\u001b[', 256 * KIB)],
  ["'\\u001b]' x 128k", fill('\u001b]', 256 * KIB)],
  ['256 KiB lone surrogates', fill('\ud800', 256 * KIB)],
];

function timeMs(run: () => unknown, repeats = 3): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return Math.min(...times);
}

type Step = [string, (text: string) => unknown];
const STEPS: Step[] = [
  ['redact', (t) => redactText(t, { ips: false })],
  ['redact+ips', (t) => redactText(t, { ips: true })],
  ['strict', (t) => findSurvivingSecrets(t)],
  ['safeText', (t) => safeText(t, t.length)],
  ['codeBlock', (t) => codeBlock(t)],
  ['inlineCode', (t) => inlineCode(t, t.length)],
  ['workflow', (t) => neutralizeWorkflowCommands(t)],
];

function printAdversarial(): number {
  const header = ['input', ...STEPS.map(([name]) => name)];
  console.log(`\nAdversarial inputs: best of 3, milliseconds (flag > ${LIMIT_MS} ms)\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  let slow = 0;
  for (const [name, text] of INPUTS) {
    const cells = STEPS.map(([, step]) => {
      const ms = timeMs(() => step(text));
      if (ms > LIMIT_MS) slow += 1;
      return `${ms.toFixed(1)}${ms > LIMIT_MS ? ' SLOW' : ''}`;
    });
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
  return slow;
}

function loghubLines(): string[] {
  const root = join(process.cwd(), '..', 'shared', 'loghub-2k');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const file = join(root, entry.name, `${entry.name}_2k.log`);
      return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
    });
}

function toRecord(message: string, i: number): LogRecord {
  return {
    insertId: `id-${i}`,
    timestamp: 1_700_000_000_000 + i,
    severity: 'ERROR',
    severityInferred: false,
    resourceType: 'cloud_run_revision',
    service: 'api',
    revision: 'api-00001-abc',
    instance: '',
    logName: 'run.googleapis.com/stderr',
    message,
    stack: '',
    errorType: '',
    sourceLocation: '',
    http:
      i % 4 === 0
        ? {
            method: 'GET',
            url: `https://api.example.com/v1/items/${i}?page=2`,
            path: `/v1/items/${i}`,
            status: 500,
            userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0',
          }
        : undefined,
  };
}

function printHotPath(): void {
  const lines = loghubLines();
  if (lines.length === 0) {
    console.log('\n(hot path skipped: ../shared/loghub-2k not found)');
    return;
  }
  const count = 1_000_000;
  const records = Array.from({ length: count }, (_, i) => toRecord(lines[i % lines.length], i));
  let sink = 0;
  const baseline = timeMs(() => {
    for (const record of records) sink += record.message.length + (record.http?.url.length ?? 0);
  }, 2);
  for (const ips of [false, true]) {
    let changed = 0;
    const ms = timeMs(() => {
      changed = 0;
      for (const record of records) if (redactRecord(record, { ips }) !== record) changed += 1;
    }, 2);
    console.log(
      `\nHot path (ips=${ips}): redactRecord x ${count.toLocaleString('en')} loghub-2k records (${lines.length} distinct lines, every 4th with an http URL): ` +
        `${ms.toFixed(0)} ms (${((ms * 1e6) / count).toFixed(0)} ns/record), baseline loop ${baseline.toFixed(0)} ms; ${changed.toLocaleString('en')} records changed`,
    );
  }
  if (sink < 0) console.log(sink);
}

const slow = printAdversarial();
printHotPath();
console.log(
  `\n${slow === 0 ? 'OK' : `${slow} SLOW`}: every step on every adversarial input ${slow === 0 ? 'under' : 'NOT under'} ${LIMIT_MS} ms`,
);
