import type { Cluster } from '../src/core/model/cluster-types.js';
import type { LogRecord } from '../src/core/model/log-record.js';
import { rankClusters } from '../src/core/prioritize/prioritize.js';
import { defaultRulesConfig, parseRulesConfig } from '../src/core/prioritize/rules-config.js';

function sample(message: string, extra: Partial<LogRecord> = {}): LogRecord {
  return {
    insertId: 'i1',
    timestamp: 0,
    severity: 'ERROR',
    severityInferred: false,
    resourceType: 'cloud_run_revision',
    service: 'orders-api',
    revision: 'orders-api-00042-xab',
    instance: 'x',
    logName: 'run.googleapis.com/stderr',
    message,
    stack: '',
    errorType: '',
    sourceLocation: '',
    ...extra,
  };
}

function cluster(fingerprint: string, over: Partial<Cluster> & { message?: string }): Cluster {
  const { message = over.template ?? fingerprint, ...rest } = over;
  return {
    fingerprint,
    kind: 'message',
    template: message,
    title: message,
    grouping: 'test',
    count: 10,
    estimated: false,
    share: 0,
    severity: 'ERROR',
    severityCounts: {},
    services: ['orders-api'],
    revisions: [],
    routes: [],
    instances: 1,
    firstSeen: 0,
    lastSeen: 0,
    perMinute: new Map(),
    samples: [sample(message)],
    insertIds: [],
    codeLocations: [],
    statuses: [],
    ...rest,
  };
}

const context = { totalAnalysed: 100_000, knownFingerprints: new Set<string>() };

