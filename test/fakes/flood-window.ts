/**
 * Windows where a few problems flood the logs and many others are rare (issue 15), with the
 * truth: each problem's marker (a word only its entries carry) and how many entries it has.
 * Deterministic: the same arguments give the same entries.
 */

export interface FloodTruth {
  /** A word only this problem's entries carry, to find its cluster in a report. */
  marker: string;
  count: number;
  kind: 'flood' | 'rare';
}

export interface FloodWindow {
  entries: Record<string, unknown>[];
  truth: FloodTruth[];
}

const PROJECT = 'demo-project';
const SERVICES = ['api', 'orders-api', 'web-frontend', 'auth-service', 'billing'];

/** Shared per service: a million entries hold references, not copies. */
const resources = new Map<string, Record<string, unknown>>();
function resourceOf(service: string): Record<string, unknown> {
  let resource = resources.get(service);
  if (!resource) {
    resource = {
      type: 'cloud_run_revision',
      labels: {
        service_name: service,
        revision_name: `${service}-00042-xyz`,
        location: 'europe-west1',
        project_id: PROJECT,
      },
    };
    resources.set(service, resource);
  }
  return resource;
}
const STDERR = `projects/${PROJECT}/logs/run.googleapis.com%2Fstderr`;
const STDOUT = `projects/${PROJECT}/logs/run.googleapis.com%2Fstdout`;

/** Floods as services write them: constant words, variable ids and numbers. */
const FLOODS: { service: string; marker: string; make: (i: number) => Record<string, unknown> }[] = [
  {
    service: 'api',
    marker: 'WebSocket event delivery failed',
    make: (i) => ({
      textPayload: `WebSocket event delivery failed for subscriber sub-${(i * 7919).toString(36)}${i % 10}: connection reset after ${i % 997} ms`,
    }),
  },
  {
    service: 'orders-api',
    marker: 'Inventory reservation timed out',
    make: (i) => ({
      jsonPayload: {
        message: `Inventory reservation timed out for order ${100000 + i}, retrying in ${(i % 5) + 1}s`,
        logger: 'orders.reserve',
      },
    }),
  },
  {
    service: 'web-frontend',
    marker: 'Upstream cache refresh rejected',
    make: (i) => ({
      textPayload: `Upstream cache refresh rejected: stale etag W/"${(i * 31).toString(16)}" for key page:${i % 4096}`,
    }),
  },
  {
    service: 'auth-service',
    marker: 'Token introspection slow path',
    make: (i) => ({
      jsonPayload: { message: `Token introspection slow path taken for client app-${i % 300} (${i % 1000} ms)` },
    }),
  },
  {
    service: 'billing',
    marker: 'Ledger replication lag',
    make: (i) => ({
      textPayload: `Ledger replication lag above threshold on shard ${i % 64}: ${(i % 90) + 10}s behind primary`,
    }),
  },
];

const FIRST = [
  ...['Ledger', 'Invoice', 'Coupon', 'Refund', 'Payout', 'Webhook', 'Shipment', 'Parcel', 'Carrier', 'Voucher'],
  ...['Basket', 'Catalog', 'Pricing', 'Tax', 'Fraud', 'Quota', 'Session', 'Profile', 'Avatar', 'Search'],
  ...['Index', 'Feed', 'Export', 'Import', 'Report'],
];
const SECOND = [
  ...['Timeout', 'Mismatch', 'Overflow', 'Conflict', 'Corruption', 'Denied', 'Missing', 'Stale', 'Invalid', 'Locked'],
  ...['Expired', 'Duplicate', 'Unavailable', 'Truncated', 'Rejected', 'Orphaned', 'Drift', 'Skew', 'Leak', 'Stall'],
];
const VERBS = ['reconciling', 'syncing', 'writing', 'loading', 'validating', 'publishing', 'rendering', 'archiving'];

