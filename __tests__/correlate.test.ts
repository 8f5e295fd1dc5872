import type { RankedCluster } from '../src/core/model/cluster-types.js';
import { correlate } from '../src/core/correlate/correlate.js';
import { problemRole } from '../src/core/correlate/problem-role.js';
import { MAX_TRACES, TraceSketch } from '../src/core/cluster/cluster-evidence.js';
import { hourWindow, MINUTE, rankedCluster, sampleRecord, T0 } from '../test/fixtures/ranked-cluster.js';

const window = hourWindow(T0);

/** A problem active every minute from `from` to `to` (minutes into the hour). */
function problem(
  fingerprint: string,
  service: string,
  title: string,
  over: Partial<RankedCluster> & { from?: number; to?: number } = {},
): RankedCluster {
  const { from = 10, to = 50, ...rest } = over;
  const perMinute = new Map<number, number>();
  for (let m = from; m < to; m++) perMinute.set(T0 + m * MINUTE, 3);
  return rankedCluster({
    fingerprint,
    title,
    template: title,
    services: [service],
    revisions: [`${service}-00001-abc`],
    perMinute,
    count: 3 * (to - from),
    firstSeen: T0 + from * MINUTE + 1000,
    lastSeen: T0 + (to - 1) * MINUTE + 50_000,
    samples: [sampleRecord({ service, message: title, stack: '', errorType: '' })],
    codeLocations: [],
    frames: [],
    errorType: '',
    ...rest,
  });
}

function request(fingerprint: string, service: string, status: number, over = {}): RankedCluster {
  return problem(fingerprint, service, `HTTP ${status} on requests`, {
    kind: 'request',
    statuses: [status],
    routes: ['GET /api/orders/{id}'],
    ...over,
  });
}

