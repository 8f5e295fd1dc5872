import { readFileSync } from 'node:fs';

/** File contents, or null when the file does not exist (other errors still throw). */
export function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
