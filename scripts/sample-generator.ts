/**
 * Deterministic generator of an exported hour of Cloud Run logs during an outage, in the
 * exact shape `gcloud logging read --format=json` prints. Three services:
 * - orders-api (Python/gunicorn): a deploy at +18 min ships an ImportError → crash loop;
 * - auth-service (Go): its Cloud SQL (postgres) connections time out from +25 to +50 min;
 * - web-frontend (Node.js): 502/503 on many routes while the backends fail.
 * Plus configuration warnings, memory-limit kills, health-check 404s and normal traffic.
 */
import {
  buildEntry, createRng, createServices, hostOf, httpRequest, Ids, newTrace, requestSeverity,
  type EntrySpec, type Services,
} from './sample-episodes.js';

type Kind =
  | 'frontendOk' | 'ordersOk' | 'authOk' | 'ordersCrash' | 'ordersUnavailable'
  | 'authDbTimeout' | 'authTimeout504' | 'frontendConfig' | 'healthCheck404' | 'memoryLimit';

const MINUTE = 60_000;
const DEPLOY_MIN = 18;

/** Episodes per hour at scale 1 and the minutes of the hour they occur in. */
const PLAN: { kind: Kind; count: number; from: number; to: number }[] = [
  { kind: 'frontendOk', count: 500, from: 0, to: 60 },
  { kind: 'ordersOk', count: 160, from: 0, to: DEPLOY_MIN + 1 },
  { kind: 'authOk', count: 270, from: 0, to: 60 },
  { kind: 'ordersCrash', count: 44, from: DEPLOY_MIN + 1, to: 60 },
  { kind: 'ordersUnavailable', count: 190, from: DEPLOY_MIN + 1, to: 60 },
  { kind: 'authDbTimeout', count: 105, from: 25, to: 50 },
  { kind: 'authTimeout504', count: 14, from: 27, to: 49 },
  { kind: 'frontendConfig', count: 8, from: 0, to: 60 },
  { kind: 'healthCheck404', count: 60, from: 0, to: 60 },
  { kind: 'memoryLimit', count: 3, from: 35, to: 58 },
];

const FRONTEND_OK_ROUTES = ['/', '/products/{n}', '/products/{n}/reviews', '/cart', '/static/js/app.{h}.js', '/api/search?q=shoes'];
const FRONTEND_FAILING_ROUTES = [
  '/orders/{n}', '/api/orders/{uuid}/items', '/checkout/{uuid}', '/account/orders?page={p}',
  '/api/cart/{n}/checkout', '/orders/{n}/invoice.pdf',
];

export interface IncidentOptions {
  seed: number;
  start: Date;
  /** Multiplies every episode count (default 1 ≈ 2,500 entries, under 3 MB pretty-printed). */
  scale?: number;
}

/** An hour of entries, newest first like gcloud prints them. */
export function generateIncidentHour(options: IncidentOptions): object[] {
  const ids = new Ids(createRng(options.seed));
  const services = createServices(ids, options.seed);
  const start = options.start.getTime();
  const scale = options.scale ?? 1;
  const episodes: { kind: Kind; ms: number }[] = [];
  for (const plan of PLAN) {
    const count = Math.max(1, Math.round(plan.count * scale));
    for (let i = 0; i < count; i++) {
      const ms = start + plan.from * MINUTE + Math.floor(ids.rng() * (plan.to - plan.from) * MINUTE);
      episodes.push({ kind: plan.kind, ms });
    }
  }
  episodes.sort((a, b) => a.ms - b.ms);
  const entries: Record<string, unknown>[] = [];
  for (const episode of episodes) for (const spec of buildEpisode(episode.kind, episode.ms, ids, services)) entries.push(buildEntry(spec, ids));
  const end = start + 60 * MINUTE;
  return entries
    .filter((entry) => Date.parse(entry.timestamp as string) < end)
    .sort((a, b) => (a.timestamp as string) < (b.timestamp as string) ? 1 : -1);
}

