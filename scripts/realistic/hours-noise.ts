/** Flood, noisy-but-healthy and hostile hours. */
import { javaTrace, pyTraceback, type HourBuilder, type Priority, type Service } from './core.js';

// ---------------------------------------------------------------- flood

const FLOOD_LITERALS = ["'N/A'", "''", "'12,50'", "'null'", "'—'", "'1.5e3'", "'TBD'"];

function floodText(h: HourBuilder): string {
  const ids = h.ids;
  return [
    `Error processing message ${ids.int(1_000_000_000_000, 9_999_999_999_999)} from subscription projects/shop-prod/subscriptions/report-rows-push`,
    ...pyTraceback([
      {
        frames: [
          ['/app/worker/main.py', 57, 'handle', 'rows = parse_rows(payload["rows"])'],
          ['/app/worker/parse.py', 88, 'parse_rows', 'out.append(parse_row(raw))'],
          ['/app/worker/parse.py', 41, 'parse_row', 'amount_cents = int(fields[4])'],
        ],
        exc: `ValueError: invalid literal for int() with base 10: ${ids.pick(FLOOD_LITERALS)}`,
      },
    ]),
  ].join('\n');
}

interface Rare {
  id: string;
  service: string;
  priorities: Priority[];
  /** Severity; undefined = a stderr line without one. */
  severity?: string;
  render: (h: HourBuilder) => { text?: string; json?: Record<string, unknown> };
}

const py = (frames: [string, number, string, string][], exc: string) => pyTraceback([{ frames, exc }]).join('\n');

