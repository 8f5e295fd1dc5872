/** The failing episodes of the sample outage: crash loop, unavailable backend, database timeouts, platform errors. */
import { fill, newTrace, request, type EntrySpec, type Ids, type Services } from './sample-entry.js';

const FRONTEND_FAILING_ROUTES = [
  '/orders/{n}',
  '/api/orders/{uuid}/items',
  '/checkout/{uuid}',
  '/account/orders?page={p}',
  '/api/cart/{n}/checkout',
  '/orders/{n}/invoice.pdf',
];

function gunicornLine(ms: number, pid: number, level: string, text: string): string {
  const stamp = new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' +0000');
  return `[${stamp}] [${pid}] [${level}] ${text}`;
}

/** One failed boot of the new orders-api revision: the crash loop after the deploy. */

export function ordersCrash(ms: number, ids: Ids, s: Services): EntrySpec[] {
  const instance = ids.instance();
  const pid = ids.int(7, 12);
  const base = { service: 'orders-api', revision: s.ordersBad, instance };
  const trace = [
    gunicornLine(ms + 900, pid, 'ERROR', 'Exception in worker process'),
    'Traceback (most recent call last):',
    '  File "/usr/local/lib/python3.12/site-packages/gunicorn/arbiter.py", line 608, in spawn_worker',
    '    worker.init_process()',
    '  File "/usr/local/lib/python3.12/site-packages/gunicorn/workers/base.py", line 135, in init_process',
    '    self.load_wsgi()',
    '  File "/usr/local/lib/python3.12/site-packages/gunicorn/util.py", line 371, in import_app',
    '    mod = importlib.import_module(module)',
    '  File "/app/orders/main.py", line 12, in <module>',
    '    from orders.routes import router',
    '  File "/app/orders/routes.py", line 5, in <module>',
    '    from orders.models import Order, OrderStatus',
    "ImportError: cannot import name 'OrderStatus' from 'orders.models' (/app/orders/models.py)",
  ].join('\n');
  const out: EntrySpec[] = [
    {
      ...base,
      ms,
      log: 'varlog/system',
      severity: 'INFO',
      textPayload:
        'Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.',
    },
    {
      ...base,
      ms: ms + 400,
      log: 'stderr',
      textPayload: gunicornLine(ms + 400, 1, 'INFO', 'Starting gunicorn 22.0.0'),
    },
    {
      ...base,
      ms: ms + 700,
      log: 'stdout',
      severity: 'WARNING',
      jsonPayload: {
        message:
          'Environment variable ORDERS_DB_URL is deprecated and will be removed in 3.0; use DATABASE_URL instead',
        logger: 'orders.settings',
      },
    },
    { ...base, ms: ms + 900, log: 'stderr', textPayload: trace + '\n' },
  ];
  if (ids.chance(0.6)) {
    out.push({
      ...base,
      ms: ms + 905,
      log: 'stdout',
      severity: 'ERROR',
      jsonPayload: {
        message: 'Application startup failed',
        logger: 'orders.startup',
        error: {
          type: 'ImportError',
          message: "cannot import name 'OrderStatus' from 'orders.models' (/app/orders/models.py)",
          stack: trace.slice(trace.indexOf('\n') + 1),
        },
      },
    });
  }
  out.push({
    ...base,
    ms: ms + 1100,
    log: 'stderr',
    textPayload: gunicornLine(ms + 1100, 1, 'INFO', 'Reason: Worker failed to boot.'),
  });
  out.push({
    ...base,
    ms: ms + 1300,
    log: 'varlog/system',
    severity: 'WARNING',
    textPayload: 'Container called exit(3).',
  });
  if (ids.chance(0.7)) {
    out.push({
      ...base,
      ms: ms + 1500 + ids.int(0, 800),
      log: 'varlog/system',
      severity: 'ERROR',
      textPayload:
        'Default STARTUP TCP probe failed 1 time consecutively for container "orders-api-1" on port 8080. The instance was not started.\nConnection failed with status CANCELLED.',
    });
  }
  return out;
}

export function ordersUnavailable(ms: number, ids: Ids, s: Services): EntrySpec[] {
  const frontendInstance = ids.pick(s.instances.frontend);
  const trace = newTrace(ids);
  const path = fill(ids.pick(FRONTEND_FAILING_ROUTES), ids);
  const status = ids.chance(0.7) ? 502 : 503;
  const out = [
    request(
      ms,
      ids,
      'orders-api',
      s.ordersBad,
      '',
      'GET',
      `/api/orders/${ids.int(10000, 99999)}`,
      503,
      0.002 + ids.rng() * 0.02,
      {
        trace,
        textPayload:
          'The request failed because either the HTTP response was malformed or connection to the instance had an error. Additional troubleshooting documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#malformed-response-or-connection-error',
      },
      'axios/1.7.9',
    ),
    request(
      ms + 30,
      ids,
      'web-frontend',
      s.frontend,
      frontendInstance,
      path.startsWith('/api/cart') ? 'POST' : 'GET',
      path,
      status,
      0.03 + ids.rng() * 0.2,
      { trace },
    ),
  ];
  if (ids.chance(0.5)) out.push(frontendUpstreamError(ms + 25, ids, s, frontendInstance, trace, 'orders', 503));
  return out;
}

