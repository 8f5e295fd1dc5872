/** Building blocks of the sample logs: seeded ids, revisions, and one LogEntry in gcloud's JSON shape. */

export type Rng = () => number;

/** mulberry32: small, fast, deterministic. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PROJECT = 'shop-prod';
const REGION = 'europe-west1';
const FRONTEND_HOST = 'web-frontend-7q2xkd4lfa-ew.a.run.app';

export interface Services {
  ordersGood: string;
  ordersBad: string;
  auth: string;
  frontend: string;
  instances: Record<'orders' | 'auth' | 'frontend', string[]>;
}

export class Ids {
  constructor(readonly rng: Rng) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.rng() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rng() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.rng() < p;
  }
  hex(length: number): string {
    let out = '';
    while (out.length < length)
      out += Math.floor(this.rng() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return out.slice(0, length);
  }
  letters(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String.fromCharCode(97 + Math.floor(this.rng() * 26));
    return out;
  }
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  /** Cloud Run instance ids are long hex strings. */
  instance(): string {
    return '00' + this.hex(78);
  }
}

/** Revisions and warm instances for one generated hour (the seed bumps revisions). */
export function createServices(ids: Ids, seed: number): Services {
  const bump = (((seed - 1) % 50) + 50) % 50;
  const rev = (service: string, n: number) => `${service}-${String(n).padStart(5, '0')}-${ids.letters(3)}`;
  return {
    ordersGood: rev('orders-api', 41 + bump),
    ordersBad: rev('orders-api', 42 + bump),
    auth: rev('auth-service', 17 + bump),
    frontend: rev('web-frontend', 108 + bump),
    instances: {
      orders: [ids.instance(), ids.instance(), ids.instance()],
      auth: [ids.instance(), ids.instance()],
      frontend: [ids.instance(), ids.instance(), ids.instance(), ids.instance()],
    },
  };
}

function timestamp(ms: number, ids: Ids): string {
  return new Date(ms).toISOString().replace('Z', `${String(ids.int(0, 999999)).padStart(6, '0')}Z`);
}

/** Recursively sorts keys: gcloud prints JSON with sorted keys. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

export interface EntrySpec {
  ms: number;
  service: string;
  revision: string;
  instance: string;
  log: 'stderr' | 'stdout' | 'requests' | 'varlog/system';
  severity?: string;
  textPayload?: string;
  jsonPayload?: Record<string, unknown>;
  httpRequest?: Record<string, unknown>;
  trace?: string;
}

export function buildEntry(spec: EntrySpec, ids: Ids): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    insertId: ids.hex(24),
    logName: `projects/${PROJECT}/logs/run.googleapis.com%2F${spec.log.replace('/', '%2F')}`,
    receiveTimestamp: timestamp(spec.ms + ids.int(20, 400), ids),
    resource: {
      labels: {
        configuration_name: spec.service,
        location: REGION,
        project_id: PROJECT,
        revision_name: spec.revision,
        service_name: spec.service,
      },
      type: 'cloud_run_revision',
    },
    timestamp: timestamp(spec.ms, ids),
  };
  // Requests Cloud Run answered itself (no instance could start) carry no instance id.
  if (spec.instance !== '') entry.labels = { instanceId: spec.instance };
  setPayload(entry, spec, ids);
  return sortKeys(entry) as Record<string, unknown>;
}

/** Severity, payload, request and trace of an entry, as Cloud Logging writes them (a trace has a span, now and then sampled). */
export function setPayload(
  entry: Record<string, unknown>,
  spec: Pick<EntrySpec, 'severity' | 'textPayload' | 'jsonPayload' | 'httpRequest' | 'trace'>,
  ids: Ids,
): void {
  if (spec.severity) entry.severity = spec.severity;
  if (spec.textPayload !== undefined) entry.textPayload = spec.textPayload;
  if (spec.jsonPayload) entry.jsonPayload = spec.jsonPayload;
  if (spec.httpRequest) entry.httpRequest = spec.httpRequest;
  if (spec.trace) {
    entry.trace = spec.trace;
    entry.spanId = ids.hex(16);
    if (ids.chance(0.1)) entry.traceSampled = true;
  }
}

export function newTrace(ids: Ids): string {
  return `projects/${PROJECT}/traces/${ids.hex(32)}`;
}

const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
];

export function httpRequest(
  ids: Ids,
  host: string,
  method: string,
  path: string,
  status: number,
  latencySeconds: number,
  userAgent?: string,
): Record<string, unknown> {
  return {
    latency: `${latencySeconds.toFixed(6).replace(/0+$/, '').replace(/\.$/, '')}s`,
    protocol: 'HTTP/1.1',
    remoteIp: `${ids.int(1, 223)}.${ids.int(0, 255)}.${ids.int(0, 255)}.${ids.int(1, 254)}`,
    requestMethod: method,
    requestSize: String(ids.int(300, 1800)),
    requestUrl: `https://${host}${path}`,
    responseSize: String(status >= 500 ? ids.int(100, 400) : ids.int(500, 48000)),
    serverIp: `216.239.${ids.pick([32, 34, 36, 38])}.53`,
    status,
    userAgent: userAgent ?? ids.pick(AGENTS),
  };
}

export function requestSeverity(status: number): string {
  return status >= 500 ? 'ERROR' : status >= 400 ? 'WARNING' : 'INFO';
}

export function hostOf(service: string): string {
  return service === 'web-frontend' ? FRONTEND_HOST : `${service}-7q2xkd4lfa-ew.a.run.app`;
}

/** Fills `{n}`, `{uuid}`, `{p}`, `{h}` in a route with fresh ids. */
export function fill(route: string, ids: Ids): string {
  return route
    .replace('{n}', String(ids.int(1000, 99999)))
    .replace('{uuid}', ids.uuid())
    .replace('{p}', String(ids.int(1, 12)))
    .replace('{h}', ids.hex(8));
}

export function request(
  ms: number,
  ids: Ids,
  service: string,
  revision: string,
  instance: string,
  method: string,
  path: string,
  status: number,
  latency: number,
  extra: Partial<EntrySpec> = {},
  userAgent?: string,
): EntrySpec {
  return {
    ms,
    service,
    revision,
    instance,
    log: 'requests',
    severity: requestSeverity(status),
    trace: extra.trace ?? newTrace(ids),
    httpRequest: httpRequest(ids, hostOf(service), method, path, status, latency, userAgent),
    ...extra,
  };
}
