import {
  breakCommitShas,
  breakHtmlComments,
  breakReferences,
  codeBlock,
  escapeHtml,
  fixSurrogates,
  inlineCode,
  safeText,
  stripControl,
  truncate,
} from '../src/core/markdown/safe-markdown.js';
import { PLANTED_MARKUP } from '../test/fixtures/hostile-corpus.js';

const WJ = '\u2060';

describe('safeText', () => {
  it.each([
    ['@login mention', 'ping @octocat now', `ping @${WJ}octocat now`],
    ['@org/team mention', 'cc @github/security', `cc @${WJ}github/security`],
    ['#123 reference', 'fixes #123', `fixes #${WJ}123`],
    ['GH-123 reference', 'see GH-42 and gh-7', `see GH-${WJ}42 and gh-${WJ}7`],
    ['owner/repo#1 reference', 'owner/repo#1', `owner/repo#${WJ}1`],
    ['commit SHA autolink', 'rev a1b2c3d4e5f6a7b', `rev a1b2c3${WJ}d4e5f6${WJ}a7b`],
    [
      '40-hex SHA has no 7-hex run left',
      '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
      `1a2b3c${WJ}4d5e6f${WJ}7a8b9c${WJ}0d1e2f${WJ}3a4b5c${WJ}6d7e8f${WJ}9a0b`,
    ],
    ['a number is not a SHA', 'took 1234567 ms', 'took 1234567 ms'],
    ['a 6-hex word is not linked', 'color abc123', 'color abc123'],
    ['HTML tags', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['HTML entities', '&amp; &#64;', `&amp;amp; &amp;#${WJ}64;`],
    ['HTML comment / marker forgery', '<!-- gcp-log-gardener -->', '&lt;!-- gcp-log-gardener --&gt;'],
    ['markdown punctuation', '`c` *b* _i_ [l](u) a|b ~s~ \\', '\\`c\\` \\*b\\* \\_i\\_ \\[l\\](u) a\\|b \\~s\\~ \\\\'],
    ['leading heading marker', '# heading', '\\# heading'],
    ['leading list marker', '- item', '\\- item'],
    ['leading quote marker', '> quote', '&gt; quote'],
    ['ANSI colour', '\u001b[31mred\u001b[0m', 'red'],
    ['OSC title', '\u001b]0;title\u0007text', 'text'],
    ['control characters', 'a\u0000b\u0007c\u007fd', 'abcd'],
    ['bidi override', 'rtl\u202eevil\u202c \u2066x\u2069', 'rtlevil x'],
    ['newlines collapse', 'line1\nline2\r\n\tx', 'line1 line2 x'],
    ['lone surrogates', 'a\ud800b\udc00c', 'a\ufffdb\ufffdc'],
    ['workflow command stays text', '::add-mask::x', '::add-mask::x'],
  ])('%s', (_name, input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it.each([
    ['caps long lines', 'x'.repeat(400), 300, `${'x'.repeat(299)}…`],
    ['never splits a surrogate pair', '😀'.repeat(10), 4, '😀…'],
    ['keeps a pair that fits', '😀'.repeat(10), 5, '😀😀…'],
  ])('%s', (_name, input, max, expected) => {
    expect(safeText(input, max)).toBe(expected);
  });

  it('leaves none of the planted markup live', () => {
    const all = Object.values(PLANTED_MARKUP).flat();
    const out = safeText(all.join(' '), 10_000);
    expect(all.filter((markup) => out.includes(markup))).toEqual([]);
    expect(out).not.toMatch(/<[a-z!]/i);
    expect(out).not.toMatch(/(^|[^\w])@[a-z0-9]/i);
    expect(out).not.toMatch(/#\d/);
  });
});

describe('codeBlock', () => {
  it.each([
    ['plain', 'x', '', '```\nx\n```'],
    ['fence longer than any backtick run', 'a ``` b\n`````', '', '``````\na ``` b\n`````\n``````'],
    ['tilde fence cannot close a backtick fence', '~~~\nx', '', '```\n~~~\nx\n```'],
    ['<!-- is broken even in code', '<!-- marker -->', '', `\`\`\`\n<${WJ}!-- marker -->\n\`\`\``],
    [
      'mentions and refs stay readable in code',
      '@octocat #1 GH-2 a1b2c3d4e5',
      '',
      '```\n@octocat #1 GH-2 a1b2c3d4e5\n```',
    ],
    ['HTML stays literal in code', '<b>x</b> &amp;', '', '```\n<b>x</b> &amp;\n```'],
    ['control characters and ANSI removed', '\u001b[1mbold\u001b[0m\u0000', '', '```\nbold\n```'],
    ['language is reduced to a name', 'x', 'js" onload=1', '```jsonload1\nx\n```'],
  ])('%s', (_name, input, language, expected) => {
    expect(codeBlock(input, language)).toBe(expected);
  });

  it('caps very long lines and says how much was dropped', () => {
    expect(codeBlock('abcdefghijklmnop\nshort', '', { maxLineLength: 10 })).toBe(
      '```\nabcdefghi… [+7 chars]\nshort\n```',
    );
  });
});

describe('inlineCode', () => {
  it.each([
    ['plain', 'x', '`x`'],
    ['backtick inside', 'a`b', '``a`b``'],
    ['backtick at the edge', '`start', '`` `start ``'],
    ['<!-- broken', '<!--', `\`<${WJ}!--\``],
    ['mentions stay readable', '@user #1', '`@user #1`'],
    ['newlines collapse', 'a\nb', '`a b`'],
    ['empty', '', '`  `'],
  ])('%s', (_name, input, expected) => {
    expect(inlineCode(input)).toBe(expected);
  });
});

describe('building blocks', () => {
  it.each([
    ['stripControl keeps tab and newline', stripControl('a\tb\nc\u001b[2Kd'), 'a\tb\ncd'],
    ['breakReferences', breakReferences('@a #1 GH-1'), `@${WJ}a #${WJ}1 GH-${WJ}1`],
    ['breakReferences leaves e-mail-less @ and # words', breakReferences('@ # #x'), '@ # #x'],
    ['escapeHtml', escapeHtml('<a href="x">&</a>'), '&lt;a href="x"&gt;&amp;&lt;/a&gt;'],
    ['breakHtmlComments', breakHtmlComments('<!--<!--'), `<${WJ}!--<${WJ}!--`],
    ['breakCommitShas on UUID segments', breakCommitShas('550e8400-e29b'), `550e84${WJ}00-e29b`],
    ['fixSurrogates keeps valid pairs', fixSurrogates('😀\ud83d'), '😀\ufffd'],
    ['truncate short text unchanged', truncate('abc', 3), 'abc'],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });
});
