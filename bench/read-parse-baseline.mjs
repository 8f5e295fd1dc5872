// The baseline the speed benches compare the action with: read an NDJSON file and JSON.parse each
// line, nothing else. Lines are split by hand from text decoded as FileLogSource decodes it
// (1 MiB reads, 64 KiB decoded at a time): the cheapest honest NDJSON read, so a ratio is the
// action's own work. Plain JavaScript, so that `node bench/read-parse-baseline.mjs FILE` runs it
// with no loader at all (bench/realistic-speed.ts); bench/pipeline.ts imports it.
import { createReadStream } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Reads `file` and parses every line; resolves with the number of entries. */
export async function readParseBaseline(file) {
  let entries = 0;
  let rest = '';
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    for (let piece = 0; piece < chunk.length; piece += 64 * 1024) {
      const text = decoder.decode(chunk.subarray(piece, piece + 64 * 1024), { stream: true });
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`entries ${await readParseBaseline(process.argv[2])}`);
}
