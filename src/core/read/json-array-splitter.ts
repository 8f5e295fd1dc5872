/**
 * Incremental splitter for a log export: a top-level JSON array (`gcloud logging read
 * --format=json`, pretty-printed, possibly gigabytes) or newline-delimited JSON. Fed string
 * chunks, it returns the text of each complete element/line; only one element is ever held.
 * It tracks strings, escapes and depth itself so that the whole file is never parsed at once.
 */

export type SplitMode = 'detect' | 'array' | 'ndjson' | 'after-array' | 'invalid' | 'failed';

/** An element larger than this is not a LogEntry (256 KiB max): the file is corrupt. */
export const MAX_ELEMENT_CHARS = 16 * 1024 * 1024;

const QUOTE = 34; // "
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const NEWLINE = 10;

export class JsonArraySplitter {
  mode: SplitMode = 'detect';
  /** Problems found in the structure (not in element JSON), by reason. */
  readonly problems: Record<string, number> = {};
  private parts: string[] = [];
  private partChars = 0;
  /** Array mode: nesting depth inside the current element (0 = between elements). */
  private depth = 0;
  private inString = false;
  /** Array mode: the current element is a scalar (number, literal) ended by `,` or `]`. */
  private inScalar = false;
  private closed = false;
  private sawContent = false;

  /** Feeds the next chunk; returns the texts of the elements (or NDJSON lines) it completed. */
  push(chunk: string): string[] {
    const out: string[] = [];
    let start = 0;
    if (this.mode === 'detect') {
      if (!this.sawContent && chunk.charCodeAt(0) === 0xfeff) start = 1;
      while (start < chunk.length && isWhitespace(chunk.charCodeAt(start))) start++;
      if (start === chunk.length) return out;
      this.sawContent = true;
      const first = chunk.charCodeAt(start);
      if (first === OPEN_BRACKET) {
        this.mode = 'array';
        start++;
      } else if (first === OPEN_BRACE) {
        this.mode = 'ndjson';
      } else {
        this.mode = 'invalid';
        this.count('top level is neither a JSON array nor JSON objects');
        return out;
      }
    }
    if (this.mode === 'array') this.scanArray(chunk, start, out);
    else if (this.mode === 'ndjson') this.scanLines(chunk, start, out);
    else if (this.mode === 'after-array') this.checkTrailing(chunk, start);
    return out;
  }

  /** Call at end of input; returns a final NDJSON line without a trailing newline. */
  end(): string[] {
    const rest = this.takeParts();
    if (this.mode === 'detect' && !this.sawContent) this.count('empty file');
    if (this.mode === 'ndjson') return rest.trim() === '' ? [] : [rest];
    if (this.mode === 'array' && !this.closed) {
      if (rest.trim() !== '') this.count('truncated file: incomplete element at the end');
      else this.count('truncated file: array not closed');
    }
    return [];
  }

  private scanArray(chunk: string, from: number, out: string[]): void {
    let i = from;
    let elementStart = this.depth > 0 || this.inScalar || this.inString ? from : -1;
    const length = chunk.length;
    while (i < length) {
      if (this.inString) {
        const quote = chunk.indexOf('"', i);
        if (quote < 0) {
          i = length;
          break;
        }
        i = quote + 1;
        if (!isEscaped(chunk, quote, this.parts)) this.inString = false;
        if (!this.inString && this.depth === 0 && !this.inScalar) {
          // A top-level string element ends with its closing quote.
          this.emit(chunk, elementStart, i, out);
          elementStart = -1;
        }
        continue;
      }
      const code = chunk.charCodeAt(i);
      if (this.depth > 0) {
        if (code === QUOTE) this.inString = true;
        else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.depth++;
        else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
          this.depth--;
          if (this.depth === 0) {
            this.emit(chunk, elementStart, i + 1, out);
            elementStart = -1;
          }
        }
        i++;
        continue;
      }
      if (this.inScalar) {
        if (code === COMMA || code === CLOSE_BRACKET || isWhitespace(code)) {
          this.emit(chunk, elementStart, i, out);
          elementStart = -1;
          this.inScalar = false;
          continue; // re-examine the delimiter between elements
        }
        i++;
        continue;
      }
      // Between elements.
      if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        elementStart = i;
        this.depth = 1;
      } else if (code === QUOTE) {
        elementStart = i;
        this.inString = true;
      } else if (code === CLOSE_BRACKET) {
        this.closed = true;
        this.mode = 'after-array';
        this.checkTrailing(chunk, i + 1);
        return;
      } else if (code !== COMMA && !isWhitespace(code)) {
        elementStart = i;
        this.inScalar = true;
      }
      i++;
    }
    if (elementStart >= 0) this.keep(chunk.slice(elementStart));
  }

  private scanLines(chunk: string, from: number, out: string[]): void {
    let start = from;
    for (;;) {
      const newline = chunk.indexOf('\n', start);
      if (newline < 0) break;
      const line = this.parts.length > 0 ? this.takeParts() + chunk.slice(start, newline) : chunk.slice(start, newline);
      if (!isBlank(line)) out.push(line);
      start = newline + 1;
    }
    if (start < chunk.length) this.keep(chunk.slice(start));
  }

  private checkTrailing(chunk: string, from: number): void {
    for (let i = from; i < chunk.length; i++) {
      if (!isWhitespace(chunk.charCodeAt(i))) {
        this.count('trailing content after the JSON array');
        this.mode = 'failed';
        return;
      }
    }
  }

  private emit(chunk: string, start: number, end: number, out: string[]): void {
    const tail = chunk.slice(start < 0 ? 0 : start, end);
    out.push(this.parts.length > 0 ? this.takeParts() + tail : tail);
  }

  private keep(text: string): void {
    this.parts.push(text);
    this.partChars += text.length;
    if (this.partChars > MAX_ELEMENT_CHARS) {
      this.count(`element larger than ${MAX_ELEMENT_CHARS / 1024 / 1024} MiB: rest of the file skipped`);
      this.parts = [];
      this.partChars = 0;
      this.mode = 'failed';
    }
  }

  private takeParts(): string {
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.partChars = 0;
    return text;
  }

  private count(reason: string): void {
    this.problems[reason] = (this.problems[reason] ?? 0) + 1;
  }
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === NEWLINE || code === 13 || code === 9;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isWhitespace(line.charCodeAt(i))) return false;
  return true;
}

/** Odd number of backslashes before the quote (possibly continuing from the previous chunk). */
function isEscaped(chunk: string, quote: number, previous: string[]): boolean {
  let backslashes = 0;
  let i = quote - 1;
  while (i >= 0 && chunk.charCodeAt(i) === BACKSLASH) {
    backslashes++;
    i--;
  }
  if (i < 0) {
    for (let p = previous.length - 1; p >= 0; p--) {
      const part = previous[p]!;
      let j = part.length - 1;
      while (j >= 0 && part.charCodeAt(j) === BACKSLASH) {
        backslashes++;
        j--;
      }
      if (j >= 0) break;
    }
  }
  return backslashes % 2 === 1;
}
