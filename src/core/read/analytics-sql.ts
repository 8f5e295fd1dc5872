/**
 * The Log Analytics SQL (issue 15): one query groups the window server-side by service, severity
 * and a normalised message line, with exact counts, first and last seen and a few sample ids per
 * group; a second fetches those sample entries by insert_id for the local pipeline.
 *
 * Pure, and written in the subset of SQL that GoogleSQL (BigQuery) and DuckDB both run, so a test
 * runs this exact text over the same entries in DuckDB and checks the grouping it computes:
 * - string literals hold no quote and only the backslash escapes both read alike: `\n` and
 *   `\x27` (BigQuery unescapes them in the literal, DuckDB keeps them for RE2, the regex engine of
 *   both); no `\d`, which BigQuery rejects in a literal;
 * - functions both have: REGEXP_REPLACE, REGEXP_EXTRACT, JSON_VALUE, COALESCE, CONCAT, CAST,
 *   SUBSTR, LOWER, RTRIM, STARTS_WITH, COUNT, MIN, MAX, STRING_AGG(… ORDER BY …), ROW_NUMBER.
 *   Two differ in DuckDB and the test gives them BigQuery's meaning with a macro: REGEXP_REPLACE
 *   replaces every match in BigQuery (DuckDB: the first, unless 'g'), and JSON_VALUE returns text
 *   in BigQuery (DuckDB: JSON).
 * The `_AllLogs` view's columns: https://cloud.google.com/logging/docs/analyze/query-linked-dataset
 */
import { severityRank, SEVERITIES, type Severity } from '../model/log-record.js';
import { STDERR_ERROR_WORDS } from './logging-query.js';

/** Sample entries fetched per group: the first, the last (so first/last seen are exact) and one more. */
export const SAMPLES_PER_GROUP = 3;
/** Groups returned at most, largest first: a hostile window cannot make the second query huge. */
export const MAX_GROUPS = 2000;
const KEY_LENGTH = 200;

export interface AnalyticsQueryInput {
  /** `PROJECT.DATASET`. */
  dataset: string;
  services: string[];
  minSeverity: Severity;
  /** Window in epoch ms: start inclusive, end exclusive. */
  start: number;
  end: number;
}

export class AnalyticsQueryError extends Error {
  override name = 'AnalyticsQueryError';
}

/** The `_AllLogs` view of the linked dataset, as BigQuery names it. */
export function allLogsTable(dataset: string): string {
  return `\`${dataset}._AllLogs\``;
}

/** The message a human reads: the payload's text, or the request's status. */
const MESSAGE = `COALESCE(text_payload, JSON_VALUE(json_payload, '$.message'), JSON_VALUE(json_payload, '$.msg'), JSON_VALUE(json_payload, '$.error'), JSON_VALUE(proto_payload, '$.status.message'), CONCAT('HTTP ', CAST(http_request.status AS STRING)), '')`;

/**
 * The line that names the problem: a Python traceback's last line (its exception), any other
 * message's first; with quoted strings, UUIDs, hex and words holding a digit masked as `<*>`.
 * Request logs are grouped by their status too (a column of the grouping).
 */
export function messageKeyExpression(message = MESSAGE): string {
  const line = `CASE WHEN STARTS_WITH(${message}, 'Traceback') THEN REGEXP_EXTRACT(RTRIM(${message}), '[^\\n]*$') ELSE REGEXP_EXTRACT(${message}, '^[^\\n]*') END`;
  const masks = [
    '"[^"]*"',
    '\\x27[^\\x27]*\\x27',
    '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
    '0x[0-9a-fA-F]+',
    // Any word with a digit in it: counts, ids (`sub-4f9a`), versions.
    '[A-Za-z0-9_-]*[0-9][A-Za-z0-9_.-]*',
  ];
  // Last, runs of masks collapse into one: `sub-10x4f` is one id, whichever mask reached it first.
  const masked = [...masks, '(<[*]>)+'].reduce((expr, pattern) => `REGEXP_REPLACE(${expr}, '${pattern}', '<*>')`, line);
  return `SUBSTR(${masked}, 1, ${KEY_LENGTH})`;
}

/** The window, resource, services and severity: the same selection as the Logging query. */
export function whereClause(input: AnalyticsQueryInput): string {
  const clauses = [
    `timestamp >= TIMESTAMP '${sqlTime(input.start)}'`,
    `timestamp < TIMESTAMP '${sqlTime(input.end)}'`,
    `resource.type = 'cloud_run_revision'`,
  ];
  if (input.services.length > 0)
    clauses.push(`JSON_VALUE(resource.labels, '$.service_name') IN (${input.services.map(literal).join(', ')})`);
  const severity = severityCondition(input.minSeverity);
  if (severity) clauses.push(severity);
  return clauses.join('\n  AND ');
}