describe('rankClusters with the default rules', () => {
  it.each<[string, Cluster, string, string]>([
    [
      'Python ImportError at startup',
      cluster('imp', {
        kind: 'exception',
        message: "ImportError: cannot import name 'OrderStatus' from 'orders.models'",
      }),
      'P0',
      'startup-failure',
    ],
    [
      'ModuleNotFoundError',
      cluster('mod', { kind: 'exception', message: "ModuleNotFoundError: No module named 'redis'" }),
      'P0',
      'startup-failure',
    ],
    [
      'Java ClassNotFoundException',
      cluster('cnf', { kind: 'exception', message: 'java.lang.ClassNotFoundException: com.example.Main' }),
      'P0',
      'startup-failure',
    ],
    [
      'Cloud Run port failure',
      cluster('port', {
        message:
          'The user-provided container failed to start and listen on the port defined provided by the PORT=8080 environment variable.',
      }),
      'P0',
      'startup-failure',
    ],
    [
      'repeated container exits',
      cluster('exit', { message: 'Container called exit(1).', severity: 'WARNING', count: 40 }),
      // A symptom: the startup error that makes the containers exit is the P0.
      'P1',
      'crash-loop',
    ],
    [
      'a single container exit',
      cluster('exit1', { message: 'Container called exit(1).', severity: 'WARNING', count: 1 }),
      'P2',
      'instance-start-failure',
    ],
    [
      'postgres dial timeout',
      cluster('db', {
        message:
          'database ping failed: failed to connect to `host=10.41.0.3 user=auth database=auth`: dial error (timeout: dial tcp 10.41.0.3:5432: i/o timeout)',
      }),
      'P0',
      'dependency-down',
    ],
    [
      'redis connection refused',
      cluster('redis', { message: 'Error: connect ECONNREFUSED 10.0.0.7:6379' }),
      'P0',
      'dependency-down',
    ],
    [
      'CRITICAL severity',
      cluster('crit', { message: 'payment ledger out of balance', severity: 'CRITICAL' }),
      'P0',
      'critical-severity',
    ],
    [
      'user-facing 502',
      cluster('r502', { kind: 'request', message: 'GET /orders/{id} 502', statuses: [502], status: 502 }),
      'P1',
      'request-5xx',
    ],
    [
      '504 with the maximum request timeout text',
      cluster('r504', { kind: 'request', message: 'POST /v1/sessions/{id}/refresh 504', statuses: [504] }),
      'P1',
      'request-5xx',
    ],
    [
      'unhandled exception',
      cluster('exc', { kind: 'exception', message: "TypeError: Cannot read properties of undefined (reading 'id')" }),
      'P1',
      'unhandled-exception',
    ],
    [
      'STARTUP probe failure',
      cluster('probe', {
        message: 'Default STARTUP TCP probe failed 1 time consecutively for container "app" on port 8080.',
      }),
      'P2',
      'instance-start-failure',
    ],
    [
      'memory limit',
      cluster('mem', { message: 'Memory limit of 512 MiB exceeded with 530 MiB used.' }),
      'P1',
      'out-of-memory',
    ],
    [
      'a Java heap OutOfMemoryError',
      cluster('oom', { kind: 'exception', message: 'OutOfMemoryError: Java heap space', count: 3 }),
      'P1',
      'out-of-memory',
    ],
    [
      'a disabled KMS key (must page on its own)',
      cluster('kms', {
        kind: 'exception',
        message:
          'FailedPrecondition: 400 projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1 is not enabled, current state is: DISABLED.',
        count: 1,
      }),
      'P0',
      'secret-or-key-unavailable',
    ],
    [
      'a single pool-timeout line is not yet an outage',
      cluster('pool1', { message: 'redis: connection pool timeout', count: 1 }),
      'P2',
      'dependency-error-brief',
    ],
    [
      'three lone dependency errors across an hour are sporadic',
      cluster('pool3', {
        message: 'dial tcp 10.0.0.5:6379: connect: connection refused (redis)',
        count: 3,
        firstSeen: 0,
        lastSeen: 50 * 60_000,
      }),
      'P2',
      'dependency-error-brief',
    ],
    [
      'dependency errors over three minutes persist',
      cluster('pool4', {
        message: 'dial tcp 10.0.0.5:6379: connect: connection refused (redis)',
        count: 4,
        firstSeen: 0,
        lastSeen: 3 * 60_000,
      }),
      'P0',
      'dependency-down',
    ],
    [
      'a single 502 is not an outage',
      cluster('one502', { kind: 'request', message: 'HTTP 502 Bad Gateway on requests', statuses: [502], count: 1 }),
      'P2',
      'request-5xx-brief',
    ],
    [
      "429 'no available instance'",
      cluster('429', { kind: 'request', message: 'POST /api/orders → 429', statuses: [429], count: 30 }),
      'P2',
      'request-429',
    ],
    [
      'a lone exception',
      cluster('ex1', { kind: 'exception', message: "KeyError: 'customer_id'", count: 2 }),
      'P2',
      'exception-brief',
    ],
    ['upstream request timeout', cluster('up', { message: 'upstream request timeout' }), 'P2', 'timeout'],
    ['plain error log', cluster('err', { message: 'could not render invoice {id}' }), 'P2', 'error-log'],
    [
      'deprecated env var',
      cluster('dep', {
        message: 'Environment variable ORDERS_DB_URL is deprecated; use DATABASE_URL',
        severity: 'WARNING',
      }),
      'P3',
      'config-hygiene',
    ],
    ['plain warning', cluster('warn', { message: 'slow handler {n}ms', severity: 'WARNING' }), 'P3', 'warning'],
  ])('%s → %s', (_name, input, priority, rule) => {
    const [ranked] = rankClusters([input], defaultRulesConfig(), context);
    expect(ranked).toMatchObject({ priority, rule, ignored: false });
    expect(ranked!.reasons[0]).toContain(`(rule ${rule})`);
    expect(ranked!.recommendedActions.length + ranked!.likelyCauses.length).toBeGreaterThan(0);
  });

  it.each<[string, Cluster, string]>([
    [
      'health-check 404',
      cluster('hc', { kind: 'request', message: 'GET /healthz 404', statuses: [404], severity: 'WARNING' }),
      'noise-health-check',
    ],
    [
      'successful requests',
      cluster('ok', { kind: 'request', message: 'GET /products/{id} 200', statuses: [200], severity: 'INFO' }),
      'noise-successful-requests',
    ],
    ['INFO messages', cluster('info', { message: 'order {id} created', severity: 'INFO' }), 'informational'],
    [
      'successful audited calls',
      cluster('audit', {
        message: 'google.cloud.run.v1.Services.ReplaceService namespaces/p/services/api',
        severity: 'NOTICE',
        samples: [
          sample('google.cloud.run.v1.Services.ReplaceService namespaces/p/services/api', {
            severity: 'NOTICE',
            logName: 'cloudaudit.googleapis.com/activity',
          }),
        ],
      }),
      'noise-audit-success',
    ],
  ])('ignores %s', (_name, input, rule) => {
    const [ranked] = rankClusters([input], defaultRulesConfig(), context);
    expect(ranked).toMatchObject({ ignored: true, rule });
  });

  it.each<[string, Partial<Cluster>, { totalAnalysed: number; known: string[] }, string, RegExp]>([
    [
      'volume by share',
      { count: 200 },
      { totalAnalysed: 1000, known: [] },
      'P1',
      /raised P2 → P1: high volume: 200 entries, 20\.0%/,
    ],
    ['volume by count', { count: 1500 }, { totalAnalysed: 50_000, known: [] }, 'P1', /high volume: 1500 entries/],
    [
      'spread across services',
      { services: ['a', 'b', 'c'] },
      { totalAnalysed: 100_000, known: [] },
      'P1',
      /spread: 3 services/,
    ],
    [
      'spread across routes',
      { routes: ['/a', '/b', '/c', '/d', '/e'] },
      { totalAnalysed: 100_000, known: [] },
      'P1',
      /spread: 5 routes/,
    ],
    ['newness', {}, { totalAnalysed: 100_000, known: ['other'] }, 'P1', /new: not seen in earlier runs/],
  ])('raises by %s', (_name, over, ctx, priority, reason) => {
    const input = cluster('fp', { message: 'could not render invoice', ...over });
    const [ranked] = rankClusters([input], defaultRulesConfig(), {
      totalAnalysed: ctx.totalAnalysed,
      knownFingerprints: new Set(ctx.known),
    });
    expect(ranked!.priority).toBe(priority);
    expect(ranked!.reasons.join('\n')).toMatch(reason);
  });

  it.each([
    ['started in the window, base at the floor', { firstSeen: 20 * 60_000 }, 'P2', 'P1'],
    ['already under way when the window began', { firstSeen: 60_000 }, 'P2', 'P2'],
    ['base below min-issue-priority: never remembered, never new', { firstSeen: 20 * 60_000 }, 'P1', 'P2'],
  ])('newness only when it can be known: %s', (_name, over, floor, priority) => {
    const input = cluster('fp', { message: 'could not render invoice', ...over });
    const [ranked] = rankClusters([input], defaultRulesConfig(), {
      totalAnalysed: 100_000,
      knownFingerprints: new Set(['other']),
      windowStart: 0,
      historyFloor: floor as 'P1' | 'P2',
    });
    expect(ranked!.priority).toBe(priority);
  });

  it('does not raise by count alone in a huge window (1,500 of a million entries)', () => {
    const input = cluster('fp', { message: 'could not render invoice', count: 1500 });
    const [ranked] = rankClusters([input], defaultRulesConfig(), {
      totalAnalysed: 1_000_000,
      knownFingerprints: new Set(),
    });
    expect(ranked!.priority).toBe('P2');
  });

  it('raises one level in total however many modifiers apply, never above P0', () => {
    const all = { count: 5000, services: ['a', 'b', 'c'], routes: ['/1', '/2', '/3', '/4', '/5'] };
    const known = { totalAnalysed: 10_000, knownFingerprints: new Set(['x']) };
    const [p2] = rankClusters(
      [cluster('p2', { message: 'could not render invoice', ...all })],
      defaultRulesConfig(),
      known,
    );
    expect(p2!.priority).toBe('P1');
    expect(p2!.reasons.filter((r) => r.startsWith('raised'))).toHaveLength(3);
    const [p0] = rankClusters(
      [cluster('p0', { message: 'ImportError: x', kind: 'exception', ...all })],
      defaultRulesConfig(),
      known,
    );
    expect(p0!.priority).toBe('P0');
  });

  it('does not treat everything as new on a first run (no known fingerprints)', () => {
    const [ranked] = rankClusters(
      [cluster('fp', { message: 'could not render invoice' })],
      defaultRulesConfig(),
      context,
    );
    expect(ranked!.priority).toBe('P2');
  });

  it('does not raise configuration hygiene by volume', () => {
    const [ranked] = rankClusters(
      [cluster('dep', { message: 'X is deprecated', severity: 'WARNING', count: 5000 })],
      defaultRulesConfig(),
      context,
    );
    expect(ranked!.priority).toBe('P3');
  });

  it('sorts P0 first, rule-assigned before raised, then by count; ignored last', () => {
    const clusters = [
      cluster('warn', { message: 'slow', severity: 'WARNING', count: 900 }),
      cluster('hc', {
        kind: 'request',
        message: 'GET /healthz 404',
        statuses: [404],
        severity: 'WARNING',
        count: 5000,
      }),
      cluster('raised-p0', { kind: 'request', message: 'GET /orders/{id} 503', statuses: [503], count: 400 }),
      cluster('db', { message: 'connect ECONNREFUSED 10.0.0.1:5432 (postgres)', count: 50 }),
      cluster('imp', { kind: 'exception', message: 'ImportError: x', count: 70 }),
    ];
    const ranked = rankClusters(clusters, defaultRulesConfig(), { totalAnalysed: 1500, knownFingerprints: new Set() });
    expect(ranked.map((c) => `${c.fingerprint}:${c.priority}${c.ignored ? ':ignored' : ''}`)).toEqual([
      'imp:P0',
      'db:P0',
      // Volume raises a P1 no further: a page at night is what a rule says on its own.
      'raised-p0:P1',
      'warn:P2',
      'hc:P3:ignored',
    ]);
  });
});

