/**
 * The whole pipeline on a 1,000,000-entry NDJSON export of realistic Cloud Run entries, against a
 * baseline that only reads the file and JSON.parses each line, measured in the same run. Each
 * measurement runs in its own child process so its peak RSS is its own (`/usr/bin/time -v` when
 * present, else `process.resourceUsage().maxRSS`). Then a 10,000-entry file with 100 entries of
 * 256 KiB messages against the same file without them. The pipeline runs as src/index.ts runs the
 * action: in a worker thread with a capped young generation (src/run-in-worker.ts); a diagnostic
 * row runs it in the main thread without the cap.
 *   node_modules/.bin/node --import tsx bench/pipeline.ts        (ENTRIES=200000 for a quick run,
 *   REPEAT=1 for one pair instead of the best of 3, KEEP=1 keeps the generated files in the temp
 *   directory for the next run)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { isMainThread } from 'node:worker_threads';
import { generateEntries } from '../scripts/sample-generator.js';
import { readParseBaseline } from './read-parse-baseline.mjs';
import { FileLogSource } from '../src/adapters/file-logs.js';
import { parseConfig } from '../src/config/config.js';
import { buildReport, renderReportJson } from '../src/core/report/build-report.js';
import { renderSummary } from '../src/core/report/render-summary.js';
import { renderWorklog } from '../src/core/report/render-worklog.js';
import { parseRulesConfig } from '../src/core/prioritize/rules-config.js';
import { runGarden } from '../src/garden.js';
import { runInWorker, YOUNG_GENERATION_MB } from '../src/run-in-worker.js';

const ENTRIES = Number(process.env.ENTRIES ?? 1_000_000);
const REPEAT = Math.max(1, Number(process.env.REPEAT ?? 3));
const SEED = 11;
const START = new Date('2026-11-30T09:00:00Z');
const HUGE_BYTES = 256 * 1024;
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Measurement {
  ms: number;
  /** Starting the worker and loading the modules in it, before `ms` starts (0 in the main thread). */
  bootMs: number;
  entries: number;
  /** Bytes. */
  peakRss: number;
  rssSource: string;
  clusters?: number;
}

// ---------- child modes: one measurement each, result on the last stdout line ----------

/** Everything the action does except GitHub writes: dry run, no token, default rules. */
async function readPipeline(file: string): Promise<{ entries: number; clusters: number }> {
  const inputs: Record<string, string> = { 'logs-file': file, 'dry-run': 'true', 'upload-artifact': 'false' };
  const config = parseConfig({
    get: (name) => inputs[name] ?? '',
    env: {},
    readFile: () => null,
    tmpDir: tmpdir(),
  });
  const { config: rules, errors } = parseRulesConfig({}, 'bench');
  if (errors.length > 0) throw new Error(errors.join('; '));
  const result = await runGarden(config, rules, {
    source: new FileLogSource(file),
    tracker: null,
    clock: { now: () => Date.now() },
    log: () => {},
  });
  const worklog = renderWorklog(result);
  const report = renderReportJson(buildReport(result));
  const summary = renderSummary(result, {});
  if (worklog.length + report.length + summary.length === 0) throw new Error('nothing rendered');
  return { entries: result.totals.entries, clusters: result.clusters.length };
}

async function runChild(mode: string, file: string): Promise<void> {
  // `pipeline` runs as src/index.ts runs the action: in a worker with the young generation
  // capped. The worker prints the result.
  if (mode === 'pipeline' && isMainThread) {
    const code = await runInWorker(new URL(import.meta.url), [`--mode=${mode}`, file, `--spawned=${Date.now()}`]);
    if (code !== 0) throw new Error(`pipeline worker exited with ${code}`);
    return;
  }
  // Like every row, the time counts from when the modules are loaded; in a worker, `bootMs` is
  // what starting the worker and loading them again cost before that (the dist row includes it).
  const spawnedArg = process.argv.find((a) => a.startsWith('--spawned='));
  const bootMs = spawnedArg ? Date.now() - Number(spawnedArg.slice('--spawned='.length)) : 0;
  const started = performance.now();
  const out =
    mode === 'baseline'
      ? { entries: await readParseBaseline(file) }
      : mode === 'idle'
        ? { entries: 0 }
        : await readPipeline(file);
  const ms = performance.now() - started;
  // maxRSS is in kilobytes, and for the whole process (all threads).
  const result = { ...out, ms, bootMs, maxRss: process.resourceUsage().maxRSS * 1024 };
  console.log(`RESULT ${JSON.stringify(result)}`);
}

