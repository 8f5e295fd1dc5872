// Issue 11 item 3: App Engine request logs (protoPayload RequestLog), load balancer request logs
// and Cloud Run request logs are requests: method, route, status and latency are read, and an App
// Engine 5xx with a traceback in line[] is one problem that carries both. Entries from
// test/fixtures/real/ (constructed-gae-request-logs.json: real traces in a documented-field envelope).
import { describe, expect, it } from '@jest/globals';
import { ClusterAggregator } from '../src/core/cluster/aggregate.js';
import { createClusterer } from '../src/core/cluster/cluster.js';
import type { Cluster } from '../src/core/model/cluster-types.js';
import type { LogRecord } from '../src/core/model/log-record.js';
import { corpusEntry as realEntry, recordOf, type RawEntry } from '../test/real-corpus.js';

type Expected = Partial<Pick<LogRecord, 'severity' | 'service' | 'message' | 'http' | 'logName'>> & {
  hasStack: boolean;
};

describe('request logs, read as requests', () => {
  it.each<[string, string, string, Expected]>([
    [
      'App Engine 500 with a Python traceback in line[]: the request and the traceback',
      'constructed-gae-request-logs.json',
      'wrapgae0000',
      {
        severity: 'ERROR',
        service: 'default',
        message: "Exception: ('spam', 'eggs')",
        http: {
          method: 'GET',
          url: '/api/orders/123?expand=items',
          path: '/api/orders/123',
          status: 500,
          latencyMs: 412,
          userAgent: 'Mozilla/5.0',
        },
        hasStack: true,
      },
    ],
    [
      'App Engine 500 with a Go panic in line[]',
      'constructed-gae-request-logs.json',
      'wrapgae0006',
      {
        service: 'stock',
        message: 'panic: runtime error: index out of range',
        http: {
          method: 'GET',
          url: '/api/stock',
          path: '/api/stock',
          status: 500,
          latencyMs: 200,
          userAgent: 'Mozilla/5.0',
        },
        hasStack: true,
      },
    ],
    [
      'App Engine 502 without a trace: the most severe line is the message, latency 60 s',
      'constructed-gae-request-logs.json',
      'wrapgae0003',
      {
        severity: 'CRITICAL',
        service: 'worker',
        http: {
          method: 'POST',
          url: '/tasks/sync',
          path: '/tasks/sync',
          status: 502,
          latencyMs: 60001,
          userAgent: 'Mozilla/5.0',
        },
        hasStack: false,
      },
    ],
    [
      'App Engine 404 without lines: method, path and status',
      'constructed-gae-request-logs.json',
      'wrapgae0004',
      {
        message: 'GET /favicon.ico 404',
        http: {
          method: 'GET',
          url: '/favicon.ico',
          path: '/favicon.ico',
          status: 404,
          latencyMs: 3,
          userAgent: 'Mozilla/5.0',
        },
        hasStack: false,
      },
    ],
    [
      'App Engine 200 with an INFO line',
      'constructed-gae-request-logs.json',
      'wrapgae0002',
      { severity: 'INFO', message: 'rendering index', hasStack: false },
    ],
    [
      'load balancer: Cloud Armor denial, the policy named',
      'http-load-balancer.json',
      '83gmkdftgh8t5',
      {
        service: 'bakcend-test-2',
        message: 'GET / 403 denied_by_security_policy (security policy test-armor-policy)',
        http: {
          method: 'GET',
          url: 'http://136.110.215.198/',
          path: '/',
          status: 403,
          latencyMs: 102.951,
          userAgent:
            'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
        },
        hasStack: false,
      },
    ],
    [
      'load balancer: Identity-Aware Proxy',
      'http-load-balancer.json',
      'u94qwjf25yzns',
      {
        service: 'web-backend-service',
        message: 'GET / 403 handled_by_identity_aware_proxy',
        logName: 'requests',
        hasStack: false,
      },
    ],
    [
      'load balancer: no payload fields rendered as the message',
      'http-load-balancer.json',
      'h91ql8g1lpdqh2',
      { service: 'gcp-fixture-alb-backend-service', message: 'GET / 200 response_sent_by_backend', hasStack: false },
    ],
    [
      'Cloud Run request log (no payload), as before',
      'cloud-run.json',
      '663760330006df7c63521728',
      {
        severity: 'ERROR',
        service: 'otelcol',
        message: 'GET / 503',
        logName: 'run.googleapis.com/requests',
        hasStack: false,
      },
    ],
  ])('%s (%s %s)', (_name, file, id, { hasStack, ...expected }) => {
    const record = recordOf(realEntry(file, id));
    expect(record).toMatchObject(expected);
    expect(record.stack !== '').toBe(hasStack);
  });
});

describe('App Engine line[]', () => {
  it('the most severe line is the problem, not the first', () => {
    const raw = realEntry('constructed-gae-request-logs.json', 'wrapgae0000');
    const payload = raw.protoPayload as { line: unknown[] };
    payload.line = [{ severity: 'INFO', logMessage: 'loading order 123' }, ...payload.line];
    expect(recordOf(raw)).toMatchObject({ message: "Exception: ('spam', 'eggs')", http: { status: 500 } });
  });
});

function clusters(raws: RawEntry[]): Cluster[] {
  const clusterer = createClusterer();
  const aggregator = new ClusterAggregator();
  for (const raw of raws) {
    const record = recordOf(raw);
    aggregator.add(clusterer.add(record), record);
  }
  return aggregator.build(clusterer.finish(), raws.length, 1);
}

describe('request problems', () => {
  it('two App Engine 500s with one traceback on two routes are one exception problem with their status', () => {
    const found = clusters([
      realEntry('constructed-gae-request-logs.json', 'wrapgae0000'),
      realEntry('constructed-gae-request-logs.json', 'wrapgae0001'),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'exception', count: 2, services: ['default'], statuses: [500] });
    expect(found[0]!.title).toContain('spam');
  });

  it('an App Engine 502 without a trace is a server-error request problem of its module', () => {
    const [problem] = clusters([realEntry('constructed-gae-request-logs.json', 'wrapgae0003')]);
    expect(problem).toMatchObject({ kind: 'request', status: 502, services: ['worker'], statuses: [502] });
    expect(problem!.title).toContain('502');
  });

  it('an App Engine 404 is a request problem on its route', () => {
    const [problem] = clusters([realEntry('constructed-gae-request-logs.json', 'wrapgae0004')]);
    expect(problem).toMatchObject({ kind: 'request', route: '/favicon.ico', status: 404 });
    expect(problem!.title).not.toContain('<*>');
  });

  it('a load balancer 403 is a request problem of its backend service', () => {
    const [problem] = clusters([realEntry('http-load-balancer.json', 'abc123xyz')]);
    expect(problem).toMatchObject({ kind: 'request', route: '/api/upload', status: 403, services: ['web-backend'] });
  });
});
