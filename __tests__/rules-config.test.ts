import { DEFAULT_RULES } from '../src/core/prioritize/default-rules.js';
import { defaultRulesConfig, parseRulesConfig, parseStatusRange } from '../src/core/prioritize/rules-config.js';

const SOURCE = '.github/log-gardener.yml';

describe('parseRulesConfig', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an empty mapping', {}],
  ])('returns the defaults for %s', (_name, raw) => {
    expect(parseRulesConfig(raw, SOURCE)).toEqual({ config: defaultRulesConfig(), errors: [] });
  });

  it('reads a full file', () => {
    const { config, errors } = parseRulesConfig(
      {
        rules: [
          {
            id: 'payments-timeout',
            match: {
              service: '^payments$',
              message: 'deadline exceeded',
              severity: 'error',
              status: '5xx',
              minCount: 2,
            },
            priority: 'P1',
            reason: 'payments time out',
            likelyCauses: 'the PSP is slow',
            recommendedActions: ['check the PSP status page'],
            escalate: false,
          },
        ],
        ignore: ['^GET /favicon', { match: 'cache miss', service: 'web-frontend' }],
        grouping: [
          { match: 'card declined', fingerprint: 'card-declined' },
          { match: 'timeout', splitBy: 'service' },
        ],
        services: { 'orders-api': { labels: ['team:orders'], assignees: ['@alice', 'bob'] } },
      },
      SOURCE,
    );
    expect(errors).toEqual([]);
    expect(config.rules[0]).toEqual({
      id: 'payments-timeout',
      match: {
        service: '^payments$',
        message: 'deadline exceeded',
        severity: 'ERROR',
        status: [500, 599],
        minCount: 2,
      },
      priority: 'P1',
      reason: 'payments time out',
      likelyCauses: ['the PSP is slow'],
      recommendedActions: ['check the PSP status page'],
      escalate: false,
    });
    expect(config.rules.slice(1).map((r) => r.id)).toEqual(DEFAULT_RULES.map((r) => r.id));
    expect(config.ignore).toEqual([{ match: '^GET /favicon' }, { match: 'cache miss', service: 'web-frontend' }]);
    expect(config.grouping).toEqual([
      { match: 'card declined', fingerprint: 'card-declined' },
      { match: 'timeout', splitBy: 'service' },
    ]);
    expect(config.services).toEqual({ 'orders-api': { labels: ['team:orders'], assignees: ['alice', 'bob'] } });
  });

  it('replaces a default rule in place of the user rule and keeps the rest', () => {
    const { config } = parseRulesConfig(
      { rules: [{ id: 'warning', match: { severity: 'WARNING' }, priority: 'P2' }] },
      SOURCE,
    );
    expect(config.rules.filter((r) => r.id === 'warning')).toEqual([expect.objectContaining({ priority: 'P2' })]);
    expect(config.rules[0]!.id).toBe('warning');
    expect(config.rules).toHaveLength(DEFAULT_RULES.length);
  });

  it.each<[string, unknown, RegExp]>([
    ['a non-mapping top level', ['x'], /^\.github\/log-gardener\.yml: \(top level\): expected a mapping/],
    ['an unknown top-level key', { rule: [] }, /: rule: unknown key; use one of rules, ignore, grouping, services/],
    ['rules not a list', { rules: { id: 'x' } }, /: rules: expected a list/],
    [
      'a bad priority',
      { rules: [{ id: 'a', match: { kind: 'request' }, priority: 'P5' }] },
      /rules\[0\]\.priority: 'P5' is not one of P0, P1, P2, P3/,
    ],
    ['a missing id', { rules: [{ match: { kind: 'request' }, priority: 'P1' }] }, /rules\[0\]\.id: required/],
    [
      'a missing match',
      { rules: [{ id: 'a', priority: 'P1' }] },
      /rules\[0\]\.match: required: a mapping with at least one of/,
    ],
    [
      'an unknown condition',
      { rules: [{ id: 'a', match: { text: 'x' }, priority: 'P1' }] },
      /rules\[0\]\.match\.text: unknown condition; use one of message/,
    ],
    [
      'a bad regex',
      { rules: [{ id: 'a', match: { message: '(unclosed' }, priority: 'P1' }] },
      /rules\[0\]\.match\.message: invalid regular expression '\(unclosed'/,
    ],
    [
      'a bad kind',
      { rules: [{ id: 'a', match: { kind: 'crash' }, priority: 'P1' }] },
      /rules\[0\]\.match\.kind: 'crash' is not one of exception, request, message/,
    ],
    [
      'a bad severity',
      { rules: [{ id: 'a', match: { severity: 'LOUD' }, priority: 'P1' }] },
      /match\.severity: 'LOUD' is not one of DEFAULT, DEBUG/,
    ],
    [
      'a bad status',
      { rules: [{ id: 'a', match: { status: '6xx' }, priority: 'P1' }] },
      /match\.status: '6xx' is not a status: use 503, "5xx"/,
    ],
    [
      'a bad minCount',
      { rules: [{ id: 'a', match: { minCount: 0 }, priority: 'P1' }] },
      /match\.minCount: 0 is not a whole number of at least 1/,
    ],
    [
      'an unknown rule key',
      { rules: [{ id: 'a', match: { kind: 'request' }, priority: 'P1', prio: 1 }] },
      /rules\[0\]\.prio: unknown key/,
    ],
    [
      'bad likelyCauses',
      { rules: [{ id: 'a', match: { kind: 'request' }, priority: 'P1', likelyCauses: [1] }] },
      /rules\[0\]\.likelyCauses: expected a list of texts/,
    ],
    [
      'a non-boolean escalate',
      { rules: [{ id: 'a', match: { kind: 'request' }, priority: 'P1', escalate: 'yes' }] },
      /rules\[0\]\.escalate: expected true or false/,
    ],
    [
      'duplicate ids',
      {
        rules: [
          { id: 'a', match: { kind: 'request' }, priority: 'P1' },
          { id: 'a', match: { kind: 'message' }, priority: 'P2' },
        ],
      },
      /rules\[1\]\.id: duplicate id 'a'/,
    ],
    ['a bad ignore regex', { ignore: ['[x'] }, /ignore\[0\]: invalid regular expression/],
    ['an ignore without match', { ignore: [{ service: 'x' }] }, /ignore\[0\]\.match: expected a regular expression/],
    [
      'grouping with both fingerprint and splitBy',
      { grouping: [{ match: 'x', fingerprint: 'a', splitBy: 'service' }] },
      /grouping\[0\]: give exactly one of fingerprint/,
    ],
    [
      'grouping with a bad splitBy',
      { grouping: [{ match: 'x', splitBy: 'pod' }] },
      /grouping\[0\]\.splitBy: 'pod' is not one of service, revision/,
    ],
    [
      'grouping with a bad fingerprint',
      { grouping: [{ match: 'x', fingerprint: 'has space' }] },
      /grouping\[0\]\.fingerprint: 'has space': use 1-64 letters/,
    ],
    ['services not a mapping', { services: ['orders'] }, /services: expected a mapping of service name/],
    [
      'service labels not a list',
      { services: { orders: { labels: 3 } } },
      /services\.orders\.labels: expected a list of texts/,
    ],
    [
      'an unknown service key',
      { services: { orders: { owners: ['a'] } } },
      /services\.orders\.owners: unknown key; use labels and assignees/,
    ],
  ])('reports %s with the key path and the fix', (_name, raw, pattern) => {
    const { config, errors } = parseRulesConfig(raw, SOURCE);
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
    expect(errors.every((e) => e.startsWith(`${SOURCE}: `))).toBe(true);
    // Invalid entries are dropped; the defaults still apply.
    expect(config.rules.length).toBeGreaterThanOrEqual(DEFAULT_RULES.length - 1);
  });

  it('reports every error at once', () => {
    const { errors } = parseRulesConfig(
      { rules: [{ id: 'a', match: { kind: 'x' }, priority: 'P9' }], ignore: ['('], bogus: 1 },
      SOURCE,
    );
    expect(errors).toHaveLength(4);
  });

  it('drops invalid rules and keeps valid ones', () => {
    const { config } = parseRulesConfig(
      {
        rules: [
          { id: 'bad', match: { kind: 'x' }, priority: 'P1' },
          { id: 'good', match: { kind: 'request' }, priority: 'P2' },
        ],
      },
      SOURCE,
    );
    expect(config.rules[0]!.id).toBe('good');
    expect(config.rules.some((r) => r.id === 'bad')).toBe(false);
  });

  it('every default rule regex compiles and every rule has advice or is ignore', () => {
    for (const rule of DEFAULT_RULES) {
      for (const key of ['message', 'errorType', 'service', 'logName'] as const) {
        const source = rule.match[key];
        if (source) expect(() => new RegExp(source, 'i')).not.toThrow();
      }
      if (rule.priority !== 'ignore') expect(rule.recommendedActions.length).toBeGreaterThan(0);
    }
  });
});

