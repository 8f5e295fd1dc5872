/** Outage, out-of-memory and bad-deploy hours. */
import { gunicorn, javaTrace, pyTraceback, type Frame, type HourBuilder, type Service } from './core.js';

const STARTING =
  'Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.';
const MALFORMED =
  'The request failed because either the HTTP response was malformed or connection to the instance had an error. Additional troubleshooting documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#malformed-response-or-connection-error';

export function probeFailure(container: string): string {
  return `Default STARTUP TCP probe failed 1 time consecutively for container "${container}" on port 8080. The instance was not started.\nConnection failed with status DEADLINE_EXCEEDED.`;
}

// ---------------------------------------------------------------- outage

const ORDERS_IMPORT_FRAMES: Frame[] = [
  ['/usr/local/lib/python3.12/site-packages/gunicorn/arbiter.py', 609, 'spawn_worker', 'worker.init_process()'],
  ['/usr/local/lib/python3.12/site-packages/gunicorn/workers/gthread.py', 95, 'init_process', 'super().init_process()'],
  ['/usr/local/lib/python3.12/site-packages/gunicorn/workers/base.py', 134, 'init_process', 'self.load_wsgi()'],
  [
    '/usr/local/lib/python3.12/site-packages/gunicorn/util.py',
    371,
    'import_app',
    'mod = importlib.import_module(module)',
  ],
  ['/app/orders/main.py', 9, '<module>', 'from orders.middleware import install_middleware'],
  ['/app/orders/middleware.py', 4, '<module>', 'from orders_shared.tracing import TracingMiddleware'],
];

function ordersImportTraceback(): string[] {
  return pyTraceback(
    [
      { frames: ORDERS_IMPORT_FRAMES.slice(4), exc: "ModuleNotFoundError: No module named 'orders_shared'" },
      {
        frames: [
          ...ORDERS_IMPORT_FRAMES.slice(0, 4),
          ['/app/orders/main.py', 11, '<module>', 'raise RuntimeError("middleware setup failed") from exc'],
        ],
        exc: 'RuntimeError: middleware setup failed',
      },
    ],
    'cause',
  );
}

/** One failed boot of the new orders-api revision (gunicorn binds, then its worker cannot import the app). */
function ordersBoot(h: HourBuilder, svc: Service, us: number): void {
  const ids = h.ids;
  const instance = h.instanceId();
  const P = 'orders-api/import-error';
  h.emit(svc, us, null, { log: 'varlog/system', severity: 'INFO', text: STARTING, instance });
  if (ids.chance(0.35)) {
    // The instance never answers the probe in time.
    h.emit(svc, us + ids.int(8, 10) * 1_000_000, 'orders-api/startup-probe', {
      log: 'varlog/system',
      severity: 'ERROR',
      text: probeFailure('orders-api-1'),
      instance,
    });
  }
  let t = us + ids.int(300_000, 900_000);
  t = h.lines(svc, t, instance, null, [
    gunicorn(t, 1, 'INFO', 'Starting gunicorn 22.0.0'),
    gunicorn(t, 1, 'INFO', 'Listening at: http://0.0.0.0:8080 (1)'),
    gunicorn(t, 1, 'INFO', 'Using worker: gthread'),
    gunicorn(t, 7, 'INFO', 'Booting worker with pid: 7'),
  ]);
  t += ids.int(400_000, 1_200_000);
  // The same failure, three ways, within the same second on the same instance.
  const style = ids.int(0, 2);
  if (style !== 2) {
    if (ids.chance(0.5))
      h.emit(svc, t, P, {
        log: 'stdout',
        severity: 'CRITICAL',
        json: { message: "middleware setup failed: No module named 'orders_shared'", logger: 'orders.main' },
        instance,
      });
    else
      h.emit(svc, t, P, {
        log: 'stderr',
        text: "CRITICAL:orders.main:middleware setup failed: No module named 'orders_shared'",
        instance,
        analyse: true,
      });
  }
  const tb = ordersImportTraceback();
  if (style !== 1)
    h.emit(svc, t + ids.int(100, 3000), P, {
      log: 'stdout',
      severity: 'ERROR',
      json: {
        message: 'Unhandled exception while loading the application',
        logger: 'orders.main',
        error: {
          type: 'RuntimeError',
          value: 'middleware setup failed',
          traceback: tb.join('\n'),
        },
      },
      instance,
    });
  t += ids.int(4000, 40_000);
  h.lines(svc, t, instance, P, [
    gunicorn(t, 7, 'ERROR', 'Exception in worker process'),
    ...tb,
    gunicorn(t, 7, 'INFO', 'Worker exiting (pid: 7)'),
    gunicorn(t, 1, 'ERROR', 'Worker (pid:7) exited with code 3'),
    gunicorn(t, 1, 'ERROR', 'Shutting down: Master'),
    gunicorn(t, 1, 'ERROR', 'Reason: Worker failed to boot.'),
  ]);
  h.emit(svc, t + ids.int(200_000, 600_000), 'orders-api/container-exit', {
    log: 'varlog/system',
    severity: 'WARNING',
    text: 'Container called exit(3).',
    instance,
  });
}