describe('rankClusters with a user config', () => {
  it.each<[string, unknown, Cluster, Record<string, unknown>]>([
    [
      'a user rule comes before the defaults',
      { rules: [{ id: 'payments', match: { service: '^payments$' }, priority: 'P0', reason: 'money path' }] },
      cluster('pay', { services: ['payments'], message: 'slow', severity: 'WARNING' }),
      { priority: 'P0', rule: 'payments' },
    ],
    [
      'a user rule with a default id replaces it',
      { rules: [{ id: 'memory-limit', match: { message: 'Memory limit' }, priority: 'P1' }] },
      cluster('mem', { message: 'Memory limit of 512 MiB exceeded' }),
      { priority: 'P1', rule: 'memory-limit' },
    ],
    [
      'a disabled default no longer matches',
      { rules: [{ id: 'crash-loop', enabled: false }] },
      cluster('exit', { message: 'Container called exit(1).', severity: 'WARNING', count: 40 }),
      { priority: 'P2', rule: 'instance-start-failure' },
    ],
    [
      'an ignore pattern',
      { ignore: ['cache miss'] },
      cluster('cache', { message: 'cache miss for key {id}' }),
      { ignored: true, rule: 'ignore[0]' },
    ],
    [
      'an ignore pattern limited to another service does not apply',
      { ignore: [{ match: 'cache miss', service: 'web-.*' }] },
      cluster('cache', { message: 'cache miss for key {id}' }),
      { ignored: false, rule: 'error-log' },
    ],
    [
      'an errorType rule sees the type prefix of the message',
      { rules: [{ id: 'key-errors', match: { errorType: '^KeyError$' }, priority: 'P3' }] },
      cluster('key', { kind: 'exception', message: "KeyError: 'sku'" }),
      { priority: 'P3', rule: 'key-errors' },
    ],
    [
      'a logName rule',
      { rules: [{ id: 'stdout-only', match: { logName: 'stdout$' }, priority: 'P3' }] },
      cluster('so', { samples: [sample('x', { logName: 'run.googleapis.com/stdout' })] }),
      { priority: 'P3', rule: 'stdout-only' },
    ],
  ])('%s', (_name, raw, input, expected) => {
    const { config, errors } = parseRulesConfig(raw, 'log-gardener.yml');
    expect(errors).toEqual([]);
    const [ranked] = rankClusters([input], config, context);
    expect(ranked).toMatchObject(expected);
  });
});

describe('volume raises only with a real floor', () => {
  it.each([
    ['four lone errors in a quiet window (25 % each)', 4, 16, 'P2'],
    ['60 errors that are 12 % of the window', 60, 500, 'P1'],
    ['1,200 errors that are 1 % of a busy window', 1200, 120_000, 'P2'],
  ])('%s', (_name, count, total, priority) => {
    const [ranked] = rankClusters(
      [cluster('e', { message: 'could not render invoice {id}', count })],
      defaultRulesConfig(),
      {
        totalAnalysed: total,
        knownFingerprints: new Set(),
      },
    );
    expect(ranked!.priority).toBe(priority);
  });
});
