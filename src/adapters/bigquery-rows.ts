/**
 * BigQuery REST rows (`{schema:{fields}, rows:[{f:[{v}]}]}`) as plain objects, and the sample
 * rows of the `_AllLogs` view as the LogEntry JSON the normaliser reads. On the wire INT64 is a
 * string, TIMESTAMP a string of epoch seconds (`1.7648928E9`) and JSON columns JSON text.
 */

export interface QueryResponse {
  jobComplete?: boolean;
  jobReference?: { projectId?: string; jobId?: string; location?: string };
  schema?: { fields?: { name: string; type: string }[] };
  rows?: { f: { v: unknown }[] }[];
  pageToken?: string;
  totalBytesProcessed?: string;
}

/** Rows as `{column: value}` with TIMESTAMP as epoch ms and INT64 as number. */
export function cellsOf(response: QueryResponse): Record<string, unknown>[] {
  const fields = response.schema?.fields ?? [];
  return (response.rows ?? []).map((row) =>
    Object.fromEntries(
      fields.map((field, i) => {
        const v = row.f[i]?.v ?? null;
        if (v === null) return [field.name, null];
        if (field.type === 'TIMESTAMP') return [field.name, Math.round(Number(v) * 1000)];
        if (field.type === 'INTEGER' || field.type === 'INT64') return [field.name, Number(v)];
        return [field.name, v];
      }),
    ),
  );
}

/** Sample rows (analytics-sql.ts buildSampleQuery) as LogEntry JSON. */
export function bigQueryRowsToEntries(response: QueryResponse): Record<string, unknown>[] {
  return cellsOf(response).map((row) => {
    const entry: Record<string, unknown> = {
      insertId: row.insert_id,
      timestamp: new Date(Number(row.timestamp)).toISOString(),
      logName: row.log_name ?? '',
      resource: { type: row.resource_type ?? '', labels: parseJson(row.resource_labels) ?? {} },
    };
    if (row.severity) entry.severity = row.severity;
    if (row.text_payload !== null) entry.textPayload = row.text_payload;
    const json = parseJson(row.json_payload);
    if (json) entry.jsonPayload = json;
    const proto = parseJson(row.proto_payload);
    if (proto) entry.protoPayload = proto;
    if (row.http_status !== null || row.http_url !== null) {
      entry.httpRequest = {
        ...(row.http_method ? { requestMethod: row.http_method } : {}),
        ...(row.http_url ? { requestUrl: row.http_url } : {}),
        ...(row.http_status !== null ? { status: Number(row.http_status) } : {}),
      };
    }
    if (row.trace) entry.trace = row.trace;
    const labels = parseJson(row.labels);
    if (labels) entry.labels = labels;
    return entry;
  });
}

function parseJson(value: unknown): Record<string, unknown> | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'object') return value as Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(String(value));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
