/**
 * Masking rules as data: an ordered list, tried first to last on each whitespace-separated
 * token; the first rule that matches decides the token's masked form. Every matcher is a
 * hand-written character scanner (linear, no regular expressions), so a 256 KiB message costs
 * one pass and can never backtrack.
 *
 * One placeholder (`<*>`) for every variable kind: a position that holds an IP in one entry and
 * a number in the next is still one variable position, so typed placeholders would split groups.
 */

export const VARIABLE = '<*>';

export interface MaskRule {
  /** Short name, shown in tests and documentation. */
  name: string;
  /** A real token this rule masks (documentation and the self-test table). */
  example: string;
  /** Returns the masked token, or null when the rule does not apply. */
  apply(token: string): string | null;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
function isKeyChar(c: number): boolean {
  return isAlpha(c) || isDigit(c) || c === 95 /* _ */ || c === 45 /* - */ || c === 46 /* . */ || c === 40 || c === 41;
}

export function hasDigit(token: string): boolean {
  for (let i = 0; i < token.length; i++) if (isDigit(token.charCodeAt(i))) return true;
  return false;
}

/**
 * `key=value` (value non-empty) and `key:value` (value with a digit, or a boolean / null):
 * the key is kept, the value is variable.
 */
function maskKeyValue(token: string): string | null {
  let sep = -1;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c === 61 /* = */ || c === 58 /* : */) {
      sep = i;
      break;
    }
    if (!isKeyChar(c)) return null;
  }
  if (sep <= 0 || sep === token.length - 1 || !isAlpha(token.charCodeAt(0))) return null;
  if (token.charCodeAt(sep) === 58) {
    const value = token.slice(sep + 1);
    if (value.charCodeAt(0) === 47 /* :/ (URL) */) return null;
    if (!hasDigit(value) && !LITERAL_VALUES.has(stripPunctuation(value).toLowerCase())) return null;
  }
  return token.slice(0, sep + 1) + VARIABLE;
}

/** Booleans and null-likes are values, never what tells one event from another. */
const LITERAL_VALUES = new Set(['true', 'false', 'null', 'nil', 'undefined']);
/** On their own, `nil` and `undefined` are usually words of an error message ("nil pointer"). */
const STANDALONE_LITERALS = new Set(['true', 'false', 'null']);

function stripPunctuation(token: string): string {
  let end = token.length;
  while (end > 0 && ',;.)]}'.includes(token[end - 1]!)) end--;
  return token.slice(0, end);
}

/** `/a/b`, `"/a/b`, `(/a/b)`: an absolute path with at least two segments. */
function isPath(token: string): boolean {
  let i = 0;
  while (i < token.length && (token[i] === '"' || token[i] === "'" || token[i] === '(' || token[i] === '[')) i++;
  if (token.charCodeAt(i) !== 47 /* / */ || token.charCodeAt(i + 1) === 47) return false;
  return token.indexOf('/', i + 2) > 0;
}

function isEmail(token: string): boolean {
  const at = token.indexOf('@');
  return at > 0 && token.indexOf('.', at + 2) > at;
}

function isUrlWithVariablePart(token: string): boolean {
  const scheme = token.indexOf('://');
  return scheme > 0 && hasDigit(token);
}

/** 0x-prefixed hex, or a run of 12+ hex digits (hashes, trace ids) even without a digit. */
function isHexValue(token: string): boolean {
  let start = 0;
  if (token.length > 2 && token.charCodeAt(0) === 48 && (token.charCodeAt(1) | 32) === 120) start = 2;
  let run = 0;
  for (let i = start; i < token.length; i++) {
    if (!isHex(token.charCodeAt(i))) return false;
    run++;
  }
  return start === 2 ? run > 0 : run >= 12;
}

/** Long opaque tokens (base64, JWT pieces, session keys): 24+ chars of letters/digits/-_+/ with mixed case. */
function isOpaque(token: string): boolean {
  if (token.length < 24) return false;
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (!(isDigit(c) || c === 45 || c === 95 || c === 43 || c === 47 || c === 61)) return false;
  }
  return upper > 0 && lower > 0 && upper * 4 >= lower;
}

