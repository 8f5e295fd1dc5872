/**
 * A loopback fake of the BigQuery REST API for Log Analytics, that runs the SQL it is sent:
 * - `POST /bigquery/v2/projects/{p}/queries` (jobs.query): `dryRun` answers the bytes the query
 *   would scan; otherwise the query runs, `maximumBytesBilled` enforced as BigQuery does
 *   (400 `bytesBilledLimitExceeded`), and the first page of rows is answered — or, with
 *   `slowJobs`, `jobComplete: false` and a job reference to poll;
 * - `GET /bigquery/v2/projects/{p}/queries/{jobId}` (jobs.getQueryResults): the job's rows by page.
 * Rows are BigQuery's wire format: `{schema:{fields}, rows:[{f:[{v}]}]}`, INT64 as strings,
 * TIMESTAMP as epoch seconds (`1.7648928E9`), JSON columns as JSON text.
 *
 * The SQL runs in DuckDB over a table shaped like the linked dataset's `_AllLogs` view, built from
 * the same LogEntry JSON the Logging fake serves. The text is run as sent, with one translation,
 * of the table's name (`project.dataset._AllLogs` → a DuckDB table), and the two macros that give
 * REGEXP_REPLACE and JSON_VALUE their BigQuery meaning (src/core/read/analytics-sql.ts).
 * Bytes scanned: the size of the entries' JSON, as BigQuery bills the columns read.
 */
import { closeServer, listenOnLoopback } from './loopback.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export interface BigQueryFakeOptions {
  entries: Record<string, unknown>[];
  /** `PROJECT.DATASET` that exists; others answer 404. */
  dataset: string;
  /** Access tokens accepted (Bearer). */
  tokens: (token: string) => boolean;
  /** Answer `jobComplete: false` first, so the client polls getQueryResults. */
  slowJobs?: boolean;
  /** Rows per page. */
  pageSize?: number;
  /** Bytes a query scans (default: the entries' JSON size). */
  bytes?: number;
}

export interface BigQueryRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

/** The macros that give DuckDB's functions BigQuery's meaning for the SQL the action sends. */
export const BIGQUERY_MACROS = [
  `CREATE OR REPLACE MACRO regexp_replace(s, p, r) AS system.main.regexp_replace(s, p, r, 'g')`,
  `CREATE OR REPLACE MACRO json_value(j, p) AS json_extract_string(j, p)`,
];

