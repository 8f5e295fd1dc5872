/**
 * Re-assembles what one crash printed across several entries. Cloud Run and GKE make each
 * stderr line an entry of its own, so a traceback printed line by line, or a server's shutdown
 * sequence around it (gunicorn: `Exception in worker process` … `Reason: Worker failed to boot.`;
 * uvicorn: `Waiting for application startup.` … `Application startup failed. Exiting.`), arrives
 * as a burst of entries on one instance. Within a burst, lines are put back in time order, a
 * trace and its continuation lines become one record carrying every member's insertId, and a
 * log line that quotes the burst's exception (`CRITICAL: setup failed: No module named 'x'`)
 * takes that exception's identity: one failure logged three ways is one problem.
 *
 * Streaming and bounded: a burst is kept per instance only until that instance is quiet for
 * BURST_GAP_MS of event time, spans BURST_SPAN_MS or holds BURST_MAX entries; request logs and
 * ordinary structured entries pass straight through.
 */
import type { LogRecord, Severity } from '../model/log-record.js';
import { severityRank } from '../model/log-record.js';
import { PYTHON_HEADER, summarizeText } from './normalize-trace.js';
import { sampledHash } from '../model/sampled-hash.js';

const BURST_GAP_MS = 2_000;
const BURST_SPAN_MS = 10_000;
const BURST_MAX = 1_000;
const OPEN_BURSTS_MAX = 1_000;
/** Bursts are checked for staleness every this many records… */
const SWEEP_EVERY = 1_024;
/** …and a burst this far from the stream's current time is complete (files are in time order, either way). */
const STALE_MS = 60_000;
/** Consecutive lines of one printed report are at most this far apart (one write: microseconds; a slow, line-buffered stderr: more). */
const LINE_GAP_MS = 1_000;
/** A wrapped exception message goes on only with lines written at once. */
const MESSAGE_GAP_MS = 10;
/** A quoted exception message must be at least this long to tie a line to it. */
const QUOTE_MIN = 16;

interface Burst {
  records: LogRecord[];
  first: number;
  last: number;
}

export class EventAssembler {
  private readonly bursts = new Map<string, Burst>();
  private readonly keys = new StreamKeys();
  private pushed = 0;
  /** Consecutive candidates going back and forward in time: the stream's direction. */
  private backward = 0;
  private forward = 0;
  private lastTime = Number.NaN;

  private descending(): boolean {
    return this.backward > this.forward;
  }

  /** Takes one record; returns the records that are complete (possibly none, possibly several). */
  push(record: LogRecord): LogRecord[] {
    if (!isCandidate(record)) return [record];
    if (record.timestamp < this.lastTime) this.backward++;
    else if (record.timestamp > this.lastTime) this.forward++;
    this.lastTime = record.timestamp;
    // Now and then, bursts the stream has left behind (in either time direction) are complete.
    if (++this.pushed % SWEEP_EVERY === 0 && this.bursts.size > 0) {
      const done = this.sweep(record.timestamp);
      if (done.length > 0) return [...done, ...this.push(record)];
    }
    const key = this.keys.of(record);
    const burst = this.bursts.get(key);
    const t = record.timestamp;
    if (burst && t >= burst.first - BURST_GAP_MS && t <= burst.last + BURST_GAP_MS) {
      if (burst.records.length < BURST_MAX && Math.max(burst.last, t) - Math.min(burst.first, t) <= BURST_SPAN_MS) {
        burst.records.push(record);
        burst.first = Math.min(burst.first, t);
        burst.last = Math.max(burst.last, t);
        return [];
      }
    }
    const out = burst ? assembleBurst(burst.records, this.descending()) : [];
    this.bursts.delete(key);
    if (this.bursts.size >= OPEN_BURSTS_MAX) out.push(...this.flushOldest());
    // The stream's next burst reuses its burst object (moved to the end, as a new one would be).
    // Measured on the flood hour: a new object per burst got 25 MB of entries promoted to the old
    // generation (3 MB this way) and tripled the scavenges' time; V8 seems to pretenure the
    // site of an object that often outlives a scavenge, and an old burst keeps its records alive.
    const next = burst ?? { records: [], first: t, last: t };
    next.records = [record];
    next.first = t;
    next.last = t;
    this.bursts.set(key, next);
    return out;
  }

