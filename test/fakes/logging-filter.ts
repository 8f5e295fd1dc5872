/**
 * An evaluator of the Logging query language for the fake Cloud Logging server, written from
 * https://cloud.google.com/logging/docs/view/logging-query-language:
 * - `NOT` (or a leading `-`) binds tightest, then `OR`, then `AND`; a newline or a space between
 *   two comparisons is an implicit `AND` (so `a OR NOT b AND NOT c OR d` is `(a OR (NOT b)) AND ((NOT c) OR d)`).
 * - comparisons `field OP value` with `=`, `!=`, `<`, `<=`, `>`, `>=`, `:` (has: substring),
 *   `=~` / `!~` (RE2, here JavaScript's RegExp); `field OP (v1 OR v2)` is `field OP v1 OR field OP v2`.
 * - string comparisons are not case-sensitive; a missing field makes a comparison false (so
 *   `NOT field:"x"` holds for an entry without the field); `severity` compares by level and
 *   `timestamp` by time; `field:"x"` on an object looks in every string below it.
 * - `sample(insertId, f)` keeps a deterministic fraction f of entries, bucketed by `bucket`.
 * Global restrictions (a bare value with no field) are not supported: they throw, and the fake
 * answers 400 like any filter it cannot parse.
 */
import { SEVERITY_NUMBER } from '../../src/core/model/log-record.js';

export type Entry = Record<string, unknown>;
export type Predicate = (entry: Entry) => boolean;

export class FilterSyntaxError extends Error {
  override name = 'FilterSyntaxError';
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'op'; text: string }
  | { kind: 'paren'; text: '(' | ')' }
  | { kind: 'comma' };

const OPERATORS = ['>=', '<=', '!=', '=~', '!~', '=', '<', '>', ':'];

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: 'paren', text: c });
      i++;
    } else if (c === ',') {
      tokens.push({ kind: 'comma' });
      i++;
    } else if (c === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= filter.length) throw new FilterSyntaxError('unterminated string');
        const d = filter[i]!;
        if (d === '\\') {
          const next = filter[i + 1] ?? '';
          text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          i += 2;
        } else if (d === '"') {
          i++;
          break;
        } else {
          text += d;
          i++;
        }
      }
      tokens.push({ kind: 'string', text });
    } else {
      const op = OPERATORS.find((o) => filter.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', text: op });
        i += op.length;
        continue;
      }
      let text = '';
      while (i < filter.length && !/[\s()",=<>:!~]/.test(filter[i]!)) text += filter[i++];
      if (text === '') throw new FilterSyntaxError(`unexpected '${c}' at character ${i + 1}`);
      tokens.push({ kind: 'word', text });
    }
  }
  return tokens;
}

interface Options {
  /** Position in [0, 1) of an entry for `sample(insertId, f)`. */
  bucket: (insertId: string) => number;
}

