/**
 * Loopback fakes of the Google endpoints the action talks to, speaking their real wire formats:
 * - the GitHub Actions OIDC token endpoint (`ACTIONS_ID_TOKEN_REQUEST_URL`):
 *   GET `?api-version=2.0&audience=…` with `Authorization: bearer <request token>` → `{"value": jwt}`
 * - Google STS `POST /v1/token` (RFC 8693 token exchange, form-encoded)
 * - IAM Credentials `POST /v1/projects/-/serviceAccounts/{email}:generateAccessToken`
 * - Cloud Logging REST `POST /v2/entries:list` (resourceNames, filter, orderBy, pageSize, pageToken)
 * Errors use Google's JSON shape `{error:{code,message,status}}` (STS: OAuth `{error,error_description}`).
 * One server hosts all four so a test can point every endpoint at one base URL.
 */
import { closeServer, listenOnLoopback } from './loopback.js';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Config } from '../../src/config/config-types.js';
import { parseConfig } from '../../src/config/config.js';
import { configSource } from '../config-source.js';
import { SEVERITY_NUMBER } from '../../src/core/model/log-record.js';
import { compileFilter, FilterSyntaxError } from './logging-filter.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or form fields as an object for STS. */
  body: Record<string, unknown>;
}

/** A failure the Logging fake answers with instead of a page, in order. */
export type InjectedFailure =
  { status: 429 | 503 | 500; message?: string } | { status: 403 | 400 | 404 | 401; message: string };

export interface GoogleFakeOptions {
  /** Entries in the project, any order (the fake orders them by timestamp). */
  entries?: Record<string, unknown>[];
  /** Project the caller may read; other projects get 403 (as Google answers for a missing project). */
  projectId?: string;
  /** Request token the OIDC endpoint accepts. */
  oidcRequestToken?: string;
  /** Workload identity provider (`projects/N/locations/global/workloadIdentityPools/P/providers/X`). */
  provider?: string;
  /** Service account the federated principal may impersonate ('' = impersonation always denied). */
  serviceAccount?: string;
  /** STS answers `invalid_grant` with this description (attribute condition failing, …). */
  stsRejection?: string;
}

const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

export class GoogleFake {
  readonly requests: RecordedRequest[] = [];
  /** Failures answered by the next `entries:list` requests, consumed front to back. */
  readonly loggingFailures: InjectedFailure[] = [];
  private entries: Record<string, unknown>[] = [];
  private readonly matchCache = new Map<string, Record<string, unknown>[]>();
  private readonly server: Server;
  private readonly issued = { oidc: new Set<string>(), sts: new Set<string>(), sa: new Set<string>() };
  private counter = 0;
  baseUrl = '';

