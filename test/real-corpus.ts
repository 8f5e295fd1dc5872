/** Entries of the real-LogEntry corpus (test/fixtures/real/, sources in SOURCES.md), for table tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSkip, normalizeEntry } from '../src/core/normalize/normalize.js';
import type { LogRecord } from '../src/core/model/log-record.js';

export type RawEntry = Record<string, unknown>;

const cache = new Map<string, RawEntry[]>();

/** Every entry of `test/fixtures/real/<file>`. */
export function corpusEntries(file: string): RawEntry[] {
  let entries = cache.get(file);
  if (!entries) {
    entries = JSON.parse(readFileSync(join(process.cwd(), 'test', 'fixtures', 'real', file), 'utf8')) as RawEntry[];
    cache.set(file, entries);
  }
  return entries;
}

/**
 * One entry, by insertId (the first with it) or, for entries the source gave none (or a shared
 * one), by its position in the file (`#3`). A copy: a test may change it.
 */
export function corpusEntry(file: string, id: string): RawEntry {
  const entries = corpusEntries(file);
  const found = id.startsWith('#') ? entries[Number(id.slice(1))] : entries.find((e) => e.insertId === id);
  if (!found) throw new Error(`no entry ${id} in ${file}`);
  return structuredClone(found);
}

export function recordOf(raw: unknown): LogRecord {
  const result = normalizeEntry(raw);
  if (isSkip(result)) throw new Error(`skipped: ${result.skip}`);
  return result;
}
