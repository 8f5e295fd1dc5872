/**
 * The bundled action reading Cloud Logging the way a workflow with `id-token: write` does: the
 * job's OIDC token → Google STS → IAM Credentials impersonation → `entries:list`, all against
 * loopback fakes speaking the real wire formats, on the demo outage hour. Sleeps are real in the
 * bundle (1 s pacing between pages, backoff after 429), so the scenarios run concurrently.
 */
import { readFileSync } from 'node:fs';
import { FakeGitHub } from '../test/fakes/github-server.js';
import {
  GoogleFake,
  type GoogleFakeOptions,
  type InjectedFailure,
  type RecordedRequest,
} from '../test/fakes/google-servers.js';
import { repoFile, runDist, type DistRun } from '../test/run-dist.js';

const PROVIDER = 'projects/123456/locations/global/workloadIdentityPools/github/providers/octo';
const SA = 'log-reader@shop-prod.iam.gserviceaccount.com';
const REQUEST_TOKEN = 'oidc-request-token';
const OUTAGE = JSON.parse(readFileSync('samples/cloud-run-outage.json', 'utf8')) as Record<string, unknown>[];

const WORDS = [
  'Traceback',
  'Error',
  'Exception',
  'panic',
  'failed',
  'failure',
  'refused',
  'denied',
  'timed out',
  'ECONN',
  'upstream connect error',
  'exit code',
  'exit status',
  'cannot',
  'could not',
  'unable to',
  'killed',
  'fatal',
  'goroutine',
  'Caused by',
  'Worker exiting',
  'Shutting down',
  'Reason:',
]
  .map((w) => `textPayload:"${w}"`)
  .join(' OR ');
const LEVEL_NAMES =
  '"warning" OR "warn" OR "error" OR "err" OR "critical" OR "crit" OR "fatal" OR "alert" OR "emergency" OR "emerg" OR "panic"';
/** Written out by hand, not built with buildLoggingQuery: this is the contract the worklog shows. */
const EXPECTED_FILTER = [
  'resource.type="cloud_run_revision"',
  'resource.labels.service_name=("orders-api" OR "auth-service" OR "web-frontend")',
  'timestamp>="2026-11-30T09:00:00.000Z" AND timestamp<"2026-11-30T10:00:00.000Z"',
  `(severity>=WARNING OR httpRequest.status>=500 OR (severity=DEFAULT AND ((logName:"stderr" AND (${WORDS} OR textPayload=~"^\\s")) OR ` +
    `jsonPayload.level=(40 OR 50 OR 60 OR ${LEVEL_NAMES}) OR jsonPayload.levelname=(${LEVEL_NAMES}))))`,
].join('\n');

const BASE_INPUTS = {
  'project-id': 'shop-prod',
  'workload-identity-provider': PROVIDER,
  'service-account': SA,
  services: 'orders-api, auth-service, web-frontend',
  since: '2026-11-30T09:00:00Z',
  until: '2026-11-30T10:00:00Z',
  config: repoFile('samples/log-gardener.yml'),
  'dry-run': 'true',
  'github-token': 'ghs-installation',
};

async function startGoogle(options: GoogleFakeOptions = {}): Promise<GoogleFake> {
  return new GoogleFake({
    entries: OUTAGE,
    projectId: 'shop-prod',
    provider: PROVIDER,
    serviceAccount: SA,
    oidcRequestToken: REQUEST_TOKEN,
    ...options,
  }).start();
}