  constructor(private readonly options: GoogleFakeOptions = {}) {
    this.setEntries(options.entries ?? []);
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((err: unknown) =>
        send(res, 500, { error: { code: 500, message: String(err), status: 'INTERNAL' } }),
      );
    });
  }

  async start(): Promise<this> {
    this.baseUrl = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  setEntries(entries: Record<string, unknown>[]): void {
    this.matchCache.clear();
    // Decorated once: a million entries sort in a second instead of parsing 40 million timestamps.
    this.entries = entries
      .map((entry, i) => ({ entry, t: Date.parse(String(entry.timestamp)), i }))
      .sort((a, b) => b.t - a.t || a.i - b.i)
      .map((d) => d.entry);
  }

  /** The URL a runner would put in ACTIONS_ID_TOKEN_REQUEST_URL. */
  get oidcUrl(): string {
    return `${this.baseUrl}/_apis/oidc/token?api-version=2.0`;
  }

  /** Requests to one of 'oidc' | 'sts' | 'iam' | 'logging'. */
  requestsTo(kind: 'oidc' | 'sts' | 'iam' | 'logging'): RecordedRequest[] {
    const prefix = {
      oidc: '/_apis/oidc',
      sts: '/v1/token',
      iam: '/v1/projects/-/serviceAccounts/',
      logging: '/v2/entries:list',
    }[kind];
    return this.requests.filter((r) => r.path.startsWith(prefix));
  }

  /** How many of the fake's entries `filter` selects (what reading every page must return). */
  countMatching(filter: string): number {
    return this.matching(filter).length;
  }

  /** The entries a filter selects, newest first; the last few filters' answers are kept (pages of one read). */
  private matching(filter: string): Record<string, unknown>[] {
    let found = this.matchCache.get(filter);
    if (!found) {
      found = this.entries.filter(matchesFilter(filter));
      if (this.matchCache.size >= 8) this.matchCache.delete(this.matchCache.keys().next().value!);
      this.matchCache.set(filter, found);
    }
    return found;
  }

  /** True when `token` is an access token the fake issued through impersonation. */
  isServiceAccountToken(token: string): boolean {
    return this.issued.sa.has(token);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    const isForm = String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
    const body: Record<string, unknown> =
      raw === ''
        ? {}
        : isForm
          ? Object.fromEntries(new URLSearchParams(raw))
          : (JSON.parse(raw) as Record<string, unknown>);
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    });

    if (req.method === 'GET' && url.pathname === '/_apis/oidc/token') return this.handleOidc(req, url, res);
    if (req.method === 'POST' && url.pathname === '/v1/token') return this.handleSts(body, res);
    const iam = /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(url.pathname);
    if (req.method === 'POST' && iam) return this.handleIam(decodeURIComponent(iam[1]!), req, res);
    if (req.method === 'POST' && url.pathname === '/v2/entries:list') return this.handleList(req, url, body, res);
    send(res, 404, { error: { code: 404, message: `no route ${req.method} ${url.pathname}`, status: 'NOT_FOUND' } });
  }

  private handleOidc(req: IncomingMessage, url: URL, res: ServerResponse): void {
    // The runner documents `bearer`; @actions/http-client sends `Bearer`: the scheme is case-insensitive.
    if (bearer(req) !== (this.options.oidcRequestToken ?? 'request-token')) {
      send(res, 401, { message: 'Bad credentials' });
      return;
    }
    const audience = url.searchParams.get('audience') ?? '';
    const claims = {
      iss: 'https://token.actions.githubusercontent.com',
      aud: audience,
      sub: 'repo:octo/app:ref:refs/heads/main',
      repository: 'octo/app',
      n: ++this.counter,
    };
    const jwt = [{ alg: 'RS256', typ: 'JWT' }, claims, 'signature']
      .map((p) => Buffer.from(typeof p === 'string' ? p : JSON.stringify(p)).toString('base64url'))
      .join('.');
    this.issued.oidc.add(jwt);
    send(res, 200, { count: 1, value: jwt });
  }

  private handleSts(body: Record<string, unknown>, res: ServerResponse): void {
    const expectedAudience = `//iam.googleapis.com/${this.options.provider ?? ''}`;
    const reject = (description: string) => send(res, 400, { error: 'invalid_grant', error_description: description });
    if (body.grant_type !== GRANT_TYPE)
      return send(res, 400, {
        error: 'unsupported_grant_type',
        error_description: `bad grant_type ${String(body.grant_type)}`,
      });
    if (body.subject_token_type !== JWT_TYPE)
      return send(res, 400, { error: 'invalid_request', error_description: 'bad subject_token_type' });
    if (body.audience !== expectedAudience)
      return reject(
        `Invalid value for "audience". This value should be the full resource name of the Identity Provider. ${String(body.audience)}`,
      );
    const subject = String(body.subject_token ?? '');
    if (!this.issued.oidc.has(subject)) return reject('ID Token issued by the OIDC provider is not valid.');
    const aud = (JSON.parse(Buffer.from(subject.split('.')[1] ?? '', 'base64url').toString()) as { aud: string }).aud;
    if (aud !== `https://iam.googleapis.com/${this.options.provider ?? ''}`)
      return reject(`The audience in ID Token [${aud}] does not match the expected audience.`);
    if (this.options.stsRejection) return reject(this.options.stsRejection);
    const token = `sts-token-${++this.counter}`;
    this.issued.sts.add(token);
    send(res, 200, {
      access_token: token,
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      token_type: 'Bearer',
      expires_in: 3600,
    });
  }

  private handleIam(email: string, req: IncomingMessage, res: ServerResponse): void {
    const token = bearer(req);
    if (!this.issued.sts.has(token))
      return send(res, 401, {
        error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' },
      });
    if (!this.options.serviceAccount || email !== this.options.serviceAccount) {
      return send(res, 403, {
        error: {
          code: 403,
          message: "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).",
          status: 'PERMISSION_DENIED',
        },
      });
    }
    const accessToken = `sa-token-${++this.counter}`;
    this.issued.sa.add(accessToken);
    send(res, 200, { accessToken, expireTime: new Date(Date.now() + 3600_000).toISOString() });
  }

  private handleList(req: IncomingMessage, url: URL, body: Record<string, unknown>, res: ServerResponse): void {
    const token = bearer(req);
    const knownToken = this.options.serviceAccount
      ? this.issued.sa.has(token)
      : this.issued.sts.has(token) || token.startsWith('adc-');
    if (!knownToken)
      return send(res, 401, {
        error: {
          code: 401,
          message: 'Request had invalid authentication credentials. Expected OAuth 2 access token.',
          status: 'UNAUTHENTICATED',
        },
      });
    const failure = this.loggingFailures.shift();
    if (failure)
      return send(res, failure.status, {
        error: {
          code: failure.status,
          message: failure.message ?? defaultMessage(failure.status),
          status: STATUS_NAMES[failure.status],
        },
      });
    const pageSize = Number(body.pageSize ?? 50);
    if (pageSize > 1000)
      return send(res, 400, {
        error: { code: 400, message: 'Invalid page size: must be at most 1000.', status: 'INVALID_ARGUMENT' },
      });
    const names = (body.resourceNames as string[] | undefined) ?? [];
    if (names.some((n) => n !== `projects/${this.options.projectId ?? 'demo-project'}`)) {
      return send(res, 403, {
        error: {
          code: 403,
          message: `The caller does not have permission or project ${names.join(',')} does not exist`,
          status: 'PERMISSION_DENIED',
        },
      });
    }
    const filter = String(body.filter ?? '');
    if (filter.length > 20_000)
      return send(res, 400, {
        error: { code: 400, message: 'Filter is longer than 20000 characters.', status: 'INVALID_ARGUMENT' },
      });
    let matching: Record<string, unknown>[];
    try {
      matching = this.matching(filter);
    } catch (err) {
      if (!(err instanceof FilterSyntaxError)) throw err;
      return send(res, 400, {
        error: { code: 400, message: `Unparseable filter: ${err.message}`, status: 'INVALID_ARGUMENT' },
      });
    }
    const offset = body.pageToken
      ? Number(Buffer.from(String(body.pageToken), 'base64url').toString().split(':')[1])
      : 0;
    const page = matching.slice(offset, offset + pageSize);
    const next =
      offset + pageSize < matching.length
        ? Buffer.from(`${hash(filter)}:${offset + pageSize}`).toString('base64url')
        : undefined;
    // gax's REST transport asks for numeric enums (`$alt=json;enum-encoding=int`); Google honours it.
    const numericEnums = (url.searchParams.get('$alt') ?? '').includes('enum-encoding=int');
    const entries = numericEnums
      ? page.map((e) => ({ ...e, severity: SEVERITY_NUMBERS[String(e.severity ?? 'DEFAULT')] ?? 0 }))
      : page;
    send(res, 200, next ? { entries, nextPageToken: next } : { entries });
  }
}

