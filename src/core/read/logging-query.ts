/**
 * The Cloud Logging query the action reads with. Pure: the same inputs give the same text, so the
 * worklog can show it verbatim and Logs Explorer links can reuse it.
 * Query language: https://cloud.google.com/logging/docs/view/logging-query-language
 */
import { severityRank, type Severity } from '../model/log-record.js';
import { parseSeverity } from '../model/severity.js';

/** Logging rejects longer filters (DESIGN §6). */
export const LOGGING_FILTER_LIMIT = 20_000;

/** The Cloud Run resource every generated query is scoped to. */
export const CLOUD_RUN_RESOURCE = 'cloud_run_revision';

/**
 * Words in a stderr line without a severity that mark it as an error, the start of a stack trace
 * (Python, Node/Java/Go exceptions, Go panics) or a line of a crash report printed line by line
 * (the normaliser re-assembles those: every line must be read). `:` is Logging's
 * case-insensitive "has". Indented lines (frames, code) are selected by STDERR_CONTINUATION.
 */
export const STDERR_ERROR_WORDS = [
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
] as const;

/** A stderr line that starts with white space: a frame or code line of a trace printed line by line. */
export const STDERR_CONTINUATION = 'textPayload=~"^\\s"';

export interface LoggingQueryInput {
  services: string[];
  /** The user's extra query, ANDed in parentheses ('' = none). */
  filter: string;
  minSeverity: Severity;
  /** Window in epoch ms: start inclusive, end exclusive. */
  start: number;
  end: number;
}

export class LoggingQueryError extends Error {
  override name = 'LoggingQueryError';
}

/**
 * Builds the filter. Both time bounds are always present: without one, @google-cloud/logging adds
 * its own 24-hour bound, and an open window would make counts depend on when the run happened.
 * Lines are joined by newlines, which the query language reads as AND; every clause with an OR
 * is parenthesised because OR binds tighter than AND there and a user's filter must not leak.
 */
export function buildLoggingQuery(input: LoggingQueryInput): string {
  const clauses = [`resource.type="${CLOUD_RUN_RESOURCE}"`];
  if (input.services.length === 1) clauses.push(`resource.labels.service_name=${quote(input.services[0]!)}`);
  if (input.services.length > 1)
    clauses.push(`resource.labels.service_name=(${input.services.map(quote).join(' OR ')})`);
  clauses.push(`timestamp>="${isoTime(input.start)}" AND timestamp<"${isoTime(input.end)}"`);
  const severity = severityClause(input.minSeverity);
  if (severity) clauses.push(severity);
  if (input.filter.trim() !== '') clauses.push(`(${input.filter.trim()})`);
  const query = clauses.join('\n');
  if (query.length > LOGGING_FILTER_LIMIT) {
    throw new LoggingQueryError(
      `The generated Logging query is ${query.length} characters; Cloud Logging accepts at most ${LOGGING_FILTER_LIMIT}. ` +
        'Shorten the `filter` input or list fewer names in the `services` input (run the action once per group of services).',
    );
  }
  return query;
}

/**
 * Levels JSON loggers write that Cloud Run leaves in `jsonPayload` (only a valid `severity` becomes
 * the entry's severity): pino/bunyan numbers and winston/zap/structlog names in `level`, Python's
 * `levelname`. Names compare case-insensitively in the query language; aliases as the normaliser's.
 */
const PINO_LEVELS = [10, 20, 30, 40, 50, 60];
const LEVEL_NAMES = [
  ...['debug', 'trace', 'info', 'information', 'notice', 'warning', 'warn', 'error', 'err'],
  ...['critical', 'crit', 'fatal', 'alert', 'emergency', 'emerg', 'panic'],
];

/**
 * Severity at or above the minimum, or request logs with a 5xx (Cloud Run marks most of them ERROR,
 * but not when a proxy in front wrote them), or an entry without severity that is an error all the
 * same, as the normaliser infers it: a stderr line that looks like an error (Cloud Run stores
 * unstructured stderr as DEFAULT, which is where uncaught tracebacks land), or a JSON line whose
 * own level field is high enough (pino writes `"level":50` to stdout: DEFAULT for Logging).
 */
export function severityClause(minSeverity: Severity): string {
  if (minSeverity === 'DEFAULT') return '';
  const words = STDERR_ERROR_WORDS.map((w) => `textPayload:"${w}"`).join(' OR ');
  const atLeast = <T extends string | number>(values: T[]) =>
    values.filter((v) => severityRank(parseSeverity(v, true)) >= severityRank(minSeverity));
  const names = atLeast(LEVEL_NAMES).map((n) => `"${n}"`);
  const levels = [...atLeast(PINO_LEVELS).map(String), ...names];
  const unset = [`(logName:"stderr" AND (${words} OR ${STDERR_CONTINUATION}))`];
  if (levels.length > 0) unset.push(`jsonPayload.level=(${levels.join(' OR ')})`);
  if (names.length > 0) unset.push(`jsonPayload.levelname=(${names.join(' OR ')})`);
  return `(severity>=${minSeverity} OR httpRequest.status>=500 OR (severity=DEFAULT AND (${unset.join(' OR ')})))`;
}

/** Restricts a query to Logging's deterministic `sample(insertId, fraction)` of its entries. */
export function withSample(query: string, fraction: number): string {
  return `${query}\nsample(insertId, ${formatFraction(fraction)})`;
}

/** Fractions are written with at most 4 significant digits, never in exponent notation. */
export function formatFraction(fraction: number): string {
  const rounded = Number(fraction.toPrecision(4));
  const text = rounded.toFixed(Math.max(0, 4 - Math.floor(Math.log10(rounded)) - 1));
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A quoted string literal of the query language. */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
