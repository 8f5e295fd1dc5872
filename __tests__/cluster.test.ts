import { createClusterer, FINGERPRINT_VERSION } from '../src/core/cluster/cluster.js';
import type { GroupingRule } from '../src/core/model/cluster-types.js';
import type { HttpInfo, LogRecord } from '../src/core/model/log-record.js';
import { logRecord as record } from '../test/fixtures/log-record.js';

function fingerprintsOf(records: LogRecord[], grouping?: GroupingRule[]): string[] {
  const c = createClusterer({ grouping });
  const keys = records.map((r) => c.add(r));
  const ids = c.finish();
  return keys.map((k) => ids.get(k)!.fingerprint);
}

const http = (method: string, path: string, status: number, service = 'api'): HttpInfo & { service: string } => ({
  method,
  url: `https://x.example${path}`,
  path,
  status,
  service,
});

describe('request strategy', () => {
  it.each([
    ['ids in the path are one route', http('POST', '/api/orders/1', 503), http('POST', '/api/orders/987', 503), true],
    [
      '500 and 503 are different problems',
      http('POST', '/api/orders/1', 500),
      http('POST', '/api/orders/1', 503),
      false,
    ],
    ['2xx statuses share a class', http('GET', '/health', 200), http('GET', '/health', 204), true],
    [
      'server errors on every route of a service are one problem',
      http('GET', '/api/orders/1', 503),
      http('POST', '/login', 503),
      true,
    ],
    [
      'server errors of two services are two problems',
      http('GET', '/a', 503, 'web'),
      http('GET', '/a', 503, 'api'),
      false,
    ],
    ['client errors: methods differ', http('GET', '/api/orders/1', 404), http('POST', '/api/orders/1', 404), false],
    ['client errors: routes differ', http('GET', '/healthz', 404), http('GET', '/api/orders/1', 404), false],
  ])('%s', (_name, a, b, same) => {
    const strip = ({ service: _service, ...info }: HttpInfo & { service: string }): HttpInfo => info;
    const [fa, fb] = fingerprintsOf([
      record({ http: strip(a), service: a.service }),
      record({ http: strip(b), service: b.service }),
    ]);
    expect(fa === fb).toBe(same);
  });

  it.each([
    ['a server error by its status', http('POST', '/api/orders/42', 503), 'HTTP 503 Service Unavailable on requests'],
    ['no response', http('GET', '/x', 0), 'no response on requests'],
    ['a client error by route and status', http('POST', '/api/orders/42', 404), 'POST /api/orders/{id} → 404'],
  ])('titles %s', (_name, h, title) => {
    const c = createClusterer();
    const key = c.add(record({ http: { method: h.method, url: h.url, path: h.path, status: h.status } }));
    expect(c.finish().get(key)!.title).toBe(title);
  });
});