const FRONT_ROUTES = ['/', '/products/{n}', '/products?page={p}', '/cart', '/static/js/app.{h}.js', '/account'];
const ORDER_ROUTES = ['/orders/{n}', '/account/orders?page={p}', '/checkout/{uuid}'];

function frontendCallsOrders(h: HourBuilder, front: Service, orders: Service, us: number, failing: boolean): void {
  const ids = h.ids;
  const trace = h.newTrace();
  const route = ids.pick(ORDER_ROUTES).replace('{n}', String(ids.int(10000, 99999)));
  const path = route.replace('{uuid}', ids.uuid()).replace('{p}', String(ids.int(1, 9)));
  const instance = ids.pick(front.instances);
  const orderId = ids.int(10000, 99999);
  if (!failing) {
    h.request(front, us, null, 'GET', path, 200, { trace, instance });
    return;
  }
  const url = `https://${orders.host}/api/orders/${orderId}`;
  const status = ids.chance(0.8) ? 503 : 502;
  h.request(front, us + 1_800_000, 'web-frontend/requests-502', 'GET', path, 502, {
    trace,
    instance,
    latency: 1.5 + ids.rng() * 3,
  });
  const stack = [
    `AxiosError: Request failed with status code ${status}`,
    '    at settle (/app/node_modules/axios/dist/node/axios.cjs:2031:12)',
    '    at IncomingMessage.handleStreamEnd (/app/node_modules/axios/dist/node/axios.cjs:3148:11)',
    '    at IncomingMessage.emit (node:events:531:35)',
    '    at endReadableNT (node:internal/streams/readable:1698:12)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:90:21)',
    '    at Axios.request (/app/node_modules/axios/dist/node/axios.cjs:4258:41)',
    '    at async fetchOrder (/app/src/api/orders.js:41:20)',
  ].join('\n');
  if (ids.chance(0.6)) {
    h.emit(front, us + 1_790_000, 'web-frontend/orders-axios', {
      log: 'stdout',
      severity: 'ERROR',
      trace,
      instance,
      json: {
        message: `AxiosError: Request failed with status code ${status}`,
        err: {
          type: 'AxiosError',
          message: `Request failed with status code ${status}`,
          code: 'ERR_BAD_RESPONSE',
          stack,
          config: { method: 'get', url, timeout: 5000 },
          status,
        },
        req: { method: 'GET', url: path },
      },
    });
  } else {
    // console.error(err) of an Error with a `cause`: Node prints the cause nested.
    h.emit(front, us + 1_790_000, 'web-frontend/orders-axios', {
      log: 'stderr',
      analyse: true,
      instance,
      text: [
        `Error: failed to load order ${orderId}`,
        '    at fetchOrder (/app/src/api/orders.js:44:11)',
        '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
        '    at async /app/src/routes/orders.js:18:19 {',
        `  [cause]: ${stack.split('\n').join('\n  ')} {`,
        "    code: 'ERR_BAD_RESPONSE',",
        `    config: { method: 'get', url: '${url}' },`,
        `    status: ${status}`,
        '  }',
        '}',
      ].join('\n'),
    });
  }
}

const LEDGER_ERR = (ids: HourBuilder['ids']) =>
  ids.chance(0.7)
    ? `failed to connect to \`user=ledger database=ledger\`: 10.20.0.3:5432 (10.20.0.3): dial error: timeout: context deadline exceeded`
    : `pq: canceling statement due to statement timeout (query=SelectBalance, waited ${ids.int(5000, 5100)}ms)`;