/** Thirty rare, different errors: some near-misses of the flood, some without severity, two must-page. */
export const RARE: Rare[] = [
  {
    id: 'report-worker/float-parse',
    service: 'report-worker',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: (h) => ({
      text: py(
        [['/app/worker/totals.py', 23, 'parse_total', 'total = float(fields[9])']],
        `ValueError: could not convert string to float: '${h.ids.pick(['N/A', 'n.v.', '-'])}'`,
      ),
    }),
  },
  {
    id: 'report-worker/missing-customer',
    service: 'report-worker',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: () => ({
      text: py([['/app/worker/parse.py', 91, 'parse_row', 'customer = raw["customer_id"]']], "KeyError: 'customer_id'"),
    }),
  },
  {
    id: 'report-worker/unicode',
    service: 'report-worker',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: (h) => ({
      text: py(
        [['/app/worker/main.py', 49, 'handle', 'payload = json.loads(body.decode())']],
        `UnicodeDecodeError: 'utf-8' codec can't decode byte 0x${h.ids.pick(['ff', 'fe', '9c'])} in position 0: invalid start byte`,
      ),
    }),
  },
  {
    id: 'payments-svc/kms-key-disabled',
    service: 'payments-svc',
    priorities: ['P0'],
    severity: 'ERROR',
    render: () => ({
      json: {
        message: 'Failed to decrypt card token',
        logger_name: 'com.shop.payments.crypto.TokenVault',
        level: 'ERROR',
        stack_trace: javaTrace([
          {
            exc: 'com.google.api.gax.rpc.FailedPreconditionException: io.grpc.StatusRuntimeException: FAILED_PRECONDITION: projects/shop-prod/locations/europe-west1/keyRings/payments/cryptoKeys/card-tokens/cryptoKeyVersions/3 is not enabled, current state is: DISABLED.',
            frames: [
              'com.google.api.gax.rpc.ApiExceptionFactory.createException(ApiExceptionFactory.java:102)',
              'com.shop.payments.crypto.TokenVault.decrypt(TokenVault.java:61)',
            ],
          },
          {
            exc: 'io.grpc.StatusRuntimeException: FAILED_PRECONDITION: projects/shop-prod/locations/europe-west1/keyRings/payments/cryptoKeys/card-tokens/cryptoKeyVersions/3 is not enabled, current state is: DISABLED.',
            frames: ['io.grpc.Status.asRuntimeException(Status.java:533)'],
            more: 31,
          },
        ]),
      },
    }),
  },
  {
    id: 'notify-svc/secret-denied',
    service: 'notify-svc',
    priorities: ['P0'],
    severity: 'ERROR',
    render: () => ({
      json: {
        message:
          "Error: 7 PERMISSION_DENIED: Permission 'secretmanager.versions.access' denied for resource 'projects/shop-prod/secrets/sendgrid-api-key/versions/latest' (or it may not exist).",
        stack:
          "Error: 7 PERMISSION_DENIED: Permission 'secretmanager.versions.access' denied for resource 'projects/shop-prod/secrets/sendgrid-api-key/versions/latest' (or it may not exist).\n    at callErrorFromStatus (/app/node_modules/@grpc/grpc-js/build/src/call.js:32:19)\n    at Object.onReceiveStatus (/app/node_modules/@grpc/grpc-js/build/src/client.js:193:76)\n    at async loadSecrets (/app/src/config.js:27:21)",
        code: 7,
      },
    }),
  },
  {
    id: 'session-svc/redis-refused',
    service: 'session-svc',
    priorities: ['P1', 'P2'],
    render: (h) => ({
      text: `Error: connect ECONNREFUSED 10.8.0.${h.ids.int(10, 14)}:6379\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)`,
    }),
  },
  {
    id: 'api-gateway/upstream-reset',
    service: 'api-gateway',
    priorities: ['P1', 'P2', 'P3'],
    render: () => ({
      text: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: 111',
    }),
  },
  {
    id: 'storefront/inventory-fetch-500',
    service: 'storefront',
    priorities: ['P2', 'P3'],
    render: (h) => ({
      text: `Failed to fetch https://inventory-x3kq7pd2ma-ew.a.run.app/api/stock/SKU-${h.ids.int(10000, 99999)}: HTTP 500 Internal Server Error`,
    }),
  },
  {
    id: 'invoicing/render-exit',
    service: 'invoicing',
    priorities: ['P2', 'P3'],
    render: (h) => ({
      text: `child process /app/bin/render-pdf --invoice INV-${h.ids.int(100000, 999999)} failed: exit code 1`,
    }),
  },
  {
    id: 'media-svc/resize-failed',
    service: 'media-svc',
    priorities: ['P2', 'P3'],
    render: (h) => ({
      text: `2026/11/30 ${String(h.ids.int(0, 23)).padStart(2, '0')}:14:07 thumbnail: resize of uploads/${h.ids.hex(12)}.heic failed: image: unknown format`,
    }),
  },
  {
    id: 'api-gateway/x509',
    service: 'api-gateway',
    priorities: ['P1', 'P2'],
    severity: 'ERROR',
    render: () => ({
      json: {
        message: 'proxy error',
        error:
          'Get "https://partner-api.example.net/v2/rates": tls: failed to verify certificate: x509: certificate signed by unknown authority',
      },
    }),
  },
  {
    id: 'payments-svc/webhook-signature',
    service: 'payments-svc',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: () => ({
      json: {
        message: 'Stripe webhook rejected: No signatures found matching the expected signature for payload',
        logger_name: 'com.shop.payments.web.StripeWebhookController',
        level: 'ERROR',
      },
    }),
  },
  {
    id: 'report-worker/pubsub-deadline',
    service: 'report-worker',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: () => ({
      text: py(
        [['/app/worker/publish.py', 33, 'publish_done', 'future.result(timeout=30)']],
        'google.api_core.exceptions.DeadlineExceeded: 504 Deadline Exceeded',
      ),
    }),
  },
  {
    id: 'orders-api/deadlock',
    service: 'orders-api',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: (h) => ({
      text: py(
        [['/app/orders/repo.py', 140, 'reserve', 'cur.execute(RESERVE_SQL, (order_id,))']],
        `psycopg2.errors.DeadlockDetected: deadlock detected\nDETAIL:  Process ${h.ids.int(1000, 9999)} waits for ShareLock on transaction ${h.ids.int(100000, 999999)}; blocked by process ${h.ids.int(1000, 9999)}.`,
      ),
    }),
  },
  {
    id: 'orders-api/unique-violation',
    service: 'orders-api',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: (h) => ({
      text: py(
        [['/app/orders/repo.py', 88, 'create', 'session.flush()']],
        `sqlalchemy.exc.IntegrityError: (psycopg2.errors.UniqueViolation) duplicate key value violates unique constraint "orders_external_id_key"\nDETAIL:  Key (external_id)=(ext_${h.ids.hex(8)}) already exists.`,
      ),
    }),
  },
  {
    id: 'billing-svc/concurrent-mod',
    service: 'billing-svc',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: () => ({
      json: {
        message: 'Scheduled task failed',
        logger_name: 'org.springframework.scheduling.support.TaskUtils$LoggingErrorHandler',
        level: 'ERROR',
        stack_trace: javaTrace([
          {
            exc: 'java.util.ConcurrentModificationException',
            frames: [
              'java.base/java.util.ArrayList$Itr.checkForComodification(ArrayList.java:1095)',
              'com.shop.billing.dunning.DunningJob.run(DunningJob.java:77)',
            ],
          },
        ]),
      },
    }),
  },
  {
    id: 'billing-svc/npe-invoice',
    service: 'billing-svc',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: () => ({
      json: {
        message: 'Request processing failed',
        logger_name: 'org.springframework.web.servlet.DispatcherServlet',
        level: 'ERROR',
        stack_trace: javaTrace([
          {
            exc: 'java.lang.NullPointerException: Cannot invoke "com.shop.billing.Invoice.getTotal()" because "invoice" is null',
            frames: ['com.shop.billing.web.InvoiceController.total(InvoiceController.java:93)'],
          },
        ]),
      },
    }),
  },
  {
    id: 'storefront/undefined-items',
    service: 'storefront',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: () => ({
      json: {
        message: "TypeError: Cannot read properties of undefined (reading 'items')",
        stack:
          "TypeError: Cannot read properties of undefined (reading 'items')\n    at renderCart (/app/.next/server/pages/cart.js:1:4410)\n    at async getServerSideProps (/app/.next/server/pages/cart.js:1:5121)",
      },
    }),
  },
  {
    id: 'storefront/stack-overflow',
    service: 'storefront',
    priorities: ['P1', 'P2', 'P3'],
    severity: 'ERROR',
    render: () => ({
      json: {
        message: 'Unhandled rejection: RangeError: Maximum call stack size exceeded',
        stack:
          'RangeError: Maximum call stack size exceeded\n    at flattenCategories (/app/src/lib/categories.js:12:22)\n    at flattenCategories (/app/src/lib/categories.js:14:12)',
      },
    }),
  },
  {
    id: 'media-svc/index-panic',
    service: 'media-svc',
    priorities: ['P1', 'P2'],
    severity: 'ERROR',
    render: (h) => ({
      text: `panic: runtime error: index out of range [${h.ids.int(3, 5)}] with length 3\n\ngoroutine ${h.ids.int(20, 900)} [running]:\nmain.(*Resizer).pick(...)\n\t/src/resize.go:88 +0x1a4\nmain.handleUpload(0xc000482000)\n\t/src/upload.go:41 +0x2bd`,
    }),
  },
  {
    id: 'report-worker/gcs-not-found',
    service: 'report-worker',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: () => ({
      text: py(
        [['/app/worker/export.py', 61, 'load_previous', 'blob.download_to_filename(path)']],
        'google.api_core.exceptions.NotFound: 404 GET https://storage.googleapis.com/download/storage/v1/b/shop-exports/o/reports%2F2026-11-29.csv?alt=media: No such object: shop-exports/reports/2026-11-29.csv',
      ),
    }),
  },
  {
    id: 'session-svc/redis-oom',
    service: 'session-svc',
    priorities: ['P1', 'P2'],
    severity: 'ERROR',
    render: () => ({
      json: {
        message: "ReplyError: OOM command not allowed when used memory > 'maxmemory'.",
        command: { name: 'set', args: ['sess:…'] },
      },
    }),
  },
  {
    id: 'report-worker/bq-quota',
    service: 'report-worker',
    priorities: ['P1', 'P2', 'P3'],
    severity: 'ERROR',
    render: () => ({
      text: py(
        [['/app/worker/bq.py', 19, 'run_query', 'return job.result()']],
        'google.api_core.exceptions.Forbidden: 403 Quota exceeded: Your project exceeded quota for free query bytes scanned. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas',
      ),
    }),
  },
  {
    id: 'notify-svc/smtp-auth',
    service: 'notify-svc',
    priorities: ['P1', 'P2'],
    severity: 'ERROR',
    render: () => ({
      json: {
        message: 'Error: Invalid login: 535-5.7.8 Username and Password not accepted.',
        code: 'EAUTH',
        responseCode: 535,
        command: 'AUTH PLAIN',
      },
    }),
  },
  {
    id: 'report-worker/tasks-429',
    service: 'report-worker',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: () => ({
      text: py(
        [['/app/worker/tasks.py', 27, 'enqueue', 'client.create_task(parent=queue, task=task)']],
        "google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for quota metric 'Requests' and limit 'Requests per minute' of service 'cloudtasks.googleapis.com'",
      ),
    }),
  },
  {
    id: 'billing-svc/fk-violation',
    service: 'billing-svc',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: () => ({
      json: {
        message: 'Could not save invoice',
        logger_name: 'com.shop.billing.InvoiceService',
        level: 'ERROR',
        stack_trace: javaTrace([
          {
            exc: 'org.springframework.dao.DataIntegrityViolationException: could not execute statement [ERROR: insert or update on table "invoice" violates foreign key constraint "fk_invoice_customer"]',
            frames: ['com.shop.billing.InvoiceService.save(InvoiceService.java:58)'],
          },
        ]),
      },
    }),
  },
  {
    id: 'api-gateway/jwt-expired',
    service: 'api-gateway',
    priorities: ['ignore', 'P3', 'P2'],
    severity: 'WARNING',
    render: () => ({
      json: {
        message: 'service-to-service token rejected: jwt.exceptions.ExpiredSignatureError: Signature has expired',
      },
    }),
  },
  {
    id: 'invoicing/enospc',
    service: 'invoicing',
    priorities: ['P1', 'P2'],
    render: (h) => ({
      text: `Error: ENOSPC: no space left on device, write\n    at async writeFile (node:internal/fs/promises:1200:14)\n    at async renderInvoice (/app/src/render.js:${h.ids.int(40, 42)}:5)`,
    }),
  },
  {
    id: 'report-worker/loop-closed',
    service: 'report-worker',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: () => ({
      text: py(
        [
          [
            '/usr/local/lib/python3.12/asyncio/base_events.py',
            545,
            '_check_closed',
            "raise RuntimeError('Event loop is closed')",
          ],
        ],
        'RuntimeError: Event loop is closed',
      ),
    }),
  },
  {
    id: 'media-svc/firestore-deadline',
    service: 'media-svc',
    priorities: ['P2', 'P3'],
    severity: 'ERROR',
    render: () => ({
      json: {
        message: 'saving metadata failed',
        error: 'rpc error: code = DeadlineExceeded desc = context deadline exceeded',
      },
    }),
  },
];

