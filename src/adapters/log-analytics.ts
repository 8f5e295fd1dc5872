/**
 * Reads the window through Log Analytics (`analytics-dataset`): one BigQuery query groups it
 * server-side (src/core/read/analytics-sql.ts) with exact counts at any volume; a second fetches
 * a few sample entries per group by insert_id, which the local pipeline clusters as usual, each
 * standing for its group's share of the exact count (`weights()`, exact).
 *
 * Cost is guarded: a dry run estimates the bytes scanned first and a query over
 * `analytics-max-bytes` is not run; the real query carries the same cap as `maximumBytesBilled`
 * (BigQuery fails it unbilled if the estimate was low); the worklog reports the bytes.
 *
 * Why REST and not @google-cloud/bigquery: the calls needed are two (`jobs.query`, with `dryRun`
 * and `maximumBytesBilled`, then `jobs.getQueryResults` while a job runs or has more pages), the
 * same wire calls the library makes. The library (9.x) would add @google-cloud/common,
 * teeny-request, retry-request, paginator and big.js to the bundle, with its own retry policy
 * beside ours; like gcp-logging.ts, this takes the auth client's `getRequestHeaders()` and the
 * JSON as Google sends it. https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query
 */
import type { AuthClient } from 'google-auth-library';
import type { Config } from '../config/config-types.js';
import {
  AnalyticsQueryError,
  buildGroupQuery,
  buildSampleQuery,
  type AnalyticsQueryInput,
} from '../core/read/analytics-sql.js';
import { queryWindow } from '../core/read/window.js';
import type { LogSource, SourceInfo } from '../ports.js';
import { GoogleSetupError, redactExternal } from './gcp-errors.js';
import { bigQueryRowsToEntries, cellsOf, type QueryResponse } from './bigquery-rows.js';
import { formatCount } from '../core/markdown/format.js';

export interface LogAnalyticsDeps {
  now(): number;
  sleep(ms: number): Promise<void>;
  log(msg: string): void;
}

const REQUEST_TIMEOUT_MS = 120_000;
/** How long BigQuery may hold a jobs.query / getQueryResults call open waiting for the job. */
const WAIT_MS = 30_000;
const MAX_POLLS = 40;
/** insert_ids per sample query: keeps the SQL text far under BigQuery's 1 MB query limit. */
const IDS_PER_QUERY = 2000;

export class LogAnalyticsSource implements LogSource {
  readonly window: { start: number; end: number };
  private readonly input: AnalyticsQueryInput;
  private readonly state: SourceInfo;
  private readonly weightById = new Map<string, number>();

  constructor(
    private readonly config: Config,
    private readonly auth: AuthClient,
    private readonly deps: LogAnalyticsDeps,
  ) {
    this.window = queryWindow(config, deps.now());
    this.input = {
      dataset: config.analytics.dataset,
      services: config.services,
      minSeverity: config.minSeverity,
      ...this.window,
    };
    this.state = {
      source: `log-analytics:${config.analytics.dataset}`,
      query: '',
      sampleFraction: 1,
      unreadable: {},
      notes: [],
      requests: 0,
    };
  }

  info(): SourceInfo {
    return { ...this.state, unreadable: {}, notes: [...this.state.notes], window: this.window };
  }

  /** Each sample entry stands for its group's count ÷ its samples: exact sums, not estimates. */
  weights(): { byId: ReadonlyMap<string, number>; exact: boolean } {
    return { byId: this.weightById, exact: true };
  }

