/** The episodes of the sample outage: one request, crash attempt or failed dial → its LogEntries. */
import { fill, newTrace, request, type EntrySpec, type Ids, type Services } from './sample-entry.js';
import {
  authDbTimeout,
  authTimeout504,
  frontendConfig,
  healthCheck404,
  memoryLimit,
  ordersCrash,
  ordersUnavailable,
} from './sample-failures.js';

export type Kind =
  | 'frontendOk'
  | 'ordersOk'
  | 'authOk'
  | 'ordersCrash'
  | 'ordersUnavailable'
  | 'authDbTimeout'
  | 'authTimeout504'
  | 'frontendConfig'
  | 'healthCheck404'
  | 'memoryLimit';

const FRONTEND_OK_ROUTES = [
  '/',
  '/products/{n}',
  '/products/{n}/reviews',
  '/cart',
  '/static/js/app.{h}.js',
  '/api/search?q=shoes',
];

export function buildEpisode(kind: Kind, ms: number, ids: Ids, s: Services): EntrySpec[] {
  switch (kind) {
    case 'frontendOk':
      return frontendOk(ms, ids, s);
    case 'ordersOk':
      return ordersOk(ms, ids, s);
    case 'authOk':
      return authOk(ms, ids, s);
    case 'ordersCrash':
      return ordersCrash(ms, ids, s);
    case 'ordersUnavailable':
      return ordersUnavailable(ms, ids, s);
    case 'authDbTimeout':
      return authDbTimeout(ms, ids, s);
    case 'authTimeout504':
      return authTimeout504(ms, ids, s);
    case 'frontendConfig':
      return frontendConfig(ms, ids, s);
    case 'healthCheck404':
      return healthCheck404(ms, ids, s);
    case 'memoryLimit':
      return memoryLimit(ms, ids, s);
  }
}

function frontendOk(ms: number, ids: Ids, s: Services): EntrySpec[] {
  const instance = ids.pick(s.instances.frontend);
  const path = fill(ids.pick(FRONTEND_OK_ROUTES), ids);
  const latency = 0.004 + ids.rng() * 0.25;
  const out = [
    request(ms, ids, 'web-frontend', s.frontend, instance, 'GET', path, ids.chance(0.05) ? 304 : 200, latency),
  ];
  if (ids.chance(0.4)) {
    out.push({
      ms: ms + 1,
      service: 'web-frontend',
      revision: s.frontend,
      instance,
      log: 'stdout',
      jsonPayload: {
        level: 30,
        time: ms,
        pid: 1,
        hostname: 'localhost',
        msg: 'request completed',
        req: { method: 'GET', url: path },
        res: { statusCode: 200 },
        responseTime: Math.round(latency * 1000),
      },
    });
  }
  return out;
}

function ordersOk(ms: number, ids: Ids, s: Services): EntrySpec[] {
  const instance = ids.pick(s.instances.orders);
  const create = ids.chance(0.3);
  const orderId = ids.int(10000, 99999);
  const trace = newTrace(ids);
  const out = [
    request(
      ms,
      ids,
      'orders-api',
      s.ordersGood,
      instance,
      create ? 'POST' : 'GET',
      create ? '/api/orders' : `/api/orders/${orderId}`,
      create ? 201 : 200,
      0.01 + ids.rng() * 0.3,
      { trace },
    ),
  ];
  if (ids.chance(0.5)) {
    out.push({
      ms: ms + 2,
      service: 'orders-api',
      revision: s.ordersGood,
      instance,
      log: 'stdout',
      severity: 'INFO',
      trace,
      jsonPayload: {
        message: create ? `order ${orderId} created for user u_${ids.int(1000, 99999)}` : `order ${orderId} fetched`,
        logger: 'orders.api',
        order_id: orderId,
      },
    });
  }
  return out;
}

function authOk(ms: number, ids: Ids, s: Services): EntrySpec[] {
  const instance = ids.pick(s.instances.auth);
  const trace = newTrace(ids);
  const token = ids.chance(0.6);
  const out = [
    request(
      ms,
      ids,
      'auth-service',
      s.auth,
      instance,
      token ? 'POST' : 'GET',
      token ? '/v1/token' : `/v1/sessions/${ids.uuid()}`,
      200,
      0.003 + ids.rng() * 0.05,
      { trace },
      'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
    ),
  ];
  if (ids.chance(0.3)) {
    out.push({
      ms: ms + 1,
      service: 'auth-service',
      revision: s.auth,
      instance,
      log: 'stdout',
      severity: 'INFO',
      trace,
      jsonPayload: { message: 'token issued', user_id: `u_${ids.int(1000, 99999)}`, client: 'web', ttl: '3600s' },
    });
  }
  return out;
}