describe('parseStatusRange', () => {
  it.each<[unknown, [number, number] | undefined]>([
    [503, [503, 503]],
    ['503', [503, 503]],
    ['5xx', [500, 599]],
    ['4XX', [400, 499]],
    ['500-504', [500, 504]],
    [
      [500, 599],
      [500, 599],
    ],
    [[599, 500], undefined],
    ['6xx', undefined],
    [99, undefined],
    ['abc', undefined],
  ])('%p → %p', (value, expected) => {
    expect(parseStatusRange(value)).toEqual(expected);
  });
});

describe('docs/rules.md', () => {
  it('has an example that parses without errors', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const markdown = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(markdown)![1]!;
    const { config, errors } = parseRulesConfig(parse(example), 'docs/rules.md');
    expect(errors).toEqual([]);
    expect(config.rules.slice(0, 3).map((r) => r.id)).toEqual(['payments-errors', 'memory-limit', 'bot-404s']);
    expect(config.rules.some((r) => r.id === 'client-errors')).toBe(false);
    expect(config.grouping).toHaveLength(2);
    expect(config.services['orders-api']).toEqual({ labels: ['team:orders'], assignees: ['alice', 'bob'] });
  });
});

describe('grouping titles', () => {
  it.each([
    ['a title with a merge', { match: 'x', fingerprint: 'db-down', title: 'Database down' }, []],
    [
      'a title without a merge',
      { match: 'x', splitBy: 'service', title: 'T' },
      [/grouping\[0\]\.title: a non-empty text, only with fingerprint/],
    ],
    ['an empty title', { match: 'x', fingerprint: 'db-down', title: ' ' }, [/grouping\[0\]\.title/]],
  ])('%s', (_name, rule, expected) => {
    const { config, errors } = parseRulesConfig({ grouping: [rule] }, 'rules.yml');
    expect(errors).toEqual(expected.map((pattern) => expect.stringMatching(pattern)));
    if (expected.length === 0) expect(config.grouping[0]).toEqual(rule);
  });
});
