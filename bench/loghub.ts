/**
 * Loader for the Loghub-2k benchmark data (benchmark only: read in place, never copied into the
 * project). Uses the corrected ground truth (Khan et al. 2022), truth grouped by EventTemplate.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactRecord } from '../src/core/redact/redact.js';
import { isSkip, normalizeEntry } from '../src/core/normalize/normalize.js';
import type { LogRecord } from '../src/core/model/log-record.js';

export const SYSTEMS = [
  'Android',
  'Apache',
  'BGL',
  'Hadoop',
  'HDFS',
  'HealthApp',
  'HPC',
  'Linux',
  'Mac',
  'OpenSSH',
  'OpenStack',
  'Proxifier',
  'Spark',
  'Thunderbird',
  'Windows',
  'Zookeeper',
] as const;

export interface LoghubLine {
  lineId: string;
  content: string;
  template: string;
}

export function loghubDir(): string {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const relative = resolve(repo, '../shared/loghub-2k');
  return existsSync(relative) ? relative : '/work/shared/loghub-2k';
}

/** RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function loadSystem(system: string): LoghubLine[] {
  const file = join(loghubDir(), system, `${system}_2k.log_structured_corrected.csv`);
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const col = (name: string): number => {
    const i = header!.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column ${name}`);
    return i;
  };
  const id = col('LineId');
  const content = col('Content');
  const template = col('EventTemplate');
  return rows
    .filter((r) => r.length > template)
    .map((r) => ({ lineId: r[id]!, content: r[content]!, template: r[template]! }));
}

/** The line as Cloud Logging would export it: a stderr LogEntry whose textPayload is the content. */
export function toEntry(system: string, line: LoghubLine): Record<string, unknown> {
  return {
    insertId: `${system}-${line.lineId}`,
    timestamp: '2026-11-30T09:00:00Z',
    severity: 'ERROR',
    logName: 'projects/bench/logs/run.googleapis.com%2Fstderr',
    resource: { type: 'cloud_run_revision', labels: { service_name: 'loghub', revision_name: 'loghub-00001-abc' } },
    textPayload: line.content,
  };
}

/**
 * The product's own path up to clustering: the LogEntry normalized, then redacted (as the
 * garden does before every clusterer.add). Every field but the text is a constant.
 */
export function toRecord(system: string, line: LoghubLine): LogRecord {
  const normalized = normalizeEntry(toEntry(system, line));
  if (isSkip(normalized)) throw new Error(`${system} line ${line.lineId}: ${normalized.skip}`);
  return redactRecord(normalized, { ips: false });
}
