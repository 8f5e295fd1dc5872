/**
 * Makes log-derived text inert in GitHub markdown (DESIGN §7): no live @mentions or #refs,
 * no commit autolinks, no raw HTML, no marker forgery with `<!--`, no fence break-outs, no
 * control characters, bidi overrides or broken surrogates. Every renderer sends log text
 * through here; secrets are redacted before (redact.ts: `redactText` / `redactRecord`).
 *
 * Prose (`safeText`) breaks everything GitHub would link. Code (`codeBlock`, `inlineCode`)
 * stays readable and copyable — GitHub neither notifies nor links inside code — except that
 * `<!--` is broken everywhere, because issue markers are found in the raw body text.
 */

/** WORD JOINER: invisible, not white space, and breaks GitHub's autolinkers. */
export const WORD_JOINER = '\u2060';

// ESC [ … final (CSI), ESC ] … BEL or ESC \ (OSC: titles, hyperlinks), ESC + one char, then
// C0/C1 controls other than tab and newline. Classes are disjoint, so this is linear.
const CONTROL =
  /\u001b\[[0-?]{0,64}[ -/]{0,16}[@-~]?|\u001b\][^\u0007\u001b]{0,4096}(?:\u0007|\u001b\\)?|\u001b[@-_]?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidi embeddings, overrides and isolates ("Trojan Source", CVE-2021-42574). */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HTML_COMMENT_OPEN = /<!--/g;

/** Removes ANSI escapes, control characters (keeps tab and newline) and bidi controls. */
export function stripControl(text: string): string {
  return text.replace(CONTROL, '').replace(BIDI, '');
}

/** Replaces unpaired UTF-16 surrogates (from invalid UTF-8 or cut strings) with U+FFFD. */
export function fixSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** `<!--` could hide text or forge the action's hidden issue marker; break it, even in code. */
export function breakHtmlComments(text: string): string {
  return text.replace(HTML_COMMENT_OPEN, `<${WORD_JOINER}!--`);
}

/**
 * Breaks @mentions (`@login`, `@org/team`), `#123`, `GH-123` and `owner/repo#1` references
 * so GitHub neither links nor notifies.
 */
export function breakReferences(text: string): string {
  return text
    .replace(/@(?=[A-Za-z0-9])/g, `@${WORD_JOINER}`)
    .replace(/#(?=\d)/g, `#${WORD_JOINER}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${WORD_JOINER}`);
}

/**
 * GitHub links a 7–40 hex-digit word to a commit of the repository. A word joiner after
 * every sixth digit leaves no hex run GitHub could resolve. Hex words without a letter are
 * numbers, which GitHub does not turn into commit links.
 */
export function breakCommitShas(text: string): string {
  return text.replace(/(?<![0-9A-Za-z_])(?=[0-9]*[a-fA-F])[0-9a-fA-F]{7,40}(?![0-9A-Za-z_])/g, (hex) =>
    hex.replace(/[0-9a-fA-F]{6}(?=[0-9a-fA-F])/g, `$&${WORD_JOINER}`),
  );
}

/** Escapes HTML so a log line cannot open a tag, an entity or a comment. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts to at most `maxLength` UTF-16 units with an ellipsis, never inside a surrogate pair. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let end = Math.max(0, maxLength - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Shared first step: well-formed, no controls, no bidi. */
function cleanText(text: string): string {
  return stripControl(fixSurrogates(text));
}

/** Inline text in markdown prose or a table cell: one line, inert. */
export function safeText(text: string, maxLength = 300): string {
  const s = truncate(cleanText(text).replace(/\s+/g, ' ').trim(), maxLength);
  // Markdown punctuation is escaped so a log cannot open emphasis, links, tables, task
  // lists or code; a leading block marker (`#`, `>`, `-`, `+`, `=`) could start a heading,
  // quote or list when the value lands at the start of a line.
  const escaped = escapeHtml(s)
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/^([#>+=-])/, '\\$1');
  return breakCommitShas(breakReferences(escaped));
}

export interface CodeBlockOptions {
  /** Longest line kept; longer lines are cut with a note of how much was dropped. */
  maxLineLength?: number;
}

function capLines(body: string, maxLineLength: number): string {
  return body
    .split('\n')
    .map((line) =>
      line.length <= maxLineLength
        ? line
        : `${truncate(line, maxLineLength)} [+${line.length - maxLineLength + 1} chars]`,
    )
    .join('\n');
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i += 1) {
    run = text.charCodeAt(i) === 96 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * A fenced code block whose fence is longer than any backtick run inside (a `~~~` line
 * cannot close a backtick fence). The info string is reduced to a plain language name.
 */
export function codeBlock(text: string, language = '', options: CodeBlockOptions = {}): string {
  const body = breakHtmlComments(capLines(cleanText(text), options.maxLineLength ?? 2000));
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  const info = language.replace(/[^A-Za-z0-9_+.-]/g, '');
  return `${fence}${info}\n${body}\n${fence}`;
}

/** Inline code that cannot be broken out of. */
export function inlineCode(text: string, maxLength = 200): string {
  const s = breakHtmlComments(truncate(cleanText(text).replace(/\s+/g, ' ').trim(), maxLength));
  const ticks = '`'.repeat(longestBacktickRun(s) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || s === '' ? ' ' : '';
  return `${ticks}${pad}${s}${pad}${ticks}`;
}
