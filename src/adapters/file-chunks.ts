/**
 * A file's bytes in order, as positioned reads into two buffers that take turns: while one
 * chunk is being used, the next is read into the other. A chunk is valid only until the next one
 * is asked for: that starts the read after it into this chunk's buffer (the caller decodes a
 * chunk before asking for more).
 *
 * Why not fs.createReadStream: a stream allocates a fresh buffer for every chunk, and streaming
 * a 200 MB export through one cost 0.86 s where these reads took 0.73 s, in a script that only
 * reads and JSON.parses each line (median of 8, alternating; 1.09 against 0.81 s of CPU). The
 * stream also loads fs/promises and readline on its first read.
 */
import { close, open, read } from 'node:fs';

function promised<T>(call: (done: (error: Error | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => call((error, value) => (error ? reject(error) : resolve(value))));
}

export async function* readChunks(path: string, chunkBytes: number): AsyncGenerator<Buffer> {
  const fd = await promised<number>((done) => open(path, 'r', done));
  const buffers = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
  let position = 0;
  let turn = 0;
  const next = () => promised<number>((done) => read(fd, buffers[turn % 2]!, 0, chunkBytes, position, done));
  let pending: Promise<number> | null = next();
  try {
    for (;;) {
      const bytes = await pending;
      pending = null;
      if (bytes === 0) return;
      const chunk = buffers[turn % 2]!.subarray(0, bytes);
      position += bytes;
      turn++;
      pending = next();
      yield chunk;
    }
  } finally {
    // A read still in flight must end before its descriptor closes.
    if (pending) await pending.catch(() => 0);
    await promised<void>((done) => close(fd, (error) => done(error, undefined)));
  }
}
