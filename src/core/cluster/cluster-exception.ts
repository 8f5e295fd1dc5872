/**
 * Exception strategy: type + masked message + in-app frames (function and file). The same
 * error logged as a text traceback (type inside the message) and as a structured
 * `jsonPayload.error` (type in errorType, message with or without the prefix) reduce to the
 * same canonical key.
 */
import type { LogRecord } from '../model/log-record.js';
import { maskText } from './miner/tokenize.js';
import { parseStackTrace, splitTypePrefix, type StackFrame } from '../normalize/stack-trace.js';

export interface ExceptionKey {
  canonical: string;
  errorType: string;
  message: string;
  frames: string[];
  title: string;
  grouping: string;
}

const MAX_FRAMES = 12;
const TITLE_MAX = 160;

/** `java.lang.IllegalStateException` → `IllegalStateException`: structured payloads often log the short name. */
export function shortTypeName(type: string): string {
  const dot = type.lastIndexOf('.');
  return dot >= 0 ? type.slice(dot + 1) : type;
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

export function deriveExceptionKey(record: LogRecord): ExceptionKey {
  const parsed = record.stack ? parseStackTrace(record.stack) : null;
  let message = firstLine(record.message);
  // A message that is just the traceback's header carries no information; use the trace's line.
  if ((message === '' || message.startsWith('Traceback (most recent call last)')) && parsed) {
    message =
      parsed.errorType && parsed.errorMessage ? `${parsed.errorType}: ${parsed.errorMessage}` : parsed.errorMessage;
  }
  let type = record.errorType.trim();
  if (type === '' && parsed && parsed.errorType) type = parsed.errorType;
  if (type === '') {
    const split = splitTypePrefix(message);
    if (split) type = split[0];
  }
  const body = stripTypePrefix(message, type);
  const maskedMessage = maskText(body, 40);
  const frames = parsed ? parsed.frames : [];
  // Python prints the innermost frame last; others print it first. Key innermost-first.
  const ordered = parsed?.language === 'python' ? frames.slice().reverse() : frames;
  let chosen = ordered.filter((f) => f.inApp);
  // All-library traces still need a location: the frame that raised.
  if (chosen.length === 0 && ordered.length > 0) chosen = [ordered[0]!];
  const described: string[] = [];
  for (const f of chosen) {
    const d = describeFrame(f);
    if (described[described.length - 1] !== d) described.push(d);
    if (described.length === MAX_FRAMES) break;
  }
  const shortType = shortTypeName(type) || 'Error';
  const causes = parsed?.causes.map(shortTypeName) ?? [];
  const canonical = [shortType, maskedMessage, causes.join('<'), ...described].join('\n');
  const where = chosen[0] ? ` in ${chosen[0].file.replace(/^\/+/, '')}` : '';
  const title = truncate(`${shortType}: ${maskedMessage}`, TITLE_MAX - where.length) + where;
  const grouping =
    `exception: type ${shortType}, message template "${truncate(maskedMessage, 200)}"` +
    (causes.length ? `, caused by ${causes.join(' < ')}` : '') +
    (described.length ? `, in-app frames: ${described.join(' ← ')}` : ', no stack frames');
  return { canonical, errorType: type || shortType, message: maskedMessage, frames: described, title, grouping };
}
