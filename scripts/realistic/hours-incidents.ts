/** Incident hours of issue 13: two overlapping root causes, a symptom outliving its root, trace-linked services. */
import { javaTrace, pyTraceback, type HourBuilder, type Service } from './core.js';
import { probeFailure } from './hours-outage.js';

// ---------------------------------------------------------------- overlap

export function overlapHour(h: HourBuilder): void {
  const ids = h.ids;
  const cart = h.runService('cart-api', 74, 3);
  const inv = h.gkeService('inventory-worker', 'inventory', 3);
  const REDIS = 'cart-api-redis-down';
  h.incident(REDIS, 'cart-api cannot reach Redis');
  h.problem({
    id: 'cart-api/redis-econnrefused',
    title: 'ioredis ECONNREFUSED 10.3.0.5:6379',
    service: 'cart-api',
    priorities: ['P0', 'P1'],
    incident: REDIS,
    root: true,
  });
  h.problem({
    id: 'cart-api/connection-closed',
    title: 'Error: Connection is closed.',
    service: 'cart-api',
    priorities: ['P0', 'P1', 'P2'],
    incident: REDIS,
  });
  h.problem({
    id: 'cart-api/requests-500',
    title: 'cart-api 500 on requests',
    service: 'cart-api',
    priorities: ['P0', 'P1'],
    incident: REDIS,
  });
  const CFG = 'inventory-worker-bad-config';
  h.incident(CFG, 'inventory-worker cannot start: missing config');
  h.problem({
    id: 'inventory-worker/config-panic',
    title: 'panic: config: required key INVENTORY_PUBSUB_TOPIC missing',
    service: 'inventory-worker',
    priorities: ['P0', 'P1'],
    incident: CFG,
    root: true,
  });
  h.problem({
    id: 'inventory-worker/backoff',
    title: 'Back-off restarting failed container',
    service: 'inventory-worker',
    priorities: ['P1', 'P2'],
    incident: CFG,
  });

  const [redisFrom, redisTo] = h.hour === 1 ? [14 + ids.rng(), 60] : [0, 8 + ids.rng() * 2];
  const [cfgFrom, cfgTo] = h.hour === 1 ? [15 + ids.rng(), 60] : [0, 20];
  h.traffic(cart, 25, ['/api/cart/{uuid}', 'POST /api/cart/{uuid}/items'], 0, redisFrom);
  h.traffic(cart, 25, ['/api/cart/{uuid}', 'POST /api/cart/{uuid}/items'], redisTo, 60);
  for (const instance of cart.instances)
    for (let m = redisFrom + ids.rng() * 0.2; m < redisTo; m += 0.4 + ids.rng() * 0.5)
      h.emit(cart, h.at(m, 3), 'cart-api/redis-econnrefused', {
        log: 'stderr',
        analyse: true,
        instance,
        text: `[ioredis] Unhandled error event: Error: connect ECONNREFUSED 10.3.0.5:6379\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)`,
      });
  for (let m = redisFrom + 0.1; m < redisTo; m += 0.05 + ids.rng() * 0.1) {
    const us = h.at(m, 3);
    const trace = h.newTrace();
    const instance = ids.pick(cart.instances);
    const cartId = ids.uuid();
    h.emit(cart, us, 'cart-api/connection-closed', {
      log: 'stdout',
      severity: 'ERROR',
      trace,
      instance,
      json: {
        message: `Failed to load cart ${cartId}`,
        err: {
          type: 'Error',
          message: 'Connection is closed.',
          stack:
            'Error: Connection is closed.\n    at close (/app/node_modules/ioredis/built/redis/event_handler.js:214:25)\n    at Socket.<anonymous> (/app/node_modules/ioredis/built/redis/event_handler.js:181:20)',
        },
      },
    });
    h.request(cart, us + 3000, 'cart-api/requests-500', 'GET', `/api/cart/${cartId}`, 500, {
      trace,
      instance,
      latency: 0.01 + ids.rng() * 0.05,
    });
  }
  // inventory-worker on GKE: every restart panics on the missing key; the kubelet backs off.
  for (const pod of inv.instances) {
    for (let m = cfgFrom + ids.rng(); m < cfgTo; m += 1.5 + ids.rng() * 3.5) {
      const us = h.at(m, 5);
      h.emit(inv, us, null, {
        log: 'stdout',
        severity: 'INFO',
        instance: pod,
        json: {
          level: 'info',
          msg: 'starting inventory-worker',
          version: '1.14.2',
          message: 'starting inventory-worker',
        },
      });
      // GKE marks every stderr line ERROR.
      h.lines(
        inv,
        us + ids.int(2000, 40_000),
        pod,
        'inventory-worker/config-panic',
        [
          'panic: config: required key "INVENTORY_PUBSUB_TOPIC" missing value',
          '',
          'goroutine 1 [running]:',
          'main.mustLoadConfig(...)',
          '\t/src/cmd/worker/main.go:48 +0x1c5',
          'main.main()',
          '\t/src/cmd/worker/main.go:23 +0x25',
        ],
        { severity: 'ERROR' },
      );
      h.emit(inv, us + ids.int(1_000_000, 10_000_000), 'inventory-worker/backoff', {
        log: 'events',
        severity: 'WARNING',
        instance: pod,
        json: {
          apiVersion: 'v1',
          kind: 'Event',
          type: 'Warning',
          reason: 'BackOff',
          message: `Back-off restarting failed container inventory-worker in pod ${pod}_inventory(${ids.uuid()})`,
          involvedObject: {
            kind: 'Pod',
            namespace: 'inventory',
            name: pod,
            fieldPath: 'spec.containers{inventory-worker}',
          },
          source: { component: 'kubelet', host: inv.node },
        },
      });
    }
  }
}