// ---------- the parent: files, children, tables ----------

/** Generated files are keyed by the generator's source, so a changed generator makes a new file. */
function generatorKey(): string {
  const hash = createHash('sha256');
  for (const f of ['sample-generator.ts', 'sample-entry.ts', 'sample-episodes.ts', 'sample-failures.ts']) {
    const path = join(repo, 'scripts', f);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 10);
}

async function writeNdjson(path: string, entries: Iterable<object>): Promise<void> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  for (const entry of entries) {
    if (!out.write(`${JSON.stringify(entry)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  // Renamed only when complete: a file that exists under its final name has the right size.
  renameSync(partial, path);
}

async function ensureFile(name: string, entries: () => Iterable<object>): Promise<{ path: string; reused: boolean }> {
  const path = join(tmpdir(), `log-gardener-bench-${generatorKey()}-${name}.ndjson`);
  if (existsSync(path) && statSync(path).size > 0) return { path, reused: true };
  await writeNdjson(path, entries());
  return { path, reused: false };
}

function* withHugeMessages(count: number, every: number): Generator<object> {
  let i = 0;
  for (const entry of generateEntries(count, SEED + 1, START)) {
    if (every > 0 && i++ % every === 0) {
      // The same entry as a plain stderr line (no request, no JSON payload) carrying the big message.
      const { httpRequest: _r, jsonPayload: _j, trace: _t, spanId: _s, ...rest } = entry as Record<string, unknown>;
      const logName = String(rest.logName).replace(/[^/]+$/, 'run.googleapis.com%2Fstderr');
      yield { ...rest, logName, severity: 'ERROR', textPayload: hugeMessage(i) };
    } else yield entry;
  }
}

/** A dumped request body: key=value pairs, quoted strings, ids, numbers, a long unbroken blob. */
function hugeMessage(seed: number): string {
  const parts = [`Upstream rejected payload for order ${seed}:`];
  let length = parts[0]!.length;
  for (let i = 0; length < HUGE_BYTES; i++) {
    const part =
      i % 50 === 49
        ? 'x'.repeat(4000)
        : i % 7 === 0
          ? `id=${(seed * 7919 + i).toString(16)}-${i}`
          : i % 5 === 0
            ? `"${'quoted value '.repeat(3)}${i}"`
            : i % 3 === 0
              ? `user${i}@example.com`
              : `field_${i % 13}: ${i * 31}`;
    parts.push(part);
    length += part.length + 1;
  }
  return parts.join(' ').slice(0, HUGE_BYTES);
}

function peakFromTime(stderr: string): number | null {
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return kb ? Number(kb[1]) * 1024 : null;
}

const HAS_TIME = existsSync('/usr/bin/time');

/** One child process: `node [flags] --import tsx bench/pipeline.ts --mode=MODE FILE`, under `/usr/bin/time -v` if present. */
function measure(mode: string, file: string, flags: string[] = []): Measurement {
  const node = [process.execPath, ...flags, '--import', 'tsx', fileURLToPath(import.meta.url), `--mode=${mode}`, file];
  const [cmd, ...args] = HAS_TIME ? ['/usr/bin/time', '-v', ...node] : node;
  const child = spawnSync(cmd!, args, { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !line) {
    throw new Error(`${mode} on ${file} failed (exit ${child.status ?? child.signal}):\n${child.stderr}`);
  }
  const result = JSON.parse(line.slice('RESULT '.length)) as {
    ms: number;
    bootMs: number;
    entries: number;
    clusters?: number;
    maxRss: number;
  };
  const fromTime = peakFromTime(child.stderr);
  return {
    ms: result.ms,
    bootMs: result.bootMs,
    entries: result.entries,
    clusters: result.clusters,
    peakRss: fromTime ?? result.maxRss,
    rssSource: fromTime !== null ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS',
  };
}

/** The action as shipped: `node dist/index.js`, dry run, wall time including start-up and writing files. */
function measureDist(file: string, entries: number): Measurement | null {
  if (!existsSync(join(repo, 'dist/index.js'))) return null;
  const temp = mkdtempSync(join(tmpdir(), 'lg-bench-runner-'));
  try {
    for (const f of ['output', 'summary']) writeFileSync(join(temp, f), '');
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? temp,
      METADATA_SERVER_DETECTION: 'none',
      RUNNER_TEMP: temp,
      GITHUB_OUTPUT: join(temp, 'output'),
      GITHUB_STEP_SUMMARY: join(temp, 'summary'),
      'INPUT_LOGS-FILE': file,
      'INPUT_DRY-RUN': 'true',
      'INPUT_UPLOAD-ARTIFACT': 'false',
    };
    const node = [process.execPath, 'dist/index.js'];
    const [cmd, ...args] = HAS_TIME ? ['/usr/bin/time', '-v', ...node] : node;
    const t0 = performance.now();
    const child = spawnSync(cmd!, args, { cwd: repo, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = performance.now() - t0;
    if (child.status !== 0)
      throw new Error(`dist/index.js failed (exit ${child.status ?? child.signal}):\n${child.stdout}\n${child.stderr}`);
    const report = JSON.parse(readFileSync(join(temp, 'log-gardener', 'report.json'), 'utf8')) as {
      totals: { entries: number };
      clusters: unknown[];
    };
    if (report.totals.entries !== entries) throw new Error(`dist/index.js read ${report.totals.entries} entries`);
    return {
      ms,
      bootMs: 0,
      entries,
      clusters: report.clusters.length,
      peakRss: peakFromTime(child.stderr) ?? 0,
      rssSource: HAS_TIME ? '/usr/bin/time -v' : 'not measured (no /usr/bin/time)',
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const rate = (m: Measurement): string => Math.round((m.entries / m.ms) * 1000).toLocaleString('en');

async function runParent(): Promise<void> {
  const keep = process.env.KEEP === '1';
  const generateStart = performance.now();
  const big = await ensureFile(`${ENTRIES}`, () => generateEntries(ENTRIES, SEED, START));
  const plain = await ensureFile('10000-plain-v2', () => withHugeMessages(10_000, 0));
  const huge = await ensureFile('10000-huge-v2', () => withHugeMessages(10_000, 100));
  const bigSize = statSync(big.path).size;
  console.log(
    `\n${big.reused ? 'Reused' : 'Generated'} ${big.path} (${ENTRIES.toLocaleString('en')} entries, ${mb(bigSize)}) in ${seconds(performance.now() - generateStart)}.`,
  );

  try {
    // Interleaved pairs, best of REPEAT: other processes on the machine make single runs noisy.
    const pairs = Array.from({ length: REPEAT }, () => ({
      baseline: measure('baseline', big.path),
      pipeline: measure('pipeline', big.path),
    }));
    const best = (key: 'baseline' | 'pipeline') => pairs.map((p) => p[key]).reduce((a, b) => (a.ms <= b.ms ? a : b));
    const peak = (key: 'baseline' | 'pipeline') => Math.max(...pairs.map((p) => p[key].peakRss));
    const baseline = best('baseline');
    const pipeline = best('pipeline');
    const ratio = pipeline.ms / baseline.ms;
    const ratios = pairs.map((p) => p.pipeline.ms / p.baseline.ms);
    const idle = measure('idle', big.path);
    const shipped = measureDist(big.path, ENTRIES);
    const uncapped = measure('pipeline-main-thread', big.path);

    console.log(
      `\n## Whole pipeline on ${ENTRIES.toLocaleString('en')} NDJSON entries (${mb(bigSize)}), best of ${REPEAT}\n`,
    );
    console.log('| measurement | time | entries/s | × baseline | peak RSS | clusters |');
    console.log('|---|---:|---:|---:|---:|---:|');
    console.log(`| start-up only: node + tsx + the modules, no work | — | — | — | ${mb(idle.peakRss)} | — |`);
    console.log(
      `| baseline: read lines + JSON.parse | ${seconds(baseline.ms)} | ${rate(baseline)} | 1.00 | ${mb(peak('baseline'))} | — |`,
    );
    console.log(
      `| pipeline: read, normalize, redact, cluster, rank, plan (dry run), worklog + report + summary; in a worker with a ${YOUNG_GENERATION_MB} MB young generation, as src/index.ts runs it | ${seconds(pipeline.ms)} | ${rate(pipeline)} | ${ratio.toFixed(2)} | ${mb(peak('pipeline'))} | ${pipeline.clusters} |`,
    );
    if (shipped)
      console.log(
        `| dist/index.js as the action runs it (dry run; wall time incl. start-up and writing files) | ${seconds(shipped.ms)} | ${rate(shipped)} | ${(shipped.ms / baseline.ms).toFixed(2)} | ${mb(shipped.peakRss)} | ${shipped.clusters} |`,
      );
    else console.log('| dist/index.js | not run: dist/index.js is missing (npm run build) | | | | |');
    console.log(
      `| diagnostic: the same pipeline in the main thread, young generation not capped (not how the action runs) | ${seconds(uncapped.ms)} | ${rate(uncapped)} | ${(uncapped.ms / baseline.ms).toFixed(2)} | ${mb(uncapped.peakRss)} | ${uncapped.clusters} |`,
    );
    console.log(
      `\nPeak RSS from ${pipeline.rssSource} (the highest of the ${REPEAT} runs); each measurement ran in its own process. Pipeline/baseline per pair: ${ratios.map((r) => r.toFixed(2)).join(', ')}.`,
    );
    console.log(
      `Every row but dist/index.js times the work from when its modules are loaded; the pipeline's worker took ${seconds(pipeline.bootMs)} more to start and load them (counted in the dist row, whose time is the whole process).`,
    );
    console.log(`target ≤ 2× baseline: ${ratio <= 2 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}× best against best)`);
    console.log(
      `target peak ≤ 300 MB: ${peak('pipeline') <= 300 * 1024 * 1024 ? 'met' : 'NOT met'} (${mb(peak('pipeline'))} under tsx${shipped ? `, ${mb(shipped.peakRss)} as dist/index.js` : ''})`,
    );

    const small = [
      { label: '10,000 entries', path: plain.path },
      { label: 'same, 100 of them with a 256 KiB message (+25 MiB)', path: huge.path },
    ].map((f) => ({
      ...f,
      size: statSync(f.path).size,
      base: measure('baseline', f.path),
      run: measure('pipeline', f.path),
    }));
    console.log('\n## 256 KiB messages (10,000 entries)\n');
    console.log('| file | size | baseline | pipeline | × baseline | pipeline peak RSS | clusters |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const f of small)
      console.log(
        `| ${f.label} | ${mb(f.size)} | ${seconds(f.base.ms)} | ${seconds(f.run.ms)} | ${(f.run.ms / f.base.ms).toFixed(2)} | ${mb(f.run.peakRss)} | ${f.run.clusters} |`,
      );
    const [without, withHuge] = small.map((f) => f.run);
    console.log(
      `\nEach 256 KiB message costs the pipeline ${((withHuge!.ms - without!.ms) / 100).toFixed(2)} ms (reading and parsing included).`,
    );
  } finally {
    if (!keep) for (const f of [big, plain, huge]) rmSync(f.path, { force: true });
    else console.log(`\nKEEP=1: kept ${big.path} and the 10,000-entry files.`);
  }
}

const modeArg = process.argv.find((a) => a.startsWith('--mode='));
if (modeArg) await runChild(modeArg.slice('--mode='.length), process.argv[process.argv.indexOf(modeArg) + 1]!);
else await runParent();
