/**
 * Clustering throughput: the 32,000 Loghub lines repeated to 512,000 records (built before
 * timing), add() + finish(). Also a 256 KiB message, which must not slow things noticeably.
 *   node_modules/.bin/node --import tsx bench/cluster-speed.ts
 */
import { createClusterer } from '../src/core/cluster/cluster.js';
import type { LogRecord } from '../src/core/model/log-record.js';
import { loadSystem, SYSTEMS, toRecord } from './loghub.js';

const TARGET = 512_000;

function buildRecords(): LogRecord[] {
  const base: LogRecord[] = [];
  for (const system of SYSTEMS) for (const line of loadSystem(system)) base.push(toRecord(system, line));
  const out: LogRecord[] = [];
  for (let i = 0; out.length < TARGET; i++) {
    const r = base[i % base.length]!;
    out.push({ ...r, insertId: `${r.insertId}-${i}` });
  }
  return out;
}

function timeClustering(records: LogRecord[]): { ms: number; clusters: number } {
  const start = performance.now();
  const clusterer = createClusterer();
  for (const r of records) clusterer.add(r);
  const identities = clusterer.finish();
  const ms = performance.now() - start;
  return { ms, clusters: new Set([...identities.values()].map((i) => i.fingerprint)).size };
}

function hugeMessage(seed: number): string {
  const words: string[] = [];
  let length = 0;
  for (let i = 0; length < 256 * 1024; i++) {
    const w =
      i % 7 === 0 ? `id-${seed * 1000 + i}` : i % 5 === 0 ? `"${'a'.repeat(40)}` : `word${i % 13 === 0 ? '=' : ''}`;
    words.push(w);
    length += w.length + 1;
  }
  return words.join(' ');
}

function main(): void {
  const records = buildRecords();
  timeClustering(records.slice(0, 50_000)); // warm-up
  const runs = [timeClustering(records), timeClustering(records), timeClustering(records)];
  const best = runs.reduce((a, b) => (a.ms < b.ms ? a : b));
  const rate = (records.length / best.ms) * 1000;
  console.log('\n## Clustering speed (add + finish, best of 3)\n');
  console.log('| input | records | time | lines/s | clusters |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(
    `| Loghub-2k ×16 | ${records.length.toLocaleString('en')} | ${best.ms.toFixed(0)} ms | ${Math.round(rate).toLocaleString('en')} | ${best.clusters} |`,
  );
  const huge = [1, 2, 3, 4].map((s) => ({ ...records[0]!, message: hugeMessage(s) }));
  const t0 = performance.now();
  const c = createClusterer();
  for (const r of huge) c.add(r);
  c.finish();
  const perHuge = (performance.now() - t0) / huge.length;
  console.log(`| 256 KiB message | ${huge.length} | ${perHuge.toFixed(2)} ms each | — | — |`);
  console.log(`\ntarget ≥ 1,000,000 lines/s: ${rate >= 1_000_000 ? 'met' : 'NOT met'}`);
}

main();