// ---------------------------------------------------------------- symptom outlives root

function uvicornStartupFailure(): string[] {
  return [
    'INFO:     Waiting for application startup.',
    'ERROR:    Traceback (most recent call last):',
    ...pyTraceback([
      {
        frames: [
          [
            '/usr/local/lib/python3.12/site-packages/starlette/routing.py',
            693,
            'lifespan',
            'async with self.lifespan_context(app) as maybe_state:',
          ],
          ['/app/search/main.py', 31, 'lifespan', 'settings = Settings()'],
          ['/usr/local/lib/python3.12/site-packages/pydantic_settings/main.py', 171, '__init__', 'super().__init__('],
        ],
        exc: [
          'pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings',
          'elasticsearch_url',
          '  Field required [type=missing, input_value={}, input_type=dict]',
          '    For further information visit https://errors.pydantic.dev/2.9/v/missing',
        ].join('\n'),
      },
    ]).slice(1),
    'ERROR:    Application startup failed. Exiting.',
  ];
}

function storefrontSearch(
  h: HourBuilder,
  store: Service,
  search: Service,
  us: number,
  mode: 'ok' | 'down' | 'stale',
): void {
  const ids = h.ids;
  const trace = h.newTrace();
  const q = ids.pick(['boots', 'rain+jacket', 'socks', 'wool', 'gift+card', 'sale']);
  const instance = ids.pick(store.instances);
  if (mode === 'ok') {
    h.request(store, us, null, 'GET', `/search?q=${q}`, 200, { trace, instance });
    return;
  }
  h.request(store, us + 30_000, 'storefront/search-502', 'GET', `/search?q=${q}`, 502, { trace, instance });
  if (mode === 'down')
    h.emit(store, us, 'storefront/search-upstream', {
      log: 'stdout',
      severity: 'ERROR',
      trace,
      instance,
      json: {
        message: `search-api responded 503 for https://${search.host}/v1/search?q=${q}`,
        err: { type: 'UpstreamError', message: 'search-api responded 503', status: 503 },
      },
    });
  else
    h.emit(store, us, 'storefront/search-socket-hangup', {
      log: 'stdout',
      severity: 'ERROR',
      trace,
      instance,
      json: {
        message: 'search request failed: socket hang up',
        err: {
          type: 'Error',
          message: 'socket hang up',
          code: 'ECONNRESET',
          stack:
            'Error: socket hang up\n    at TLSSocket.socketOnEnd (node:_http_client:524:23)\n    at TLSSocket.emit (node:events:531:35)\n    at endReadableNT (node:internal/streams/readable:1698:12)',
        },
        upstream: `https://${search.host}/v1/search`,
      },
    });
}

