/**
 * Reads rendered markdown the way GitHub does, far enough to tell what of it is prose (where
 * GitHub links `@login`, `#123` and commit SHAs, and renders HTML) and what is code (where it
 * renders nothing), and reports every place where log text would come alive. Used by the
 * end-to-end tests of issue 6 on everything the action writes.
 */

/** C0/C1 controls except tab and newline, ESC, bidi embeddings/overrides/isolates. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export interface SplitMarkdown {
  prose: string[];
  code: string[];
  /** Fences opened and never closed (the rest of the document became code). */
  unclosedFences: number;
  /** Fence lines seen (open + close). */
  fenceLines: number;
}

/** CommonMark fences: ≥3 backticks or tildes, closed by a line of the same character at least as long. */
export function splitMarkdown(markdown: string): SplitMarkdown {
  const prose: string[] = [];
  const code: string[] = [];
  let open: { char: string; length: number } | null = null;
  let fenceLines = 0;
  for (const line of markdown.split('\n')) {
    if (open) {
      const close = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
      if (close && close[1][0] === open.char && close[1].length >= open.length) {
        open = null;
        fenceLines += 1;
      } else {
        code.push(line);
      }
      continue;
    }
    const start = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (start && !(start[1][0] === '`' && start[2].includes('`'))) {
      open = { char: start[1][0], length: start[1].length };
      fenceLines += 1;
      continue;
    }
    prose.push(line);
  }
  return { prose, code, unclosedFences: open ? 1 : 0, fenceLines };
}

/** Removes inline code spans (a run of n backticks closed by the next run of exactly n). */
export function stripInlineCode(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== '`') {
      out += c;
      i += 1;
      continue;
    }
    let n = 0;
    while (line[i + n] === '`') n += 1;
    let j = i + n;
    let closed = -1;
    while (j < line.length) {
      if (line[j] !== '`') {
        j += 1;
        continue;
      }
      let m = 0;
      while (line[j + m] === '`') m += 1;
      if (m === n) {
        closed = j;
        break;
      }
      j += m;
    }
    if (closed < 0) {
      out += line.slice(i, i + n);
      i += n;
    } else {
      out += ' ';
      i = closed + n;
    }
  }
  return out;
}

/** The action's own markup: its footer, its hidden marker (last line only), links to its issues. */
const OWN_MARKUP = [
  /<\/?sub>/g,
  /<\/?details>/g,
  /<\/?summary>/g,
  /\[#\d+\]\(https:\/\/github\.com\/acme\/shop\/issues\/\d+\)/g,
  /https:\/\/github\.com\/acme\/shop\/issues\/\d+(?:#issuecomment-\d+)?/g,
];

export interface AuditOptions {
  /** Issue bodies end with the action's marker, the only `<!--` allowed. */
  markerLastLine?: boolean;
}

/** Every way `markdown` would render log text as a mention, reference, HTML, or worse. */
export function auditMarkdown(markdown: string, options: AuditOptions = {}): string[] {
  const problems: string[] = [];
  let text = markdown;
  if (options.markerLastLine) {
    const lines = text.trimEnd().split('\n');
    const last = lines.pop() ?? '';
    if (!/^<!-- log-gardener:v1 \{.*\} -->$/.test(last)) problems.push(`last line is not the marker: ${last}`);
    text = lines.join('\n');
  }
  if (text.includes('<!--')) problems.push(`'<!--' outside the action's marker: …${around(text, '<!--')}…`);
  if (CONTROL.test(text)) problems.push(`control character: …${JSON.stringify(around(text, CONTROL))}…`);
  if (!text.isWellFormed()) problems.push('lone surrogate');
  const split = splitMarkdown(text);
  if (split.unclosedFences > 0) problems.push(`a code fence is never closed (${split.fenceLines} fence lines)`);
  let prose = split.prose.map(stripInlineCode).join('\n');
  for (const own of OWN_MARKUP) prose = prose.replace(own, ' ');
  const checks: [string, RegExp][] = [
    ['mention', /@[A-Za-z0-9]/],
    ['#123 reference', /(?<![&\w])#\d/],
    ['GH-123 reference', /\bGH-\d/i],
    ['owner/repo#1 reference', /[\w.-]+\/[\w.-]+#\d/],
    ['commit SHA', /d1e2a3d4b5e6e7f8c9a0f1e2b3a4d5e6f7a8b9c0|d1e2a3d/],
    ['HTML tag', /<[A-Za-z/!?]/],
    ['HTML entity from a log', /&lt;b&gt;/],
    ['heading injected from a log', /^#{1,6} injected heading/m],
  ];
  for (const [what, pattern] of checks) {
    if (pattern.test(prose)) problems.push(`${what} in prose: …${around(prose, pattern)}…`);
  }
  return problems;
}

/** Plain text (issue titles): GitHub links references in titles too, and shows controls. */
export function auditTitle(title: string): string[] {
  const problems: string[] = [];
  if (/@[A-Za-z0-9]/.test(title)) problems.push(`mention in title: ${title}`);
  if (/(?<!\w)#\d|\bGH-\d/i.test(title)) problems.push(`reference in title: ${title}`);
  if (title.includes('<!--')) problems.push(`'<!--' in title: ${title}`);
  if (CONTROL.test(title) || /\n/.test(title)) problems.push(`control character in title: ${JSON.stringify(title)}`);
  if ([...title].length > 256) problems.push(`title longer than 256: ${title.length}`);
  return problems;
}

function around(text: string, needle: string | RegExp): string {
  const at = typeof needle === 'string' ? text.indexOf(needle) : text.search(needle);
  return text.slice(Math.max(0, at - 60), at + 60);
}
