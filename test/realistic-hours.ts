import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateRealisticHour,
  HOUR_KINDS,
  type HourKind,
  type HourOptions,
  type HourTruth,
} from '../scripts/realistic/generate.js';

export interface RealisticHourFile {
  kind: HourKind;
  hour: 1 | 2;
  /** gcloud JSON array, for the `logs-file` input. */
  file: string;
  /** The ground-truth sidecar beside it. */
  truthFile: string;
  truth: HourTruth;
  entries: number;
}

/**
 * Writes the realistic hours (both consecutive hours of each kind) to a fresh temp directory, with
 * their ground-truth sidecars. Pass `floodCount` small in tests (the default is 50,000).
 */
export function realisticHourFiles(
  kinds: readonly HourKind[] = HOUR_KINDS,
  options: HourOptions = {},
  dir: string = mkdtempSync(join(tmpdir(), 'lg-realistic-')),
): RealisticHourFile[] {
  const out: RealisticHourFile[] = [];
  for (const kind of kinds)
    for (const hour of [1, 2] as const) {
      const { entries, truth } = generateRealisticHour(kind, hour, options);
      const file = join(dir, `${kind}-hour${hour}.json`);
      const truthFile = join(dir, `${kind}-hour${hour}.truth.json`);
      writeFileSync(file, JSON.stringify(entries, null, 2) + '\n');
      writeFileSync(truthFile, JSON.stringify(truth) + '\n');
      out.push({ kind, hour, file, truthFile, truth, entries: entries.length });
    }
  return out;
}