function ledgerEpisode(h: HourBuilder, ledger: Service, from: number, to: number): void {
  const ids = h.ids;
  for (let m = from; m < to; m += 0.25 + ids.rng() * 0.3) {
    const us = h.at(m, 5);
    const trace = h.newTrace();
    const instance = ids.pick(ledger.instances);
    const account = `acc_${ids.hex(10)}`;
    h.emit(ledger, us, 'ledger/db-timeout', {
      log: 'stdout',
      severity: 'ERROR',
      trace,
      instance,
      json: {
        time: new Date(Math.floor(us / 1000)).toISOString(),
        level: 'ERROR',
        msg: 'query failed',
        error: LEDGER_ERR(ids),
        account,
        'logging.googleapis.com/sourceLocation': {
          file: '/src/internal/store/balance.go',
          line: '88',
          function: 'store.(*Store).Balance',
        },
      },
    });
    h.request(
      ledger,
      us + ids.int(1000, 90_000),
      'ledger/requests-5xx',
      'GET',
      `/v1/accounts/${account}/balance`,
      500,
      {
        trace,
        instance,
        latency: 5 + ids.rng(),
      },
    );
  }
}

export function outageHour(h: HourBuilder): void {
  const ids = h.ids;
  const ordersGood = h.runService('orders-api', 41, 3);
  const ordersBad = h.runService('orders-api', 42, 3);
  const ordersFixed = h.runService('orders-api', 43, 3);
  const front = h.runService('web-frontend', 108, 4);
  const ledger = h.runService('ledger', 17, 2);
  const INC = 'orders-api-cannot-start';
  h.incident(INC, 'orders-api cannot start: ModuleNotFoundError orders_shared');
  h.problem({
    id: 'orders-api/import-error',
    title: "ModuleNotFoundError: No module named 'orders_shared'",
    service: 'orders-api',
    priorities: ['P0'],
    incident: INC,
    root: true,
  });
  h.problem({
    id: 'orders-api/container-exit',
    title: 'Container called exit(3)',
    service: 'orders-api',
    priorities: ['P1', 'P2'],
    incident: INC,
  });
  h.problem({
    id: 'orders-api/startup-probe',
    title: 'STARTUP TCP probe failed',
    service: 'orders-api',
    priorities: ['P1', 'P2'],
    incident: INC,
  });
  h.problem({
    id: 'orders-api/requests-503',
    title: 'orders-api 503 on requests',
    service: 'orders-api',
    priorities: ['P0', 'P1'],
    incident: INC,
  });
  h.problem({
    id: 'web-frontend/requests-502',
    title: 'web-frontend 502 on order pages',
    service: 'web-frontend',
    priorities: ['P0', 'P1'],
    incident: INC,
  });
  h.problem({
    id: 'web-frontend/orders-axios',
    title: 'AxiosError calling orders-api',
    service: 'web-frontend',
    priorities: ['P1', 'P2'],
    incident: INC,
  });
  const LEDGER = 'ledger-db-timeout';
  h.incident(LEDGER, 'ledger database unreachable');
  h.problem({
    id: 'ledger/db-timeout',
    title: 'ledger database connection timeout',
    service: 'ledger',
    priorities: ['P0', 'P1'],
    incident: LEDGER,
    root: true,
  });
  h.problem({
    id: 'ledger/requests-5xx',
    title: 'ledger 500 on requests',
    service: 'ledger',
    priorities: ['P0', 'P1'],
    incident: LEDGER,
  });
  h.problem({
    id: 'web-frontend/client-404',
    title: 'web-frontend 404 from clients',
    service: 'web-frontend',
    priorities: ['ignore', 'P3'],
    noise: true,
  });

  // Outage window: hour 1 from the deploy at minute 17, hour 2 until the fix at minute 22.
  const [down, up] = h.hour === 1 ? [17 + ids.rng(), 60] : [0, 22];
  h.traffic(front, 24, FRONT_ROUTES, 0, 60, 'rendered {p} products for session {h}');
  const ordersServing = h.hour === 1 ? ordersGood : ordersFixed;
  const ordersRoutes = ['/api/orders/{n}', 'POST /api/orders', '/api/orders?customer={n}'];
  if (h.hour === 1) h.traffic(ordersGood, 9, ordersRoutes, 0, down, 'order {n} fetched');
  else h.traffic(ordersFixed, 9, ordersRoutes, up, 60, 'order {n} fetched');
  h.traffic(ledger, 6, ['/v1/accounts/acc_{h}/balance', 'POST /v1/transfers'], 0, 60);
  void ordersServing;

  for (let m = 0; m < 60; m += 0.1 + ids.rng() * 0.15) {
    frontendCallsOrders(h, front, ordersBad, h.at(m, 4), m >= down && m < up);
  }
  // Boot attempts of the broken revision, with backoff between them.
  for (let m = down + 0.05; m < up; m += 0.6 + ids.rng() * 0.9) ordersBoot(h, ordersBad, h.at(m, 3));
  // orders-api's own requests: nothing can serve them.
  for (let m = down + 0.2; m < up; m += 0.08 + ids.rng() * 0.15)
    h.request(ordersBad, h.at(m, 5), 'orders-api/requests-503', 'GET', `/api/orders/${ids.int(10000, 99999)}`, 503, {
      instance: ids.chance(0.7) ? '' : h.instanceId(),
      text: MALFORMED,
      latency: 0.002 + ids.rng() * 0.4,
      ua: 'axios/1.7.7',
    });
  // The unrelated ledger database outage.
  if (h.hour === 1) ledgerEpisode(h, ledger, 31, 47);
  else ledgerEpisode(h, ledger, 5, 9);
  for (let i = 0; i < 25; i++)
    h.request(
      front,
      h.between(0, 60),
      'web-frontend/client-404',
      'GET',
      `/products/discontinued-${ids.int(100, 999)}`,
      404,
    );
}

