import { MASK_RULES, maskToken, VARIABLE } from '../src/core/cluster/miner/mask.js';
import { maskText, tokenizeMasked } from '../src/core/cluster/miner/tokenize.js';

describe('maskText on real lines', () => {
  it.each([
    [
      'HDFS block',
      'PacketResponder 1 for block blk_38865049064139660 terminating',
      'PacketResponder <*> for block <*> terminating',
    ],
    ['IP and port', 'connection from 10.251.73.220:50010 refused', 'connection from <*> refused'],
    ['UUID', 'instance b9000564-fe1a-409b-b8cc-1e88b294cd1d deleted', 'instance <*> deleted'],
    ['key=value', 'session opened for user=alice uid=0', 'session opened for user=<*> uid=<*>'],
    [
      'key:value boolean',
      'updateClipping isOverlap:false, getTopPadding=333.0',
      'updateClipping isOverlap:<*> getTopPadding=<*>',
    ],
    ['e-mail', 'password reset sent to alice@example.com', 'password reset sent to <*>'],
    ['URL with id', 'GET https://api.example.com/orders/42 failed', 'GET <*> failed'],
    ['path', 'cannot open /var/lib/app/cache', 'cannot open <*>'],
    ['hex hash', 'commit deadbeefcafebabe pushed', 'commit <*> pushed'],
    ['duration with unit', 'request took 250 ms', 'request took <*>'],
    ['size with unit and copy', 'sent 1190 bytes (1.16 KB) ok', 'sent <*> <*> ok'],
    ['date words', 'at Fri Jun 17 07:07:00 2005', 'at <*> <*> <*> <*> <*>'],
    ['empty value', 'connection from 1.2.3.4 () at', 'connection from <*> <*> at'],
    ['quoted value with spaces', 'acquire tag="View Lock", name=x', 'acquire tag=<*> name=<*>'],
    ['protocol name kept', 'open through proxy SOCKS5', 'open through proxy SOCKS5'],
    ['plain words kept', 'Connection to database timed out', 'Connection to database timed out'],
  ])('%s', (_name, input, expected) => {
    expect(maskText(input)).toBe(expected);
  });

  it('cuts a 256 KiB message at the token limit', () => {
    const huge = 'word '.repeat(60000);
    const tokens = tokenizeMasked(huge);
    expect(tokens.length).toBeLessThanOrEqual(121);
    expect(tokens[tokens.length - 1]).toBe('…');
  });
});

describe('MASK_RULES', () => {
  it.each(MASK_RULES.map((r) => [r.name, r.example] as const))('rule "%s" masks its example', (_name, example) => {
    const masked = maskToken(example);
    if (example === 'SOCKS5') expect(masked).toBe('SOCKS5');
    else expect(masked).toContain(VARIABLE);
  });
});
