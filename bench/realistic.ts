/**
 * The realistic incident hours (scripts/realistic) through the BUNDLE, as a runner runs it, scored
 * against their ground truth (issues 12 and 13): purity, problems kept whole, priority acceptable,
 * fingerprint stability across the two hours, rare errors beside the flood, and (when the report
 * has incidents) incidents with exactly one issue, the true root named, incidents mixing roots.
 * Entries-weighted over the entries the truth says should be analysed (min-severity WARNING); the
 * flood hour holds most of those entries, so each table also gives the mean of the hour kinds.
 * Needs a built bundle (`npm run build`). Reports, never gates: exits 0.
 *   node_modules/.bin/node --import tsx bench/realistic.ts
 *   FLOOD=5000 (flood size, default 50,000) SEED=1 KINDS=outage,oom VERBOSE=1 (what was split and
 *   which priorities were wrong) JSON=out.json (the scores, machine-readable)
 */
import { rmSync, writeFileSync } from 'node:fs';
import { HOUR_KINDS, type HourKind } from '../scripts/realistic/generate.js';
import { realisticHourFiles } from '../test/realistic-hours.js';
import { runDist } from '../test/run-dist.js';
import { fingerprintStability, scoreHour, type HourScore, type Ratio } from './realistic-score.js';

const FLOOD = Number(process.env.FLOOD ?? 50_000);
const SEED = Number(process.env.SEED ?? 1);
const KINDS = (process.env.KINDS ? process.env.KINDS.split(',') : HOUR_KINDS) as HourKind[];
const VERBOSE = process.env.VERBOSE === '1';

const files = realisticHourFiles(KINDS, { seed: SEED, floodCount: FLOOD });
const scores = new Map<string, HourScore>();
const seconds = new Map<string, number>();
for (const f of files) {
  const started = performance.now();
  const run = await runDist({ 'logs-file': f.file, 'dry-run': 'true', 'max-new-issues': '100' });
  seconds.set(`${f.kind}/${f.hour}`, (performance.now() - started) / 1000);
  if (run.code !== 0 || !run.report)
    console.log(
      `${f.kind} hour ${f.hour}: exit ${run.code}${run.report ? '' : ', no report'}\n${run.stderr.slice(-2000)}`,
    );
  scores.set(`${f.kind}/${f.hour}`, scoreHour(f.truth, run.report));
  rmSync(run.runnerTemp, { recursive: true, force: true });
  rmSync(run.workspace, { recursive: true, force: true });
}

const fmt = (r: Ratio | undefined) => (r === undefined || r.d === 0 ? '—' : (r.n / r.d).toFixed(3));
const sum = (rs: (Ratio | undefined)[]): Ratio =>
  rs.reduce<Ratio>((a, r) => ({ n: a.n + (r?.n ?? 0), d: a.d + (r?.d ?? 0) }), { n: 0, d: 0 });
const pad = (s: string, n: number) => s.padEnd(n);

function table(title: string, pick: (s: HourScore) => Ratio | undefined, counts = false): void {
  console.log(`\n## ${title}\n`);
  console.log(`| ${pad('hour kind', 22)} | hour 1 | hour 2 | both  |${counts ? ' n/d        |' : ''}`);
  console.log(`| ${'-'.repeat(22)} | ------ | ------ | ----- |${counts ? ' ---------- |' : ''}`);
  const all: Ratio[] = [];
  for (const kind of KINDS) {
    const a = pick(scores.get(`${kind}/1`)!);
    const b = pick(scores.get(`${kind}/2`)!);
    if (a === undefined && b === undefined) continue;
    const both = sum([a, b]);
    all.push(both);
    console.log(
      `| ${pad(kind, 22)} | ${pad(fmt(a), 6)} | ${pad(fmt(b), 6)} | ${pad(fmt(both), 5)} |${counts ? ` ${pad(`${both.n}/${both.d}`, 10)} |` : ''}`,
    );
  }
  const total = sum(all);
  const kinds = all.filter((r) => r.d > 0);
  const mean = kinds.reduce((a, r) => a + r.n / r.d, 0) / Math.max(1, kinds.length);
  console.log(
    `| ${pad('mean of hour kinds', 22)} |        |        | ${pad(kinds.length ? mean.toFixed(3) : '—', 5)} |${counts ? ` ${pad('', 10)} |` : ''}`,
  );
  console.log(
    `| ${pad('**total** (entries)', 22)} |        |        | ${pad(fmt(total), 5)} |${counts ? ` ${pad(`${total.n}/${total.d}`, 10)} |` : ''}`,
  );
}

