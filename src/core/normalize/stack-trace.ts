/**
 * Stack-trace parsing for Python, Java (with "Caused by:"), Node.js and Go panics. A frame is
 * reduced to function and file — line numbers move with every deploy, so they never reach a
 * fingerprint — and library frames are dropped: only the application's own code says where a
 * problem is.
 */

export type StackLanguage = 'python' | 'java' | 'node' | 'go' | 'unknown';

export interface StackFrame {
  fn: string;
  file: string;
  inApp: boolean;
}

export interface ParsedStack {
  language: StackLanguage;
  /** Exception type as written in the trace ('' when none found). */
  errorType: string;
  /** Exception message from the trace ('' when none found). */
  errorMessage: string;
  /** Types of "Caused by:" / chained exceptions, outermost first (Java). */
  causes: string[];
  frames: StackFrame[];
}

/** Path and package markers of library / runtime code. */
const LIBRARY_MARKERS: readonly string[] = [
  'site-packages/',
  'dist-packages/',
  '/usr/lib/python',
  '/usr/local/lib/python',
  '<frozen ',
  'node_modules/',
  'node:',
  '/usr/local/go/src/',
  'GOROOT/',
  '/pkg/mod/',
  'vendor/',
];
const LIBRARY_PREFIXES: readonly string[] = [
  'internal/',
  'java.',
  'javax.',
  'jakarta.',
  'sun.',
  'jdk.',
  'com.sun.',
  'kotlin.',
  'kotlinx.',
  'scala.',
  'org.springframework.',
  'org.apache.catalina.',
  'org.apache.tomcat.',
  'org.apache.coyote.',
  'io.grpc.',
  'io.netty.',
  'reactor.',
  'runtime.',
  'runtime/',
];

export function isLibraryLocation(fn: string, file: string): boolean {
  for (const m of LIBRARY_MARKERS) if (file.includes(m)) return true;
  for (const p of LIBRARY_PREFIXES) if (file.startsWith(p) || fn.startsWith(p)) return true;
  return false;
}

function frame(fn: string, file: string): StackFrame {
  const cleanFile = file.replace(/^file:\/\//, '');
  return { fn, file: cleanFile, inApp: !isLibraryLocation(fn, cleanFile) };
}

/** `Type: message` → [type, message]; the type is a (dotted) identifier without spaces. */
export function splitTypePrefix(line: string): [string, string] | null {
  const colon = line.indexOf(':');
  if (colon <= 0 || colon > 200) return null;
  const type = line.slice(0, colon);
  if (!/^[A-Za-z_$][\w$.]*$/.test(type)) return null;
  return [type, line.slice(colon + 1).trim()];
}

const PY_FRAME = /^\s*File "([^"]+)", line \d+(?:, in (.+))?$/;
const JAVA_FRAME = /^\s+at ([\w$.<>/]+)\.([\w$<>-]+)\(([^)]*)\)/;
const NODE_FRAME_FN = /^\s+at (?:async )?(.+?) \((.+?)(?::\d+)?(?::\d+)?\)$/;
const NODE_FRAME_BARE = /^\s+at (?:async )?([^\s()]+?)(?::\d+)?(?::\d+)?$/;
const GO_FILE = /^\t(.+?\.go|\S+):\d+(?: \+0x[0-9a-f]+)?$/;

function parsePython(lines: string[]): ParsedStack {
  const frames: StackFrame[] = [];
  let errorType = '';
  let errorMessage = '';
  for (const line of lines) {
    const m = PY_FRAME.exec(line);
    if (m) {
      frames.push(frame(m[2] ?? '', m[1]!));
      continue;
    }
    // The exception line is the last unindented "Type: message" (or bare "Type") line.
    if (
      line.length > 0 &&
      line.charCodeAt(0) > 32 &&
      !line.startsWith('Traceback') &&
      !line.startsWith('During handling') &&
      !line.startsWith('The above exception')
    ) {
      const split = splitTypePrefix(line);
      if (split) [errorType, errorMessage] = split;
      else if (/^[A-Za-z_][\w.]*$/.test(line.trim())) [errorType, errorMessage] = [line.trim(), ''];
    }
  }
  return { language: 'python', errorType, errorMessage, causes: [], frames };
}

