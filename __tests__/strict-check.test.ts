import { redactText } from '../src/core/redact/redact.js';
import { codeBlock, inlineCode, safeText } from '../src/core/markdown/safe-markdown.js';
import { assertPostable, findSurvivingSecrets, SecretLeakError } from '../src/core/redact/strict-check.js';
import { fakeSecrets } from '../test/fixtures/hostile-corpus.js';

const j = (...parts: string[]): string => parts.join('');
const GHP = j('gh', 'p_', 'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78');
const AIZA = j('AI', 'za', 'SyB-1234567890abcdefghijklmnopqrs_');
const JWT = j('eyJhbGciOiJIUzI1NiJ9', '.', 'eyJzdWIiOiIxMjM0In0', '.', 'abc_def-ghi');
const kinds = (text: string): string[] => findSurvivingSecrets(text).map((found) => found.kind);

describe('findSurvivingSecrets', () => {
  it.each([
    ['a raw token', `body ${GHP}`, ['github-token']],
    ['a token escaped by safeText', safeText(`x ${GHP}`), ['github-token']],
    ['a token in a code block', codeBlock(`line\n${AIZA}`), ['google-api-key']],
    ['a token in inline code', inlineCode(JWT), ['jwt']],
    ['a token split by word joiners', j('gh\u2060', 'p_', 'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78'), ['github-token']],
    ['a token spelled with an entity', j('ghp&#95;', 'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78'), ['github-token']],
    ['a password in a table cell', safeText('password=hunter2'), ['secret-value']],
    ['two kinds, in text order', `${JWT} then ${GHP}`, ['jwt', 'github-token']],
  ])('finds %s', (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each([
    ['placeholders', safeText('password=[REDACTED:secret-value] [REDACTED:github-token]')],
    ['the hidden issue marker', '<!-- gcp-log-gardener:fingerprint=v1:0123456789abcdef -->'],
    ['e-mail addresses (personal data, redacted but not a secret)', 'owner bob@example.com'],
    ['IP addresses', 'from 203.0.113.7'],
    [
      'near-misses',
      'rev 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b, id 550e8400-e29b-41d4-a716-446655440000, v24.22.3, tokens=5',
    ],
    [
      'ordinary worklog markdown',
      '## P1 · api\n| count | 12 |\n[Logs Explorer](https://console.cloud.google.com/logs/query;query=severity%3E%3DERROR?project=p)',
    ],
  ])('finds nothing in %s', (_name, text) => {
    expect(findSurvivingSecrets(text)).toEqual([]);
  });

  it('reports the offset in the original text, not the decoded one', () => {
    expect(findSurvivingSecrets(`x\\_y ${GHP}`)).toEqual([{ kind: 'github-token', index: 5 }]);
  });

  it.each(
    fakeSecrets()
      .filter((s) => s.kind !== 'email')
      .map((s) => [s.kind, s.text] as const),
  )('flags an unredacted %s and passes it once redacted', (kind, text) => {
    expect(kinds(text)).toContain(kind);
    expect(findSurvivingSecrets(safeText(redactText(text, { ips: false }), 10_000))).toEqual([]);
  });
});

describe('assertPostable', () => {
  it('throws SecretLeakError naming where and the kind, never the secret', () => {
    let error: unknown;
    try {
      assertPostable(safeText(`boom ${GHP}`), 'issue #12 body');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SecretLeakError);
    const leak = error as SecretLeakError;
    expect(leak.where).toBe('issue #12 body');
    expect(leak.kinds).toEqual(['github-token']);
    expect(leak.message).toMatch(/issue #12 body.*github-token/);
    expect(leak.message).not.toContain(GHP.slice(4));
  });

  it('accepts redacted text', () => {
    expect(() => assertPostable(safeText(redactText(`boom ${GHP}`, { ips: false })), 'worklog')).not.toThrow();
  });
});
