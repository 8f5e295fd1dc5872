/** The three LogEntry payloads (text, JSON, proto) → message, stack and error type. */
import { PYTHON_HEADER, stripLogPrefix, summarizeText } from './normalize-trace.js';

export interface PayloadInfo {
  message: string;
  stack: string;
  errorType: string;
  /** A level the application wrote inside a JSON payload (`severity`, `level`), '' when none. */
  level: string | number;
  /** True when the payload carries a structured error (object or Error Reporting event). */
  structuredError: boolean;
  /** What a logger wrote before a trace in a text payload, '' or absent when nothing. */
  context?: string;
}

type Dict = Record<string, unknown>;

const MESSAGE_KEYS = ['message', 'msg', 'textPayload', 'text', 'log', 'event', 'description'];
const STACK_KEYS = ['stack_trace', 'stackTrace', 'stacktrace', 'stack', 'traceback', 'exception'];
const ERROR_KEYS = ['error', 'err', 'exception', 'exc_info'];
const NESTED_KEYS = ['log', 'data', 'fields', 'payload', 'context'];
const ERROR_TYPE_KEYS = ['type', 'name', '@type', 'class', 'kind', 'code'];
const REPORTED_ERROR_EVENT = 'clouderrorreporting.v1beta1.ReportedErrorEvent';

function asDict(value: unknown): Dict | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Dict) : undefined;
}

function firstString(dict: Dict, keys: readonly string[]): string {
  for (const key of keys) {
    const value = dict[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return '';
}

export function readTextPayload(text: string): PayloadInfo {
  const { message, stack, context } = summarizeText(text);
  const info: PayloadInfo = {
    message: stripLogPrefix(message),
    stack,
    errorType: '',
    level: '',
    structuredError: false,
  };
  if (context) info.context = context;
  return info;
}

export function readJsonPayload(payload: Dict): PayloadInfo {
  let message = firstString(payload, MESSAGE_KEYS);
  if (message === '') message = findNestedMessage(payload);
  let stack = firstString(payload, STACK_KEYS);
  let errorType = '';
  let structuredError = typeof payload['@type'] === 'string' && payload['@type'].endsWith(REPORTED_ERROR_EVENT);

  for (const key of ERROR_KEYS) {
    const value = payload[key];
    const error = asDict(value) ?? flattenedError(payload, key);
    if (error) {
      structuredError = true;
      errorType = firstString(error, ERROR_TYPE_KEYS);
      const errorStack = firstString(error, STACK_KEYS);
      if (errorStack !== '') stack ||= errorStack;
      const errorMessage = firstString(error, ['message', 'msg', 'reason', 'detail']);
      // The error's own text is what an on-call engineer acts on; a wrapper like "request failed" is not.
      if (errorMessage !== '') message = joinType(errorType, errorMessage);
      else if (errorStack !== '') message = summarizeText(errorStack).message;
      break;
    }
    if (typeof value === 'string' && value !== '' && key !== 'exception') {
      message = message === '' ? value : message.indexOf(value) >= 0 ? message : `${message}: ${value}`;
      break;
    }
  }

  if (stack === '') {
    const found = findStackAnywhere(payload, 0);
    if (found !== '') {
      stack = found;
      structuredError = true;
    }
  }
  if (message.indexOf('\n') >= 0) {
    const summary = summarizeText(message);
    if (summary.stack !== '') {
      message = summary.message;
      stack ||= summary.stack;
    }
  }
  if (message === '' && stack !== '') message = summarizeText(stack).message;
  if (message === '') message = renderFields(payload);
  const level = readLevel(payload);
  return { message, stack, errorType, level, structuredError };
}

function joinType(errorType: string, message: string): string {
  if (errorType === '' || errorType.indexOf('/') >= 0 || message.startsWith(errorType)) return message;
  return `${errorType}: ${message}`;
}

function findNestedMessage(payload: Dict): string {
  for (const key of NESTED_KEYS) {
    const nested = asDict(payload[key]);
    if (nested) {
      const text = firstString(nested, MESSAGE_KEYS);
      if (text !== '') return text;
    }
  }
  return '';
}

function readLevel(payload: Dict): string | number {
  for (const key of ['severity', 'level', 'levelname', 'log.level']) {
    const value = payload[key];
    if (typeof value === 'string' || typeof value === 'number') return value;
  }
  return '';
}

/** ECS-style dotted keys (`error.type`, `error.message`, `error.stack_trace`) as one error object. */
function flattenedError(payload: Dict, key: string): Dict | undefined {
  // The dotted names are built once: a name joined per entry is a fresh string that each
  // property lookup must hash and internalize first (4 keys × every structured entry).
  const names = DOTTED_ERROR_KEYS.get(key)!;
  const type = payload[names.type];
  const message = payload[names.message];
  if (typeof type !== 'string' && typeof message !== 'string') return undefined;
  return { type, message, stack_trace: payload[names.stack] };
}

const DOTTED_ERROR_KEYS = new Map(
  ERROR_KEYS.map((key) => [key, { type: `${key}.type`, message: `${key}.message`, stack: `${key}.stack_trace` }]),
);

/**
 * A stack trace under any key, at any level a logger puts one (`e`, `err`, `throwable`,
 * `errorEvent.message`, an Elasticsearch `stacktrace` array…). Bounded: two levels, 64 keys each.
 */
function findStackAnywhere(value: Dict, depth: number): string {
  let seen = 0;
  for (const key in value) {
    if (++seen > 64) break;
    const v = value[key];
    if (typeof v === 'string') {
      if (v.length > 20 && isStackText(v)) return v;
    } else if (Array.isArray(v)) {
      if (v.length > 1 && v.length <= 500 && typeof v[0] === 'string' && isStackText(v.slice(0, 8).join('\n')))
        return v.filter((line) => typeof line === 'string').join('\n');
    } else if (depth < 2 && v !== null && typeof v === 'object') {
      const nested = findStackAnywhere(v as Dict, depth + 1);
      if (nested !== '') return nested;
    }
  }
  return '';
}

/** A stack trace's shape: Python, Java / .NET / Node frames, a Go panic or goroutine dump. */
function isStackText(text: string): boolean {
  return (
    text.indexOf(PYTHON_HEADER) >= 0 ||
    text.indexOf('\n\tat ') >= 0 ||
    text.indexOf('\n    at ') >= 0 ||
    text.indexOf('\n  at ') >= 0 ||
    /^\s*at [\w$.<>]+\(/.test(
      text.indexOf('\n') > 0 ? text.slice(text.indexOf('\n') + 1, text.indexOf('\n') + 200) : '',
    ) ||
    text.startsWith('panic: ') ||
    text.indexOf('\ngoroutine ') >= 0
  );
}

/**
 * A payload without any message field: `key=value` of its scalar fields in sorted key order
 * (two entries that differ only in key order are one problem), capped.
 */
function renderFields(payload: Dict): string {
  let out = '';
  for (const key of Object.keys(payload).sort()) {
    const value = payload[key];
    if (value === null || typeof value === 'object') continue;
    out += (out === '' ? '' : ' ') + key + '=' + String(value);
    if (out.length > 300) return out.slice(0, 300);
  }
  return out;
}
