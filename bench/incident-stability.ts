import { shuffled } from '../test/fixtures/shuffle.js';
/**
 * Fingerprint stability on the REAL sample generator (the demo's incident): consecutive hours
 * (seeds 1..4: other ids, timestamps, revisions, instances and numbers) through the product's own
 * path — runGarden in a dry run (normalize → redact → cluster → rank) with default rules. Per pair
 * of hours, the share of problems whose fingerprint is found again; then shuffle invariance (same
 * fingerprints, same members). bench/shuffle-stability.ts covers the labelled synthetic case
 * (four languages' traces); this one covers gcloud-shaped entries as the action reads them.
 *   node_modules/.bin/node --import tsx bench/incident-stability.ts
 */
import { generateIncidentHour } from '../scripts/sample-generator.js';
import { parseConfig } from '../src/config/config.js';
import type { RankedCluster } from '../src/core/model/cluster-types.js';
import { parseRulesConfig } from '../src/core/prioritize/rules-config.js';
import { runGarden } from '../src/garden.js';
import type { LogSource } from '../src/ports.js';

const HOURS = [1, 2, 3, 4].map((seed) => ({
  seed,
  start: new Date(Date.UTC(2026, 10, 30, 8 + seed)),
}));
const SHUFFLES = [1, 2, 3];

function memorySource(entries: object[]): LogSource {
  return {
    async *read() {
      yield* entries;
    },
    info: () => ({ source: 'memory', query: '', sampleFraction: 1, unreadable: {}, notes: [], requests: 0 }),
  };
}

async function cluster(entries: object[]): Promise<RankedCluster[]> {
  const config = parseConfig({
    get: (name) => (name === 'dry-run' ? 'true' : name === 'logs-file' ? 'memory.json' : ''),
    env: {},
    readFile: () => null,
    tmpDir: '/tmp',
  });
  const { config: rules } = parseRulesConfig({}, 'bench');
  const result = await runGarden(config, rules, {
    source: memorySource(entries),
    tracker: null,
    clock: { now: () => Date.UTC(2026, 10, 30, 14) },
    log: () => {},
  });
  return result.clusters;
}

const pct = (n: number, d: number): string => `${d === 0 ? '—' : ((n / d) * 100).toFixed(1)} %`;

/** Problems of `a` (all, and those that would get an issue) whose fingerprint `b` has too. */
function compare(a: RankedCluster[], b: RankedCluster[]) {
  const inB = new Set(b.map((c) => c.fingerprint));
  const issueWorthy = a.filter((c) => !c.ignored);
  const missing = a.filter((c) => !inB.has(c.fingerprint));
  // Same title and services, other fingerprint: the signature of a split problem (a duplicate
  // issue). The title alone is not enough: "HTTP 503 … on requests" of two services are two.
  const label = (c: { title: string; services: string[] }) => `${c.title}\n${c.services.join(',')}`;
  const titlesB = new Map(b.map((c) => [label(c), c.fingerprint]));
  const split = a.filter((c) => titlesB.has(label(c)) && titlesB.get(label(c)) !== c.fingerprint);
  const priorityB = new Map(b.map((c) => [c.fingerprint, c.priority]));
  const moved = a.filter((c) => inB.has(c.fingerprint) && priorityB.get(c.fingerprint) !== c.priority);
  return {
    moved,
    all: `${a.length - missing.length} / ${a.length} (${pct(a.length - missing.length, a.length)})`,
    issues: `${issueWorthy.filter((c) => inB.has(c.fingerprint)).length} / ${issueWorthy.length} (${pct(issueWorthy.filter((c) => inB.has(c.fingerprint)).length, issueWorthy.length)})`,
    missing,
    split,
  };
}

