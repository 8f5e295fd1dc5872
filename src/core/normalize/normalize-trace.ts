/**
 * Stack-trace text: is it a trace, and what is its one-line summary?
 * Uses indexOf scans instead of regexes on the whole text: this runs on every entry.
 */

export interface TraceSummary {
  /** The human message: the summary line of a trace, or the whole (trimmed) text. */
  message: string;
  /** The whole text when it is a stack trace, '' otherwise. */
  stack: string;
  /** What a logger wrote before a Python trace (`Error processing message 42:`), '' when nothing. */
  context?: string;
}

export const PYTHON_HEADER = 'Traceback (most recent call last)';

/** Splits a text payload into a message and a stack (Python, Java, Node.js, Go, .NET traces). */
export function summarizeText(text: string): TraceSummary {
  const trimmed = trimEnd(text);
  if (trimmed.indexOf('\n') < 0) return { message: trimmed, stack: '' };
  const header = trimmed.indexOf(PYTHON_HEADER);
  if (header >= 0) {
    // The trace is the trace; a line the logger put before it (often with an id) is its context,
    // so the same trace is the same text on every entry.
    const lineStart = trimmed.lastIndexOf('\n', header) + 1;
    if (lineStart === 0) return { message: findPythonSummary(trimmed), stack: trimmed };
    const stack = trimmed.slice(lineStart);
    return { message: findPythonSummary(stack), stack, context: trimmed.slice(0, lineStart).trim() };
  }
  const panicAt = findLineStartingWith(trimmed, 'panic: ');
  if (panicAt >= 0) return { message: lineAt(trimmed, panicAt), stack: trimmed };
  const frameAt = findFirstFrameLine(trimmed);
  if (frameAt >= 0) return { message: stripLogPrefix(findLineBefore(trimmed, frameAt)), stack: trimmed };
  const goroutineAt = findLineStartingWith(trimmed, 'goroutine ');
  if (goroutineAt >= 0) {
    const message = goroutineAt === 0 ? lineAt(trimmed, 0) : findLineBefore(trimmed, goroutineAt);
    return { message: stripLogPrefix(message), stack: trimmed };
  }
  return { message: trimmed, stack: '' };
}

/**
 * A logger's line prefix, which says when and where, never what: a leading timestamp
 * (`2019/01/15 07:48:05 `, `2024-06-01 12:00:00.123 UTC `), and after it PostgreSQL's
 * `[pid]: [n-n] db=…,user=… ` or a thread number. Cloud Logging has the time already.
 */
const LINE_PREFIX =
  /^\[?\d{4}[/-]\d\d[/-]\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?(?: ?(?:UTC|GMT|Z|[+-]\d\d:?\d\d))?\]?\s+(?:\[\d+\](?::?\s*\[[\d-]+\])?:?\s*|\d+\s+(?=\[))?(?:(?:db|user|app|client|host|database)=[^\s,]*(?:,|\s+))*/;
export function stripLogPrefix(line: string): string {
  if (line.length < 19 || !isDigit(line.charCodeAt(line.charCodeAt(0) === 91 ? 1 : 0))) return line;
  const m = LINE_PREFIX.exec(line.length > 400 ? line.slice(0, 400) : line);
  return m && m[0].length < line.length ? line.slice(m[0].length).trimStart() : line;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * True when a line without a severity reports a failure (used to infer a missing severity):
 * a stack trace, or words that say something failed (`Failed to fetch … HTTP 500`, `Error: …`,
 * `… failed: …`, `ECONNREFUSED`, `upstream connect error`, a non-zero `exit code`). A line that
 * names its own level below WARNING (`[INFO]`, `level=debug`) is taken at its word.
 */
export function looksLikeError(text: string): boolean {
  if (
    text.indexOf(PYTHON_HEADER) >= 0 ||
    text.indexOf('panic:') >= 0 ||
    text.indexOf('\n    at ') >= 0 ||
    text.indexOf('\n\tat ') >= 0
  )
    return true;
  const head = text.length > 300 ? text.slice(0, 300) : text;
  if (OWN_LOW_LEVEL.test(head)) return false;
  return FAILURE_WORDS.test(head);
}

const OWN_LOW_LEVEL =
  /\[(?:INFO|DEBUG|TRACE|NOTICE|WARN|WARNING)\]|(?:^|[\s|])(?:INFO|DEBUG|TRACE|NOTICE|WARN|WARNING)(?:[:\s|]|$)|^(?:INFO|DEBUG|WARNING|WARN):|\blevel=(?:info|debug|trace|warn|warning)\b|^[IWD]\d{4} \d\d:\d\d/;
const FAILURE_WORDS =
  /\bERROR\b|\bFATAL\b|Fatal error|Exception\b|\b[A-Z]\w*Error\b|^Error\b|\berror:|\bfailed\b|\bfailure\b|^Failed\b|\bcannot\b|\bcould not\b|\bunable to\b|\brefused\b|ECONN\w+|ETIMEDOUT|EHOSTUNREACH|EPIPE|upstream connect error|\bHTTP [45]\d\d\b|\bexit (?:code|status) [1-9]\d*|\bdenied\b|\btimed out\b|\bsegmentation fault\b|\bkilled\b/i;

function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** Python prints the final exception last: the last non-indented, non-empty line. */
function findPythonSummary(text: string): string {
  let end = text.length;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const code = text.charCodeAt(start);
    if (end > start && !isSpace(code)) {
      const line = text.slice(start, end);
      if (!line.startsWith(PYTHON_HEADER)) return stripCarriageReturn(line);
    }
    end = start - 1;
  }
  return lineAt(text, 0);
}

/** Index of the first line that is a Java (`\tat `), Node (`    at `) or .NET (`   at `) frame. */
/**
 * The first frame line: `at …` (Java, Node, .NET at any indentation), Ruby's
 * `  app/x.rb:69:in`, PHP's `Stack trace:` / `#0 …`, Dart's `#0      main (…)`.
 */
function findFirstFrameLine(text: string): number {
  let best = -1;
  for (const marker of ['\n    at ', '\n\tat ', '\n   at ', '\n  at ', '\nStack trace:\n#0 ', '\n#0 ']) {
    const at = text.indexOf(marker);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  if (best < 0) {
    const ruby = /\n[^\n]*\.rb:\d+:in `/.exec(text.length > 4096 ? text.slice(0, 4096) : text);
    if (ruby) best = ruby.index;
  }
  return best < 0 ? -1 : best + 1;
}

/** The nearest non-blank line above `lineStart` (the exception line of Java and Node traces). */
function findLineBefore(text: string, lineStart: number): string {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    if (line !== '' && line !== '^') return line;
    end = start - 1;
  }
  return lineAt(text, 0);
}

function findLineStartingWith(text: string, prefix: string): number {
  if (text.startsWith(prefix)) return 0;
  const at = text.indexOf('\n' + prefix);
  return at < 0 ? -1 : at + 1;
}

function lineAt(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return stripCarriageReturn(end < 0 ? text.slice(start) : text.slice(start, end));
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
