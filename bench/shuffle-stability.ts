import { shuffled } from '../test/fixtures/shuffle.js';
/**
 * Stability: (1) shuffling the input changes no fingerprint and no membership, on Loghub and on
 * a generated incident hour; (2) two generated hours with different ids, timestamps, revisions,
 * instances and numbers give every problem the same fingerprint.
 *   node_modules/.bin/node --import tsx bench/shuffle-stability.ts
 */
import { createClusterer } from '../src/core/cluster/cluster.js';
import type { LogRecord } from '../src/core/model/log-record.js';
import { loadSystem, SYSTEMS, toRecord } from './loghub.js';
import { generateHour } from './synthetic-incident.js';

function fingerprints(records: LogRecord[]): Map<string, string> {
  const c = createClusterer();
  const keys = records.map((r) => c.add(r));
  const ids = c.finish();
  return new Map(records.map((r, i) => [r.insertId, ids.get(keys[i]!)!.fingerprint]));
}

/** Fraction of records whose fingerprint is unchanged by a shuffle (same fingerprint ⇒ same membership). */
function shuffleAgreement(records: LogRecord[], seeds: number[]): number {
  const reference = fingerprints(records);
  let same = 0;
  let total = 0;
  for (const seed of seeds) {
    const other = fingerprints(shuffled(records, seed));
    for (const [id, fp] of reference) {
      total++;
      if (other.get(id) === fp) same++;
    }
  }
  return same / total;
}

function main(): void {
  const seeds = [1, 2, 3, 4, 5];
  console.log('\n## Stability\n');
  console.log('| check | result |');
  console.log('|---|---:|');
  let loghubSame = 0;
  for (const system of SYSTEMS)
    loghubSame += shuffleAgreement(
      loadSystem(system).map((l) => toRecord(system, l)),
      seeds,
    );
  console.log(
    `| Loghub-2k, 16 systems × 5 shuffles: records with unchanged fingerprint | ${((loghubSame / SYSTEMS.length) * 100).toFixed(2)} % |`,
  );
  const hour = generateHour(7).map((l) => l.record);
  console.log(
    `| generated incident hour × 5 shuffles: records with unchanged fingerprint | ${(shuffleAgreement(hour, seeds) * 100).toFixed(2)} % |`,
  );
  const a = generateHour(8);
  const b = generateHour(9);
  const fpA = fingerprints(a.map((l) => l.record));
  const fpB = fingerprints(b.map((l) => l.record));
  const problemsA = new Map<string, Set<string>>();
  const problemsB = new Map<string, Set<string>>();
  a.forEach((l) =>
    (problemsA.get(l.problem) ?? problemsA.set(l.problem, new Set()).get(l.problem)!).add(fpA.get(l.record.insertId)!),
  );
  b.forEach((l) =>
    (problemsB.get(l.problem) ?? problemsB.set(l.problem, new Set()).get(l.problem)!).add(fpB.get(l.record.insertId)!),
  );
  let stable = 0;
  for (const [problem, fps] of problemsA) {
    const other = problemsB.get(problem)!;
    if (fps.size === 1 && other.size === 1 && [...fps][0] === [...other][0]) stable++;
    else console.log(`| unstable: ${problem} | ${[...fps].join(',')} vs ${[...other].join(',')} |`);
  }
  const distinct = new Set([...problemsA.values()].map((s) => [...s][0])).size;
  console.log(
    `| two generated hours (other ids, times, revisions, instances, numbers; db-1 only vs db-1..3): problems with one identical fingerprint | ${stable} / ${problemsA.size} (${((stable / problemsA.size) * 100).toFixed(0)} %) |`,
  );
  console.log(`| distinct problems kept apart in one hour | ${distinct} / ${problemsA.size} |`);
}

main();