  async *read(): AsyncIterable<unknown> {
    let groupSql: string;
    try {
      groupSql = buildGroupQuery(this.input);
    } catch (err) {
      if (err instanceof AnalyticsQueryError)
        throw new GoogleSetupError('logging', `analytics-dataset: ${err.message}`);
      throw err;
    }
    this.state.query = groupSql;
    const estimate = await this.dryRun(groupSql);
    const cap = this.config.analytics.maxBytes;
    if (estimate > cap)
      throw new GoogleSetupError(
        'logging',
        `The Log Analytics query would scan ${gb(estimate)} (dry run), over analytics-max-bytes (${gb(cap)}); nothing was billed. ` +
          'Shorten the window (lookback), name fewer services, or raise analytics-max-bytes.',
      );
    const grouped = await this.run(groupSql);
    const groups = cellsOf(grouped.response).map((row) => ({
      entries: Number(row.entries),
      ids: String(row.sample_ids ?? '')
        .split(',')
        .filter(Boolean),
    }));
    const total = groups.reduce((a, g) => a + g.entries, 0);
    const ids = groups.flatMap((g) => g.ids);
    let moved = 0;
    let bytes = grouped.bytes;
    const fetched = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const sample = await this.run(buildSampleQuery(this.input, ids.slice(i, i + IDS_PER_QUERY)));
      bytes += sample.bytes;
      for (const entry of bigQueryRowsToEntries(sample.response)) fetched.set(String(entry.insertId), entry);
    }
    this.state.notes.push(
      `Log Analytics (${this.config.analytics.dataset}): grouped ${formatCount(total)} entries server-side into ${groups.length} groups with exact counts ` +
        `(dry-run estimate ${gb(estimate)}, ${gb(bytes)} scanned in all, cap analytics-max-bytes ${gb(cap)}); ` +
        `${fetched.size} sample entries were fetched by insert_id and clustered here, each standing for its group's share of the exact count. ` +
        `${this.state.requests} BigQuery requests. The timeline is drawn from samples.`,
    );
    for (const group of groups) {
      const present = group.ids.filter((id) => fetched.has(id));
      for (const id of present) {
        this.weightById.set(id, group.entries / present.length);
        moved++;
        yield fetched.get(id);
      }
    }
    this.deps.log(`Log Analytics: ${total} entries in ${groups.length} groups; ${moved} sample entries moved.`);
  }

  /** Bytes the query would scan, from a dry run (free). */
  private async dryRun(query: string): Promise<number> {
    const response = await this.call('POST', this.url('queries'), { query, useLegacySql: false, dryRun: true });
    return Number(response.totalBytesProcessed ?? 0);
  }

  /** Runs a query to completion, every page of its rows. */
  private async run(query: string): Promise<{ response: QueryResponse; bytes: number }> {
    let response = await this.call('POST', this.url('queries'), {
      query,
      useLegacySql: false,
      maximumBytesBilled: String(this.config.analytics.maxBytes),
      timeoutMs: WAIT_MS,
    });
    const job = response.jobReference;
    const bytes = Number(response.totalBytesProcessed ?? 0);
    const rows = [...(response.rows ?? [])];
    for (let polls = 0; !response.jobComplete || response.pageToken; polls++) {
      if (!job?.jobId || polls >= MAX_POLLS)
        throw new GoogleSetupError('logging', 'The Log Analytics query did not finish in time; shorten the window.');
      const params = new URLSearchParams({ timeoutMs: String(WAIT_MS) });
      if (job.location) params.set('location', job.location);
      if (response.jobComplete && response.pageToken) params.set('pageToken', response.pageToken);
      response = await this.call('GET', `${this.url(`queries/${encodeURIComponent(job.jobId)}`)}?${params}`);
      if (response.jobComplete) rows.push(...(response.rows ?? []));
    }
    return { response: { ...response, rows }, bytes: bytes || Number(response.totalBytesProcessed ?? 0) };
  }

  private url(path: string): string {
    const project = this.config.analytics.dataset.replace(/\.[^.]+$/, '');
    return `${this.config.bigqueryEndpoint.replace(/\/+$/, '')}/bigquery/v2/projects/${encodeURIComponent(project)}/${path}`;
  }

  private async call(method: 'GET' | 'POST', url: string, body?: unknown): Promise<QueryResponse> {
    const headers = await this.auth.getRequestHeaders(url);
    headers.set('content-type', 'application/json');
    this.state.requests++;
    const response = await fetch(url, {
      method,
      headers,
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (response.ok) return JSON.parse(text) as QueryResponse;
    throw explainBigQueryError(response.status, text, this.config.analytics.dataset);
  }
}

/** What BigQuery said, and the one thing to change. */
function explainBigQueryError(status: number, text: string, dataset: string): GoogleSetupError {
  let message = text.slice(0, 500);
  let reason = '';
  try {
    const error = (JSON.parse(text) as { error?: { message?: string; errors?: { reason?: string }[] } }).error;
    message = error?.message ?? message;
    reason = error?.errors?.[0]?.reason ?? '';
  } catch {
    // not JSON: keep the text
  }
  const said = `BigQuery answered ${status}${reason ? ` ${reason}` : ''}: ${redactExternal(message)}`;
  const fix =
    reason === 'bytesBilledLimitExceeded'
      ? 'The query scanned more than analytics-max-bytes: shorten the window or raise analytics-max-bytes.'
      : status === 403
        ? `Grant the action's identity roles/bigquery.jobUser on the project and roles/bigquery.dataViewer (or roles/logging.viewAccessor on the log view) on ${dataset}.`
        : status === 404
          ? `Check analytics-dataset: ${dataset} must be the dataset linked to the log bucket (gcloud logging links list --bucket=BUCKET --location=LOCATION).`
          : 'Check analytics-dataset and the BigQuery API (bigquery.googleapis.com) being enabled.';
  return new GoogleSetupError('logging', `${said}. ${fix}`);
}

function gb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}
