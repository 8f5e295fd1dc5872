/**
 * Grouping accuracy on Loghub-2k (corrected labels), one configuration for all 16 systems.
 * GA: fraction of lines whose predicted cluster holds exactly the lines of their true group.
 * FGA: F1 of exactly-matched groups. `--debug <System>` prints the wrong groups.
 *   node_modules/.bin/node --import tsx bench/accuracy.ts
 */
import { createClusterer } from '../src/core/cluster/cluster.js';
import { loadSystem, SYSTEMS, toRecord, type LoghubLine } from './loghub.js';

export interface Score {
  ga: number;
  fga: number;
  predicted: number;
  truth: number;
}

export function predictFingerprints(system: string, lines: LoghubLine[]): string[] {
  const clusterer = createClusterer();
  const keys = lines.map((l) => clusterer.add(toRecord(system, l)));
  const identities = clusterer.finish();
  return keys.map((k) => identities.get(k)!.fingerprint);
}

export function scoreGrouping(predicted: string[], truth: string[]): Score {
  const byPred = new Map<string, number[]>();
  const truthSize = new Map<string, number>();
  predicted.forEach((p, i) => {
    let list = byPred.get(p);
    if (!list) byPred.set(p, (list = []));
    list.push(i);
    truthSize.set(truth[i]!, (truthSize.get(truth[i]!) ?? 0) + 1);
  });
  let correctLines = 0;
  let correctGroups = 0;
  for (const members of byPred.values()) {
    const label = truth[members[0]!]!;
    if (members.every((m) => truth[m] === label) && truthSize.get(label) === members.length) {
      correctLines += members.length;
      correctGroups++;
    }
  }
  const precision = correctGroups / byPred.size;
  const recall = correctGroups / truthSize.size;
  return {
    ga: correctLines / predicted.length,
    fga: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    predicted: byPred.size,
    truth: truthSize.size,
  };
}

function printMistakes(lines: LoghubLine[], predicted: string[]): void {
  const truth = lines.map((l) => l.template);
  const byTruth = new Map<string, number[]>();
  truth.forEach((t, i) => {
    let list = byTruth.get(t);
    if (!list) byTruth.set(t, (list = []));
    list.push(i);
  });
  const predSize = new Map<string, number>();
  for (const p of predicted) predSize.set(p, (predSize.get(p) ?? 0) + 1);
  for (const [t, members] of byTruth) {
    const preds = new Set(members.map((m) => predicted[m]!));
    const exact = preds.size === 1 && predSize.get(predicted[members[0]!]!) === members.length;
    if (exact) continue;
    console.log(`\nTRUTH (${members.length}) ${t}`);
    for (const p of preds) {
      const mine = members.filter((m) => predicted[m] === p);
      const others = predSize.get(p)! - mine.length;
      console.log(
        `  pred ${p} has ${mine.length} of these + ${others} others; e.g. ${lines[mine[0]!]!.content.slice(0, 160)}`,
      );
      if (others > 0) {
        const other = predicted.findIndex((q, i) => q === p && truth[i] !== t);
        console.log(`     other: [${truth[other]}] ${lines[other]!.content.slice(0, 160)}`);
      }
    }
  }
}

function main(): void {
  const debug = process.argv.indexOf('--debug');
  if (debug >= 0) {
    const system = process.argv[debug + 1]!;
    const lines = loadSystem(system);
    printMistakes(lines, predictFingerprints(system, lines));
    return;
  }
  console.log('\n## Grouping accuracy, Loghub-2k corrected labels (one configuration)\n');
  console.log('| system | GA | FGA | clusters | true groups |');
  console.log('|---|---:|---:|---:|---:|');
  let ga = 0;
  let fga = 0;
  let worst = { system: '', ga: 1 };
  for (const system of SYSTEMS) {
    const lines = loadSystem(system);
    const s = scoreGrouping(
      predictFingerprints(system, lines),
      lines.map((l) => l.template),
    );
    ga += s.ga;
    fga += s.fga;
    if (s.ga < worst.ga) worst = { system, ga: s.ga };
    console.log(`| ${system} | ${s.ga.toFixed(3)} | ${s.fga.toFixed(3)} | ${s.predicted} | ${s.truth} |`);
  }
  console.log(
    `| **average** | **${(ga / SYSTEMS.length).toFixed(3)}** | **${(fga / SYSTEMS.length).toFixed(3)}** | | |`,
  );
  console.log(`\nlowest GA: ${worst.system} ${worst.ga.toFixed(3)} (target: average ≥ 0.95, none below 0.80)`);
}

main();
