import { FINGERPRINT_VERSION, hashFnv1a64, makeFingerprint } from '../src/core/cluster/fingerprint.js';

describe('hashFnv1a64', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('%j → %s (FNV-1a 64 reference values)', (input, expected) => {
    expect(hashFnv1a64(input)).toBe(expected);
  });
});

describe('makeFingerprint', () => {
  it('is versioned and names the strategy', () => {
    expect(makeFingerprint('msg', 'x')).toMatch(new RegExp(`^${FINGERPRINT_VERSION}:msg:[0-9a-f]{16}$`));
  });
});
