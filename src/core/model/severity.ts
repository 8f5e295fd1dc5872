/** Severity as LogEntry writers spell it, read into the nine LogSeverity names. */
import type { Severity } from './log-record.js';

const SEVERITY_ALIASES: Record<string, Severity> = {
  WARN: 'WARNING',
  ERR: 'ERROR',
  FATAL: 'CRITICAL',
  CRIT: 'CRITICAL',
  TRACE: 'DEBUG',
  INFORMATION: 'INFO',
  EMERG: 'EMERGENCY',
  PANIC: 'EMERGENCY',
};

/**
 * Names in any case, aliases (`warn`, `fatal`), LogSeverity numbers (500 → ERROR, 550 → ERROR),
 * and, inside a payload, pino/bunyan levels (50 → ERROR).
 */
export function parseSeverity(value: unknown, fromPayload: boolean): Severity {
  if (typeof value === 'string') {
    if (value === '') return 'DEFAULT';
    const exact = canonicalSeverity(value);
    if (exact !== undefined) return exact;
    const upper = value.toUpperCase();
    const named = canonicalSeverity(upper);
    if (named !== undefined) return named;
    const alias = SEVERITY_ALIASES[upper];
    if (alias) return alias;
    const number = Number(value);
    return Number.isFinite(number) ? parseSeverity(number, fromPayload) : 'DEFAULT';
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'DEFAULT';
  if (fromPayload && value > 0 && value < 100) return pinoLevel(value);
  if (value >= 800) return 'EMERGENCY';
  if (value >= 700) return 'ALERT';
  if (value >= 600) return 'CRITICAL';
  if (value >= 500) return 'ERROR';
  if (value >= 400) return 'WARNING';
  if (value >= 300) return 'NOTICE';
  if (value >= 200) return 'INFO';
  if (value >= 100) return 'DEBUG';
  return 'DEFAULT';
}

/**
 * The name as the constant string: every record's severity is then the same (internalized)
 * string, which the per-severity counters downstream look up without hashing a fresh one.
 */
function canonicalSeverity(name: string): Severity | undefined {
  switch (name) {
    case 'DEFAULT':
      return 'DEFAULT';
    case 'DEBUG':
      return 'DEBUG';
    case 'INFO':
      return 'INFO';
    case 'NOTICE':
      return 'NOTICE';
    case 'WARNING':
      return 'WARNING';
    case 'ERROR':
      return 'ERROR';
    case 'CRITICAL':
      return 'CRITICAL';
    case 'ALERT':
      return 'ALERT';
    case 'EMERGENCY':
      return 'EMERGENCY';
    default:
      return undefined;
  }
}

function pinoLevel(level: number): Severity {
  if (level >= 60) return 'CRITICAL';
  if (level >= 50) return 'ERROR';
  if (level >= 40) return 'WARNING';
  if (level >= 30) return 'INFO';
  return 'DEBUG';
}
