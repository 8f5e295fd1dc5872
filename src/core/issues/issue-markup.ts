import { breakReferences, codeBlock, stripControl } from '../markdown/safe-markdown.js';
import { formatCount } from '../markdown/format.js';

/**
 * Markup only issue text needs: fences and titles that cannot forge a marker, excerpts that point
 * to the worklog, links that are dropped rather than shown bare. Counts, shares, times and
 * durations come from the one format module (markdown/format.ts).
 */

/**
 * A code block for log-derived text that also cannot forge an issue marker: an HTML comment
 * opener inside a fence is shown literally by GitHub but would still be text a careless
 * parser could pick up, so a WORD JOINER goes between `<!-` and `-`.
 */
export function fencedLog(text: string, language = ''): string {
  return codeBlock(neutraliseComments(text), language);
}

export function neutraliseComments(text: string): string {
  return text.replace(/<!--/g, '<!-\u2060-');
}

/** Plain text for a title (titles are not markdown): one line, no controls, no live references. */
export function plainLine(text: string, maxLength: number): string {
  let s = neutraliseComments(stripControl(text)).replace(/\s+/g, ' ').trim();
  s = breakReferences(s);
  return [...s].length > maxLength ? `${[...s].slice(0, maxLength - 1).join('')}…` : s;
}

/** Cuts text to at most `max` characters on a line boundary when one is near, marking the cut. */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const newline = cut.lastIndexOf('\n');
  const kept = newline > max * 0.6 ? cut.slice(0, newline) : cut;
  return `${kept}\n… (${formatCount(text.length - kept.length)} more characters in the worklog)`;
}

/** A markdown link only for http(s) URLs, with the characters that end a link target encoded. */
export function safeLink(label: string, url: string): string {
  if (!/^https?:\/\//i.test(url)) return '';
  const target = url.replace(/[\s()<>]/g, (c) => encodeURIComponent(c));
  return `[${label}](${target})`;
}
