import { breakReferences, codeBlock, stripControl } from '../markdown/safe-markdown.js';
import { formatCount } from '../markdown/format.js';

/** Small formatting helpers shared by the issue title, body and comments. */

/** UTC ISO 8601 to the second: stable, sortable, unambiguous for every reader. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Counts are formatted like the worklog's, so an issue and its worklog agree.
export { formatCount };

export function formatShare(share: number): string {
  return `${(share * 100).toFixed(share < 0.001 && share > 0 ? 2 : 1)}%`;
}

/** 1209600000 → "14d"; 5400000 → "1h 30m": durations as users write them in inputs. */
export function formatDuration(ms: number): string {
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(ms));
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 && parts.length < 2) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.length ? parts.join(' ') : '0s';
}

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