const traces = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(8, '0')}`);

function shape(clusters: RankedCluster[]) {
  return correlate({ clusters, window }).map((i) => ({ root: i.root, members: [...i.members].sort() }));
}

describe('correlate', () => {
  it.each([
    ['an import error', 'startup'],
    ['Container called exit(3).', 'platform'],
    ['Auth database unreachable: connection timed out', 'dependency'],
    ['AxiosError: Request failed with status code 503', 'remote'],
    ['java.lang.OutOfMemoryError: Java heap space', 'oom'],
  ])('reads the role of %s', (title, role) => {
    const t = title === 'an import error' ? "ImportError: cannot import name 'OrderStatus'" : title;
    expect(problemRole(problem('x', 's', t, { kind: 'message' }))).toBe(role);
  });

  it('puts a service that cannot start at the root of its exits, probes, 5xx and boot messages', () => {
    const root = problem('imp', 'orders-api', "ImportError: cannot import name 'OrderStatus'", {
      from: 19,
      priority: 'P0',
    });
    const incidents = correlate({
      clusters: [
        problem('exit', 'orders-api', 'Container called exit(3).', { from: 19, kind: 'message' }),
        request('503', 'orders-api', 503, { from: 19 }),
        problem('dep', 'orders-api', 'Environment variable ORDERS_DB_URL is deprecated', {
          from: 19,
          kind: 'message',
          priority: 'P3',
        }),
        root,
      ],
      window,
    });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ root: 'imp', priority: 'P0', id: 'inc:imp', services: ['orders-api'] });
    expect(incidents[0]!.members[0]).toBe('imp');
    expect(incidents[0]!.links.map((l) => [l.from, l.to]).sort()).toEqual([
      ['imp', '503'],
      ['imp', 'dep'],
      ['imp', 'exit'],
    ]);
    expect(incidents[0]!.links.every((l) => l.evidence.includes('orders-api cannot start'))).toBe(true);
  });

  it('links a caller to its callee through shared trace ids, the callee first, never a request as root', () => {
    const shared = traces('aa', 20);
    const clusters = [
      request('web-500', 'checkout-web', 500, { traceIds: shared }),
      problem('quote', 'checkout-web', 'Error: quote failed with status 500', { kind: 'exception', traceIds: shared }),
      request('pricing-500', 'pricing-svc', 500, { traceIds: shared }),
      problem('ise', 'pricing-svc', 'IllegalStateException: No price list for currency', {
        kind: 'exception',
        traceIds: shared,
      }),
    ];
    expect(shape(clusters)).toEqual([{ root: 'ise', members: ['ise', 'pricing-500', 'quote', 'web-500'] }]);
  });

  it('keeps two root causes in two services at the same time apart: time alone never links services', () => {
    const clusters = [
      problem('redis', 'cart-api', 'connect ECONNREFUSED 10.3.0.5:6379', { kind: 'exception', from: 14 }),
      request('cart-500', 'cart-api', 500, { from: 14 }),
      problem('panic', 'inventory/inventory-worker', 'panic: config: required key TOPIC missing', { from: 15 }),
      problem('backoff', 'inventory/inventory-worker-96e30776d6-lttse', 'Back-off restarting failed container', {
        from: 15,
        kind: 'message',
      }),
    ];
    expect(shape(clusters)).toEqual([
      { root: 'redis', members: ['cart-500', 'redis'] },
      { root: 'panic', members: ['backoff', 'panic'] },
    ]);
  });

  it('gives a symptom shared by two incidents to the stronger evidence, never joining the roots', () => {
    const orders = traces('bb', 30);
    const auth = traces('cc', 5);
    const clusters = [
      problem('imp', 'orders-api', 'ImportError: cannot import name X', { from: 19 }),
      request('orders-503', 'orders-api', 503, { from: 19, traceIds: orders }),
      problem('db', 'auth-service', 'Auth database unreachable: connection timed out', { from: 25, traceIds: auth }),
      request('auth-503', 'auth-service', 503, { from: 25, traceIds: auth }),
      request('web-502', 'web-frontend', 502, { from: 19, traceIds: [...orders, ...auth] }),
    ];
    expect(shape(clusters)).toEqual([
      { root: 'imp', members: ['imp', 'orders-503', 'web-502'] },
      { root: 'db', members: ['auth-503', 'db'] },
    ]);
  });

  it('explains a caller that names its callee’s host while the callee fails', () => {
    const clusters = [
      problem('imp', 'orders-api', 'ModuleNotFoundError: No module named orders_shared', { from: 17 }),
      problem('axios', 'web-frontend', 'AxiosError: Request failed with status code 503', {
        kind: 'exception',
        from: 17,
        mentions: ['orders-api-x3kq7pd2ma-ew.a.run.app'],
      }),
      // Named, but the callee was healthy when it began: its own incident.
      problem('late', 'web-frontend', 'Error: socket hang up', {
        kind: 'exception',
        from: 55,
        to: 60,
        mentions: ['orders-api-x3kq7pd2ma-ew.a.run.app'],
      }),
    ];
    const [first] = correlate({
      clusters: clusters.map((c) => (c.fingerprint === 'imp' ? { ...c, lastSeen: T0 + 40 * MINUTE } : c)),
      window,
    });
    expect(first).toMatchObject({ root: 'imp', members: ['imp', 'axios'] });
    expect(first!.links[0]!.evidence).toContain('calls orders-api-x3kq7pd2ma-ew.a.run.app');
  });

  it('leaves ignored clusters out and a lone problem alone', () => {
    const incidents = correlate({
      clusters: [problem('a', 's', 'Slow query', { kind: 'message' }), request('n', 's', 404, { ignored: true })],
      window,
    });
    expect(incidents.map((i) => i.members)).toEqual([['a']]);
  });
});

describe('TraceSketch', () => {
  it('keeps the same ids of shared requests in both clusters, whatever the order and volume', () => {
    const big = new TraceSketch();
    const small = new TraceSketch();
    const all = Array.from({ length: 5000 }, (_, i) => (i * 2654435761).toString(16).padStart(32, '0').slice(-32));
    for (const id of all) big.add(`projects/p/traces/${id}`);
    for (const id of all.slice(0, 1000).reverse()) small.add(id);
    const kept = new Set(big.list());
    expect(kept.size).toBe(MAX_TRACES);
    expect(small.list().filter((id) => kept.has(id)).length).toBeGreaterThan(10);
  });
});