console.log(
  `Realistic hours through the bundle (seed ${SEED}, flood ${FLOOD.toLocaleString('en-US')}), entries-weighted over the entries to analyse`,
);
console.log(`\n| hour kind | entries h1 | entries h2 | to analyse h1 | to analyse h2 | seconds h1 | seconds h2 |`);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const kind of KINDS) {
  const [f1, f2] = [1, 2].map((h) => files.find((f) => f.kind === kind && f.hour === h)!);
  console.log(
    `| ${kind} | ${f1!.entries} | ${f2!.entries} | ${scores.get(`${kind}/1`)!.analysed} | ${scores.get(`${kind}/2`)!.analysed} | ${seconds.get(`${kind}/1`)!.toFixed(1)} | ${seconds.get(`${kind}/2`)!.toFixed(1)} |`,
  );
}
table('Entries to analyse found in the report (coverage)', (s) => s.found);
table('Purity (largest single-problem share per cluster)', (s) => s.purity);
table('Problems kept whole (goal ≥ 0.95)', (s) => s.whole);
table('Priority acceptable (goal ≥ 0.95)', (s) => s.priority);

console.log('\n## Fingerprint stability (whole problems of both hours, same fingerprint)\n');
console.log('| hour kind | stable | changed |');
console.log('| --- | --- | --- |');
const stab: Ratio[] = [];
for (const kind of KINDS) {
  const r = fingerprintStability(scores.get(`${kind}/1`)!, scores.get(`${kind}/2`)!);
  stab.push(r);
  console.log(`| ${kind} | ${r.n}/${r.d} | ${r.changed.join(', ') || '—'} |`);
}
const stabTotal = sum(stab);
console.log(`| **total** | ${stabTotal.n}/${stabTotal.d} | |`);

if (KINDS.includes('flood')) {
  const r1 = scores.get('flood/1')!.rare!;
  const r2 = scores.get('flood/2')!.rare!;
  console.log(
    `\n## Rare errors with a cluster of their own beside the ${FLOOD.toLocaleString('en-US')}× flood (goal 30/30)\n`,
  );
  console.log(`| hour 1 | hour 2 |\n| --- | --- |\n| ${r1.n}/${r1.d} | ${r2.n}/${r2.d} |`);
}
table('Incidents with exactly one issue (create/update/reopen/comment; goal ≥ 0.90)', (s) => s.oneIssue, true);
const withIncidents = [...scores.values()].filter((s) => s.incidents);
if (withIncidents.length > 0) {
  table('Incidents whose named root is the true root (goal ≥ 0.90)', (s) => s.incidents?.rootNamed, true);
  console.log('\n## Reported incidents mixing two true roots (goal 0)\n');
  for (const kind of KINDS)
    console.log(
      `- ${kind}: ${[1, 2].map((h) => `hour ${h} ${scores.get(`${kind}/${h}`)!.incidents?.mixing ?? '—'} of ${scores.get(`${kind}/${h}`)!.incidents?.reported ?? '—'}`).join(', ')}`,
    );
} else {
  console.log('\nThe report has no `incidents[]`: root named and mixing are not measured.');
}

if (VERBOSE) {
  console.log('\n## Diagnosis\n');
  for (const [key, s] of scores) {
    const split = Object.entries(s.split).map(([p, n]) => `${p} (${n} places)`);
    const wrong = Object.entries(s.wrongPriority).map(([p, v]) => `${p} → ${v.join('/')}`);
    if (split.length) console.log(`- ${key} split: ${split.join('; ')}`);
    if (wrong.length) console.log(`- ${key} priority: ${wrong.join('; ')}`);
  }
}
if (process.env.JSON) {
  const out = Object.fromEntries(
    [...scores].map(([k, s]) => [k, { ...s, wholeFingerprints: Object.fromEntries(s.wholeFingerprints) }]),
  );
  writeFileSync(process.env.JSON, JSON.stringify(out, null, 2));
}