/** `count` entries with the same mix, oldest first, over one hour: for the 1,000,000-entry benchmark. */
export function* generateEntries(count: number, seed: number, start: Date): Generator<object> {
  const ids = new Ids(createRng(seed));
  const services = createServices(ids, seed);
  const startMs = start.getTime();
  const totalWeight = PLAN.reduce((sum, plan) => sum + plan.count, 0);
  // About 1.5 entries per episode: spread the episodes evenly over the hour.
  const step = (60 * MINUTE) / (count / 1.5);
  let produced = 0;
  for (let t = 0; produced < count; t += step) {
    const ms = startMs + Math.floor(t % (60 * MINUTE));
    const minute = (ms - startMs) / MINUTE;
    let roll = ids.rng() * totalWeight;
    let kind: Kind = 'frontendOk';
    for (const plan of PLAN) {
      roll -= plan.count;
      if (roll < 0) {
        kind = minute >= plan.from && minute < plan.to ? plan.kind : 'frontendOk';
        break;
      }
    }
    for (const spec of buildEpisode(kind, ms, ids, services)) {
      if (produced++ >= count) return;
      yield buildEntry(spec, ids);
    }
  }
}

function fill(route: string, ids: Ids): string {
  return route
    .replace('{n}', String(ids.int(1000, 99999)))
    .replace('{uuid}', ids.uuid())
    .replace('{p}', String(ids.int(1, 12)))
    .replace('{h}', ids.hex(8));
}

function buildEpisode(kind: Kind, ms: number, ids: Ids, s: Services): EntrySpec[] {
  switch (kind) {
    case 'frontendOk': return frontendOk(ms, ids, s);
    case 'ordersOk': return ordersOk(ms, ids, s);
    case 'authOk': return authOk(ms, ids, s);
    case 'ordersCrash': return ordersCrash(ms, ids, s);
    case 'ordersUnavailable': return ordersUnavailable(ms, ids, s);
    case 'authDbTimeout': return authDbTimeout(ms, ids, s);
    case 'authTimeout504': return authTimeout504(ms, ids, s);
    case 'frontendConfig': return frontendConfig(ms, ids, s);
    case 'healthCheck404': return healthCheck404(ms, ids, s);
    case 'memoryLimit': return memoryLimit(ms, ids, s);
  }
}

function request(ms: number, ids: Ids, service: string, revision: string, instance: string, method: string, path: string, status: number, latency: number, extra: Partial<EntrySpec> = {}, userAgent?: string): EntrySpec {
  return {
    ms, service, revision, instance, log: 'requests', severity: requestSeverity(status), trace: extra.trace ?? newTrace(ids),
    httpRequest: httpRequest(ids, hostOf(service), method, path, status, latency, userAgent), ...extra,
  };
}

function frontendOk(ms: number, ids: Ids, s: Services): EntrySpec[] {
  const instance = ids.pick(s.instances.frontend);
  const path = fill(ids.pick(FRONTEND_OK_ROUTES), ids);
  const latency = 0.004 + ids.rng() * 0.25;
  const out = [request(ms, ids, 'web-frontend', s.frontend, instance, 'GET', path, ids.chance(0.05) ? 304 : 200, latency)];
  if (ids.chance(0.4)) {
    out.push({
      ms: ms + 1, service: 'web-frontend', revision: s.frontend, instance, log: 'stdout',
      jsonPayload: { level: 30, time: ms, pid: 1, hostname: 'localhost', msg: 'request completed', req: { method: 'GET', url: path }, res: { statusCode: 200 }, responseTime: Math.round(latency * 1000) },
    });
  }
  return out;
}

function ordersOk(ms: number, ids: Ids, s: Services): EntrySpec[] {
  const instance = ids.pick(s.instances.orders);
  const create = ids.chance(0.3);
  const orderId = ids.int(10000, 99999);
  const trace = newTrace(ids);
  const out = [request(ms, ids, 'orders-api', s.ordersGood, instance, create ? 'POST' : 'GET', create ? '/api/orders' : `/api/orders/${orderId}`, create ? 201 : 200, 0.01 + ids.rng() * 0.3, { trace })];
  if (ids.chance(0.5)) {
    out.push({
      ms: ms + 2, service: 'orders-api', revision: s.ordersGood, instance, log: 'stdout', severity: 'INFO', trace,
      jsonPayload: { message: create ? `order ${orderId} created for user u_${ids.int(1000, 99999)}` : `order ${orderId} fetched`, logger: 'orders.api', order_id: orderId },
    });
  }
  return out;
}