// ---------------------------------------------------------------- out of memory

const BILLING_FRAMES = [
  'java.base/java.util.Arrays.copyOf(Arrays.java:3541)',
  'java.base/java.io.ByteArrayOutputStream.ensureCapacity(ByteArrayOutputStream.java:100)',
  'java.base/java.io.ByteArrayOutputStream.write(ByteArrayOutputStream.java:130)',
  'com.fasterxml.jackson.core.json.UTF8JsonGenerator._flushBuffer(UTF8JsonGenerator.java:2203)',
  'com.shop.billing.export.InvoiceExporter.writeAll(InvoiceExporter.java:118)',
  'com.shop.billing.web.ExportController.export(ExportController.java:54)',
];
const SPRING_FRAMES = [
  'org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1022)',
  'org.springframework.web.servlet.FrameworkServlet.doGet(FrameworkServlet.java:903)',
  'jakarta.servlet.http.HttpServlet.service(HttpServlet.java:564)',
  'org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:205)',
];

function logback(us: number, thread: string, logger: string, message: string, stack?: string) {
  return {
    '@timestamp': new Date(Math.floor(us / 1000)).toISOString(),
    '@version': '1',
    message,
    logger_name: logger,
    thread_name: thread,
    level: 'ERROR',
    level_value: 40000,
    ...(stack ? { stack_trace: stack } : {}),
  };
}

