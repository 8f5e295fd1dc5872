/** The logs-file reader's chunks: positioned reads into two buffers that take turns. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readChunks } from '../src/adapters/file-chunks.js';

const dir = mkdtempSync(join(tmpdir(), 'lg-file-chunks-'));

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Copies each chunk as it comes: a chunk is only valid until the next one is asked for. */
async function collect(path: string, size: number): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of readChunks(path, size)) chunks.push(Buffer.from(chunk));
  return chunks;
}

describe('readChunks', () => {
  const bytes = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 251));

  it.each([
    ['several chunks and a partial one', 4_096, [4_096, 4_096, 1_808]],
    ['exact multiple of the chunk size', 2_500, [2_500, 2_500, 2_500, 2_500]],
    ['one chunk larger than the file', 65_536, [10_000]],
  ])('%s: the bytes in order, chunk by chunk', async (_name, size, lengths) => {
    const chunks = await collect(file(`bytes-${size}`, bytes), size);
    expect(chunks.map((c) => c.length)).toEqual(lengths);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('an empty file has no chunks', async () => {
    await expect(collect(file('empty', Buffer.alloc(0)), 1_024)).resolves.toEqual([]);
  });

  it('a chunk stays intact while the next is read ahead into the other buffer', async () => {
    const path = file('turns', bytes);
    const chunks: Buffer[] = [];
    for await (const chunk of readChunks(path, 1_000)) {
      const copy = Buffer.from(chunk);
      // The read ahead completes meanwhile; it must not have written into this chunk.
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(chunk.equals(copy)).toBe(true);
      chunks.push(copy);
    }
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('stops early and closes the file when the caller stops', async () => {
    const path = file('early', bytes);
    for await (const chunk of readChunks(path, 1_000)) {
      expect(chunk.length).toBe(1_000);
      break;
    }
    // Reading it again works (the descriptor was closed, not leaked mid-read).
    await expect(collect(path, 1_000)).resolves.toHaveLength(10);
  });

  it('a missing file is an error with its code', async () => {
    await expect(collect(join(dir, 'missing'), 1_024)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
