/**
 * Exception strategy: type + masked message + in-app frames (function and file). The same
 * error logged as a text traceback (type inside the message) and as a structured
 * `jsonPayload.error` (type in errorType, message with or without the prefix) reduce to the
 * same canonical key. A trace names its own exception: the stack's exception line (the root
 * cause of a chained trace) wins over the log message a logger wrote beside it.
 */
import type { LogRecord } from '../model/log-record.js';
import { maskText, tokenizeMasked } from './miner/tokenize.js';
import { VARIABLE } from './miner/mask.js';
import { parseStackTrace, splitTypePrefix, type ParsedStack, type StackFrame } from '../normalize/stack-trace.js';

export interface ExceptionKey {
  canonical: string;
  errorType: string;
  message: string;
  frames: string[];
  /** A title with placeholders; the clusterer renders the final one from every member's values. */
  title: string;
  grouping: string;
  /** Title pieces around the message: `Type: ` and ` in file`. */
  titleHead: string;
  titleTail: string;
  /** The message's masked tokens and their originals, for the title's constant values. */
  maskedTokens: string[];
  rawTokens: string[];
}

const MAX_FRAMES = 12;
const RESOURCE_EXHAUSTION = /^(OutOfMemoryError|MemoryError|StackOverflowError|RecursionError)$/;
const TITLE_MAX = 160;
const MESSAGE_TOKENS = 40;
const NBSP = '\u00a0';

/** `java.lang.IllegalStateException` → `IllegalStateException`: structured payloads often log the short name. */
export function shortTypeName(type: string): string {
  const dot = Math.max(type.lastIndexOf('.'), type.lastIndexOf('::'), type.lastIndexOf('\\'));
  return dot >= 0 ? type.slice(dot + (type[dot] === ':' ? 2 : 1)) : type;
}

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return (nl >= 0 ? text.slice(0, nl) : text).trim();
}

/** Removes a leading `Type: ` when it names the exception type (qualified or not). */
function stripTypePrefix(message: string, type: string): string {
  // Go: `panic: runtime error: …` logged as text, `runtime error` + `…` when structured.
  if (message.startsWith('panic: ')) message = message.slice(7);
  if (type !== '' && message.startsWith(`${type}: `)) return message.slice(type.length + 2);
  const split = splitTypePrefix(message);
  if (split && type !== '' && shortTypeName(split[0]) === shortTypeName(type)) return split[1];
  return message;
}

function describeFrame(f: StackFrame): string {
  return f.fn ? `${f.fn} (${f.file})` : f.file;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Quoted strings, bracketed lists and dict literals as one token each (their spaces made
 * non-breaking), so that a message quoting data keeps its length whatever the data.
 */
function joinQuoted(text: string): string {
  return text.replace(/'[^'\n]{0,200}'|"[^"\n]{0,200}"|\[[^\][\n]{0,300}\]|\{[^{}\n]{0,300}\}/g, (m) =>
    m.replace(/ /g, NBSP),
  );
}

function isQuotedData(token: string): boolean {
  const core = token.replace(/[,;:.)]+$/, '').replace(/^\(+/, '');
  const open = core[0];
  const close = core[core.length - 1];
  return (
    core.length >= 2 &&
    ((open === "'" && close === "'") ||
      (open === '"' && close === '"') ||
      (open === '[' && close === ']') ||
      (open === '{' && close === '}'))
  );
}

/** The exception a record reports: the trace's own (its root cause when chained), else the record's. */
function chooseException(record: LogRecord, parsed: ParsedStack | null): { type: string; message: string } {
  const outer = parsed?.errorType ? { type: parsed.errorType, message: parsed.errorMessage } : null;
  const root = parsed?.root;
  if (root?.type) {
    // A root cause without words of its own: the wrapper's words say what failed.
    const context = outer && outer.message ? `wrapped in ${shortTypeName(outer.type)}: ${outer.message}` : '';
    return { type: root.type, message: root.message || context };
  }
  const logged = firstLine(record.message);
  // Go's `http: panic serving …` has no `panic:` line: the log line says what panicked.
  if (outer && outer.message === '' && parsed?.language === 'go' && logged)
    return { type: outer.type, message: logged };
  if (outer) return outer;
  let message = firstLine(record.message);
  // A message that is just the traceback's header carries no information; use the trace's line.
  if ((message === '' || message.startsWith('Traceback (most recent call last)')) && parsed) {
    message = parsed.errorMessage;
  }
  let type = record.errorType.trim();
  if (type === '') {
    const split = splitTypePrefix(message);
    if (split) type = split[0];
  }
  return { type, message };
}