export function oomHour(h: HourBuilder): void {
  const ids = h.ids;
  const billing = h.runService('billing-svc', 63, 4);
  const web = h.runService('web-frontend', 108, 3);
  const INC = 'billing-svc-out-of-memory';
  h.incident(INC, 'billing-svc out of memory');
  h.problem({
    id: 'billing-svc/oom-heap',
    title: 'java.lang.OutOfMemoryError: Java heap space',
    service: 'billing-svc',
    priorities: ['P0', 'P1'],
    incident: INC,
    root: true,
  });
  h.problem({
    id: 'billing-svc/memory-limit',
    title: 'Memory limit of 512 MiB exceeded',
    service: 'billing-svc',
    priorities: ['P0', 'P1'],
    incident: INC,
  });
  h.problem({
    id: 'billing-svc/signal-9',
    title: 'Container terminated on signal 9',
    service: 'billing-svc',
    priorities: ['P1', 'P2'],
    incident: INC,
  });
  h.problem({
    id: 'billing-svc/requests-503',
    title: 'billing-svc 503 on requests',
    service: 'billing-svc',
    priorities: ['P1', 'P2'],
    incident: INC,
  });
  h.problem({
    id: 'billing-svc/hikari-clock-leap',
    title: 'HikariPool thread starvation or clock leap',
    service: 'billing-svc',
    priorities: ['ignore', 'P3'],
    noise: true,
  });

  h.traffic(
    billing,
    28,
    ['/api/invoices/{n}', '/api/invoices?customer={n}', 'POST /api/invoices', '/api/exports/{uuid}'],
    0,
    60,
  );
  h.traffic(web, 20, ['/', '/billing', '/billing/invoices/{n}', '/static/css/main.{h}.css'], 0, 60);
  const startMinute = h.hour === 1 ? 12 : 0;
  for (let m = startMinute + ids.rng() * 2; m < 59; m += 2.5 + ids.rng() * 3) {
    const instance = ids.pick(billing.instances);
    let us = h.at(m, 10);
    const thread = () => `http-nio-8080-exec-${ids.int(1, 40)}`;
    for (let k = ids.int(1, 3); k > 0; k--) {
      us += ids.int(300_000, 8_000_000);
      const style = ids.int(0, 2);
      if (style === 0) {
        h.emit(billing, us, 'billing-svc/oom-heap', {
          log: 'stdout',
          severity: 'ERROR',
          instance,
          json: logback(
            us,
            thread(),
            'com.shop.billing.export.InvoiceExporter',
            'Export failed',
            javaTrace([{ exc: 'java.lang.OutOfMemoryError: Java heap space', frames: BILLING_FRAMES }]),
          ),
        });
      } else if (style === 1) {
        h.emit(billing, us, 'billing-svc/oom-heap', {
          log: 'stdout',
          severity: 'ERROR',
          instance,
          json: logback(
            us,
            thread(),
            'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]',
            'Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Handler dispatch failed: java.lang.OutOfMemoryError: Java heap space] with root cause',
            javaTrace([
              {
                exc: 'jakarta.servlet.ServletException: Handler dispatch failed: java.lang.OutOfMemoryError: Java heap space',
                frames: SPRING_FRAMES,
              },
              { exc: 'java.lang.OutOfMemoryError: Java heap space', frames: BILLING_FRAMES, more: 48 },
            ]),
          ),
        });
      } else {
        // The JVM itself prints uncaught errors to stderr, no severity.
        h.emit(billing, us, 'billing-svc/oom-heap', {
          log: 'stderr',
          instance,
          analyse: true,
          text: `Exception in thread "${thread()}" java.lang.OutOfMemoryError: Java heap space\n${BILLING_FRAMES.slice(
            0,
            4,
          )
            .map((f) => `\tat ${f}`)
            .join('\n')}`,
        });
      }
    }
    us += ids.int(500_000, 4_000_000);
    h.emit(billing, us, 'billing-svc/memory-limit', {
      log: 'varlog/system',
      severity: 'ERROR',
      instance,
      text: `Memory limit of 512 MiB exceeded with ${ids.int(513, 571)} MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits`,
    });
    h.emit(billing, us + ids.int(50_000, 300_000), 'billing-svc/signal-9', {
      log: 'varlog/system',
      severity: 'WARNING',
      instance,
      text: 'Container terminated on signal 9.',
    });
    for (let k = ids.int(2, 7); k > 0; k--)
      h.request(
        billing,
        us + ids.int(0, 400_000),
        'billing-svc/requests-503',
        ids.chance(0.5) ? 'GET' : 'POST',
        ids.chance(0.5) ? `/api/exports/${ids.uuid()}` : '/api/invoices',
        503,
        {
          instance,
          text: MALFORMED,
          latency: 1 + ids.rng() * 20,
        },
      );
    h.emit(billing, us + ids.int(2_000_000, 9_000_000), null, {
      log: 'varlog/system',
      severity: 'INFO',
      text: STARTING,
      instance: h.instanceId(),
    });
  }
  for (let m = ids.rng() * 8; m < 60; m += 6 + ids.rng() * 8) {
    const us = h.at(m);
    h.emit(billing, us, 'billing-svc/hikari-clock-leap', {
      log: 'stdout',
      severity: 'WARNING',
      json: {
        ...logback(
          us,
          'HikariPool-1 housekeeper',
          'com.zaxxer.hikari.pool.HikariPool',
          `HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=${ids.int(1, 3)}m${ids.int(1, 59)}s${ids.int(1, 999)}ms).`,
        ),
        level: 'WARN',
        level_value: 30000,
      },
    });
  }
}

