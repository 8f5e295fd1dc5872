/**
 * Issue 5's figure: requests made and wall time for the bundle (dist/index.js, as a runner runs
 * it) to read 50,000 entries from the loopback Google fakes (OIDC → STS → IAM → Logging), plain
 * and with two 429 RESOURCE_EXHAUSTED injected, and sampled at the default max-entries.
 * Real sleeps: the backoff after a 429 is real time here. Needs `npm run build`.
 *   node_modules/.bin/node --import tsx bench/cloud-logging-read.ts
 */
import { GoogleFake, makeEntries } from '../test/fakes/google-servers.js';
import { runDist } from '../test/run-dist.js';

const PROVIDER = 'projects/123456/locations/global/workloadIdentityPools/github/providers/octo';
const SA = 'reader@demo-project.iam.gserviceaccount.com';
const END = Date.parse('2026-11-30T10:00:00Z');
const START = END - 3_600_000;
const entries = makeEntries(50_000, START, END, 'api');

async function scenario(name: string, maxEntries: string, failures: number): Promise<string> {
  const fake = await new GoogleFake({
    entries,
    projectId: 'demo-project',
    provider: PROVIDER,
    serviceAccount: SA,
  }).start();
  for (let i = 0; i < failures; i++) fake.loggingFailures.push({ status: 429 });
  const t0 = Date.now();
  const run = await runDist(
    {
      'project-id': 'demo-project',
      'workload-identity-provider': PROVIDER,
      'service-account': SA,
      services: 'api',
      since: new Date(START).toISOString(),
      until: new Date(END).toISOString(),
      'max-entries': maxEntries,
      'dry-run': 'true',
      'github-token': '',
      'logging-endpoint': fake.baseUrl,
      'sts-endpoint': fake.baseUrl,
      'iam-credentials-endpoint': fake.baseUrl,
    },
    { ACTIONS_ID_TOKEN_REQUEST_URL: fake.oidcUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' },
  );
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const report = run.report as { totals?: { entries: number }; sampleFraction?: number } | null;
  const waits = (run.worklog.match(/Waited [\d.]+ s/g) ?? []).join(', ') || '—';
  await fake.stop();
  return `| ${name} | ${run.code} | ${fake.requests.length} | ${fake.requestsTo('logging').length} | ${report?.totals?.entries ?? '?'} | ${report?.sampleFraction ?? '?'} | ${waits} | ${seconds} s |`;
}

console.log('## Reading Cloud Logging through dist/index.js (loopback fakes, 50,000 matching entries)');
console.log(
  '| scenario | exit | requests (all) | entries.list | entries read | sample fraction | waits after 429 | wall time |',
);
console.log('|---|---:|---:|---:|---:|---:|---|---:|');
console.log(await scenario('max-entries 50000: full read', '50000', 0));
console.log(await scenario('max-entries 50000, two 429s injected', '50000', 2));
console.log(await scenario('default max-entries 20000: sampled', '20000', 0));
