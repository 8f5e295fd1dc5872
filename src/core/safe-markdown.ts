/**
 * Makes log-derived text inert in GitHub markdown (DESIGN §7): no live @mentions or #refs,
 * no raw HTML, no marker forgery with `<!--`, no fence break-outs, no control characters.
 * Every renderer sends log text through here; redaction of secrets happens before (redact.ts).
 */

const ZWJ = '\u2060'; // WORD JOINER: invisible, breaks GitHub's autolinkers.

// eslint-disable-next-line no-control-regex
const CONTROL = /\u001b\[[0-?]*[ -/]*[@-~]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Removes ANSI escapes and control characters (keeps tab and newline). */
export function stripControl(text: string): string {
  return text.replace(CONTROL, '');
}

/** Breaks @mentions, #123 / GH-123 / owner/repo#1 references so GitHub does not link or notify. */
export function breakReferences(text: string): string {
  return text
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZWJ}`)
    .replace(/#(?=\d)/g, `#${ZWJ}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWJ}`);
}

/** Escapes HTML so a log line cannot open a tag, an entity or a comment. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline text in markdown prose or a table cell: one line, inert. */
export function safeText(text: string, maxLength = 300): string {
  let s = stripControl(text).replace(/\s+/g, ' ').trim();
  if (s.length > maxLength) s = `${s.slice(0, maxLength - 1)}…`;
  s = escapeHtml(s).replace(/([\\`*_[\]|~])/g, '\\$1');
  return breakReferences(s);
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(text: string, language = ''): string {
  const body = stripControl(text);
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${breakReferences(body)}\n${fence}`;
}

/** Inline code that cannot be broken out of. */
export function inlineCode(text: string, maxLength = 200): string {
  let s = stripControl(text).replace(/\s+/g, ' ').trim();
  if (s.length > maxLength) s = `${s.slice(0, maxLength - 1)}…`;
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${breakReferences(s)}${pad}${ticks}`;
}
