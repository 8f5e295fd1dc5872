import { coversTemplate, collapseVariables } from '../src/core/cluster/miner/miner-merge.js';
import { TemplateMiner } from '../src/core/cluster/miner/template-miner.js';

function mine(messages: string[]): string[] {
  const miner = new TemplateMiner();
  const ids = messages.map((m) => miner.add(m));
  const result = miner.finish();
  return ids.map((id) => result[id]!.template);
}

describe('TemplateMiner', () => {
  it.each([
    [
      'variable word among many values',
      [
        'Invalid user admin from 1.2.3.4',
        'Invalid user oracle from 1.2.3.5',
        'Invalid user test from 1.2.3.6',
        'Invalid user pi from 1.2.3.7',
        'Invalid user ftp from 1.2.3.8',
        'Invalid user git from 1.2.3.9',
        'Invalid user www from 1.2.3.1',
      ],
      'Invalid user <*> from <*>',
    ],
    [
      'size with and without a readable copy',
      ['close, 0 bytes sent, lifetime 00:01', 'close, 1190 bytes (1.16 KB) sent, lifetime 00:02'],
      'close, <*> sent, lifetime <*>',
    ],
  ])('%s', (_name, messages, template) => {
    expect(new Set(mine(messages))).toEqual(new Set([template]));
  });

  it('keeps few-valued words that name different events apart', () => {
    const templates = mine([
      'VM Started (Lifecycle Event)',
      'VM Paused (Lifecycle Event)',
      'VM Started (Lifecycle Event)',
    ]);
    expect(templates[0]).toBe('VM Started (Lifecycle Event)');
    expect(templates[1]).toBe('VM Paused (Lifecycle Event)');
  });

  it('counts repeats through the exact-message cache without changing the result', () => {
    const miner = new TemplateMiner();
    const a = miner.add('job 1 done');
    const b = miner.add('job 1 done');
    const c = miner.add('job 2 done');
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(miner.size).toBe(1);
  });
});

describe('coversTemplate', () => {
  it.each([
    ['single word under a variable', 'for <*> failed', 'for host.example.com <*> failed', true],
    ['two words are not a variable', 'for <*> from', 'for invalid user <*> from', false],
    ['constants must match', 'a <*> b', 'a x c', false],
  ])('%s', (_name, general, specific, expected) => {
    expect(coversTemplate(general.split(' '), specific.split(' '))).toBe(expected);
  });

  it('collapses runs of variables', () => {
    expect(collapseVariables(['a', '<*>', '<*>', 'b', '<*>'])).toEqual(['a', '<*>', 'b', '<*>']);
  });
});