export function floodHour(h: HourBuilder, floodCount: number): void {
  const ids = h.ids;
  const worker = h.runService('report-worker', 211, 6);
  const services = new Map<string, Service>([['report-worker', worker]]);
  for (const name of [
    'payments-svc',
    'notify-svc',
    'session-svc',
    'api-gateway',
    'storefront',
    'invoicing',
    'media-svc',
    'orders-api',
    'billing-svc',
  ])
    services.set(name, h.runService(name, 20 + h.fixed.int(1, 200), 2));
  const FLOOD = h.problem({
    id: 'report-worker/parse-valueerror',
    title: 'ValueError: invalid literal for int()',
    service: 'report-worker',
    priorities: ['P0', 'P1', 'P2'],
  });
  h.flood = { problem: FLOOD, count: floodCount };
  for (const r of RARE) h.problem({ id: r.id, title: r.id, service: r.service, priorities: r.priorities });
  h.rare = RARE.map((r) => r.id);
  for (let i = 0; i < floodCount; i++)
    h.emit(worker, h.between(0, 60), FLOOD, { log: 'stdout', severity: 'ERROR', text: floodText(h) });
  for (const r of RARE) {
    const svc = services.get(r.service)!;
    const instance = ids.pick(svc.instances);
    let us = h.between(1, 58);
    for (let k = ids.int(1, 3); k > 0; k--) {
      const body = r.render(h);
      h.emit(svc, us, r.id, {
        log: r.severity ? (body.json ? 'stdout' : 'stderr') : 'stderr',
        severity: r.severity,
        analyse: true,
        text: body.text,
        json: body.json,
        instance,
      });
      us += ids.int(2, 400) * 1_000_000;
    }
  }
  h.traffic(services.get('storefront')!, 20, ['/', '/products/{n}', '/cart'], 0, 60);
  h.traffic(services.get('orders-api')!, 8, ['/api/orders/{n}'], 0, 60);
  h.traffic(worker, 10, ['POST /_ah/push-handlers/report-rows'], 0, 60);
}

