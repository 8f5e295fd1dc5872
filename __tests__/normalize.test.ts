import { normalizeEntry, isSkip } from '../src/core/normalize/normalize.js';
import { parseSeverity } from '../src/core/model/severity.js';
import { severityRank, type LogRecord } from '../src/core/model/log-record.js';
import { summarizeText } from '../src/core/normalize/normalize-trace.js';
import { extractPath } from '../src/core/normalize/normalize-http.js';

const RUN_RESOURCE = {
  type: 'cloud_run_revision',
  labels: {
    configuration_name: 'orders-api',
    location: 'europe-west1',
    project_id: 'shop-prod',
    revision_name: 'orders-api-00042-xab',
    service_name: 'orders-api',
  },
};

const PY_TRACE = [
  'Traceback (most recent call last):',
  '  File "/usr/local/lib/python3.12/site-packages/gunicorn/arbiter.py", line 609, in spawn_worker',
  '    worker.init_process()',
  '  File "/app/orders/main.py", line 7, in <module>',
  '    from orders.models import OrderStatus',
  "ImportError: cannot import name 'OrderStatus' from 'orders.models' (/app/orders/models.py)",
  '',
].join('\n');

const NODE_TRACE = [
  'Error: connect ECONNREFUSED 10.8.0.5:5432',
  '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
  '    at Client._connect (/app/node_modules/pg/lib/client.js:132:11)',
].join('\n');

const NODE_UNCAUGHT = [
  '/app/server.js:41',
  '    throw err;',
  '    ^',
  '',
  "TypeError: Cannot read properties of undefined (reading 'id')",
  '    at getUser (/app/src/users.js:12:20)',
].join('\n');

const JAVA_TRACE = [
  'java.lang.IllegalStateException: Connection pool exhausted',
  '\tat com.example.db.Pool.borrow(Pool.java:88)',
  'Caused by: java.net.SocketTimeoutException: connect timed out',
  '\tat java.base/java.net.Socket.connect(Socket.java:633)',
].join('\n');

const GO_PANIC = [
  'panic: runtime error: invalid memory address or nil pointer dereference',
  '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6b1c2a]',
  '',
  'goroutine 1 [running]:',
  'main.main()',
  '\t/src/main.go:42 +0x2a',
].join('\n');

function base(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    insertId: '65f1a2b3000c4d5e6f7a8b9c',
    logName: 'projects/shop-prod/logs/run.googleapis.com%2Fstderr',
    receiveTimestamp: '2026-11-30T09:21:04.512345678Z',
    resource: RUN_RESOURCE,
    timestamp: '2026-11-30T09:21:04.123456789Z',
    labels: { instanceId: '00f46b9285cd4b0e8a8c1b8f7e5a9c1d' },
    ...extra,
  };
}

function record(raw: unknown): LogRecord {
  const result = normalizeEntry(raw);
  if (isSkip(result)) throw new Error(`skipped: ${result.skip}`);
  return result;
}

