import { cleanText } from '../src/core/normalize/clean-text.js';
import { normalizeEntry } from '../src/core/normalize/normalize.js';

describe('cleanText', () => {
  it.each([
    ['plain text is returned as is', 'connection refused', 'connection refused'],
    ['a lone high surrogate becomes U+FFFD', 'bad \ud800 byte', 'bad \ufffd byte'],
    ['a lone low surrogate becomes U+FFFD', '\udc00x', '\ufffdx'],
    ['a valid pair (emoji) is kept', 'deploy 🚀 done', 'deploy 🚀 done'],
    ['zero-width spaces are removed', 'ghp\u200b_abc\u200cdef', 'ghp_abcdef'],
    ['word joiner and BOM are removed', '\ufeffa\u2060b', 'ab'],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('normalize cleans message, stack and request URL, so a link can always be encoded', () => {
    const record = normalizeEntry({
      timestamp: '2026-11-30T09:00:00Z',
      textPayload: 'Error: x\ud800',
      httpRequest: { requestMethod: 'GET', requestUrl: '/a\udfff', status: 500 },
    });
    expect(record).toMatchObject({ message: 'Error: x\ufffd', http: { url: '/a\ufffd' } });
    expect(() => encodeURIComponent((record as { message: string }).message)).not.toThrow();
  });
});
