/**
 * A hash of a text's length, its last characters and a few characters spread over the rest.
 *
 * For the direct-mapped caches of the hot path (redaction, exception shapes, assembler streams):
 * each entry's texts are fresh strings, and hashing one in full for a Map (or building a joined
 * key first) costs about as much as the work the cache saves. A slot is picked from this hash and
 * a hit is confirmed by comparing the texts themselves, so a collision only costs a miss.
 * The last `tail` characters are all read: where texts differ in one value, it is often at the
 * end (`ValueError: invalid literal for int(): 'N/A'` and `…: '1.5e3'`), between the samples.
 * Without it, the flood hour's exception lines took each other's redaction slots: 78,621 scans
 * for 50,051 distinct texts (bench file of bench/realistic-speed.ts), 50,051 with it.
 */
export function sampledHash(text: string, samples = 8, seed = 0, tail = 8): number {
  const length = text.length;
  let h = (seed ^ length) >>> 0;
  const dense = Math.max(0, length - tail);
  for (let i = length - 1; i >= dense; i--) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  const step = Math.max(1, Math.floor(dense / samples));
  for (let i = dense - 1; i >= 0; i -= step) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}
