/**
 * Writes every realistic hour to a folder: KIND-hourN.json (gcloud JSON) and KIND-hourN.truth.json.
 *   node --import tsx scripts/realistic/write.ts OUT_DIR [--seed N] [--flood N]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateRealisticHour, HOUR_KINDS } from './generate.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const out = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]!.startsWith('--')));
if (!out) {
  console.error('usage: node --import tsx scripts/realistic/write.ts OUT_DIR [--seed N] [--flood N]');
  process.exit(2);
}
const seed = Number(option('--seed') ?? 1);
const floodCount = Number(option('--flood') ?? 50_000);
mkdirSync(out, { recursive: true });
for (const kind of HOUR_KINDS)
  for (const hour of [1, 2] as const) {
    const { entries, truth } = generateRealisticHour(kind, hour, { seed, floodCount });
    const base = join(out, `${kind}-hour${hour}`);
    writeFileSync(`${base}.json`, JSON.stringify(entries, null, 2) + '\n');
    writeFileSync(`${base}.truth.json`, JSON.stringify(truth, null, 1) + '\n');
    const analysed = Object.values(truth.entries).filter((t) => t.analyse).length;
    console.log(
      `${kind} hour ${hour}: ${entries.length} entries, ${analysed} to analyse, ${Object.keys(truth.problems).length} problems, ${truth.incidents.length} incidents`,
    );
  }