export function symptomHour(h: HourBuilder): void {
  const ids = h.ids;
  const searchOld = h.runService('search-api', 30, 2);
  const searchBad = h.runService('search-api', 31, 2);
  const searchFixed = h.runService('search-api', 32, 2);
  const store = h.runService('storefront', 312, 4);
  const INC = 'search-api-cannot-start';
  const STALE = 'storefront-stale-search-connections';
  if (h.hour === 1) {
    h.incident(INC, 'search-api cannot start: missing ELASTICSEARCH_URL');
    h.problem({
      id: 'search-api/settings-validation',
      title: 'ValidationError: elasticsearch_url Field required',
      service: 'search-api',
      priorities: ['P0'],
      incident: INC,
      root: true,
    });
    h.problem({
      id: 'search-api/container-exit',
      title: 'Container called exit(3)',
      service: 'search-api',
      priorities: ['P1', 'P2'],
      incident: INC,
    });
    h.problem({
      id: 'search-api/startup-probe',
      title: 'STARTUP TCP probe failed',
      service: 'search-api',
      priorities: ['P1', 'P2'],
      incident: INC,
    });
    h.problem({
      id: 'search-api/requests-503',
      title: 'search-api 503 on requests',
      service: 'search-api',
      priorities: ['P0', 'P1'],
      incident: INC,
    });
    h.problem({
      id: 'storefront/search-502',
      title: 'storefront 502 on /search',
      service: 'storefront',
      priorities: ['P0', 'P1'],
      incident: INC,
    });
    h.problem({
      id: 'storefront/search-upstream',
      title: 'search-api responded 503',
      service: 'storefront',
      priorities: ['P1', 'P2'],
      incident: INC,
    });
    h.problem({
      id: 'storefront/search-socket-hangup',
      title: 'socket hang up calling search-api',
      service: 'storefront',
      priorities: ['P1', 'P2'],
      incident: INC,
    });
  } else {
    // The root is gone: what is left is a problem of its own.
    h.incident(STALE, 'storefront: stale connections to search-api');
    h.problem({
      id: 'storefront/search-socket-hangup',
      title: 'socket hang up calling search-api',
      service: 'storefront',
      priorities: ['P1', 'P2'],
      incident: STALE,
      root: true,
    });
    h.problem({
      id: 'storefront/search-502',
      title: 'storefront 502 on /search',
      service: 'storefront',
      priorities: ['P1', 'P2'],
      incident: STALE,
    });
  }
  const down = 20 + ids.rng();
  const fixed = 44 + ids.rng();
  h.traffic(store, 40, ['/', '/products/{n}', '/cart', '/checkout'], 0, 60);
  if (h.hour === 1) {
    h.traffic(searchOld, 12, ['/v1/search?q={h}'], 0, down);
    h.traffic(searchFixed, 12, ['/v1/search?q={h}'], fixed, 60);
    for (let m = down + 0.1; m < fixed; m += 0.7 + ids.rng() * 0.8) {
      const us = h.at(m, 3);
      const instance = h.instanceId();
      h.emit(searchBad, us, null, { log: 'stderr', text: 'INFO:     Started server process [1]', instance });
      h.lines(searchBad, us + ids.int(500, 5000), instance, 'search-api/settings-validation', uvicornStartupFailure());
      h.emit(searchBad, us + ids.int(300_000, 900_000), 'search-api/container-exit', {
        log: 'varlog/system',
        severity: 'WARNING',
        text: 'Container called exit(3).',
        instance,
      });
      if (ids.chance(0.5))
        h.emit(searchBad, us + ids.int(1_000_000, 2_000_000), 'search-api/startup-probe', {
          log: 'varlog/system',
          severity: 'ERROR',
          text: probeFailure('search-api-1'),
          instance,
        });
    }
    for (let m = down + 0.2; m < fixed; m += 0.15 + ids.rng() * 0.2)
      h.request(searchBad, h.at(m, 4), 'search-api/requests-503', 'GET', `/v1/search?q=${ids.letters(5)}`, 503, {
        instance: '',
        text: 'The request was aborted because there was no available instance. Additional troubleshooting documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#abort-request',
        ua: 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
      });
  } else {
    h.traffic(searchFixed, 12, ['/v1/search?q={h}'], 0, 60);
  }
  const staleUntil = h.hour === 1 ? 60 : 12 + ids.rng() * 3;
  for (let m = 0; m < 60; m += 0.08 + ids.rng() * 0.12) {
    let mode: 'ok' | 'down' | 'stale' = 'ok';
    if (h.hour === 1 && m >= down && m < fixed) mode = 'down';
    else if (((h.hour === 1 && m >= fixed) || h.hour === 2) && m < staleUntil && ids.chance(0.35)) mode = 'stale';
    storefrontSearch(h, store, searchFixed, h.at(m, 4), mode);
  }
}

// ---------------------------------------------------------------- trace-linked