async function main(): Promise<void> {
  const hours = HOURS.map((h) => generateIncidentHour(h));
  const clusters = await Promise.all(hours.map((entries) => cluster(entries)));

  console.log('\n## Fingerprint stability across generated hours of the demo incident (runGarden, dry run)\n');
  console.log('| hour (seed) | entries | clusters | not ignored | P0 | P1 | P2 | P3 |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  HOURS.forEach((h, i) => {
    const cs = clusters[i]!;
    const by = (p: string) => cs.filter((c) => !c.ignored && c.priority === p).length;
    console.log(
      `| ${h.start.toISOString().slice(11, 16)}Z (${h.seed}) | ${hours[i]!.length} | ${cs.length} | ${cs.filter((c) => !c.ignored).length} | ${by('P0')} | ${by('P1')} | ${by('P2')} | ${by('P3')} |`,
    );
  });

  console.log(
    '\n| pair of hours | problems of the first found in the second | issue-worthy problems found | same title and services, other fingerprint | same fingerprint, other priority |',
  );
  console.log('|---|---:|---:|---:|---:|');
  const unmatched: string[] = [];
  const moved: string[] = [];
  for (let i = 0; i < HOURS.length; i++) {
    for (let j = i + 1; j < HOURS.length; j++) {
      const forward = compare(clusters[i]!, clusters[j]!);
      console.log(
        `| seed ${HOURS[i]!.seed} → seed ${HOURS[j]!.seed} | ${forward.all} | ${forward.issues} | ${forward.split.length} | ${forward.moved.length} |`,
      );
      for (const c of forward.moved) {
        const d = clusters[j]!.find((x) => x.fingerprint === c.fingerprint)!;
        moved.push(
          `seed ${HOURS[i]!.seed} → ${HOURS[j]!.seed}: ${c.title}: ${c.priority} → ${d.priority} (${d.reasons.join('; ')})`,
        );
      }
      for (const c of forward.missing)
        unmatched.push(
          `seed ${HOURS[i]!.seed} → ${HOURS[j]!.seed}: [${c.priority}${c.ignored ? ', ignored' : ''}] ${c.count}× ${c.title}`,
        );
    }
  }
  if (unmatched.length > 0) {
    console.log('\nProblems not found again (rare variants that did not occur in the other hour, or instability):\n');
    for (const line of unmatched) console.log(`- ${line}`);
  }

  if (moved.length > 0) {
    console.log('\nSame problem, other priority (volume-dependent rules; the issue label would change):\n');
    for (const line of moved) console.log(`- ${line}`);
  }

  console.log('\n| shuffle check (hour seed 1, 3 shuffles) | result |');
  console.log('|---|---:|');
  const reference = clusters[0]!;
  const members = (cs: RankedCluster[]) => {
    const byId = new Map<string, string>();
    for (const c of cs) for (const id of c.insertIds) byId.set(id, c.fingerprint);
    return byId;
  };
  const refMembers = members(reference);
  let sameRecords = 0;
  let records = 0;
  let sameClusters = 0;
  let sameFingerprintSets = 0;
  for (const seed of SHUFFLES) {
    const other = await cluster(shuffled(hours[0]!, seed));
    const otherMembers = members(other);
    for (const [id, fp] of refMembers) {
      records++;
      if (otherMembers.get(id) === fp) sameRecords++;
    }
    const setOf = (c: RankedCluster) => [...c.insertIds].sort().join(',');
    const otherSets = new Map(other.map((c) => [c.fingerprint, setOf(c)]));
    sameClusters += reference.filter((c) => otherSets.get(c.fingerprint) === setOf(c)).length;
    const fps = (cs: RankedCluster[]) =>
      cs
        .map((c) => c.fingerprint)
        .sort()
        .join(',');
    if (fps(other) === fps(reference)) sameFingerprintSets++;
  }
  console.log(`| identical set of fingerprints | ${sameFingerprintSets} / ${SHUFFLES.length} |`);
  console.log(`| clusters with identical members | ${pct(sameClusters, reference.length * SHUFFLES.length)} |`);
  console.log(`| records with unchanged fingerprint | ${pct(sameRecords, records)} |`);
}

await main();