  /** Everything still held, assembled: call once the stream has ended. */
  finish(): LogRecord[] {
    const out: LogRecord[] = [];
    for (const burst of this.bursts.values()) out.push(...assembleBurst(burst.records, this.descending()));
    this.bursts.clear();
    return out;
  }

  /** Assembles the bursts whose time range is far from `now`: no later line can join them. */
  private sweep(now: number): LogRecord[] {
    const out: LogRecord[] = [];
    for (const [key, burst] of this.bursts) {
      if (burst.last < now - STALE_MS || burst.first > now + STALE_MS) {
        this.bursts.delete(key);
        out.push(...assembleBurst(burst.records, this.descending()));
      }
    }
    return out;
  }

  private flushOldest(): LogRecord[] {
    const oldest = this.bursts.keys().next().value as string;
    const burst = this.bursts.get(oldest)!;
    this.bursts.delete(oldest);
    return assembleBurst(burst.records, this.descending());
  }
}

/** Request logs are whole; a structured entry with a severity and no trace is whole too, unless it may quote one. */
function isCandidate(record: LogRecord): boolean {
  if (record.http) return false;
  if (record.stack !== '') return true;
  if (record.severity === 'DEFAULT' || record.severityInferred) return true;
  return severityRank(record.severity) >= severityRank('ERROR');
}

function streamKey(record: LogRecord): string {
  return record.instance
    ? `${record.resourceType}\n${record.service}\n${record.instance}`
    : `${record.resourceType}\n${record.service}\n${record.revision}\n${record.logName}`;
}

/**
 * The stream keys seen recently, so that a record of a known stream gets the very key string
 * used before: its hash is cached, where a key joined afresh for every record would be copied
 * and hashed in full for each Map lookup (a flood's instance ids are 100 characters).
 */
class StreamKeys {
  private readonly slots: (StreamParts | undefined)[] = new Array<StreamParts | undefined>(256).fill(undefined);

  of(record: LogRecord): string {
    const slot = sampledHash(record.instance || record.logName, 8, record.service.length) & 255;
    const seen = this.slots[slot];
    if (seen !== undefined && sameStream(seen, record)) return seen.key;
    const { resourceType, service, instance, revision, logName } = record;
    const key = streamKey(record);
    this.slots[slot] = { resourceType, service, instance, revision, logName, key };
    return key;
  }
}

type StreamParts = Pick<LogRecord, 'resourceType' | 'service' | 'instance' | 'revision' | 'logName'> & { key: string };

function sameStream(a: StreamParts, b: LogRecord): boolean {
  if (a.instance !== b.instance || a.service !== b.service || a.resourceType !== b.resourceType) return false;
  return a.instance !== '' || (a.revision === b.revision && a.logName === b.logName);
}

/**
 * Time order; the input may be newest first (gcloud prints so). Lines of one write often share a
 * millisecond, so ties keep the direction the whole stream has shown (`descending`), not the burst's.
 */
function inTimeOrder(records: LogRecord[], streamDescending: boolean): LogRecord[] {
  const first = records[0]!.timestamp;
  const last = records[records.length - 1]!.timestamp;
  const descending = first === last ? streamDescending || printedBackwards(records) : first > last;
  const ordered = descending ? records.slice().reverse() : records.slice();
  return ordered.sort((a, b) => a.timestamp - b.timestamp);
}

/** Lines in one millisecond with no stream direction yet: a trace's header after its frames means reversed. */
function printedBackwards(records: LogRecord[]): boolean {
  const header = records.findIndex((r) => r.message.startsWith(PYTHON_HEADER));
  const frame = records.findIndex((r) => r.message.startsWith('  File "'));
  return header >= 0 && frame >= 0 && header > frame;
}

/** `exception`: a trace's exception line; `message`: a line of its message that wrapped (pydantic's field list). */
type LineKind = 'start' | 'continue' | 'exception' | 'message' | 'plain';

/** Lines that chain one exception to the next (Python). */
const CHAIN_MARKERS = ['During handling of the above exception', 'The above exception was the direct cause'];
/** A server's lines that announce the trace printed after them. */
const SERVER_HEADERS = [
  'Exception in worker process',
  'Exception in ASGI application',
  'Waiting for application startup',
];