// ---------------------------------------------------------------- bad deploy

const PRICE_COLUMNS = [
  "['list_price', 'currency']",
  "['Name', 'ID']",
  "['list_price']",
  "['currency', 'vat_rate', 'list_price']",
  "['ID']",
];

function pricingTraceback(productId: number, missing: string): string[] {
  return pyTraceback(
    [
      {
        frames: [
          ['/app/catalog/pricing.py', 72, 'price_for', 'row = sheet.loc[product_id, PRICE_COLUMNS]'],
          [
            '/usr/local/lib/python3.12/site-packages/pandas/core/indexing.py',
            1184,
            '__getitem__',
            'return self._getitem_tuple(key)',
          ],
          [
            '/usr/local/lib/python3.12/site-packages/pandas/core/indexes/base.py',
            6252,
            '_raise_if_missing',
            'raise KeyError(f"{not_found} not in index")',
          ],
        ],
        exc: `KeyError: "Columns not present in price sheet: ${missing}"`,
      },
      {
        frames: [
          ['/usr/local/lib/python3.12/site-packages/starlette/routing.py', 73, 'app', 'response = await func(request)'],
          [
            '/usr/local/lib/python3.12/site-packages/fastapi/routing.py',
            301,
            'app',
            'raw_response = await run_endpoint_function(',
          ],
          ['/app/catalog/routes/prices.py', 31, 'get_price', 'return pricing.price_for(product_id, currency)'],
          ['/app/catalog/pricing.py', 75, 'price_for', 'raise PricingError(f"cannot price product {product_id}")'],
        ],
        exc: `catalog.pricing.PricingError: cannot price product ${productId}`,
      },
    ],
    'context',
  );
}

function uvicornStart(): string[] {
  return [
    'INFO:     Started server process [1]',
    'INFO:     Waiting for application startup.',
    'INFO:     Application startup complete.',
    'INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)',
  ];
}

const CATALOG_ROUTES = ['/api/products/{n}', '/api/products?page={p}', '/api/categories', '/api/products/{n}/reviews'];