/** The i-th distinct rare error: its own exception type and wording, so the clusterer keeps it apart. */
function rareError(i: number): { marker: string; text: string } {
  if (i === 0)
    return {
      marker: 'cryptoKeyVersions',
      text: 'google.api_core.exceptions.FailedPrecondition: 400 The key version projects/demo-project/locations/global/keyRings/app/cryptoKeys/orders/cryptoKeyVersions/3 is not enabled, current state is: DISABLED.',
    };
  if (i === 1)
    return {
      marker: 'secretmanager.versions.access',
      text: "google.api_core.exceptions.PermissionDenied: 403 Permission 'secretmanager.versions.access' denied for resource 'projects/demo-project/secrets/stripe-key/versions/latest' (or it may not exist).",
    };
  const name = `${FIRST[i % FIRST.length]}${SECOND[Math.floor(i / FIRST.length) % SECOND.length]}Error`;
  const verb = VERBS[i % VERBS.length]!;
  const module = name
    .replace('Error', '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
  const func = `${verb.replace(/ing$/, '')}_${module}`;
  // An uncaught Python exception as Cloud Run stores it: one stderr entry, the traceback whole.
  const text = [
    'Traceback (most recent call last):',
    `  File "/app/shop/${module}.py", line ${12 + (i % 80)}, in ${func}`,
    `    ${func}(batch)`,
    `${name}: ${module.replace('_', ' ')} failed while ${verb} batch`,
  ].join('\n');
  return { marker: name, text };
}

/**
 * `floods` floods sharing `floodTotal` entries (unequal: 30 %, 25 %, 20 %, 15 %, 10 % for five),
 * and `rare` rare errors with `rareCount(i)` entries each, spread over [start, end).
 */
export function floodWindow(options: {
  start: number;
  end: number;
  floods: number;
  floodTotal: number;
  rare: number;
  rareCount: (i: number) => number;
}): FloodWindow {
  const { start, end } = options;
  const span = end - start;
  const entries: Record<string, unknown>[] = [];
  const truth: FloodTruth[] = [];
  const shares = options.floods === 1 ? [1] : [0.3, 0.25, 0.2, 0.15, 0.1].slice(0, options.floods);
  const norm = shares.reduce((a, b) => a + b, 0);
  let id = 0;
  shares.forEach((share, f) => {
    const flood = FLOODS[f]!;
    const count =
      f === shares.length - 1
        ? options.floodTotal - truth.reduce((a, t) => a + t.count, 0)
        : Math.round((options.floodTotal * share) / norm);
    truth.push({ marker: flood.marker, count, kind: 'flood' });
    for (let i = 0; i < count; i++) {
      entries.push({
        insertId: `f${f}-${(id++).toString(36)}`,
        timestamp: new Date(start + Math.floor(((i + 0.5) * span) / count)).toISOString(),
        severity: 'ERROR',
        logName: flood.make(0).textPayload ? STDERR : STDOUT,
        resource: resourceOf(flood.service),
        ...flood.make(i),
      });
    }
  });
  for (let r = 0; r < options.rare; r++) {
    const { marker, text } = rareError(r);
    const count = options.rareCount(r);
    truth.push({ marker, count, kind: 'rare' });
    const service = SERVICES[r % SERVICES.length]!;
    for (let i = 0; i < count; i++) {
      entries.push({
        insertId: `r${r}-${i}`,
        timestamp: new Date(
          start + Math.floor(((r * 7919 + i * 104729) % 3_600_000) * (span / 3_600_000)),
        ).toISOString(),
        severity: r < 2 ? 'CRITICAL' : 'ERROR',
        logName: STDERR,
        resource: resourceOf(service),
        textPayload: text,
      });
    }
  }
  return { entries, truth };
}

/** The cluster of a report that holds a problem: the one whose template, title or sample names its marker. */
export function findCluster<T extends { template?: string; title?: string; sample?: string }>(
  clusters: T[],
  marker: string,
): T | undefined {
  return clusters.find((c) => `${c.title ?? ''}\n${c.template ?? ''}\n${c.sample ?? ''}`.includes(marker));
}

/** n rare errors' entry counts, 1 to 100 each, most of them small, summing to `total`. */
export function tailCounts(n: number, total: number): number[] {
  const base = Array.from({ length: n }, (_, i) => ((i * 0.6180339887) % 1) ** 2);
  const sum = base.reduce((a, b) => a + b, 0);
  const counts = base.map((b) => Math.min(100, 1 + Math.round((b * (total - n)) / sum)));
  let diff = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0 && i < 100 * n; i++) {
    const j = i % n;
    const step = Math.sign(diff);
    if (counts[j]! + step >= 1 && counts[j]! + step <= 100) {
      counts[j]! += step;
      diff -= step;
    }
  }
  return counts;
}

/** The issue-15 hour: one error 50,000 times and 30 rare errors, two of them must-page. */
export function floodHour(start: number, end: number): FloodWindow {
  return floodWindow({ start, end, floods: 1, floodTotal: 50_000, rare: 30, rareCount: (i) => 1 + (i % 3) });
}

/** A million entries: five floods (990,000) and a tail of 500 rare errors of 1 to 100 entries. */
export function millionWindow(start: number, end: number): FloodWindow {
  const counts = tailCounts(500, 10_000);
  return floodWindow({ start, end, floods: 5, floodTotal: 990_000, rare: 500, rareCount: (i) => counts[i]! });
}
