/**
 * Issue 15's figures: the bundle (dist/index.js, as a runner runs it) reading windows where a few
 * problems flood the logs, from the loopback Logging fake, at the default max-entries (20,000):
 * - an hour with one error 50,000 times and 30 rare errors (two must-page: a disabled KMS key, a
 *   Secret Manager permission denial);
 * - a 1,000,000-entry window: 990,000 entries from five floods, 10,000 from 500 distinct errors
 *   of 1–100 entries each.
 * Reports rare errors found with exact counts, the floods' estimates against the truth, the
 * entries.list requests and the read time; and for the million-entry window in Log Analytics mode
 * (the loopback BigQuery fake, which runs the SQL in DuckDB), the entries moved to this machine.
 * Needs `npm run build`. ~2 min, ~2 GB of memory.
 *   node_modules/.bin/node --import tsx bench/flood-read.ts [hour|million]
 */
import { BigQueryFake } from '../test/fakes/bigquery-server.js';
import { GoogleFake } from '../test/fakes/google-servers.js';
import { floodHour, millionWindow, type FloodWindow } from '../test/fakes/flood-window.js';
import { FLOOD_PROVIDER, FLOOD_SA, runFloodWindow, scoreFloodRun } from '../test/flood-run.js';

const END = Date.parse('2026-11-30T10:00:00Z');
const START = END - 3_600_000;
const which = process.argv[2] ?? 'all';

async function analytics(name: string, window: FloodWindow): Promise<string> {
  const fake = await new GoogleFake({
    entries: window.entries,
    projectId: 'demo-project',
    provider: FLOOD_PROVIDER,
    serviceAccount: FLOOD_SA,
  }).start();
  const bigquery = await new BigQueryFake({
    entries: window.entries,
    dataset: 'demo-project.logs_analytics',
    tokens: (t) => fake.isServiceAccountToken(t),
  }).start();
  const t0 = Date.now();
  const run = await runFloodWindow(fake, START, END, {
    'analytics-dataset': 'demo-project.logs_analytics',
    'bigquery-endpoint': bigquery.baseUrl,
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (run.code !== 0)
    console.log(run.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? run.stderr.slice(-500));
  const score = scoreFloodRun(run, window.truth);
  const line = `| ${name} | ${run.code} | ${score.rareFound}/${score.rare} | ${score.rareExact}/${score.rare} | ${score.floodErrors} | ${bigquery.requests.length} BigQuery (${bigquery.rowsServed} rows moved) | ${seconds} s |`;
  await fake.stop();
  await bigquery.stop();
  return line;
}

async function scenario(name: string, window: FloodWindow, inputs: Record<string, string> = {}): Promise<string> {
  const fake = await new GoogleFake({
    entries: window.entries,
    projectId: 'demo-project',
    provider: FLOOD_PROVIDER,
    serviceAccount: FLOOD_SA,
  }).start();
  const t0 = Date.now();
  const run = await runFloodWindow(fake, START, END, inputs);
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const score = scoreFloodRun(run, window.truth);
  const requests = fake.requestsTo('logging').length;
  await fake.stop();
  return `| ${name} | ${run.code} | ${score.rareFound}/${score.rare} | ${score.rareExact}/${score.rare} | ${score.floodErrors} | ${requests} | ${seconds} s |`;
}

console.log('## Flood-proof reading through dist/index.js (loopback Logging fake, max-entries 20,000)');
console.log(
  '| window | exit | rare errors found | with exact counts | floods: estimate vs truth | entries.list requests | wall time |',
);
console.log('|---|---:|---:|---:|---|---:|---:|');
if (which === 'all' || which === 'hour') {
  console.log(await scenario('50,000× flood + 30 rare errors', floodHour(START, END)));
}
if (which === 'analytics') {
  const million = millionWindow(START, END);
  console.log(await analytics('1,000,000, Log Analytics mode', million));
}
if (which === 'all' || which === 'million') {
  const million = millionWindow(START, END);
  console.log(await scenario('1,000,000: five floods + 500-error tail', million));
  console.log(await analytics('same 1,000,000, Log Analytics mode', million));
}
