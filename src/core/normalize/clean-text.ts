/**
 * Lone surrogates (from `\ud800` escapes) and invisible format characters, in one cheap test:
 * zero-width space, non-joiner and joiner (U+200B–U+200D), left-to-right and right-to-left marks
 * (U+200E, U+200F), bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069), word joiner and invisible operators (U+2060–U+2064), Mongolian vowel separator
 * (U+180E) and the BOM (U+FEFF). Nothing below U+0100 is in the class: V8 then answers for a
 * one-byte string (almost every log line) without scanning it. So the soft hyphen (U+00AD) stays.
 */
const UNCLEAN = /[\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]/;
const INVISIBLE = /[\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Log text made safe to handle: a lone surrogate would make encodeURIComponent throw further on
 * (Logs Explorer links), and invisible characters can hide a token from redaction, split a
 * service name or title into two that look the same, or reorder what GitHub shows. Valid
 * surrogate pairs (emoji) pass the test only to be kept as they are.
 */
export function cleanText(text: string): string {
  if (!UNCLEAN.test(text)) return text;
  return text.replace(INVISIBLE, '').toWellFormed();
}