const bucketCache = new Map<string, number>();

/** The fake's Logging query evaluation (test/fakes/logging-filter.ts), `sample()` bucketed like Logging's. */
function matchesFilter(filter: string): (entry: Record<string, unknown>) => boolean {
  return compileFilter(filter, { bucket: cachedBucket });
}

function cachedBucket(insertId: string): number {
  let bucket = bucketCache.get(insertId);
  if (bucket === undefined) {
    bucket = sampleBucket(insertId);
    if (bucketCache.size > 2_000_000) bucketCache.clear();
    bucketCache.set(insertId, bucket);
  }
  return bucket;
}

/** Deterministic pseudo-random position in [0, 1) of an insertId, like Logging's `sample()`. */
export function sampleBucket(insertId: string): number {
  return createHash('sha256').update(insertId).digest().readUInt32BE(0) / 2 ** 32;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

function bearer(req: IncomingMessage): string {
  return /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

function defaultMessage(status: number): string {
  if (status === 429) {
    return "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'logging.googleapis.com' for consumer 'project_number:123'.";
  }
  return status === 503 ? 'The service is currently unavailable.' : 'Internal error encountered.';
}

// Cloud Logging's numeric severities: the same table the product uses.
const SEVERITY_NUMBERS: Record<string, number> = SEVERITY_NUMBER;

/** `count` synthetic Cloud Run entries spread evenly over [start, end), newest last. */
export function makeEntries(count: number, start: number, end: number, service = 'api'): Record<string, unknown>[] {
  const step = (end - start) / count;
  return Array.from({ length: count }, (_, i) => ({
    insertId: `id-${i.toString(36).padStart(6, '0')}`,
    timestamp: new Date(Math.floor(start + i * step)).toISOString(),
    severity: i % 3 === 0 ? 'ERROR' : 'WARNING',
    logName: 'projects/demo-project/logs/run.googleapis.com%2Fstderr',
    resource: {
      type: 'cloud_run_revision',
      labels: {
        service_name: service,
        revision_name: `${service}-00001-abc`,
        location: 'europe-west1',
        project_id: 'demo-project',
      },
    },
    textPayload: `Error: connection refused to db-${i % 7}`,
  }));
}

/** A validated Config reading `demo-project` through the fake (every field the Google adapters use). */
export function googleTestConfig(fake: GoogleFake, overrides: Partial<Config> = {}): Config {
  // Parsed like the action's inputs (one validated config); a test overrides what it varies.
  const base = parseConfig(
    configSource(
      {
        'project-id': 'demo-project',
        services: 'api',
        'workload-identity-provider': 'projects/123456/locations/global/workloadIdentityPools/github/providers/octo',
        'service-account': 'reader@demo-project.iam.gserviceaccount.com',
        'logging-endpoint': fake.baseUrl,
        'sts-endpoint': fake.baseUrl,
        'iam-credentials-endpoint': fake.baseUrl,
        'dry-run': 'true',
        'upload-artifact': 'false',
        'job-summary': 'false',
        'worklog-path': '/tmp/worklog.md',
      },
      { env: { GITHUB_REPOSITORY: 'octo/app', GITHUB_TOKEN: 'ghs_test', GITHUB_RUN_ID: '1' } },
    ),
  );
  return { ...base, ...overrides };
}
