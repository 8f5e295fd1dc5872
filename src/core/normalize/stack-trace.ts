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
  /**
   * The root cause of a chained trace, when the trace has a chain: Java's last `Caused by:`,
   * Python's first exception (`The above exception was the direct cause…`), .NET's innermost
   * `--->`. Absent for a trace with one exception.
   */
  root?: { type: string; message: string };
  /** The root cause's own frames when the trace is chained (what raised it), as printed. */
  rootFrames?: StackFrame[];
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
  '/usr/lib/',
  '/python27_lib/',
  '/gems/',
  '<anonymous>',
  'dart:',
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
  'org.eclipse.jetty.',
  'org.mortbay.',
  'org.apache.http.',
  'org.apache.commons.',
  'org.apache.kafka.clients.',
  'org.hibernate.',
  'com.fasterxml.',
  'com.google.common.',
  'io.undertow.',
  'okhttp3.',
  'akka.',
  'System.',
  'Microsoft.',
  'net/http.',
  'actionpack ',
  'railties ',
  'activesupport ',
  'rack ',
];

export function isLibraryLocation(fn: string, file: string): boolean {
  for (const m of LIBRARY_MARKERS) if (file.includes(m)) return true;
  for (const p of LIBRARY_PREFIXES) if (file.startsWith(p) || fn.startsWith(p)) return true;
  return false;
}