/** Compiles a filter into a predicate; throws FilterSyntaxError for what Logging would reject. */
export function compileFilter(filter: string, options: Options): Predicate {
  const parser = new Parser(tokenize(filter), options);
  const predicate = parser.expression();
  if (!parser.done()) throw new FilterSyntaxError(`unexpected ${parser.describeNext()}`);
  return predicate;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly options: Options,
  ) {}

  done(): boolean {
    return this.pos >= this.tokens.length;
  }

  describeNext(): string {
    const t = this.tokens[this.pos];
    return t ? `'${'text' in t ? t.text : ','}'` : 'end of filter';
  }

  private atClose(): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === 'paren' && t.text === ')';
  }

  private peekWord(word: string): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === 'word' && t.text === word;
  }

  /** AND of disjunctions; `AND` may be implicit. Empty filter: everything. */
  expression(): Predicate {
    const parts: Predicate[] = [];
    while (!this.done() && !this.atClose()) {
      if (this.peekWord('AND')) {
        this.pos++;
        continue;
      }
      parts.push(this.disjunction());
    }
    return (e) => parts.every((p) => p(e));
  }

  private disjunction(): Predicate {
    const parts = [this.unary()];
    while (this.peekWord('OR')) {
      this.pos++;
      parts.push(this.unary());
    }
    return parts.length === 1 ? parts[0]! : (e) => parts.some((p) => p(e));
  }

  private unary(): Predicate {
    if (this.peekWord('NOT')) {
      this.pos++;
      const inner = this.unary();
      return (e) => !inner(e);
    }
    const t = this.tokens[this.pos];
    if (t?.kind === 'word' && t.text.startsWith('-') && t.text.length > 1) {
      this.tokens[this.pos] = { kind: 'word', text: t.text.slice(1) };
      const inner = this.unary();
      return (e) => !inner(e);
    }
    return this.primary();
  }

  private primary(): Predicate {
    const t = this.tokens[this.pos];
    if (!t) throw new FilterSyntaxError('unexpected end of filter');
    if (t.kind === 'paren' && t.text === '(') {
      this.pos++;
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (t.kind !== 'word') throw new FilterSyntaxError(`unexpected ${this.describeNext()}`);
    this.pos++;
    const next = this.tokens[this.pos];
    if (t.text === 'sample' && next?.kind === 'paren' && next.text === '(') return this.sample();
    if (next?.kind !== 'op') throw new FilterSyntaxError(`global restriction '${t.text}' is not supported by the fake`);
    this.pos++;
    const op = next.text;
    const values = this.values();
    const field = t.text;
    const compare = (e: Entry) => values.some((v) => compareField(e, field, op, v));
    return op === '!=' || op === '!~' ? (e) => !values.some((v) => compareField(e, field, invert(op), v)) : compare;
  }

  private sample(): Predicate {
    this.expect('(');
    const field = this.tokens[this.pos++];
    if (field?.kind !== 'word' || field.text !== 'insertId') throw new FilterSyntaxError('sample() takes insertId');
    if (this.tokens[this.pos++]?.kind !== 'comma') throw new FilterSyntaxError('sample(insertId, fraction)');
    const fraction = Number((this.tokens[this.pos++] as { text?: string } | undefined)?.text);
    if (!(fraction >= 0 && fraction <= 1)) throw new FilterSyntaxError('sample fraction must be in [0, 1]');
    this.expect(')');
    return (e) => this.options.bucket(String(e.insertId ?? '')) < fraction;
  }

  /** One value, or `(v1 OR v2 …)`. */
  private values(): string[] {
    const t = this.tokens[this.pos];
    if (t?.kind === 'paren' && t.text === '(') {
      this.pos++;
      const out = [this.value()];
      while (this.peekWord('OR')) {
        this.pos++;
        out.push(this.value());
      }
      this.expect(')');
      return out;
    }
    return [this.value()];
  }

  private value(): string {
    const t = this.tokens[this.pos++];
    if (t?.kind === 'string' || t?.kind === 'word') return t.text;
    throw new FilterSyntaxError('expected a value');
  }

  private expect(paren: '(' | ')'): void {
    const t = this.tokens[this.pos++];
    if (t?.kind !== 'paren' || t.text !== paren) throw new FilterSyntaxError(`expected '${paren}'`);
  }
}

function invert(op: string): string {
  return op === '!=' ? '=' : '=~';
}

/** The value at a dotted path (`resource.labels.service_name`); undefined when absent. */
function lookup(entry: Entry, path: string): unknown {
  let value: unknown = entry;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part.replace(/^"|"$/g, '')];
  }
  return value;
}

function compareField(entry: Entry, field: string, op: string, expected: string): boolean {
  const actual = lookup(entry, field);
  if (actual === undefined || actual === null) {
    // An entry without a severity has severity DEFAULT.
    if (field !== 'severity') return false;
    return compareOrdered(0, op, severityNumber(expected));
  }
  if (field === 'severity') return compareOrdered(severityNumber(String(actual)), op, severityNumber(expected));
  if (field === 'timestamp' || field === 'receiveTimestamp')
    return compareOrdered(Date.parse(String(actual)), op, Date.parse(expected));
  if (op === ':') return has(actual, expected.toLowerCase());
  if (op === '=~') return typeof actual !== 'object' && new RegExp(expected).test(String(actual));
  if (typeof actual === 'object') return false;
  const number = Number(expected);
  if (typeof actual === 'number' || (typeof actual === 'string' && /^-?\d+(\.\d+)?$/.test(actual) && expected !== '')) {
    if (Number.isFinite(number) && expected.trim() !== '') return compareOrdered(Number(actual), op, number);
  }
  const a = String(actual).toLowerCase();
  const b = expected.toLowerCase();
  return op === '=' ? a === b : compareOrdered(a < b ? -1 : a > b ? 1 : 0, op, 0);
}

function has(actual: unknown, needle: string): boolean {
  if (actual !== null && typeof actual === 'object')
    return Object.values(actual as Record<string, unknown>).some((v) => has(v, needle));
  return String(actual).toLowerCase().includes(needle);
}

function compareOrdered(a: number, op: string, b: number): boolean {
  switch (op) {
    case '=':
    case ':':
      return a === b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      throw new FilterSyntaxError(`operator ${op} not supported here`);
  }
}

function severityNumber(value: string): number {
  const upper = value.toUpperCase() as keyof typeof SEVERITY_NUMBER;
  if (upper in SEVERITY_NUMBER) return SEVERITY_NUMBER[upper];
  const n = Number(value);
  if (Number.isFinite(n)) return n;
  throw new FilterSyntaxError(`unknown severity ${value}`);
}
