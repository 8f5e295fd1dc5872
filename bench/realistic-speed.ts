/**
 * Issue 12 item 7: speed on realistic data. About 200,000 entries as NDJSON: four realistic hours
 * concatenated (a flood hour holding 50,000 copies of one multi-line Python traceback, an outage, an
 * out-of-memory hour and a noisy-but-healthy hour padded with INFO traffic). The bundled action
 * (`node dist/index.js`, dry run, every action.yml default as a runner sets it) against a plain
 * Node script that only reads the NDJSON and JSON.parses each line, side by side, median of 3
 * each, wall time of the whole process; peak RSS from `/usr/bin/time -v` (else not measured).
 * Goal: ≤ 2.0× and ≤ 300 MB. The plain script reads with fs.createReadStream; a second one reads
 * the bytes as the action does (positioned reads into reused buffers, faster), so that the
 * ratio against it is the action's own work beyond reading and parsing; both are reported. Needs a built bundle (`npm run build`). Reports, exits 0.
 *   node_modules/.bin/node --import tsx bench/realistic-speed.ts     (ENTRIES=200000 REPEAT=3 KEEP=1)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRealisticHour, type HourKind } from '../scripts/realistic/generate.js';
import { declaredInputs, evaluateExpressions, REPO_ROOT } from '../test/run-dist.js';
import { inputVariable } from '../src/adapters/runner-protocol.js';

const ENTRIES = Number(process.env.ENTRIES ?? 200_000);
const FLOOD = 50_000;
const REPEAT = Math.max(1, Number(process.env.REPEAT ?? 3));
const START = new Date('2026-11-30T06:00:00Z');
const HAS_TIME = existsSync('/usr/bin/time');

const dir = mkdtempSync(join(tmpdir(), 'lg-realistic-speed-'));
const file = join(dir, 'four-hours.ndjson');

// Each hour its own clock hour, consecutive.
const hourAt = (i: number) => new Date(START.getTime() + i * 2 * 3_600_000);
const fixed: [HourKind, number][] = [
  ['flood', 0],
  ['outage', 1],
  ['oom', 2],
];
const parts = fixed.map(([kind, i]) => generateRealisticHour(kind, 1, { start: hourAt(i), floodCount: FLOOD }).entries);
const plainNoisy = generateRealisticHour('noisy-but-healthy', 1, { start: hourAt(3) }).entries.length;
const missing = Math.max(0, ENTRIES - parts.reduce((a, p) => a + p.length, 0) - plainNoisy);
// About 1.35 entries per extra request (some requests log an INFO line too).
parts.push(generateRealisticHour('noisy-but-healthy', 1, { start: hourAt(3), extraTraffic: missing / 1.35 }).entries);
const out = createWriteStream(file);
let written = 0;
for (const part of parts)
  for (const entry of part) {
    written++;
    if (!out.write(`${JSON.stringify(entry)}\n`)) await once(out, 'drain');
  }
out.end();
await once(out, 'finish');

/** The plain read-and-parse script, run by node with no loader. */
const baselineScript = join(REPO_ROOT, 'bench/read-parse-baseline.mjs');

interface Run {
  ms: number;
  rss: number | null;
}

function timed(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Run {
  const [cmd, ...args] = HAS_TIME ? ['/usr/bin/time', '-v', ...argv] : argv;
  const t0 = performance.now();
  const child = spawnSync(cmd!, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (child.status !== 0)
    throw new Error(`${argv.join(' ')} exited ${child.status ?? child.signal}:\n${child.stderr.slice(-3000)}`);
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr);
  return { ms, rss: kb ? Number(kb[1]) * 1024 : null };
}

function baseline(reader: 'stream' | 'chunks'): Run {
  return timed([process.execPath, baselineScript, file, reader], { PATH: process.env.PATH ?? '' }, dir);
}

/** The bundle as a runner starts it: every declared input at its default, a dry run without a token. */
function action(): Run {
  const temp = mkdtempSync(join(dir, 'runner-'));
  const workspace = mkdtempSync(join(dir, 'workspace-'));
  for (const f of ['output', 'summary']) writeFileSync(join(temp, f), '');
  const contexts: Record<string, string> = {
    'github.token': 'ghs-runner-default-token',
    'github.repository': 'acme/shop',
    'github.workspace': workspace,
    'github.server_url': 'https://github.com',
    'github.api_url': 'http://127.0.0.1:9',
    'runner.temp': temp,
  };
  const inputs: Record<string, string> = {
    ...Object.fromEntries(Object.entries(declaredInputs()).map(([k, v]) => [k, evaluateExpressions(v, contexts)])),
    'logs-file': file,
    'dry-run': 'true',
    // No token: the dry run plans without GitHub. With the default token and GitHub out of reach,
    // the run would measure the listing's one retry (1 s), not the pipeline.
    'github-token': '',
  };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: '',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(temp, 'output'),
    GITHUB_STEP_SUMMARY: join(temp, 'summary'),
    RUNNER_TEMP: temp,
    METADATA_SERVER_DETECTION: 'none',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputVariable(k), v])),
  };
  try {
    return timed([process.execPath, join(REPO_ROOT, 'dist/index.js')], env, workspace);
  } finally {
    rmSync(temp, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (b: number | null) => (b === null ? 'not measured' : `${(b / 1024 / 1024).toFixed(0)} MB`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
/** The highest peak of the runs; null when any was not measured. */
const peakOf = (runs: Run[]) => (runs.every((r) => r.rss !== null) ? Math.max(...runs.map((r) => r.rss!)) : null);
const row = (label: string, runs: Run[]) =>
  `| ${label} | ${seconds(median(runs.map((r) => r.ms)))} | ${runs.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} | ${mb(peakOf(runs))} |`;
try {
  const base: Run[] = [];
  const act: Run[] = [];
  const sameReader: Run[] = [];
  for (let i = 0; i < REPEAT; i++) {
    base.push(baseline('stream'));
    act.push(action());
    sameReader.push(baseline('chunks'));
  }
  const b = median(base.map((r) => r.ms));
  const c = median(sameReader.map((r) => r.ms));
  const a = median(act.map((r) => r.ms));
  console.log(
    `Realistic speed: ${written.toLocaleString('en-US')} entries (flood ${FLOOD.toLocaleString('en-US')}× one multi-line traceback, outage, oom, noisy), NDJSON; median of ${REPEAT}, wall time per process\n`,
  );
  console.log('| run | median | runs | peak RSS |');
  console.log('| --- | --- | --- | --- |');
  console.log(row('read + JSON.parse each line (plain node)', base));
  console.log(row('bundled action, dry run (dist/index.js)', act));
  console.log(row('read + JSON.parse each line, reading the bytes as the action does (positioned reads)', sameReader));
  console.log(
    `\nRatio action / read+parse: ${(a / b).toFixed(2)}× (goal ≤ 2.0×); action peak RSS ${mb(peakOf(act))} (goal ≤ 300 MB)`,
  );
  console.log(
    `Against the script that reads the bytes as the action does: ${(a / c).toFixed(2)}× (the action's own work beyond reading and parsing)`,
  );
} finally {
  if (process.env.KEEP === '1') console.log(`Kept ${file}`);
  else rmSync(dir, { recursive: true, force: true });
}
