/**
 * The priority rules an on-call engineer starts from. Data, not code: a user's YAML rule with
 * the same id replaces one of these (docs/rules.md). The first matching rule wins, so order
 * matters: noise first, then P0 … P3.
 */
import type { PriorityRule } from './rule-types.js';

/** A regex source that matches when the text has both a dependency and a failure word. */
function both(a: string, b: string): string {
  return `^(?=[\\s\\S]*(?:${a}))(?=[\\s\\S]*(?:${b}))`;
}

const DEPENDENCY =
  'database|postgres|psql|pgx|\\bpq:|psycopg|asyncpg|hikari|statement timeout|mysql|cloud ?sql|sqlalchemy|jdbc|\\bdb\\b|redis|memcache|pub/?sub|spanner|firestore|mongo|' +
  ':5432\\b|:6432\\b|:3306\\b|:6379\\b|connection pool|auth(?:entication)?[ -](?:service|server|provider)|oauth|identity provider';
const UNREACHABLE =
  'timed? ?out|timeout|refused|ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|unreachable|no route to host|' +
  "(?:could not|couldn't|can't|cannot|unable to|failed to) connect|connection reset|too many connections|" +
  'remaining connection slots|dial error|deadline exceeded|name resolution|getaddrinfo';

const ROLLBACK =
  'Roll traffic back to the last good revision: `gcloud run services update-traffic SERVICE --to-revisions=REVISION=100`.';

function clientNoise(id: string, status: number): PriorityRule {
  return {
    id,
    match: { kind: 'request', status: [status, status] },
    priority: 'ignore',
    reason: "clients' 401 (signed out), 404 (stale links) and 422 (invalid input) are the service working as designed",
    likelyCauses: [],
    recommendedActions: [],
    escalate: false,
  };
}