describe('message strategy', () => {
  const lines = [
    'Connection to database db-1 timed out after 3000 ms',
    'Connection to database db-2 timed out after 120 ms',
    'User alice logged in from 10.0.0.1',
    'User bob logged in from 10.0.0.2',
    'User carol logged in from 10.0.0.3',
    'User dave logged in from 10.0.0.4',
    'User erin logged in from 10.0.0.5',
    'User frank logged in from 10.0.0.6',
    'User gina logged in from 10.0.0.7',
    'Cache warmed',
    'Cache flushed',
  ];

  it('does not depend on input order', () => {
    const records = lines.map((message, i) => record({ message, insertId: String(i) }));
    const forward = fingerprintsOf(records);
    const backward = fingerprintsOf(records.slice().reverse()).reverse();
    expect(backward).toEqual(forward);
  });

  it('keeps the fingerprint when a token constant in one window varies in the next', () => {
    const hour1 = fingerprintsOf(
      [1, 2, 3].map((n) => record({ message: `Connection to database db-1 timed out after ${n * 100} ms` })),
    );
    const hour2 = fingerprintsOf(
      ['db-1', 'db-2', 'db-1'].map((db, n) =>
        record({ message: `Connection to database ${db} timed out after ${n * 7} ms` }),
      ),
    );
    expect(new Set([...hour1, ...hour2]).size).toBe(1);
  });

  it('groups many users into one template and keeps distinct events apart', () => {
    const fps = fingerprintsOf(lines.map((message) => record({ message })));
    expect(new Set(fps.slice(2, 9)).size).toBe(1);
    expect(fps[9]).not.toBe(fps[10]);
    expect(fps[0]).toBe(fps[1]);
  });

  it('titles the masked template', () => {
    const c = createClusterer();
    const key = c.add(record({ message: 'Connection to database timed out after 3000 ms' }));
    expect(c.finish().get(key)!.title).toBe('Connection to database timed out after 3000 ms');
  });

  it.each([
    [
      'a value the same in every entry is shown as it is',
      ['Container called exit(3).', 'Container called exit(3).'],
      'Container called exit(3).',
    ],
    [
      'a varying duration is named',
      ['timed out after 3000 ms', 'timed out after 250 ms'],
      'timed out after {duration}',
    ],
    ['a varying id is named', ['order 8f3a9c2e11 not found', 'order 1b2c3d4e55 not found'], 'order {id} not found'],
    ['a varying path is named', ['cannot open /data/a/1.bin', 'cannot open /data/b/2.bin'], 'cannot open {path}'],
    [
      'key=value keeps its key',
      ['retry user=alice attempt=3', 'retry user=bob attempt=4'],
      'retry user={value} attempt={value}',
    ],
  ])('titles without <*>: %s', (_name, messages, title) => {
    const c = createClusterer();
    const keys = messages.map((message) => c.add(record({ message })));
    expect(new Set(keys).size).toBe(1);
    expect(c.finish().get(keys[0]!)!.title).toBe(title);
  });

  it('keeps exit codes and statuses apart: a failure never merges with a success', () => {
    const c = createClusterer();
    const one = c.add(record({ message: 'Container called exit(1).' }));
    const zero = c.add(record({ message: 'Container called exit(0).' }));
    const s500 = c.add(record({ message: 'Function execution took 12 ms, finished with status code: 500' }));
    const s200 = c.add(record({ message: 'Function execution took 9 ms, finished with status code: 200' }));
    const ids = c.finish();
    expect(ids.get(one)!.fingerprint).not.toBe(ids.get(zero)!.fingerprint);
    expect(ids.get(s500)!.fingerprint).not.toBe(ids.get(s200)!.fingerprint);
  });
});

describe('grouping rules', () => {
  it('merges matching records under a forced fingerprint', () => {
    const fps = fingerprintsOf(
      [
        record({ message: 'disk full on /dev/sda1' }),
        record({ message: 'quota exceeded for bucket x' }),
        record({ message: 'other' }),
      ],
      [{ match: 'disk full|quota exceeded', fingerprint: 'storage exhausted' }],
    );
    expect(fps[0]).toBe(`${FINGERPRINT_VERSION}:usr:storage-exhausted`);
    expect(fps[1]).toBe(fps[0]);
    expect(fps[2]).not.toBe(fps[0]);
  });

  it('splits matching records by a field', () => {
    const fps = fingerprintsOf(
      [
        record({ message: 'worker crashed', service: 'a' }),
        record({ message: 'worker crashed', service: 'b' }),
        record({ message: 'worker crashed', service: 'a' }),
      ],
      [{ match: 'crashed', splitBy: 'service' }],
    );
    expect(fps[0]).not.toBe(fps[1]);
    expect(fps[0]).toBe(fps[2]);
    expect(fps[0]).toMatch(/^v2:msg:[0-9a-f]{16}$/);
  });
});

describe('finish', () => {
  it('maps every key it returned and nothing else', () => {
    const c = createClusterer({ grouping: [{ match: 'crashed', splitBy: 'service' }] });
    const keys = new Set([
      c.add(record({ message: 'worker crashed', service: 'a' })),
      c.add(record({ http: http('GET', '/x/1', 500) })),
      c.add(record({ message: 'boom', errorType: 'ValueError' })),
    ]);
    expect(new Set(c.finish().keys())).toEqual(keys);
  });
});
