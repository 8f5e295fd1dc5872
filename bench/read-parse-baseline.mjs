// The baselines the speed benches compare the action with: read an NDJSON file and JSON.parse each
// line, nothing else. Lines are split by hand from text decoded as FileLogSource decodes it (64 KiB
// at a time). Two ways to read the bytes:
// - `stream` (the baseline): fs.createReadStream with 1 MiB chunks, what a plain script does;
// - `chunks`: positioned reads into two reused 1 MiB buffers, as src/adapters/file-chunks.ts reads
//   (a stream allocates a buffer per chunk): the same reading the action does, so a ratio against
//   it is the action's own work beyond the reading.
// Plain JavaScript, so that `node bench/read-parse-baseline.mjs FILE [stream|chunks]` runs with no
// loader at all (bench/realistic-speed.ts); bench/pipeline.ts imports it.
import { close, createReadStream, open, read } from 'node:fs';
import { pathToFileURL } from 'node:url';

const READ_BYTES = 1024 * 1024;
const DECODE_BYTES = 64 * 1024;

/** Reads `file` and parses every line; resolves with the number of entries. */
export async function readParseBaseline(file, reader = 'stream') {
  let entries = 0;
  let rest = '';
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const chunks = reader === 'chunks' ? positionedReads(file) : createReadStream(file, { highWaterMark: READ_BYTES });
  for await (const chunk of chunks) {
    for (let piece = 0; piece < chunk.length; piece += DECODE_BYTES) {
      const text = decoder.decode(chunk.subarray(piece, piece + DECODE_BYTES), { stream: true });
      let from = 0;
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', from)) {
        // Only a line that began in the previous piece is concatenated.
        const line = from === 0 && rest !== '' ? rest + text.slice(0, at) : text.slice(from, at);
        if (line !== '' && JSON.parse(line) !== undefined) entries++;
        from = at + 1;
      }
      rest = from === 0 ? rest + text : text.slice(from);
    }
  }
  rest += decoder.decode();
  if (rest.trim() !== '' && JSON.parse(rest) !== undefined) entries++;
  return entries;
}

const promised = (call) =>
  new Promise((resolve, reject) => call((error, value) => (error ? reject(error) : resolve(value))));

/** The next chunk is read into the other buffer while this one is decoded. */
async function* positionedReads(file) {
  const fd = await promised((done) => open(file, 'r', done));
  const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)];
  let position = 0;
  let turn = 0;
  const next = () => promised((done) => read(fd, buffers[turn % 2], 0, READ_BYTES, position, done));
  let pending = next();
  try {
    for (let bytes = await pending; bytes > 0; bytes = await pending) {
      const chunk = buffers[turn % 2].subarray(0, bytes);
      position += bytes;
      turn++;
      pending = next();
      yield chunk;
    }
  } finally {
    await pending.catch(() => 0);
    await promised((done) => close(fd, (error) => done(error)));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`entries ${await readParseBaseline(process.argv[2], process.argv[3])}`);
}
