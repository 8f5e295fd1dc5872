/**
 * Writes the demo samples: two consecutive generated hours of the same outage, as
 * `gcloud logging read --format=json` would print them. Run: `npm run samples`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateIncidentHour } from './sample-generator.js';

const samples = join(dirname(fileURLToPath(import.meta.url)), '..', 'samples');
mkdirSync(samples, { recursive: true });

const hours = [
  { file: 'cloud-run-outage.json', seed: 1, start: '2026-11-30T09:00:00Z' },
  { file: 'cloud-run-outage-next-hour.json', seed: 2, start: '2026-11-30T10:00:00Z' },
];
for (const hour of hours) {
  const entries = generateIncidentHour({ seed: hour.seed, start: new Date(hour.start) });
  const path = join(samples, hour.file);
  writeFileSync(path, JSON.stringify(entries, null, 2) + '\n');
  console.log(`${path}: ${entries.length} entries`);
}