const START_MARKERS = [
  PYTHON_HEADER,
  'Exception in worker process',
  'Exception in thread ',
  'Waiting for application startup.',
  'Exception in ASGI application',
];
const TAIL_MARKERS = [
  'Worker exiting (pid',
  'Shutting down: Master',
  'Reason: Worker failed to boot',
  'exited with code',
  'Application startup failed',
  ...CHAIN_MARKERS,
  'goroutine ',
  'created by ',
  'Caused by: ',
  'Stack trace:',
];

/** A line after which a `Traceback` belongs to the same report: a chain marker, a server's header, a blank. */
function announcesTrace(previousText: string): boolean {
  const t = previousText.trim();
  return t === '' || CHAIN_MARKERS.some((m) => t.startsWith(m)) || SERVER_HEADERS.some((m) => t.indexOf(m) >= 0);
}

function lineKind(record: LogRecord, previous: LineKind | null, previousText: string): LineKind {
  // An entry with a whole trace of its own begins an event (a server's shutdown lines may follow).
  if (record.stack !== '') return 'start';
  const text = record.message;
  // A trace header continues an open event only where a chain or a server's header announces it;
  // elsewhere it is the next crash (two requests failing on one instance).
  for (const m of START_MARKERS)
    if (text.indexOf(m) >= 0) return previous !== null && announcesTrace(previousText) ? 'continue' : 'start';
  if (text.startsWith('panic: ')) return 'start';
  if (previous === null) return 'plain';
  const c = text.charCodeAt(0);
  if (text === '' || c === 32 || c === 9) return 'continue';
  for (const m of TAIL_MARKERS) if (text.indexOf(m) >= 0) return 'continue';
  // A Go frame's function line (`main.mustLoadConfig(...)`, `net/http.(*conn).serve(0xc0…)`).
  if (/^[\w./*()[\]-]+\(.*\)$/.test(text) && text.length < 500) return 'continue';
  // The exception line a Python trace ends with, right after its indented frames (a `Type: text`
  // line after anything else is a log line of its own).
  const afterFrame = previousText.charCodeAt(0) === 32 || previousText.charCodeAt(0) === 9;
  if (afterFrame && /^[A-Za-z_][\w.]*(?::\s|$)/.test(text) && text.length < 2000) return 'exception';
  // An exception message over several lines goes on until a line that is a log line of its own.
  if ((previous === 'exception' || previous === 'message') && !isLogLine(text) && text.length < 500) return 'message';
  return 'plain';
}

/** A line with a logger's level or timestamp prefix. */
const SERVER_LINE =
  /^(?:\[?\d{4}-\d\d-\d\d|\[(?:DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL)\]|(?:DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL)[:\s])/;
/** A line a logger wrote: a level or timestamp prefix, or an exception line of its own. */
function isLogLine(text: string): boolean {
  return SERVER_LINE.test(text) || /^[A-Za-z_][\w.]*(?:Error|Exception):\s/.test(text);
}

/** Splits a burst into events (a start line and its continuation lines) and lone lines. */
function assembleBurst(records: LogRecord[], descending: boolean): LogRecord[] {
  if (records.length === 1) return records;
  const ordered = inTimeOrder(records, descending);
  const out: LogRecord[] = [];
  let event: LogRecord[] = [];
  let previous: LineKind | null = null;
  let wrapped = 0;
  const close = () => {
    if (event.length > 0) out.push(event.length === 1 ? event[0]! : joinEvent(event));
    event = [];
    previous = null;
  };
  for (const record of ordered) {
    // A line with its own stack trace is an event of its own (a structured error, a whole trace).
    if (record.stack !== '' && record.logName.indexOf('std') < 0) {
      close();
      out.push(record);
      continue;
    }
    const last = event[event.length - 1];
    // Lines of one print follow each other within a second; a later line starts afresh.
    if (last && Math.abs(record.timestamp - last.timestamp) > LINE_GAP_MS) close();
    let kind = lineKind(record, previous, event.length > 0 ? event[event.length - 1]!.message : '');
    if (kind === 'message' && (Math.abs(record.timestamp - last!.timestamp) > MESSAGE_GAP_MS || ++wrapped > 10))
      kind = 'plain';
    if (kind !== 'message') wrapped = 0;
    if (kind === 'start') close();
    if (kind === 'plain') {
      close();
      out.push(record);
      continue;
    }
    event.push(record);
    previous = kind;
  }
  close();
  return attachQuotes(out);
}

/** One record for the lines of one event: the trace's text, every member's id, the highest severity. */
function joinEvent(lines: LogRecord[]): LogRecord {
  const text = lines.map((l) => (l.stack !== '' ? l.stack : l.message)).join('\n');
  const traceAt = text.indexOf(PYTHON_HEADER);
  // A server's own lines around the trace (gunicorn's header and shutdown) are context, not the trace.
  const traceText = traceAt >= 0 ? pythonTracePart(text.slice(traceAt)) : text;
  const context = lines
    .map((l) => l.message)
    .filter((m) => SERVER_LINE.test(m) || TAIL_MARKERS.some((marker) => m.indexOf(marker) >= 0))
    .join('\n');
  const summary = summarizeText(traceText);
  let severity: Severity = 'DEFAULT';
  for (const l of lines) if (severityRank(l.severity) > severityRank(severity)) severity = l.severity;
  const inferred = severity === 'DEFAULT';
  const members = lines.flatMap((l) => l.memberIds ?? [l.insertId]);
  return {
    ...lines[0]!,
    severity: inferred && summary.stack !== '' ? 'ERROR' : severity,
    severityInferred: inferred || lines[0]!.severityInferred,
    message: summary.stack !== '' ? summary.message : lines[0]!.message,
    stack: summary.stack,
    memberIds: members,
    ...(context ? { context: context.length > 2000 ? context.slice(0, 2000) : context } : {}),
  };
}

/** The trace from its first `Traceback` line through its last exception line, without what follows. */
function pythonTracePart(text: string): string {
  const lines = text.split('\n');
  let end = lines.length;
  for (let i = lines.length - 1; i > 0; i--) {
    const line = lines[i]!;
    // A server's lines after the trace (`ERROR:    Application startup failed. Exiting.`) are not its exception.
    if (SERVER_LINE.test(line) || TAIL_MARKERS.some((m) => line.indexOf(m) >= 0)) continue;
    // `Type: message`, or a bare type that names an exception (`KeyboardInterrupt`); a bare word
    // after it (pydantic's field name) is the message going on.
    if (
      line !== '' &&
      line.charCodeAt(0) > 32 &&
      /^[A-Za-z_][\w.]*(?::\s|(?:Error|Exception|Exit|Interrupt|Warning)$)/.test(line)
    ) {
      end = i + 1;
      break;
    }
  }
  return lines.slice(0, end).join('\n');
}

/**
 * A message line of the burst that quotes one of its exceptions (the root cause's message, or
 * its last line) is that exception, logged once more: it takes the exception's identity.
 */
function attachQuotes(records: LogRecord[]): LogRecord[] {
  const exceptions = records.filter((r) => r.stack !== '' || r.errorType !== '');
  if (exceptions.length === 0) return records;
  return records.map((r) => {
    if (r.stack !== '' || r.errorType !== '' || r.message.length < QUOTE_MIN) return r;
    const quoted = exceptions.find((e) => quotes(r.message, e));
    return quoted ? { ...r, stack: quoted.stack, errorType: quoted.errorType, message: quoted.message } : r;
  });
}

/**
 * A line quotes an exception when it contains the exception's own words and they are distinctive:
 * long, with a quoted name, a path or an identifier (`No module named 'orders_shared'`), never a
 * generic phrase (`timeout of 5000ms exceeded`) that unrelated failures share.
 */
function quotes(message: string, exception: LogRecord): boolean {
  for (const text of exceptionTexts(exception))
    if (text.length >= QUOTE_MIN && /['"`/]|\w[._]\w/.test(text) && message.indexOf(text) >= 0) return true;
  return false;
}

/** What a line quoting the exception would contain: each exception line's message, type stripped. */
function exceptionTexts(exception: LogRecord): string[] {
  const texts: string[] = [];
  const source = exception.stack || exception.message;
  for (const line of source.split('\n')) {
    if (line === '' || line.charCodeAt(0) <= 32) continue;
    const m = /^[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt):\s(.+)$/.exec(line);
    if (m) texts.push(m[1]!.trim());
  }
  const colon = exception.message.indexOf(': ');
  if (colon > 0) texts.push(exception.message.slice(colon + 2).trim());
  return texts;
}