function parseJava(lines: string[]): ParsedStack {
  const frames: StackFrame[] = [];
  const causes: string[] = [];
  let errorType = '';
  let errorMessage = '';
  for (const line of lines) {
    const m = JAVA_FRAME.exec(line);
    if (m) {
      const file = m[3]!.replace(/:\d+$/, '');
      frames.push(frame(`${m[1]}.${m[2]}`, file === 'Unknown Source' || file === 'Native Method' ? m[1]! : file));
      continue;
    }
    const trimmed = line.trim();
    if (trimmed.startsWith('Caused by: ')) {
      const split = splitTypePrefix(trimmed.slice(11));
      causes.push(split ? split[0] : trimmed.slice(11).trim());
      continue;
    }
    if (errorType === '' && trimmed.length > 0 && !trimmed.startsWith('at ') && !trimmed.startsWith('...')) {
      const head = trimmed.replace(/^Exception in thread "[^"]*" /, '');
      const split = splitTypePrefix(head);
      if (split) [errorType, errorMessage] = split;
      else if (/^[A-Za-z_$][\w$.]*$/.test(head)) errorType = head;
    }
  }
  return { language: 'java', errorType, errorMessage, causes, frames };
}

function parseNode(lines: string[]): ParsedStack {
  const frames: StackFrame[] = [];
  let errorType = '';
  let errorMessage = '';
  for (const line of lines) {
    const m = NODE_FRAME_FN.exec(line);
    if (m) {
      frames.push(frame(m[1]!.replace(/^new /, ''), m[2]!.replace(/:\d+:\d+$/, '')));
      continue;
    }
    const b = NODE_FRAME_BARE.exec(line);
    if (b) {
      frames.push(frame('', b[1]!.replace(/:\d+:\d+$/, '')));
      continue;
    }
    if (errorType === '' && line.trim().length > 0) {
      const split = splitTypePrefix(line.trim());
      if (split) [errorType, errorMessage] = split;
    }
  }
  return { language: 'node', errorType, errorMessage, causes: [], frames };
}

function parseGo(lines: string[]): ParsedStack {
  const frames: StackFrame[] = [];
  let errorType = 'panic';
  let errorMessage = '';
  let goroutines = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('panic: ')) {
      errorMessage = line
        .slice(7)
        .replace(/ \[recovered\]$/, '')
        .trim();
      if (errorMessage.startsWith('runtime error: ')) {
        errorType = 'runtime error';
        errorMessage = errorMessage.slice(15);
      }
      continue;
    }
    if (line.startsWith('fatal error: ')) {
      errorType = 'fatal error';
      errorMessage = line.slice(13).trim();
      continue;
    }
    if (line.startsWith('goroutine ')) {
      // Only the panicking goroutine (the first) says where the problem is.
      if (++goroutines > 1) break;
      continue;
    }
    const next = lines[i + 1];
    const f = next !== undefined ? GO_FILE.exec(next) : null;
    if (f && line.length > 0 && line.charCodeAt(0) > 32) {
      const fn = line.replace(/\([^()]*\)$/, '').replace(/^created by /, '');
      frames.push(frame(fn, f[1]!));
      i++;
    }
  }
  return { language: 'go', errorType, errorMessage, causes: [], frames };
}

export function detectLanguage(stack: string): StackLanguage {
  if (stack.includes('Traceback (most recent call last)') || /\n?\s*File "[^"]+", line \d+/.test(stack))
    return 'python';
  if (stack.includes('goroutine ') || stack.startsWith('panic: ')) return 'go';
  if (/\n\s+at [\w$.<>/]+\.[\w$<>-]+\([^)]*(?:\.java|\.kt|\.scala|Native Method|Unknown Source)/.test(stack))
    return 'java';
  if (/\n\s+at .+:\d+:\d+\)?$/m.test(stack)) return 'node';
  if (/\n\s+at [\w$.]+\(/.test(stack)) return 'java';
  return 'unknown';
}

/** Parses a stack trace; the caller bounds its length (stack traces are cut at 64 KiB). */
export function parseStackTrace(stack: string): ParsedStack {
  const text = stack.length > 65536 ? stack.slice(0, 65536) : stack;
  // Long lines are cut so that no frame pattern can spend long on one.
  const lines = text.split(/\r?\n/).map((l) => (l.length > 2000 ? l.slice(0, 2000) : l));
  switch (detectLanguage(text)) {
    case 'python':
      return parsePython(lines);
    case 'java':
      return parseJava(lines);
    case 'node':
      return parseNode(lines);
    case 'go':
      return parseGo(lines);
    default: {
      const split = splitTypePrefix(lines[0]?.trim() ?? '');
      return {
        language: 'unknown',
        errorType: split?.[0] ?? '',
        errorMessage: split?.[1] ?? '',
        causes: [],
        frames: [],
      };
    }
  }
}