/** An empty bracketed or quoted value is still a value: `()` beside `(host.example.com)`. */
const EMPTY_VALUES = new Set(['()', '[]', '{}', "''", '""', '<>', '(),', '[],', "'',", '"",']);
const DATE_WORDS = new Set([
  'Mon',
  'Tue',
  'Wed',
  'Thu',
  'Fri',
  'Sat',
  'Sun',
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
]);

/** Upper-case names with a short number (`SOCKS5`, `HTTP2`, `SHA256`) name a protocol, not an instance. */
function isAcronymWithNumber(token: string): boolean {
  if (token.length > 8) return false;
  let i = 0;
  while (i < token.length && token.charCodeAt(i) >= 65 && token.charCodeAt(i) <= 90) i++;
  if (i < 2) return false;
  const digits = token.length - i;
  if (digits < 1 || digits > 3) return false;
  for (; i < token.length; i++) if (!isDigit(token.charCodeAt(i))) return false;
  return true;
}

/**
 * Ordered masking rules. Numbers, IPs (v4, and v6 as they contain digits in practice), UUIDs,
 * dates, times, durations (`250ms`), sizes (`4KB`), paths and quoted values holding an id all
 * contain a digit, so the last rule covers them with one scan; the earlier rules handle the
 * variable parts that have no digit, or keep the constant part (the key of key=value).
 */
export const MASK_RULES: readonly MaskRule[] = [
  { name: 'key=value', example: 'user=alice', apply: maskKeyValue },
  {
    name: 'boolean or null',
    example: 'false,',
    apply: (t) => (STANDALONE_LITERALS.has(stripPunctuation(t).toLowerCase()) ? VARIABLE : null),
  },
  { name: 'empty value', example: '()', apply: (t) => (EMPTY_VALUES.has(t) ? VARIABLE : null) },
  { name: 'weekday or month name (dates)', example: 'Jun', apply: (t) => (DATE_WORDS.has(t) ? VARIABLE : null) },
  {
    name: 'protocol / algorithm name kept (SOCKS5, HTTP2, SHA256)',
    example: 'SOCKS5',
    apply: (t) => (isAcronymWithNumber(t) ? t : null),
  },
  { name: 'file or URL path', example: '/var/lib/app/cache', apply: (t) => (isPath(t) ? VARIABLE : null) },
  { name: 'e-mail', example: 'alice@example.com', apply: (t) => (isEmail(t) ? VARIABLE : null) },
  {
    name: 'url with id',
    example: 'https://api.example.com/orders/42',
    apply: (t) => (isUrlWithVariablePart(t) ? VARIABLE : null),
  },
  { name: 'hex / hash', example: 'deadbeefcafebabe', apply: (t) => (isHexValue(t) ? VARIABLE : null) },
  { name: 'opaque token', example: 'eyJhbGciOiJIUzI1NiJ9abcDEF', apply: (t) => (isOpaque(t) ? VARIABLE : null) },
  {
    name: 'contains a digit (number, IP, UUID, date, time, duration, size, path or quoted id)',
    example: '10.0.0.12:8080',
    apply: (t) => (hasDigit(t) ? VARIABLE : null),
  },
];

/**
 * Masks one token by the first matching rule; returns the token itself when none matches.
 * Fast paths give the same answer as the rule list for the two commonest cases: a short plain
 * word, and a token with a digit but no `=` / `:` (every later rule then yields `<*>`).
 */
export function maskToken(token: string): string {
  let digit = false;
  let plain = token.length < 12;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c === 61 || c === 58) {
      plain = false;
      digit = false;
      break;
    }
    if (isDigit(c)) digit = true;
    else if (!isAlpha(c)) plain = false;
  }
  if (digit && !isAcronymWithNumber(token)) return VARIABLE;
  if (plain && !digit && !DATE_WORDS.has(token) && !STANDALONE_LITERALS.has(token.toLowerCase())) return token;
  for (const rule of MASK_RULES) {
    const masked = rule.apply(token);
    if (masked !== null) return masked;
  }
  return token;
}
