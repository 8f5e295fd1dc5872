/**
 * Versioned, window-independent fingerprints (DESIGN §4). The hash is FNV-1a 64 over the
 * canonical key of a cluster (never over ids, counts or first-seen order), computed with two
 * 32-bit halves so it needs no BigInt and no Node API.
 */

/** Bump when the grouping algorithm changes what a fingerprint means. */
export const FINGERPRINT_VERSION = 'v2';

export type FingerprintKind = 'exc' | 'req' | 'msg' | 'usr';

/** FNV-1a 64-bit over the UTF-16 code units of `text`, as 16 hex digits. */
export function hashFnv1a64(text: string): string {
  // offset basis 0xcbf29ce484222325, prime 0x100000001b3 (= 2^40 + 0x1b3)
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    lo = (lo ^ text.charCodeAt(i)) >>> 0;
    // (hi,lo) * 0x1b3 + (lo << 40)
    const loMul = lo * 0x1b3;
    const carry = Math.floor(loMul / 0x100000000);
    const newLo = loMul >>> 0;
    const newHi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) >>> 0;
    hi = newHi;
    lo = newLo;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

export function makeFingerprint(kind: FingerprintKind, canonicalKey: string): string {
  return `${FINGERPRINT_VERSION}:${kind}:${hashFnv1a64(canonicalKey)}`;
}