/** LogEntry JSON as rows of the `_AllLogs` view (column names and types as the view has them). */
export async function loadAllLogs(connection: DuckDBConnection, entries: Record<string, unknown>[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bq-fake-'));
  const file = join(dir, 'entries.ndjson');
  const row = (e: Record<string, unknown>) => {
    const http = e.httpRequest as Record<string, unknown> | undefined;
    const resource = (e.resource ?? {}) as { type?: string; labels?: unknown };
    return JSON.stringify({
      timestamp: String(e.timestamp),
      insert_id: e.insertId ?? null,
      log_name: e.logName ?? null,
      severity: e.severity ?? null,
      resource_type: resource.type ?? null,
      resource_labels: resource.labels ? JSON.stringify(resource.labels) : null,
      text_payload: e.textPayload ?? null,
      json_payload: e.jsonPayload ? JSON.stringify(e.jsonPayload) : null,
      proto_payload: e.protoPayload ? JSON.stringify(e.protoPayload) : null,
      http_method: http?.requestMethod ?? null,
      http_url: http?.requestUrl ?? null,
      http_status: http?.status === undefined ? null : Number(http.status),
      trace: e.trace ?? null,
      labels: e.labels ? JSON.stringify(e.labels) : null,
    });
  };
  // In chunks: a million rows are more text than one string may hold.
  writeFileSync(file, '');
  for (let i = 0; i < entries.length; i += 10_000)
    appendFileSync(
      file,
      entries
        .slice(i, i + 10_000)
        .map(row)
        .join('\n') + '\n',
    );
  try {
    for (const macro of BIGQUERY_MACROS) await connection.run(macro);
    await connection.run(`CREATE OR REPLACE TABLE all_logs AS SELECT
      CAST(timestamp AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS timestamp, insert_id, log_name, severity,
      {'type': resource_type, 'labels': CAST(resource_labels AS JSON)} AS resource,
      text_payload, CAST(json_payload AS JSON) AS json_payload, CAST(proto_payload AS JSON) AS proto_payload,
      {'request_method': http_method, 'request_url': http_url, 'status': http_status} AS http_request,
      trace, CAST(labels AS JSON) AS labels
    FROM read_json('${file}', format = 'newline_delimited', columns = {
      timestamp: 'VARCHAR', insert_id: 'VARCHAR', log_name: 'VARCHAR', severity: 'VARCHAR',
      resource_type: 'VARCHAR', resource_labels: 'VARCHAR', text_payload: 'VARCHAR', json_payload: 'VARCHAR',
      proto_payload: 'VARCHAR', http_method: 'VARCHAR', http_url: 'VARCHAR', http_status: 'BIGINT',
      trace: 'VARCHAR', labels: 'VARCHAR'})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Job {
  fields: { name: string; type: string }[];
  rows: { f: { v: unknown }[] }[];
  bytes: number;
  polled: boolean;
}

export class BigQueryFake {
  readonly requests: BigQueryRequest[] = [];
  /** Failures answered by the next query requests, front to back. */
  readonly failures: { status: number; reason: string; message: string }[] = [];
  baseUrl = '';
  private readonly server: Server;
  private connection!: DuckDBConnection;
  private readonly jobs = new Map<string, Job>();
  private bytes = 0;
  private jobCounter = 0;

  constructor(private readonly options: BigQueryFakeOptions) {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((err: unknown) => send(res, 500, errorBody(500, 'internalError', String(err))));
    });
  }

  async start(): Promise<this> {
    const instance = await DuckDBInstance.create(':memory:');
    this.connection = await instance.connect();
    await loadAllLogs(this.connection, this.options.entries);
    this.bytes = this.options.bytes ?? this.options.entries.reduce((a, e) => a + JSON.stringify(e).length, 0);
    this.baseUrl = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
    this.connection.closeSync();
  }

  /** Rows the queries answered in all (what the action moved to its machine). */
  rowsServed = 0;

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    this.requests.push({ method: req.method ?? '', path: url.pathname, body });
    const token = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    if (!this.options.tokens(token))
      return send(res, 401, errorBody(401, 'authError', 'Request had invalid authentication credentials.'));
    const query = /^\/bigquery\/v2\/projects\/([^/]+)\/queries$/.exec(url.pathname);
    if (req.method === 'POST' && query) return this.handleQuery(decodeURIComponent(query[1]!), body, res);
    const results = /^\/bigquery\/v2\/projects\/([^/]+)\/queries\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && results) return this.handleResults(decodeURIComponent(results[2]!), url, res);
    send(res, 404, errorBody(404, 'notFound', `no route ${req.method} ${url.pathname}`));
  }

  private async handleQuery(project: string, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const failure = this.failures.shift();
    if (failure) return send(res, failure.status, errorBody(failure.status, failure.reason, failure.message));
    if (body.useLegacySql !== false)
      return send(res, 400, errorBody(400, 'invalidQuery', 'Legacy SQL is not supported by Log Analytics views.'));
    const sql = String(body.query ?? '');
    const table = `\`${this.options.dataset}._AllLogs\``;
    if (!sql.includes(table) || !this.options.dataset.startsWith(`${project}.`)) {
      const named = /`([^`]+)`/.exec(sql)?.[1] ?? '?';
      return send(
        res,
        404,
        errorBody(404, 'notFound', `Not found: Dataset ${named.replace(/\._AllLogs$/, '')} was not found`),
      );
    }
    const bytes = this.bytes;
    const reference = { projectId: project, jobId: `job_${++this.jobCounter}`, location: 'EU' };
    if (body.dryRun === true)
      return send(res, 200, { kind: 'bigquery#queryResponse', jobComplete: true, totalBytesProcessed: String(bytes) });
    const cap = body.maximumBytesBilled === undefined ? Infinity : Number(body.maximumBytesBilled);
    if (bytes > cap)
      return send(
        res,
        400,
        errorBody(
          400,
          'bytesBilledLimitExceeded',
          `Query exceeded limit for bytes billed: ${cap}. ${bytes} or higher required.`,
        ),
      );
    let reader;
    try {
      reader = await this.connection.runAndReadAll(sql.split(table).join('all_logs'));
    } catch (err) {
      return send(
        res,
        400,
        errorBody(400, 'invalidQuery', err instanceof Error ? err.message.split('\n')[0]! : String(err)),
      );
    }
    const fields = reader
      .columnNames()
      .map((name, i) => ({ name, type: bigQueryType(String(reader.columnTypes()[i])) }));
    const rows = reader.getRowsJS().map((row) => ({ f: row.map((v, i) => ({ v: wireValue(v, fields[i]!.type) })) }));
    this.jobs.set(reference.jobId, { fields, rows, bytes, polled: false });
    if (this.options.slowJobs)
      return send(res, 200, { kind: 'bigquery#queryResponse', jobReference: reference, jobComplete: false });
    send(res, 200, this.page(reference.jobId, reference, 0));
  }

  private handleResults(jobId: string, url: URL, res: ServerResponse): void {
    const job = this.jobs.get(jobId);
    if (!job) return send(res, 404, errorBody(404, 'notFound', `Not found: Job ${jobId}`));
    const offset = Number(url.searchParams.get('pageToken') ?? 0);
    send(
      res,
      200,
      this.page(jobId, { projectId: '', jobId, location: url.searchParams.get('location') ?? '' }, offset),
    );
  }

  private page(jobId: string, reference: Record<string, string>, offset: number): Record<string, unknown> {
    const job = this.jobs.get(jobId)!;
    const size = this.options.pageSize ?? 10_000;
    const rows = job.rows.slice(offset, offset + size);
    this.rowsServed += rows.length;
    return {
      kind: 'bigquery#getQueryResultsResponse',
      jobReference: reference,
      jobComplete: true,
      schema: { fields: job.fields },
      totalRows: String(job.rows.length),
      rows,
      totalBytesProcessed: String(job.bytes),
      ...(offset + size < job.rows.length ? { pageToken: String(offset + size) } : {}),
    };
  }
}

function bigQueryType(duck: string): string {
  if (/INT/.test(duck)) return 'INTEGER';
  if (/TIMESTAMP/.test(duck)) return 'TIMESTAMP';
  if (duck === 'JSON') return 'JSON';
  return 'STRING';
}

function wireValue(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'TIMESTAMP') {
    const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
    return (ms / 1000).toExponential().toUpperCase().replace('E+', 'E');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function errorBody(code: number, reason: string, message: string): Record<string, unknown> {
  return {
    error: { code, message, errors: [{ reason, message }], status: code === 404 ? 'NOT_FOUND' : 'INVALID_ARGUMENT' },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
