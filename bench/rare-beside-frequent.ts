/**
 * Rare beside frequent: one message ×50,000 with varying ids, plus 30 distinct rare errors
 * (1–3 each, some near-misses of the frequent one). Each rare error must stay its own cluster.
 *   node_modules/.bin/node --import tsx bench/rare-beside-frequent.ts
 */
import { createClusterer } from '../src/core/cluster/cluster.js';
import type { LogRecord } from '../src/core/model/log-record.js';

const FREQUENT = (i: number): string =>
  `Payment authorised for order ${100000 + i} customer cus_${(i * 7919) % 99991} amount ${(i % 500) + 0.99} EUR`;

/** Rare errors; the first ten are near-misses of the frequent message. */
export const RARE: ((i: number) => string)[] = [
  (i) => `Payment declined for order ${i} customer cus_${i} amount ${i}.50 EUR`,
  (i) => `Payment authorised for order ${i} customer cus_${i} amount ${i}.50 USD`,
  (i) => `Payment authorised for order ${i} merchant m_${i} amount ${i}.50 EUR`,
  (i) => `Payment authorised for order ${i} customer cus_${i} amount ${i}.50 EUR twice`,
  (i) => `Payment voided for order ${i} customer cus_${i} amount ${i}.50 EUR`,
  (i) => `Refund authorised for order ${i} customer cus_${i} amount ${i}.50 EUR`,
  (i) => `Payment authorised for subscription ${i} customer cus_${i} amount ${i}.50 EUR`,
  (i) => `Payment authorised for order ${i} customer cus_${i}`,
  (i) => `Payment authorised without order for customer cus_${i} amount ${i}.50 EUR`,
  (i) => `Payment capture failed for order ${i} customer cus_${i} amount ${i}.50 EUR`,
  (i) => `Connection to database timed out after ${i}ms`,
  (i) => `Failed to acquire lock on table orders after ${i} attempts`,
  (i) => `Disk usage on /var/lib/data at ${90 + (i % 9)}%`,
  (i) => `Certificate for api.example.com expires in ${i} days`,
  (i) => `Worker ${i} exited with code 137 (OOMKilled)`,
  (i) => `Retry budget exhausted for upstream inventory-service request ${i}`,
  (i) => `Invalid configuration: missing key STRIPE_WEBHOOK_SECRET (attempt ${i})`,
  (i) => `Cache eviction storm: ${i} keys evicted in one second`,
  (i) => `Unexpected end of JSON input while parsing body of request ${i}`,
  (i) => `Rate limit exceeded for tenant t-${i} on endpoint export`,
  (i) => `Scheduled job nightly-report skipped: previous run ${i} still active`,
  (i) => `TLS handshake failed with peer 10.0.${i % 255}.7: unknown certificate authority`,
  (i) => `Message ${i} moved to dead-letter queue after 5 deliveries`,
  (i) => `Feature flag checkout_v2 evaluation failed for user u-${i}`,
  (i) => `Query exceeded 30s timeout: report ${i} aborted`,
  (i) => `Webhook delivery to partner endpoint returned 410 Gone for event ${i}`,
  (i) => `Clock skew of ${i}ms detected against NTP server`,
  (i) => `Session store unavailable, falling back to stateless mode (${i})`,
  (i) => `Thumbnail generation failed for image ${i}: unsupported format HEIC`,
  (i) => `Shutting down: received SIGTERM while ${i} requests in flight`,
];

function record(message: string, i: number): LogRecord {
  return {
    insertId: `id-${i}`,
    timestamp: i,
    severity: 'ERROR',
    severityInferred: false,
    resourceType: 'cloud_run_revision',
    service: 'payments',
    revision: 'payments-00042-abc',
    instance: `inst-${i % 7}`,
    logName: 'run.googleapis.com/stderr',
    message,
    stack: '',
    errorType: '',
    sourceLocation: '',
  };
}

function main(): void {
  const entries: { message: string; label: string }[] = [];
  for (let i = 0; i < 50_000; i++) entries.push({ message: FREQUENT(i), label: 'frequent' });
  RARE.forEach((make, r) => {
    for (let k = 0; k < 1 + (r % 3); k++) entries.push({ message: make(1000 + r * 31 + k * 7), label: `rare-${r}` });
  });
  // Interleave deterministically so rare lines are not all at the end.
  entries.sort(
    (a, b) =>
      ((a.message.length * 31 + a.message.charCodeAt(a.message.length - 1)) % 97) -
      ((b.message.length * 31 + b.message.charCodeAt(b.message.length - 1)) % 97),
  );
  const clusterer = createClusterer();
  const keys = entries.map((e, i) => clusterer.add(record(e.message, i)));
  const ids = clusterer.finish();
  const byFingerprint = new Map<string, Set<string>>();
  const fpOfLabel = new Map<string, Set<string>>();
  keys.forEach((k, i) => {
    const fp = ids.get(k)!.fingerprint;
    const label = entries[i]!.label;
    if (!byFingerprint.has(fp)) byFingerprint.set(fp, new Set());
    byFingerprint.get(fp)!.add(label);
    if (!fpOfLabel.has(label)) fpOfLabel.set(label, new Set());
    fpOfLabel.get(label)!.add(fp);
  });
  let pass = 0;
  const failures: string[] = [];
  RARE.forEach((make, r) => {
    const label = `rare-${r}`;
    const fps = fpOfLabel.get(label)!;
    const alone = fps.size === 1 && byFingerprint.get([...fps][0]!)!.size === 1;
    if (alone) pass++;
    else failures.push(`${label}: ${make(0)}`);
  });
  const frequentFps = fpOfLabel.get('frequent')!;
  const frequentOk = frequentFps.size === 1 && byFingerprint.get([...frequentFps][0]!)!.size === 1;
  console.log('\n## Rare beside frequent (50,000 × one message + 30 rare errors, 10 near-misses)\n');
  console.log('| check | result |');
  console.log('|---|---|');
  console.log(`| rare errors in their own cluster | ${pass} / ${RARE.length} |`);
  console.log(`| frequent message is one cluster of its own | ${frequentOk ? 'yes' : 'no'} |`);
  for (const f of failures) console.log(`| FAILED | ${f} |`);
}

main();