/**
 * The frames that raised the reported exception, innermost first: the root cause's own when the
 * trace is chained and they include application code, else the whole trace's.
 */
function raisingFrames(parsed: ParsedStack | null): StackFrame[] {
  if (!parsed) return [];
  const innermostFirst = (frames: StackFrame[]) => (parsed.language === 'python' ? frames.slice().reverse() : frames);
  const root = parsed.rootFrames ?? [];
  return innermostFirst(root.some((f) => f.inApp) ? root : parsed.frames);
}

function inAppFrames(parsed: ParsedStack | null): string[] {
  const ordered = raisingFrames(parsed);
  // Only application code says where a problem is; an all-library trace names no location.
  const chosen = ordered.filter((f) => f.inApp);
  const described: string[] = [];
  for (const f of chosen) {
    const d = describeFrame(f);
    if (described[described.length - 1] !== d) described.push(d);
    if (described.length === MAX_FRAMES) break;
  }
  return described;
}

export function deriveExceptionKey(record: LogRecord): ExceptionKey {
  const parsed = record.stack ? parseStackTrace(record.stack) : null;
  const chosen = chooseException(record, parsed);
  const type = chosen.type;
  const body = joinQuoted(stripTypePrefix(chosen.message, type));
  const described = inAppFrames(parsed);
  const inApp = parsed?.frames.some((f) => f.inApp) ?? false;
  const rawTokens: string[] = [];
  // With an in-app frame to tell problems apart, quoted data varies with the data, not the bug.
  const maskedTokens = tokenizeMasked(body, MESSAGE_TOKENS, rawTokens).map((t) =>
    inApp && isQuotedData(t) ? VARIABLE : t,
  );
  const maskedMessage = maskedTokens.join(' ');
  const shortType = shortTypeName(type) || 'Error';
  const causes = parsed?.causes.map(shortTypeName) ?? [];
  // The innermost in-app frame says where the problem is; the frames above it vary with the
  // rendering (a trace cut short, a chain printed or not, a caller more or less), not the bug.
  // Running out of memory happens wherever the next allocation is: the frame says nothing.
  const located = RESOURCE_EXHAUSTION.test(shortType) ? '' : (described[0] ?? '');
  const canonical = [shortType, maskedMessage, located].join('\n');
  const location = described[0] ? firstFrameFile(parsed) : '';
  const titleTail = location ? ` in ${location}` : '';
  const titleHead = maskedTokens.length > 0 ? `${shortType}: ` : shortType;
  const logged = firstLine(record.message);
  const context =
    logged && !logged.includes(chosen.message) && parsed?.errorType ? ` (logged as "${truncate(logged, 120)}")` : '';
  const grouping =
    `exception: type ${shortType}, message template "${truncate(maskText(body, MESSAGE_TOKENS), 200)}"` +
    (causes.length ? `, caused by ${causes.join(' < ')}` : '') +
    (described.length ? `, in-app frames: ${described.join(' ← ')}` : ', no stack frames') +
    context;
  return {
    canonical,
    errorType: type || shortType,
    message: maskedMessage,
    frames: described,
    title: truncate(`${titleHead}${maskedMessage}`, TITLE_MAX - titleTail.length) + titleTail,
    grouping,
    titleHead,
    titleTail,
    maskedTokens,
    rawTokens,
  };
}

/** The file of the innermost in-app frame (the raising frame when none is in-app), without a leading slash. */
function firstFrameFile(parsed: ParsedStack | null): string {
  const ordered = raisingFrames(parsed);
  const f = ordered.find((x) => x.inApp);
  return f ? f.file.replace(/^\/+/, '') : '';
}

/** Turns non-breaking spaces of joined quoted data back into spaces for display. */
export function displayText(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}
