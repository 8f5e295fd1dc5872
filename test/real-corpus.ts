/** Entries of the real-LogEntry corpus (test/fixtures/real/, sources in SOURCES.md), for table tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSkip, normalizeEntry } from '../src/core/normalize/normalize.js';
import type { LogRecord } from '../src/core/model/log-record.js';

export type RawEntry = Record<string, unknown>;

/** The corpus folder, relative to the repository root (the tests' working directory). */
export const REAL_DIR = join('test', 'fixtures', 'real');

const cache = new Map<string, RawEntry[]>();

/** Every entry of `test/fixtures/real/<file>`. */
export function corpusEntries(file: string): RawEntry[] {
  let entries = cache.get(file);
  if (!entries) {
    entries = JSON.parse(readFileSync(join(process.cwd(), REAL_DIR, file), 'utf8')) as RawEntry[];
    cache.set(file, entries);
  }
  return entries;
}

/**
 * One entry, by insertId (the first with it, or the first whose insertId starts with `id`), by
 * the start of its timestamp for entries the source gave no insertId (Ops Agent), or by its
 * position in the file (`#3`). A copy: a test may change it.
 */
export function corpusEntry(file: string, id: string): RawEntry {
  const entries = corpusEntries(file);
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const found = id.startsWith('#')
    ? entries[Number(id.slice(1))]
    : (entries.find((e) => e.insertId === id) ??
      entries.find((e) => text(e.insertId).startsWith(id) || (!e.insertId && text(e.timestamp).startsWith(id))));
  if (!found) throw new Error(`no entry ${id} in ${file}`);
  return structuredClone(found);
}

export function recordOf(raw: unknown): LogRecord {
  const result = normalizeEntry(raw);
  if (isSkip(result)) throw new Error(`skipped: ${result.skip}`);
  return result;
}