function authOk(ms: number, ids: Ids, s: Services): EntrySpec[] {
  const instance = ids.pick(s.instances.auth);
  const trace = newTrace(ids);
  const token = ids.chance(0.6);
  const out = [request(ms, ids, 'auth-service', s.auth, instance, token ? 'POST' : 'GET', token ? '/v1/token' : `/v1/sessions/${ids.uuid()}`, 200, 0.003 + ids.rng() * 0.05, { trace }, 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)')];
  if (ids.chance(0.3)) {
    out.push({
      ms: ms + 1, service: 'auth-service', revision: s.auth, instance, log: 'stdout', severity: 'INFO', trace,
      jsonPayload: { message: 'token issued', user_id: `u_${ids.int(1000, 99999)}`, client: 'web', ttl: '3600s' },
    });
  }
  return out;
}

function gunicornLine(ms: number, pid: number, level: string, text: string): string {
  const stamp = new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000');
  return `[${stamp}] [${pid}] [${level}] ${text}`;
}

/** One failed boot of the new orders-api revision: the crash loop after the deploy. */
function ordersCrash(ms: number, ids: Ids, s: Services): EntrySpec[] {
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
    { ...base, ms, log: 'varlog/system', severity: 'INFO', textPayload: 'Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.' },
    { ...base, ms: ms + 400, log: 'stderr', textPayload: gunicornLine(ms + 400, 1, 'INFO', 'Starting gunicorn 22.0.0') },
    { ...base, ms: ms + 700, log: 'stdout', severity: 'WARNING', jsonPayload: { message: 'Environment variable ORDERS_DB_URL is deprecated and will be removed in 3.0; use DATABASE_URL instead', logger: 'orders.settings' } },
    { ...base, ms: ms + 900, log: 'stderr', textPayload: trace + '\n' },
  ];
  if (ids.chance(0.6)) {
    out.push({
      ...base, ms: ms + 905, log: 'stdout', severity: 'ERROR',
      jsonPayload: {
        message: 'Application startup failed', logger: 'orders.startup',
        error: { type: 'ImportError', message: "cannot import name 'OrderStatus' from 'orders.models' (/app/orders/models.py)", stack: trace.slice(trace.indexOf('\n') + 1) },
      },
    });
  }
  out.push({ ...base, ms: ms + 1100, log: 'stderr', textPayload: gunicornLine(ms + 1100, 1, 'INFO', 'Reason: Worker failed to boot.') });
  out.push({ ...base, ms: ms + 1300, log: 'varlog/system', severity: 'WARNING', textPayload: 'Container called exit(3).' });
  if (ids.chance(0.7)) {
    out.push({ ...base, ms: ms + 1500 + ids.int(0, 800), log: 'varlog/system', severity: 'ERROR', textPayload: 'Default STARTUP TCP probe failed 1 time consecutively for container "orders-api-1" on port 8080. The instance was not started.\nConnection failed with status CANCELLED.' });
  }
  return out;
}

function ordersUnavailable(ms: number, ids: Ids, s: Services): EntrySpec[] {
  const frontendInstance = ids.pick(s.instances.frontend);
  const trace = newTrace(ids);
  const path = fill(ids.pick(FRONTEND_FAILING_ROUTES), ids);
  const status = ids.chance(0.7) ? 502 : 503;
  const out = [
    request(ms, ids, 'orders-api', s.ordersBad, '', 'GET', `/api/orders/${ids.int(10000, 99999)}`, 503, 0.002 + ids.rng() * 0.02, {
      trace,
      textPayload: 'The request failed because either the HTTP response was malformed or connection to the instance had an error. Additional troubleshooting documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#malformed-response-or-connection-error',
    }, 'axios/1.7.9'),
    request(ms + 30, ids, 'web-frontend', s.frontend, frontendInstance, path.startsWith('/api/cart') ? 'POST' : 'GET', path, status, 0.03 + ids.rng() * 0.2, { trace }),
  ];
  if (ids.chance(0.5)) out.push(frontendUpstreamError(ms + 25, ids, s, frontendInstance, trace, 'orders', 503));
  return out;
}