export function badDeployHour(h: HourBuilder): void {
  const ids = h.ids;
  const oldCommit = h.commitSha();
  const newCommit = h.commitSha();
  const oldRev = h.runService('catalog-api', 87, 3, h.buildLabels(oldCommit));
  const newRev = h.runService('catalog-api', 88, 3, h.buildLabels(newCommit));
  const INC = 'catalog-api-bad-deploy';
  h.incident(INC, 'catalog-api price route broken by the deploy');
  h.problem({
    id: 'catalog-api/pricing-keyerror',
    title: 'KeyError: Columns not present in price sheet',
    service: 'catalog-api',
    priorities: ['P0', 'P1'],
    incident: INC,
    root: true,
  });
  h.problem({
    id: 'catalog-api/price-500',
    title: 'catalog-api 500 on GET /api/products/{id}/price',
    service: 'catalog-api',
    priorities: ['P0', 'P1'],
    incident: INC,
  });
  h.problem({
    id: 'catalog-api/ecb-rates-timeout',
    title: 'currency rates refresh timed out',
    service: 'catalog-api',
    priorities: ['P1', 'P2', 'P3'],
  });
  h.problem({
    id: 'catalog-api/slow-query',
    title: 'Slow query warning',
    service: 'catalog-api',
    priorities: ['ignore', 'P3'],
    noise: true,
  });
  h.problem({
    id: 'catalog-api/client-404',
    title: 'catalog-api 404 from clients',
    service: 'catalog-api',
    priorities: ['ignore', 'P3'],
    noise: true,
  });

  const deployMinute = 24;
  const from = h.hour === 1 ? deployMinute : 0;
  if (h.hour === 1) {
    h.deploy = {
      minute: deployMinute,
      time: new Date(h.at(deployMinute) / 1000).toISOString(),
      service: 'catalog-api',
      revision: newRev.revision,
      previousRevision: oldRev.revision,
      commit: newCommit,
    };
    h.traffic(oldRev, 30, CATALOG_ROUTES, 0, deployMinute, 'served product {n}');
    for (let m = 0; m < deployMinute; m += 0.2 + ids.rng() * 0.3)
      h.request(oldRev, h.at(m, 5), null, 'GET', `/api/products/${ids.int(1000, 99999)}/price?currency=EUR`, 200);
    // New instances start, old ones drain and shut down.
    for (const instance of newRev.instances)
      h.lines(newRev, h.at(deployMinute - 1, 30), instance, null, uvicornStart(), { analyse: false });
    for (const instance of oldRev.instances)
      h.lines(oldRev, h.at(deployMinute + 0.5, 60), instance, null, [
        'INFO:     Shutting down',
        'INFO:     Waiting for application shutdown.',
        'INFO:     Application shutdown complete.',
        'INFO:     Finished server process [1]',
      ]);
  }
  h.traffic(newRev, 30, CATALOG_ROUTES, from, 60, 'served product {n}');
  for (let m = from + 0.02; m < 60; m += 0.2 + ids.rng() * 0.3) {
    const us = h.at(m, 5);
    const productId = ids.int(1000, 99999);
    const trace = h.newTrace();
    const instance = ids.pick(newRev.instances);
    // Products in the old price sheet still work; most do not.
    if (ids.chance(0.25)) {
      h.request(newRev, us, null, 'GET', `/api/products/${productId}/price?currency=EUR`, 200, { trace, instance });
      continue;
    }
    h.request(
      newRev,
      us + 40_000,
      'catalog-api/price-500',
      'GET',
      `/api/products/${productId}/price?currency=${ids.pick(['EUR', 'EUR', 'GBP', 'CHF'])}`,
      500,
      { trace, instance, latency: 0.03 + ids.rng() * 0.05 },
    );
    const tb = pricingTraceback(productId, ids.pick(PRICE_COLUMNS));
    if (ids.chance(0.5))
      h.emit(newRev, us + 30_000, 'catalog-api/pricing-keyerror', {
        log: 'stderr',
        analyse: true,
        trace,
        instance,
        text: ['ERROR:    Exception in ASGI application', ...tb].join('\n'),
      });
    else
      h.emit(newRev, us + 30_000, 'catalog-api/pricing-keyerror', {
        log: 'stdout',
        severity: 'ERROR',
        trace,
        instance,
        json: {
          message: `Unhandled error on GET /api/products/${productId}/price`,
          logger: 'catalog.errors',
          error: { type: 'PricingError', message: `cannot price product ${productId}`, traceback: tb.join('\n') },
        },
      });
  }
  // Before and after, unchanged: the currency feed times out, slow queries, clients' 404s.
  for (let m = ids.rng() * 3; m < 60; m += 2.5 + ids.rng() * 1.5) {
    const svc = m < from || h.hour === 2 ? (h.hour === 1 && m < from ? oldRev : newRev) : newRev;
    h.emit(svc, h.at(m, 5), 'catalog-api/ecb-rates-timeout', {
      log: 'stdout',
      severity: 'ERROR',
      json: {
        message: `Failed to refresh currency rates from https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml: HTTPSConnectionPool(host='www.ecb.europa.eu', port=443): Read timed out. (read timeout=5); keeping the rates of ${new Date(h.t0 / 1000 - 86_400_000).toISOString().slice(0, 10)}`,
        logger: 'catalog.rates',
      },
    });
  }
  for (let m = ids.rng() * 2; m < 60; m += 1 + ids.rng() * 2) {
    const svc = h.hour === 1 && m < from ? oldRev : newRev;
    h.emit(svc, h.at(m, 5), 'catalog-api/slow-query', {
      log: 'stdout',
      severity: 'WARNING',
      json: {
        message: `Slow query (${(1 + ids.rng() * 2).toFixed(2)}s): SELECT p.id, p.name, p.category_id FROM products p WHERE p.category_id = $1 ORDER BY p.rank LIMIT 50`,
        logger: 'catalog.db',
      },
    });
  }
  for (let i = 0; i < 30; i++) {
    const m = ids.rng() * 60;
    h.request(
      h.hour === 1 && m < from ? oldRev : newRev,
      h.at(m),
      'catalog-api/client-404',
      'GET',
      `/api/products/${ids.int(100000, 999999)}`,
      404,
    );
  }
}
