/**
 * Tokenises a message into masked tokens: whitespace-separated, each masked by mask.ts, and a
 * unit after a number joins the number (`1.16 KB`, `<1 sec`). Runs of variables are collapsed
 * later, when templates are compared (miner-merge.ts), not here: the token count is what first
 * partitions the rows.
 */
import { maskToken, VARIABLE } from './mask.js';

/** Tokens kept per message; the rest of a huge message is summarised as one `…` token. */
export const MAX_TOKENS = 120;

const UNITS = new Set([
  'b',
  'kb',
  'mb',
  'gb',
  'tb',
  'kib',
  'mib',
  'gib',
  'tib',
  'byte',
  'bytes',
  'ns',
  'us',
  'µs',
  'ms',
  's',
  'sec',
  'secs',
  'second',
  'seconds',
  'min',
  'mins',
  'minute',
  'minutes',
  'h',
  'hr',
  'hrs',
  'hour',
  'hours',
  'day',
  'days',
  '%',
]);

/** A unit word, ignoring surrounding brackets and trailing punctuation: `KB)`, `sec,`. */
function isUnit(token: string): boolean {
  let start = 0;
  let end = token.length;
  while (start < end && '([{'.includes(token[start]!)) start++;
  while (end > start && ')]},;:.'.includes(token[end - 1]!)) end--;
  if (end - start > 7 || end === start) return false;
  return UNITS.has(token.slice(start, end).toLowerCase());
}

/**
 * `tag="View Lock"`: a quoted value after `=` that spans spaces stays one token, so the
 * value's word count does not change the template's length. Bounded look-ahead.
 */
function extendQuotedValue(message: string, start: number, end: number): number {
  const eq = message.indexOf('=', start);
  if (eq < 0 || eq + 1 >= end) return end;
  const quote = message.charCodeAt(eq + 1);
  if (quote !== 34 && quote !== 39) return end;
  if (end - 1 > eq + 1 && message.charCodeAt(end - 1) === quote) return end;
  if (end - 2 > eq + 1 && message.charCodeAt(end - 2) === quote) return end;
  const close = message.indexOf(quote === 34 ? '"' : "'", end);
  if (close < 0 || close - end > 256) return end;
  let j = close + 1;
  while (j < message.length && message.charCodeAt(j) > 32) j++;
  return j;
}

/**
 * `raws`, when given, receives each masked token's original text (a unit that joined its number
 * is appended to it): what a title shows where every member has the same value.
 */
export function tokenizeMasked(message: string, maxTokens = MAX_TOKENS, raws?: string[]): string[] {
  const out: string[] = [];
  const n = message.length;
  let i = 0;
  while (i < n) {
    while (i < n && message.charCodeAt(i) <= 32) i++;
    if (i >= n) break;
    if (out.length === maxTokens) {
      out.push('…');
      raws?.push('…');
      break;
    }
    const start = i;
    while (i < n && message.charCodeAt(i) > 32) i++;
    i = extendQuotedValue(message, start, i);
    const raw = message.slice(start, i);
    const previousVariable = out.length > 0 && out[out.length - 1] === VARIABLE;
    if (previousVariable && isUnit(raw)) {
      if (raws) raws[raws.length - 1] += ` ${raw}`;
      continue;
    }
    out.push(codeToken(raw, out) ?? maskToken(raw));
    raws?.push(raw);
  }
  return out;
}

/**
 * Codes that tell a failure from a success are never variables: `exit(1)` beside `exit(0)`,
 * the number after `status`, `code`, `exit` or `signal` (`status code: 500`, `signal 9`).
 */
function codeToken(raw: string, previous: string[]): string | null {
  const c = raw.charCodeAt(0);
  if (c === 101 /* e */ && /^exit\(\d{1,3}\)[.,;:]?$/.test(raw)) return raw;
  if (!(c >= 48 && c <= 57) || raw.length > 4 || previous.length === 0) return null;
  if (!/^\d{1,3}[.,;:)]?$/.test(raw)) return null;
  const before = previous[previous.length - 1]!.toLowerCase().replace(/[:=]$/, '');
  if (CODE_WORDS.has(before)) return raw;
  if (before !== 'code' || previous.length < 2) return null;
  const word = previous[previous.length - 2]!.toLowerCase();
  // `status code: 500`: its class tells a failure from a success (502 and 503 stay one problem);
  // `exit code 1` is kept whole; a bare `status: 200` of an access log stays a plain variable.
  if (word === 'status') return `${VARIABLE}${raw[0]}xx`;
  return word === 'exit' || word === 'error' || word === 'return' ? raw : null;
}

const CODE_WORDS = new Set(['exit', 'signal', 'statuscode', 'status_code', 'exitcode', 'exit_code']);

/** Masked text of a message: its masked tokens joined by single spaces. */
export function maskText(text: string, maxTokens = MAX_TOKENS): string {
  return tokenizeMasked(text, maxTokens).join(' ');
}
