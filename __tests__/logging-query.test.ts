import { isLoopbackUrl } from '../src/config/config-values.js';
import { describe, expect, it } from '@jest/globals';
import {
  buildLoggingQuery,
  formatFraction,
  LOGGING_FILTER_LIMIT,
  LoggingQueryError,
  severityClause,
  STDERR_ERROR_WORDS,
  withSample,
  type LoggingQueryInput,
} from '../src/core/read/logging-query.js';
import { normalizeEntry } from '../src/core/normalize/normalize.js';
import { severityRank, type LogRecord, type Severity } from '../src/core/model/log-record.js';

const start = Date.parse('2025-03-01T10:00:00Z');
const end = Date.parse('2025-03-01T11:00:00Z');
const base: LoggingQueryInput = { services: [], filter: '', minSeverity: 'WARNING', start, end };
const TIME = 'timestamp>="2025-03-01T10:00:00.000Z" AND timestamp<"2025-03-01T11:00:00.000Z"';
// Error words, and indented lines: every line of a trace printed line by line is read.
const STDERR = `(logName:"stderr" AND (${STDERR_ERROR_WORDS.map((w) => `textPayload:"${w}"`).join(' OR ')} OR textPayload=~"^\\s"))`;
const WARNING_NAMES =
  '"warning" OR "warn" OR "error" OR "err" OR "critical" OR "crit" OR "fatal" OR "alert" OR "emergency" OR "emerg" OR "panic"';
const ERROR_NAMES =
  '"error" OR "err" OR "critical" OR "crit" OR "fatal" OR "alert" OR "emergency" OR "emerg" OR "panic"';
const SEVERITY =
  `(severity>=WARNING OR httpRequest.status>=500 OR (severity=DEFAULT AND (${STDERR} OR ` +
  `jsonPayload.level=(40 OR 50 OR 60 OR ${WARNING_NAMES}) OR jsonPayload.levelname=(${WARNING_NAMES}))))`;
const ERROR_SEVERITY =
  `(severity>=ERROR OR httpRequest.status>=500 OR (severity=DEFAULT AND (${STDERR} OR ` +
  `jsonPayload.level=(50 OR 60 OR ${ERROR_NAMES}) OR jsonPayload.levelname=(${ERROR_NAMES}))))`;

describe('buildLoggingQuery', () => {
  it.each<[string, Partial<LoggingQueryInput>, string]>([
    ['all services', {}, ['resource.type="cloud_run_revision"', TIME, SEVERITY].join('\n')],
    [
      'one service',
      { services: ['api'] },
      ['resource.type="cloud_run_revision"', 'resource.labels.service_name="api"', TIME, SEVERITY].join('\n'),
    ],
    [
      'two services',
      { services: ['api', 'worker'] },
      ['resource.type="cloud_run_revision"', 'resource.labels.service_name=("api" OR "worker")', TIME, SEVERITY].join(
        '\n',
      ),
    ],
    [
      'user filter in parentheses',
      { filter: ' jsonPayload.tenant="a" OR jsonPayload.tenant="b" ' },
      ['resource.type="cloud_run_revision"', TIME, SEVERITY, '(jsonPayload.tenant="a" OR jsonPayload.tenant="b")'].join(
        '\n',
      ),
    ],
    [
      'ERROR minimum',
      { minSeverity: 'ERROR' },
      ['resource.type="cloud_run_revision"', TIME, ERROR_SEVERITY].join('\n'),
    ],
    [
      'DEFAULT minimum reads everything',
      { minSeverity: 'DEFAULT' },
      ['resource.type="cloud_run_revision"', TIME].join('\n'),
    ],
    [
      'quotes escaped',
      { services: ['a"b\\c'] },
      ['resource.type="cloud_run_revision"', 'resource.labels.service_name="a\\"b\\\\c"', TIME, SEVERITY].join('\n'),
    ],
  ])('%s', (_name, input, expected) => {
    expect(buildLoggingQuery({ ...base, ...input })).toBe(expected);
  });

  it('always carries both time bounds', () => {
    const query = buildLoggingQuery(base);
    expect(query).toContain('timestamp>="2025-03-01T10:00:00.000Z"');
    expect(query).toContain('timestamp<"2025-03-01T11:00:00.000Z"');
  });

  it.each([
    ['filter', { filter: 'x'.repeat(LOGGING_FILTER_LIMIT) }],
    ['services', { services: Array.from({ length: 2000 }, (_, i) => `service-${i}`) }],
  ])('names the inputs when the query is over 20,000 characters (%s)', (_name, input) => {
    expect(() => buildLoggingQuery({ ...base, ...input })).toThrow(LoggingQueryError);
    expect(() => buildLoggingQuery({ ...base, ...input })).toThrow(/`filter` input.*`services` input/);
  });
});

describe('severity clause for entries Logging stores without severity', () => {
  /** The values of `jsonPayload.level=(…)` in the clause, lowercased. */
  const listedLevels = (min: Severity) =>
    new Set(
      (/jsonPayload\.level=\(([^)]*)\)/.exec(severityClause(min))?.[1] ?? '')
        .split(' OR ')
        .map((v) => v.replace(/"/g, '').toLowerCase()),
    );
  const normalisedSeverity = (level: string | number) =>
    (normalizeEntry({ timestamp: '2025-03-01T10:00:00Z', jsonPayload: { msg: 'x', level } }) as LogRecord).severity;

  it.each<[string | number, Severity, boolean]>([
    [50, 'ERROR', true],
    [40, 'ERROR', false],
    [40, 'WARNING', true],
    [60, 'CRITICAL', true],
    ['warn', 'WARNING', true],
    ['info', 'WARNING', false],
    ['fatal', 'ERROR', true],
    ['ERROR', 'ERROR', true],
  ])('a JSON line with level %p is read at min-severity %s: %p, as the normaliser ranks it', (level, min, read) => {
    expect(listedLevels(min).has(String(level).toLowerCase())).toBe(read);
    expect(severityRank(normalisedSeverity(level)) >= severityRank(min)).toBe(read);
  });
});

describe('sampling clause', () => {
  it.each([
    [0.5, '0.5'],
    [0.16666666, '0.1667'],
    [0.000123456, '0.0001235'],
    [1, '1'],
  ])('formats %p as %s', (fraction, text) => {
    expect(formatFraction(fraction)).toBe(text);
  });

  it('appends sample(insertId, f) as its own line', () => {
    expect(withSample('a="b"', 0.25)).toBe('a="b"\nsample(insertId, 0.25)');
  });
});

describe('isLoopbackUrl', () => {
  it.each([
    ['http://127.0.0.1:8080', true],
    ['http://127.1.2.3', true],
    ['http://localhost:1234/x', true],
    ['http://[::1]:99', true],
    ['http://10.0.0.1', false],
    ['http://127.0.0.1.evil.com', false],
    ['https://logging.googleapis.com', false],
    ['not a url', false],
  ])('%s → %p', (url, loopback) => {
    expect(isLoopbackUrl(url)).toBe(loopback);
  });
});