// ---------------------------------------------------------------- noisy but healthy

const SCAN_PATHS = [
  '/wp-login.php',
  '/.env',
  '/.git/config',
  '/wp-admin/setup-config.php',
  '/phpmyadmin/index.php',
  '/xmlrpc.php',
  '/.aws/credentials',
  '/actuator/env',
  '/server-status',
  '/cgi-bin/luci/;stok=/locale',
  '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php',
  '/.DS_Store',
  '/config.json',
  '/backup.zip',
];
const SCANNER_AGENTS = [
  'Mozilla/5.0 zgrab/0.x',
  'python-requests/2.32.3',
  'Go-http-client/1.1',
  'Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.88 Safari/537.36',
];

export function noisyHour(h: HourBuilder, extraTraffic = 0): void {
  const ids = h.ids;
  const store = h.runService('storefront', 311, 5);
  const search = h.runService('search-svc', 45, 3);
  const NOISE = (id: string, service: string, title: string, priorities: Priority[] = ['ignore', 'P3']) =>
    h.problem({ id, title, service, priorities, noise: true });
  NOISE('storefront/scanner-404', 'storefront', 'scanner 404s');
  NOISE('search-svc/scanner-404', 'search-svc', 'scanner 404s');
  NOISE('storefront/client-401', 'storefront', '401 on /api/account');
  NOISE('storefront/client-404', 'storefront', '404 on product pages');
  NOISE('storefront/cart-422', 'storefront', '422 on POST /api/cart/items');
  NOISE('search-svc/utcnow-deprecation', 'search-svc', 'DeprecationWarning: datetime.utcnow()');
  NOISE('storefront/search-retry', 'storefront', 'search timed out, retrying', ['ignore', 'P3', 'P2']);

  const storeRoutes = [
    '/',
    '/products/{n}',
    '/products?page={p}',
    '/cart',
    'POST /api/cart/items',
    '/api/account',
    '/static/js/{h}.js',
    '/search?q={h}',
  ];
  h.traffic(store, 70 + extraTraffic / 120, storeRoutes, 0, 60, 'GET page rendered in {n}us');
  h.traffic(search, 35 + extraTraffic / 120, ['/search?q={h}', '/suggest?q={h}'], 0, 60, 'search took {p}ms');
  // Node's deprecation warning at each instance start: stderr, no severity, not a failure.
  for (const instance of store.instances)
    h.lines(store, h.at(ids.rng() * 50), instance, null, [
      '(node:1) [DEP0040] DeprecationWarning: The `punycode` module is deprecated. Please use a userland alternative instead.',
      '(Use `node --trace-deprecation ...` to show where the warning was created)',
    ]);
  // Scanners: bursts of many paths from one address.
  for (let burst = 0; burst < 9; burst++) {
    const svc = burst % 3 === 2 ? search : store;
    const remoteIp = `${ids.int(1, 223)}.${ids.int(0, 255)}.${ids.int(0, 255)}.${ids.int(1, 254)}`;
    const ua = ids.pick(SCANNER_AGENTS);
    let us = h.between(0, 59);
    for (let i = ids.int(10, 40); i > 0; i--) {
      const path = ids.chance(0.7)
        ? ids.pick(SCAN_PATHS)
        : `/${ids.letters(ids.int(3, 9))}.${ids.pick(['php', 'asp', 'jsp', 'bak', 'sql'])}`;
      h.request(svc, us, `${svc.name}/scanner-404`, ids.chance(0.1) ? 'POST' : 'GET', path, 404, {
        remoteIp,
        ua,
        latency: 0.002 + ids.rng() * 0.01,
      });
      us += ids.int(50_000, 900_000);
    }
  }
  for (let i = 0; i < 110; i++) h.request(store, h.between(0, 60), 'storefront/client-401', 'GET', '/api/account', 401);
  for (let i = 0; i < 55; i++)
    h.request(
      store,
      h.between(0, 60),
      'storefront/client-404',
      'GET',
      `/products/${ids.letters(6)}-${ids.int(100, 999)}`,
      404,
    );
  for (let i = 0; i < 30; i++)
    h.request(store, h.between(0, 60), 'storefront/cart-422', 'POST', '/api/cart/items', 422);
  for (let i = 0; i < 40; i++)
    h.emit(search, h.between(0, 60), 'search-svc/utcnow-deprecation', {
      log: 'stdout',
      severity: 'WARNING',
      json: {
        message:
          '/app/search/ranking.py:44: DeprecationWarning: datetime.datetime.utcnow() is deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: datetime.datetime.now(datetime.UTC).',
        logger: 'py.warnings',
      },
    });
  for (let i = 0; i < 8; i++) {
    const us = h.between(0, 59);
    const trace = h.newTrace();
    h.emit(store, us, 'storefront/search-retry', {
      log: 'stdout',
      severity: 'WARNING',
      trace,
      json: { message: `GET https://${search.host}/search timed out after 2000ms, retrying (attempt 1 of 3)` },
    });
    h.emit(store, us + ids.int(100_000, 600_000), null, {
      log: 'stdout',
      severity: 'INFO',
      trace,
      json: { message: 'search succeeded after 1 retry' },
    });
  }
}