export function traceLinkedHour(h: HourBuilder): void {
  const ids = h.ids;
  const web = h.runService('checkout-web', 140, 3);
  const pricing = h.runService('pricing-svc', 57, 3);
  const INC = 'pricing-missing-price-list';
  h.incident(INC, 'pricing-svc has no price list for some currencies; checkout quotes fail');
  h.problem({
    id: 'pricing-svc/no-price-list',
    title: 'IllegalStateException: No price list for currency',
    service: 'pricing-svc',
    priorities: ['P0', 'P1'],
    incident: INC,
    root: true,
  });
  h.problem({
    id: 'pricing-svc/requests-500',
    title: 'pricing-svc 500 on POST /v2/quotes',
    service: 'pricing-svc',
    priorities: ['P0', 'P1'],
    incident: INC,
  });
  h.problem({
    id: 'checkout-web/requests-500',
    title: 'checkout-web 500 on POST /checkout/quote',
    service: 'checkout-web',
    priorities: ['P0', 'P1'],
    incident: INC,
  });
  h.problem({
    id: 'checkout-web/quote-failed',
    title: 'quote failed with status 500',
    service: 'checkout-web',
    priorities: ['P0', 'P1'],
    incident: INC,
  });
  h.problem({
    id: 'checkout-web/client-404',
    title: 'checkout-web 404 from clients',
    service: 'checkout-web',
    priorities: ['ignore', 'P3'],
    noise: true,
  });

  h.traffic(web, 30, ['/checkout', '/cart', 'POST /checkout/quote', '/static/app.{h}.js'], 0, 60, 'quote {n} ready');
  h.traffic(pricing, 15, ['POST /v2/quotes', '/v2/price-lists/EUR'], 0, 60);
  const from = h.hour === 1 ? 6 + ids.rng() * 3 : 0;
  for (let m = from; m < 60; m += 0.2 + ids.rng() * 0.4) {
    const us = h.at(m, 5);
    const trace = h.newTrace();
    const currency = ids.pick(['CHF', 'CHF', 'CHF', 'NOK', 'SEK']);
    const pInstance = ids.pick(pricing.instances);
    h.emit(pricing, us + 8000, 'pricing-svc/no-price-list', {
      log: 'stdout',
      severity: 'ERROR',
      trace,
      instance: pInstance,
      json: {
        '@timestamp': new Date(Math.floor(us / 1000)).toISOString(),
        message: `Servlet.service() for servlet [dispatcherServlet] threw exception [Request processing failed: java.lang.IllegalStateException: No price list for currency '${currency}'] with root cause`,
        logger_name: 'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]',
        thread_name: `http-nio-8080-exec-${ids.int(1, 20)}`,
        level: 'ERROR',
        stack_trace: javaTrace([
          {
            exc: `jakarta.servlet.ServletException: Request processing failed: java.lang.IllegalStateException: No price list for currency '${currency}'`,
            frames: [
              'org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1022)',
              'jakarta.servlet.http.HttpServlet.service(HttpServlet.java:590)',
            ],
          },
          {
            exc: `java.lang.IllegalStateException: No price list for currency '${currency}'`,
            frames: [
              'com.shop.pricing.PriceListRepository.forCurrency(PriceListRepository.java:57)',
              'com.shop.pricing.QuoteService.quote(QuoteService.java:33)',
              'com.shop.pricing.web.QuoteController.create(QuoteController.java:28)',
            ],
            more: 61,
          },
        ]),
      },
    });
    h.request(pricing, us + 12_000, 'pricing-svc/requests-500', 'POST', '/v2/quotes', 500, {
      trace,
      instance: pInstance,
      ua: 'undici',
      latency: 0.02 + ids.rng() * 0.05,
    });
    const wInstance = ids.pick(web.instances);
    h.emit(web, us + 15_000, 'checkout-web/quote-failed', {
      log: 'stdout',
      severity: 'ERROR',
      trace,
      instance: wInstance,
      json: {
        message: 'quote failed',
        err: {
          type: 'Error',
          message: 'quote failed with status 500',
          stack:
            'Error: quote failed with status 500\n    at QuoteClient.fetch (/app/dist/quote-client.js:88:13)\n    at async POST (/app/dist/routes/checkout.js:51:19)',
        },
        basket: { currency, items: ids.int(1, 9) },
      },
    });
    h.request(web, us + 25_000, 'checkout-web/requests-500', 'POST', '/checkout/quote', 500, {
      trace,
      instance: wInstance,
    });
  }
  for (let i = 0; i < 15; i++)
    h.request(web, h.between(0, 60), 'checkout-web/client-404', 'GET', `/checkout/${ids.uuid()}`, 404);
}
