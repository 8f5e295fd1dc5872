/**
 * Titles without `<*>`: a masked position whose original text is the same in every member is
 * shown as it is (`Container called exit(3).`); one that varies becomes a short named
 * placeholder (`{n}`, `{id}`, `{path}`, `{duration}`, …). Values are tracked per distinct
 * masked form while records stream, so memory grows with forms, never with records.
 */
import { VARIABLE } from './mask.js';

export const TITLE_MAX = 160;

/** One masked form's tokens and, per position, its original text while every member agrees (null once not). */
export interface FormValues {
  masked: string[];
  values: (string | null)[];
  /** The first member's original tokens, kept to name a varying position. */
  first: string[];
}

export function startValues(masked: string[], raws: string[]): FormValues {
  return { masked, values: raws.slice(), first: raws };
}

/** Records one more member of the form; positions where it differs stop being constant. */
export function observeValues(form: FormValues, raws: string[]): void {
  const { values } = form;
  const n = Math.min(values.length, raws.length);
  for (let i = 0; i < n; i++) if (values[i] !== null && values[i] !== raws[i]) values[i] = null;
}

/** Positions whose value holds a long number stop being constant (another member had another). */
export function forgetLongNumbers(form: FormValues): void {
  const { values } = form;
  for (let i = 0; i < values.length; i++) if (values[i] !== null && /\d{4,}/.test(values[i]!)) values[i] = null;
}

/** A short name for a varying value, from one example of it. */
export function placeholderFor(raw: string): string {
  const core = raw.replace(/^[("'`[{<]+|[)"'`\]}>,;:.!?]+$/g, '');
  // Quoted or bracketed data (its spaces joined): the data itself, quotes and all.
  if (core.includes('\u00a0')) return '{value}';
  const eq = core.indexOf('=');
  if (eq > 0 && /^[A-Za-z_][\w.-]*$/.test(core.slice(0, eq))) {
    const lead = /^[("'`[{<]+/.exec(raw)?.[0] ?? '';
    return `${lead}${core.slice(0, eq + 1)}{value}`;
  }
  let name = 'value';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(core)) name = 'url';
  else if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(core)) name = 'email';
  else if (/^\/[^/]/.test(core) || /^[A-Za-z]:\\/.test(core)) name = 'path';
  else if (/^\d{1,3}(\.\d{1,3}){3}(:\d+)?$/.test(core) || /^[0-9a-f:]+:[0-9a-f:]+$/i.test(core)) name = 'ip';
  else if (/^\d{4}-\d\d-\d\d|^\d\d:\d\d(:\d\d)?/.test(core)) name = 'time';
  else if (/^-?\d+(\.\d+)?\s?(ns|us|µs|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|days?)$/i.test(core))
    name = 'duration';
  else if (/^-?\d+(\.\d+)?\s?(b|kb|mb|gb|tb|kib|mib|gib|tib|bytes?|%)$/i.test(core)) name = 'size';
  else if (/^[-+]?\d+(\.\d+)?$/.test(core) || /^[-+]?\d[\d,]*$/.test(core)) name = 'n';
  else if (/\d/.test(core) || core.length >= 12) name = 'id';
  const open = /^[("'`[{<]+/.exec(raw)?.[0] ?? '';
  let close = /[)"'`\]}>,;:.!?]+$/.exec(raw)?.[0] ?? '';
  // `name(uid)`: a closer whose opener is inside the value is part of the value.
  const inner = raw.slice(open.length, raw.length - close.length);
  for (const [o, c] of ['()', '[]', '{}'] as const) if (inner.includes(o)) close = close.replace(c, '');
  return `${open}{${name}}${close}`;
}

/**
 * Renders a template (masked tokens) from the forms of its members. Positions without a
 * variable are shown as they are; a variable position shows the common original when every
 * member form agrees on it, else a placeholder. Forms of another length (a merged template)
 * only contribute placeholders.
 */
export function renderTemplateTitle(template: readonly string[], forms: readonly FormValues[]): string {
  const aligned = forms.filter((f) => f.masked.length === template.length);
  const words: string[] = [];
  for (let p = 0; p < template.length; p++) {
    const token = template[p]!;
    if (token.indexOf(VARIABLE) < 0) {
      words.push(token);
      continue;
    }
    const common = commonValue(aligned, p);
    const word = common ?? placeholderFor(aligned[0]?.first[p] ?? token.replace(VARIABLE, 'x'));
    // Runs of the same placeholder (`{id} {id}`) say nothing more than one.
    if (common !== null || words[words.length - 1] !== word) words.push(word);
  }
  return cutAtWord(words.join(' '), TITLE_MAX);
}

function commonValue(forms: readonly FormValues[], position: number): string | null {
  if (forms.length === 0) return null;
  const value = forms[0]!.values[position] ?? null;
  if (value === null) return null;
  for (const f of forms) if (f.values[position] !== value || f.masked[position]!.indexOf(VARIABLE) < 0) return null;
  return value;
}

/** Cuts at the last word boundary that fits, with `…`. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