function frontendUpstreamError(
  ms: number,
  ids: Ids,
  s: Services,
  instance: string,
  trace: string,
  upstream: 'orders' | 'auth',
  status: number,
): EntrySpec {
  const fn =
    upstream === 'orders' ? 'getOrder (/app/src/api/orders.js:27:19)' : 'getSession (/app/src/api/session.js:14:22)';
  const message = `Request failed with status code ${status}`;
  return {
    ms,
    service: 'web-frontend',
    revision: s.frontend,
    instance,
    log: 'stdout',
    trace,
    jsonPayload: {
      level: 50,
      time: ms,
      pid: 1,
      hostname: 'localhost',
      msg: 'upstream request failed',
      upstream: `${upstream}-api`,
      err: {
        type: 'AxiosError',
        message,
        code: 'ERR_BAD_RESPONSE',
        stack: `AxiosError: ${message}\n    at settle (/app/node_modules/axios/lib/core/settle.js:19:12)\n    at IncomingMessage.handleStreamEnd (/app/node_modules/axios/lib/adapters/http.js:599:11)\n    at Axios.request (/app/node_modules/axios/lib/core/Axios.js:45:41)\n    at async ${fn}`,
      },
    },
  };
}

export function authDbTimeout(ms: number, ids: Ids, s: Services): EntrySpec[] {
  const instance = ids.pick(s.instances.auth);
  const trace = newTrace(ids);
  const host = `10.41.0.${ids.pick([3, 3, 3, 4])}`;
  const port = ids.pick([5432, 5432, 6432]);
  const elapsed = (5 + ids.rng() * 0.05).toFixed(3);
  const cause = ids.chance(0.7)
    ? `dial tcp ${host}:${port}: i/o timeout`
    : `dial tcp ${host}:${port}: connect: connection timed out`;
  const out: EntrySpec[] = [
    {
      ms,
      service: 'auth-service',
      revision: s.auth,
      instance,
      log: 'stderr',
      severity: 'ERROR',
      trace,
      jsonPayload: {
        message: 'database ping failed',
        error: `failed to connect to \`host=${host} user=auth_svc database=auth\`: dial error (timeout: ${cause})`,
        elapsed: `${elapsed}s`,
        attempt: ids.int(1, 3),
        caller: 'store/postgres.go:88',
      },
    },
    request(
      ms + 5,
      ids,
      'auth-service',
      s.auth,
      instance,
      'POST',
      ids.chance(0.7) ? '/v1/token' : `/v1/sessions/${ids.uuid()}/refresh`,
      ids.chance(0.8) ? 503 : 500,
      Number(elapsed) + 0.01,
      { trace },
      'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
    ),
  ];
  if (ids.chance(0.6)) {
    const frontendInstance = ids.pick(s.instances.frontend);
    out.push(
      request(
        ms + 20,
        ids,
        'web-frontend',
        s.frontend,
        frontendInstance,
        'POST',
        ids.pick(['/login', '/api/session', '/account']),
        502,
        Number(elapsed) + 0.05,
        { trace },
      ),
    );
    if (ids.chance(0.5)) out.push(frontendUpstreamError(ms + 15, ids, s, frontendInstance, trace, 'auth', 503));
  }
  return out;
}

export function authTimeout504(ms: number, ids: Ids, s: Services): EntrySpec[] {
  return [
    request(
      ms,
      ids,
      'auth-service',
      s.auth,
      ids.pick(s.instances.auth),
      'POST',
      `/v1/sessions/${ids.uuid()}/refresh`,
      504,
      30 + ids.rng() * 0.01,
      {
        textPayload:
          'The request has been terminated because it has reached the maximum request timeout. To change this limit, see https://cloud.google.com/run/docs/configuring/request-timeout',
      },
    ),
  ];
}

export function frontendConfig(ms: number, ids: Ids, s: Services): EntrySpec[] {
  return [
    {
      ms,
      service: 'web-frontend',
      revision: s.frontend,
      instance: ids.pick(s.instances.frontend),
      log: 'stdout',
      severity: 'WARNING',
      jsonPayload: {
        level: 40,
        time: ms,
        pid: 1,
        hostname: 'localhost',
        msg: 'config: FEATURE_FLAGS_URL is not set, falling back to the default http://flags.internal:8080',
      },
    },
  ];
}

export function healthCheck404(ms: number, ids: Ids, s: Services): EntrySpec[] {
  return [
    request(
      ms,
      ids,
      'web-frontend',
      s.frontend,
      ids.pick(s.instances.frontend),
      'GET',
      '/healthz',
      404,
      0.001 + ids.rng() * 0.003,
      {},
      'GoogleStackdriverMonitoring-UptimeChecks(https://cloud.google.com/monitoring)',
    ),
  ];
}

export function memoryLimit(ms: number, ids: Ids, s: Services): EntrySpec[] {
  return [
    {
      ms,
      service: 'web-frontend',
      revision: s.frontend,
      instance: ids.pick(s.instances.frontend),
      log: 'varlog/system',
      severity: 'ERROR',
      textPayload: `Memory limit of 512 MiB exceeded with ${ids.int(513, 560)} MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits`,
    },
  ];
}
