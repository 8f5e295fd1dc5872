import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateIncidentHour } from '../scripts/sample-generator.js';

/**
 * Consecutive generated hours of the demo's incident as gcloud JSON files: the committed samples
 * for hours 0 and 1, then fresh ones (other seeds: other ids, times, instances and numbers).
 */
export function incidentHourFiles(count: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'lg-hours-'));
  const files = [resolve('samples/cloud-run-outage.json'), resolve('samples/cloud-run-outage-next-hour.json')];
  for (let hour = 2; hour < count; hour++) {
    const path = join(dir, `hour-${hour}.json`);
    const start = new Date(Date.UTC(2026, 10, 30, 9 + hour));
    writeFileSync(path, JSON.stringify(generateIncidentHour({ seed: hour + 1, start })));
    files.push(path);
  }
  return files.slice(0, count);
}