export const DEFAULT_RULES: PriorityRule[] = [
  {
    id: 'noise-health-check',
    match: {
      kind: 'request',
      status: [404, 404],
      message: '/(?:healthz?|health-check|readyz|livez|ping|_ah/health|favicon\\.ico|robots\\.txt)\\b',
    },
    priority: 'ignore',
    reason: 'health-check and crawler 404s are noise',
    likelyCauses: ['An uptime check or crawler probes a path the service does not serve.'],
    recommendedActions: ['Point the uptime check at a path that exists, or serve the health path.'],
    escalate: false,
  },
  {
    // Scanners probe every public service for well-known files; their 4xx say nothing about it.
    id: 'noise-scanners',
    match: { kind: 'request', status: [400, 499], message: 'scanner probes' },
    priority: 'ignore',
    reason: 'vulnerability scanners and crawlers probing for well-known files',
    likelyCauses: [
      'Internet-wide scanners (Censys, zgrab, Nuclei…) request /.env, /wp-login.php, /.git/config and the like.',
    ],
    recommendedActions: ['Nothing to fix; a WAF or Cloud Armor rule can drop them before they reach the service.'],
    escalate: false,
  },
  // The service answering 401/404/422 to a client is it working as designed (a stale link, an
  // expired session, a form with a mistake), not a problem to file. One rule per status, ids kept.
  ...(
    [
      ['noise-client-errors', 401],
      ['noise-client-404', 404],
      ['noise-client-422', 422],
    ] as const
  ).map(([id, status]) => clientNoise(id, status)),
  {
    id: 'noise-successful-requests',
    match: { kind: 'request', status: [100, 399] },
    priority: 'ignore',
    reason: 'successful requests are not a problem',
    likelyCauses: [],
    recommendedActions: [],
    escalate: false,
  },
  {
    // A failed call is at least ERROR (the normaliser raises it when the log says less), so an
    // audit cluster at NOTICE or below is routine admin activity or data access: no status, or code 0.
    id: 'noise-audit-success',
    match: { logName: '^cloudaudit\\.googleapis\\.com/', maxSeverity: 'NOTICE' },
    priority: 'ignore',
    reason: 'successful audited calls (admin activity, data access, system events) are not a problem',
    likelyCauses: [],
    recommendedActions: [],
    escalate: false,
  },
  {
    id: 'secret-or-key-unavailable',
    match: {
      message:
        'secretmanager\\.versions\\.access|Secret Manager.*(?:denied|not found)|is not enabled, current state is: (?:DISABLED|DESTROYED)|' +
        'CryptoKeyVersion.*(?:DISABLED|DESTROYED|is not enabled)|KMS key.*(?:disabled|destroyed)',
      severity: 'ERROR',
    },
    priority: 'P0',
    reason: 'a key or secret the service needs cannot be used: every operation that needs it fails',
    likelyCauses: [
      'A Cloud KMS key version was disabled or destroyed, or a secret version was disabled.',
      'The service account lost its IAM binding (roles/secretmanager.secretAccessor, roles/cloudkms.cryptoKeyEncrypterDecrypter).',
    ],
    recommendedActions: [
      'Re-enable the key or secret version (check the audit log for who disabled it), or restore the IAM binding.',
      'Check every service that uses the same key or secret.',
    ],
    escalate: false,
  },
  {
    id: 'startup-failure',
    match: {
      message:
        'ImportError|ModuleNotFoundError|ClassNotFoundException|NoClassDefFoundError|Cannot find module|ERR_MODULE_NOT_FOUND|' +
        'Worker failed to boot|Application startup failed|APPLICATION FAILED TO START|failed to start and listen on the port|' +
        'exec format error|exec user process caused',
    },
    priority: 'P0',
    reason: 'the service cannot start: it fails while loading its code',
    likelyCauses: [
      'The last deploy ships code that imports a module, class or name that does not exist (renamed, removed, or missing from the image).',
      'A dependency is missing from requirements/package.json or the lock file, or the image was built from the wrong stage.',
      'The entrypoint or the PORT the container listens on is wrong.',
    ],
    recommendedActions: [
      ROLLBACK,
      'Compare the failing revision with the last good one (deploy diff, dependency lock file) and fix the import.',
      'Add an import/startup smoke test to CI (e.g. `python -c "import app"` or starting the container) so this cannot ship again.',
    ],
    escalate: true,
  },
  {
    id: 'crash-loop',
    match: { message: 'Container called exit\\((?!0\\))\\d+\\)|failed to start and listen on the port', minCount: 3 },
    priority: 'P1',
    reason:
      'containers exit again and again: the service is in a crash loop (a symptom: its startup error is the cause)',
    likelyCauses: [
      'The process exits during startup on every new instance (see the startup error cluster).',
      'A required secret, env var or dependency is missing.',
    ],
    recommendedActions: [ROLLBACK, 'Read the stderr lines just before each exit to find the fatal error.'],
    escalate: false,
  },
  {
    id: 'dependency-down',
    match: { message: both(DEPENDENCY, UNREACHABLE), persistent: true },
    priority: 'P0',
    reason: 'a core dependency (database, cache, messaging or auth) is down or unreachable',
    likelyCauses: [
      'The database instance is down, restarting, failing over or out of connections.',
      'Network path broken: VPC connector / Direct VPC egress, firewall rule, private IP or Cloud SQL connector settings changed.',
      'Credentials or IAM for the dependency changed.',
    ],
    recommendedActions: [
      'Check the dependency’s health and connection count (Cloud SQL: instance status, `max_connections`, recent operations).',
      'Check the VPC connector / egress settings and firewall rules between the service and the host in the error.',
      'Cap the connection pool and add retries with backoff and a circuit breaker so requests fail fast.',
    ],
    escalate: true,
  },
  {
    id: 'critical-severity',
    match: { severity: 'CRITICAL' },
    priority: 'P0',
    reason: 'logged at CRITICAL or above',
    likelyCauses: ['The application reports a condition it considers fatal.'],
    recommendedActions: ['Read the sample entry and its trace; page the owning team.'],
    escalate: true,
  },
  {
    id: 'dependency-error-brief',
    match: { message: both(DEPENDENCY, UNREACHABLE), persistent: false },
    priority: 'P2',
    reason:
      'a dependency error seen briefly (fewer than 5 entries within 2 minutes): not yet an outage; watch whether it persists',
    likelyCauses: ['A transient network blip, a failover, or a pool briefly exhausted.'],
    recommendedActions: ['Check whether it recurs in the next window; make sure the call retries with backoff.'],
    escalate: true,
  },
  {
    id: 'out-of-memory',
    match: {
      message:
        'OutOfMemoryError|MemoryError|Memory limit of .* exceeded|out of memory|OOMKilled|JavaScript heap out of memory|' +
        'terminated on signal 9|signal: killed|SIGKILL|Exceeded (?:soft|hard) memory limit',
    },
    priority: 'P1',
    reason: 'instances run out of memory and are killed',
    likelyCauses: [
      'A memory leak or an unbounded cache/buffer.',
      'The memory limit is too low for the concurrency setting or the input size.',
    ],
    recommendedActions: ['Raise the memory limit or lower concurrency; take a heap profile of a busy instance.'],
    escalate: true,
  },
  {
    id: 'request-429',
    match: { kind: 'request', status: [429, 429] },
    priority: 'P2',
    reason: 'requests are refused for capacity: no available instance, or a rate limit',
    likelyCauses: [
      'max-instances reached (Cloud Run answers 429 "no available instance").',
      'A quota or rate limit of the service or its API gateway.',
    ],
    recommendedActions: ['Raise max-instances or concurrency, or find the traffic spike in the timeline.'],
    escalate: true,
  },
  {
    id: 'request-5xx',
    match: { kind: 'request', status: [500, 599], persistent: true },
    priority: 'P1',
    reason: 'users get server errors (HTTP 5xx)',
    likelyCauses: [
      'The service or a backend it calls is failing (see the P0 clusters of the same minutes).',
      '502/503 with "malformed response or connection error": no healthy instance could answer.',
      '504: requests hit the request timeout (slow dependency).',
    ],
    recommendedActions: [
      'Find the backend error in the same minutes (timeline) and fix or roll back that first.',
      'Check the error rate per revision; roll back if it started with a deploy.',
    ],
    escalate: true,
  },
  {
    id: 'unhandled-exception',
    match: { kind: 'exception', severity: 'ERROR', minCount: 5 },
    priority: 'P1',
    reason: 'an exception with a stack trace escapes to the logs',
    likelyCauses: [
      'A code path raises without handling; see the in-app frames.',
      'An upstream call fails and the error is not handled.',
    ],
    recommendedActions: ['Open the top in-app frame, reproduce with the sample’s input and handle or fix the error.'],
    escalate: true,
  },
  {
    id: 'request-5xx-brief',
    match: { kind: 'request', status: [500, 599] },
    priority: 'P2',
    reason: 'a few server errors (fewer than 5 within 2 minutes)',
    likelyCauses: ['A transient failure of the service or a backend.'],
    recommendedActions: ['Find the backend error of the same minute; check whether it recurs.'],
    escalate: true,
  },
  {
    id: 'exception-brief',
    match: { kind: 'exception', severity: 'ERROR' },
    priority: 'P2',
    reason: 'an exception with a stack trace, seen a few times (fewer than 5)',
    likelyCauses: ['A code path raises on some input; see the in-app frames.'],
    recommendedActions: ['Open the top in-app frame and reproduce with the sample’s input.'],
    escalate: true,
  },
  {
    id: 'instance-start-failure',
    match: {
      message:
        'STARTUP (?:TCP|HTTP|GRPC) probe failed|instance was not started|HTTP response was malformed or connection to the instance had an error|' +
        'Ready condition status changed to False|Container called exit\\(|Back-off restarting failed container|CrashLoopBackOff|' +
        'Liveness probe failed|Readiness probe failed',
    },
    priority: 'P2',
    reason: 'the platform reports instance start failures or container exits',
    likelyCauses: [
      'The container is slow to listen on PORT or exits during startup.',
      'The startup probe is too strict for the cold start time.',
    ],
    recommendedActions: [
      'Check the startup logs of the failing instances; tune the startup probe or enable startup CPU boost.',
    ],
    escalate: false,
  },
  {
    id: 'timeout',
    match: {
      message: 'upstream request timeout|maximum request timeout|deadline exceeded|DEADLINE_EXCEEDED|timed out|timeout',
    },
    priority: 'P2',
    reason: 'requests or calls time out',
    likelyCauses: [
      'A slow dependency or a long-running handler.',
      'The request timeout is shorter than the work needs.',
    ],
    recommendedActions: [
      'Find the slow call in the trace; add timeouts below the request timeout and move long work to a job or queue.',
    ],
    escalate: true,
  },
  {
    id: 'error-log',
    match: { severity: 'ERROR' },
    priority: 'P2',
    reason: 'error logs without a stack trace',
    likelyCauses: ['A handled failure the application reports as an error.'],
    recommendedActions: ['Read the samples; decide whether it needs a fix, a lower log level or an ignore rule.'],
    escalate: true,
  },
  {
    id: 'config-hygiene',
    match: {
      message:
        'deprecat|is not set|not configured|falling back to|using default|misconfigur|unknown (?:option|setting|config)',
      severity: 'WARNING',
    },
    priority: 'P3',
    reason: 'configuration hygiene: deprecated or missing settings',
    likelyCauses: ['A setting was renamed or deprecated; the service still runs on a fallback.'],
    recommendedActions: [
      'Update the service configuration (env vars, secrets) to the new names before the fallback is removed.',
    ],
    escalate: false,
  },
  {
    id: 'client-errors',
    match: { kind: 'request', status: [400, 499] },
    priority: 'P3',
    reason: 'clients get 4xx responses',
    likelyCauses: ['Broken links, an old client version, or an auth/session problem.'],
    recommendedActions: ['Check the routes and user agents in the samples.'],
    escalate: false,
  },
  {
    id: 'warning',
    match: { severity: 'WARNING' },
    priority: 'P3',
    reason: 'warnings',
    likelyCauses: [],
    recommendedActions: ['Review the warning; fix it or add an ignore rule.'],
    escalate: true,
  },
  {
    // A stack trace is never "informational" because of its level: a logger that reports a
    // caught exception at DEBUG/INFO, or mislabels a crash, still shows a failure.
    id: 'exception-below-warning',
    match: { kind: 'exception', maxSeverity: 'NOTICE' },
    priority: 'P3',
    reason: 'an exception with a stack trace, logged below WARNING (handled, or a mislabelling logger)',
    likelyCauses: ['The code caught the exception and logged it at a low level, or the logger sets no severity.'],
    recommendedActions: [
      'Check whether the exception is expected; if it is handled, log it without the stack or add an ignore rule.',
    ],
    escalate: false,
  },
  {
    id: 'informational',
    match: { maxSeverity: 'NOTICE' },
    priority: 'ignore',
    reason: 'informational entries are not a problem',
    likelyCauses: [],
    recommendedActions: [],
    escalate: false,
  },
];