/** The bundle against `google` for every Google endpoint and `github` for the API, as a runner would start it. */
function runAgainst(
  google: GoogleFake,
  github: FakeGitHub,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<DistRun> {
  return runDist(
    {
      ...BASE_INPUTS,
      'logging-endpoint': google.baseUrl,
      'sts-endpoint': google.baseUrl,
      'iam-credentials-endpoint': google.baseUrl,
      ...inputs,
    },
    {
      GITHUB_API_URL: github.url,
      ACTIONS_ID_TOKEN_REQUEST_URL: google.oidcUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
      ...env,
    },
  );
}

function bearer(request: RecordedRequest | undefined): string {
  return /^Bearer (.+)$/i.exec(String(request?.headers.authorization ?? ''))?.[1] ?? '';
}

function jwtClaims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

/** Everything a person or a later step can read after the run, apart from the runner's own mask commands. */
function visibleText(run: DistRun): string {
  const log = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [log, run.stderr, run.worklog, run.summary, JSON.stringify(run.report), JSON.stringify(run.outputs)].join(
    '\n',
  );
}

interface ReportCluster {
  fingerprint: string;
  priority: string;
  title: string;
  count: number;
  services: string[];
  ignored: boolean;
  estimated?: true;
}
const clustersOf = (run: DistRun) => (run.report?.clusters ?? []) as ReportCluster[];
const errorLine = (run: DistRun) => run.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? '';

describe('dist/index.js reading Cloud Logging through Workload Identity Federation', () => {
  let github: FakeGitHub;
  let issueGitHub: FakeGitHub;
  const google: Record<'clean' | 'quota' | 'sampled', GoogleFake> = {} as never;
  const runs: Record<'clean' | 'quota' | 'sampled' | 'file', DistRun> = {} as never;
  let quotaWallMs = 0;

  beforeAll(async () => {
    github = await FakeGitHub.start();
    issueGitHub = await FakeGitHub.start();
    [google.clean, google.quota, google.sampled] = await Promise.all([startGoogle(), startGoogle(), startGoogle()]);
    google.quota.loggingFailures.push({ status: 429 }, { status: 429 });
    const timed = async (run: Promise<DistRun>) => {
      const started = Date.now();
      const result = await run;
      quotaWallMs = Date.now() - started;
      return result;
    };
    // Concurrent: each run has its own fakes and runner directory; the sleeps in the bundle are real.
    [runs.clean, runs.quota, runs.sampled, runs.file] = await Promise.all([
      runAgainst(google.clean, github),
      timed(runAgainst(google.quota, github)),
      // A real run: the one P0 issue it may open must say its count is estimated.
      runAgainst(google.sampled, issueGitHub, {
        'max-entries': '500',
        'dry-run': 'false',
        'min-issue-priority': 'P0',
        'max-new-issues': '1',
      }),
      // The same hour from an export: Cloud Logging must find the same problems.
      runDist({ ...BASE_INPUTS, 'logs-file': repoFile('samples/cloud-run-outage.json'), 'github-token': '' }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([...Object.values(google).map((g) => g.stop()), github?.close(), issueGitHub?.close()]);
  });

  it('every run exits 0 with nothing on stderr', () => {
    expect(Object.values(runs).map((r) => [r.code, r.stderr])).toEqual(Object.values(runs).map(() => [0, '']));
  });

  describe('the token chain', () => {
    const requests = () => google.clean.requests;
    const first = (kind: 'oidc' | 'sts' | 'iam' | 'logging') => google.clean.requestsTo(kind)[0]!;

    it('runs OIDC → STS → IAM Credentials → Logging, once each for the token', () => {
      const kinds = requests().map((r) =>
        (['oidc', 'sts', 'iam', 'logging'] as const).find((kind) => google.clean.requestsTo(kind).includes(r)),
      );
      expect(kinds.slice(0, 3)).toEqual(['oidc', 'sts', 'iam']);
      expect(new Set(kinds.slice(3))).toEqual(new Set(['logging']));
    });

    it('asks GitHub for an OIDC token for the provider audience with the request token', () => {
      expect(first('oidc').method).toBe('GET');
      expect(bearer(first('oidc'))).toBe(REQUEST_TOKEN);
      expect(first('oidc').query.get('audience')).toBe(`https://iam.googleapis.com/${PROVIDER}`);
    });

    it('exchanges that token at STS, form-encoded, for the provider audience', () => {
      const sts = first('sts');
      expect(String(sts.headers['content-type'])).toContain('application/x-www-form-urlencoded');
      expect(sts.body).toMatchObject({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        audience: `//iam.googleapis.com/${PROVIDER}`,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      });
      expect(jwtClaims(String(sts.body.subject_token))).toMatchObject({
        iss: 'https://token.actions.githubusercontent.com',
        aud: `https://iam.googleapis.com/${PROVIDER}`,
      });
    });

    it('impersonates the service account with the STS token, asking only to read logs', () => {
      const iam = first('iam');
      expect(iam.path).toBe(`/v1/projects/-/serviceAccounts/${SA}:generateAccessToken`);
      expect(bearer(iam)).toMatch(/^sts-token-/);
      expect(iam.body).toMatchObject({ scope: ['https://www.googleapis.com/auth/logging.read'] });
    });

    it('reads logs with the impersonated token only', () => {
      const tokens = new Set(google.clean.requestsTo('logging').map(bearer));
      expect(tokens.size).toBe(1);
      const [token] = [...tokens];
      expect(google.clean.isServiceAccountToken(token!)).toBe(true);
      expect(token).not.toBe(bearer(first('iam')));
    });

    it('masks the access token and the OIDC token, and no token is visible anywhere', () => {
      const accessToken = bearer(first('logging'));
      const oidcToken = String(first('sts').body.subject_token);
      const stsToken = bearer(first('iam'));
      const linesWith = (token: string) => runs.clean.stdout.split('\n').filter((line) => line.includes(token));
      expect(new Set(linesWith(accessToken))).toEqual(new Set([`::add-mask::${accessToken}`]));
      expect(new Set(linesWith(oidcToken))).toEqual(new Set([`::add-mask::${oidcToken}`]));
      for (const token of [accessToken, oidcToken, stsToken]) expect(visibleText(runs.clean)).not.toContain(token);
    });
  });

  describe('the read', () => {
    it('sends the exact filter, newest first, for the project, on every page', () => {
      const bodies = google.clean.requestsTo('logging').map((r) => r.body);
      for (const body of bodies) {
        expect(body).toMatchObject({
          resourceNames: ['projects/shop-prod'],
          filter: EXPECTED_FILTER,
          orderBy: 'timestamp desc',
        });
      }
    });

    it('reads every page, at most 1,000 entries each', () => {
      const matching = google.clean.countMatching(EXPECTED_FILTER);
      const requests = google.clean.requestsTo('logging');
      expect(matching).toBeGreaterThan(1000);
      expect(requests).toHaveLength(Math.ceil(matching / 1000));
      expect(requests.map((r) => Number(r.body.pageSize))).toEqual(requests.map(() => 1000));
      expect(requests.map((r) => Boolean(r.body.pageToken))).toEqual(requests.map((_, i) => i > 0));
      expect((runs.clean.report?.totals as { entries: number }).entries).toBe(matching);
      expect(runs.clean.worklog).toContain(`${matching.toLocaleString('en-US')} read`);
    });

    it('shows the filter verbatim in the worklog and the report', () => {
      expect(runs.clean.worklog).toContain(
        ['## Query', '', 'The exact Cloud Logging query used:', '', '```text', EXPECTED_FILTER, '```'].join('\n'),
      );
      expect(runs.clean.report?.query).toBe(EXPECTED_FILTER);
    });

    it('does not wait on the quota for a read of a few pages', () => {
      expect(runs.clean.worklog).not.toMatch(/Paced \d+ entries\.list requests/);
    });
  });

  describe('the results', () => {
    it('sets the outputs: the clusters and P0 as the highest priority, without writing to GitHub', () => {
      const problems = clustersOf(runs.clean).filter((c) => !c.ignored);
      expect(runs.clean.outputs).toMatchObject({
        clusters: String(problems.length),
        'highest-priority': 'P0',
        'issues-updated': '0',
        'issues-reopened': '0',
      });
      expect(problems.length).toBeGreaterThan(5);
      expect(github.writes()).toEqual([]);
    });

    it('puts the import error and the auth database failure at P0', () => {
      const p0 = clustersOf(runs.clean).filter((c) => c.priority === 'P0');
      expect(p0.some((c) => /ImportError/.test(c.title) && c.services.includes('orders-api'))).toBe(true);
      expect(p0.some((c) => /database/.test(c.title) && c.services.includes('auth-service'))).toBe(true);
    });

    it('finds exactly the problems the export of the same hour shows (same fingerprints, priorities, counts)', () => {
      const describe = (run: DistRun) => clustersOf(run).map((c) => `${c.fingerprint} ${c.priority} ${c.count}`);
      expect(describe(runs.clean)).toEqual(describe(runs.file));
      expect(runs.clean.report?.totals).toMatchObject({
        analysed: (runs.file.report?.totals as { analysed: number }).analysed,
      });
    });

    it('links each problem to Logs Explorer for the project and the window', () => {
      const links = runs.clean.worklog.match(/\(https:\/\/console\.cloud\.google\.com\/logs\/query;[^)\s]+\)/g) ?? [];
      expect(links.length).toBeGreaterThanOrEqual(clustersOf(runs.clean).filter((c) => c.priority === 'P0').length);
      for (const link of links) {
        expect(link).toContain(';startTime=2026-11-30T09:00:00.000Z;endTime=2026-11-30T10:00:00.000Z');
        expect(link).toContain('?project=shop-prod');
      }
    });
  });

  describe('two 429 RESOURCE_EXHAUSTED answers', () => {
    it('are retried: the run succeeds with the same problems', () => {
      expect(runs.quota.code).toBe(0);
      const fingerprints = (run: DistRun) => clustersOf(run).map((c) => `${c.fingerprint} ${c.count}`);
      expect(fingerprints(runs.quota)).toEqual(fingerprints(runs.clean));
      expect(google.quota.requestsTo('logging')).toHaveLength(google.clean.requestsTo('logging').length + 2);
    });

    it('the worklog says it waited, twice, and why', () => {
      const waits = runs.quota.worklog.match(
        /^- Waited \d+\.\d s after 429 RESOURCE\\_EXHAUSTED \(quota 60 requests\/min\)\.$/gm,
      );
      expect(waits).toHaveLength(2);
      expect(runs.quota.stdout).toMatch(/Waited \d+\.\d s after 429 RESOURCE_EXHAUSTED/);
    });

    it('costs seconds, not minutes (backoff 1–2 s, then 2–4 s)', () => {
      expect(quotaWallMs).toBeLessThan(20_000);
    });
  });

  describe('above max-entries (500)', () => {
    const fraction = () => runs.sampled.report?.sampleFraction as number;

    it('reads a deterministic sample of the whole window with sample(insertId, f)', () => {
      expect(fraction()).toBeGreaterThan(0);
      expect(fraction()).toBeLessThan(1);
      const filters = google.sampled.requestsTo('logging').map((r) => String(r.body.filter));
      expect(filters[0]).toBe(EXPECTED_FILTER);
      expect(filters.at(-1)).toBe(`${EXPECTED_FILTER}\nsample(insertId, ${fraction()})`);
      expect(google.sampled.requestsTo('logging').every((r) => Number(r.body.pageSize) <= 500)).toBe(true);
    });

    it('the worklog, summary and report say the counts are estimated', () => {
      expect(runs.sampled.worklog).toContain(`**Sampled:**`);
      expect(runs.sampled.worklog).toContain(`sample(insertId, ${fraction()})`);
      expect(runs.sampled.worklog).toMatch(/Over the max-entries budget \(500\)/);
      expect(runs.sampled.worklog).toContain(
        ['```text', `${EXPECTED_FILTER}\nsample(insertId, ${fraction()})`, '```'].join('\n'),
      );
      expect(runs.sampled.summary).toMatch(/Counts are estimated from a [\d.]+% sample/);
      expect(clustersOf(runs.sampled).length).toBeGreaterThan(0);
      expect(clustersOf(runs.sampled).every((c) => c.estimated === true)).toBe(true);
    });

    it('the issue it opens says its count is estimated', () => {
      expect(runs.sampled.outputs['issues-created']).toBe('1');
      expect(issueGitHub.issues).toHaveLength(1);
      expect(issueGitHub.issues[0]!.body).toContain('(estimated from a sample)');
    });
  });
});

interface ErrorCase {
  name: string;
  fake?: GoogleFakeOptions;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  loggingFailures?: InjectedFailure[];
  /** The fix the ::error:: line and the failure worklog must carry. */
  message: RegExp;
  /** The last Google service the run reached (null: it failed before STS). */
  reached: 'sts' | 'iam' | 'logging' | null;
}

const ERROR_CASES: ErrorCase[] = [
  {
    name: 'no OIDC token (no id-token: write, or a fork pull request)',
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' },
    message: /did not give this job an OIDC token.*`permissions: id-token: write`.*forks never get an OIDC token/,
    reached: null,
  },
  {
    name: 'STS rejecting the token (attribute condition)',
    fake: { stsRejection: 'The given credential is rejected by the attribute condition.' },
    message: /Google STS rejected the GitHub OIDC token.*attribute condition.*--attribute-condition=/,
    reached: 'sts',
  },
  {
    name: 'impersonation denied',
    fake: { serviceAccount: 'someone-else@shop-prod.iam.gserviceaccount.com' },
    message: new RegExp(
      `Impersonating \`${SA}\` was denied.*iam\\.serviceAccounts\\.getAccessToken.*` +
        `add-iam-policy-binding ${SA} --role=roles/iam\\.workloadIdentityUser`,
    ),
    reached: 'iam',
  },
  {
    name: 'Logging permission denied',
    loggingFailures: [
      { status: 403, message: "Permission 'logging.logEntries.list' denied on resource (or it may not exist)." },
    ],
    message: new RegExp(
      `Permission denied reading logs of \`shop-prod\`.*--role=roles/logging\\.viewer --member="serviceAccount:${SA}"`,
    ),
    reached: 'logging',
  },
  {
    name: 'a project the credentials cannot see',
    inputs: { 'project-id': 'shop-staging' },
    message: /Project `shop-staging` was not found.*`project-id` input/,
    reached: 'logging',
  },
  {
    name: 'an invalid filter (400)',
    inputs: { filter: 'jsonPayload.tenant=("a" OR "b"' },
    message: /Cloud Logging rejected the query: Unparseable filter.*`filter` input/,
    reached: 'logging',
  },
];

describe('dist/index.js: the Google errors users hit, with the fix in the message', () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await FakeGitHub.start();
  });
  afterAll(() => github.close());

  it.each(ERROR_CASES.map((c) => [c.name, c] as const))(
    '%s: exit 1, ::error:: with the fix, a failure worklog naming it',
    async (_name, c) => {
      const google = await startGoogle(c.fake);
      google.loggingFailures.push(...(c.loggingFailures ?? []));
      try {
        const run = await runAgainst(google, github, c.inputs, c.env);
        expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: '' });
        expect(errorLine(run)).toMatch(c.message);
        expect(run.worklog).toMatch(/^# Log Gardener worklog: run failed/);
        expect(run.worklog).toMatch(c.message);
        // How far along the chain the run got before it stopped.
        const chain = ['sts', 'iam', 'logging'] as const;
        const last = c.reached === null ? -1 : chain.indexOf(c.reached);
        expect(chain.map((kind) => google.requestsTo(kind).length > 0)).toEqual(chain.map((_, i) => i <= last));
        // No token the fakes issued shows up in the log or the worklog.
        const issued = [...google.requestsTo('iam'), ...google.requestsTo('logging')].map(bearer).filter(Boolean);
        for (const token of issued) expect(visibleText(run)).not.toContain(token);
        expect(github.writes()).toEqual([]);
      } finally {
        await google.stop();
      }
    },
    30_000,
  );
});