// ---------------------------------------------------------------- hostile

const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IjZmNzI1NDEwMWY1NmU0MWNmMzVjOTkyNmRlODRhMmQ1NTJiNGM2ZjEiLCJ0eXAiOiJKV1QifQ.eyJpc3MiOiJodHRwczovL2FjY291bnRzLmdvb2dsZS5jb20iLCJzdWIiOiIxMTAxNjk0ODQ0NzQzODYyNzY1MzQiLCJlbWFpbCI6ImphbmUuZG9lQGV4YW1wbGUuY29tIn0.MEUCIQDd3v2Zq8sYwTn4kX1nLrGmP0aQe9vJ7yFh2cU5oKbWzAIgR4tE';

export function hostileHour(h: HourBuilder): void {
  const ids = h.ids;
  const accounts = h.runService('accounts-api', 52, 3);
  const notify = h.runService('notify-svc', 19, 2);
  const proxy = h.runService('payments-proxy', 8, 2);
  const git = h.gkeService('git-sync', 'platform', 2);
  const CB = 'accounts-api-oauth-callback';
  h.incident(CB, 'OAuth callback fails on a malformed Authorization header');
  h.problem({
    id: 'accounts-api/auth-header',
    title: 'ValueError: malformed Authorization header',
    service: 'accounts-api',
    priorities: ['P1', 'P2'],
    incident: CB,
    root: true,
  });
  h.problem({
    id: 'accounts-api/callback-500',
    title: '500 on GET /oauth/callback',
    service: 'accounts-api',
    priorities: ['P1', 'P2'],
    incident: CB,
  });
  h.problem({
    id: 'accounts-api/sa-key',
    title: 'Could not deserialize key data',
    service: 'accounts-api',
    priorities: ['P1', 'P2'],
  });
  h.problem({
    id: 'notify-svc/smtp-rejected',
    title: 'all recipients were rejected',
    service: 'notify-svc',
    priorities: ['P2', 'P3'],
  });
  h.problem({
    id: 'notify-svc/template-render',
    title: 'Template render failed',
    service: 'notify-svc',
    priorities: ['P2', 'P3'],
  });
  h.problem({
    id: 'notify-svc/webhook-json',
    title: 'SyntaxError parsing webhook body',
    service: 'notify-svc',
    priorities: ['P2', 'P3'],
  });
  h.problem({
    id: 'payments-proxy/invalid-key',
    title: 'stripe AuthenticationError: Invalid API Key',
    service: 'payments-proxy',
    priorities: ['P1', 'P2'],
  });
  h.problem({
    id: 'git-sync/clone-auth',
    title: 'git clone: could not read Username',
    service: 'git-sync',
    priorities: ['P1', 'P2'],
  });
  h.problem({
    id: 'accounts-api/user-not-found',
    title: 'user not found in tenant',
    service: 'accounts-api',
    priorities: ['ignore', 'P3'],
    noise: true,
  });

  h.traffic(
    accounts,
    20,
    ['/v1/me', 'POST /v1/sessions', '/oauth/authorize?client_id={h}'],
    0,
    60,
    'session issued for {uuid}',
  );
  h.traffic(notify, 8, ['POST /v1/send', 'POST /v1/webhooks/sendgrid'], 0, 60);
  h.traffic(proxy, 6, ['POST /v1/charges'], 0, 60);
  for (let i = ids.int(18, 30); i > 0; i--) {
    const us = h.between(0, 60);
    const trace = h.newTrace();
    const instance = ids.pick(accounts.instances);
    const code = `4/0AeaYSH${ids.letters(20)}${ids.hex(12)}`;
    h.request(
      accounts,
      us + 20_000,
      'accounts-api/callback-500',
      'GET',
      `/oauth/callback?code=${encodeURIComponent(code)}&state=${ids.hex(16)}&access_token=ya29.a0AfB_by${ids.letters(30)}&scope=email%20profile`,
      500,
      { trace, instance },
    );
    const header = ids.chance(0.5) ? `Bearer ${JWT}` : `Bearer ${JWT.slice(0, 40)}\u200b${JWT.slice(40)}`;
    h.emit(accounts, us, 'accounts-api/auth-header', {
      log: 'stdout',
      severity: 'ERROR',
      trace,
      instance,
      json: {
        message: `Exception on /oauth/callback [GET]\n${pyTraceback([
          {
            frames: [
              ['/app/accounts/oauth.py', 118, 'callback', 'claims = verify(request.headers["Authorization"])'],
              [
                '/app/accounts/tokens.py',
                40,
                'verify',
                'raise ValueError(f"malformed Authorization header: {header!r}")',
              ],
            ],
            exc: `ValueError: malformed Authorization header: '${header}' (user jane.doe+${ids.int(1, 99)}@example.com)`,
          },
        ]).join('\n')}`,
      },
    });
  }
  for (let i = ids.int(3, 6); i > 0; i--)
    h.emit(accounts, h.between(0, 60), 'accounts-api/sa-key', {
      log: 'stderr',
      analyse: true,
      text: pyTraceback([
        {
          frames: [
            [
              '/app/accounts/signing.py',
              22,
              'load_signer',
              'key = serialization.load_pem_private_key(raw, password=None)',
            ],
          ],
          exc: `ValueError: ('Could not deserialize key data. The data may be in an incorrect format, it may be encrypted with an unsupported algorithm, or it may be an unsupported key type', [<OpenSSLError(code=${ids.int(100000000, 999999999)}, lib=13, reason=168, reason_text=wrong tag)>]) in key '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC${ids.letters(40)}\\n-----END PRIVATE KEY-----\\n'`,
        },
      ]).join('\n'),
    });
  for (let i = ids.int(5, 12); i > 0; i--)
    h.emit(notify, h.between(0, 60), 'notify-svc/smtp-rejected', {
      log: 'stdout',
      severity: 'ERROR',
      json: {
        message: `Error: Can't send mail - all recipients were rejected: 550 5.1.1 <${ids.letters(5)}.${ids.letters(6)}@example.com>: Recipient address rejected: User unknown in virtual mailbox table`,
        code: 'EENVELOPE',
      },
    });
  for (let i = ids.int(3, 8); i > 0; i--)
    h.emit(notify, h.between(0, 60), 'notify-svc/template-render', {
      log: 'stdout',
      severity: 'ERROR',
      json: {
        message: `Template render failed for ticket #${ids.int(100, 999)} (cc @octocat @acme/oncall): <img src=x onerror=alert(1)> unexpected token \`\`\`\`\`\` at line 3 <!-- --> [details](javascript:alert(1)) </details>`,
      },
    });
  for (let i = ids.int(2, 4); i > 0; i--) {
    const junk = `<html><body>${'<div class="x">&lt;script&gt;alert(1)&lt;/script&gt; @everyone #1 ``` '.repeat(900)}</body></html>`;
    h.emit(notify, h.between(0, 60), 'notify-svc/webhook-json', {
      log: 'stderr',
      analyse: true,
      text: `SyntaxError: Unexpected token '<', "<html><bod"... is not valid JSON while parsing webhook body (${junk.length} bytes): ${junk}`,
    });
  }
  for (let i = ids.int(4, 10); i > 0; i--)
    h.emit(proxy, h.between(0, 60), 'payments-proxy/invalid-key', {
      log: 'stdout',
      severity: 'ERROR',
      json: {
        message: `stripe.error.AuthenticationError: Invalid API Key provided: sk_live_51H${ids.letters(4)}\u200b${ids.hex(20)}\u200d${ids.letters(6)}`,
        logger: 'proxy.charges',
      },
    });
  for (let i = ids.int(6, 12); i > 0; i--)
    h.emit(git, h.between(0, 60), 'git-sync/clone-auth', {
      log: 'stderr',
      severity: 'ERROR',
      text: `fatal: could not read Username for 'https://x-access-token:ghs_${ids.letters(8)}${ids.hex(28)}@github.com': terminal prompts disabled`,
    });
  for (let i = ids.int(10, 20); i > 0; i--)
    h.emit(accounts, h.between(0, 60), 'accounts-api/user-not-found', {
      log: 'stdout',
      severity: 'WARNING',
      json: {
        message: `User ${ids.letters(6)}@example.com (@${ids.letters(5)}) not found in tenant #${ids.int(1000, 9999)}`,
      },
    });
}
