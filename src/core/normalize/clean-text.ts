/** Lone surrogates (from `\ud800` escapes) and zero-width characters, in one cheap test. */
const UNCLEAN = /[\u200b-\u200d\u2060\ufeff\ud800-\udfff]/;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * Log text made safe to handle: a lone surrogate would make encodeURIComponent throw further on
 * (Logs Explorer links), and zero-width characters can hide a token from redaction while GitHub
 * still shows it whole. Valid surrogate pairs (emoji) pass the test only to be kept as they are.
 */
export function cleanText(text: string): string {
  if (!UNCLEAN.test(text)) return text;
  return text.replace(ZERO_WIDTH, '').toWellFormed();
}