describe('normalizeEntry', () => {
  it.each<[string, Record<string, unknown>, Partial<LogRecord>]>([
    [
      'Python text traceback on stderr with no severity → inferred ERROR, summary is the last line',
      base({ textPayload: PY_TRACE }),
      {
        severity: 'ERROR',
        severityInferred: true,
        message: "ImportError: cannot import name 'OrderStatus' from 'orders.models' (/app/orders/models.py)",
        stack: PY_TRACE.trimEnd(),
        logName: 'run.googleapis.com/stderr',
        service: 'orders-api',
        revision: 'orders-api-00042-xab',
        instance: '00f46b9285cd4b0e8a8c1b8f7e5a9c1d',
        resourceType: 'cloud_run_revision',
        timestamp: Date.parse('2026-11-30T09:21:04.123Z'),
      },
    ],
    [
      'structured jsonPayload error object → type-prefixed message, stack and errorType',
      base({
        severity: 'ERROR',
        jsonPayload: {
          message: 'Worker failed to boot',
          error: {
            type: 'ImportError',
            message: "cannot import name 'OrderStatus' from 'orders.models'",
            stack: PY_TRACE,
          },
        },
      }),
      {
        severity: 'ERROR',
        severityInferred: false,
        errorType: 'ImportError',
        message: "ImportError: cannot import name 'OrderStatus' from 'orders.models'",
        stack: PY_TRACE,
      },
    ],
    [
      'jsonPayload msg with a string error (logrus/zap style) joins both',
      base({
        severity: 'error',
        jsonPayload: { msg: 'failed to connect to database', error: 'dial tcp 10.8.0.5:5432: i/o timeout' },
      }),
      {
        severity: 'ERROR',
        message: 'failed to connect to database: dial tcp 10.8.0.5:5432: i/o timeout',
        errorType: '',
      },
    ],
    [
      'jsonPayload stack_trace (Java logback) with the message',
      base({ severity: 'ERROR', jsonPayload: { message: 'Request failed', stack_trace: JAVA_TRACE } }),
      { message: 'Request failed', stack: JAVA_TRACE },
    ],
    [
      'Cloud Error Reporting ReportedErrorEvent: message holds the trace',
      base({
        severity: 'ERROR',
        jsonPayload: {
          '@type': 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent',
          message: NODE_TRACE,
          serviceContext: { service: 'auth-service' },
        },
      }),
      { message: 'Error: connect ECONNREFUSED 10.8.0.5:5432', stack: NODE_TRACE, severity: 'ERROR' },
    ],
    [
      'Node uncaught exception text: summary is the line above the first frame',
      base({ textPayload: NODE_UNCAUGHT }),
      {
        message: "TypeError: Cannot read properties of undefined (reading 'id')",
        severity: 'ERROR',
        severityInferred: true,
      },
    ],
    [
      'Go panic text: summary is the panic line',
      base({ textPayload: GO_PANIC }),
      { message: 'panic: runtime error: invalid memory address or nil pointer dereference', stack: GO_PANIC },
    ],
    [
      'pino jsonPayload with numeric level and no entry severity',
      base({
        logName: 'projects/p/logs/run.googleapis.com%2Fstdout',
        jsonPayload: { level: 50, msg: 'payment declined', err: { type: 'Error', message: 'card expired' } },
      }),
      { severity: 'ERROR', severityInferred: false, message: 'Error: card expired', errorType: 'Error' },
    ],
    [
      'nested message field',
      base({ severity: 'INFO', jsonPayload: { log: { message: 'cache warmed', keys: 120 } } }),
      { message: 'cache warmed' },
    ],
    [
      'payload without a message renders its scalar fields',
      base({ severity: 'INFO', jsonPayload: { event_type: 'cache_miss', count: 3, nested: { a: 1 } } }),
      { message: 'count=3 event_type=cache_miss' },
    ],
    [
      'Cloud Run request log: httpRequest with latency, no payload → method path status message',
      base({
        logName: 'projects/shop-prod/logs/run.googleapis.com%2Frequests',
        severity: 'ERROR',
        httpRequest: {
          requestMethod: 'GET',
          requestUrl: 'https://web-frontend-abc123-ew.a.run.app/orders/8812?expand=items',
          status: 503,
          latency: '0.123456s',
          userAgent: 'Mozilla/5.0',
          responseSize: '123',
        },
      }),
      {
        message: 'GET /orders/8812 503',
        http: {
          method: 'GET',
          url: 'https://web-frontend-abc123-ew.a.run.app/orders/8812?expand=items',
          path: '/orders/8812',
          status: 503,
          latencyMs: 123.456,
          userAgent: 'Mozilla/5.0',
        },
      },
    ],
    [
      'audit log protoPayload with a failed status',
      {
        insertId: 'abc',
        logName: 'projects/p/logs/cloudaudit.googleapis.com%2Factivity',
        protoPayload: {
          '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
          methodName: 'google.cloud.run.v1.Services.ReplaceService',
          serviceName: 'run.googleapis.com',
          resourceName: 'namespaces/p/services/orders-api',
          status: { code: 7, message: 'Permission denied on resource project p.' },
        },
        resource: { type: 'cloud_run_revision', labels: { service_name: 'orders-api' } },
        severity: 'ERROR',
        timestamp: '2026-11-30T09:00:00Z',
      },
      {
        message: 'google.cloud.run.v1.Services.ReplaceService: Permission denied on resource project p.',
        logName: 'cloudaudit.googleapis.com/activity',
      },
    ],
    [
      'GKE container resource',
      {
        insertId: 'k1',
        timestamp: '2026-11-30T09:00:00Z',
        severity: 'WARNING',
        textPayload: 'slow query',
        resource: {
          type: 'k8s_container',
          labels: { container_name: 'api', pod_name: 'api-7d9f-xk2p', namespace_name: 'prod' },
        },
      },
      { service: 'prod/api', revision: 'api-7d9f-xk2p', instance: 'api-7d9f-xk2p', resourceType: 'k8s_container' },
    ],
    [
      'Cloud Functions resource',
      {
        insertId: 'f1',
        timestamp: '2026-11-30T09:00:00Z',
        textPayload: 'Function execution took 60002 ms, finished with status: timeout',
        resource: { type: 'cloud_function', labels: { function_name: 'resize-image', region: 'us-central1' } },
        labels: { execution_id: 'x1y2' },
      },
      { service: 'resize-image', instance: 'x1y2', severity: 'DEFAULT', severityInferred: false },
    ],
    [
      'App Engine resource',
      {
        insertId: 'g1',
        timestamp: '2026-11-30T09:00:00Z',
        textPayload: 'hi',
        resource: { type: 'gae_app', labels: { module_id: 'default', version_id: '20261130t090000' } },
      },
      { service: 'default', revision: '20261130t090000' },
    ],
    [
      'Cloud Run job resource',
      {
        insertId: 'j1',
        timestamp: '2026-11-30T09:00:00Z',
        textPayload: 'done',
        resource: { type: 'cloud_run_job', labels: { job_name: 'nightly-export' } },
        labels: { 'run.googleapis.com/execution_name': 'nightly-export-abc' },
      },
      { service: 'nightly-export', revision: 'nightly-export-abc' },
    ],
    [
      'unknown resource falls back to the resource type',
      { insertId: 'u1', timestamp: '2026-11-30T09:00:00Z', textPayload: 'x', resource: { type: 'global', labels: {} } },
      { service: 'global', resourceType: 'global' },
    ],
    [
      'sourceLocation',
      base({
        severity: 'ERROR',
        textPayload: 'boom',
        sourceLocation: { file: 'orders/api.py', line: '88', function: 'create_order' },
      }),
      { sourceLocation: 'orders/api.py:88 create_order' },
    ],
    [
      'missing timestamp falls back to receiveTimestamp',
      { insertId: 'r1', receiveTimestamp: '2026-11-30T09:00:01.5Z', textPayload: 'x' },
      { timestamp: Date.parse('2026-11-30T09:00:01.500Z') },
    ],
    [
      'stdout text that looks like an error is not promoted (only stderr is)',
      base({ logName: 'projects/p/logs/run.googleapis.com%2Fstdout', textPayload: 'Error: not really' }),
      { severity: 'DEFAULT', severityInferred: false },
    ],
    [
      'stderr plain text without error markers stays DEFAULT',
      base({ textPayload: '[2026-11-30 09:00:00 +0000] [1] [INFO] Booting worker with pid: 7' }),
      {
        severity: 'DEFAULT',
        severityInferred: false,
        // The logger's timestamp and pid say when and where, not what.
        message: '[INFO] Booting worker with pid: 7',
      },
    ],
    [
      'malformed fields are ignored',
      base({
        severity: { nope: 1 },
        httpRequest: 'GET /',
        labels: 'x',
        resource: 7,
        sourceLocation: 'here',
        textPayload: 'hello',
      }),
      { severity: 'DEFAULT', service: '', instance: '', sourceLocation: '', message: 'hello' },
    ],
  ])('%s', (_name, raw, expected) => {
    expect(record(raw)).toMatchObject(expected);
  });

  it('leaves http undefined when httpRequest is malformed', () => {
    expect(record(base({ httpRequest: 'GET /', textPayload: 'x' })).http).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'not an object'],
    ['a string', 'hello', 'not an object'],
    ['an array', [1, 2], 'not an object'],
    ['no timestamps at all', { insertId: 'x', textPayload: 'y' }, 'no timestamp'],
    ['an unparseable timestamp', { insertId: 'x', timestamp: 'yesterday', textPayload: 'y' }, 'no timestamp'],
  ])('skips %s', (_name, raw, reason) => {
    expect(normalizeEntry(raw)).toEqual({ skip: reason });
  });

  describe('a request below countedBelow is read only for counting', () => {
    const WARNING = severityRank('WARNING');
    const request = (severity: string, extra: Record<string, unknown> = {}) =>
      base({
        logName: 'projects/shop-prod/logs/run.googleapis.com%2Frequests',
        severity,
        httpRequest: {
          requestMethod: 'GET',
          requestUrl: 'https://shop.example/Container%20terminated?x=1',
          status: 200,
          latency: '0.2s',
          userAgent: 'Mozilla/5.0',
        },
        ...extra,
      });
    const counted = (raw: unknown) => normalizeEntry(raw, WARNING) as LogRecord;

    it('keeps what the service status counts, without the request line, latency or user agent', () => {
      const full = record(request('INFO'));
      const thin = counted(request('INFO'));
      expect(full.message).toBe('GET /Container%20terminated 200');
      expect(thin).toEqual({
        ...full,
        message: '',
        http: { method: 'GET', url: full.http!.url, path: '/Container%20terminated', status: 200 },
      });
    });

    it("keeps a payload's own message", () => {
      expect(counted(request('INFO', { textPayload: 'The request was aborted' })).message).toBe(
        'The request was aborted',
      );
    });

    it('reads a request at or above it in full, as without it', () => {
      for (const severity of ['WARNING', 'ERROR'])
        expect(counted(request(severity))).toEqual(record(request(severity)));
    });

    it('changes nothing for an entry that is not a request', () => {
      const entry = base({ severity: 'INFO', textPayload: 'cache warmed' });
      expect(counted(entry)).toEqual(record(entry));
    });
  });

  it('gives a missing insertId a stable synthetic one that depends on content and time', () => {
    const entry = { timestamp: '2026-11-30T09:00:00Z', textPayload: 'hello', logName: 'projects/p/logs/app' };
    const first = record(entry).insertId;
    expect(first).toMatch(/^synthetic-[0-9a-f]{16}$/);
    expect(record({ ...entry }).insertId).toBe(first);
    expect(record({ ...entry, textPayload: 'hello!' }).insertId).not.toBe(first);
    expect(record({ ...entry, timestamp: '2026-11-30T09:00:01Z' }).insertId).not.toBe(first);
  });
});

