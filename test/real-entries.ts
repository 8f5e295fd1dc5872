import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The real-LogEntry corpus (test/fixtures/real, sources in SOURCES.md). */
export const REAL_DIR = join('test', 'fixtures', 'real');

export function realFile(name: string): Record<string, unknown>[] {
  return JSON.parse(readFileSync(join(REAL_DIR, name), 'utf8')) as Record<string, unknown>[];
}

/** One entry of a corpus file by the start of its insertId, or of its timestamp when it has none. */
export function realEntry(name: string, id: string): Record<string, unknown> {
  const entry = realFile(name).find(
    (e) =>
      (typeof e.insertId === 'string' && (e.insertId === id || e.insertId.startsWith(id))) ||
      (typeof e.timestamp === 'string' && e.timestamp.startsWith(id)),
  );
  if (!entry) throw new Error(`no entry ${id} in ${name}`);
  return entry;
}