/** Groups of the window with exact counts, first/last seen and sample insert_ids, largest first. */
export function buildGroupQuery(input: AnalyticsQueryInput): string {
  return [
    'WITH entries AS (',
    '  SELECT',
    `    COALESCE(JSON_VALUE(resource.labels, '$.service_name'), '') AS service,`,
    `    COALESCE(severity, 'DEFAULT') AS severity,`,
    `    ${messageKeyExpression()} AS message_key,`,
    '    http_request.status AS status,',
    '    insert_id,',
    '    timestamp',
    `  FROM ${allLogsTable(input.dataset)}`,
    `  WHERE ${whereClause(input)}`,
    '), ranked AS (',
    '  SELECT *,',
    '    ROW_NUMBER() OVER (PARTITION BY service, severity, status, message_key ORDER BY timestamp, insert_id) AS first_rank,',
    '    ROW_NUMBER() OVER (PARTITION BY service, severity, status, message_key ORDER BY timestamp DESC, insert_id DESC) AS last_rank',
    '  FROM entries',
    ')',
    'SELECT service, severity, status, message_key,',
    '  COUNT(*) AS entries,',
    '  MIN(timestamp) AS first_seen,',
    '  MAX(timestamp) AS last_seen,',
    `  STRING_AGG(CASE WHEN first_rank <= ${SAMPLES_PER_GROUP - 1} OR last_rank = 1 THEN insert_id END, ',' ORDER BY insert_id) AS sample_ids`,
    'FROM ranked',
    'GROUP BY service, severity, status, message_key',
    'ORDER BY entries DESC, service, severity, status, message_key',
    `LIMIT ${MAX_GROUPS}`,
  ].join('\n');
}

/** The sample entries by insert_id, as LogEntry fields (JSON columns come back as JSON text). */
export function buildSampleQuery(input: AnalyticsQueryInput, insertIds: string[]): string {
  return [
    'SELECT insert_id, timestamp, severity, log_name, resource.type AS resource_type,',
    '  resource.labels AS resource_labels, text_payload, json_payload, proto_payload,',
    '  http_request.request_method AS http_method, http_request.request_url AS http_url, http_request.status AS http_status,',
    '  trace, labels',
    `FROM ${allLogsTable(input.dataset)}`,
    `WHERE timestamp >= TIMESTAMP '${sqlTime(input.start)}' AND timestamp < TIMESTAMP '${sqlTime(input.end)}'`,
    `  AND insert_id IN (${insertIds.map(literal).join(', ')})`,
  ].join('\n');
}

/**
 * Severity at or above the minimum, a 5xx request, or an entry without severity that is an error
 * all the same (stderr with an error word, or a JSON level high enough): the Logging query's rule.
 */
function severityCondition(minSeverity: Severity): string {
  if (minSeverity === 'DEFAULT') return '';
  const atLeast = SEVERITIES.filter((s) => severityRank(s) >= severityRank(minSeverity));
  const words = STDERR_ERROR_WORDS.map((w) => `LOWER(text_payload) LIKE '%${w.toLowerCase()}%'`).join(' OR ');
  // Level names as JSON loggers write them, and pino's numbers (40 warn, 50 error, 60 fatal).
  const pino = { WARNING: '40', ERROR: '50', CRITICAL: '60' } as Partial<Record<Severity, string>>;
  const levels = atLeast
    .filter((s) => s !== 'DEFAULT')
    .flatMap((s) => [s.toLowerCase(), ...(pino[s] ? [pino[s]] : [])])
    .map(literal);
  return (
    `(severity IN (${atLeast.map(literal).join(', ')}) OR http_request.status >= 500` +
    ` OR ((severity IS NULL OR severity = 'DEFAULT') AND ((log_name LIKE '%stderr%' AND (${words}))` +
    ` OR LOWER(JSON_VALUE(json_payload, '$.level')) IN (${levels.join(', ')}))))`
  );
}

/**
 * A string literal both dialects read alike: no quote and no backslash may appear (escaping
 * differs: BigQuery `\'`, DuckDB `''`), so anything else is refused, never spliced.
 */
export function literal(text: string): string {
  if (!/^[A-Za-z0-9_.:/@ -]*$/.test(text))
    throw new AnalyticsQueryError(
      `'${text}' cannot be written in the Log Analytics query (only letters, digits and _ . : / @ - are allowed)`,
    );
  return `'${text}'`;
}

/** `2026-11-30 09:00:00.000`: UTC, read as such by both (BigQuery's default zone is UTC). */
function sqlTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}