describe('parseSeverity', () => {
  it.each<[unknown, boolean, string]>([
    ['ERROR', false, 'ERROR'],
    ['error', false, 'ERROR'],
    ['warn', false, 'WARNING'],
    ['fatal', false, 'CRITICAL'],
    [500, false, 'ERROR'],
    [550, false, 'ERROR'],
    ['400', false, 'WARNING'],
    [0, false, 'DEFAULT'],
    [undefined, false, 'DEFAULT'],
    ['bogus', false, 'DEFAULT'],
    [30, true, 'INFO'],
    [60, true, 'CRITICAL'],
  ])('%p (payload %p) → %s', (value, fromPayload, expected) => {
    expect(parseSeverity(value, fromPayload)).toBe(expected);
  });
});

describe('summarizeText', () => {
  it.each<[string, string, string, boolean]>([
    ['single line', 'hello world\n', 'hello world', false],
    [
      'python',
      PY_TRACE,
      "ImportError: cannot import name 'OrderStatus' from 'orders.models' (/app/orders/models.py)",
      true,
    ],
    ['java', JAVA_TRACE, 'java.lang.IllegalStateException: Connection pool exhausted', true],
    ['node', NODE_TRACE, 'Error: connect ECONNREFUSED 10.8.0.5:5432', true],
    ['go', GO_PANIC, 'panic: runtime error: invalid memory address or nil pointer dereference', true],
    ['multi-line prose is kept whole', 'line one\nline two', 'line one\nline two', false],
  ])('%s', (_name, text, message, isTrace) => {
    const summary = summarizeText(text);
    expect(summary.message).toBe(message);
    expect(summary.stack !== '').toBe(isTrace);
  });
});

describe('extractPath', () => {
  it.each([
    ['https://x.run.app/a/b?c=1', '/a/b'],
    ['https://x.run.app', '/'],
    ['/relative/path#frag', '/relative/path'],
    ['', '/'],
    ['http://h/p?x#y', '/p'],
  ])('%s → %s', (url, path) => {
    expect(extractPath(url)).toBe(path);
  });
});