function frame(fn: string, file: string): StackFrame {
  const cleanFile = stableFile(file.replace(/^file:\/\//, ''));
  return { fn, file: cleanFile, inApp: !isLibraryLocation(fn, cleanFile) };
}

/**
 * Deploy-specific path segments removed, so a frame is the same before and after a deploy:
 * App Engine's `/base/data/home/apps/s~APP/VERSION.ID/`, buildpacks' `/layers/…/`.
 */
function stableFile(file: string): string {
  return file.replace(/^\/?base\/data\/home\/apps\/[^/]+\/[^/]+\//, '').replace(/^\/workspace\//, '');
}

/**
 * The exception in a line that may carry a prefix (a log timestamp, a logger name):
 * `Jul 09, 2015 3:23:29 PM com.acme.MakeLog: RuntimeException: boom` → RuntimeException, boom.
 * The first token that names an exception type (…Exception, …Error, …Throwable, …Fault) wins;
 * a plain `Type: message` line is the fallback.
 */
const EXCEPTION_TYPE =
  /(?:^|[\s:(])((?:[A-Za-z_$][\w$]*[.:]{1,2})*[A-Z][\w$]*(?:Exception|Error|Throwable|Fault|Failure))(?::\s*(.*)|\s*\((.*)\):?$|$)/;
const PHP_EXCEPTION = /^(?:PHP Fatal error:\s+Uncaught )?exception '([\w\\]+)' with message '(.*)' in /;
export function exceptionInLine(line: string): [string, string] | null {
  const text = line.length > 2000 ? line.slice(0, 2000) : line.trim();
  const php = PHP_EXCEPTION.exec(text);
  if (php) return [php[1]!, php[2]!];
  const m = EXCEPTION_TYPE.exec(text);
  if (m) return [m[1]!, (m[2] ?? m[3] ?? '').trim()];
  return splitTypePrefix(text);
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
  let first: { type: string; message: string } | undefined;
  let firstFrames = 0;
  let chained = false;
  let inTrace = false;
  for (const line of lines) {
    // A server's own line before the trace (`ERROR: Exception in ASGI application`) is not an exception line.
    if (line.startsWith('Traceback')) inTrace = true;
    if (!inTrace) continue;
    const m = PY_FRAME.exec(line);
    if (m) {
      frames.push(frame(m[2] ?? '', m[1]!));
      continue;
    }
    if (line.startsWith('During handling') || line.startsWith('The above exception')) {
      chained = true;
      continue;
    }
    // The exception line is the last unindented "Type: message" (or bare "Type") line.
    if (line.length > 0 && line.charCodeAt(0) > 32 && !line.startsWith('Traceback')) {
      const split = splitTypePrefix(line);
      if (split) [errorType, errorMessage] = split;
      else if (/^[A-Za-z_][\w.]*$/.test(line.trim())) [errorType, errorMessage] = [line.trim(), ''];
      else continue;
      if (!first) {
        first = { type: errorType, message: errorMessage };
        firstFrames = frames.length;
      }
    }
  }
  // Chained tracebacks print the cause first: the root is the first exception, the last a wrapper.
  const root = chained && first && first.type !== errorType ? first : undefined;
  const rootFrames = root ? frames.slice(0, firstFrames) : undefined;
  return { language: 'python', errorType, errorMessage, causes: root ? [root.type] : [], root, rootFrames, frames };
}

function parseJava(lines: string[]): ParsedStack {
  const frames: StackFrame[] = [];
  const causes: string[] = [];
  let root: { type: string; message: string } | undefined;
  let rootAt = 0;
  const head = exceptionHead(lines);
  for (const line of lines) {
    const m = JAVA_FRAME.exec(line);
    if (m) {
      const file = m[3]!.replace(/:\d+$/, '');
      const named = file !== '' && file !== 'Unknown Source' && file !== 'Native Method';
      frames.push(frame(`${m[1]}.${m[2]}`, named ? file : m[1]!));
      continue;
    }
    const trimmed = line.trim();
    if (trimmed.startsWith('Caused by: ')) {
      const split = exceptionInLine(trimmed.slice(11));
      causes.push(split ? split[0] : trimmed.slice(11).trim());
      root = split ? { type: split[0], message: split[1] } : root;
      rootAt = frames.length;
    }
  }
  const rootFrames = root ? frames.slice(rootAt) : undefined;
  return { language: 'java', errorType: head[0], errorMessage: head[1], causes, root, rootFrames, frames };
}

/**
 * The exception line of a Java / .NET / Node trace: among the lines before the first frame, the
 * last that names an exception type (a logger's timestamp or name may precede it), else the
 * first line. .NET's `Outer ---> Inner` keeps the outer here; see `innerException`.
 */
function exceptionHead(lines: string[]): [string, string] {
  let fallback: [string, string] | null = null;
  let found: [string, string] | null = null;
  for (const line of lines) {
    const trimmed = line.trim();
    if (/^at\s|^\.\.\.|^#\d|^Stack trace:/.test(trimmed)) break;
    if (trimmed === '') continue;
    const head = trimmed.replace(/^Exception in thread "[^"]*" /, '');
    const named = EXCEPTION_TYPE.test(head) || PHP_EXCEPTION.test(head) ? exceptionInLine(head) : null;
    if (named) found = named;
    else if (!found && !fallback) {
      const split = splitTypePrefix(head);
      fallback = split ?? (/^[A-Za-z_$][\w$.]*$/.test(head) ? [head, ''] : null);
    }
  }
  return found ?? fallback ?? ['', ''];
}

function parseNode(lines: string[]): ParsedStack {
  const frames: StackFrame[] = [];
  let errorType = '';
  let errorMessage = '';
  let root: { type: string; message: string } | undefined;
  let rootAt = 0;
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
    // Node prints an Error's `cause` inside its inspect output: `[cause]: AxiosError: …`.
    const cause = /^\s*\[cause\]:\s*(.+)$/.exec(line);
    if (cause) {
      const split = exceptionInLine(cause[1]!.replace(/\s*\{$/, ''));
      if (split) {
        root = { type: split[0], message: split[1] };
        rootAt = frames.length;
      }
      continue;
    }
    if (errorType === '' && line.trim().length > 0) {
      const split = exceptionInLine(line.trim());
      if (split) [errorType, errorMessage] = split;
      else if (/^[A-Z][\w$]*$/.test(line.trim())) errorType = line.trim();
    }
  }
  const rootFrames = root ? frames.slice(rootAt) : undefined;
  return { language: 'node', errorType, errorMessage, causes: root ? [root.type] : [], root, rootFrames, frames };
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
      return withInnerException(parseJava(lines));
    case 'node':
      return parseNode(lines);
    case 'go':
      return parseGo(lines);
    default: {
      const [errorType, errorMessage] = exceptionHead(lines);
      return withInnerException({ language: 'unknown', errorType, errorMessage, causes: [], frames: [] });
    }
  }
}

/** .NET: `Outer: text ---> Inner: text` names its root cause last. */
function withInnerException(parsed: ParsedStack): ParsedStack {
  const at = parsed.errorMessage.lastIndexOf(' ---> ');
  if (at < 0) return parsed;
  const inner = exceptionInLine(parsed.errorMessage.slice(at + 6));
  const errorMessage = parsed.errorMessage.slice(0, parsed.errorMessage.indexOf(' ---> ')).trim();
  return inner ? { ...parsed, errorMessage, causes: [inner[0]], root: { type: inner[0], message: inner[1] } } : parsed;
}