function frontendUpstreamError(ms: number, ids: Ids, s: Services, instance: string, trace: string, upstream: 'orders' | 'auth', status: number): EntrySpec {
  const fn = upstream === 'orders' ? 'getOrder (/app/src/api/orders.js:27:19)' : 'getSession (/app/src/api/session.js:14:22)';
  const message = `Request failed with status code ${status}`;
  return {
    ms, service: 'web-frontend', revision: s.frontend, instance, log: 'stdout', trace,
    jsonPayload: {
      level: 50, time: ms, pid: 1, hostname: 'localhost', msg: 'upstream request failed', upstream: `${upstream}-api`,
      err: {
        type: 'AxiosError', message, code: 'ERR_BAD_RESPONSE',
        stack: `AxiosError: ${message}\n    at settle (/app/node_modules/axios/lib/core/settle.js:19:12)\n    at IncomingMessage.handleStreamEnd (/app/node_modules/axios/lib/adapters/http.js:599:11)\n    at Axios.request (/app/node_modules/axios/lib/core/Axios.js:45:41)\n    at async ${fn}`,
      },
    },
  };
}

function authDbTimeout(ms: number, ids: Ids, s: Services): EntrySpec[] {
  const instance = ids.pick(s.instances.auth);
  const trace = newTrace(ids);
  const host = `10.41.0.${ids.pick([3, 3, 3, 4])}`;
  const port = ids.pick([5432, 5432, 6432]);
  const elapsed = (5 + ids.rng() * 0.05).toFixed(3);
  const cause = ids.chance(0.7) ? `dial tcp ${host}:${port}: i/o timeout` : `dial tcp ${host}:${port}: connect: connection timed out`;
  const out: EntrySpec[] = [
    {
      ms, service: 'auth-service', revision: s.auth, instance, log: 'stderr', severity: 'ERROR', trace,
      jsonPayload: {
        message: 'database ping failed',
        error: `failed to connect to \`host=${host} user=auth_svc database=auth\`: dial error (timeout: ${cause})`,
        elapsed: `${elapsed}s`, attempt: ids.int(1, 3), caller: 'store/postgres.go:88',
      },
    },
    request(ms + 5, ids, 'auth-service', s.auth, instance, 'POST', ids.chance(0.7) ? '/v1/token' : `/v1/sessions/${ids.uuid()}/refresh`, ids.chance(0.8) ? 503 : 500, Number(elapsed) + 0.01, { trace }, 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)'),
  ];
  if (ids.chance(0.6)) {
    const frontendInstance = ids.pick(s.instances.frontend);
    out.push(request(ms + 20, ids, 'web-frontend', s.frontend, frontendInstance, 'POST', ids.pick(['/login', '/api/session', '/account']), 502, Number(elapsed) + 0.05, { trace }));
    if (ids.chance(0.5)) out.push(frontendUpstreamError(ms + 15, ids, s, frontendInstance, trace, 'auth', 503));
  }
  return out;
}

function authTimeout504(ms: number, ids: Ids, s: Services): EntrySpec[] {
  return [
    request(ms, ids, 'auth-service', s.auth, ids.pick(s.instances.auth), 'POST', `/v1/sessions/${ids.uuid()}/refresh`, 504, 30 + ids.rng() * 0.01, {
      textPayload: 'The request has been terminated because it has reached the maximum request timeout. To change this limit, see https://cloud.google.com/run/docs/configuring/request-timeout',
    }),
  ];
}

function frontendConfig(ms: number, ids: Ids, s: Services): EntrySpec[] {
  return [{
    ms, service: 'web-frontend', revision: s.frontend, instance: ids.pick(s.instances.frontend), log: 'stdout', severity: 'WARNING',
    jsonPayload: { level: 40, time: ms, pid: 1, hostname: 'localhost', msg: 'config: FEATURE_FLAGS_URL is not set, falling back to the default http://flags.internal:8080' },
  }];
}

function healthCheck404(ms: number, ids: Ids, s: Services): EntrySpec[] {
  return [request(ms, ids, 'web-frontend', s.frontend, ids.pick(s.instances.frontend), 'GET', '/healthz', 404, 0.001 + ids.rng() * 0.003, {}, 'GoogleStackdriverMonitoring-UptimeChecks(https://cloud.google.com/monitoring)')];
}

function memoryLimit(ms: number, ids: Ids, s: Services): EntrySpec[] {
  return [{
    ms, service: 'web-frontend', revision: s.frontend, instance: ids.pick(s.instances.frontend), log: 'varlog/system', severity: 'ERROR',
    textPayload: `Memory limit of 512 MiB exceeded with ${ids.int(513, 560)} MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits`,
  }];
}
