export const id = 487;
export const ids = [487];
export const modules = {

/***/ 30567:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Q8: () => (/* binding */ createClusterer)
});

// UNUSED EXPORTS: FINGERPRINT_VERSION, classifyRecord

;// CONCATENATED MODULE: ./src/core/cluster/miner/mask.ts
/**
 * Masking rules as data: an ordered list, tried first to last on each whitespace-separated
 * token; the first rule that matches decides the token's masked form. Every matcher is a
 * hand-written character scanner (linear, no regular expressions), so a 256 KiB message costs
 * one pass and can never backtrack.
 *
 * One placeholder (`<*>`) for every variable kind: a position that holds an IP in one entry and
 * a number in the next is still one variable position, so typed placeholders would split groups.
 */
const VARIABLE = '<*>';
function isDigit(c) {
    return c >= 48 && c <= 57;
}
function isAlpha(c) {
    return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isHex(c) {
    return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
function isKeyChar(c) {
    return isAlpha(c) || isDigit(c) || c === 95 /* _ */ || c === 45 /* - */ || c === 46 /* . */ || c === 40 || c === 41;
}
function hasDigit(token) {
    for (let i = 0; i < token.length; i++)
        if (isDigit(token.charCodeAt(i)))
            return true;
    return false;
}
/**
 * `key=value` (value non-empty) and `key:value` (value with a digit, or a boolean / null):
 * the key is kept, the value is variable.
 */
function maskKeyValue(token) {
    let sep = -1;
    for (let i = 0; i < token.length; i++) {
        const c = token.charCodeAt(i);
        if (c === 61 /* = */ || c === 58 /* : */) {
            sep = i;
            break;
        }
        if (!isKeyChar(c))
            return null;
    }
    if (sep <= 0 || sep === token.length - 1 || !isAlpha(token.charCodeAt(0)))
        return null;
    if (token.charCodeAt(sep) === 58) {
        const value = token.slice(sep + 1);
        if (value.charCodeAt(0) === 47 /* :/ (URL) */)
            return null;
        if (!hasDigit(value) && !LITERAL_VALUES.has(stripPunctuation(value).toLowerCase()))
            return null;
    }
    return token.slice(0, sep + 1) + VARIABLE;
}
/** Booleans and null-likes are values, never what tells one event from another. */
const LITERAL_VALUES = new Set(['true', 'false', 'null', 'nil', 'undefined']);
/** On their own, `nil` and `undefined` are usually words of an error message ("nil pointer"). */
const STANDALONE_LITERALS = new Set(['true', 'false', 'null']);
function stripPunctuation(token) {
    let end = token.length;
    while (end > 0 && ',;.)]}'.includes(token[end - 1]))
        end--;
    return token.slice(0, end);
}
/** `/a/b`, `"/a/b`, `(/a/b)`: an absolute path with at least two segments. */
function isPath(token) {
    let i = 0;
    while (i < token.length && (token[i] === '"' || token[i] === "'" || token[i] === '(' || token[i] === '['))
        i++;
    if (token.charCodeAt(i) !== 47 /* / */ || token.charCodeAt(i + 1) === 47)
        return false;
    return token.indexOf('/', i + 2) > 0;
}
function isEmail(token) {
    const at = token.indexOf('@');
    return at > 0 && token.indexOf('.', at + 2) > at;
}
function isUrlWithVariablePart(token) {
    const scheme = token.indexOf('://');
    return scheme > 0 && hasDigit(token);
}
/** 0x-prefixed hex, or a run of 12+ hex digits (hashes, trace ids) even without a digit. */
function isHexValue(token) {
    let start = 0;
    if (token.length > 2 && token.charCodeAt(0) === 48 && (token.charCodeAt(1) | 32) === 120)
        start = 2;
    let run = 0;
    for (let i = start; i < token.length; i++) {
        if (!isHex(token.charCodeAt(i)))
            return false;
        run++;
    }
    return start === 2 ? run > 0 : run >= 12;
}
/** Long opaque tokens (base64, JWT pieces, session keys): 24+ chars of letters/digits/-_+/ with mixed case. */
function isOpaque(token) {
    if (token.length < 24)
        return false;
    let upper = 0;
    let lower = 0;
    for (let i = 0; i < token.length; i++) {
        const c = token.charCodeAt(i);
        if (c >= 65 && c <= 90)
            upper++;
        else if (c >= 97 && c <= 122)
            lower++;
        else if (!(isDigit(c) || c === 45 || c === 95 || c === 43 || c === 47 || c === 61))
            return false;
    }
    return upper > 0 && lower > 0 && upper * 4 >= lower;
}
/** An empty bracketed or quoted value is still a value: `()` beside `(host.example.com)`. */
const EMPTY_VALUES = new Set(['()', '[]', '{}', "''", '""', '<>', '(),', '[],', "'',", '"",']);
const DATE_WORDS = new Set([
    'Mon',
    'Tue',
    'Wed',
    'Thu',
    'Fri',
    'Sat',
    'Sun',
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
]);
/** Upper-case names with a short number (`SOCKS5`, `HTTP2`, `SHA256`) name a protocol, not an instance. */
function isAcronymWithNumber(token) {
    if (token.length > 8)
        return false;
    let i = 0;
    while (i < token.length && token.charCodeAt(i) >= 65 && token.charCodeAt(i) <= 90)
        i++;
    if (i < 2)
        return false;
    const digits = token.length - i;
    if (digits < 1 || digits > 3)
        return false;
    for (; i < token.length; i++)
        if (!isDigit(token.charCodeAt(i)))
            return false;
    return true;
}
/**
 * Ordered masking rules. Numbers, IPs (v4, and v6 as they contain digits in practice), UUIDs,
 * dates, times, durations (`250ms`), sizes (`4KB`), paths and quoted values holding an id all
 * contain a digit, so the last rule covers them with one scan; the earlier rules handle the
 * variable parts that have no digit, or keep the constant part (the key of key=value).
 */
const MASK_RULES = [
    { name: 'key=value', example: 'user=alice', apply: maskKeyValue },
    {
        name: 'boolean or null',
        example: 'false,',
        apply: (t) => (STANDALONE_LITERALS.has(stripPunctuation(t).toLowerCase()) ? VARIABLE : null),
    },
    { name: 'empty value', example: '()', apply: (t) => (EMPTY_VALUES.has(t) ? VARIABLE : null) },
    { name: 'weekday or month name (dates)', example: 'Jun', apply: (t) => (DATE_WORDS.has(t) ? VARIABLE : null) },
    {
        name: 'protocol / algorithm name kept (SOCKS5, HTTP2, SHA256)',
        example: 'SOCKS5',
        apply: (t) => (isAcronymWithNumber(t) ? t : null),
    },
    { name: 'file or URL path', example: '/var/lib/app/cache', apply: (t) => (isPath(t) ? VARIABLE : null) },
    { name: 'e-mail', example: 'alice@example.com', apply: (t) => (isEmail(t) ? VARIABLE : null) },
    {
        name: 'url with id',
        example: 'https://api.example.com/orders/42',
        apply: (t) => (isUrlWithVariablePart(t) ? VARIABLE : null),
    },
    { name: 'hex / hash', example: 'deadbeefcafebabe', apply: (t) => (isHexValue(t) ? VARIABLE : null) },
    { name: 'opaque token', example: 'eyJhbGciOiJIUzI1NiJ9abcDEF', apply: (t) => (isOpaque(t) ? VARIABLE : null) },
    {
        name: 'contains a digit (number, IP, UUID, date, time, duration, size, path or quoted id)',
        example: '10.0.0.12:8080',
        apply: (t) => (hasDigit(t) ? VARIABLE : null),
    },
];
/**
 * Masks one token by the first matching rule; returns the token itself when none matches.
 * Fast paths give the same answer as the rule list for the two commonest cases: a short plain
 * word, and a token with a digit but no `=` / `:` (every later rule then yields `<*>`).
 */
function maskToken(token) {
    let digit = false;
    let plain = token.length < 12;
    for (let i = 0; i < token.length; i++) {
        const c = token.charCodeAt(i);
        if (c === 61 || c === 58) {
            plain = false;
            digit = false;
            break;
        }
        if (isDigit(c))
            digit = true;
        else if (!isAlpha(c))
            plain = false;
    }
    if (digit && !isAcronymWithNumber(token))
        return VARIABLE;
    if (plain && !digit && !DATE_WORDS.has(token) && !STANDALONE_LITERALS.has(token.toLowerCase()))
        return token;
    for (const rule of MASK_RULES) {
        const masked = rule.apply(token);
        if (masked !== null)
            return masked;
    }
    return token;
}

;// CONCATENATED MODULE: ./src/core/cluster/miner/tokenize.ts
/**
 * Tokenises a message into masked tokens: whitespace-separated, each masked by mask.ts, and a
 * unit after a number joins the number (`1.16 KB`, `<1 sec`). Runs of variables are collapsed
 * later, when templates are compared (miner-merge.ts), not here: the token count is what first
 * partitions the rows.
 */

/** Tokens kept per message; the rest of a huge message is summarised as one `…` token. */
const MAX_TOKENS = 120;
const UNITS = new Set([
    'b',
    'kb',
    'mb',
    'gb',
    'tb',
    'kib',
    'mib',
    'gib',
    'tib',
    'byte',
    'bytes',
    'ns',
    'us',
    'µs',
    'ms',
    's',
    'sec',
    'secs',
    'second',
    'seconds',
    'min',
    'mins',
    'minute',
    'minutes',
    'h',
    'hr',
    'hrs',
    'hour',
    'hours',
    'day',
    'days',
    '%',
]);
/** A unit word, ignoring surrounding brackets and trailing punctuation: `KB)`, `sec,`. */
function isUnit(token) {
    let start = 0;
    let end = token.length;
    while (start < end && '([{'.includes(token[start]))
        start++;
    while (end > start && ')]},;:.'.includes(token[end - 1]))
        end--;
    if (end - start > 7 || end === start)
        return false;
    return UNITS.has(token.slice(start, end).toLowerCase());
}
/**
 * `tag="View Lock"`: a quoted value after `=` that spans spaces stays one token, so the
 * value's word count does not change the template's length. Bounded look-ahead.
 */
function extendQuotedValue(message, start, end) {
    const eq = message.indexOf('=', start);
    if (eq < 0 || eq + 1 >= end)
        return end;
    const quote = message.charCodeAt(eq + 1);
    if (quote !== 34 && quote !== 39)
        return end;
    if (end - 1 > eq + 1 && message.charCodeAt(end - 1) === quote)
        return end;
    if (end - 2 > eq + 1 && message.charCodeAt(end - 2) === quote)
        return end;
    const close = message.indexOf(quote === 34 ? '"' : "'", end);
    if (close < 0 || close - end > 256)
        return end;
    let j = close + 1;
    while (j < message.length && message.charCodeAt(j) > 32)
        j++;
    return j;
}
/**
 * `raws`, when given, receives each masked token's original text (a unit that joined its number
 * is appended to it): what a title shows where every member has the same value.
 */
function tokenizeMasked(message, maxTokens = MAX_TOKENS, raws) {
    const out = [];
    const n = message.length;
    let i = 0;
    while (i < n) {
        while (i < n && message.charCodeAt(i) <= 32)
            i++;
        if (i >= n)
            break;
        if (out.length === maxTokens) {
            out.push('…');
            raws?.push('…');
            break;
        }
        const start = i;
        while (i < n && message.charCodeAt(i) > 32)
            i++;
        i = extendQuotedValue(message, start, i);
        const raw = message.slice(start, i);
        const previousVariable = out.length > 0 && out[out.length - 1] === VARIABLE;
        if (previousVariable && isUnit(raw)) {
            if (raws)
                raws[raws.length - 1] += ` ${raw}`;
            continue;
        }
        out.push(codeToken(raw, out) ?? maskToken(raw));
        raws?.push(raw);
    }
    return out;
}
/**
 * Codes that tell a failure from a success are never variables: `exit(1)` beside `exit(0)`,
 * the number after `status`, `code`, `exit` or `signal` (`status code: 500`, `signal 9`).
 */
function codeToken(raw, previous) {
    const c = raw.charCodeAt(0);
    if (c === 101 /* e */ && /^exit\(\d{1,3}\)[.,;:]?$/.test(raw))
        return raw;
    if (!(c >= 48 && c <= 57) || raw.length > 4 || previous.length === 0)
        return null;
    if (!/^\d{1,3}[.,;:)]?$/.test(raw))
        return null;
    const before = previous[previous.length - 1].toLowerCase().replace(/[:=]$/, '');
    if (CODE_WORDS.has(before))
        return raw;
    if (before !== 'code' || previous.length < 2)
        return null;
    const word = previous[previous.length - 2].toLowerCase();
    // `status code: 500`: its class tells a failure from a success (502 and 503 stay one problem);
    // `exit code 1` is kept whole; a bare `status: 200` of an access log stays a plain variable.
    if (word === 'status')
        return `${VARIABLE}${raw[0]}xx`;
    return word === 'exit' || word === 'error' || word === 'return' ? raw : null;
}
const CODE_WORDS = new Set(['exit', 'signal', 'statuscode', 'status_code', 'exitcode', 'exit_code']);
/** Masked text of a message: its masked tokens joined by single spaces. */
function maskText(text, maxTokens = MAX_TOKENS) {
    return tokenizeMasked(text, maxTokens).join(' ');
}

;// CONCATENATED MODULE: ./src/core/normalize/stack-trace.ts
/**
 * Stack-trace parsing for Python, Java (with "Caused by:"), Node.js and Go panics. A frame is
 * reduced to function and file — line numbers move with every deploy, so they never reach a
 * fingerprint — and library frames are dropped: only the application's own code says where a
 * problem is.
 */
/** Path and package markers of library / runtime code. */
const LIBRARY_MARKERS = [
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
const LIBRARY_PREFIXES = [
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
function isLibraryLocation(fn, file) {
    for (const m of LIBRARY_MARKERS)
        if (file.includes(m))
            return true;
    for (const p of LIBRARY_PREFIXES)
        if (file.startsWith(p) || fn.startsWith(p))
            return true;
    return false;
}
function stack_trace_frame(fn, file) {
    const cleanFile = stableFile(file.replace(/^file:\/\//, ''));
    return { fn, file: cleanFile, inApp: !isLibraryLocation(fn, cleanFile) };
}
/**
 * Deploy-specific path segments removed, so a frame is the same before and after a deploy:
 * App Engine's `/base/data/home/apps/s~APP/VERSION.ID/`, buildpacks' `/layers/…/`.
 */
function stableFile(file) {
    return file.replace(/^\/?base\/data\/home\/apps\/[^/]+\/[^/]+\//, '').replace(/^\/workspace\//, '');
}
/**
 * The exception in a line that may carry a prefix (a log timestamp, a logger name):
 * `Jul 09, 2015 3:23:29 PM com.acme.MakeLog: RuntimeException: boom` → RuntimeException, boom.
 * The first token that names an exception type (…Exception, …Error, …Throwable, …Fault) wins;
 * a plain `Type: message` line is the fallback.
 */
const EXCEPTION_TYPE = /(?:^|[\s:(])((?:[A-Za-z_$][\w$]*[.:]{1,2})*[A-Z][\w$]*(?:Exception|Error|Throwable|Fault|Failure))(?::\s*(.*)|\s*\((.*)\):?$|$)/;
const PHP_EXCEPTION = /^(?:PHP Fatal error:\s+Uncaught )?exception '([\w\\]+)' with message '(.*)' in /;
function exceptionInLine(line) {
    const text = line.length > 2000 ? line.slice(0, 2000) : line.trim();
    const php = PHP_EXCEPTION.exec(text);
    if (php)
        return [php[1], php[2]];
    const m = EXCEPTION_TYPE.exec(text);
    if (m)
        return [m[1], (m[2] ?? m[3] ?? '').trim()];
    return splitTypePrefix(text);
}
/** `Type: message` → [type, message]; the type is a (dotted) identifier without spaces. */
function splitTypePrefix(line) {
    const colon = line.indexOf(':');
    if (colon <= 0 || colon > 200)
        return null;
    const type = line.slice(0, colon);
    if (!/^[A-Za-z_$][\w$.]*$/.test(type))
        return null;
    return [type, line.slice(colon + 1).trim()];
}
const PY_FRAME = /^\s*File "([^"]+)", line \d+(?:, in (.+))?$/;
const JAVA_FRAME = /^\s+at ([\w$.<>/]+)\.([\w$<>-]+)\(([^)]*)\)/;
const NODE_FRAME_FN = /^\s+at (?:async )?(.+?) \((.+?)(?::\d+)?(?::\d+)?\)$/;
const NODE_FRAME_BARE = /^\s+at (?:async )?([^\s()]+?)(?::\d+)?(?::\d+)?$/;
const GO_FILE = /^\t(.+?\.go|\S+):\d+(?: \+0x[0-9a-f]+)?$/;
function parsePython(lines) {
    const frames = [];
    let errorType = '';
    let errorMessage = '';
    let first;
    let firstFrames = 0;
    let chained = false;
    let inTrace = false;
    for (const line of lines) {
        // A server's own line before the trace (`ERROR: Exception in ASGI application`) is not an exception line.
        if (line.startsWith('Traceback'))
            inTrace = true;
        if (!inTrace)
            continue;
        const m = PY_FRAME.exec(line);
        if (m) {
            frames.push(stack_trace_frame(m[2] ?? '', m[1]));
            continue;
        }
        if (line.startsWith('During handling') || line.startsWith('The above exception')) {
            chained = true;
            continue;
        }
        // The exception line is the last unindented "Type: message" (or bare "Type") line.
        if (line.length > 0 && line.charCodeAt(0) > 32 && !line.startsWith('Traceback')) {
            const split = splitTypePrefix(line);
            if (split)
                [errorType, errorMessage] = split;
            else if (/^[A-Za-z_][\w.]*$/.test(line.trim()))
                [errorType, errorMessage] = [line.trim(), ''];
            else
                continue;
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
function parseJava(lines) {
    const frames = [];
    const causes = [];
    let root;
    let rootAt = 0;
    const head = exceptionHead(lines);
    for (const line of lines) {
        const m = JAVA_FRAME.exec(line);
        if (m) {
            const file = m[3].replace(/:\d+$/, '');
            const named = file !== '' && file !== 'Unknown Source' && file !== 'Native Method';
            frames.push(stack_trace_frame(`${m[1]}.${m[2]}`, named ? file : m[1]));
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
function exceptionHead(lines) {
    let fallback = null;
    let found = null;
    for (const line of lines) {
        const trimmed = line.trim();
        if (/^at\s|^\.\.\.|^#\d|^Stack trace:/.test(trimmed))
            break;
        if (trimmed === '')
            continue;
        const head = trimmed.replace(/^Exception in thread "[^"]*" /, '');
        const named = EXCEPTION_TYPE.test(head) || PHP_EXCEPTION.test(head) ? exceptionInLine(head) : null;
        if (named)
            found = named;
        else if (!found && !fallback) {
            const split = splitTypePrefix(head);
            fallback = split ?? (/^[A-Za-z_$][\w$.]*$/.test(head) ? [head, ''] : null);
        }
    }
    return found ?? fallback ?? ['', ''];
}
function parseNode(lines) {
    const frames = [];
    let errorType = '';
    let errorMessage = '';
    let root;
    let rootAt = 0;
    for (const line of lines) {
        const m = NODE_FRAME_FN.exec(line);
        if (m) {
            frames.push(stack_trace_frame(m[1].replace(/^new /, ''), m[2].replace(/:\d+:\d+$/, '')));
            continue;
        }
        const b = NODE_FRAME_BARE.exec(line);
        if (b) {
            frames.push(stack_trace_frame('', b[1].replace(/:\d+:\d+$/, '')));
            continue;
        }
        // Node prints an Error's `cause` inside its inspect output: `[cause]: AxiosError: …`.
        const cause = /^\s*\[cause\]:\s*(.+)$/.exec(line);
        if (cause) {
            const split = exceptionInLine(cause[1].replace(/\s*\{$/, ''));
            if (split) {
                root = { type: split[0], message: split[1] };
                rootAt = frames.length;
            }
            continue;
        }
        if (errorType === '' && line.trim().length > 0) {
            const split = exceptionInLine(line.trim());
            if (split)
                [errorType, errorMessage] = split;
            else if (/^[A-Z][\w$]*$/.test(line.trim()))
                errorType = line.trim();
        }
    }
    const rootFrames = root ? frames.slice(rootAt) : undefined;
    return { language: 'node', errorType, errorMessage, causes: root ? [root.type] : [], root, rootFrames, frames };
}
function parseGo(lines) {
    const frames = [];
    let errorType = 'panic';
    let errorMessage = '';
    let goroutines = 0;
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
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
            if (++goroutines > 1)
                break;
            continue;
        }
        const next = lines[i + 1];
        const f = next !== undefined ? GO_FILE.exec(next) : null;
        if (f && line.length > 0 && line.charCodeAt(0) > 32) {
            const fn = line.replace(/\([^()]*\)$/, '').replace(/^created by /, '');
            frames.push(stack_trace_frame(fn, f[1]));
            i++;
        }
    }
    return { language: 'go', errorType, errorMessage, causes: [], frames };
}
function detectLanguage(stack) {
    if (stack.includes('Traceback (most recent call last)') || /\n?\s*File "[^"]+", line \d+/.test(stack))
        return 'python';
    if (stack.includes('goroutine ') || stack.startsWith('panic: '))
        return 'go';
    if (/\n\s+at [\w$.<>/]+\.[\w$<>-]+\([^)]*(?:\.java|\.kt|\.scala|Native Method|Unknown Source)/.test(stack))
        return 'java';
    if (/\n\s+at .+:\d+:\d+\)?$/m.test(stack))
        return 'node';
    if (/\n\s+at [\w$.]+\(/.test(stack))
        return 'java';
    return 'unknown';
}
/** Parses a stack trace; the caller bounds its length (stack traces are cut at 64 KiB). */
function parseStackTrace(stack) {
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
function withInnerException(parsed) {
    const at = parsed.errorMessage.lastIndexOf(' ---> ');
    if (at < 0)
        return parsed;
    const inner = exceptionInLine(parsed.errorMessage.slice(at + 6));
    const errorMessage = parsed.errorMessage.slice(0, parsed.errorMessage.indexOf(' ---> ')).trim();
    return inner ? { ...parsed, errorMessage, causes: [inner[0]], root: { type: inner[0], message: inner[1] } } : parsed;
}

;// CONCATENATED MODULE: ./src/core/cluster/cluster-exception.ts



const MAX_FRAMES = 12;
const RESOURCE_EXHAUSTION = /^(OutOfMemoryError|MemoryError|StackOverflowError|RecursionError)$/;
const TITLE_MAX = 160;
const MESSAGE_TOKENS = 40;
const NBSP = '\u00a0';
/** `java.lang.IllegalStateException` → `IllegalStateException`: structured payloads often log the short name. */
function shortTypeName(type) {
    const dot = Math.max(type.lastIndexOf('.'), type.lastIndexOf('::'), type.lastIndexOf('\\'));
    return dot >= 0 ? type.slice(dot + (type[dot] === ':' ? 2 : 1)) : type;
}
function firstLine(text) {
    const nl = text.indexOf('\n');
    return (nl >= 0 ? text.slice(0, nl) : text).trim();
}
/** Removes a leading `Type: ` when it names the exception type (qualified or not). */
function stripTypePrefix(message, type) {
    // Go: `panic: runtime error: …` logged as text, `runtime error` + `…` when structured.
    if (message.startsWith('panic: '))
        message = message.slice(7);
    if (type !== '' && message.startsWith(`${type}: `))
        return message.slice(type.length + 2);
    const split = splitTypePrefix(message);
    if (split && type !== '' && shortTypeName(split[0]) === shortTypeName(type))
        return split[1];
    return message;
}
function describeFrame(f) {
    return f.fn ? `${f.fn} (${f.file})` : f.file;
}
function truncate(text, max) {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
/**
 * Quoted strings, bracketed lists and dict literals as one token each (their spaces made
 * non-breaking), so that a message quoting data keeps its length whatever the data.
 */
function joinQuoted(text) {
    return text.replace(/'[^'\n]{0,200}'|"[^"\n]{0,200}"|\[[^\][\n]{0,300}\]|\{[^{}\n]{0,300}\}/g, (m) => m.replace(/ /g, NBSP));
}
function isQuotedData(token) {
    const core = token.replace(/[,;:.)]+$/, '').replace(/^\(+/, '');
    const open = core[0];
    const close = core[core.length - 1];
    return (core.length >= 2 &&
        ((open === "'" && close === "'") ||
            (open === '"' && close === '"') ||
            (open === '[' && close === ']') ||
            (open === '{' && close === '}')));
}
/** The exception a record reports: the trace's own (its root cause when chained), else the record's. */
function chooseException(record, parsed) {
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
    if (outer)
        return outer;
    let message = firstLine(record.message);
    // A message that is just the traceback's header carries no information; use the trace's line.
    if ((message === '' || message.startsWith('Traceback (most recent call last)')) && parsed) {
        message = parsed.errorMessage;
    }
    let type = record.errorType.trim();
    if (type === '') {
        const split = splitTypePrefix(message);
        if (split)
            type = split[0];
    }
    return { type, message };
}
/**
 * The frames that raised the reported exception, innermost first: the root cause's own when the
 * trace is chained and they include application code, else the whole trace's.
 */
function raisingFrames(parsed) {
    if (!parsed)
        return [];
    const innermostFirst = (frames) => (parsed.language === 'python' ? frames.slice().reverse() : frames);
    const root = parsed.rootFrames ?? [];
    return innermostFirst(root.some((f) => f.inApp) ? root : parsed.frames);
}
function inAppFrames(parsed) {
    const ordered = raisingFrames(parsed);
    // Only application code says where a problem is; an all-library trace names no location.
    const chosen = ordered.filter((f) => f.inApp);
    const described = [];
    for (const f of chosen) {
        const d = describeFrame(f);
        if (described[described.length - 1] !== d)
            described.push(d);
        if (described.length === MAX_FRAMES)
            break;
    }
    return described;
}
function deriveExceptionKey(record) {
    const parsed = record.stack ? parseStackTrace(record.stack) : null;
    const chosen = chooseException(record, parsed);
    const type = chosen.type;
    const body = joinQuoted(stripTypePrefix(chosen.message, type));
    const described = inAppFrames(parsed);
    const inApp = parsed?.frames.some((f) => f.inApp) ?? false;
    const rawTokens = [];
    // With an in-app frame to tell problems apart, quoted data varies with the data, not the bug.
    const maskedTokens = tokenizeMasked(body, MESSAGE_TOKENS, rawTokens).map((t) => inApp && isQuotedData(t) ? VARIABLE : t);
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
    const context = logged && !logged.includes(chosen.message) && parsed?.errorType ? ` (logged as "${truncate(logged, 120)}")` : '';
    const grouping = `exception: type ${shortType}, message template "${truncate(maskText(body, MESSAGE_TOKENS), 200)}"` +
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
function firstFrameFile(parsed) {
    const ordered = raisingFrames(parsed);
    const f = ordered.find((x) => x.inApp);
    return f ? f.file.replace(/^\/+/, '') : '';
}
/** Turns non-breaking spaces of joined quoted data back into spaces for display. */
function displayText(text) {
    return text.replace(/\u00a0/g, ' ');
}

;// CONCATENATED MODULE: ./src/core/cluster/miner/title-values.ts
/**
 * Titles without `<*>`: a masked position whose original text is the same in every member is
 * shown as it is (`Container called exit(3).`); one that varies becomes a short named
 * placeholder (`{n}`, `{id}`, `{path}`, `{duration}`, …). Values are tracked per distinct
 * masked form while records stream, so memory grows with forms, never with records.
 */

const title_values_TITLE_MAX = 160;
function startValues(masked, raws) {
    return { masked, values: raws.slice(), first: raws };
}
/** Records one more member of the form; positions where it differs stop being constant. */
function observeValues(form, raws) {
    const { values } = form;
    const n = Math.min(values.length, raws.length);
    for (let i = 0; i < n; i++)
        if (values[i] !== null && values[i] !== raws[i])
            values[i] = null;
}
/** Positions whose value holds a long number stop being constant (another member had another). */
function forgetLongNumbers(form) {
    const { values } = form;
    for (let i = 0; i < values.length; i++)
        if (values[i] !== null && /\d{4,}/.test(values[i]))
            values[i] = null;
}
/** A short name for a varying value, from one example of it. */
function placeholderFor(raw) {
    const core = raw.replace(/^[("'`[{<]+|[)"'`\]}>,;:.!?]+$/g, '');
    // Quoted or bracketed data (its spaces joined): the data itself, quotes and all.
    if (core.includes('\u00a0'))
        return '{value}';
    const eq = core.indexOf('=');
    if (eq > 0 && /^[A-Za-z_][\w.-]*$/.test(core.slice(0, eq))) {
        const lead = /^[("'`[{<]+/.exec(raw)?.[0] ?? '';
        return `${lead}${core.slice(0, eq + 1)}{value}`;
    }
    let name = 'value';
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(core))
        name = 'url';
    else if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(core))
        name = 'email';
    else if (/^\/[^/]/.test(core) || /^[A-Za-z]:\\/.test(core))
        name = 'path';
    else if (/^\d{1,3}(\.\d{1,3}){3}(:\d+)?$/.test(core) || /^[0-9a-f:]+:[0-9a-f:]+$/i.test(core))
        name = 'ip';
    else if (/^\d{4}-\d\d-\d\d|^\d\d:\d\d(:\d\d)?/.test(core))
        name = 'time';
    else if (/^-?\d+(\.\d+)?\s?(ns|us|µs|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|days?)$/i.test(core))
        name = 'duration';
    else if (/^-?\d+(\.\d+)?\s?(b|kb|mb|gb|tb|kib|mib|gib|tib|bytes?|%)$/i.test(core))
        name = 'size';
    else if (/^[-+]?\d+(\.\d+)?$/.test(core) || /^[-+]?\d[\d,]*$/.test(core))
        name = 'n';
    else if (/\d/.test(core) || core.length >= 12)
        name = 'id';
    const open = /^[("'`[{<]+/.exec(raw)?.[0] ?? '';
    let close = /[)"'`\]}>,;:.!?]+$/.exec(raw)?.[0] ?? '';
    // `name(uid)`: a closer whose opener is inside the value is part of the value.
    const inner = raw.slice(open.length, raw.length - close.length);
    for (const [o, c] of ['()', '[]', '{}'])
        if (inner.includes(o))
            close = close.replace(c, '');
    return `${open}{${name}}${close}`;
}
/**
 * Renders a template (masked tokens) from the forms of its members. Positions without a
 * variable are shown as they are; a variable position shows the common original when every
 * member form agrees on it, else a placeholder. Forms of another length (a merged template)
 * only contribute placeholders.
 */
function renderTemplateTitle(template, forms) {
    const aligned = forms.filter((f) => f.masked.length === template.length);
    const words = [];
    for (let p = 0; p < template.length; p++) {
        const token = template[p];
        if (token.indexOf(VARIABLE) < 0) {
            words.push(token);
            continue;
        }
        const common = commonValue(aligned, p);
        const word = common ?? placeholderFor(aligned[0]?.first[p] ?? token.replace(VARIABLE, 'x'));
        // Runs of the same placeholder (`{id} {id}`) say nothing more than one.
        if (common !== null || words[words.length - 1] !== word)
            words.push(word);
    }
    return cutAtWord(words.join(' '), title_values_TITLE_MAX);
}
function commonValue(forms, position) {
    if (forms.length === 0)
        return null;
    const value = forms[0].values[position] ?? null;
    if (value === null)
        return null;
    for (const f of forms)
        if (f.values[position] !== value || f.masked[position].indexOf(VARIABLE) < 0)
            return null;
    return value;
}
/** Cuts at the last word boundary that fits, with `…`. */
function cutAtWord(text, max) {
    if (text.length <= max)
        return text;
    const cut = text.slice(0, max - 1);
    const space = cut.lastIndexOf(' ');
    return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

;// CONCATENATED MODULE: ./src/core/cluster/fingerprint.ts
/**
 * Versioned, window-independent fingerprints (DESIGN §4). The hash is FNV-1a 64 over the
 * canonical key of a cluster (never over ids, counts or first-seen order), computed with two
 * 32-bit halves so it needs no BigInt and no Node API.
 */
/** Bump when the grouping algorithm changes what a fingerprint means. */
const FINGERPRINT_VERSION = 'v2';
/** FNV-1a 64-bit over the UTF-16 code units of `text`, as 16 hex digits. */
function hashFnv1a64(text) {
    // offset basis 0xcbf29ce484222325, prime 0x100000001b3 (= 2^40 + 0x1b3)
    let hi = 0xcbf29ce4;
    let lo = 0x84222325;
    for (let i = 0; i < text.length; i++) {
        lo = (lo ^ text.charCodeAt(i)) >>> 0;
        // (hi,lo) * 0x1b3 + (lo << 40)
        const loMul = lo * 0x1b3;
        const carry = Math.floor(loMul / 0x100000000);
        const newLo = loMul >>> 0;
        const newHi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) >>> 0;
        hi = newHi;
        lo = newLo;
    }
    return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
function makeFingerprint(kind, canonicalKey) {
    return `${FINGERPRINT_VERSION}:${kind}:${hashFnv1a64(canonicalKey)}`;
}

// EXTERNAL MODULE: ./src/core/model/sampled-hash.ts
var sampled_hash = __webpack_require__(75076);
// EXTERNAL MODULE: ./src/core/normalize/normalize-proto.ts
var normalize_proto = __webpack_require__(98695);
// EXTERNAL MODULE: ./src/core/normalize/route-template.ts
var route_template = __webpack_require__(46417);
;// CONCATENATED MODULE: ./src/core/cluster/miner/miner-merge.ts
/**
 * Post-pass over mined groups (after miner-grouping.ts), in two order-independent steps:
 * 1. runs of variables collapse to one `<*>`, and groups whose collapsed templates are equal
 *    merge — `0 bytes sent` and `1190 bytes (1.16 KB) sent` are one event;
 * 2. a template that is an instance of a more general one (the general one's `<*>` covers its
 *    extra words) merges into the most specific such template — `for ns.example.com [<*>]`
 *    joins `for <*> [<*>]` when another window's hosts happened to contain digits.
 */

function collapseVariables(tokens) {
    const out = [];
    for (const t of tokens)
        if (!(t === VARIABLE && out[out.length - 1] === VARIABLE))
            out.push(t);
    return out;
}
function constantCount(tokens) {
    let n = 0;
    for (const t of tokens)
        if (t !== VARIABLE)
            n++;
    return n;
}
/**
 * True when `general`'s constants equal `specific`'s tokens in order and each `<*>` covers one
 * or more tokens of which at most one is a constant word: `for <*> failed` covers
 * `for ns.example.com <*> failed`, but `for <*> from` does not cover `for invalid user <*> from`.
 */
function coversTemplate(general, specific) {
    const g = general.length;
    const s = specific.length;
    // reach[j]: general[0..i) matches specific[0..j)
    let reach = new Array(s + 1).fill(false);
    reach[0] = true;
    for (let i = 0; i < g; i++) {
        const next = new Array(s + 1).fill(false);
        const token = general[i];
        for (let j = 0; j < s; j++) {
            if (!reach[j])
                continue;
            if (token !== VARIABLE) {
                if (specific[j] === token)
                    next[j + 1] = true;
                continue;
            }
            let constants = 0;
            for (let k = j; k < s; k++) {
                if (specific[k] !== VARIABLE && ++constants > 1)
                    break;
                next[k + 1] = true;
            }
        }
        reach = next;
    }
    return reach[s];
}
/** A general template must keep enough constant words to be a real event, not a catch-all. */
function canGeneralise(tokens) {
    const constants = constantCount(tokens);
    return constants >= 2 && constants * 2 >= tokens.length;
}
function mergeGroups(groups) {
    // Step 1: equal collapsed templates.
    const byTemplate = new Map();
    for (const g of groups) {
        const tokens = collapseVariables(g.tokens);
        const key = tokens.join(' ');
        const existing = byTemplate.get(key);
        if (existing)
            existing.members.push(...g.members);
        else
            byTemplate.set(key, { tokens, members: g.members.slice() });
    }
    // Step 2: instances of more general templates. Candidates are indexed by their first constant.
    const templates = [...byTemplate.entries()];
    const byFirstConstant = new Map();
    templates.forEach(([, g], index) => {
        if (!canGeneralise(g.tokens))
            return;
        const first = g.tokens.find((t) => t !== VARIABLE);
        const list = byFirstConstant.get(first);
        if (list)
            list.push(index);
        else
            byFirstConstant.set(first, [index]);
    });
    const parent = templates.map((_, i) => i);
    templates.forEach(([, g], index) => {
        let best = -1;
        let bestConstants = -1;
        const seen = new Set();
        for (const t of g.tokens) {
            if (t === VARIABLE || seen.has(t))
                continue;
            seen.add(t);
            for (const candidate of byFirstConstant.get(t) ?? []) {
                if (candidate === index)
                    continue;
                const [candidateKey, cg] = templates[candidate];
                if (cg.tokens.length > g.tokens.length)
                    continue;
                if (!coversTemplate(cg.tokens, g.tokens))
                    continue;
                const constants = constantCount(cg.tokens);
                if (constants > bestConstants || (constants === bestConstants && candidateKey < templates[best][0])) {
                    best = candidate;
                    bestConstants = constants;
                }
            }
        }
        if (best >= 0)
            parent[index] = best;
    });
    const root = (i) => {
        while (parent[i] !== i)
            i = parent[i];
        return i;
    };
    const merged = new Map();
    templates.forEach(([, g], index) => {
        const r = root(index);
        const target = merged.get(r);
        if (target)
            target.members.push(...g.members);
        else
            merged.set(r, { tokens: templates[r][1].tokens, members: g.members.slice() });
    });
    return [...merged.values()];
}

;// CONCATENATED MODULE: ./src/core/cluster/miner/miner-grouping.ts
/**
 * Groups distinct masked token sequences into templates after the streaming pass, in the
 * manner of Brain (Yu et al., 2023): within rows of equal length, the tokens of one event share
 * one frequency (every line of the event has them), so each row's most common token frequency
 * picks out its constant part; tokens more frequent than that are constants shared with other
 * events; less frequent positions are variables unless they hold only a few distinct words, in
 * which case they distinguish events and split the group. Everything is computed from the whole
 * set of rows, so the result does not depend on the order the rows arrived in.
 */


const DEFAULT_TUNING = { maxSplitValues: 6 };
function mergeTokens(rows, members) {
    const out = rows[members[0]].slice();
    for (const m of members) {
        const r = rows[m];
        for (let p = 0; p < out.length; p++)
            if (out[p] !== r[p])
                out[p] = VARIABLE;
    }
    return out;
}
function groupBy(items, keyOf) {
    const out = new Map();
    for (const item of items) {
        const k = keyOf(item);
        const list = out.get(k);
        if (list)
            list.push(item);
        else
            out.set(k, [item]);
    }
    return out;
}
/** Splits one partition of equal-length rows into event groups. */
function groupPartition(rows, counts, members, tuning) {
    const width = rows[members[0]].length;
    const freq = [];
    for (let p = 0; p < width; p++)
        freq.push(new Map());
    for (const m of members) {
        const r = rows[m];
        for (let p = 0; p < width; p++) {
            const t = r[p];
            if (t !== VARIABLE)
                freq[p].set(t, (freq[p].get(t) ?? 0) + counts[m]);
        }
    }
    // Constant part of each row: positions whose frequency is at least the row's modal frequency.
    const patternOf = new Map();
    for (const m of members) {
        const r = rows[m];
        const tally = new Map();
        for (let p = 0; p < width; p++) {
            if (r[p] === VARIABLE)
                continue;
            const f = freq[p].get(r[p]);
            tally.set(f, (tally.get(f) ?? 0) + 1);
        }
        let modal = Infinity;
        let best = 0;
        for (const [f, n] of tally)
            if (n > best || (n === best && f > modal))
                [modal, best] = [f, n];
        patternOf.set(m, r.map((t, p) => t !== VARIABLE && freq[p].get(t) >= modal));
    }
    const keyOf = (m) => rows[m].map((t, p) => (patternOf.get(m)[p] ? t : '\u0000')).join('\u0001');
    const out = [];
    for (const group of groupBy(members, keyOf).values()) {
        // Low-frequency positions with few distinct words name different events: split by them.
        const pattern = patternOf.get(group[0]);
        const splitPositions = [];
        for (let p = 0; p < width; p++) {
            if (pattern[p])
                continue;
            const values = new Set();
            for (const m of group)
                values.add(rows[m][p]);
            if (values.size > 1 && values.size <= tuning.maxSplitValues && !values.has(VARIABLE))
                splitPositions.push(p);
        }
        if (splitPositions.length === 0)
            out.push(group);
        else
            for (const sub of groupBy(group, (m) => splitPositions.map((p) => rows[m][p]).join('\u0001')).values())
                out.push(sub);
    }
    return out;
}
function groupTemplates(rows, counts, tuning = DEFAULT_TUNING) {
    const all = rows.map((_, i) => i);
    const groups = [];
    for (const members of groupBy(all, (i) => String(rows[i].length)).values()) {
        for (const g of groupPartition(rows, counts, members, tuning))
            groups.push({ tokens: mergeTokens(rows, g), members: g });
    }
    return mergeGroups(groups);
}

;// CONCATENATED MODULE: ./src/core/cluster/miner/template-miner.ts
/**
 * Message template miner. Streaming: each message is tokenised and masked (mask.ts) and its
 * masked form gets a provisional id — memory grows with distinct masked forms, never with
 * messages. finish() then groups the masked forms (miner-grouping.ts), which sees them all
 * at once, so the result does not depend on the order they arrived in.
 */



/** Messages up to this length are remembered verbatim to skip masking on repeats. */
const CACHE_MAX_LENGTH = 512;
const CACHE_MAX_ENTRIES = 65536;
class TemplateMiner {
    idsByMasked = new Map();
    tokens = [];
    forms = [];
    counts = [];
    cache = new Map();
    /** Returns the provisional id of the message's masked form. */
    add(message) {
        const short = message.length <= CACHE_MAX_LENGTH;
        if (short) {
            const hit = this.cache.get(message);
            if (hit !== undefined) {
                this.counts[hit]++;
                return hit;
            }
        }
        const raws = [];
        const tokens = tokenizeMasked(message, undefined, raws);
        const masked = tokens.join(' ');
        let id = this.idsByMasked.get(masked);
        if (id === undefined) {
            id = this.tokens.length;
            this.idsByMasked.set(masked, id);
            this.tokens.push(tokens);
            this.forms.push(startValues(tokens, raws));
            this.counts.push(0);
        }
        else {
            observeValues(this.forms[id], raws);
        }
        this.counts[id]++;
        if (short) {
            // A bounded cache: when full it starts over rather than tracking recency per hit.
            if (this.cache.size >= CACHE_MAX_ENTRIES)
                this.cache = new Map();
            this.cache.set(message, id);
        }
        return id;
    }
    get size() {
        return this.tokens.length;
    }
    /** Resolves every provisional id to its group's template and canonical form. */
    finish() {
        const groups = groupTemplates(this.tokens, this.counts);
        const out = new Array(this.tokens.length);
        for (const g of groups) {
            const template = g.tokens.join(' ');
            const title = renderTemplateTitle(g.tokens, g.members.map((m) => this.forms[m]));
            const resolved = { template, canonical: template, title };
            for (const member of g.members)
                out[member] = resolved;
        }
        return out;
    }
}

;// CONCATENATED MODULE: ./src/core/cluster/cluster.ts








const KIND_SHORT = { exception: 'exc', request: 'req', message: 'msg' };
const KIND_RANK = { exception: 3, request: 2, message: 1 };
/** Distinct exception shapes remembered (a power of two); each holds at most 16 K characters of text. */
const EXCEPTION_SHAPE_SLOTS = 1024;
const RULE_TEXT_MAX = 65536;
/** Reason phrases for the server errors a title names. */
const STATUS_TEXT = {
    500: 'Internal Server Error',
    501: 'Not Implemented',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
};
function compileRules(rules) {
    return (rules ?? []).map((rule, index) => ({ index, pattern: new RegExp(rule.match), rule }));
}
/** `auth-database-unreachable` → `Auth database unreachable`: a merge rule's title when it gives none. */
function humanize(name) {
    const words = name.replace(/[-_.]+/g, ' ').trim();
    return words.charAt(0).toUpperCase() + words.slice(1);
}
function slug(text) {
    const s = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
    return s.slice(0, 64) || hashFnv1a64(text);
}
function splitValue(record, field) {
    if (field === 'status')
        return String(record.http?.status ?? '');
    return String(record[field] ?? '');
}
function classifyRecord(record) {
    if (record.stack !== '' || record.errorType !== '')
        return 'exception';
    if (record.http)
        return 'request';
    return 'message';
}
function createClusterer(options = {}) {
    return new RecordClusterer(compileRules(options.grouping));
}
class RecordClusterer {
    rules;
    miner = new TemplateMiner();
    state = {
        fixed: new Map(),
        keyByCanonical: new Map(),
        mergeKinds: new Map(),
        splits: new Map(),
        direct: new Set(),
        exceptionTitles: new Map(),
        exceptionShapes: new Array(EXCEPTION_SHAPE_SLOTS).fill(undefined),
        errorGroups: new Map(),
    };
    constructor(rules) {
        this.rules = rules;
    }
    /** The provisional key of a record's cluster; `finish()` resolves keys to identities. */
    add(record) {
        const kind = classifyRecord(record);
        const rule = this.matchingRule(record);
        const { mergeKinds, splits, direct } = this.state;
        if (rule?.rule.fingerprint !== undefined) {
            const seen = mergeKinds.get(rule.index);
            if (seen === undefined || KIND_RANK[kind] > KIND_RANK[seen])
                mergeKinds.set(rule.index, kind);
            return `u${rule.index}`;
        }
        const base = this.baseKey(record, kind);
        if (record.errorGroup && !this.state.errorGroups.has(base))
            this.state.errorGroups.set(base, record.errorGroup);
        if (rule?.rule.splitBy) {
            const value = splitValue(record, rule.rule.splitBy);
            const key = `${base}|${rule.index}|${value}`;
            if (!splits.has(key))
                splits.set(key, { base, rule, value });
            return key;
        }
        if (this.rules.length > 0)
            direct.add(base);
        return base;
    }
    finish() {
        const out = new Map(this.state.fixed);
        for (const [key, t] of this.state.exceptionTitles) {
            const message = displayText(renderTemplateTitle(t.form.masked, [t.form]));
            const title = `${cutAtWord(`${t.head}${message}`, title_values_TITLE_MAX - t.tail.length)}${t.tail}`;
            out.set(key, { ...out.get(key), title });
        }
        this.miner.finish().forEach((mined, id) => out.set(`m${id}`, messageIdentity(mined)));
        for (const [key, group] of this.state.errorGroups)
            out.set(key, errorGroupIdentity(out.get(key), group));
        for (const [index, kind] of this.state.mergeKinds)
            out.set(`u${index}`, mergeIdentity(this.rules[index], kind));
        for (const [key, split] of this.state.splits)
            out.set(key, splitIdentity(out.get(split.base), split));
        // A split's base key that no record got directly must not show up as an empty cluster.
        for (const split of this.state.splits.values())
            if (!this.state.direct.has(split.base))
                out.delete(split.base);
        return out;
    }
    internFixed(kind, canonical, build) {
        const { keyByCanonical, fixed } = this.state;
        const full = `${kind}\n${canonical}`;
        let key = keyByCanonical.get(full);
        if (key === undefined) {
            key = `${kind[0]}${keyByCanonical.size}`;
            keyByCanonical.set(full, key);
            fixed.set(key, { fingerprint: makeFingerprint(KIND_SHORT[kind], canonical), kind, ...build() });
        }
        return key;
    }
    /**
     * A cache in front of the exception strategy, which parses the trace, keyed by the text's shape
     * (every run of 4+ digits as `#`: message ids, request numbers), since a flood repeats one trace
     * with other ids. Neither the key (numbers are variables, codes of up to 3 digits are kept) nor
     * the frames depend on long numbers, so the shape decides the key.
     */
    exceptionKey(record) {
        if (record.stack.length + record.message.length >= 16384)
            return this.deriveException(record);
        const errorType = record.errorType;
        const message = withoutLongNumbers(record.message);
        const stack = withoutLongNumbers(record.stack);
        const shapes = this.state.exceptionShapes;
        // Texts of one trace differ in a value, mostly at the end of the message and of the stack.
        const stackHash = (0,sampled_hash/* sampledHash */.b)(stack, 16, 0, 16);
        const slot = (0,sampled_hash/* sampledHash */.b)(message, 16, stackHash ^ errorType.length, 16) & (shapes.length - 1);
        const known = shapes[slot];
        // Without long numbers the shape is the stack itself: its hash is the signature's.
        const stackSample = stack === record.stack ? stackHash : (0,sampled_hash/* sampledHash */.b)(record.stack, 16, 0, 16);
        if (known === undefined || known.stack !== stack || known.message !== message || known.errorType !== errorType) {
            const key = this.deriveException(record);
            shapes[slot] = { errorType, message, stack, key, firstMessage: record.message, stackSample };
            return key;
        }
        // Another text of the same shape: its long numbers differ, so the title names them.
        if (known.firstMessage !== record.message || known.stackSample !== stackSample)
            forgetLongNumbers(this.state.exceptionTitles.get(known.key).form);
        return known.key;
    }
    deriveException(record) {
        const ex = deriveExceptionKey(record);
        const key = this.internFixed('exception', ex.canonical, () => ({
            template: ex.message,
            title: ex.title,
            grouping: ex.grouping,
            errorType: ex.errorType,
            frames: ex.frames,
        }));
        const titled = this.state.exceptionTitles.get(key);
        if (titled)
            observeValues(titled.form, ex.rawTokens);
        else
            this.state.exceptionTitles.set(key, {
                form: startValues(ex.maskedTokens, ex.rawTokens),
                head: ex.titleHead,
                tail: ex.titleTail,
            });
        return key;
    }
    /**
     * Server errors (5xx, no response) group by service and exact status, every route together:
     * an outage answers 502 on every route, and that is one problem for whoever is on call, not
     * one issue per route (the routes are listed in the cluster). Client errors and the rest stay
     * per method and route: a broken link or a health-check 404 is about that route.
     */
    requestKey(record) {
        const http = record.http;
        const status = (0,route_template/* statusKey */.cy)(http.status);
        if (http.status >= 500 || http.status <= 0) {
            const text = http.status <= 0
                ? 'no response'
                : `HTTP ${http.status}${STATUS_TEXT[http.status] ? ` ${STATUS_TEXT[http.status]}` : ''}`;
            return this.internFixed('request', `${record.service}\n*\n*\n${status}`, () => ({
                template: text,
                title: `${text} on requests`,
                grouping: `request: service "${record.service}", status ${status}, all routes together (server errors; the routes are listed)`,
                status: http.status > 0 ? http.status : undefined,
            }));
        }
        // isScannerProbe reads only the statuses a probe gets (4xx).
        if ((0,route_template/* isScannerProbe */.bJ)(http)) {
            return this.internFixed('request', `${record.service}\nscanner\n*\n${http.status}`, () => ({
                template: `scanner probes → ${http.status}`,
                title: `Scanner probes → ${http.status}`,
                grouping: `request: service "${record.service}", status ${http.status}, scanner probes of well-known files, all paths together (the paths are listed)`,
                status: http.status,
            }));
        }
        const method = (http.method || 'GET').toUpperCase();
        const route = (0,route_template/* templateRoute */.uw)(http.path || http.url || '/');
        const canonical = `${record.service}\n${method}\n${route}\n${status}`;
        return this.internFixed('request', canonical, () => ({
            template: `${method} ${route}`,
            // The service is not in the title: the issue title and every table name it already.
            title: `${method} ${route} → ${status === 'no-response' ? 'no response' : status}`,
            grouping: `request: service "${record.service}", method ${method}, route template ${route}, status ${status} (4xx exact, others by class)`,
            route,
            method,
            status: http.status >= 400 ? http.status : undefined,
        }));
    }
    baseKey(record, kind) {
        if (kind === 'exception')
            return this.exceptionKey(record);
        if (kind === 'request')
            return this.requestKey(record);
        // An audited call is one problem per API, method and status code: its method name, with
        // version segments like `v1`, is the problem's name, never a variable.
        if (record.audit) {
            const audit = (0,normalize_proto/* describeAudit */.N1)(record.audit);
            return this.internFixed('message', audit.canonical, () => ({
                template: audit.title,
                title: cutAtWord(audit.title, title_values_TITLE_MAX),
                grouping: audit.grouping,
            }));
        }
        return `m${this.miner.add(record.message)}`;
    }
    matchingRule(record) {
        if (this.rules.length === 0)
            return undefined;
        const text = record.stack ? `${record.message}\n${record.stack}` : record.message;
        const bounded = text.length > RULE_TEXT_MAX ? text.slice(0, RULE_TEXT_MAX) : text;
        return this.rules.find((r) => r.pattern.test(bounded));
    }
}
const LONG_NUMBER = /\d{4,}/g;
function withoutLongNumbers(text) {
    return text.replace(LONG_NUMBER, '#');
}
function messageIdentity(mined) {
    return {
        fingerprint: makeFingerprint('msg', mined.canonical),
        kind: 'message',
        template: mined.template,
        title: mined.title || '(empty message)',
        grouping: `message: masked template "${mined.template.slice(0, 300)}" (numbers, ids, hex, IPs, key=value values masked; variable positions found across all entries)`,
    };
}
/**
 * Error Reporting groups entries across renderings and deploys; entries sharing its group id are
 * one problem, so the id replaces the key in the fingerprint (groups with one fingerprint are
 * merged by the aggregator). Cloud Logging attaches the id to every entry Error Reporting
 * grouped, so a problem that has it in one window has it in every window.
 */
function errorGroupIdentity(base, group) {
    return {
        ...base,
        fingerprint: makeFingerprint(KIND_SHORT[base.kind], `error-group\n${group}`),
        grouping: `${base.grouping}; Error Reporting group ${group}`,
    };
}
function mergeIdentity({ index, rule }, kind) {
    const name = rule.fingerprint;
    return {
        fingerprint: `${FINGERPRINT_VERSION}:usr:${slug(name)}`,
        kind,
        template: `/${rule.match}/`,
        title: rule.title || humanize(name),
        grouping: `grouping rule #${index + 1}: every entry matching /${rule.match}/ is merged under fingerprint "${name}"`,
    };
}
function splitIdentity(base, split) {
    const field = split.rule.rule.splitBy;
    return {
        ...base,
        fingerprint: makeFingerprint(KIND_SHORT[base.kind], `${base.fingerprint}\n${field}=${split.value}`),
        title: `${base.title} [${field}: ${split.value || 'none'}]`,
        grouping: `${base.grouping}; split by ${field} = "${split.value}" (grouping rule #${split.rule.index + 1})`,
    };
}


/***/ }),

/***/ 60774:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B4: () => (/* binding */ formatCount),
/* harmony export */   Cf: () => (/* binding */ actionVerb),
/* harmony export */   EI: () => (/* binding */ formatNames),
/* harmony export */   Fs: () => (/* binding */ formatIssueCell),
/* harmony export */   I5: () => (/* binding */ formatBucketStart),
/* harmony export */   L6: () => (/* binding */ formatClusterCount),
/* harmony export */   Lu: () => (/* binding */ formatRange),
/* harmony export */   T1: () => (/* binding */ formatShare),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   dv: () => (/* binding */ formatIso),
/* harmony export */   ei: () => (/* binding */ formatClock),
/* harmony export */   f0: () => (/* binding */ problemClusters),
/* harmony export */   jp: () => (/* binding */ formatSeen),
/* harmony export */   lH: () => (/* binding */ chooseBucketMinutes),
/* harmony export */   lc: () => (/* binding */ formatSeverityCounts),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   r2: () => (/* binding */ bucketCounts),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   vN: () => (/* binding */ countByPriority)
/* harmony export */ });
/* unused harmony exports safeUrl, actionFor */
/* harmony import */ var _model_log_record_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87849);
/* harmony import */ var _safe_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(47868);


/**
 * 14203 → `14,203`: rounded to a whole number, half away from zero, grouped by threes, as
 * `Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })` formats it. Written out because
 * creating that formatter loads ICU's number data: ~20 ms of every run's start-up in the worker.
 */
function formatCount(n) {
    if (Number.isNaN(n))
        return 'NaN';
    const sign = n < 0 || Object.is(n, -0) ? '-' : '';
    const whole = Math.round(Math.abs(n));
    if (whole === Infinity)
        return `${sign}∞`;
    if (whole >= 1e21)
        return n.toLocaleString('en-US', { maximumFractionDigits: 0 });
    const digits = String(whole);
    let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
    for (let i = out.length; i < digits.length; i += 3)
        out += `,${digits.slice(i, i + 3)}`;
    return `${sign}${out}`;
}
/** A cluster count, `≈` in front when scaled up from a sample. */
function formatClusterCount(cluster) {
    return `${cluster.estimated ? '≈' : ''}${formatCount(cluster.count)}`;
}
/**
 * 0.1234 → `12.3%`. A tiny non-zero share (under 0.1%) stays visible: as `<0.1%` by default, or
 * to two decimals (`0.05%`) with `tiny: 'exact'`.
 */
function formatShare(fraction, options = {}) {
    const tiny = fraction > 0 && fraction < 0.001;
    if (tiny && options.tiny !== 'exact')
        return '<0.1%';
    return `${(fraction * 100).toFixed(tiny ? 2 : 1)}%`;
}
/**
 * `2026-11-30T09:00:00Z`: ISO 8601, UTC. Milliseconds are kept when they are not zero, or never
 * with `milliseconds: 'never'` (to the second: stable, sortable, unambiguous).
 */
function formatIso(ms, options = {}) {
    const iso = new Date(ms).toISOString();
    return iso.endsWith('.000Z') || options.milliseconds === 'never' ? `${iso.slice(0, 19)}Z` : iso;
}
/** `09:00 UTC`, or `09:00:07 UTC` when seconds matter. */
function formatClock(ms, withSeconds = false) {
    const iso = new Date(ms).toISOString();
    return `${iso.slice(11, withSeconds ? 19 : 16)} UTC`;
}
/** `2026-11-30 09:00–10:00 UTC`; both dates when the range crosses midnight. */
function formatRange(start, end) {
    const seconds = new Date(start).getUTCSeconds() !== 0 || new Date(end).getUTCSeconds() !== 0;
    const a = new Date(start).toISOString();
    const b = new Date(end).toISOString();
    const len = seconds ? 19 : 16;
    const sameDay = a.slice(0, 10) === b.slice(0, 10);
    return sameDay
        ? `${a.slice(0, 10)} ${a.slice(11, len)}–${b.slice(11, len)} UTC`
        : `${a.slice(0, 10)} ${a.slice(11, len)} – ${b.slice(0, 10)} ${b.slice(11, len)} UTC`;
}
/** Unit sizes and how inputs write them (`14d`, `1h 30m`). */
const DURATION_UNITS = [
    { size: 86_400_000, symbol: 'd' },
    { size: 3_600_000, symbol: 'h' },
    { size: 60_000, symbol: 'm' },
    { size: 1000, symbol: 's' },
];
/** Whole days, hours, minutes and seconds of a non-negative duration, largest first. */
function durationParts(ms) {
    let rest = Math.max(0, Math.round(ms));
    return DURATION_UNITS.map(({ size }) => {
        const n = Math.floor(rest / size);
        rest -= n * size;
        return n;
    });
}
/**
 * A duration, in one of two styles:
 * - `prose` (default): `45 s`, `1 h 30 min`, `2 d 3 h`: rounded to the minute from a minute up,
 *   the two largest units (minutes dropped once there are days);
 * - `input`: `14d`, `1h 30m`, `1m 30s`: as a duration is written in inputs (reopen-window,
 *   close-after), the two largest non-zero units, cut rather than rounded.
 */
function formatDuration(ms, options = {}) {
    if (options.style === 'input') {
        const parts = durationParts(ms)
            .map((n, i) => (n > 0 ? `${n}${DURATION_UNITS[i].symbol}` : ''))
            .filter(Boolean);
        return parts.slice(0, 2).join(' ') || '0s';
    }
    const totalSeconds = Math.max(0, Math.round(ms / 1000));
    if (totalSeconds < 60)
        return `${totalSeconds} s`;
    const [d, h, m] = durationParts(Math.round(totalSeconds / 60) * 60_000);
    const parts = [d ? `${d} d` : '', h ? `${h} h` : '', m && !d ? `${m} min` : ''].filter(Boolean);
    return parts.join(' ') || '0 min';
}
const MINUTE = 60_000;
/** Bucket widths in minutes a timeline may use, finest first. */
const BUCKET_MINUTES = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];
/** The finest bucket width, in minutes, that covers `spanMs` in at most `maxBuckets` buckets. */
function chooseBucketMinutes(spanMs, maxBuckets) {
    const minutes = Math.max(1, Math.ceil(spanMs / MINUTE));
    return (BUCKET_MINUTES.find((size) => Math.ceil(minutes / size) <= maxBuckets) ?? BUCKET_MINUTES[BUCKET_MINUTES.length - 1]);
}
/**
 * Per-minute counts summed into `points` buckets of `bucketMs` from `start`. A minute outside
 * them is dropped, or with `outside: 'clamp'` counted in the first or last bucket.
 */
function bucketCounts(perMinute, buckets) {
    const { start, bucketMs, points } = buckets;
    const counts = new Array(Math.max(0, points)).fill(0);
    for (const [minute, n] of perMinute) {
        const index = Math.floor((minute - start) / bucketMs);
        if (buckets.outside === 'clamp')
            counts[Math.min(points - 1, Math.max(0, index))] += n;
        else if (index >= 0 && index < points)
            counts[index] += n;
    }
    return counts;
}
/** A bucket's start on a timeline axis: `09:15`, or `11-30 09:15` when the axis spans days. */
function formatBucketStart(ms, withDate) {
    const iso = new Date(ms).toISOString();
    return withDate ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}
/** First/last seen within the window: clock times when the window is one day, else ISO. */
function formatSeen(ms, window) {
    const sameDay = formatIso(window.start).slice(0, 10) === formatIso(window.end).slice(0, 10);
    return sameDay ? formatClock(ms) : `${formatIso(ms).slice(0, 16).replace('T', ' ')} UTC`;
}
/** `3 ERROR · 1 CRITICAL`, highest severity first; `–` when empty. */
function formatSeverityCounts(counts) {
    const parts = [..._model_log_record_js__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITIES */ .oC]
        .reverse()
        .filter((s) => (counts[s] ?? 0) > 0)
        .map((s) => `${formatCount(counts[s] ?? 0)} ${s}`);
    return parts.length ? parts.join(' · ') : '–';
}
/** A list of log-derived names, inert, with `+N more` past `max`. */
function formatNames(names, max = 5) {
    if (names.length === 0)
        return '–';
    const shown = names.slice(0, max).map((n) => (0,_safe_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .safeText */ .Hk)(n, 80));
    const rest = names.length - shown.length;
    return rest > 0 ? `${shown.join(', ')} +${rest} more` : shown.join(', ');
}
/**
 * Only http(s) URLs, with the characters that end a markdown link destination encoded, so a
 * link we build (issue, Logs Explorer, run) cannot break the line it is in.
 */
function safeUrl(url) {
    if (!/^https?:\/\//i.test(url))
        return '';
    return url.replace(/[\s()<>[\]`"']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
/** `[label](url)`, or the bare label when there is no usable URL. */
function link(label, url) {
    const href = url ? safeUrl(url) : '';
    return href ? `[${label}](${href})` : label;
}
/** A markdown table from a header and rows of already-safe cells. */
function table(header, rows) {
    const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
    for (const row of rows)
        lines.push(`| ${row.join(' | ')} |`);
    return lines.join('\n');
}
/** Clusters that count as problems (ignored noise is listed apart). */
function problemClusters(clusters) {
    return clusters.filter((c) => !c.ignored);
}
/** The plan's action for a cluster (the first one; plan emits at most one per fingerprint). */
function actionFor(actions, fingerprint) {
    return actions.find((a) => a.fingerprint === fingerprint);
}
const PAST = {
    create: 'opened',
    update: 'updated',
    comment: 'commented',
    reopen: 'reopened',
    close: 'closed',
    none: 'unchanged',
    skip: 'skipped',
};
/** The plan's words for people: the same in a dry run and a real one (DESIGN §3). */
const IMPERATIVE = {
    create: 'open',
    update: 'update',
    comment: 'comment',
    reopen: 'reopen',
    close: 'close',
    none: 'none',
    skip: 'skip',
};
const FUTURE = {
    create: 'would open',
    update: 'would update',
    comment: 'would comment',
    reopen: 'would reopen',
    close: 'would close',
    none: 'unchanged',
    skip: 'skipped',
};
/** The issue cell of a problem row: link plus what happened to it in this run. */
function formatIssueCell(cluster, result) {
    const action = actionFor(result.actions, cluster.fingerprint);
    const known = result.issueLinks[cluster.fingerprint];
    const number = known?.number ?? action?.issueNumber;
    const url = known?.url ?? action?.url;
    const ref = number !== undefined ? link(`#${number}`, url) : '';
    if (!action)
        return ref || '–';
    const verb = action.status === 'failed'
        ? `**${IMPERATIVE[action.action]} failed**`
        : (result.dryRun ? FUTURE : PAST)[action.action];
    return ref ? `${ref} (${verb})` : verb;
}
/** `open`, `reopen`, … for the actions table, whose Status column says what came of it. */
function actionVerb(action) {
    return IMPERATIVE[action.action];
}
/** Counts of problems per priority, e.g. `2 P0, 1 P1`. */
function countByPriority(clusters, priorities) {
    return priorities
        .map((p) => [p, clusters.filter((c) => c.priority === p).length])
        .filter(([, n]) => n > 0)
        .map(([p, n]) => `${n} ${p}`)
        .join(', ');
}


/***/ }),

/***/ 47868:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ codeBlock),
/* harmony export */   Hk: () => (/* binding */ safeText),
/* harmony export */   kU: () => (/* binding */ stripControl),
/* harmony export */   m3: () => (/* binding */ breakReferences),
/* harmony export */   ti: () => (/* binding */ inlineCode)
/* harmony export */ });
/* unused harmony exports WORD_JOINER, fixSurrogates, breakHtmlComments, breakCommitShas, escapeHtml, truncate */
/**
 * Makes log-derived text inert in GitHub markdown (DESIGN §7): no live @mentions or #refs,
 * no commit autolinks, no raw HTML, no marker forgery with `<!--`, no fence break-outs, no
 * control characters, bidi overrides or broken surrogates. Every renderer sends log text
 * through here; secrets are redacted before (redact.ts: `redactText` / `redactRecord`).
 *
 * Prose (`safeText`) breaks everything GitHub would link. Code (`codeBlock`, `inlineCode`)
 * stays readable and copyable — GitHub neither notifies nor links inside code — except that
 * `<!--` is broken everywhere, because issue markers are found in the raw body text.
 */
/** WORD JOINER: invisible, not white space, and breaks GitHub's autolinkers. */
const WORD_JOINER = '\u2060';
// ESC [ … final (CSI), ESC ] … BEL or ESC \ (OSC: titles, hyperlinks), ESC + one char, then
// C0/C1 controls other than tab and newline. Classes are disjoint, so this is linear.
const CONTROL = /\u001b\[[0-?]{0,64}[ -/]{0,16}[@-~]?|\u001b\][^\u0007\u001b]{0,4096}(?:\u0007|\u001b\\)?|\u001b[@-_]?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidi embeddings, overrides and isolates ("Trojan Source", CVE-2021-42574). */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HTML_COMMENT_OPEN = /<!--/g;
/** Removes ANSI escapes, control characters (keeps tab and newline) and bidi controls. */
function stripControl(text) {
    return text.replace(CONTROL, '').replace(BIDI, '');
}
/** Replaces unpaired UTF-16 surrogates (from invalid UTF-8 or cut strings) with U+FFFD. */
function fixSurrogates(text) {
    return text.replace(LONE_SURROGATE, '\ufffd');
}
/** `<!--` could hide text or forge the action's hidden issue marker; break it, even in code. */
function breakHtmlComments(text) {
    return text.replace(HTML_COMMENT_OPEN, `<${WORD_JOINER}!--`);
}
/**
 * Breaks @mentions (`@login`, `@org/team`), `#123`, `GH-123` and `owner/repo#1` references
 * so GitHub neither links nor notifies.
 */
function breakReferences(text) {
    return text
        .replace(/@(?=[A-Za-z0-9])/g, `@${WORD_JOINER}`)
        .replace(/#(?=\d)/g, `#${WORD_JOINER}`)
        .replace(/\b(GH)-(?=\d)/gi, `$1-${WORD_JOINER}`);
}
/**
 * GitHub links a 7–40 hex-digit word to a commit of the repository. A word joiner after
 * every sixth digit leaves no hex run GitHub could resolve. Hex words without a letter are
 * numbers, which GitHub does not turn into commit links.
 */
function breakCommitShas(text) {
    return text.replace(/(?<![0-9A-Za-z_])(?=[0-9]*[a-fA-F])[0-9a-fA-F]{7,40}(?![0-9A-Za-z_])/g, (hex) => hex.replace(/[0-9a-fA-F]{6}(?=[0-9a-fA-F])/g, `$&${WORD_JOINER}`));
}
/** Escapes HTML so a log line cannot open a tag, an entity or a comment. */
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** Cuts to at most `maxLength` UTF-16 units with an ellipsis, never inside a surrogate pair. */
function truncate(text, maxLength) {
    if (text.length <= maxLength)
        return text;
    let end = Math.max(0, maxLength - 1);
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff)
        end -= 1;
    return `${text.slice(0, end)}…`;
}
/** Shared first step: well-formed, no controls, no bidi. */
function cleanText(text) {
    return stripControl(fixSurrogates(text));
}
/** Inline text in markdown prose or a table cell: one line, inert. */
function safeText(text, maxLength = 300) {
    const s = truncate(cleanText(text).replace(/\s+/g, ' ').trim(), maxLength);
    // Markdown punctuation is escaped so a log cannot open emphasis, links, tables, task
    // lists or code; a leading block marker (`#`, `>`, `-`, `+`, `=`) could start a heading,
    // quote or list when the value lands at the start of a line.
    const escaped = escapeHtml(s)
        .replace(/([\\`*_[\]|~])/g, '\\$1')
        .replace(/^([#>+=-])/, '\\$1');
    return breakCommitShas(breakReferences(escaped));
}
function capLines(body, maxLineLength) {
    return body
        .split('\n')
        .map((line) => line.length <= maxLineLength
        ? line
        : `${truncate(line, maxLineLength)} [+${line.length - maxLineLength + 1} chars]`)
        .join('\n');
}
function longestBacktickRun(text) {
    let longest = 0;
    let run = 0;
    for (let i = 0; i < text.length; i += 1) {
        run = text.charCodeAt(i) === 96 ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    return longest;
}
/**
 * A fenced code block whose fence is longer than any backtick run inside (a `~~~` line
 * cannot close a backtick fence). The info string is reduced to a plain language name.
 */
function codeBlock(text, language = '', options = {}) {
    const body = breakHtmlComments(capLines(cleanText(text), options.maxLineLength ?? 2000));
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
    const info = language.replace(/[^A-Za-z0-9_+.-]/g, '');
    return `${fence}${info}\n${body}\n${fence}`;
}
/** Inline code that cannot be broken out of. */
function inlineCode(text, maxLength = 200) {
    const s = breakHtmlComments(truncate(cleanText(text).replace(/\s+/g, ' ').trim(), maxLength));
    const ticks = '`'.repeat(longestBacktickRun(s) + 1);
    const pad = s.startsWith('`') || s.endsWith('`') || s === '' ? ' ' : '';
    return `${ticks}${pad}${s}${pad}${ticks}`;
}


/***/ }),

/***/ 87849:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   oC: () => (/* binding */ SEVERITIES),
/* harmony export */   qs: () => (/* binding */ severityRank)
/* harmony export */ });
/* unused harmony export SEVERITY_NUMBER */
/** A Cloud Logging entry after normalisation: the one shape the pure core works on. */
const SEVERITIES = [
    'DEFAULT',
    'DEBUG',
    'INFO',
    'NOTICE',
    'WARNING',
    'ERROR',
    'CRITICAL',
    'ALERT',
    'EMERGENCY',
];
/** Cloud Logging's numeric severities (LogSeverity enum). */
const SEVERITY_NUMBER = {
    DEFAULT: 0,
    DEBUG: 100,
    INFO: 200,
    NOTICE: 300,
    WARNING: 400,
    ERROR: 500,
    CRITICAL: 600,
    ALERT: 700,
    EMERGENCY: 800,
};
function severityRank(severity) {
    return SEVERITY_NUMBER[severity];
}


/***/ }),

/***/ 75076:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ sampledHash)
/* harmony export */ });
/**
 * A hash of a text's length, its last characters and a few characters spread over the rest.
 *
 * For the direct-mapped caches of the hot path (redaction, exception shapes, assembler streams):
 * each entry's texts are fresh strings, and hashing one in full for a Map (or building a joined
 * key first) costs about as much as the work the cache saves. A slot is picked from this hash and
 * a hit is confirmed by comparing the texts themselves, so a collision only costs a miss.
 * The last `tail` characters are all read: where texts differ in one value, it is often at the
 * end (`ValueError: invalid literal for int(): 'N/A'` and `…: '1.5e3'`), between the samples.
 * Without it, the flood hour's exception lines took each other's redaction slots: 78,621 scans
 * for 50,051 distinct texts (bench file of bench/realistic-speed.ts), 50,051 with it.
 */
function sampledHash(text, samples = 8, seed = 0, tail = 8) {
    const length = text.length;
    let h = (seed ^ length) >>> 0;
    const dense = Math.max(0, length - tail);
    for (let i = length - 1; i >= dense; i--)
        h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const step = Math.max(1, Math.floor(dense / samples));
    for (let i = dense - 1; i >= 0; i -= step)
        h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return (h ^ (h >>> 15)) >>> 0;
}


/***/ }),

/***/ 54602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ parseSeverity)
/* harmony export */ });
const SEVERITY_ALIASES = {
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
function parseSeverity(value, fromPayload) {
    if (typeof value === 'string') {
        if (value === '')
            return 'DEFAULT';
        const exact = canonicalSeverity(value);
        if (exact !== undefined)
            return exact;
        const upper = value.toUpperCase();
        const named = canonicalSeverity(upper);
        if (named !== undefined)
            return named;
        const alias = SEVERITY_ALIASES[upper];
        if (alias)
            return alias;
        const number = Number(value);
        return Number.isFinite(number) ? parseSeverity(number, fromPayload) : 'DEFAULT';
    }
    if (typeof value !== 'number' || !Number.isFinite(value))
        return 'DEFAULT';
    if (fromPayload && value > 0 && value < 100)
        return pinoLevel(value);
    if (value >= 800)
        return 'EMERGENCY';
    if (value >= 700)
        return 'ALERT';
    if (value >= 600)
        return 'CRITICAL';
    if (value >= 500)
        return 'ERROR';
    if (value >= 400)
        return 'WARNING';
    if (value >= 300)
        return 'NOTICE';
    if (value >= 200)
        return 'INFO';
    if (value >= 100)
        return 'DEBUG';
    return 'DEFAULT';
}
/**
 * The name as the constant string: every record's severity is then the same (internalized)
 * string, which the per-severity counters downstream look up without hashing a fresh one.
 */
function canonicalSeverity(name) {
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
function pinoLevel(level) {
    if (level >= 60)
        return 'CRITICAL';
    if (level >= 50)
        return 'ERROR';
    if (level >= 40)
        return 'WARNING';
    if (level >= 30)
        return 'INFO';
    return 'DEBUG';
}


/***/ }),

/***/ 768:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ cleanText)
/* harmony export */ });
/**
 * Lone surrogates (from `\ud800` escapes) and invisible format characters, in one cheap test:
 * zero-width space, non-joiner and joiner (U+200B–U+200D), left-to-right and right-to-left marks
 * (U+200E, U+200F), bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069), word joiner and invisible operators (U+2060–U+2064), Mongolian vowel separator
 * (U+180E) and the BOM (U+FEFF). Nothing below U+0100 is in the class: V8 then answers for a
 * one-byte string (almost every log line) without scanning it. So the soft hyphen (U+00AD) stays.
 */
const UNCLEAN = /[\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]/;
const INVISIBLE = /[\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/**
 * Log text made safe to handle: a lone surrogate would make encodeURIComponent throw further on
 * (Logs Explorer links), and invisible characters can hide a token from redaction, split a
 * service name or title into two that look the same, or reorder what GitHub shows. Valid
 * surrogate pairs (emoji) pass the test only to be kept as they are.
 */
function cleanText(text) {
    if (!UNCLEAN.test(text))
        return text;
    return text.replace(INVISIBLE, '').toWellFormed();
}


/***/ }),

/***/ 50313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BM: () => (/* binding */ extractPath),
/* harmony export */   Cb: () => (/* binding */ parseLatency),
/* harmony export */   MW: () => (/* binding */ readHttpRequest),
/* harmony export */   ZN: () => (/* binding */ loadBalancerDetails)
/* harmony export */ });
/* harmony import */ var _clean_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(768);
/** LogEntry.httpRequest → HttpInfo. */

/**
 * Returns undefined when there is no usable request (no method and no URL). `counted`: the
 * request is only counted (normalizeEntry's countedBelow), so latency and user agent are not read.
 */
function readHttpRequest(raw, counted = false) {
    if (raw === null || typeof raw !== 'object')
        return undefined;
    const req = raw;
    const method = typeof req.requestMethod === 'string' ? (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_0__/* .cleanText */ .X)(req.requestMethod) : '';
    const url = typeof req.requestUrl === 'string' ? (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_0__/* .cleanText */ .X)(req.requestUrl) : '';
    if (method === '' && url === '')
        return undefined;
    const info = { method, url, path: extractPath(url), status: readStatus(req.status) };
    if (counted)
        return info;
    const latencyMs = parseLatency(req.latency);
    if (latencyMs !== undefined)
        info.latencyMs = latencyMs;
    if (typeof req.userAgent === 'string')
        info.userAgent = (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_0__/* .cleanText */ .X)(req.userAgent);
    return info;
}
/**
 * What a load balancer's `LoadBalancerLogEntry` payload says about a request, as a suffix for its
 * message: ` denied_by_security_policy (security policy test-armor-policy)`, ` backend_timeout`;
 * '' when it says nothing (or the payload is not an object).
 */
function loadBalancerDetails(payload) {
    if (payload === null || typeof payload !== 'object')
        return '';
    const { statusDetails, enforcedSecurityPolicy } = payload;
    let out = typeof statusDetails === 'string' && statusDetails !== '' ? ` ${(0,_clean_text_js__WEBPACK_IMPORTED_MODULE_0__/* .cleanText */ .X)(statusDetails)}` : '';
    if (enforcedSecurityPolicy !== null && typeof enforcedSecurityPolicy === 'object') {
        const { name, outcome } = enforcedSecurityPolicy;
        if (typeof name === 'string' && name !== '' && outcome !== 'ACCEPT')
            out += ` (security policy ${(0,_clean_text_js__WEBPACK_IMPORTED_MODULE_0__/* .cleanText */ .X)(name)})`;
    }
    return out;
}
function readStatus(value) {
    const status = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : 0;
    return Number.isInteger(status) && status >= 0 && status < 1000 ? status : 0;
}
/**
 * The path of an absolute or relative URL, without query or fragment. Hand-rolled because
 * `new URL` throws on the relative and malformed URLs real logs contain, and allocates more.
 */
function extractPath(url) {
    let start = 0;
    const scheme = url.indexOf('://');
    if (scheme >= 0 && scheme < 10) {
        const slash = url.indexOf('/', scheme + 3);
        if (slash < 0)
            return '/';
        start = slash;
    }
    let end = url.length;
    const query = url.indexOf('?', start);
    if (query >= 0)
        end = query;
    const hash = url.indexOf('#', start);
    if (hash >= 0 && hash < end)
        end = hash;
    const path = url.slice(start, end);
    return path === '' ? '/' : path;
}
/** `"0.123s"` (protobuf Duration as JSON) or `{seconds, nanos}` → milliseconds. */
function parseLatency(value) {
    if (typeof value === 'string') {
        const micros = parseSimpleSeconds(value);
        if (micros !== undefined)
            return micros / 1e3;
        if (!value.endsWith('s'))
            return undefined;
        const seconds = Number(value.slice(0, -1));
        return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1e6) / 1e3 : undefined;
    }
    if (value !== null && typeof value === 'object') {
        const { seconds, nanos } = value;
        const s = Number(seconds ?? 0);
        const n = Number(nanos ?? 0);
        if (Number.isFinite(s) && Number.isFinite(n))
            return Math.round(s * 1e6 + n / 1e3) / 1e3;
    }
    return undefined;
}
/**
 * `"0.020174s"`, the shape Cloud Logging writes, in whole microseconds without Number() on a
 * slice. Only up to 9 integer and 6 fraction digits: then the result is exactly what the
 * general path computes (seconds × 1e6 is within far less than 0.5 of this integer, so
 * Math.round lands on it). Anything else is left to the general path.
 */
function parseSimpleSeconds(text) {
    const length = text.length;
    if (length < 2 || text.charCodeAt(length - 1) !== 115)
        return undefined;
    let whole = 0;
    let i = 0;
    for (; i < length - 1; i++) {
        const code = text.charCodeAt(i);
        if (code < 48 || code > 57)
            break;
        whole = whole * 10 + code - 48;
    }
    if (i === 0 || i > 9)
        return undefined;
    let fraction = 0;
    let digits = 0;
    if (i < length - 1) {
        if (text.charCodeAt(i) !== 46)
            return undefined;
        for (i++; i < length - 1; i++) {
            const code = text.charCodeAt(i);
            if (code < 48 || code > 57 || ++digits > 6)
                return undefined;
            fraction = fraction * 10 + code - 48;
        }
        if (digits === 0)
            return undefined;
    }
    for (; digits < 6; digits++)
        fraction *= 10;
    return whole * 1e6 + fraction;
}


/***/ }),

/***/ 99567:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ readJsonPayload),
/* harmony export */   e: () => (/* binding */ readTextPayload)
/* harmony export */ });
/* harmony import */ var _normalize_trace_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(67144);
/** The three LogEntry payloads (text, JSON, proto) → message, stack and error type. */

const MESSAGE_KEYS = ['message', 'msg', 'textPayload', 'text', 'log', 'event', 'description'];
const STACK_KEYS = ['stack_trace', 'stackTrace', 'stacktrace', 'stack', 'traceback', 'exception'];
const ERROR_KEYS = ['error', 'err', 'exception', 'exc_info'];
const NESTED_KEYS = ['log', 'data', 'fields', 'payload', 'context'];
const ERROR_TYPE_KEYS = ['type', 'name', '@type', 'class', 'kind', 'code'];
const REPORTED_ERROR_EVENT = 'clouderrorreporting.v1beta1.ReportedErrorEvent';
function asDict(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
function firstString(dict, keys) {
    for (const key of keys) {
        const value = dict[key];
        if (typeof value === 'string' && value !== '')
            return value;
    }
    return '';
}
function readTextPayload(text) {
    const { message, stack, context } = (0,_normalize_trace_js__WEBPACK_IMPORTED_MODULE_0__/* .summarizeText */ .bB)(text);
    const info = {
        message: (0,_normalize_trace_js__WEBPACK_IMPORTED_MODULE_0__/* .stripLogPrefix */ .zx)(message),
        stack,
        errorType: '',
        level: '',
        structuredError: false,
    };
    if (context)
        info.context = context;
    return info;
}
function readJsonPayload(payload) {
    let message = firstString(payload, MESSAGE_KEYS);
    if (message === '')
        message = findNestedMessage(payload);
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
            if (errorStack !== '')
                stack ||= errorStack;
            const errorMessage = firstString(error, ['message', 'msg', 'reason', 'detail']);
            // The error's own text is what an on-call engineer acts on; a wrapper like "request failed" is not.
            if (errorMessage !== '')
                message = joinType(errorType, errorMessage);
            else if (errorStack !== '')
                message = (0,_normalize_trace_js__WEBPACK_IMPORTED_MODULE_0__/* .summarizeText */ .bB)(errorStack).message;
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
        const summary = (0,_normalize_trace_js__WEBPACK_IMPORTED_MODULE_0__/* .summarizeText */ .bB)(message);
        if (summary.stack !== '') {
            message = summary.message;
            stack ||= summary.stack;
        }
    }
    if (message === '' && stack !== '')
        message = (0,_normalize_trace_js__WEBPACK_IMPORTED_MODULE_0__/* .summarizeText */ .bB)(stack).message;
    if (message === '')
        message = renderFields(payload);
    const level = readLevel(payload);
    return { message, stack, errorType, level, structuredError };
}
function joinType(errorType, message) {
    if (errorType === '' || errorType.indexOf('/') >= 0 || message.startsWith(errorType))
        return message;
    return `${errorType}: ${message}`;
}
function findNestedMessage(payload) {
    for (const key of NESTED_KEYS) {
        const nested = asDict(payload[key]);
        if (nested) {
            const text = firstString(nested, MESSAGE_KEYS);
            if (text !== '')
                return text;
        }
    }
    return '';
}
function readLevel(payload) {
    for (const key of ['severity', 'level', 'levelname', 'log.level']) {
        const value = payload[key];
        if (typeof value === 'string' || typeof value === 'number')
            return value;
    }
    return '';
}
/** ECS-style dotted keys (`error.type`, `error.message`, `error.stack_trace`) as one error object. */
function flattenedError(payload, key) {
    // The dotted names are built once: a name joined per entry is a fresh string that each
    // property lookup must hash and internalize first (4 keys × every structured entry).
    const names = DOTTED_ERROR_KEYS.get(key);
    const type = payload[names.type];
    const message = payload[names.message];
    if (typeof type !== 'string' && typeof message !== 'string')
        return undefined;
    return { type, message, stack_trace: payload[names.stack] };
}
const DOTTED_ERROR_KEYS = new Map(ERROR_KEYS.map((key) => [key, { type: `${key}.type`, message: `${key}.message`, stack: `${key}.stack_trace` }]));
/**
 * A stack trace under any key, at any level a logger puts one (`e`, `err`, `throwable`,
 * `errorEvent.message`, an Elasticsearch `stacktrace` array…). Bounded: two levels, 64 keys each.
 */
function findStackAnywhere(value, depth) {
    let seen = 0;
    for (const key in value) {
        if (++seen > 64)
            break;
        const v = value[key];
        if (typeof v === 'string') {
            if (v.length > 20 && isStackText(v))
                return v;
        }
        else if (Array.isArray(v)) {
            if (v.length > 1 && v.length <= 500 && typeof v[0] === 'string' && isStackText(v.slice(0, 8).join('\n')))
                return v.filter((line) => typeof line === 'string').join('\n');
        }
        else if (depth < 2 && v !== null && typeof v === 'object') {
            const nested = findStackAnywhere(v, depth + 1);
            if (nested !== '')
                return nested;
        }
    }
    return '';
}
/** A stack trace's shape: Python, Java / .NET / Node frames, a Go panic or goroutine dump. */
function isStackText(text) {
    return (text.indexOf(_normalize_trace_js__WEBPACK_IMPORTED_MODULE_0__/* .PYTHON_HEADER */ .BQ) >= 0 ||
        text.indexOf('\n\tat ') >= 0 ||
        text.indexOf('\n    at ') >= 0 ||
        text.indexOf('\n  at ') >= 0 ||
        /^\s*at [\w$.<>]+\(/.test(text.indexOf('\n') > 0 ? text.slice(text.indexOf('\n') + 1, text.indexOf('\n') + 200) : '') ||
        text.startsWith('panic: ') ||
        text.indexOf('\ngoroutine ') >= 0);
}
/**
 * A payload without any message field: `key=value` of its scalar fields in sorted key order
 * (two entries that differ only in key order are one problem), capped.
 */
function renderFields(payload) {
    let out = '';
    for (const key of Object.keys(payload).sort()) {
        const value = payload[key];
        if (value === null || typeof value === 'object')
            continue;
        out += (out === '' ? '' : ' ') + key + '=' + String(value);
        if (out.length > 300)
            return out.slice(0, 300);
    }
    return out;
}


/***/ }),

/***/ 98695:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N1: () => (/* binding */ describeAudit),
/* harmony export */   xc: () => (/* binding */ readProtoPayload)
/* harmony export */ });
/* unused harmony export RPC_CODE_NAMES */
/* harmony import */ var _clean_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(768);
/* harmony import */ var _model_log_record_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87849);
/* harmony import */ var _model_severity_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54602);
/* harmony import */ var _normalize_http_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(50313);
/* harmony import */ var _normalize_payload_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(99567);
/**
 * `protoPayload` → message, stack, request and audit call. Two shapes are read as their owners
 * meant them:
 * - App Engine request logs (`google.appengine.logging.v1.RequestLog`): a request (method,
 *   `resource` path, `status`, `latency`) whose problem is its most severe app log line in
 *   `line[]` (a traceback there makes the request one exception, with its http info kept).
 * - Cloud Audit Logs (`google.cloud.audit.AuditLog`): a call of `methodName` on `serviceName`
 *   that failed when `status.code` is set (non-zero), and is routine admin activity otherwise.
 * Anything else gives its method, service or type as the message.
 */





const REQUEST_LOG = 'google.appengine.logging.v1.RequestLog';
const AUDIT_LOG = 'google.cloud.audit.AuditLog';
/** google.rpc.Code names, for a failed call without a status message and for titles. */
const RPC_CODE_NAMES = [
    'OK',
    'CANCELLED',
    'UNKNOWN',
    'INVALID_ARGUMENT',
    'DEADLINE_EXCEEDED',
    'NOT_FOUND',
    'ALREADY_EXISTS',
    'PERMISSION_DENIED',
    'RESOURCE_EXHAUSTED',
    'FAILED_PRECONDITION',
    'ABORTED',
    'OUT_OF_RANGE',
    'UNIMPLEMENTED',
    'INTERNAL',
    'UNAVAILABLE',
    'DATA_LOSS',
    'UNAUTHENTICATED',
];
function asDict(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
function str(value) {
    return typeof value === 'string' ? value : '';
}
function readProtoPayload(payload) {
    const type = str(payload['@type']);
    if (type.endsWith(REQUEST_LOG))
        return readRequestLog(payload);
    if (type.endsWith(AUDIT_LOG) || (typeof payload.methodName === 'string' && typeof payload.serviceName === 'string')) {
        return readAuditLog(payload);
    }
    const subject = str(payload.methodName) || str(payload.serviceName) || type || 'protoPayload';
    return { message: subject, stack: '', errorType: '', level: '', structuredError: false };
}
/** The request, and the most severe of its app log lines (the first of equals) as the problem. */
function readRequestLog(payload) {
    const http = readRequestLogHttp(payload);
    const line = mostSevereLine(payload.line);
    const text = line ? str(line.logMessage) : '';
    const info = text
        ? (0,_normalize_payload_js__WEBPACK_IMPORTED_MODULE_2__/* .readTextPayload */ .e)(text)
        : { message: '', stack: '', errorType: '', level: '', structuredError: false };
    if (line && (typeof line.severity === 'string' || typeof line.severity === 'number'))
        info.level = line.severity;
    if (http)
        info.http = http;
    return info;
}
function readRequestLogHttp(payload) {
    const method = (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_3__/* .cleanText */ .X)(str(payload.method));
    const url = (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_3__/* .cleanText */ .X)(str(payload.resource));
    if (method === '' && url === '')
        return undefined;
    const rawStatus = typeof payload.status === 'number' ? payload.status : Number(str(payload.status) || 0);
    const status = Number.isInteger(rawStatus) && rawStatus >= 0 && rawStatus < 1000 ? rawStatus : 0;
    const http = { method, url, path: (0,_normalize_http_js__WEBPACK_IMPORTED_MODULE_4__/* .extractPath */ .BM)(url), status };
    const latencyMs = (0,_normalize_http_js__WEBPACK_IMPORTED_MODULE_4__/* .parseLatency */ .Cb)(payload.latency);
    if (latencyMs !== undefined)
        http.latencyMs = latencyMs;
    if (typeof payload.userAgent === 'string')
        http.userAgent = (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_3__/* .cleanText */ .X)(payload.userAgent);
    return http;
}
function mostSevereLine(lines) {
    if (!Array.isArray(lines))
        return undefined;
    let best;
    let bestRank = -1;
    for (const item of lines) {
        const line = asDict(item);
        if (!line || str(line.logMessage) === '')
            continue;
        const rank = severityRankOf(line.severity);
        if (rank > bestRank) {
            best = line;
            bestRank = rank;
        }
    }
    return best;
}
function severityRankOf(value) {
    if (typeof value !== 'string' && typeof value !== 'number')
        return 0;
    return (0,_model_log_record_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .qs)((0,_model_severity_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSeverity */ .l)(value, false));
}
/**
 * The call, whole: the method name is never cut into words (a `v1` in it is part of the name),
 * and a failure's message is `method: status message` (or the code's name when there is none).
 */
function readAuditLog(payload) {
    const service = (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_3__/* .cleanText */ .X)(str(payload.serviceName));
    const method = (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_3__/* .cleanText */ .X)(str(payload.methodName));
    const status = asDict(payload.status);
    const rawCode = status ? Number(status.code ?? 0) : 0;
    const code = Number.isInteger(rawCode) && rawCode >= 0 ? rawCode : 0;
    const statusMessage = status ? (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_3__/* .cleanText */ .X)(str(status.message)) : '';
    const resource = (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_3__/* .cleanText */ .X)(str(payload.resourceName));
    const subject = method || service || 'audit log';
    let message;
    if (code !== 0)
        message = `${subject}: ${statusMessage || (RPC_CODE_NAMES[code] ?? `code ${code}`)}`;
    else if (statusMessage !== '')
        message = `${subject}: ${statusMessage}`;
    else
        message = resource !== '' ? `${subject} ${resource}` : subject;
    const audit = { service, method, code, statusMessage };
    return { message, stack: '', errorType: '', level: '', structuredError: false, audit };
}
/**
 * How an audit record is grouped and named, for the clusterer: by service, method and status
 * code, never by the resource or the principal. The method stays whole in the title (`v1` is part
 * of `google.cloud.run.v1.Services.ReplaceService`), followed by the code's name and the status
 * message (`v1.compute.instances.insert → NOT_FOUND: The resource 'abc' was not found`).
 */
function describeAudit(audit) {
    const codeName = RPC_CODE_NAMES[audit.code] ?? `code ${audit.code}`;
    const subject = audit.method || audit.service || 'audit log';
    const detail = audit.statusMessage !== '' && audit.statusMessage !== codeName ? `: ${audit.statusMessage}` : '';
    return {
        canonical: `audit\n${audit.service}\n${audit.method}\n${audit.code}`,
        title: `${subject} → ${codeName}${detail}`,
        grouping: `audit: service "${audit.service}", method "${audit.method}", status code ${audit.code} (${codeName})`,
    };
}


/***/ }),

/***/ 84349:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Aw: () => (/* binding */ shortLogName),
/* harmony export */   R_: () => (/* binding */ readResource),
/* harmony export */   tS: () => (/* binding */ projectOfEntry)
/* harmony export */ });
/* unused harmony export podParts */
/* harmony import */ var _clean_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(768);
/* harmony import */ var _read_logging_query_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17008);
/**
 * Where an entry came from: monitored resource labels and entry labels → the service a human
 * names, its revision and instance, and the Logging query that selects it.
 */


function str(value) {
    return typeof value === 'string' ? value : '';
}
function asDict(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
/**
 * Reads the resource per monitored-resource type
 * (https://cloud.google.com/logging/docs/api/v2/resource-list). The service never carries a
 * pod hash, a deploy version or an instance id, so it (and every fingerprint that includes it)
 * is the same in every window:
 * - `cloud_run_revision`: service_name; `cloud_run_job`: job_name; `cloud_function`: function_name
 * - `k8s_container`: `namespace/container`; `k8s_pod`: `namespace/workload`, the pod name
 *   without its ReplicaSet and pod hash (`payments-api-7d9f8b6c5d-x7k2p` → `payments-api`) or
 *   StatefulSet ordinal (`redis-0` → `redis`)
 * - `gae_app`: the module; the version is the revision (it changes on every deploy)
 * - `gce_instance`: the instance name (`compute.googleapis.com/resource_name`), else its id
 * - `http_load_balancer` and the `*_lb_rule` types: backend service, else URL map, else forwarding rule
 * - `cloudsql_database`: the instance of `project:instance`
 * - audit logs, on any resource type (`audited_resource`, `project`, `gcs_bucket`, …): the API called
 *   (`storage.googleapis.com`)
 * - `global` (and `project` without an audit log): the log's short id
 * Cloud Run puts the instance id in the entry's `labels.instanceId`.
 */
function readResource(resource, entryLabels, logName = '', audit) {
    const res = asDict(resource);
    const labels = asDict(res?.labels) ?? {};
    const entry = asDict(entryLabels) ?? {};
    const resourceType = str(res?.type);
    // One scratch object, reset per entry: this runs on every entry.
    const naming = SCRATCH;
    naming.service = '';
    naming.revision = '';
    naming.instance = str(entry.instanceId) || str(entry['run.googleapis.com/instanceId']);
    naming.key1 = '';
    naming.value1 = '';
    naming.key2 = '';
    naming.value2 = '';
    nameByType(resourceType, labels, entry, logName, naming);
    if (audit && (audit.service !== '' || audit.method !== '')) {
        naming.service = audit.service || naming.service;
        naming.key1 = 'protoPayload.serviceName=';
        naming.value1 = audit.service;
        naming.key2 = 'protoPayload.methodName=';
        naming.value2 = audit.method;
    }
    return {
        resourceType,
        service: cleanName(naming.service, 0) || resourceType,
        revision: cleanName(naming.revision, 1),
        // An instance is counted, never shown: no cleaning for it (it is also the one that changes most).
        instance: naming.instance,
        selector: resourceType === '' ? '' : selectorFor(resourceType, naming),
    };
}
const SCRATCH = { service: '', revision: '', instance: '', key1: '', value1: '', key2: '', value2: '' };
/** cleanText of a name, remembering the last per slot (service, revision): names come in runs. */
const lastRaw = ['', ''];
const lastClean = ['', ''];
function cleanName(value, slot) {
    if (value === lastRaw[slot])
        return lastClean[slot];
    const clean = (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_1__/* .cleanText */ .X)(value);
    lastRaw[slot] = value;
    lastClean[slot] = clean;
    return clean;
}
function nameByType(type, labels, entry, logName, n) {
    switch (type) {
        case 'cloud_run_revision':
            return name(n, 'resource.labels.service_name=', str(labels.service_name), str(labels.revision_name));
        case 'cloud_run_job':
            return name(n, 'resource.labels.job_name=', str(labels.job_name), str(entry['run.googleapis.com/execution_name']));
        case 'cloud_function':
            n.instance ||= str(entry.instance_id) || str(entry.execution_id);
            return name(n, 'resource.labels.function_name=', str(labels.function_name), '');
        case 'k8s_container':
        case 'k8s_pod':
            return nameKubernetes(type, labels, entry, n);
        case 'gae_app':
            n.instance ||= str(entry['appengine.googleapis.com/instance_name']);
            return name(n, 'resource.labels.module_id=', str(labels.module_id), str(labels.version_id));
        case 'gce_instance': {
            const id = str(labels.instance_id);
            const instanceName = str(entry['compute.googleapis.com/resource_name']);
            n.instance ||= id;
            if (instanceName !== '')
                return name(n, 'labels."compute.googleapis.com/resource_name"=', instanceName, '');
            return name(n, 'resource.labels.instance_id=', id, '');
        }
        case 'cloudsql_database': {
            const databaseId = str(labels.database_id);
            name(n, 'resource.labels.database_id=', databaseId, '');
            n.service = databaseId.slice(databaseId.indexOf(':') + 1);
            return;
        }
        case 'global':
        case 'project':
            return name(n, 'log_id(', logName, '');
        default:
            return type.endsWith('load_balancer') || type.endsWith('_lb_rule')
                ? nameLoadBalancer(labels, n)
                : nameOther(labels, n);
    }
}
function name(n, key, service, revision) {
    n.service = service;
    n.revision = revision;
    if (service !== '') {
        n.key1 = key;
        n.value1 = service;
    }
}
const LB_LABELS = ['backend_service_name', 'backend_target_name', 'url_map_name', 'forwarding_rule_name'];
const OTHER_SERVICE_LABELS = ['service_name', 'service', 'function_name', 'job_name', 'container_name', 'module_id'];
function nameLoadBalancer(labels, n) {
    for (const label of LB_LABELS) {
        const value = str(labels[label]);
        if (value !== '')
            return name(n, `resource.labels.${label}=`, value, '');
    }
}
function nameOther(labels, n) {
    for (const label of OTHER_SERVICE_LABELS) {
        const value = str(labels[label]);
        if (value !== '') {
            name(n, `resource.labels.${label}=`, value, '');
            break;
        }
    }
    n.revision = str(labels.revision_name) || str(labels.version_id) || str(labels.version);
}
/** `namespace/container` (`namespace/workload` for a pod); the revision is the pod's ReplicaSet. */
function nameKubernetes(type, labels, entry, n) {
    const namespace = str(labels.namespace_name);
    const pod = str(labels.pod_name);
    const parts = podParts(pod);
    let workload;
    if (type === 'k8s_container') {
        workload = str(labels.container_name) || str(entry['k8s-pod/app']) || parts.workload;
        if (str(labels.container_name) !== '') {
            n.key2 = 'resource.labels.container_name=';
            n.value2 = str(labels.container_name);
        }
    }
    else {
        workload = parts.workload;
        if (pod !== '') {
            n.key2 = parts.workload === pod ? 'resource.labels.pod_name=' : 'resource.labels.pod_name=~';
            n.value2 = parts.workload === pod ? pod : `^${parts.workload.replace(/[.]/g, '\\.')}-`;
        }
    }
    n.service = namespace !== '' && workload !== '' ? `${namespace}/${workload}` : workload;
    n.revision = parts.replicaSet || pod;
    n.instance ||= pod;
    if (namespace !== '') {
        n.key1 = 'resource.labels.namespace_name=';
        n.value1 = namespace;
    }
}
/** Characters of Kubernetes' generated names (k8s.io/apimachinery rand: no vowels, no 0, 1, 3). */
const K8S_RAND = /^[bcdfghjklmnpqrstvwxz2456789]+$/;
const LOWER_ALNUM = /^[a-z0-9]+$/;
const DIGITS = /^[0-9]+$/;
/**
 * A pod name's workload and ReplicaSet: `payments-api-7d9f8b6c5d-x7k2p` → `payments-api`,
 * `payments-api-7d9f8b6c5d`; a DaemonSet's or Job's `fluentd-x7k2p` → `fluentd`; a CronJob's
 * `backup-28372910-x7k2p` → `backup`; a StatefulSet's `redis-0` → `redis`. Anything else is
 * its own workload.
 */
function podParts(pod) {
    const parts = pod.split('-');
    const last = parts[parts.length - 1] ?? '';
    if (parts.length >= 2 && last.length === 5 && LOWER_ALNUM.test(last)) {
        const hash = parts.length >= 3 ? parts[parts.length - 2] : '';
        // Kubernetes' own hashes use a vowel-free alphabet; tools that template names use hex.
        const isHash = hash.length >= 6 &&
            hash.length <= 10 &&
            (K8S_RAND.test(hash) || (DIGITS.test(hash) && hash.length >= 8) || /^(?=.*\d)[0-9a-f]{8,10}$/.test(hash));
        if (isHash)
            return { workload: parts.slice(0, -2).join('-'), replicaSet: parts.slice(0, -1).join('-') };
        if (K8S_RAND.test(last))
            return { workload: parts.slice(0, -1).join('-'), replicaSet: '' };
    }
    if (parts.length >= 2 && last.length <= 4 && DIGITS.test(last)) {
        return { workload: parts.slice(0, -1).join('-'), replicaSet: '' };
    }
    return { workload: pod, replicaSet: '' };
}
/**
 * The selectors built last, and what each was built from: a run interleaves a handful of
 * resources, and comparing a few strings costs less than quoting and joining them again.
 */
const RECENT_SELECTORS = 4;
const recentSelectors = Array.from({ length: RECENT_SELECTORS }, () => ({
    type: '',
    key1: '',
    value1: '',
    key2: '',
    value2: '',
    text: '',
}));
let nextSelector = 0;
function selectorFor(type, n) {
    for (const s of recentSelectors) {
        if (s.type === type && s.value1 === n.value1 && s.value2 === n.value2 && s.key1 === n.key1 && s.key2 === n.key2) {
            return s.text;
        }
    }
    let text = `resource.type=${quoteFast(type)}`;
    if (n.key1 !== '')
        text += ` ${clause(n.key1, n.value1)}`;
    if (n.key2 !== '')
        text += ` ${clause(n.key2, n.value2)}`;
    const slot = recentSelectors[nextSelector];
    nextSelector = (nextSelector + 1) % RECENT_SELECTORS;
    slot.type = type;
    slot.key1 = n.key1;
    slot.value1 = n.value1;
    slot.key2 = n.key2;
    slot.value2 = n.value2;
    slot.text = text;
    return text;
}
/** `quote`, without its two regex replacements when there is nothing to escape (always, for labels). */
function quoteFast(value) {
    return value.indexOf('"') < 0 && value.indexOf('\\') < 0 ? `"${value}"` : (0,_read_logging_query_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(value);
}
function clause(key, value) {
    return key.endsWith('(') ? `${key}${quoteFast(value)})` : `${key}${quoteFast(value)}`;
}
/**
 * A run has a handful of log names, interleaved. Each entry's logName is a fresh string, and
 * hashing it for a Map lookup costs more than decoding it, so the few latest are compared
 * first (a string comparison stops at the first difference); the Map, capped against a
 * hostile file with millions of names, catches the rest.
 */
const RECENT = 4;
const recentFull = new Array(RECENT).fill('');
const recentShort = new Array(RECENT).fill('');
let recentNext = 0;
const LOG_NAME_CACHE_MAX = 1024;
let logNameCache = new Map();
/** `projects/p/logs/run.googleapis.com%2Fstderr` → `run.googleapis.com/stderr`. Cached: it runs on every entry. */
function shortLogName(logName) {
    const full = str(logName);
    for (let i = 0; i < RECENT; i++)
        if (recentFull[i] === full)
            return recentShort[i];
    let short = logNameCache.get(full);
    if (short === undefined) {
        short = decodeLogName(full);
        if (logNameCache.size >= LOG_NAME_CACHE_MAX)
            logNameCache = new Map();
        logNameCache.set(full, short);
    }
    recentFull[recentNext] = full;
    recentShort[recentNext] = short;
    recentNext = (recentNext + 1) % RECENT;
    return short;
}
function decodeLogName(full) {
    const at = full.indexOf('/logs/');
    const id = at < 0 ? full : full.slice(at + 6);
    if (id.indexOf('%') < 0)
        return (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_1__/* .cleanText */ .X)(id);
    try {
        return (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_1__/* .cleanText */ .X)(decodeURIComponent(id));
    }
    catch {
        return (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_1__/* .cleanText */ .X)(id);
    }
}
/** `projects/P/logs/…` → `P`: the project an exported entry was logged in; '' when it does not say. */
function projectOfEntry(raw) {
    const logName = raw?.logName;
    const match = typeof logName === 'string' ? /^projects\/([a-z][a-z0-9-]{4,28}[a-z0-9])\/logs\//.exec(logName) : null;
    return match ? match[1] : '';
}


/***/ }),

/***/ 67144:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BQ: () => (/* binding */ PYTHON_HEADER),
/* harmony export */   II: () => (/* binding */ looksLikeError),
/* harmony export */   bB: () => (/* binding */ summarizeText),
/* harmony export */   zx: () => (/* binding */ stripLogPrefix)
/* harmony export */ });
/**
 * Stack-trace text: is it a trace, and what is its one-line summary?
 * Uses indexOf scans instead of regexes on the whole text: this runs on every entry.
 */
const PYTHON_HEADER = 'Traceback (most recent call last)';
/** Splits a text payload into a message and a stack (Python, Java, Node.js, Go, .NET traces). */
function summarizeText(text) {
    const trimmed = trimEnd(text);
    if (trimmed.indexOf('\n') < 0)
        return { message: trimmed, stack: '' };
    const header = trimmed.indexOf(PYTHON_HEADER);
    if (header >= 0) {
        // The trace is the trace; a line the logger put before it (often with an id) is its context,
        // so the same trace is the same text on every entry.
        const lineStart = trimmed.lastIndexOf('\n', header) + 1;
        if (lineStart === 0)
            return { message: findPythonSummary(trimmed), stack: trimmed };
        const stack = trimmed.slice(lineStart);
        return { message: findPythonSummary(stack), stack, context: trimmed.slice(0, lineStart).trim() };
    }
    const panicAt = findLineStartingWith(trimmed, 'panic: ');
    if (panicAt >= 0)
        return { message: lineAt(trimmed, panicAt), stack: trimmed };
    const frameAt = findFirstFrameLine(trimmed);
    if (frameAt >= 0)
        return { message: stripLogPrefix(findLineBefore(trimmed, frameAt)), stack: trimmed };
    const goroutineAt = findLineStartingWith(trimmed, 'goroutine ');
    if (goroutineAt >= 0) {
        const message = goroutineAt === 0 ? lineAt(trimmed, 0) : findLineBefore(trimmed, goroutineAt);
        return { message: stripLogPrefix(message), stack: trimmed };
    }
    return { message: trimmed, stack: '' };
}
/**
 * A logger's line prefix, which says when and where, never what: a leading timestamp
 * (`2019/01/15 07:48:05 `, `2024-06-01 12:00:00.123 UTC `), and after it PostgreSQL's
 * `[pid]: [n-n] db=…,user=… ` or a thread number. Cloud Logging has the time already.
 */
const LINE_PREFIX = /^\[?\d{4}[/-]\d\d[/-]\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?(?: ?(?:UTC|GMT|Z|[+-]\d\d:?\d\d))?\]?\s+(?:\[\d+\](?::?\s*\[[\d-]+\])?:?\s*|\d+\s+(?=\[))?(?:(?:db|user|app|client|host|database)=[^\s,]*(?:,|\s+))*/;
function stripLogPrefix(line) {
    if (line.length < 19 || !isDigit(line.charCodeAt(line.charCodeAt(0) === 91 ? 1 : 0)))
        return line;
    const m = LINE_PREFIX.exec(line.length > 400 ? line.slice(0, 400) : line);
    return m && m[0].length < line.length ? line.slice(m[0].length).trimStart() : line;
}
function isDigit(code) {
    return code >= 48 && code <= 57;
}
/**
 * True when a line without a severity reports a failure (used to infer a missing severity):
 * a stack trace, or words that say something failed (`Failed to fetch … HTTP 500`, `Error: …`,
 * `… failed: …`, `ECONNREFUSED`, `upstream connect error`, a non-zero `exit code`). A line that
 * names its own level below WARNING (`[INFO]`, `level=debug`) is taken at its word.
 */
function looksLikeError(text) {
    if (text.indexOf(PYTHON_HEADER) >= 0 ||
        text.indexOf('panic:') >= 0 ||
        text.indexOf('\n    at ') >= 0 ||
        text.indexOf('\n\tat ') >= 0)
        return true;
    const head = text.length > 300 ? text.slice(0, 300) : text;
    if (OWN_LOW_LEVEL.test(head))
        return false;
    return FAILURE_WORDS.test(head);
}
const OWN_LOW_LEVEL = /\[(?:INFO|DEBUG|TRACE|NOTICE|WARN|WARNING)\]|(?:^|[\s|])(?:INFO|DEBUG|TRACE|NOTICE|WARN|WARNING)(?:[:\s|]|$)|^(?:INFO|DEBUG|WARNING|WARN):|\blevel=(?:info|debug|trace|warn|warning)\b|^[IWD]\d{4} \d\d:\d\d/;
const FAILURE_WORDS = /\bERROR\b|\bFATAL\b|Fatal error|Exception\b|\b[A-Z]\w*Error\b|^Error\b|\berror:|\bfailed\b|\bfailure\b|^Failed\b|\bcannot\b|\bcould not\b|\bunable to\b|\brefused\b|ECONN\w+|ETIMEDOUT|EHOSTUNREACH|EPIPE|upstream connect error|\bHTTP [45]\d\d\b|\bexit (?:code|status) [1-9]\d*|\bdenied\b|\btimed out\b|\bsegmentation fault\b|\bkilled\b/i;
function trimEnd(text) {
    let end = text.length;
    while (end > 0 && isSpace(text.charCodeAt(end - 1)))
        end--;
    return end === text.length ? text : text.slice(0, end);
}
function isSpace(code) {
    return code === 32 || code === 10 || code === 13 || code === 9;
}
/** Python prints the final exception last: the last non-indented, non-empty line. */
function findPythonSummary(text) {
    let end = text.length;
    while (end > 0) {
        const start = text.lastIndexOf('\n', end - 1) + 1;
        const code = text.charCodeAt(start);
        if (end > start && !isSpace(code)) {
            const line = text.slice(start, end);
            if (!line.startsWith(PYTHON_HEADER))
                return stripCarriageReturn(line);
        }
        end = start - 1;
    }
    return lineAt(text, 0);
}
/** Index of the first line that is a Java (`\tat `), Node (`    at `) or .NET (`   at `) frame. */
/**
 * The first frame line: `at …` (Java, Node, .NET at any indentation), Ruby's
 * `  app/x.rb:69:in`, PHP's `Stack trace:` / `#0 …`, Dart's `#0      main (…)`.
 */
function findFirstFrameLine(text) {
    let best = -1;
    for (const marker of ['\n    at ', '\n\tat ', '\n   at ', '\n  at ', '\nStack trace:\n#0 ', '\n#0 ']) {
        const at = text.indexOf(marker);
        if (at >= 0 && (best < 0 || at < best))
            best = at;
    }
    if (best < 0) {
        const ruby = /\n[^\n]*\.rb:\d+:in `/.exec(text.length > 4096 ? text.slice(0, 4096) : text);
        if (ruby)
            best = ruby.index;
    }
    return best < 0 ? -1 : best + 1;
}
/** The nearest non-blank line above `lineStart` (the exception line of Java and Node traces). */
function findLineBefore(text, lineStart) {
    let end = lineStart - 1;
    while (end > 0) {
        const start = text.lastIndexOf('\n', end - 1) + 1;
        const line = text.slice(start, end).trim();
        if (line !== '' && line !== '^')
            return line;
        end = start - 1;
    }
    return lineAt(text, 0);
}
function findLineStartingWith(text, prefix) {
    if (text.startsWith(prefix))
        return 0;
    const at = text.indexOf('\n' + prefix);
    return at < 0 ? -1 : at + 1;
}
function lineAt(text, start) {
    const end = text.indexOf('\n', start);
    return stripCarriageReturn(end < 0 ? text.slice(start) : text.slice(start, end));
}
function stripCarriageReturn(line) {
    return line.endsWith('\r') ? line.slice(0, -1) : line;
}


/***/ }),

/***/ 74540:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YT: () => (/* binding */ normalizeEntry),
/* harmony export */   yL: () => (/* binding */ isSkip)
/* harmony export */ });
/* unused harmony export parseTimestamp */
/* harmony import */ var _clean_text_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(768);
/* harmony import */ var _model_log_record_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87849);
/* harmony import */ var _model_severity_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54602);
/* harmony import */ var _normalize_http_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(50313);
/* harmony import */ var _normalize_payload_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(99567);
/* harmony import */ var _normalize_proto_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(98695);
/* harmony import */ var _normalize_resource_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(84349);
/* harmony import */ var _normalize_trace_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(67144);
/**
 * One raw Cloud Logging LogEntry (as `gcloud logging read --format=json` prints it, or as the
 * REST API returns it) → LogRecord. Never throws: malformed fields are ignored, and an entry
 * that cannot be placed in time is skipped with a reason. Hot path (a million entries):
 * no regex over whole payloads, no intermediate objects beyond the record itself.
 */








const EMPTY_PAYLOAD = { message: '', stack: '', errorType: '', level: '', structuredError: false };
const WARNING_RANK = (0,_model_log_record_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .qs)('WARNING');
/**
 * `countedBelow`: the severity rank below which a request log is only counted (the service
 * status), never analysed: garden.ts drops it right after. Such a record skips what only
 * analysis reads: the request line as its message (`GET /path 200`, a problem's title; a
 * payload's own message is kept), the latency and the user agent. On Cloud Run most entries
 * are such requests.
 */
function normalizeEntry(raw, countedBelow = -1) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        return { skip: 'not an object' };
    const entry = raw;
    const timestamp = parseTimestamp(entry.timestamp) ?? parseTimestamp(entry.receiveTimestamp);
    if (timestamp === undefined)
        return { skip: 'no timestamp' };
    const payload = readPayload(entry);
    const logName = (0,_normalize_resource_js__WEBPACK_IMPORTED_MODULE_4__/* .shortLogName */ .Aw)(entry.logName);
    const audit = payload.audit;
    const resource = (0,_normalize_resource_js__WEBPACK_IMPORTED_MODULE_4__/* .readResource */ .R_)(entry.resource, entry.labels, logName, audit);
    let severity = (0,_model_severity_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSeverity */ .l)(entry.severity, false);
    let severityInferred = false;
    if (severity === 'DEFAULT') {
        const level = payload.level === '' ? 'DEFAULT' : (0,_model_severity_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSeverity */ .l)(payload.level, true);
        if (level !== 'DEFAULT') {
            severity = level;
        }
        else if (isErrorWithoutSeverity(logName, payload)) {
            // Runtimes write tracebacks to stderr with no severity; they are errors all the same.
            severity = 'ERROR';
            severityInferred = true;
        }
    }
    // A failed audited call is a problem whatever level it was logged at (GKE writes none).
    if (audit && audit.code !== 0 && (0,_model_log_record_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .qs)(severity) < WARNING_RANK) {
        severity = 'ERROR';
        severityInferred = true;
    }
    const counted = (0,_model_log_record_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .qs)(severity) < countedBelow;
    // An App Engine request log's own request is richer than its httpRequest (status only).
    const http = payload.http ?? (0,_normalize_http_js__WEBPACK_IMPORTED_MODULE_5__/* .readHttpRequest */ .MW)(entry.httpRequest, counted);
    let message = (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_6__/* .cleanText */ .X)(payload.message);
    if (http && !counted && (message === '' || isLoadBalancer(resource.resourceType, entry.jsonPayload))) {
        message = `${http.method} ${http.path} ${http.status}${(0,_normalize_http_js__WEBPACK_IMPORTED_MODULE_5__/* .loadBalancerDetails */ .ZN)(entry.jsonPayload)}`;
    }
    const insertId = typeof entry.insertId === 'string' && entry.insertId !== ''
        ? entry.insertId
        : syntheticInsertId(timestamp, logName, resource.service, message, payload.stack + (payload.context ?? ''));
    const record = {
        insertId,
        timestamp,
        severity,
        severityInferred,
        resourceType: resource.resourceType,
        service: resource.service,
        revision: resource.revision,
        instance: resource.instance,
        logName,
        message,
        stack: (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_6__/* .cleanText */ .X)(payload.stack),
        errorType: (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_6__/* .cleanText */ .X)(payload.errorType),
        sourceLocation: readSourceLocation(entry.sourceLocation, entry.jsonPayload),
        // Always set ('' when the entry names no resource type): one record shape keeps the later stages monomorphic.
        selector: resource.selector,
    };
    if (http)
        record.http = http;
    if (audit)
        record.audit = audit;
    if (payload.context)
        record.context = (0,_clean_text_js__WEBPACK_IMPORTED_MODULE_6__/* .cleanText */ .X)(payload.context);
    const errorGroup = readErrorGroup(entry.errorGroups);
    if (errorGroup)
        record.errorGroup = errorGroup;
    if (typeof entry.trace === 'string' && entry.trace !== '' && entry.trace.length <= 300)
        record.trace = entry.trace;
    return record;
}
/** A load balancer request log: its payload has no message, only what the balancer decided. */
function isLoadBalancer(resourceType, jsonPayload) {
    if (resourceType === 'http_load_balancer' || resourceType.endsWith('_lb_rule'))
        return true;
    const type = jsonPayload !== null && typeof jsonPayload === 'object' ? jsonPayload['@type'] : undefined;
    return typeof type === 'string' && type.endsWith('LoadBalancerLogEntry');
}
/** `errorGroups: [{ id }]`: Error Reporting's own grouping, which Cloud Logging attaches. */
function readErrorGroup(value) {
    if (!Array.isArray(value) || value.length === 0)
        return '';
    const id = value[0]?.id;
    return typeof id === 'string' && id.length <= 200 ? id : '';
}
function isSkip(result) {
    return result.skip !== undefined;
}
function readPayload(entry) {
    if (typeof entry.textPayload === 'string')
        return (0,_normalize_payload_js__WEBPACK_IMPORTED_MODULE_2__/* .readTextPayload */ .e)(entry.textPayload);
    const json = entry.jsonPayload;
    if (json !== null && typeof json === 'object' && !Array.isArray(json))
        return (0,_normalize_payload_js__WEBPACK_IMPORTED_MODULE_2__/* .readJsonPayload */ .F)(json);
    const proto = entry.protoPayload;
    if (proto !== null && typeof proto === 'object' && !Array.isArray(proto))
        return (0,_normalize_proto_js__WEBPACK_IMPORTED_MODULE_3__/* .readProtoPayload */ .xc)(proto);
    return EMPTY_PAYLOAD;
}
function isErrorWithoutSeverity(logName, payload) {
    if (payload.structuredError)
        return true;
    if (!logName.endsWith('stderr'))
        return false;
    return payload.stack !== '' || (0,_normalize_trace_js__WEBPACK_IMPORTED_MODULE_7__/* .looksLikeError */ .II)(payload.message);
}
/** RFC 3339 with any fraction (Date.parse keeps milliseconds), `{seconds, nanos}`, or epoch ms. */
function parseTimestamp(value) {
    if (typeof value === 'string') {
        const ms = parseRfc3339(value) ?? Date.parse(value);
        return Number.isNaN(ms) ? undefined : ms;
    }
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : undefined;
    if (value !== null && typeof value === 'object') {
        const { seconds, nanos } = value;
        const s = Number(seconds);
        const n = Number(nanos ?? 0);
        if (seconds !== undefined && Number.isFinite(s) && Number.isFinite(n))
            return s * 1000 + Math.floor(n / 1e6);
    }
    return undefined;
}
/**
 * `2026-11-30T09:00:00.000553931Z` / `...+01:00`, the shape every LogEntry has, without
 * Date.parse (3 % of a run). Gives exactly Date.parse's result (milliseconds truncated, an
 * out-of-month day rolling over as in Date.parse); any other shape or range, including hour
 * 24 and two-digit years, returns undefined and is left to Date.parse.
 */
function parseRfc3339(text) {
    const length = text.length;
    if (length < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84)
        return undefined;
    if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58)
        return undefined;
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 2);
    const day = digits(text, 8, 2);
    const hour = digits(text, 11, 2);
    const minute = digits(text, 14, 2);
    const second = digits(text, 17, 2);
    if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31)
        return undefined;
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
        return undefined;
    let at = 19;
    let ms = 0;
    if (text.charCodeAt(at) === 46) {
        // Date.parse keeps the first three fraction digits and ignores the rest.
        const start = ++at;
        while (at < length && isDigit(text.charCodeAt(at)))
            at++;
        if (at === start)
            return undefined;
        for (let i = start; i < start + 3; i++)
            ms = ms * 10 + (i < at ? text.charCodeAt(i) - 48 : 0);
    }
    let offsetMinutes = 0;
    const zone = text.charCodeAt(at);
    if (zone === 90) {
        if (at + 1 !== length)
            return undefined;
    }
    else if (zone === 43 || zone === 45) {
        if (at + 6 !== length || text.charCodeAt(at + 3) !== 58)
            return undefined;
        const zoneHour = digits(text, at + 1, 2);
        const zoneMinute = digits(text, at + 4, 2);
        if (zoneHour < 0 || zoneHour > 23 || zoneMinute < 0 || zoneMinute > 59)
            return undefined;
        offsetMinutes = (zone === 43 ? 1 : -1) * (zoneHour * 60 + zoneMinute);
    }
    else
        return undefined;
    const days = daysFromCivil(year, month, day);
    return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + ms;
}
/** Days since 1970-01-01 of a proleptic Gregorian date; a day past the month's end rolls over, as in Date.UTC. */
function daysFromCivil(year, month, day) {
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yearOfEra = y - era * 400;
    const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
    const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
}
function isDigit(code) {
    return code >= 48 && code <= 57;
}
/** The decimal number in text[from, from + count), or -1 when a character is not a digit. */
function digits(text, from, count) {
    let n = 0;
    for (let i = from; i < from + count; i++) {
        const code = text.charCodeAt(i);
        if (!isDigit(code))
            return -1;
        n = n * 10 + code - 48;
    }
    return n;
}
/** `sourceLocation` ({file, line, function}), also when still inside the JSON payload. */
function readSourceLocation(value, jsonPayload) {
    let location = value;
    if ((location === undefined || location === null) && jsonPayload !== null && typeof jsonPayload === 'object') {
        location = jsonPayload['logging.googleapis.com/sourceLocation'];
    }
    if (location === null || typeof location !== 'object')
        return '';
    const { file, line, function: fn } = location;
    const fileText = typeof file === 'string' ? file : '';
    if (fileText === '' && typeof fn !== 'string')
        return '';
    const lineText = typeof line === 'string' || typeof line === 'number' ? `:${line}` : '';
    const fnText = typeof fn === 'string' && fn !== '' ? ` ${fn}` : '';
    return `${fileText}${lineText}${fnText}`.trim();
}
/** Stable across runs for the same entry: FNV-1a (two 32-bit lanes) of time and content. */
function syntheticInsertId(timestamp, logName, service, message, stack) {
    let a = 0x811c9dc5;
    let b = 0x01000193 ^ 0x5bd1e995;
    const parts = [String(timestamp), logName, service, message, stack];
    for (const part of parts) {
        for (let i = 0; i < part.length; i++) {
            const code = part.charCodeAt(i);
            a = Math.imul(a ^ code, 0x01000193);
            b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 13);
        }
        a = Math.imul(a ^ 0x1f, 0x01000193);
        b = Math.imul(b ^ 0x1f, 0x01000193);
    }
    return `synthetic-${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}


/***/ }),

/***/ 46417:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bJ: () => (/* binding */ isScannerProbe),
/* harmony export */   cy: () => (/* binding */ statusKey),
/* harmony export */   qA: () => (/* binding */ routeLabel),
/* harmony export */   uw: () => (/* binding */ templateRoute)
/* harmony export */ });
/* unused harmony export isIdSegment */
/**
 * Route templating for request logs: `/api/orders/8c1f…/items/42` → `/api/orders/{id}/items/{id}`.
 * A segment is an id when it is a number, a UUID, hex, an e-mail, a long opaque token, or any
 * other segment with a digit — except short version-like words (`v1`, `v2beta1`, `oauth2`, `s3`),
 * which name an API, not a record.
 */
const ID = '{id}';
function isDigit(c) {
    return c >= 48 && c <= 57;
}
function isLetter(c) {
    return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
/** `v1`, `v2beta1`, `oauth2`, `s3`, `ipv6`: letters then at most two digits, maybe more letters+digit. */
function isVersionLike(segment) {
    if (segment.length > 10)
        return false;
    let i = 0;
    while (i < segment.length && isLetter(segment.charCodeAt(i)))
        i++;
    if (i === 0)
        return false;
    let digits = 0;
    while (i < segment.length && isDigit(segment.charCodeAt(i))) {
        i++;
        digits++;
    }
    if (digits === 0 || digits > 2)
        return false;
    while (i < segment.length && isLetter(segment.charCodeAt(i)))
        i++;
    while (i < segment.length && isDigit(segment.charCodeAt(i)))
        i++;
    return i === segment.length;
}
function isOpaqueToken(segment) {
    if (segment.length < 20)
        return false;
    let letters = 0;
    for (let i = 0; i < segment.length; i++) {
        const c = segment.charCodeAt(i);
        if (isLetter(c))
            letters++;
        else if (!(isDigit(c) || c === 45 || c === 95 || c === 46 || c === 126))
            return false;
    }
    // A long slug of words ("reset-password-confirmation") has dashes; an opaque token rarely does.
    return segment.indexOf('-') < 0 || letters < segment.length * 0.7;
}
function isIdSegment(segment) {
    if (segment.length === 0)
        return false;
    if (segment.indexOf('@') > 0)
        return true;
    if (segment.indexOf('%') >= 0)
        return true;
    let digit = false;
    for (let i = 0; i < segment.length; i++) {
        if (isDigit(segment.charCodeAt(i))) {
            digit = true;
            break;
        }
    }
    if (digit)
        return !isVersionLike(segment);
    return isOpaqueToken(segment);
}
/** Path (query string and fragment dropped) with id segments replaced by `{id}`. */
function templateRoute(path) {
    let p = path;
    const q = p.search(/[?#]/);
    if (q >= 0)
        p = p.slice(0, q);
    const scheme = p.indexOf('://');
    if (scheme >= 0) {
        const slash = p.indexOf('/', scheme + 3);
        p = slash >= 0 ? p.slice(slash) : '/';
    }
    if (p.length === 0)
        return '/';
    const segments = p.split('/');
    for (let i = 0; i < segments.length; i++)
        if (isIdSegment(segments[i]))
            segments[i] = ID;
    return segments.join('/');
}
/**
 * Status part of a request key. 5xx and 4xx keep the exact code (500 and 503 are different
 * problems, so are 401 and 404); 1xx–3xx collapse to their class; 0 means no response.
 */
function statusKey(status) {
    if (status >= 400)
        return String(status);
    if (status <= 0)
        return 'no-response';
    return `${Math.floor(status / 100)}xx`;
}
/** `GET /orders/{id}`: how a cluster lists the routes it was seen on. */
function routeLabel(http) {
    return `${(http.method || 'GET').toUpperCase()} ${templateRoute(http.path || http.url || '/')}`;
}
/**
 * Paths that internet-wide scanners probe on every public service (credentials, admin panels,
 * known-vulnerable scripts) and the scanners' own user agents. Their 4xx are one noise problem
 * per service and status, not one per path.
 */
const SCANNER_PATH = /^\/(?:\.env(?:\.\w+)?$|\.git(?:\/|$)|\.aws(?:\/|$)|\.ssh(?:\/|$)|\.svn(?:\/|$)|\.hg(?:\/|$)|\.DS_Store$|\.vscode(?:\/|$)|\.htaccess$|wp-(?:login|admin|content|includes|config)|wordpress(?:\/|$)|xmlrpc\.php$|phpmyadmin|pma(?:\/|$)|myadmin(?:\/|$)|cgi-bin\/|vendor\/phpunit\/|server-status$|server-info$|owa\/|ecp\/|autodiscover\/autodiscover\.xml$|boaform\/|HNAP1(?:\/|$)|solr\/admin|manager\/html$|config\.json$|\.well-known\/security\.txt$|actuator(?:\/|$)|backup(?:\/|\.|$))|\.(?:bak|sql|old|swp|backup|tar|tgz|gz|zip|rar|7z|ini|php\d?|asp|aspx|jsp|cgi)$/i;
const SCANNER_AGENT = /CensysInspect|zgrab|masscan|Nuclei|sqlmap|nikto|Nmap Scripting|Expanse|InternetMeasurement|l9explore|WPScan/i;
/**
 * Statuses a probe of a file the service does not have gets; a 401 or 429 is about the service.
 * Only these are read as probes, so a broad path pattern (a backup or script extension) never
 * hides a failing route.
 */
const PROBE_STATUSES = new Set([400, 403, 404, 405]);
function isScannerProbe(http) {
    if (!PROBE_STATUSES.has(http.status))
        return false;
    const path = http.path || http.url || '';
    return SCANNER_PATH.test(path) || (http.userAgent !== undefined && SCANNER_AGENT.test(http.userAgent));
}


/***/ }),

/***/ 17008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A2: () => (/* binding */ STDERR_ERROR_WORDS),
/* harmony export */   DQ: () => (/* binding */ withSample),
/* harmony export */   MJ: () => (/* binding */ formatFraction),
/* harmony export */   hD: () => (/* binding */ quote),
/* harmony export */   oL: () => (/* binding */ LoggingQueryError),
/* harmony export */   oh: () => (/* binding */ buildLoggingQuery),
/* harmony export */   r9: () => (/* binding */ LOGGING_FILTER_LIMIT),
/* harmony export */   xA: () => (/* binding */ CLOUD_RUN_RESOURCE)
/* harmony export */ });
/* unused harmony exports STDERR_CONTINUATION, severityClause */
/* harmony import */ var _model_log_record_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87849);
/* harmony import */ var _model_severity_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54602);
/**
 * The Cloud Logging query the action reads with. Pure: the same inputs give the same text, so the
 * worklog can show it verbatim and Logs Explorer links can reuse it.
 * Query language: https://cloud.google.com/logging/docs/view/logging-query-language
 */


/** Logging rejects longer filters (DESIGN §6). */
const LOGGING_FILTER_LIMIT = 20_000;
/** The Cloud Run resource every generated query is scoped to. */
const CLOUD_RUN_RESOURCE = 'cloud_run_revision';
/**
 * Words in a stderr line without a severity that mark it as an error, the start of a stack trace
 * (Python, Node/Java/Go exceptions, Go panics) or a line of a crash report printed line by line
 * (the normaliser re-assembles those: every line must be read). `:` is Logging's
 * case-insensitive "has". Indented lines (frames, code) are selected by STDERR_CONTINUATION.
 */
const STDERR_ERROR_WORDS = [
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
];
/** A stderr line that starts with white space: a frame or code line of a trace printed line by line. */
const STDERR_CONTINUATION = 'textPayload=~"^\\s"';
class LoggingQueryError extends Error {
    name = 'LoggingQueryError';
}
/**
 * Builds the filter. Both time bounds are always present: without one, @google-cloud/logging adds
 * its own 24-hour bound, and an open window would make counts depend on when the run happened.
 * Lines are joined by newlines, which the query language reads as AND; every clause with an OR
 * is parenthesised because OR binds tighter than AND there and a user's filter must not leak.
 */
function buildLoggingQuery(input) {
    const clauses = [`resource.type="${CLOUD_RUN_RESOURCE}"`];
    if (input.services.length === 1)
        clauses.push(`resource.labels.service_name=${quote(input.services[0])}`);
    if (input.services.length > 1)
        clauses.push(`resource.labels.service_name=(${input.services.map(quote).join(' OR ')})`);
    clauses.push(`timestamp>="${isoTime(input.start)}" AND timestamp<"${isoTime(input.end)}"`);
    const severity = severityClause(input.minSeverity);
    if (severity)
        clauses.push(severity);
    if (input.filter.trim() !== '')
        clauses.push(`(${input.filter.trim()})`);
    const query = clauses.join('\n');
    if (query.length > LOGGING_FILTER_LIMIT) {
        throw new LoggingQueryError(`The generated Logging query is ${query.length} characters; Cloud Logging accepts at most ${LOGGING_FILTER_LIMIT}. ` +
            'Shorten the `filter` input or list fewer names in the `services` input (run the action once per group of services).');
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
function severityClause(minSeverity) {
    if (minSeverity === 'DEFAULT')
        return '';
    const words = STDERR_ERROR_WORDS.map((w) => `textPayload:"${w}"`).join(' OR ');
    const atLeast = (values) => values.filter((v) => (0,_model_log_record_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .qs)((0,_model_severity_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSeverity */ .l)(v, true)) >= (0,_model_log_record_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .qs)(minSeverity));
    const names = atLeast(LEVEL_NAMES).map((n) => `"${n}"`);
    const levels = [...atLeast(PINO_LEVELS).map(String), ...names];
    const unset = [`(logName:"stderr" AND (${words} OR ${STDERR_CONTINUATION}))`];
    if (levels.length > 0)
        unset.push(`jsonPayload.level=(${levels.join(' OR ')})`);
    if (names.length > 0)
        unset.push(`jsonPayload.levelname=(${names.join(' OR ')})`);
    return `(severity>=${minSeverity} OR httpRequest.status>=500 OR (severity=DEFAULT AND (${unset.join(' OR ')})))`;
}
/** Restricts a query to Logging's deterministic `sample(insertId, fraction)` of its entries. */
function withSample(query, fraction) {
    return `${query}\nsample(insertId, ${formatFraction(fraction)})`;
}
/** Fractions are written with at most 4 significant digits, never in exponent notation. */
function formatFraction(fraction) {
    const rounded = Number(fraction.toPrecision(4));
    const text = rounded.toFixed(Math.max(0, 4 - Math.floor(Math.log10(rounded)) - 1));
    return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
/** A quoted string literal of the query language. */
function quote(text) {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
function isoTime(ms) {
    return new Date(ms).toISOString();
}


/***/ }),

/***/ 82906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LI: () => (/* binding */ resolveWindow),
/* harmony export */   tn: () => (/* binding */ queryWindow),
/* harmony export */   xm: () => (/* binding */ fileExclusion)
/* harmony export */ });
/**
 * The time window a run reads, in epoch ms (start inclusive, end exclusive), and for a logs-file
 * which entries fall outside what the inputs asked for. Takes the few config fields it needs, so
 * the core does not depend on the config module.
 */
/** Cloud Logging: since/until, or lookback ending at until or now. */
function queryWindow(inputs, now) {
    const end = inputs.until ?? now;
    return { start: inputs.since ?? end - inputs.lookbackMs, end };
}
/** Cloud Logging as queryWindow; a file: since/until, or else the span of its entries. */
function resolveWindow(inputs, now, span) {
    if (!inputs.logsFile)
        return queryWindow(inputs, now);
    const start = inputs.since ?? span?.start ?? now;
    const end = inputs.until ?? (span ? span.end + 1 : now);
    return { start, end: Math.max(end, start + 1) };
}
/**
 * A logs-file is read whole, so since/until and services are applied to its entries (Cloud
 * Logging applies them in the query). Returns why an entry is left out, or '' to keep it.
 */
function fileExclusion(inputs) {
    if (!inputs.logsFile)
        return () => '';
    const since = inputs.since ?? -Infinity;
    const until = inputs.until ?? Infinity;
    const services = new Set(inputs.services);
    return (entry) => {
        if (entry.timestamp < since || entry.timestamp >= until)
            return 'outside since/until';
        if (services.size > 0 && !services.has(entry.service))
            return 'not one of the services';
        return '';
    };
}


/***/ }),

/***/ 89152:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rd: () => (/* binding */ redactText),
/* harmony export */   hi: () => (/* binding */ redactRecord)
/* harmony export */ });
/* unused harmony exports placeholderFor, safeLogText */
/* harmony import */ var _secret_patterns_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(50445);
/* harmony import */ var _model_sampled_hash_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(75076);




function escapeRegExp(literal) {
    return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
function planFor(rules) {
    // Longest first, so `key=` is reported rather than `key`; the scan restarts one character
    // after each hit, so overlapping triggers are all seen.
    const triggers = [...new Set(rules.flatMap((rule) => rule.triggers))].sort((a, b) => b.length - a.length);
    const rulesByTrigger = new Map();
    for (const trigger of triggers) {
        const enabled = rules.flatMap((rule, index) => (rule.triggers.some((t) => trigger.includes(t)) ? [index] : []));
        rulesByTrigger.set(trigger, enabled);
    }
    return { rules, anyTrigger: new RegExp(triggers.map(escapeRegExp).join('|'), 'gi'), rulesByTrigger };
}
const WITHOUT_IPS = planFor(_secret_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .SECRET_RULES */ .v.filter((rule) => !rule.onlyWithIps));
const WITH_IPS = planFor(_secret_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .SECRET_RULES */ .v);
/** The placeholder a secret is replaced with. */
function placeholderFor(kind) {
    return `[REDACTED:${kind}]`;
}
/** Which rules have a trigger in `text`; undefined when none (the common, fast case). */
function triggeredRules(text, plan) {
    const scan = plan.anyTrigger;
    scan.lastIndex = 0;
    let hit = scan.exec(text);
    if (hit === null)
        return undefined;
    const enabled = new Array(plan.rules.length).fill(false);
    while (hit !== null) {
        const indexes = plan.rulesByTrigger.get(hit[0].toLowerCase());
        // A case-folding oddity we did not map: run every rule rather than miss one.
        if (indexes === undefined)
            return enabled.fill(true);
        for (const index of indexes)
            enabled[index] = true;
        scan.lastIndex = hit.index + 1;
        hit = scan.exec(text);
    }
    return enabled;
}
function applyRule(rule, text) {
    let out = '';
    let copied = 0;
    for (const span of (0,_secret_patterns_js__WEBPACK_IMPORTED_MODULE_0__/* .findSecretSpans */ .l)(rule, text)) {
        out += `${text.slice(copied, span.start)}${placeholderFor(rule.kind)}`;
        copied = span.end;
    }
    return copied === 0 ? text : out + text.slice(copied);
}
/** The rule's `requires` holds: one of its literals is in `text` (always, for a rule without). */
function meetsRequirement(rule, text) {
    const required = rule.requires;
    if (required === undefined)
        return true;
    for (const literal of required)
        if (text.indexOf(literal) >= 0)
            return true;
    return false;
}
function runRules(text, plan) {
    if (text.length === 0)
        return text;
    const enabled = triggeredRules(text, plan);
    if (enabled === undefined)
        return text;
    let out = text;
    // A prefilter is tested once for the rules that share it, until a rule changes the text.
    let prefilter;
    let prefilterPassed = true;
    plan.rules.forEach((rule, index) => {
        // Checked on the text as the earlier rules left it: the text the regex would run on.
        if (!enabled[index] || !meetsRequirement(rule, out))
            return;
        if (rule.prefilter !== undefined) {
            if (rule.prefilter !== prefilter) {
                prefilter = rule.prefilter;
                prefilterPassed = prefilter.test(out);
            }
            if (!prefilterPassed)
                return;
        }
        const before = out;
        out = applyRule(rule, out);
        // A changed text is tested afresh.
        if (out !== before)
            prefilter = undefined;
    });
    return out;
}
const SHORT_TEXT_MAX = 256;
const LONG_TEXT_MAX = 16 * 1024;
function newTable(slots) {
    return { texts: new Array(slots).fill(''), results: new Array(slots).fill(''), mask: slots - 1 };
}
/** The resource fields remembered, by slot in Memory.lastRaw / lastOut. */
const SERVICE = 0;
const REVISION = 1;
const INSTANCE = 2;
const LOG_NAME = 3;
const SELECTOR = 4;
function newMemory(plan) {
    const names = () => ['', '', '', '', ''];
    return { plan, short: newTable(4096), long: newTable(256), lastRaw: names(), lastOut: names() };
}
const WITHOUT_IPS_MEMORY = newMemory(WITHOUT_IPS);
const WITH_IPS_MEMORY = newMemory(WITH_IPS);
function memoryFor(options) {
    return options.ips ? WITH_IPS_MEMORY : WITHOUT_IPS_MEMORY;
}
/** Replaces every secret (and e-mail, and with `ips` every IP address) with `[REDACTED:<kind>]`. */
function redactText(text, options) {
    return redactWith(text, memoryFor(options));
}
/**
 * A text with nothing to redact comes back as the very string given, also from the table: the
 * callers then see that nothing changed by identity, without comparing the text once more.
 */
function redactWith(text, m) {
    const length = text.length;
    if (length === 0 || length > LONG_TEXT_MAX)
        return runRules(text, m.plan);
    const table = length <= SHORT_TEXT_MAX ? m.short : m.long;
    const slot = (0,_model_sampled_hash_js__WEBPACK_IMPORTED_MODULE_1__/* .sampledHash */ .b)(text) & table.mask;
    if (table.texts[slot] === text) {
        const result = table.results[slot];
        return result === table.texts[slot] ? text : result;
    }
    const redacted = runRules(text, m.plan);
    table.texts[slot] = text;
    table.results[slot] = redacted;
    return redacted;
}
function redactName(text, field, m) {
    if (text === m.lastRaw[field]) {
        const out = m.lastOut[field];
        return out === m.lastRaw[field] ? text : out;
    }
    const out = redactWith(text, m);
    m.lastRaw[field] = text;
    m.lastOut[field] = out;
    return out;
}
function redactHttp(http, m) {
    const url = redactWith(http.url, m);
    const path = redactWith(http.path, m);
    const userAgent = http.userAgent === undefined ? undefined : redactWith(http.userAgent, m);
    if (url === http.url && path === http.path && userAgent === http.userAgent)
        return http;
    return userAgent === undefined ? { ...http, url, path } : { ...http, url, path, userAgent };
}
function redactAudit(audit, m) {
    const statusMessage = redactWith(audit.statusMessage, m);
    const method = redactWith(audit.method, m);
    const service = redactWith(audit.service, m);
    if (statusMessage === audit.statusMessage && method === audit.method && service === audit.service)
        return audit;
    return { ...audit, service, method, statusMessage };
}
/** The optional fields: a resource selector (it quotes labels) and an audit call. */
function redactExtras(record, redacted, m) {
    const selector = record.selector === undefined ? undefined : redactName(record.selector, SELECTOR, m);
    const audit = record.audit === undefined ? undefined : redactAudit(record.audit, m);
    const context = record.context === undefined ? undefined : redactWith(record.context, m);
    if (selector === record.selector && audit === record.audit && context === record.context)
        return redacted;
    const out = redacted === record ? { ...record } : redacted;
    if (selector !== undefined)
        out.selector = selector;
    if (audit !== undefined)
        out.audit = audit;
    if (context !== undefined)
        out.context = context;
    return out;
}
/**
 * Redacts every free-text field of a record: message, stack, errorType, sourceLocation, the
 * request's URL, path and user agent, the resource names and selector, an audit call's
 * status message and a re-assembled event's context lines. Returns the same object when nothing matched.
 */
function redactRecord(record, options) {
    const m = memoryFor(options);
    return redactExtras(record, redactCore(record, m), m);
}
function redactCore(record, m) {
    const message = redactWith(record.message, m);
    const stack = redactWith(record.stack, m);
    const errorType = redactWith(record.errorType, m);
    const sourceLocation = redactWith(record.sourceLocation, m);
    const http = record.http === undefined ? undefined : redactHttp(record.http, m);
    // Resource labels are posted too (issue titles, tables). They rarely hold a secret and come in
    // runs: each field's previous value is compared first, before the table of recent texts.
    const service = redactName(record.service, SERVICE, m);
    const revision = redactName(record.revision, REVISION, m);
    const instance = redactName(record.instance, INSTANCE, m);
    const logName = redactName(record.logName, LOG_NAME, m);
    if (service === record.service &&
        revision === record.revision &&
        instance === record.instance &&
        logName === record.logName &&
        message === record.message &&
        stack === record.stack &&
        errorType === record.errorType &&
        sourceLocation === record.sourceLocation &&
        http === record.http) {
        return record;
    }
    const redacted = {
        ...record,
        service,
        revision,
        instance,
        logName,
        message,
        stack,
        errorType,
        sourceLocation,
    };
    if (http !== undefined)
        redacted.http = http;
    return redacted;
}
/**
 * Log text made safe to print to the runner's log (`core.info`): redacted, without control
 * characters or ANSI escapes, and with workflow commands (`::add-mask::`, `##[...]`) inert.
 * For markdown, use `redactText` and then safe-markdown's `safeText` / `codeBlock`.
 */
function safeLogText(text, options) {
    return neutralizeWorkflowCommands(stripControl(redactText(text, options)));
}


/***/ }),

/***/ 50445:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ findSecretSpans),
/* harmony export */   v: () => (/* binding */ SECRET_RULES)
/* harmony export */ });
/**
 * The redaction rules as data (DESIGN §7). Each rule runs only when its cheap literal
 * trigger occurs in the lower-cased text, and every regex is written so that it cannot
 * backtrack catastrophically: a rule either starts with a literal, or starts only at the
 * beginning of a run (a negative lookbehind on the run's own alphabet), and every open-ended
 * repetition is bounded or followed by nothing that forces it to give characters back.
 * bench/redaction-adversarial.ts measures this on adversarial lines.
 *
 * Convention: the named group `secret` (or the whole match) is a suffix of the match and is
 * replaced with `[REDACTED:<kind>]`; what precedes it in the match is context that stays
 * readable (`password=`, `Bearer `). A rule may also capture a `lead` group inside a
 * lookbehind just before the match: it is replaced too. That lets the e-mail rule start at
 * its `@` (fast: a literal) and still hide the local part. Most rules start with a literal,
 * so the regex engine skips ahead instead of trying every position.
 */
/** Never re-redact our own placeholder. */
const NOT_PLACEHOLDER = '(?!\\[REDACTED)';
/**
 * Key names whose value is a secret. Strong stems may be glued to a prefix (`dbpassword`,
 * `clientsecret`, `accesstoken`); weak stems (`pass`, `pwd`, `auth`) need a separator or the
 * start of the key, so `bypass`, `author`, `oauth` are not keys of secrets. Plural `tokens`
 * and `token_count` are counts, not tokens. `authorization` has its own rule, which keeps
 * the scheme (`Basic`, `Bearer`) readable.
 */
const SENSITIVE_KEY = '(?:passwords?|passwd|passphrase|secrets?|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|session(?:[_-]?id)?' +
    '|(?<![A-Za-z0-9])(?:pass|pwd|auth))' +
    '(?:[_-]?(?:id|hash|value))?';
/** `: `, `=`, `=>` with optional (escaped) quote before; spaces only, never a newline. */
const KEY_SEPARATOR = '(?:\\\\?["\'])?[ \\t]{0,3}(?:=>|:=|[:=](?![=>]))[ \\t]{0,3}';
/** The start every key=value match shares: a sensitive key and a separator (see `prefilter`). */
const KEY_AND_SEPARATOR = new RegExp(`${SENSITIVE_KEY}${KEY_SEPARATOR}`, 'i');
/**
 * A bracketed context tag (`[session:ABC123]`, `[auth:admin]`, as MDC and request-context loggers
 * write them) names a session or auth context, it does not hand out a credential: after a weak key
 * right behind `[`, a `:` and a short value closed by `]` is not a key=value secret. Strong keys
 * (`[password:…]`, `[token:…]`) stay secrets, and a value of a secret's own shape (a JWT, a GitHub
 * token) is still found by its rule.
 */
const NOT_A_TAG = '(?!(?<=\\[(?:session(?:[_-]?id)?|auth(?:[_-]?id)?))[ \\t]?:[^\\s\\]\\[]{1,64}\\])';
/** Every KEY_SEPARATOR holds one of these: a rule built on it `requires` them. */
const SEPARATORS = [':', '='];
// `<*>` and `<NUM>` are the clustering mask's own placeholders: strict mode reads masked
// templates (`password=<*>`) in the worklog and must not take them for surviving secrets.
const PLACEHOLDER_WORDS = /^(?:null|nil|none|undefined|true|false|\*+|x+|redacted|filtered|hidden|masked|<redacted>|\[filtered\]|-|<\*>|<[A-Z_]{1,20}>)$/i;
const AUTH_SCHEMES = 'basic|bearer|digest|token|negotiate|ntlm|hoba|mutual|aws4-hmac-sha256|oauth|key|sharedkey|apikey';
const AUTH_SCHEME_WORD = new RegExp(`^(?:${AUTH_SCHEMES})$`, 'i');
function isRealValue(secret) {
    return secret.length > 0 && !PLACEHOLDER_WORDS.test(secret);
}
/** "the bearer of bad news" is prose; a token is long, or shorter with a digit or symbol. */
function looksLikeBearerToken(secret) {
    return secret.length >= 20 || (secret.length >= 8 && /[0-9._~+/=-]/.test(secret));
}
/** `icon@2x.png` is an asset, not an address. */
function looksLikeEmail(secret) {
    return !/@\d+(?:\.\d+)?x\./i.test(secret);
}
/** `12:34:56` is a time and `a::b` a path; an address has a digit and two groups or more. */
function looksLikeIpv6(secret) {
    return /\d/.test(secret) && secret.split(':').filter((group) => group !== '').length >= 2;
}
const IPV4_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const H16 = '[0-9A-Fa-f]{1,4}';
const SECRET_RULES = [
    {
        id: 'private-key-block',
        kind: 'private-key',
        triggers: ['private key'],
        // Body: base64, whitespace, escaped newlines and PEM headers (`Proc-Type: 4,ENCRYPTED`);
        // a `-` is body only when not the start of `-----END`. The END line is optional so a
        // truncated key is still hidden.
        pattern: /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s\\:,]|-(?!----)){0,65536}(?:-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----)?/g,
        strict: true,
    },
    {
        id: 'github-token',
        kind: 'github-token',
        triggers: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
        pattern: /gh[pousr]_[A-Za-z0-9]{30,255}/g,
        strict: true,
    },
    {
        id: 'github-fine-grained-pat',
        kind: 'github-token',
        triggers: ['github_pat_'],
        pattern: /github_pat_[A-Za-z0-9_]{30,255}/g,
        strict: true,
    },
    {
        id: 'google-api-key',
        kind: 'google-api-key',
        triggers: ['aiza'],
        pattern: /AIza[0-9A-Za-z_-]{30,255}/g,
        strict: true,
    },
    {
        id: 'google-access-token',
        kind: 'google-oauth-token',
        triggers: ['ya29.'],
        pattern: /ya29\.[0-9A-Za-z_.-]{20,4096}/g,
        strict: true,
    },
    {
        id: 'google-refresh-token',
        kind: 'google-oauth-token',
        triggers: ['1//0'],
        pattern: /(?<![A-Za-z0-9/])1\/\/0[0-9A-Za-z_-]{30,1024}/g,
        strict: true,
    },
    {
        id: 'google-oauth-client-secret',
        kind: 'google-oauth-token',
        triggers: ['gocspx-'],
        pattern: /GOCSPX-[0-9A-Za-z_-]{20,128}/g,
        strict: true,
    },
    {
        id: 'aws-access-key-id',
        kind: 'aws-access-key',
        triggers: ['akia', 'asia', 'abia', 'acca'],
        pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
        strict: true,
    },
    {
        id: 'aws-secret-access-key',
        kind: 'aws-secret-key',
        triggers: ['secret'],
        requires: SEPARATORS,
        pattern: new RegExp(`secret[_.-]?access[_.-]?key${KEY_SEPARATOR}(?:\\\\?["'])?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`, 'gi'),
        strict: true,
    },
    {
        id: 'slack-token',
        kind: 'slack-token',
        triggers: ['xox'],
        pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,255}/g,
        strict: true,
    },
    {
        id: 'slack-webhook',
        kind: 'slack-token',
        triggers: ['hooks.slack.com'],
        pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>[A-Za-z0-9/_-]{10,255})/g,
        strict: true,
    },
    {
        id: 'jwt',
        kind: 'jwt',
        triggers: ['eyj'],
        pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,8192}\.[A-Za-z0-9_-]{5,16384}\.[A-Za-z0-9_-]{0,8192}/g,
        strict: true,
    },
    {
        id: 'bearer',
        kind: 'bearer',
        triggers: ['bearer'],
        pattern: /(?<![A-Za-z0-9_-])bearer[ \t]{1,10}(?<secret>[A-Za-z0-9._~+/-]{1,4096}=*)/gi,
        accept: looksLikeBearerToken,
        strict: true,
    },
    {
        id: 'authorization-header',
        kind: 'authorization',
        triggers: ['authorization'],
        requires: SEPARATORS,
        pattern: new RegExp(`authorization${KEY_SEPARATOR}(?:\\\\?["'])?(?:(?:${AUTH_SCHEMES})[ \\t]{1,3})?(?<secret>${NOT_PLACEHOLDER}[^\\s"'\\\\]{1,4096})`, 'gi'),
        accept: (secret) => isRealValue(secret) && !AUTH_SCHEME_WORD.test(secret),
        strict: true,
    },
    {
        id: 'url-password',
        kind: 'url-password',
        triggers: ['://'],
        requires: ['@'],
        // `scheme://user:password@host`; the password may itself hold a raw `@` (last one wins).
        pattern: /:\/\/[^\s/?#@:"'<>]{0,256}:(?<secret>(?!\[REDACTED)[^\s/?#"'<>]{1,256})(?=@)/g,
        strict: true,
    },
    {
        id: 'url-token',
        kind: 'url-token',
        triggers: [
            'token=',
            'auth=',
            'key=',
            'password=',
            'passwd=',
            'pwd=',
            'pass=',
            'secret=',
            'sig=',
            'signature=',
            'credential=',
            'code=',
            'session=',
            'sessionid=',
            'sid=',
            'jwt=',
        ],
        pattern: new RegExp(`[?&;](?:[A-Za-z0-9_.-]{0,30}[_.-])?(?:access_token|token|auth|key|apikey|password|passwd|pwd|pass|secret|sig|signature|credential|code|session|sessionid|sid|jwt)=(?<secret>${NOT_PLACEHOLDER}[^&#\\s"'<>]{1,4096})`, 'gi'),
        strict: true,
    },
    {
        id: 'secret-value-double-quoted',
        kind: 'secret-value',
        triggers: ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'session', 'credential'],
        requires: SEPARATORS,
        prefilter: KEY_AND_SEPARATOR,
        pattern: new RegExp(`${SENSITIVE_KEY}${KEY_SEPARATOR}\\\\?"(?<secret>${NOT_PLACEHOLDER}(?:[^"\\\\\\r\\n]|\\\\[^"\\r\\n]){1,2048})`, 'gi'),
        accept: isRealValue,
        strict: true,
    },
    {
        id: 'secret-value-single-quoted',
        kind: 'secret-value',
        triggers: ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'session', 'credential'],
        requires: SEPARATORS,
        prefilter: KEY_AND_SEPARATOR,
        pattern: new RegExp(`${SENSITIVE_KEY}${KEY_SEPARATOR}'(?<secret>${NOT_PLACEHOLDER}[^'\\r\\n]{1,2048})`, 'gi'),
        accept: isRealValue,
        strict: true,
    },
    {
        id: 'secret-value-bare',
        kind: 'secret-value',
        triggers: ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'session', 'credential'],
        requires: SEPARATORS,
        prefilter: KEY_AND_SEPARATOR,
        pattern: new RegExp(`${SENSITIVE_KEY}${NOT_A_TAG}${KEY_SEPARATOR}(?<secret>(?!\\\\?["'])${NOT_PLACEHOLDER}[^\\s"',;&)}\\]]{1,2048})`, 'gi'),
        accept: isRealValue,
        strict: true,
    },
    {
        id: 'cookie-header',
        kind: 'secret-value',
        triggers: ['cookie'],
        requires: SEPARATORS,
        // Every cookie in the header, not only the first pair: to the end of the line or quote.
        // Runs after the key rules, so a key it swallows has had its own value redacted.
        pattern: new RegExp(`cookie(?:\\\\?["'])?[ \\t]{0,3}[:=][ \\t]{0,3}(?:\\\\?["'])?(?<secret>${NOT_PLACEHOLDER}[^\\s"'\\\\][^\\r\\n"'\\\\]{0,8191})`, 'gi'),
        accept: isRealValue,
        strict: true,
    },
    {
        id: 'email',
        kind: 'email',
        triggers: ['@'],
        pattern: /(?<=(?<![A-Za-z0-9._%+-])(?<lead>[A-Za-z0-9._%+-]{1,64}))@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
        accept: looksLikeEmail,
        strict: false,
    },
    {
        id: 'ipv4',
        kind: 'ip',
        triggers: ['.'],
        pattern: new RegExp(`(?<![0-9A-Za-z.])(?:${IPV4_OCTET}\\.){3}${IPV4_OCTET}(?![0-9]|\\.[0-9])`, 'g'),
        onlyWithIps: true,
        strict: false,
    },
    {
        id: 'ipv6',
        kind: 'ip',
        triggers: [':'],
        pattern: new RegExp(`(?<![0-9A-Za-z_:.])(?:(?:${H16}:){7}${H16}|(?:${H16}(?::${H16}){0,6})?::(?:${H16}(?::${H16}){0,6})?)(?![0-9A-Za-z_:])`, 'g'),
        accept: looksLikeIpv6,
        onlyWithIps: true,
        strict: false,
    },
];
/**
 * Every secret `rule` finds in `text`, in order and without overlaps, after the rule's
 * `accept` check. Shared by redaction and strict mode so both see the same spans.
 */
function* findSecretSpans(rule, text) {
    const pattern = rule.pattern;
    pattern.lastIndex = 0;
    let previousEnd = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
        if (match[0].length === 0) {
            pattern.lastIndex += 1;
            continue;
        }
        const secret = match.groups?.secret ?? match[0];
        const lead = match.groups?.lead ?? '';
        if (rule.accept && !rule.accept(lead + secret))
            continue;
        const end = match.index + match[0].length;
        const start = Math.max(previousEnd, end - secret.length - lead.length);
        previousEnd = end;
        yield { start, end };
    }
}


/***/ }),

/***/ 93487:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/core/model/cluster-types.ts
const PRIORITIES = ['P0', 'P1', 'P2', 'P3'];

// EXTERNAL MODULE: ./src/core/model/log-record.ts
var log_record = __webpack_require__(87849);
;// CONCATENATED MODULE: ./src/config/inputs.ts
/**
 * Every input's default, the single list that action.yml, the CLI and the README agree with
 * (a test checks action.yml against it). Defaults apply in code too, so `node dist/index.js`
 * with only some INPUT_* variables behaves like the action.
 */
const INPUT_DEFAULTS = {
    'project-id': '',
    'logs-file': '',
    services: '',
    filter: '',
    lookback: '1h',
    since: '',
    until: '',
    // Empty: no comparison. A duration: the window just before the analysed one (issue 14).
    baseline: '',
    'min-severity': 'WARNING',
    'max-entries': '20000',
    // Empty: read with entries.list. `PROJECT.DATASET`: Log Analytics through BigQuery (issue 15).
    'analytics-dataset': '',
    'analytics-max-bytes': '10GB',
    'bigquery-endpoint': 'https://bigquery.googleapis.com',
    'workload-identity-provider': '',
    'service-account': '',
    'logging-endpoint': 'https://logging.googleapis.com',
    'sts-endpoint': 'https://sts.googleapis.com',
    'iam-credentials-endpoint': 'https://iamcredentials.googleapis.com',
    'github-token': '${{ github.token }}',
    repository: '${{ github.repository }}',
    'trusted-authors': '',
    'dry-run': 'false',
    'min-issue-priority': 'P3',
    labels: 'log-gardener',
    'max-new-issues': '10',
    'reopen-window': '14d',
    'mute-label': 'log-gardener:muted',
    'close-after': '',
    // Empty: `.github/log-gardener.yml` when it exists (DEFAULT_CONFIG_PATH). A runner passes every
    // default as INPUT_*, so a non-empty default could not be told apart from a path the user gave.
    config: '',
    'fail-on': '',
    // Empty: `changed` with a baseline, `all` without one.
    'fail-on-scope': '',
    'fail-on-write-error': 'false',
    redact: 'true',
    'redact-ips': 'false',
    'worklog-path': '',
    'report-path': '',
    'upload-artifact': 'true',
    'artifact-name': 'log-gardener-worklog',
    'job-summary': 'true',
};
/** The rules file used when `config` is empty and the file exists in the workspace. */
const DEFAULT_CONFIG_PATH = '.github/log-gardener.yml';
const INPUT_NAMES = Object.keys(INPUT_DEFAULTS);
const OUTPUT_NAMES = (/* unused pure expression or super */ null && ([
    'clusters',
    'incidents',
    'highest-priority',
    'issues-created',
    'issues-updated',
    'issues-reopened',
    'issues-failed',
    'verdict',
    'new-problems',
    'worklog-path',
    'report-path',
]));
/** Defaults that are expressions in action.yml; in code they come from the runner's environment. */
function codeDefault(name, env) {
    if (name === 'github-token')
        return env.GITHUB_TOKEN ?? '';
    if (name === 'repository')
        return env.GITHUB_REPOSITORY ?? '';
    return INPUT_DEFAULTS[name];
}

// EXTERNAL MODULE: ./src/core/markdown/format.ts
var format = __webpack_require__(60774);
;// CONCATENATED MODULE: ./src/config/config-values.ts
/** Parsers for input values. Each returns the value or an error message naming the fix. */

const ok = (value) => ({ ok: true, value });
const fail = (error) => ({ ok: false, error });
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
/** `90s`, `30m`, `1h`, `2d`, `1w`, or combinations like `1h30m`. */
function parseDuration(text) {
    const s = text.trim().toLowerCase();
    if (!/^(\d+[smhdw])+$/.test(s))
        return fail(`'${text}' is not a duration: use a number and a unit s, m, h, d or w, e.g. 30m, 1h, 2d`);
    let total = 0;
    for (const [, n, unit] of s.matchAll(/(\d+)([smhdw])/g))
        total += Number(n) * UNIT_MS[unit];
    if (total <= 0)
        return fail(`'${text}' is zero: give a positive duration, e.g. 1h`);
    return ok(total);
}
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
/** RFC 3339 with a zone, e.g. 2026-11-30T09:00:00Z; returns epoch ms. */
function parseTime(text) {
    const s = text.trim();
    const ms = RFC3339.test(s) ? Date.parse(s.replace(' ', 'T')) : NaN;
    if (Number.isNaN(ms))
        return fail(`'${text}' is not an RFC 3339 time with a zone: use e.g. 2026-11-30T09:00:00Z`);
    return ok(ms);
}
/** The same words @actions/core's getBooleanInput accepts (YAML 1.2 core schema). */
function parseBoolean(text) {
    if (['true', 'True', 'TRUE'].includes(text.trim()))
        return ok(true);
    if (['false', 'False', 'FALSE'].includes(text.trim()))
        return ok(false);
    return fail(`'${text}' is not a boolean: use true or false`);
}
function parsePositiveInt(text, max = Number.MAX_SAFE_INTEGER) {
    const s = text.trim();
    if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > max) {
        return fail(`'${text}' is not a whole number from 1 to ${(0,format/* formatCount */.B4)(max)}`);
    }
    return ok(Number(s));
}
function parseNonNegativeInt(text, max = Number.MAX_SAFE_INTEGER) {
    const s = text.trim();
    if (!/^\d+$/.test(s) || Number(s) > max)
        return fail(`'${text}' is not a whole number from 0 to ${max}`);
    return ok(Number(s));
}
/** Comma or newline separated, trimmed, empties dropped, duplicates removed. */
function parseList(text) {
    return [
        ...new Set(text
            .split(/[\n,]/)
            .map((item) => item.trim())
            .filter(Boolean)),
    ];
}
function oneOf(text, allowed) {
    const s = text.trim();
    const found = allowed.find((a) => a.toLowerCase() === s.toLowerCase());
    return found ? ok(found) : fail(`'${text}' is not one of ${allowed.join(', ')}`);
}
/** True for `http://127.0.0.1:…`, `http://localhost:…`, `http://[::1]:…` — plain http is allowed only there. */
function isLoopbackUrl(url) {
    let host;
    try {
        host = new URL(url).hostname;
    }
    catch {
        return false;
    }
    return /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(host);
}
/** A base URL: https anywhere, plain http only for loopback hosts (tests, local proxies). */
function parseEndpoint(text) {
    let url;
    try {
        url = new URL(text.trim());
    }
    catch {
        return fail(`'${text}' is not a URL: use e.g. https://logging.googleapis.com`);
    }
    if (url.protocol === 'http:' && !isLoopbackUrl(url.toString())) {
        return fail(`'${text}' uses plain http: only loopback hosts (127.0.0.1, localhost, [::1]) may; use https`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return fail(`'${text}' must start with https://`);
    if (url.search || url.hash)
        return fail(`'${text}' must be a base URL without ?query or #fragment`);
    return ok(url.toString().replace(/\/+$/, ''));
}

;// CONCATENATED MODULE: ./src/config/analytics-inputs.ts
/**
 * `analytics-dataset` and `analytics-max-bytes`: the Log Analytics mode's inputs (issue 15).
 * The dataset is the BigQuery dataset linked to the log bucket (`gcloud logging links create`);
 * the cap is BigQuery's `maximumBytesBilled`: a query that would scan more fails unbilled.
 */
const UNITS = { '': 1, B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
/** A BigQuery project id (domain-scoped ones included) and a dataset id. */
const DATASET = /^([a-z][a-z0-9-]{4,28}[a-z0-9]|[a-z][a-z0-9.-]{2,}:[a-z][a-z0-9-]{4,28}[a-z0-9])\.([A-Za-z0-9_]{1,1024})$/;
function parseAnalytics(dataset, maxBytes, logsFile, problems) {
    if (dataset && !DATASET.test(dataset))
        problems.push(`analytics-dataset: '${dataset}' is not PROJECT.DATASET; use the dataset linked to the log bucket, e.g. shop-production.logs_analytics (gcloud logging links list --bucket=BUCKET --location=LOCATION)`);
    if (dataset && logsFile)
        problems.push('analytics-dataset: reads Log Analytics through BigQuery and cannot apply to a logs-file; drop one of them');
    const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?B?)\s*$/i.exec(maxBytes);
    const bytes = match ? Math.round(Number(match[1]) * (UNITS[match[2].toUpperCase()] ?? NaN)) : NaN;
    if (!Number.isFinite(bytes) || bytes < 10_000_000) {
        problems.push(`analytics-max-bytes: '${maxBytes}' is not a size of at least 10MB (BigQuery bills at least 10 MB a query); use e.g. 10GB or 500MB`);
    }
    return { dataset, maxBytes: Number.isFinite(bytes) ? bytes : 10e9 };
}

;// CONCATENATED MODULE: ./src/config/config.ts







/** All input errors at once, each naming the input and the fix. */
class ConfigError extends Error {
    problems;
    /** Our own words about the inputs (never the token): printed as they are, not secret-redacted. */
    preRedacted = true;
    constructor(problems) {
        super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}`);
        this.problems = problems;
        this.name = 'ConfigError';
    }
}
/** Parses and validates every input once; throws ConfigError listing every problem. */
function parseConfig(source) {
    const problems = [];
    const raw = (name) => {
        const given = source.get(name).trim();
        return given === '' ? codeDefault(name, source.env) : given;
    };
    const take = (name, parsed, fallback) => {
        if (parsed.ok)
            return parsed.value;
        problems.push(`${name}: ${parsed.error}`);
        return fallback;
    };
    const optionalTime = (name) => (raw(name) ? take(name, parseTime(raw(name)), null) : null);
    const optionalPriority = (name) => raw(name) ? take(name, oneOf(raw(name), PRIORITIES), null) : null;
    const logsFile = raw('logs-file');
    const projectId = raw('project-id');
    if (!logsFile && !projectId) {
        problems.push('project-id: required to read Cloud Logging; set it to your Google Cloud project id, or set logs-file to read an exported file');
    }
    if (projectId && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]$|^[a-z][a-z0-9.:-]{4,61}[a-z0-9]$/.test(projectId)) {
        problems.push(`project-id: '${projectId}' is not a Google Cloud project id (6–30 lowercase letters, digits and hyphens)`);
    }
    if (logsFile && raw('filter')) {
        problems.push('filter: is a Cloud Logging query and cannot be applied to a logs-file; filter the export instead (gcloud logging read FILTER), or drop logs-file');
    }
    const baselineMs = parseBaseline(raw('baseline'), problems);
    const failOnScope = parseFailOnScope(raw('fail-on-scope'), baselineMs, problems);
    const since = optionalTime('since');
    const until = optionalTime('until');
    if (baselineMs > 0 && logsFile && raw('since') === '')
        problems.push("baseline: with logs-file, the baseline is the file's entries just before since; set since (e.g. the deploy time) or drop baseline");
    if (since !== null && until !== null && since >= until)
        problems.push('since: must be before until; swap them or widen the window');
    const provider = raw('workload-identity-provider');
    if (provider &&
        !/^projects\/\d+\/locations\/global\/workloadIdentityPools\/[a-z0-9-]+\/providers\/[a-z0-9-]+$/.test(provider)) {
        problems.push(`workload-identity-provider: '${provider}' is not a provider resource name; use projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER (the project NUMBER, not its id)`);
    }
    const serviceAccount = raw('service-account');
    if (serviceAccount && !/^[^@\s]+@[^@\s]+\.iam\.gserviceaccount\.com$|^[^@\s]+@[^@\s]+$/.test(serviceAccount)) {
        problems.push(`service-account: '${serviceAccount}' is not a service account e-mail, e.g. log-reader@PROJECT.iam.gserviceaccount.com`);
    }
    if (serviceAccount && !provider) {
        problems.push('service-account: only used with workload-identity-provider; set that too, or drop service-account to use Application Default Credentials');
    }
    const dryRun = take('dry-run', parseBoolean(raw('dry-run')), false);
    const repository = parseRepository(raw('repository'), dryRun, problems);
    const githubToken = raw('github-token');
    if (!githubToken && !dryRun)
        problems.push('github-token: required to write issues; pass ${{ github.token }} (the default) or set dry-run: true');
    const labels = parseList(raw('labels'));
    if (labels.length === 0)
        problems.push('labels: give at least one label, e.g. log-gardener');
    for (const label of labels)
        if (label.length > 50)
            problems.push(`labels: '${label}' is longer than GitHub's 50 characters`);
    const redact = take('redact', oneOf(raw('redact'), ['true', 'strict']), 'true');
    if (raw('redact').toLowerCase() === 'false') {
        problems.push("redact: cannot be turned off: issues may be public; use 'true' or 'strict'");
    }
    // Only a path the user named must exist; the default path is used when present. A workflow
    // that spells out the default path (as older versions' action.yml did) gets the same leniency.
    const rulesPath = raw('config') || DEFAULT_CONFIG_PATH;
    const rules = readRules(rulesPath, rulesPath !== DEFAULT_CONFIG_PATH, source.readFile, problems);
    const worklogPath = raw('worklog-path') || (0,external_node_path_.join)(source.env.RUNNER_TEMP || source.tmpDir, 'log-gardener', 'worklog.md');
    const config = {
        projectId,
        logsFile,
        services: parseList(raw('services')),
        filter: raw('filter'),
        since,
        until,
        lookbackMs: take('lookback', parseDuration(raw('lookback')), 3_600_000),
        minSeverity: take('min-severity', oneOf(raw('min-severity'), log_record/* SEVERITIES */.oC), 'WARNING'),
        maxEntries: take('max-entries', parsePositiveInt(raw('max-entries'), 1_000_000), 20_000),
        analytics: parseAnalytics(raw('analytics-dataset'), raw('analytics-max-bytes'), logsFile, problems),
        bigqueryEndpoint: take('bigquery-endpoint', parseEndpoint(raw('bigquery-endpoint')), ''),
        baselineMs,
        workloadIdentityProvider: provider,
        serviceAccount,
        loggingEndpoint: take('logging-endpoint', parseEndpoint(raw('logging-endpoint')), ''),
        stsEndpoint: take('sts-endpoint', parseEndpoint(raw('sts-endpoint')), ''),
        iamCredentialsEndpoint: take('iam-credentials-endpoint', parseEndpoint(raw('iam-credentials-endpoint')), ''),
        githubToken,
        repository,
        githubApiUrl: source.env.GITHUB_API_URL || 'https://api.github.com',
        githubServerUrl: source.env.GITHUB_SERVER_URL || 'https://github.com',
        runId: source.env.GITHUB_RUN_ID || '',
        trustedAuthors: parseList(raw('trusted-authors')),
        dryRun,
        minIssuePriority: take('min-issue-priority', oneOf(raw('min-issue-priority'), PRIORITIES), 'P3'),
        labels,
        maxNewIssues: take('max-new-issues', parseNonNegativeInt(raw('max-new-issues'), 100), 10),
        reopenWindowMs: take('reopen-window', parseDuration(raw('reopen-window')), 14 * 86_400_000),
        muteLabel: raw('mute-label'),
        closeAfterMs: raw('close-after') ? take('close-after', parseDuration(raw('close-after')), 0) : 0,
        rules,
        rulesPath: rules === null ? '' : rulesPath,
        failOn: optionalPriority('fail-on'),
        failOnScope,
        failOnWriteError: take('fail-on-write-error', parseBoolean(raw('fail-on-write-error')), false),
        redact,
        redactIps: take('redact-ips', parseBoolean(raw('redact-ips')), false),
        worklogPath,
        reportPath: raw('report-path') || (0,external_node_path_.join)((0,external_node_path_.dirname)(worklogPath), 'report.json'),
        uploadArtifact: take('upload-artifact', parseBoolean(raw('upload-artifact')), true),
        artifactName: raw('artifact-name'),
        jobSummary: take('job-summary', parseBoolean(raw('job-summary')), true),
    };
    if (!/^[^":<>|*?\\/\r\n]+$/.test(config.artifactName)) {
        problems.push(`artifact-name: '${config.artifactName}' may not contain " : < > | * ? \\ / or line breaks`);
    }
    if (problems.length > 0)
        throw new ConfigError(problems);
    return config;
}
/** Cloud Logging keeps logs 30 days by default: a longer baseline would read nothing. */
const MAX_BASELINE_MS = 30 * 86_400_000;
/** `baseline`: empty = no comparison; else a duration, the window just before the analysed one. */
function parseBaseline(text, problems) {
    if (!text)
        return 0;
    const parsed = parseDuration(text);
    if (!parsed.ok) {
        problems.push(`baseline: ${parsed.error}; or leave baseline empty for no comparison`);
        return 0;
    }
    if (parsed.value > MAX_BASELINE_MS) {
        problems.push(`baseline: '${text}' is longer than 30d, Cloud Logging's default retention; use the hour or day before the deploy, e.g. 1h or 24h`);
        return 0;
    }
    return parsed.value;
}
/** `fail-on-scope`: `changed` (the default with a baseline) or `all` (the default without one). */
function parseFailOnScope(text, baselineMs, problems) {
    if (!text)
        return baselineMs > 0 ? 'changed' : 'all';
    const parsed = oneOf(text, ['changed', 'all']);
    if (!parsed.ok) {
        problems.push(`fail-on-scope: ${parsed.error}`);
        return 'all';
    }
    if (parsed.value === 'changed' && baselineMs === 0) {
        problems.push("fail-on-scope: 'changed' counts only problems new or worse than a baseline; set baseline (e.g. 1h, the window before the deploy) or use fail-on-scope: all");
        return 'all';
    }
    return parsed.value;
}
function parseRepository(text, dryRun, problems) {
    const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(text);
    if (match)
        return { owner: match[1], repo: match[2] };
    if (text || !dryRun)
        problems.push(`repository: '${text}' is not owner/name; the default is the workflow's own repository`);
    return { owner: '', repo: '' };
}
/** The rules file: required to exist when the input was given, optional at its default path. */
function readRules(path, explicit, readFile, problems) {
    const text = readFile(path);
    if (text === null) {
        if (explicit)
            problems.push(`config: file '${path}' does not exist; check the path (relative to the workspace) or remove the input`);
        return null;
    }
    try {
        return (0,dist/* parse */.qg)(text) ?? {};
    }
    catch (error) {
        problems.push(`config: '${path}' is not valid YAML: ${error.message.split('\n')[0]}`);
        return null;
    }
}

;// CONCATENATED MODULE: ./src/core/markdown/workflow-commands.ts
/**
 * Makes log text inert as GitHub Actions workflow commands when the action prints it.
 *
 * The runner reads every line of a step's output. It executes a line as a command when,
 * after trimming leading white space, it starts with `::` (`::add-mask::x`,
 * `::stop-commands::tok`, `::set-output name=a::b`, `::error file=..::`), and it still
 * honours the legacy `##[command]data` form anywhere in a line
 * (actions/runner src/Runner.Common/ActionCommand.cs, TryParseV2 and TryParse).
 * A ZERO WIDTH SPACE between the two characters of each prefix breaks both forms without
 * changing what a reader sees; it sits in the middle, so no trimming can remove it.
 */
const ZWSP = '\u200b';
// At the start of any line (the runner splits on \n; \r, U+2028/9 are line starts too):
// leading white space other than line breaks, then `::`. Excluding line breaks from the
// white space keeps a text of many empty lines linear.
const LEADING_COMMAND = /^([^\S\r\n\u2028\u2029]*):(?=:)/gm;
const LEGACY_COMMAND = /#(?=#\[)/g;
/** Neutralises `::command` at any line start and `##[command` anywhere. */
function neutralizeWorkflowCommands(line) {
    if (!line.includes('::') && !line.includes('##['))
        return line;
    return line.replace(LEADING_COMMAND, `$1:${ZWSP}`).replace(LEGACY_COMMAND, `#${ZWSP}`);
}
/**
 * Whether the runner would execute `line` as a command; mirrors its two parsers
 * (used by tests and by callers that want to assert before printing).
 */
function isWorkflowCommand(line) {
    return line.split('\n').some((part) => {
        const trimmed = part.trimStart();
        return (trimmed.startsWith('::') && trimmed.indexOf('::', 2) >= 0) || /##\[[^\]]*\]/.test(part);
    });
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/adapters/runner-protocol.ts
/**
 * The runner's protocol, written directly: inputs from `INPUT_*`, log lines and workflow commands
 * on stdout, outputs and the job summary appended to the files the runner names.
 *
 * Why not `@actions/core`: importing it loads its OIDC client, and with it undici, http2, tls and
 * zlib: about 0.15 s of start-up in every run (bench/realistic-speed.ts), for the one call a
 * Workload Identity run needs (`getIDToken`), which main.ts still loads from `@actions/core` when
 * it needs it. The formats below are the documented ones, as `@actions/core` 3 writes them:
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */


/** The variable the runner passes an input in: `INPUT_` + the name upper-cased, spaces as `_`. */
function inputVariable(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
/** An input as the runner passes it, trimmed. */
function getInput(name, env = process.env) {
    return (env[inputVariable(name)] ?? '').trim();
}
/** `::name::message`, the message escaped so that it stays one command. */
function issueCommand(name, message) {
    stdoutLine(`::${name}::${escapeData(message)}`);
}
const info = (message) => stdoutLine(message);
const warning = (message) => issueCommand('warning', message);
const notice = (message) => issueCommand('notice', message);
/** Masks a value in the job log from here on. */
const setSecret = (secret) => issueCommand('add-mask', secret);
/** An error annotation, and the step fails when the process exits. */
function setFailed(message) {
    process.exitCode = 1;
    issueCommand('error', message);
}
/** A step output: a heredoc entry in `GITHUB_OUTPUT`; without that file, the old stdout command. */
function setOutput(name, value, env = process.env) {
    const file = env.GITHUB_OUTPUT ?? '';
    if (file === '') {
        stdoutLine('');
        stdoutLine(`::set-output name=${escapeProperty(name)}::${escapeData(value)}`);
        return;
    }
    appendFileCommand(file, 'GITHUB_OUTPUT', keyValueMessage(name, value));
}
/** Appends markdown to the job summary (`GITHUB_STEP_SUMMARY`), as `summary.addRaw(md, true).write()`. */
function appendSummary(markdown, env = process.env) {
    appendFileCommand(env.GITHUB_STEP_SUMMARY ?? '', 'GITHUB_STEP_SUMMARY', markdown);
}
/** `name<<delimiter` … `delimiter`, with a delimiter the value cannot contain. */
function keyValueMessage(name, value) {
    const delimiter = `ghadelimiter_${randomId()}`;
    // The value is checked, so the delimiter needs to be unlikely, not secret: a value holding it is
    // refused, which keeps the file unambiguous whatever the value is.
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`Unexpected output ${name}: it contains the delimiter ${delimiter}`);
    return `${name}<<${delimiter}${external_node_os_.EOL}${value}${external_node_os_.EOL}${delimiter}`;
}
/**
 * A version-4-shaped UUID from Math.random, as `@actions/core` writes one with `crypto.randomUUID`.
 * Not node:crypto: loading it costs the worker ~10 ms of start-up, and keyValueMessage refuses a
 * value holding the delimiter, so the delimiter only has to be unlikely.
 */
function randomId() {
    const hex = (n) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
    const variant = (8 + Math.floor(Math.random() * 4)).toString(16);
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}
function appendFileCommand(file, variable, text) {
    if (file === '')
        throw new Error(`Unable to find environment variable for file command ${variable}`);
    if (!(0,external_node_fs_.existsSync)(file))
        throw new Error(`Missing file at path: ${file} (${variable})`);
    (0,external_node_fs_.appendFileSync)(file, `${text}${external_node_os_.EOL}`, { encoding: 'utf8' });
}
function stdoutLine(text) {
    process.stdout.write(`${text}${external_node_os_.EOL}`);
}
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

;// CONCATENATED MODULE: ./src/adapters/actions-runtime.ts


/** The GitHub runner: log, outputs and job summary by its file and stdout protocol; the artifact through @actions/artifact. */
class ActionsRuntime {
    env;
    runUrl;
    constructor(env, runUrl) {
        this.env = env;
        this.runUrl = runUrl;
    }
    info(message) {
        info(neutralizeLines(message));
    }
    warning(message) {
        warning(neutralizeLines(message));
    }
    setOutput(name, value) {
        setOutput(name, value, this.env);
    }
    async writeSummary(markdown) {
        if (!this.env.GITHUB_STEP_SUMMARY) {
            info('No GITHUB_STEP_SUMMARY on this runner: job summary skipped.');
            return;
        }
        appendSummary(markdown, this.env);
    }
    async uploadArtifact(name, files, rootDir) {
        // The artifact service is only there inside a real workflow run (act, local runs lack it).
        if (!this.env.ACTIONS_RUNTIME_TOKEN || !this.env.ACTIONS_RESULTS_URL) {
            notice('The runner has no artifact service (ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL unset): worklog artifact not uploaded.');
            return '';
        }
        // Loaded here, not at start-up: the artifact client is megabytes of code a run without the
        // artifact service never needs (DESIGN §6: the run is bound by I/O, not by start-up).
        const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(293), __webpack_require__.e(659), __webpack_require__.e(669), __webpack_require__.e(21)]).then(__webpack_require__.bind(__webpack_require__, 83021));
        const { id } = await new DefaultArtifactClient().uploadArtifact(name, files, rootDir, { retentionDays: 30 });
        return id && this.runUrl ? `${this.runUrl}/artifacts/${id}` : '';
    }
}
function neutralizeLines(text) {
    return text.split('\n').map(neutralizeWorkflowCommands).join('\n');
}

;// CONCATENATED MODULE: ./src/adapters/read-file.ts

/** File contents, or null when the file does not exist (other errors still throw). */
function readIfExists(path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return null;
        throw error;
    }
}

// EXTERNAL MODULE: ./src/core/markdown/safe-markdown.ts
var safe_markdown = __webpack_require__(47868);
// EXTERNAL MODULE: ./src/core/redact/redact.ts
var redact_redact = __webpack_require__(89152);
;// CONCATENATED MODULE: ./src/core/report/render-failure.ts


/** The worklog of a run that stopped: what failed and what to do, never the secret that may be in the error. */
function renderFailure(error, context) {
    const message = describeErrorForLog(error);
    return [
        '# Log Gardener worklog: run failed',
        '',
        `The run stopped before it finished. Source: ${(0,safe_markdown/* safeText */.Hk)(context.source)}. No issue was changed after this point.`,
        '',
        '## Error',
        '',
        (0,safe_markdown/* codeBlock */.DV)(message),
        '',
    ].join('\n');
}
/** Message of anything thrown, Error or not; never loses a non-Error throw. */
function describeError(error) {
    if (error instanceof Error)
        return error.message || error.name;
    if (typeof error === 'string')
        return error;
    try {
        return `Non-Error thrown: ${JSON.stringify(error)}`;
    }
    catch {
        return `Non-Error thrown: ${String(error)}`;
    }
}
/**
 * The message to print in a log or worklog. Errors that redacted what they quote from outside
 * (`preRedacted`, e.g. GoogleSetupError) print as they are: running the secret patterns over the
 * whole text would hide the fix (`id-token: write`, the service account in a gcloud command).
 */
function describeErrorForLog(error) {
    const preRedacted = error instanceof Error && error.preRedacted === true;
    return preRedacted ? describeError(error) : (0,redact_redact/* redactText */.Rd)(describeError(error), { ips: false });
}

;// CONCATENATED MODULE: ./src/adapters/file-chunks.ts
/**
 * A file's bytes in order, as positioned reads into two buffers that take turns: while one
 * chunk is being used, the next is read into the other. A chunk is valid only until the next one
 * is asked for: that starts the read after it into this chunk's buffer (the caller decodes a
 * chunk before asking for more).
 *
 * Why not fs.createReadStream: a stream allocates a fresh buffer for every chunk, and streaming
 * a 200 MB export through one cost 0.86 s where these reads took 0.73 s, in a script that only
 * reads and JSON.parses each line (median of 8, alternating; 1.09 against 0.81 s of CPU). The
 * stream also loads fs/promises and readline on its first read.
 */

function promised(call) {
    return new Promise((resolve, reject) => call((error, value) => (error ? reject(error) : resolve(value))));
}
async function* readChunks(path, chunkBytes) {
    const fd = await promised((done) => (0,external_node_fs_.open)(path, 'r', done));
    const buffers = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
    let position = 0;
    let turn = 0;
    const next = () => promised((done) => (0,external_node_fs_.read)(fd, buffers[turn % 2], 0, chunkBytes, position, done));
    let pending = next();
    try {
        for (;;) {
            const bytes = await pending;
            pending = null;
            if (bytes === 0)
                return;
            const chunk = buffers[turn % 2].subarray(0, bytes);
            position += bytes;
            turn++;
            pending = next();
            yield chunk;
        }
    }
    finally {
        // A read still in flight must end before its descriptor closes.
        if (pending)
            await pending.catch(() => 0);
        await promised((done) => (0,external_node_fs_.close)(fd, (error) => done(error, undefined)));
    }
}

;// CONCATENATED MODULE: ./src/core/read/json-array-splitter.ts
/**
 * Incremental splitter for a log export: a top-level JSON array (`gcloud logging read
 * --format=json`, pretty-printed, possibly gigabytes) or newline-delimited JSON. Fed string
 * chunks, it returns the text of each complete element/line; only one element is ever held.
 * It tracks strings, escapes and depth itself so that the whole file is never parsed at once.
 */
/** An element larger than this is not a LogEntry (256 KiB max): the file is corrupt. */
const MAX_ELEMENT_CHARS = 16 * 1024 * 1024;
const QUOTE = 34; // "
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const NEWLINE = 10;
class JsonArraySplitter {
    mode = 'detect';
    /** Problems found in the structure (not in element JSON), by reason. */
    problems = {};
    parts = [];
    partChars = 0;
    /** Array mode: nesting depth inside the current element (0 = between elements). */
    depth = 0;
    inString = false;
    /** Array mode: the current element is a scalar (number, literal) ended by `,` or `]`. */
    inScalar = false;
    closed = false;
    sawContent = false;
    /** Feeds the next chunk; returns the texts of the elements (or NDJSON lines) it completed. */
    push(chunk) {
        const out = [];
        let start = 0;
        if (this.mode === 'detect') {
            if (!this.sawContent && chunk.charCodeAt(0) === 0xfeff)
                start = 1;
            while (start < chunk.length && isWhitespace(chunk.charCodeAt(start)))
                start++;
            if (start === chunk.length)
                return out;
            this.sawContent = true;
            const first = chunk.charCodeAt(start);
            if (first === OPEN_BRACKET) {
                this.mode = 'array';
                start++;
            }
            else if (first === OPEN_BRACE) {
                this.mode = 'ndjson';
            }
            else {
                this.mode = 'invalid';
                this.count('top level is neither a JSON array nor JSON objects');
                return out;
            }
        }
        if (this.mode === 'array')
            this.scanArray(chunk, start, out);
        else if (this.mode === 'ndjson')
            this.scanLines(chunk, start, out);
        else if (this.mode === 'after-array')
            this.checkTrailing(chunk, start);
        return out;
    }
    /** Call at end of input; returns a final NDJSON line without a trailing newline. */
    end() {
        const rest = this.takeParts();
        if (this.mode === 'detect' && !this.sawContent)
            this.count('empty file');
        if (this.mode === 'ndjson')
            return rest.trim() === '' ? [] : [rest];
        if (this.mode === 'array' && !this.closed) {
            if (rest.trim() !== '')
                this.count('truncated file: incomplete element at the end');
            else
                this.count('truncated file: array not closed');
        }
        return [];
    }
    scanArray(chunk, from, out) {
        let i = from;
        let elementStart = this.depth > 0 || this.inScalar || this.inString ? from : -1;
        const length = chunk.length;
        while (i < length) {
            if (this.inString) {
                const quote = chunk.indexOf('"', i);
                if (quote < 0) {
                    i = length;
                    break;
                }
                i = quote + 1;
                if (!isEscaped(chunk, quote, this.parts))
                    this.inString = false;
                if (!this.inString && this.depth === 0 && !this.inScalar) {
                    // A top-level string element ends with its closing quote.
                    this.emit(chunk, elementStart, i, out);
                    elementStart = -1;
                }
                continue;
            }
            const code = chunk.charCodeAt(i);
            if (this.depth > 0) {
                if (code === QUOTE)
                    this.inString = true;
                else if (code === OPEN_BRACE || code === OPEN_BRACKET)
                    this.depth++;
                else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
                    this.depth--;
                    if (this.depth === 0) {
                        this.emit(chunk, elementStart, i + 1, out);
                        elementStart = -1;
                    }
                }
                i++;
                continue;
            }
            if (this.inScalar) {
                if (code === COMMA || code === CLOSE_BRACKET || isWhitespace(code)) {
                    this.emit(chunk, elementStart, i, out);
                    elementStart = -1;
                    this.inScalar = false;
                    continue; // re-examine the delimiter between elements
                }
                i++;
                continue;
            }
            // Between elements.
            if (code === OPEN_BRACE || code === OPEN_BRACKET) {
                elementStart = i;
                this.depth = 1;
            }
            else if (code === QUOTE) {
                elementStart = i;
                this.inString = true;
            }
            else if (code === CLOSE_BRACKET) {
                this.closed = true;
                this.mode = 'after-array';
                this.checkTrailing(chunk, i + 1);
                return;
            }
            else if (code !== COMMA && !isWhitespace(code)) {
                elementStart = i;
                this.inScalar = true;
            }
            i++;
        }
        if (elementStart >= 0)
            this.keep(chunk.slice(elementStart));
    }
    scanLines(chunk, from, out) {
        let start = from;
        for (;;) {
            const newline = chunk.indexOf('\n', start);
            if (newline < 0)
                break;
            const line = this.parts.length > 0 ? this.takeParts() + chunk.slice(start, newline) : chunk.slice(start, newline);
            if (!isBlank(line))
                out.push(line);
            start = newline + 1;
        }
        if (start < chunk.length)
            this.keep(chunk.slice(start));
    }
    checkTrailing(chunk, from) {
        for (let i = from; i < chunk.length; i++) {
            if (!isWhitespace(chunk.charCodeAt(i))) {
                this.count('trailing content after the JSON array');
                this.mode = 'failed';
                return;
            }
        }
    }
    emit(chunk, start, end, out) {
        const tail = chunk.slice(start < 0 ? 0 : start, end);
        out.push(this.parts.length > 0 ? this.takeParts() + tail : tail);
    }
    keep(text) {
        this.parts.push(text);
        this.partChars += text.length;
        if (this.partChars > MAX_ELEMENT_CHARS) {
            this.count(`element larger than ${MAX_ELEMENT_CHARS / 1024 / 1024} MiB: rest of the file skipped`);
            this.parts = [];
            this.partChars = 0;
            this.mode = 'failed';
        }
    }
    takeParts() {
        const text = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
        this.parts = [];
        this.partChars = 0;
        return text;
    }
    count(reason) {
        this.problems[reason] = (this.problems[reason] ?? 0) + 1;
    }
}
function isWhitespace(code) {
    return code === 32 || code === NEWLINE || code === 13 || code === 9;
}
function isBlank(line) {
    for (let i = 0; i < line.length; i++)
        if (!isWhitespace(line.charCodeAt(i)))
            return false;
    return true;
}
/** Odd number of backslashes before the quote (possibly continuing from the previous chunk). */
function isEscaped(chunk, quote, previous) {
    let backslashes = 0;
    let i = quote - 1;
    while (i >= 0 && chunk.charCodeAt(i) === BACKSLASH) {
        backslashes++;
        i--;
    }
    if (i < 0) {
        for (let p = previous.length - 1; p >= 0; p--) {
            const part = previous[p];
            let j = part.length - 1;
            while (j >= 0 && part.charCodeAt(j) === BACKSLASH) {
                backslashes++;
                j--;
            }
            if (j >= 0)
                break;
        }
    }
    return backslashes % 2 === 1;
}

;// CONCATENATED MODULE: ./src/adapters/file-logs.ts
/** `logs-file`: an exported JSON array or NDJSON file, read a chunk at a time (flat memory on any size). */



/** The `logs-file` input names a file that cannot be read. */
class LogsFileError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'LogsFileError';
    }
}
/** One read: few reads, and the next is read ahead while this one is parsed (file-chunks.ts). */
const READ_BYTES = 1024 * 1024;
/**
 * Bytes decoded into one string. Below V8's large-object size (128 KiB), so each string is an
 * ordinary young object that dies young, rather than a large object that lives until the next
 * scavenge and counts toward growing the young generation.
 */
const DECODE_BYTES = 64 * 1024;
class FileLogSource {
    path;
    unreadable = {};
    notes = [];
    constructor(path) {
        this.path = path;
    }
    /**
     * Entries one at a time, as LogSource promises. Hand-written rather than an async generator:
     * a generator costs several promises and microtask turns per entry (a million of them); this
     * returns an already-resolved promise per entry and awaits only once per decoded piece.
     */
    read() {
        return { [Symbol.asyncIterator]: () => this.entries(this.textBatches()) };
    }
    /**
     * The same entries, in arrays of a few dozen (the lines of one decoded piece): a consumer that
     * loops over each array pays one await per batch instead of one per entry.
     */
    async *readBatches() {
        for await (const batch of this.textBatches()) {
            const values = [];
            for (const text of batch.texts) {
                const value = this.parse(text, batch.ndjson);
                if (value !== undefined)
                    values.push(value);
            }
            if (values.length > 0)
                yield values;
        }
    }
    entries(batches) {
        let batch = { texts: [], ndjson: true };
        let index = 0;
        /** The next parsable entry of the current batch, undefined when it has none left. */
        const take = () => {
            while (index < batch.texts.length) {
                const value = this.parse(batch.texts[index++], batch.ndjson);
                if (value !== undefined)
                    return value;
            }
            return undefined;
        };
        const refill = async () => {
            for (;;) {
                const next = await batches.next();
                if (next.done)
                    return { value: undefined, done: true };
                batch = next.value;
                index = 0;
                const value = take();
                if (value !== undefined)
                    return { value, done: false };
            }
        };
        return {
            // For await asks for one entry at a time; nothing here supports overlapping calls.
            next: () => {
                const value = take();
                return value !== undefined ? Promise.resolve({ value, done: false }) : refill();
            },
            return: async () => {
                batch = { texts: [], ndjson: true };
                await batches.return(undefined);
                return { value: undefined, done: true };
            },
        };
    }
    async *textBatches() {
        this.checkReadable();
        const splitter = new JsonArraySplitter();
        // ignoreBOM keeps a byte-order mark in the text: the splitter skips it itself.
        const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
        try {
            // A chunk's buffer is read into again once the next chunk is asked for: every piece is decoded (copied) first.
            for await (const chunk of readChunks(this.path, READ_BYTES)) {
                for (let at = 0; at < chunk.length; at += DECODE_BYTES) {
                    const text = decoder.decode(chunk.subarray(at, at + DECODE_BYTES), { stream: true });
                    const texts = splitter.push(text);
                    if (texts.length > 0)
                        yield { texts, ndjson: splitter.mode === 'ndjson' };
                }
            }
            // An incomplete character at the very end becomes U+FFFD, as it did with encoding: 'utf8'.
            const last = decoder.decode();
            if (last !== '')
                yield { texts: splitter.push(last), ndjson: splitter.mode === 'ndjson' };
        }
        catch (error) {
            throw new LogsFileError(`logs-file: reading '${this.path}' failed: ${describe(error)}`, { cause: error });
        }
        yield { texts: splitter.end(), ndjson: splitter.mode === 'ndjson' };
        for (const [reason, count] of Object.entries(splitter.problems))
            this.count(reason, count);
        if (splitter.mode === 'ndjson')
            this.notes.push(`Read ${this.path} as newline-delimited JSON.`);
        else if (splitter.mode === 'array' || splitter.mode === 'after-array')
            this.notes.push(`Read ${this.path} as a JSON array.`);
    }
    info() {
        return {
            source: `file:${this.path}`,
            query: '',
            sampleFraction: 1,
            unreadable: { ...this.unreadable },
            notes: [...this.notes],
            requests: 0,
        };
    }
    checkReadable() {
        let isFile = false;
        try {
            // statSync, not fs/promises: one call, and fs/promises loads readline (~4 ms of start-up).
            isFile = (0,external_node_fs_.statSync)(this.path).isFile();
        }
        catch (error) {
            throw new LogsFileError(`logs-file: cannot read '${this.path}': ${describe(error)}. Check the path (relative paths start at the working directory).`, {
                cause: error,
            });
        }
        if (!isFile)
            throw new LogsFileError(`logs-file: '${this.path}' is not a file. Give the path of an exported JSON or NDJSON file.`);
    }
    parse(text, ndjson) {
        try {
            return JSON.parse(text);
        }
        catch {
            this.count(ndjson ? 'bad JSON line' : 'bad JSON element');
            return undefined;
        }
    }
    count(reason, by = 1) {
        this.unreadable[reason] = (this.unreadable[reason] ?? 0) + by;
    }
}
/** `ENOENT: no such file or directory` without the syscall noise (errors may come from another realm). */
function describe(error) {
    const { code, message } = (error ?? {});
    if (typeof code === 'string') {
        const text = typeof message === 'string' ? message.replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '') : '';
        return text === '' ? code : `${code}: ${text}`;
    }
    return typeof message === 'string' ? message : String(error);
}

;// CONCATENATED MODULE: ./src/core/prioritize/default-rules.ts
/** A regex source that matches when the text has both a dependency and a failure word. */
function both(a, b) {
    return `^(?=[\\s\\S]*(?:${a}))(?=[\\s\\S]*(?:${b}))`;
}
const DEPENDENCY = 'database|postgres|psql|pgx|\\bpq:|psycopg|asyncpg|hikari|statement timeout|mysql|cloud ?sql|sqlalchemy|jdbc|\\bdb\\b|redis|memcache|pub/?sub|spanner|firestore|mongo|' +
    ':5432\\b|:6432\\b|:3306\\b|:6379\\b|connection pool|auth(?:entication)?[ -](?:service|server|provider)|oauth|identity provider';
const UNREACHABLE = 'timed? ?out|timeout|refused|ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|unreachable|no route to host|' +
    "(?:could not|couldn't|can't|cannot|unable to|failed to) connect|connection reset|too many connections|" +
    'remaining connection slots|dial error|deadline exceeded|name resolution|getaddrinfo';
const ROLLBACK = 'Roll traffic back to the last good revision: `gcloud run services update-traffic SERVICE --to-revisions=REVISION=100`.';
function clientNoise(id, status) {
    return {
        id,
        match: { kind: 'request', status: [status, status] },
        priority: 'ignore',
        reason: "clients' 401 (signed out), 404 (stale links) and 422 (invalid input) are the service working as designed",
        likelyCauses: [],
        recommendedActions: [],
        escalate: false,
    };
}
const DEFAULT_RULES = [
    {
        id: 'noise-health-check',
        match: {
            kind: 'request',
            status: [404, 404],
            message: '/(?:healthz?|health-check|readyz|livez|ping|_ah/health|favicon\\.ico|robots\\.txt)\\b',
        },
        priority: 'ignore',
        reason: 'health-check and crawler 404s are noise',
        likelyCauses: ['An uptime check or crawler probes a path the service does not serve.'],
        recommendedActions: ['Point the uptime check at a path that exists, or serve the health path.'],
        escalate: false,
    },
    {
        // Scanners probe every public service for well-known files; their 4xx say nothing about it.
        id: 'noise-scanners',
        match: { kind: 'request', status: [400, 499], message: 'scanner probes' },
        priority: 'ignore',
        reason: 'vulnerability scanners and crawlers probing for well-known files',
        likelyCauses: [
            'Internet-wide scanners (Censys, zgrab, Nuclei…) request /.env, /wp-login.php, /.git/config and the like.',
        ],
        recommendedActions: ['Nothing to fix; a WAF or Cloud Armor rule can drop them before they reach the service.'],
        escalate: false,
    },
    // The service answering 401/404/422 to a client is it working as designed (a stale link, an
    // expired session, a form with a mistake), not a problem to file. One rule per status, ids kept.
    ...[
        ['noise-client-errors', 401],
        ['noise-client-404', 404],
        ['noise-client-422', 422],
    ].map(([id, status]) => clientNoise(id, status)),
    {
        id: 'noise-successful-requests',
        match: { kind: 'request', status: [100, 399] },
        priority: 'ignore',
        reason: 'successful requests are not a problem',
        likelyCauses: [],
        recommendedActions: [],
        escalate: false,
    },
    {
        // A failed call is at least ERROR (the normaliser raises it when the log says less), so an
        // audit cluster at NOTICE or below is routine admin activity or data access: no status, or code 0.
        id: 'noise-audit-success',
        match: { logName: '^cloudaudit\\.googleapis\\.com/', maxSeverity: 'NOTICE' },
        priority: 'ignore',
        reason: 'successful audited calls (admin activity, data access, system events) are not a problem',
        likelyCauses: [],
        recommendedActions: [],
        escalate: false,
    },
    {
        id: 'secret-or-key-unavailable',
        match: {
            message: 'secretmanager\\.versions\\.access|Secret Manager.*(?:denied|not found)|is not enabled, current state is: (?:DISABLED|DESTROYED)|' +
                'CryptoKeyVersion.*(?:DISABLED|DESTROYED|is not enabled)|KMS key.*(?:disabled|destroyed)',
            severity: 'ERROR',
        },
        priority: 'P0',
        reason: 'a key or secret the service needs cannot be used: every operation that needs it fails',
        likelyCauses: [
            'A Cloud KMS key version was disabled or destroyed, or a secret version was disabled.',
            'The service account lost its IAM binding (roles/secretmanager.secretAccessor, roles/cloudkms.cryptoKeyEncrypterDecrypter).',
        ],
        recommendedActions: [
            'Re-enable the key or secret version (check the audit log for who disabled it), or restore the IAM binding.',
            'Check every service that uses the same key or secret.',
        ],
        escalate: false,
    },
    {
        id: 'startup-failure',
        match: {
            message: 'ImportError|ModuleNotFoundError|ClassNotFoundException|NoClassDefFoundError|Cannot find module|ERR_MODULE_NOT_FOUND|' +
                'Worker failed to boot|Application startup failed|APPLICATION FAILED TO START|failed to start and listen on the port|' +
                'exec format error|exec user process caused',
        },
        priority: 'P0',
        reason: 'the service cannot start: it fails while loading its code',
        likelyCauses: [
            'The last deploy ships code that imports a module, class or name that does not exist (renamed, removed, or missing from the image).',
            'A dependency is missing from requirements/package.json or the lock file, or the image was built from the wrong stage.',
            'The entrypoint or the PORT the container listens on is wrong.',
        ],
        recommendedActions: [
            ROLLBACK,
            'Compare the failing revision with the last good one (deploy diff, dependency lock file) and fix the import.',
            'Add an import/startup smoke test to CI (e.g. `python -c "import app"` or starting the container) so this cannot ship again.',
        ],
        escalate: true,
    },
    {
        id: 'crash-loop',
        match: { message: 'Container called exit\\((?!0\\))\\d+\\)|failed to start and listen on the port', minCount: 3 },
        priority: 'P1',
        reason: 'containers exit again and again: the service is in a crash loop (a symptom: its startup error is the cause)',
        likelyCauses: [
            'The process exits during startup on every new instance (see the startup error cluster).',
            'A required secret, env var or dependency is missing.',
        ],
        recommendedActions: [ROLLBACK, 'Read the stderr lines just before each exit to find the fatal error.'],
        escalate: false,
    },
    {
        id: 'dependency-down',
        match: { message: both(DEPENDENCY, UNREACHABLE), persistent: true },
        priority: 'P0',
        reason: 'a core dependency (database, cache, messaging or auth) is down or unreachable',
        likelyCauses: [
            'The database instance is down, restarting, failing over or out of connections.',
            'Network path broken: VPC connector / Direct VPC egress, firewall rule, private IP or Cloud SQL connector settings changed.',
            'Credentials or IAM for the dependency changed.',
        ],
        recommendedActions: [
            'Check the dependency’s health and connection count (Cloud SQL: instance status, `max_connections`, recent operations).',
            'Check the VPC connector / egress settings and firewall rules between the service and the host in the error.',
            'Cap the connection pool and add retries with backoff and a circuit breaker so requests fail fast.',
        ],
        escalate: true,
    },
    {
        id: 'critical-severity',
        match: { severity: 'CRITICAL' },
        priority: 'P0',
        reason: 'logged at CRITICAL or above',
        likelyCauses: ['The application reports a condition it considers fatal.'],
        recommendedActions: ['Read the sample entry and its trace; page the owning team.'],
        escalate: true,
    },
    {
        id: 'dependency-error-brief',
        match: { message: both(DEPENDENCY, UNREACHABLE), persistent: false },
        priority: 'P2',
        reason: 'a dependency error seen briefly (fewer than 5 entries within 2 minutes): not yet an outage; watch whether it persists',
        likelyCauses: ['A transient network blip, a failover, or a pool briefly exhausted.'],
        recommendedActions: ['Check whether it recurs in the next window; make sure the call retries with backoff.'],
        escalate: true,
    },
    {
        id: 'out-of-memory',
        match: {
            message: 'OutOfMemoryError|MemoryError|Memory limit of .* exceeded|out of memory|OOMKilled|JavaScript heap out of memory|' +
                'terminated on signal 9|signal: killed|SIGKILL|Exceeded (?:soft|hard) memory limit',
        },
        priority: 'P1',
        reason: 'instances run out of memory and are killed',
        likelyCauses: [
            'A memory leak or an unbounded cache/buffer.',
            'The memory limit is too low for the concurrency setting or the input size.',
        ],
        recommendedActions: ['Raise the memory limit or lower concurrency; take a heap profile of a busy instance.'],
        escalate: true,
    },
    {
        id: 'request-429',
        match: { kind: 'request', status: [429, 429] },
        priority: 'P2',
        reason: 'requests are refused for capacity: no available instance, or a rate limit',
        likelyCauses: [
            'max-instances reached (Cloud Run answers 429 "no available instance").',
            'A quota or rate limit of the service or its API gateway.',
        ],
        recommendedActions: ['Raise max-instances or concurrency, or find the traffic spike in the timeline.'],
        escalate: true,
    },
    {
        id: 'request-5xx',
        match: { kind: 'request', status: [500, 599], persistent: true },
        priority: 'P1',
        reason: 'users get server errors (HTTP 5xx)',
        likelyCauses: [
            'The service or a backend it calls is failing (see the P0 clusters of the same minutes).',
            '502/503 with "malformed response or connection error": no healthy instance could answer.',
            '504: requests hit the request timeout (slow dependency).',
        ],
        recommendedActions: [
            'Find the backend error in the same minutes (timeline) and fix or roll back that first.',
            'Check the error rate per revision; roll back if it started with a deploy.',
        ],
        escalate: true,
    },
    {
        id: 'unhandled-exception',
        match: { kind: 'exception', severity: 'ERROR', minCount: 5 },
        priority: 'P1',
        reason: 'an exception with a stack trace escapes to the logs',
        likelyCauses: [
            'A code path raises without handling; see the in-app frames.',
            'An upstream call fails and the error is not handled.',
        ],
        recommendedActions: ['Open the top in-app frame, reproduce with the sample’s input and handle or fix the error.'],
        escalate: true,
    },
    {
        id: 'request-5xx-brief',
        match: { kind: 'request', status: [500, 599] },
        priority: 'P2',
        reason: 'a few server errors (fewer than 5 within 2 minutes)',
        likelyCauses: ['A transient failure of the service or a backend.'],
        recommendedActions: ['Find the backend error of the same minute; check whether it recurs.'],
        escalate: true,
    },
    {
        id: 'exception-brief',
        match: { kind: 'exception', severity: 'ERROR' },
        priority: 'P2',
        reason: 'an exception with a stack trace, seen a few times (fewer than 5)',
        likelyCauses: ['A code path raises on some input; see the in-app frames.'],
        recommendedActions: ['Open the top in-app frame and reproduce with the sample’s input.'],
        escalate: true,
    },
    {
        id: 'instance-start-failure',
        match: {
            message: 'STARTUP (?:TCP|HTTP|GRPC) probe failed|instance was not started|HTTP response was malformed or connection to the instance had an error|' +
                'Ready condition status changed to False|Container called exit\\(|Back-off restarting failed container|CrashLoopBackOff|' +
                'Liveness probe failed|Readiness probe failed',
        },
        priority: 'P2',
        reason: 'the platform reports instance start failures or container exits',
        likelyCauses: [
            'The container is slow to listen on PORT or exits during startup.',
            'The startup probe is too strict for the cold start time.',
        ],
        recommendedActions: [
            'Check the startup logs of the failing instances; tune the startup probe or enable startup CPU boost.',
        ],
        escalate: false,
    },
    {
        id: 'timeout',
        match: {
            message: 'upstream request timeout|maximum request timeout|deadline exceeded|DEADLINE_EXCEEDED|timed out|timeout',
        },
        priority: 'P2',
        reason: 'requests or calls time out',
        likelyCauses: [
            'A slow dependency or a long-running handler.',
            'The request timeout is shorter than the work needs.',
        ],
        recommendedActions: [
            'Find the slow call in the trace; add timeouts below the request timeout and move long work to a job or queue.',
        ],
        escalate: true,
    },
    {
        id: 'error-log',
        match: { severity: 'ERROR' },
        priority: 'P2',
        reason: 'error logs without a stack trace',
        likelyCauses: ['A handled failure the application reports as an error.'],
        recommendedActions: ['Read the samples; decide whether it needs a fix, a lower log level or an ignore rule.'],
        escalate: true,
    },
    {
        id: 'config-hygiene',
        match: {
            message: 'deprecat|is not set|not configured|falling back to|using default|misconfigur|unknown (?:option|setting|config)',
            severity: 'WARNING',
        },
        priority: 'P3',
        reason: 'configuration hygiene: deprecated or missing settings',
        likelyCauses: ['A setting was renamed or deprecated; the service still runs on a fallback.'],
        recommendedActions: [
            'Update the service configuration (env vars, secrets) to the new names before the fallback is removed.',
        ],
        escalate: false,
    },
    {
        id: 'client-errors',
        match: { kind: 'request', status: [400, 499] },
        priority: 'P3',
        reason: 'clients get 4xx responses',
        likelyCauses: ['Broken links, an old client version, or an auth/session problem.'],
        recommendedActions: ['Check the routes and user agents in the samples.'],
        escalate: false,
    },
    {
        id: 'warning',
        match: { severity: 'WARNING' },
        priority: 'P3',
        reason: 'warnings',
        likelyCauses: [],
        recommendedActions: ['Review the warning; fix it or add an ignore rule.'],
        escalate: true,
    },
    {
        // A stack trace is never "informational" because of its level: a logger that reports a
        // caught exception at DEBUG/INFO, or mislabels a crash, still shows a failure.
        id: 'exception-below-warning',
        match: { kind: 'exception', maxSeverity: 'NOTICE' },
        priority: 'P3',
        reason: 'an exception with a stack trace, logged below WARNING (handled, or a mislabelling logger)',
        likelyCauses: ['The code caught the exception and logged it at a low level, or the logger sets no severity.'],
        recommendedActions: [
            'Check whether the exception is expected; if it is handled, log it without the stack or add an ignore rule.',
        ],
        escalate: false,
    },
    {
        id: 'informational',
        match: { maxSeverity: 'NOTICE' },
        priority: 'ignore',
        reason: 'informational entries are not a problem',
        likelyCauses: [],
        recommendedActions: [],
        escalate: false,
    },
];

;// CONCATENATED MODULE: ./src/core/prioritize/rules-config-sections.ts
const SPLIT_FIELDS = ['service', 'revision', 'logName', 'resourceType', 'status', 'severity'];
function isDict(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function show(value) {
    return typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
}
function readList(value, path, fail) {
    if (value === undefined || value === null)
        return [];
    if (!Array.isArray(value)) {
        fail(path, `expected a list (YAML \`- item\` lines); got ${show(value)}`);
        return [];
    }
    return value;
}
/** `503`, `"5xx"`, `"500-599"` or `[500, 599]` → inclusive range. */
function parseStatusRange(value) {
    const valid = (n) => Number.isInteger(n) && n >= 100 && n <= 599;
    if (typeof value === 'number')
        return valid(value) ? [value, value] : undefined;
    if (Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number' && valid(n))) {
        const [lo, hi] = value;
        return lo <= hi ? [lo, hi] : undefined;
    }
    if (typeof value !== 'string')
        return undefined;
    const text = value.trim().toLowerCase();
    const family = /^([1-5])xx$/.exec(text);
    if (family)
        return [Number(family[1]) * 100, Number(family[1]) * 100 + 99];
    const range = /^(\d{3})\s*-\s*(\d{3})$/.exec(text);
    if (range)
        return parseStatusRange([Number(range[1]), Number(range[2])]);
    return /^\d{3}$/.test(text) ? parseStatusRange(Number(text)) : undefined;
}
function checkRegex(value, path, fail) {
    if (typeof value !== 'string' || value === '') {
        fail(path, `expected a regular expression as text; got ${show(value)}`);
        return false;
    }
    try {
        new RegExp(value, 'i');
        return true;
    }
    catch (error) {
        fail(path, `invalid regular expression ${show(value)}: ${error.message}. JavaScript syntax; escape special characters with \\\\`);
        return false;
    }
}
function readStrings(value, path, fail) {
    if (value === undefined || value === null)
        return [];
    if (typeof value === 'string')
        return [value];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
        return value;
    fail(path, `expected a list of texts; got ${show(value)}`);
    return [];
}
function readIgnore(item, path, fail) {
    if (typeof item === 'string')
        return checkRegex(item, path, fail) ? [{ match: item }] : [];
    if (!isDict(item)) {
        fail(path, `expected a regular expression or a mapping {match, service}; got ${show(item)}`);
        return [];
    }
    let ok = true;
    for (const key of Object.keys(item)) {
        if (key !== 'match' && key !== 'service') {
            fail(`${path}.${key}`, 'unknown key; use match and service');
            ok = false;
        }
    }
    ok = checkRegex(item.match, `${path}.match`, fail) && ok;
    if (item.service !== undefined)
        ok = checkRegex(item.service, `${path}.service`, fail) && ok;
    if (!ok)
        return [];
    return [
        item.service === undefined
            ? { match: item.match }
            : { match: item.match, service: item.service },
    ];
}
function readGrouping(item, path, fail) {
    if (!isDict(item)) {
        fail(path, `expected a mapping {match, fingerprint} or {match, splitBy}; got ${show(item)}`);
        return [];
    }
    let ok = checkRegex(item.match, `${path}.match`, fail);
    for (const key of Object.keys(item)) {
        if (!['match', 'fingerprint', 'title', 'splitBy'].includes(key)) {
            fail(`${path}.${key}`, 'unknown key; use match with fingerprint (and title) or splitBy');
            ok = false;
        }
    }
    const hasFingerprint = item.fingerprint !== undefined;
    const hasSplit = item.splitBy !== undefined;
    if (hasFingerprint === hasSplit) {
        fail(path, 'give exactly one of fingerprint (merge matching entries) or splitBy (separate them by a field)');
        return [];
    }
    if (hasFingerprint && (typeof item.fingerprint !== 'string' || !/^[\w.-]{1,64}$/.test(item.fingerprint))) {
        fail(`${path}.fingerprint`, `${show(item.fingerprint)}: use 1-64 letters, digits, '.', '_' or '-'`);
        ok = false;
    }
    if (hasSplit && !SPLIT_FIELDS.includes(item.splitBy)) {
        fail(`${path}.splitBy`, `${show(item.splitBy)} is not one of ${SPLIT_FIELDS.join(', ')}`);
        ok = false;
    }
    if (item.title !== undefined && (!hasFingerprint || typeof item.title !== 'string' || item.title.trim() === '')) {
        fail(`${path}.title`, 'a non-empty text, only with fingerprint (it titles the merged problem)');
        ok = false;
    }
    if (!ok)
        return [];
    return [
        hasFingerprint
            ? {
                match: item.match,
                fingerprint: item.fingerprint,
                ...(typeof item.title === 'string' ? { title: item.title.trim().slice(0, 200) } : {}),
            }
            : { match: item.match, splitBy: item.splitBy },
    ];
}
function readServices(value, fail) {
    const services = {};
    if (value === undefined || value === null)
        return services;
    if (!isDict(value)) {
        fail('services', `expected a mapping of service name → {labels, assignees}; got ${show(value)}`);
        return services;
    }
    for (const [name, settings] of Object.entries(value)) {
        const path = `services.${name}`;
        if (!isDict(settings)) {
            fail(path, `expected a mapping with labels and/or assignees; got ${show(settings)}`);
            continue;
        }
        for (const key of Object.keys(settings))
            if (key !== 'labels' && key !== 'assignees')
                fail(`${path}.${key}`, 'unknown key; use labels and assignees');
        const labels = readStrings(settings.labels, `${path}.labels`, fail);
        const assignees = readStrings(settings.assignees, `${path}.assignees`, fail).map((login) => login.replace(/^@/, ''));
        services[name] = { labels, assignees };
    }
    return services;
}

;// CONCATENATED MODULE: ./src/core/prioritize/rules-config.ts
/**
 * The user's rules file (`config`, YAML already parsed): priority rules, ignore patterns,
 * custom grouping and per-service labels/assignees. Validation reports every error at once,
 * each naming the key path and the fix. Format: docs/rules.md.
 */





const KINDS = ['exception', 'request', 'message'];
const MATCH_KEYS = [
    'message',
    'errorType',
    'kind',
    'severity',
    'maxSeverity',
    'status',
    'service',
    'logName',
    'minCount',
    'persistent',
];
const RULE_KEYS = ['id', 'match', 'priority', 'reason', 'likelyCauses', 'recommendedActions', 'escalate', 'enabled'];
const TOP_KEYS = ['rules', 'ignore', 'grouping', 'services'];
function defaultRulesConfig() {
    return { rules: DEFAULT_RULES.map(copyRule), ignore: [], grouping: [], services: {} };
}
function copyRule(rule) {
    return {
        ...rule,
        match: { ...rule.match },
        likelyCauses: [...rule.likelyCauses],
        recommendedActions: [...rule.recommendedActions],
    };
}
/** Validates a parsed YAML rules file; invalid entries are dropped and reported, the rest applies. */
function parseRulesConfig(raw, source) {
    const errors = [];
    const fail = ((path, message) => {
        errors.push(`${source}: ${path}: ${message}`);
        fail.count++;
    });
    fail.count = 0;
    const config = defaultRulesConfig();
    if (raw === null || raw === undefined)
        return { config, errors };
    if (!isDict(raw)) {
        fail('(top level)', `expected a mapping with keys ${TOP_KEYS.join(', ')}; got ${show(raw)}`);
        return { config, errors };
    }
    for (const key of Object.keys(raw)) {
        if (!TOP_KEYS.includes(key))
            fail(key, `unknown key; use one of ${TOP_KEYS.join(', ')}`);
    }
    config.rules = mergeRules(readList(raw.rules, 'rules', fail).flatMap((item, i) => readRule(item, `rules[${i}]`, fail)), fail);
    config.ignore = readList(raw.ignore, 'ignore', fail).flatMap((item, i) => readIgnore(item, `ignore[${i}]`, fail));
    config.grouping = readList(raw.grouping, 'grouping', fail).flatMap((item, i) => readGrouping(item, `grouping[${i}]`, fail));
    config.services = readServices(raw.services, fail);
    return { config, errors };
}
/** User rules first; a user rule with a default's id replaces it; `enabled: false` removes it. */
function mergeRules(user, fail) {
    const seen = new Set();
    const active = [];
    user.forEach((rule, i) => {
        if (seen.has(rule.id))
            fail(`rules[${i}].id`, `duplicate id ${show(rule.id)}; give each rule its own id`);
        seen.add(rule.id);
        if (rule.enabled !== false) {
            const clean = { ...rule };
            delete clean.enabled;
            active.push(clean);
        }
    });
    return [...active, ...DEFAULT_RULES.filter((rule) => !seen.has(rule.id)).map(copyRule)];
}
function readRule(item, path, fail) {
    if (!isDict(item)) {
        fail(path, `expected a mapping with id, match and priority; got ${show(item)}`);
        return [];
    }
    const before = fail.count;
    for (const key of Object.keys(item))
        if (!RULE_KEYS.includes(key))
            fail(`${path}.${key}`, `unknown key; use one of ${RULE_KEYS.join(', ')}`);
    const id = typeof item.id === 'string' && item.id.trim() !== '' ? item.id.trim() : '';
    if (id === '')
        fail(`${path}.id`, 'required: a short unique name, e.g. `payments-timeout`');
    const enabled = item.enabled === undefined ? true : item.enabled;
    if (typeof enabled !== 'boolean')
        fail(`${path}.enabled`, `expected true or false; got ${show(enabled)}`);
    if (enabled === false && id !== '') {
        return fail.count === before
            ? [
                {
                    id,
                    match: {},
                    priority: 'P3',
                    reason: '',
                    likelyCauses: [],
                    recommendedActions: [],
                    escalate: false,
                    enabled: false,
                },
            ]
            : [];
    }
    const match = readMatch(item.match, `${path}.match`, fail);
    const priority = typeof item.priority === 'string' ? item.priority.trim() : item.priority;
    if (!PRIORITIES.includes(priority) && priority !== 'ignore') {
        fail(`${path}.priority`, `${show(priority)} is not one of ${PRIORITIES.join(', ')} (or ignore)`);
    }
    const reason = item.reason === undefined ? `matched rule ${id}` : item.reason;
    if (typeof reason !== 'string')
        fail(`${path}.reason`, `expected text; got ${show(reason)}`);
    const likelyCauses = readStrings(item.likelyCauses, `${path}.likelyCauses`, fail);
    const recommendedActions = readStrings(item.recommendedActions, `${path}.recommendedActions`, fail);
    const escalate = item.escalate === undefined ? true : item.escalate;
    if (typeof escalate !== 'boolean')
        fail(`${path}.escalate`, `expected true or false; got ${show(escalate)}`);
    if (fail.count !== before || !match)
        return [];
    return [
        {
            id,
            match,
            priority: priority,
            reason: reason,
            likelyCauses,
            recommendedActions,
            escalate: escalate,
        },
    ];
}
function readMatch(value, path, fail) {
    if (!isDict(value) || Object.keys(value).length === 0) {
        fail(path, `required: a mapping with at least one of ${MATCH_KEYS.join(', ')}`);
        return undefined;
    }
    const match = {};
    for (const [key, v] of Object.entries(value)) {
        const at = `${path}.${key}`;
        switch (key) {
            case 'message':
            case 'errorType':
            case 'service':
            case 'logName':
                if (checkRegex(v, at, fail))
                    match[key] = v;
                break;
            case 'kind':
                if (KINDS.includes(v))
                    match.kind = v;
                else
                    fail(at, `${show(v)} is not one of ${KINDS.join(', ')}`);
                break;
            case 'severity':
            case 'maxSeverity': {
                const upper = typeof v === 'string' ? v.toUpperCase() : v;
                if (log_record/* SEVERITIES */.oC.includes(upper))
                    match[key] = upper;
                else
                    fail(at, `${show(v)} is not one of ${log_record/* SEVERITIES */.oC.join(', ')}`);
                break;
            }
            case 'status': {
                const range = parseStatusRange(v);
                if (range)
                    match.status = range;
                else
                    fail(at, `${show(v)} is not a status: use 503, "5xx", "500-599" or [500, 599]`);
                break;
            }
            case 'minCount':
                if (typeof v === 'number' && Number.isInteger(v) && v >= 1)
                    match.minCount = v;
                else
                    fail(at, `${show(v)} is not a whole number of at least 1`);
                break;
            case 'persistent':
                if (typeof v === 'boolean')
                    match.persistent = v;
                else
                    fail(at, `${show(v)} is not true or false`);
                break;
            default:
                fail(at, `unknown condition; use one of ${MATCH_KEYS.join(', ')}`);
        }
    }
    return match;
}

;// CONCATENATED MODULE: ./src/core/prioritize/redact-rules.ts

/**
 * The rules file's own text (reason, likely causes, recommended actions) is posted in issues and
 * the worklog like log text is, so it is redacted the same way: a token pasted into a runbook
 * line must not reach a public issue.
 */
function redactRuleText(config, options) {
    const redact = (text) => (0,redact_redact/* redactText */.Rd)(text, options);
    return {
        ...config,
        rules: config.rules.map((rule) => ({
            ...rule,
            reason: redact(rule.reason),
            likelyCauses: rule.likelyCauses.map(redact),
            recommendedActions: rule.recommendedActions.map(redact),
        })),
    };
}

// EXTERNAL MODULE: ./src/core/redact/secret-patterns.ts
var secret_patterns = __webpack_require__(50445);
;// CONCATENATED MODULE: ./src/core/redact/strict-check.ts
/**
 * Strict mode (`redact: strict`, DESIGN §7): the last look at text about to leave the
 * process. If a known secret pattern survived redaction — a renderer forgot to redact, or a
 * rule missed a variant — the post is refused and the run fails, naming where and what kind,
 * never the secret.
 *
 * The text checked is rendered markdown, so it is first read back the way GitHub shows it:
 * markdown backslash escapes, HTML entities and our invisible joiners are undone, or
 * `ghp\_…` (escaped by safeText) would slip past the patterns.
 */

class SecretLeakError extends Error {
    where;
    kinds;
    name = 'SecretLeakError';
    constructor(where, kinds) {
        super(`Refusing to post ${where}: text matching a secret pattern (${kinds.join(', ')}) survived redaction ` +
            '(redact: strict). Report this as a bug with the kind named here; the text was not posted.');
        this.where = where;
        this.kinds = kinds;
    }
}
const STRICT_RULES = secret_patterns/* SECRET_RULES */.v.filter((rule) => rule.strict);
const ENTITY = /&(?:(amp|lt|gt|quot|apos|#39|nbsp)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/y;
const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", nbsp: ' ' };
function isAsciiPunctuation(code) {
    return ((code >= 33 && code <= 47) ||
        (code >= 58 && code <= 64) ||
        (code >= 91 && code <= 96) ||
        (code >= 123 && code <= 126));
}
function decodeEntity(named, decimal, hex) {
    if (named)
        return NAMED[named] ?? '';
    const code = decimal ? Number(decimal) : Number.parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
}
const SPECIAL = /[\\&\u200b-\u200d\u2060\ufeff]/g;
/** The text as GitHub displays it, with a map from each of its units back to the source. */
function readAsDisplayed(text) {
    const parts = [];
    const origin = new Int32Array(text.length + 1);
    let length = 0;
    const emit = (chunk, from, sequential) => {
        parts.push(chunk);
        for (let k = 0; k < chunk.length; k += 1)
            origin[length + k] = sequential ? from + k : from;
        length += chunk.length;
    };
    let copied = 0;
    SPECIAL.lastIndex = 0;
    for (let hit = SPECIAL.exec(text); hit !== null; hit = SPECIAL.exec(text)) {
        const i = hit.index;
        if (i < copied)
            continue;
        emit(text.slice(copied, i), copied, true);
        const code = text.charCodeAt(i);
        if (code === 92) {
            const next = text.charCodeAt(i + 1);
            const escapes = i + 1 < text.length && isAsciiPunctuation(next);
            emit(escapes ? text[i + 1] : '\\', i, false);
            copied = i + (escapes ? 2 : 1);
        }
        else if (code === 38) {
            ENTITY.lastIndex = i;
            const entity = ENTITY.exec(text);
            emit(entity ? decodeEntity(entity[1], entity[2], entity[3]) : '&', i, false);
            copied = i + (entity ? entity[0].length : 1);
        }
        else {
            copied = i + 1; // an invisible joiner: dropped
        }
        SPECIAL.lastIndex = copied;
    }
    emit(text.slice(copied), copied, true);
    return { shown: parts.join(''), origin };
}
function needsDecoding(text) {
    return /[\\&\u200b-\u200d\u2060\ufeff]/.test(text);
}
/** Every known secret pattern still present in `text` (strict mode), in text order. */
function findSurvivingSecrets(text) {
    const decoded = needsDecoding(text);
    const { shown, origin } = decoded ? readAsDisplayed(text) : { shown: text, origin: new Int32Array(0) };
    const lower = shown.toLowerCase();
    const found = [];
    for (const rule of STRICT_RULES) {
        if (!rule.triggers.some((trigger) => lower.includes(trigger)))
            continue;
        for (const { start } of (0,secret_patterns/* findSecretSpans */.l)(rule, shown)) {
            found.push({ kind: rule.kind, index: decoded ? (origin[start] ?? start) : start });
        }
    }
    return found.sort((a, b) => a.index - b.index);
}
/** Throws SecretLeakError, naming `where` and the kinds found, if a secret pattern survived. */
function assertPostable(text, where) {
    const found = findSurvivingSecrets(text);
    if (found.length > 0)
        throw new SecretLeakError(where, [...new Set(found.map((f) => f.kind))]);
}

;// CONCATENATED MODULE: ./src/core/cluster/cluster-evidence.ts
/**
 * What correlation (src/core/correlate) needs to know of a cluster's members beyond statistics,
 * collected while streaming and bounded whatever the volume: a consistent sample of trace ids and
 * the hosts the messages name.
 */
/** Trace ids kept per group and cluster: enough to find shared requests, flat in memory. */
const MAX_TRACES = 128;
const MAX_MENTIONS = 10;
/** Members scanned for hosts: the members of one problem name the same hosts. */
const MENTION_SCAN = 64;
/**
 * The trace id's own hash: a Cloud Trace id is 32 random hex digits, so its last 8 are already
 * uniform; anything else is hashed (FNV-1a).
 */
function traceHash(id) {
    if (id.length >= 8 && /^[0-9a-f]{8}$/i.test(id.slice(-8)))
        return parseInt(id.slice(-8), 16);
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++)
        h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
    return h;
}
/**
 * A bottom-k sample: the MAX_TRACES trace ids with the smallest hashes. Two clusters that share
 * requests keep the same ids of them, so shared ids survive sampling in both.
 */
class TraceSketch {
    ids = new Map();
    max = -1;
    add(trace) {
        const slash = trace.lastIndexOf('/');
        const id = slash >= 0 ? trace.slice(slash + 1) : trace;
        if (id === '' || this.ids.has(id))
            return;
        const hash = traceHash(id);
        if (this.ids.size < MAX_TRACES) {
            this.ids.set(id, hash);
            if (hash > this.max)
                this.max = hash;
            return;
        }
        if (hash >= this.max)
            return;
        for (const [key, h] of this.ids)
            if (h === this.max) {
                this.ids.delete(key);
                break;
            }
        this.ids.set(id, hash);
        this.max = Math.max(...this.ids.values());
    }
    merge(other) {
        for (const id of other.ids.keys())
            this.add(id);
    }
    list() {
        return [...this.ids.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
    }
}
const HOST = /\bhttps?:\/\/([a-z0-9][a-z0-9.-]{0,200}[a-z0-9])(?=[:/\s'"`),\]}]|$)/gi;
/** Hosts named in URLs of the first members' message and stack. */
class MentionSet {
    hosts = new Set();
    scanned = 0;
    add(message, stack) {
        if (this.scanned >= MENTION_SCAN || this.hosts.size >= MAX_MENTIONS)
            return;
        this.scanned++;
        for (const text of [message, stack]) {
            if (text.indexOf('://') < 0)
                continue;
            for (const m of text.slice(0, 4000).matchAll(HOST)) {
                if (this.hosts.size >= MAX_MENTIONS)
                    return;
                this.hosts.add(m[1].toLowerCase());
            }
        }
    }
    merge(other) {
        for (const h of other.hosts)
            if (this.hosts.size < MAX_MENTIONS)
                this.hosts.add(h);
    }
    list() {
        return [...this.hosts].sort();
    }
}

;// CONCATENATED MODULE: ./src/core/cluster/aggregate.ts


const MINUTE = 60_000;
/** Caps on per-group sets: enough to report, bounded so memory stays flat on hostile input. */
const MAX_DISTINCT = 50;
const MAX_INSTANCES = 10_000;
const MAX_SAMPLES = 3;
/** Distinct resources kept per group: enough for a Logs Explorer query, short enough for its URL. */
const MAX_RESOURCES = 10;
/**
 * Adds unless empty or the set is full. Skipped when the value equals `previous` (the group's
 * previous member's): it was added then, or the set was full then and still is. Values are
 * fresh strings on every entry, and comparing with the previous is much cheaper than hashing
 * one for the set.
 */
function addBounded(set, value, previous, max = MAX_DISTINCT) {
    if (value !== '' && value !== previous && set.size < max)
        set.add(value);
}
/** Collects member statistics per provisional group key while records stream through. */
class ClusterAggregator {
    groups = new Map();
    add(key, record, route = '') {
        let group = this.groups.get(key);
        if (!group) {
            group = {
                count: 0,
                severityCounts: {},
                services: new Set(),
                revisions: new Set(),
                routes: new Set(),
                instances: new Set(),
                codeLocations: new Set(),
                statuses: new Set(),
                resources: new Map(),
                firstSeen: record.timestamp,
                lastSeen: record.timestamp,
                perMinute: new Map(),
                samples: [],
                insertIds: [],
                mentions: new MentionSet(),
                last: { service: '', revision: '', instance: '', codeLocation: '', route: '', status: -1, selector: '' },
            };
            this.groups.set(key, group);
        }
        // A re-assembled event (a trace printed line by line) is one occurrence; its insertIds are all kept.
        group.count++;
        group.severityCounts[record.severity] = (group.severityCounts[record.severity] ?? 0) + 1;
        const last = group.last;
        addBounded(group.services, record.service, last.service);
        addBounded(group.revisions, record.revision, last.revision);
        addBounded(group.instances, record.instance, last.instance, MAX_INSTANCES);
        addBounded(group.codeLocations, record.sourceLocation, last.codeLocation);
        addBounded(group.routes, route, last.route);
        last.service = record.service;
        last.revision = record.revision;
        last.instance = record.instance;
        last.codeLocation = record.sourceLocation;
        last.route = route;
        if (record.http) {
            addBounded(group.statuses, record.http.status, last.status);
            last.status = record.http.status;
        }
        addResource(group, record);
        if (record.timestamp < group.firstSeen)
            group.firstSeen = record.timestamp;
        if (record.timestamp > group.lastSeen)
            group.lastSeen = record.timestamp;
        const minute = record.timestamp - (record.timestamp % MINUTE);
        group.perMinute.set(minute, (group.perMinute.get(minute) ?? 0) + 1);
        if (record.memberIds)
            for (const id of record.memberIds)
                group.insertIds.push(id);
        else
            group.insertIds.push(record.insertId);
        keepSample(group.samples, record);
        if (record.trace !== undefined)
            (group.traces ??= new TraceSketch()).add(record.trace);
        if (!record.http)
            group.mentions.add(record.message, record.stack);
    }
    /**
     * Merges groups that share a fingerprint into clusters, counts scaled by the sample fraction.
     * `weights` (by insertId) are members that stand for more entries than themselves: a problem
     * peeled from a Cloud Logging read, counted from its sample (estimated), or a Log Analytics
     * group's samples carrying its exact count.
     */
    build(identities, totalAnalysed, sampleFraction, weights = { byId: new Map(), exact: false }) {
        const byFingerprint = new Map();
        for (const [key, group] of this.groups) {
            const identity = identities.get(key);
            if (!identity)
                throw new Error(`clusterer gave no identity for group ${key}`);
            const entry = byFingerprint.get(identity.fingerprint);
            if (entry)
                entry.groups.push(group);
            else
                byFingerprint.set(identity.fingerprint, { identity, groups: [group] });
        }
        const scale = sampleFraction > 0 && sampleFraction < 1 ? 1 / sampleFraction : 1;
        if (weights.byId.size > 0)
            for (const group of this.groups.values())
                weighGroup(group, weights.byId, !weights.exact);
        let weightedTotal = totalAnalysed;
        for (const w of weights.byId.values())
            weightedTotal += w - 1;
        const clusters = [...byFingerprint.values()].map(({ identity, groups }) => toCluster(identity, groups, weightedTotal, scale));
        return clusters.sort((a, b) => b.count - a.count || a.fingerprint.localeCompare(b.fingerprint));
    }
}
/**
 * Scales a group whose members carry weights: its count becomes the sum of their weights, and its
 * per-severity and per-minute counts grow in the same proportion (a peeled problem's members all
 * come from one sample, so they share one weight). Marks the group estimated unless the weights are exact.
 */
function weighGroup(group, weights, estimated) {
    let extra = 0;
    for (const id of group.insertIds)
        extra += (weights.get(id) ?? 1) - 1;
    if (extra === 0)
        return;
    const factor = (group.count + extra) / group.count;
    group.count += extra;
    for (const sev of Object.keys(group.severityCounts))
        group.severityCounts[sev] *= factor;
    for (const [minute, n] of group.perMinute)
        group.perMinute.set(minute, n * factor);
    if (estimated)
        group.weighted = true;
}
/** The record's resource, unless it is the previous member's (then it was added, or the map was full). */
function addResource(group, record) {
    const selector = record.selector;
    if (selector === undefined || selector === '' || selector === group.last.selector)
        return;
    group.last.selector = selector;
    if (group.resources.size < MAX_RESOURCES && !group.resources.has(selector)) {
        group.resources.set(selector, { type: record.resourceType, service: record.service, selector });
    }
}
/** Keeps the first member, one with a stack trace, and the latest. */
function keepSample(samples, record) {
    if (samples.length < MAX_SAMPLES - 1) {
        samples.push(record);
        return;
    }
    if (record.stack && !samples.some((s) => s.stack)) {
        samples[samples.length - 1] = record;
        return;
    }
    const latest = samples[MAX_SAMPLES - 1];
    if (!latest)
        samples.push(record);
    else if (record.timestamp > latest.timestamp && !(latest.stack && !record.stack))
        samples[MAX_SAMPLES - 1] = record;
}
function toCluster(identity, groups, totalAnalysed, scale) {
    const union = (pick, max = MAX_DISTINCT) => {
        const out = new Set();
        for (const g of groups)
            for (const v of pick(g))
                if (out.size < max)
                    out.add(v);
        return [...out];
    };
    const severityCounts = {};
    const perMinute = new Map();
    let count = 0;
    let firstSeen = Infinity;
    let lastSeen = -Infinity;
    const samples = [];
    const insertIds = [];
    for (const g of groups) {
        count += g.count;
        firstSeen = Math.min(firstSeen, g.firstSeen);
        lastSeen = Math.max(lastSeen, g.lastSeen);
        for (const [sev, n] of Object.entries(g.severityCounts)) {
            severityCounts[sev] = (severityCounts[sev] ?? 0) + Math.round(n * scale);
        }
        for (const [minute, n] of g.perMinute)
            perMinute.set(minute, (perMinute.get(minute) ?? 0) + n * scale);
        for (const s of g.samples)
            if (samples.length < MAX_SAMPLES)
                samples.push(s);
        for (const id of g.insertIds)
            insertIds.push(id);
    }
    const severity = Object.keys(severityCounts).reduce((max, s) => ((0,log_record/* severityRank */.qs)(s) > (0,log_record/* severityRank */.qs)(max) ? s : max), 'DEFAULT');
    const scaled = Math.round(count * scale);
    for (const [minute, n] of perMinute)
        perMinute.set(minute, Math.round(n));
    const resources = new Map();
    for (const g of groups)
        for (const [key, r] of g.resources)
            if (resources.size < MAX_RESOURCES)
                resources.set(key, r);
    const cluster = {
        ...identity,
        count: scaled,
        estimated: scale !== 1 || groups.some((g) => g.weighted),
        share: totalAnalysed > 0 ? count / totalAnalysed : 0,
        severity,
        severityCounts,
        services: union((g) => g.services).sort(),
        revisions: union((g) => g.revisions).sort(),
        routes: identity.route ? [identity.route] : union((g) => g.routes).sort(),
        instances: union((g) => g.instances, MAX_INSTANCES).length,
        firstSeen,
        lastSeen,
        perMinute: new Map([...perMinute].sort((a, b) => a[0] - b[0])),
        samples,
        insertIds,
        codeLocations: [...new Set([...union((g) => g.codeLocations), ...(identity.frames ?? [])])].slice(0, MAX_DISTINCT),
        statuses: union((g) => g.statuses).sort((a, b) => a - b),
    };
    if (resources.size > 0)
        cluster.resources = [...resources.values()].sort((a, b) => compare(a.selector, b.selector));
    addEvidence(cluster, groups);
    return cluster;
}
/** Trace ids and named hosts of all the groups, for correlation; absent when there are none. */
function addEvidence(cluster, groups) {
    const traces = new TraceSketch();
    const mentions = new MentionSet();
    for (const g of groups) {
        if (g.traces)
            traces.merge(g.traces);
        mentions.merge(g.mentions);
    }
    const traceIds = traces.list();
    const hosts = mentions.list();
    if (traceIds.length > 0)
        cluster.traceIds = traceIds;
    if (hosts.length > 0)
        cluster.mentions = hosts;
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

// EXTERNAL MODULE: ./src/core/cluster/cluster.ts + 9 modules
var cluster = __webpack_require__(30567);
// EXTERNAL MODULE: ./src/core/read/logging-query.ts
var logging_query = __webpack_require__(17008);
;// CONCATENATED MODULE: ./src/core/read/logs-explorer-link.ts
/**
 * Deep links into Logs Explorer. Its URL keeps the query in matrix parameters
 * (`/logs/query;query=…;startTime=…;endTime=…?project=…`), so `;`, `=`, `(` and `)` in the query
 * must be percent-encoded or the console cuts the query at the first one.
 */

const CONSOLE_LOGS_URL = 'https://console.cloud.google.com/logs/query';
function logsExplorerUrl(projectId, query, start, end) {
    return (`${CONSOLE_LOGS_URL};query=${encodeMatrixValue(query)}` +
        `;startTime=${new Date(start).toISOString()};endTime=${new Date(end).toISOString()}` +
        `?project=${encodeURIComponent(projectId)}`);
}
/** At most this many resources are ORed into a link's query; more would make a URL too long to open. */
const MAX_LINK_RESOURCES = 10;
/**
 * The base query narrowed to one cluster: its services, and one distinctive text of it — the
 * exception type when known, else the longest constant token of the template — searched in all
 * fields (a bare quoted string in the query language). A request cluster narrows by status and
 * route instead. The result may show a few neighbours of the cluster: it is for a human to look at,
 * never for counting.
 */
function clusterLogsQuery(baseFilter, cluster) {
    const resources = (cluster.resources ?? []).slice(0, MAX_LINK_RESOURCES);
    if (resources.length > 0 && !resources.every(isCloudRunService))
        return resourceLogsQuery(baseFilter, cluster, resources);
    const clauses = [baseFilter.trim()];
    const services = cluster.services ?? [];
    if (services.length === 1)
        clauses.push(`resource.labels.service_name=${(0,logging_query/* quote */.hD)(services[0])}`);
    if (services.length > 1)
        clauses.push(`resource.labels.service_name=(${services.map(logging_query/* quote */.hD).join(' OR ')})`);
    if (cluster.status !== undefined && cluster.status > 0) {
        clauses.push(`httpRequest.status=${cluster.status}`);
        const path = constantRoutePrefix(cluster.route ?? '');
        if (path)
            clauses.push(`httpRequest.requestUrl:${(0,logging_query/* quote */.hD)(path)}`);
        return clauses.filter(Boolean).join('\n');
    }
    const text = cluster.errorType?.trim() || longestConstantToken(cluster.template);
    if (text)
        clauses.push((0,logging_query/* quote */.hD)(text));
    return clauses.filter(Boolean).join('\n');
}
/** A Cloud Run service selected by its name alone: the base query's own resource type fits it. */
function isCloudRunService(resource) {
    return resource.type === logging_query/* CLOUD_RUN_RESOURCE */.xA && resource.selector.indexOf('protoPayload.') < 0;
}
/**
 * A cluster with entries from other resources (GKE, App Engine, load balancers, audit logs, …):
 * the base query's Cloud Run scope is replaced by the members' own resource types and labels. An
 * audit call is selected by its service and method already (its title is not text of the entry);
 * an App Engine request log keeps its status and path in protoPayload, not in httpRequest.
 */
function resourceLogsQuery(baseFilter, cluster, resources) {
    const base = baseFilter
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith(`resource.type="${logging_query/* CLOUD_RUN_RESOURCE */.xA}"`))
        .filter((line) => !line.startsWith('resource.labels.service_name='))
        .join('\n');
    const clauses = [base];
    clauses.push(resources.length === 1 ? resources[0].selector : `(${resources.map((r) => `(${r.selector})`).join(' OR ')})`);
    if (cluster.status !== undefined && cluster.status > 0) {
        const appEngine = resources.every((r) => r.type === 'gae_app');
        clauses.push(`${appEngine ? 'protoPayload.status' : 'httpRequest.status'}=${cluster.status}`);
        const path = constantRoutePrefix(cluster.route ?? '');
        if (path)
            clauses.push(`${appEngine ? 'protoPayload.resource' : 'httpRequest.requestUrl'}:${(0,logging_query/* quote */.hD)(path)}`);
        return clauses.filter(Boolean).join('\n');
    }
    if (resources.every((r) => r.selector.indexOf('protoPayload.methodName=') >= 0)) {
        return clauses.filter(Boolean).join('\n');
    }
    const text = cluster.errorType?.trim() || longestConstantToken(cluster.template);
    if (text)
        clauses.push((0,logging_query/* quote */.hD)(text));
    return clauses.filter(Boolean).join('\n');
}
/**
 * Longest run of words in the template without a placeholder. Masked parts look like `<*>`,
 * `<NUM>`, `{id}` or `*`; a token containing any of `<>{}*`, or a `[REDACTED:…]`, is variable.
 */
function longestConstantToken(template) {
    let best = '';
    for (const line of template.split('\n')) {
        let run = [];
        for (const word of line.split(/\s+/)) {
            // A redaction placeholder is not text of the entry either: the entry holds the secret.
            if (word === '' || /[<>{}*]|\[REDACTED/.test(word)) {
                best = pickLonger(best, run.join(' '));
                run = [];
            }
            else {
                run.push(word);
            }
        }
        best = pickLonger(best, run.join(' '));
    }
    // The "has" operator matches whole tokens; trailing punctuation of a phrase would not match.
    return best.replace(/^[^\w]+|[^\w]+$/g, '').slice(0, 200);
}
function pickLonger(a, b) {
    return b.length > a.length ? b : a;
}
/** `/api/users/:id/orders` → `/api/users/`: the part of a route template that is literal. */
function constantRoutePrefix(route) {
    const cut = route.search(/[:<{*]/);
    const prefix = cut === -1 ? route : route.slice(0, cut);
    return prefix.length > 1 ? prefix : '';
}
/** encodeURIComponent leaves `()!'*` alone; Logs Explorer's matrix syntax needs them encoded. */
function encodeMatrixValue(value) {
    return encodeURIComponent(value.toWellFormed()).replace(/[()!'*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
/** Each cluster's Logs Explorer link, by fingerprint: the window's query narrowed to the cluster. */
function clusterLogsLinks(projectId, baseQuery, clusters, window) {
    return Object.fromEntries(clusters.map((c) => [
        c.fingerprint,
        logsExplorerUrl(projectId, clusterLogsQuery(baseQuery, c), window.start, window.end),
    ]));
}

// EXTERNAL MODULE: ./src/core/read/window.ts
var read_window = __webpack_require__(82906);
;// CONCATENATED MODULE: ./src/core/issues/issue-links.ts
/**
 * Each problem's issue after this run, number and URL, for the worklog, summary and report: from
 * the action (a new issue's URL is known only once apply created it), else from the issue list.
 */
function issueLinks(actions, issues, clusters) {
    const links = {};
    const fingerprints = new Set(clusters.map((c) => c.fingerprint));
    for (const a of actions) {
        if (a.issueNumber && fingerprints.has(a.fingerprint)) {
            const url = a.url ?? issues.find((i) => i.number === a.issueNumber)?.url ?? '';
            links[a.fingerprint] = { number: a.issueNumber, url };
        }
    }
    return links;
}
/** The workflow run's page, which issue text and the worklog link to; '' outside Actions. */
function workflowRunUrl(serverUrl, repository, runId) {
    return runId ? `${serverUrl}/${repository.owner}/${repository.repo}/actions/runs/${runId}` : '';
}

;// CONCATENATED MODULE: ./src/core/issues/label-set.ts

/** Red for "wake someone up" down to grey for "when convenient" (GitHub's palette). */
const PRIORITY_LABELS = {
    P0: { name: 'P0', color: 'b60205', description: 'Log Gardener: outage or data loss, act now' },
    P1: { name: 'P1', color: 'd93f0b', description: 'Log Gardener: serious, user-facing errors' },
    P2: { name: 'P2', color: 'fbca04', description: 'Log Gardener: errors to fix soon' },
    P3: { name: 'P3', color: 'c5def5', description: 'Log Gardener: warnings and noise to tidy up' },
};
function priorityLabel(priority) {
    return PRIORITY_LABELS[priority].name;
}
function isPriorityLabel(name) {
    return PRIORITIES.includes(name);
}
/** Spec for any label the action sets: priority labels get their colours, others a neutral one. */
function labelSpec(name) {
    if (isPriorityLabel(name))
        return PRIORITY_LABELS[name];
    return { name, color: '0e8a16', description: 'Filed by GCP Log Gardener' };
}
/** Specs for these names, plus all four priority labels, de-duplicated, in a stable order. */
function labelSet(names) {
    const all = [...names, ...PRIORITIES];
    return [...new Set(all)].map(labelSpec);
}
/** Swaps the priority label only when the priority changed, so a human's relabel otherwise stays. */
function relabel(labels, from, to) {
    if (from === to)
        return undefined;
    return [...labels.filter((l) => !isPriorityLabel(l)), priorityLabel(to)];
}

;// CONCATENATED MODULE: ./src/core/issues/marker.ts

/**
 * The hidden marker that ties an issue to a problem across runs (DESIGN §4).
 *
 * It is the last line of every body the action writes:
 *   <!-- log-gardener:v1 {"fp":"v1:exc:…","first":…,"last":…,"total":…,"lastCount":…,"p":"P1","svc":[…],"windows":[[s,e],…]} -->
 * and carries everything the next run needs, so no other state is kept anywhere:
 * - `fp`: the cluster fingerprint (itself versioned);
 * - `first` / `last`: first and last occurrence ever seen (epoch ms; `last` drives close-after);
 * - `total`: occurrences counted over all runs; `lastCount`: those added by the latest run
 *   that added any (the baseline for a volume jump);
 * - `p`, `svc`: priority and services at the last write (escalation / new-service comments);
 * - `windows`: the time ranges already counted, merged, newest last, so that re-running a
 *   window (or an overlapping one) adds nothing twice;
 * - `members` (optional, issue 13): on an incident's issue, the fingerprints of its problems seen
 *   so far (root and symptoms, sorted): an open issue holding any of them is the incident's issue.
 *   Markers without it (older ones, and problems alone) parse as before.
 * The marker version (`v1`) is separate from the fingerprint version: it versions this format.
 */
const MARKER_VERSION = 'v1';
/** Enough history to de-duplicate overlapping and re-run windows without growing the body. */
const MAX_WINDOWS = 24;
const MAX_MEMBERS = 50;
const MARKER_LINE = /^<!-- log-gardener:(v\d+) (\{.*\}) -->$/;
/**
 * Renders the marker line. `<`, `>` and `&` are JSON-escaped so no value (a service name
 * from a log) can close the comment early or smuggle markup.
 */
function renderMarker(state) {
    const json = JSON.stringify({
        fp: state.fp,
        first: state.first,
        last: state.last,
        total: state.total,
        lastCount: state.lastCount,
        p: state.p,
        svc: state.svc,
        windows: state.windows,
        ...(state.members ? { members: state.members } : {}),
    }).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return `<!-- log-gardener:${MARKER_VERSION} ${json} -->`;
}
/**
 * Reads the marker from the very last non-empty line of a body, nowhere else: a marker-like
 * line quoted earlier (a log excerpt, a human's copy) is never taken. Whether to trust the
 * issue at all (its author) is the planner's decision. Returns null for anything malformed.
 */
function parseMarker(body) {
    const lines = body.replace(/\r\n/g, '\n').trimEnd().split('\n');
    const match = MARKER_LINE.exec(lines[lines.length - 1] ?? '');
    if (!match || match[1] !== MARKER_VERSION)
        return null;
    let raw;
    try {
        raw = JSON.parse(match[2]);
    }
    catch {
        return null;
    }
    return validateState(raw);
}
function isTime(value) {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
function validateState(raw) {
    if (typeof raw !== 'object' || raw === null)
        return null;
    const r = raw;
    if (typeof r.fp !== 'string' || r.fp === '')
        return null;
    if (!isTime(r.first) || !isTime(r.last) || !isTime(r.total) || !isTime(r.lastCount))
        return null;
    if (typeof r.p !== 'string' || !PRIORITIES.includes(r.p))
        return null;
    if (!Array.isArray(r.svc) || !r.svc.every((s) => typeof s === 'string'))
        return null;
    if (!Array.isArray(r.windows))
        return null;
    const windows = [];
    for (const w of r.windows) {
        if (!Array.isArray(w) || w.length !== 2 || !isTime(w[0]) || !isTime(w[1]) || w[1] < w[0])
            return null;
        windows.push([w[0], w[1]]);
    }
    const state = {
        fp: r.fp,
        first: r.first,
        last: r.last,
        total: r.total,
        lastCount: r.lastCount,
        p: r.p,
        svc: r.svc,
        windows: mergeWindows(windows),
    };
    if (Array.isArray(r.members) && r.members.every((m) => typeof m === 'string' && m !== ''))
        state.members = r.members.slice(0, MAX_MEMBERS);
    return state;
}
/** Sorts and merges overlapping or touching ranges; keeps the newest MAX_WINDOWS. */
function mergeWindows(windows) {
    const sorted = [...windows].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged = [];
    for (const [start, end] of sorted) {
        const last = merged[merged.length - 1];
        if (last && start <= last[1])
            last[1] = Math.max(last[1], end);
        else
            merged.push([start, end]);
    }
    return merged.slice(-MAX_WINDOWS);
}
const marker_MINUTE = 60_000;
/**
 * True when the minute bucket starting at `minute` touches a counted window. Buckets straddling
 * a window edge count as seen: a re-run must add exactly zero, at the price of undercounting a
 * partially overlapping window's edge minute.
 */
function isCounted(windows, minute) {
    return windows.some(([start, end]) => minute < end && minute + marker_MINUTE > start);
}
/**
 * Occurrences of this run that no earlier run counted. A window that overlaps nothing counts
 * in full; a fully covered one (a re-run) adds zero; a partial overlap counts the per-minute
 * buckets that start outside every counted window, scaled so sampled counts stay estimates.
 */
function countNew(windows, window, count, perMinute) {
    const overlaps = windows.some(([start, end]) => window.start < end && start < window.end);
    if (!overlaps)
        return count;
    if (windows.some(([start, end]) => start <= window.start && window.end <= end))
        return 0;
    let all = 0;
    let fresh = 0;
    for (const [minute, n] of perMinute) {
        all += n;
        if (!isCounted(windows, minute))
            fresh += n;
    }
    if (all === 0 || fresh === 0)
        return 0;
    return Math.max(1, Math.round((count * fresh) / all));
}

;// CONCATENATED MODULE: ./src/core/issues/owned-issues.ts

/**
 * Whether `login` is one of `trustedAuthors`. GitHub logins are case-insensitive, so a
 * `trusted-authors` entry written `Octo-Maintainer` trusts issues by `octo-maintainer`.
 */
function isTrustedAuthor(login, trustedAuthors) {
    const wanted = login.toLowerCase();
    return trustedAuthors.some((author) => author.toLowerCase() === wanted);
}
/** Trusted, marked issues grouped by fingerprint. */
function indexIssues(issues, trustedAuthors) {
    const index = new Map();
    for (const issue of issues) {
        if (!isTrustedAuthor(issue.author, trustedAuthors))
            continue;
        const marker = parseMarker(issue.body);
        if (!marker)
            continue;
        index.set(marker.fp, [...(index.get(marker.fp) ?? []), { issue, marker }]);
    }
    return index;
}
/** Fingerprints of the problems an issue of ours already tracks: not new to prioritisation. */
function knownFingerprints(issues, trustedAuthors) {
    return new Set(indexIssues(issues, trustedAuthors).keys());
}
/** Oldest first; the issue number breaks a tie. */
function byAge(a, b) {
    return a.issue.createdAt - b.issue.createdAt || a.issue.number - b.issue.number;
}
/** The open issues for one problem, oldest (the one that tracks it) first. */
function openByAge(owned) {
    return owned.filter((o) => o.issue.state === 'open').sort(byAge);
}

// EXTERNAL MODULE: ./src/core/normalize/normalize.ts
var normalize = __webpack_require__(74540);
// EXTERNAL MODULE: ./src/core/normalize/normalize-trace.ts
var normalize_trace = __webpack_require__(67144);
// EXTERNAL MODULE: ./src/core/model/sampled-hash.ts
var sampled_hash = __webpack_require__(75076);
;// CONCATENATED MODULE: ./src/core/normalize/assemble.ts



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
class EventAssembler {
    bursts = new Map();
    keys = new StreamKeys();
    pushed = 0;
    /** Consecutive candidates going back and forward in time: the stream's direction. */
    backward = 0;
    forward = 0;
    lastTime = Number.NaN;
    descending() {
        return this.backward > this.forward;
    }
    /** Takes one record; returns the records that are complete (possibly none, possibly several). */
    push(record) {
        if (!isCandidate(record))
            return [record];
        if (record.timestamp < this.lastTime)
            this.backward++;
        else if (record.timestamp > this.lastTime)
            this.forward++;
        this.lastTime = record.timestamp;
        // Now and then, bursts the stream has left behind (in either time direction) are complete.
        if (++this.pushed % SWEEP_EVERY === 0 && this.bursts.size > 0) {
            const done = this.sweep(record.timestamp);
            if (done.length > 0)
                return [...done, ...this.push(record)];
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
        if (this.bursts.size >= OPEN_BURSTS_MAX)
            out.push(...this.flushOldest());
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
    finish() {
        const out = [];
        for (const burst of this.bursts.values())
            out.push(...assembleBurst(burst.records, this.descending()));
        this.bursts.clear();
        return out;
    }
    /** Assembles the bursts whose time range is far from `now`: no later line can join them. */
    sweep(now) {
        const out = [];
        for (const [key, burst] of this.bursts) {
            if (burst.last < now - STALE_MS || burst.first > now + STALE_MS) {
                this.bursts.delete(key);
                out.push(...assembleBurst(burst.records, this.descending()));
            }
        }
        return out;
    }
    flushOldest() {
        const oldest = this.bursts.keys().next().value;
        const burst = this.bursts.get(oldest);
        this.bursts.delete(oldest);
        return assembleBurst(burst.records, this.descending());
    }
}
/** Request logs are whole; a structured entry with a severity and no trace is whole too, unless it may quote one. */
function isCandidate(record) {
    if (record.http)
        return false;
    if (record.stack !== '')
        return true;
    if (record.severity === 'DEFAULT' || record.severityInferred)
        return true;
    return (0,log_record/* severityRank */.qs)(record.severity) >= (0,log_record/* severityRank */.qs)('ERROR');
}
function streamKey(record) {
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
    slots = new Array(256).fill(undefined);
    of(record) {
        const slot = (0,sampled_hash/* sampledHash */.b)(record.instance || record.logName, 8, record.service.length) & 255;
        const seen = this.slots[slot];
        if (seen !== undefined && sameStream(seen, record))
            return seen.key;
        const { resourceType, service, instance, revision, logName } = record;
        const key = streamKey(record);
        this.slots[slot] = { resourceType, service, instance, revision, logName, key };
        return key;
    }
}
function sameStream(a, b) {
    if (a.instance !== b.instance || a.service !== b.service || a.resourceType !== b.resourceType)
        return false;
    return a.instance !== '' || (a.revision === b.revision && a.logName === b.logName);
}
/**
 * Time order; the input may be newest first (gcloud prints so). Lines of one write often share a
 * millisecond, so ties keep the direction the whole stream has shown (`descending`), not the burst's.
 */
function inTimeOrder(records, streamDescending) {
    const first = records[0].timestamp;
    const last = records[records.length - 1].timestamp;
    const descending = first === last ? streamDescending || printedBackwards(records) : first > last;
    const ordered = descending ? records.slice().reverse() : records.slice();
    return ordered.sort((a, b) => a.timestamp - b.timestamp);
}
/** Lines in one millisecond with no stream direction yet: a trace's header after its frames means reversed. */
function printedBackwards(records) {
    const header = records.findIndex((r) => r.message.startsWith(normalize_trace/* PYTHON_HEADER */.BQ));
    const frame = records.findIndex((r) => r.message.startsWith('  File "'));
    return header >= 0 && frame >= 0 && header > frame;
}
/** Lines that chain one exception to the next (Python). */
const CHAIN_MARKERS = ['During handling of the above exception', 'The above exception was the direct cause'];
/** A server's lines that announce the trace printed after them. */
const SERVER_HEADERS = [
    'Exception in worker process',
    'Exception in ASGI application',
    'Waiting for application startup',
];
const START_MARKERS = [
    normalize_trace/* PYTHON_HEADER */.BQ,
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
function announcesTrace(previousText) {
    const t = previousText.trim();
    return t === '' || CHAIN_MARKERS.some((m) => t.startsWith(m)) || SERVER_HEADERS.some((m) => t.indexOf(m) >= 0);
}
function lineKind(record, previous, previousText) {
    // An entry with a whole trace of its own begins an event (a server's shutdown lines may follow).
    if (record.stack !== '')
        return 'start';
    const text = record.message;
    // A trace header continues an open event only where a chain or a server's header announces it;
    // elsewhere it is the next crash (two requests failing on one instance).
    for (const m of START_MARKERS)
        if (text.indexOf(m) >= 0)
            return previous !== null && announcesTrace(previousText) ? 'continue' : 'start';
    if (text.startsWith('panic: '))
        return 'start';
    if (previous === null)
        return 'plain';
    const c = text.charCodeAt(0);
    if (text === '' || c === 32 || c === 9)
        return 'continue';
    for (const m of TAIL_MARKERS)
        if (text.indexOf(m) >= 0)
            return 'continue';
    // A Go frame's function line (`main.mustLoadConfig(...)`, `net/http.(*conn).serve(0xc0…)`).
    if (/^[\w./*()[\]-]+\(.*\)$/.test(text) && text.length < 500)
        return 'continue';
    // The exception line a Python trace ends with, right after its indented frames (a `Type: text`
    // line after anything else is a log line of its own).
    const afterFrame = previousText.charCodeAt(0) === 32 || previousText.charCodeAt(0) === 9;
    if (afterFrame && /^[A-Za-z_][\w.]*(?::\s|$)/.test(text) && text.length < 2000)
        return 'exception';
    // An exception message over several lines goes on until a line that is a log line of its own.
    if ((previous === 'exception' || previous === 'message') && !isLogLine(text) && text.length < 500)
        return 'message';
    return 'plain';
}
/** A line with a logger's level or timestamp prefix. */
const SERVER_LINE = /^(?:\[?\d{4}-\d\d-\d\d|\[(?:DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL)\]|(?:DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL)[:\s])/;
/** A line a logger wrote: a level or timestamp prefix, or an exception line of its own. */
function isLogLine(text) {
    return SERVER_LINE.test(text) || /^[A-Za-z_][\w.]*(?:Error|Exception):\s/.test(text);
}
/** Splits a burst into events (a start line and its continuation lines) and lone lines. */
function assembleBurst(records, descending) {
    if (records.length === 1)
        return records;
    const ordered = inTimeOrder(records, descending);
    const out = [];
    let event = [];
    let previous = null;
    let wrapped = 0;
    const close = () => {
        if (event.length > 0)
            out.push(event.length === 1 ? event[0] : joinEvent(event));
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
        if (last && Math.abs(record.timestamp - last.timestamp) > LINE_GAP_MS)
            close();
        let kind = lineKind(record, previous, event.length > 0 ? event[event.length - 1].message : '');
        if (kind === 'message' && (Math.abs(record.timestamp - last.timestamp) > MESSAGE_GAP_MS || ++wrapped > 10))
            kind = 'plain';
        if (kind !== 'message')
            wrapped = 0;
        if (kind === 'start')
            close();
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
function joinEvent(lines) {
    const text = lines.map((l) => (l.stack !== '' ? l.stack : l.message)).join('\n');
    const traceAt = text.indexOf(normalize_trace/* PYTHON_HEADER */.BQ);
    // A server's own lines around the trace (gunicorn's header and shutdown) are context, not the trace.
    const traceText = traceAt >= 0 ? pythonTracePart(text.slice(traceAt)) : text;
    const context = lines
        .map((l) => l.message)
        .filter((m) => SERVER_LINE.test(m) || TAIL_MARKERS.some((marker) => m.indexOf(marker) >= 0))
        .join('\n');
    const summary = (0,normalize_trace/* summarizeText */.bB)(traceText);
    let severity = 'DEFAULT';
    for (const l of lines)
        if ((0,log_record/* severityRank */.qs)(l.severity) > (0,log_record/* severityRank */.qs)(severity))
            severity = l.severity;
    const inferred = severity === 'DEFAULT';
    const members = lines.flatMap((l) => l.memberIds ?? [l.insertId]);
    return {
        ...lines[0],
        severity: inferred && summary.stack !== '' ? 'ERROR' : severity,
        severityInferred: inferred || lines[0].severityInferred,
        message: summary.stack !== '' ? summary.message : lines[0].message,
        stack: summary.stack,
        memberIds: members,
        ...(context ? { context: context.length > 2000 ? context.slice(0, 2000) : context } : {}),
    };
}
/** The trace from its first `Traceback` line through its last exception line, without what follows. */
function pythonTracePart(text) {
    const lines = text.split('\n');
    let end = lines.length;
    for (let i = lines.length - 1; i > 0; i--) {
        const line = lines[i];
        // A server's lines after the trace (`ERROR:    Application startup failed. Exiting.`) are not its exception.
        if (SERVER_LINE.test(line) || TAIL_MARKERS.some((m) => line.indexOf(m) >= 0))
            continue;
        // `Type: message`, or a bare type that names an exception (`KeyboardInterrupt`); a bare word
        // after it (pydantic's field name) is the message going on.
        if (line !== '' &&
            line.charCodeAt(0) > 32 &&
            /^[A-Za-z_][\w.]*(?::\s|(?:Error|Exception|Exit|Interrupt|Warning)$)/.test(line)) {
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
function attachQuotes(records) {
    const exceptions = records.filter((r) => r.stack !== '' || r.errorType !== '');
    if (exceptions.length === 0)
        return records;
    return records.map((r) => {
        if (r.stack !== '' || r.errorType !== '' || r.message.length < QUOTE_MIN)
            return r;
        const quoted = exceptions.find((e) => quotes(r.message, e));
        return quoted ? { ...r, stack: quoted.stack, errorType: quoted.errorType, message: quoted.message } : r;
    });
}
/**
 * A line quotes an exception when it contains the exception's own words and they are distinctive:
 * long, with a quoted name, a path or an identifier (`No module named 'orders_shared'`), never a
 * generic phrase (`timeout of 5000ms exceeded`) that unrelated failures share.
 */
function quotes(message, exception) {
    for (const text of exceptionTexts(exception))
        if (text.length >= QUOTE_MIN && /['"`/]|\w[._]\w/.test(text) && message.indexOf(text) >= 0)
            return true;
    return false;
}
/** What a line quoting the exception would contain: each exception line's message, type stripped. */
function exceptionTexts(exception) {
    const texts = [];
    const source = exception.stack || exception.message;
    for (const line of source.split('\n')) {
        if (line === '' || line.charCodeAt(0) <= 32)
            continue;
        const m = /^[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt):\s(.+)$/.exec(line);
        if (m)
            texts.push(m[1].trim());
    }
    const colon = exception.message.indexOf(': ');
    if (colon > 0)
        texts.push(exception.message.slice(colon + 2).trim());
    return texts;
}

// EXTERNAL MODULE: ./src/core/normalize/normalize-resource.ts
var normalize_resource = __webpack_require__(84349);
;// CONCATENATED MODULE: ./src/core/issues/issue-markup.ts


/**
 * Markup only issue text needs: fences and titles that cannot forge a marker, excerpts that point
 * to the worklog, links that are dropped rather than shown bare. Counts, shares, times and
 * durations come from the one format module (markdown/format.ts).
 */
/**
 * A code block for log-derived text that also cannot forge an issue marker: an HTML comment
 * opener inside a fence is shown literally by GitHub but would still be text a careless
 * parser could pick up, so a WORD JOINER goes between `<!-` and `-`.
 */
function fencedLog(text, language = '') {
    return (0,safe_markdown/* codeBlock */.DV)(neutraliseComments(text), language);
}
function neutraliseComments(text) {
    return text.replace(/<!--/g, '<!-\u2060-');
}
/** Plain text for a title (titles are not markdown): one line, no controls, no live references. */
function plainLine(text, maxLength) {
    let s = neutraliseComments((0,safe_markdown/* stripControl */.kU)(text)).replace(/\s+/g, ' ').trim();
    s = (0,safe_markdown/* breakReferences */.m3)(s);
    return [...s].length > maxLength ? `${[...s].slice(0, maxLength - 1).join('')}…` : s;
}
/** Cuts text to at most `max` characters on a line boundary when one is near, marking the cut. */
function excerpt(text, max) {
    if (text.length <= max)
        return text;
    const cut = text.slice(0, max);
    const newline = cut.lastIndexOf('\n');
    const kept = newline > max * 0.6 ? cut.slice(0, newline) : cut;
    return `${kept}\n… (${(0,format/* formatCount */.B4)(text.length - kept.length)} more characters in the worklog)`;
}
/** A markdown link only for http(s) URLs, with the characters that end a link target encoded. */
function safeLink(label, url) {
    if (!/^https?:\/\//i.test(url))
        return '';
    const target = url.replace(/[\s()<>]/g, (c) => encodeURIComponent(c));
    return `[${label}](${target})`;
}

;// CONCATENATED MODULE: ./src/core/issues/issue-comments.ts



/** Issue text gives times to the second and durations as inputs write them (`14d`); see markdown/format.ts. */
const TIME = { milliseconds: 'never' };
const INPUT = { style: 'input' };
function runLine(runUrl) {
    const link = safeLink('workflow run', runUrl);
    return link ? `\n\nDetails: ${link}.` : '';
}
function issue_comments_describe(change) {
    switch (change.kind) {
        case 'escalated':
            return `**Priority escalated** from ${change.from} to **${change.to}**${change.reasons.length
                ? `: ${change.reasons
                    .slice(0, 5)
                    .map((r) => (0,safe_markdown/* safeText */.Hk)(r, 200))
                    .join('; ')}`
                : ''}.`;
        case 'volume':
            return `**Volume jump**: ${(0,format/* formatCount */.B4)(change.current)} occurrences in the latest window, up from ${(0,format/* formatCount */.B4)(change.previous)} in the previous one.`;
        case 'regression':
            return `**Back after a quiet period**: not seen from ${(0,format/* formatIso */.dv)(change.quietSince, TIME)} until ${(0,format/* formatIso */.dv)(change.seenAgain, TIME)}.`;
        case 'new-service':
            return `**New service affected**: ${change.services
                .slice(0, 10)
                .map((s) => (0,safe_markdown/* safeText */.Hk)(s, 100))
                .join(', ')}.`;
    }
}
function renderChangeComment(changes, runUrl) {
    return `Log Gardener noticed a change:\n\n${changes.map((c) => `- ${issue_comments_describe(c)}`).join('\n')}\n\nThe issue body has the current counts and timeline.${runLine(runUrl)}`;
}
function renderReopenComment(input) {
    return (`Reopening: this problem was seen again at ${(0,format/* formatIso */.dv)(input.seenAgain, TIME)}, ` +
        `${(0,format/* formatDuration */.a3)(input.seenAgain - input.closedAt, INPUT)} after this issue was closed (${(0,format/* formatIso */.dv)(input.closedAt, TIME)}), ` +
        `within the reopen window of ${(0,format/* formatDuration */.a3)(input.reopenWindowMs, INPUT)}. ` +
        `${(0,format/* formatCount */.B4)(input.count)} occurrences in the latest window.` +
        `\n\nIf it is expected, add the mute label to keep this issue quiet, or close it as "not planned".${runLine(input.runUrl)}`);
}
function renderStaleComment(input) {
    return (`Closing: this problem has not been seen since ${(0,format/* formatIso */.dv)(input.lastSeen, TIME)} ` +
        `(longer than close-after, ${(0,format/* formatDuration */.a3)(input.closeAfterMs, INPUT)}). ` +
        `If it comes back within ${(0,format/* formatDuration */.a3)(input.reopenWindowMs, INPUT)}, Log Gardener reopens this issue.${runLine(input.runUrl)}`);
}
function renderDuplicateComment(input) {
    return (`Closing as a duplicate of #${input.original}, which tracks the same problem (same fingerprint) and is older. ` +
        `Two runs probably overlapped; a workflow \`concurrency\` group prevents this.${runLine(input.runUrl)}`);
}

;// CONCATENATED MODULE: ./src/core/issues/issue-timeline.ts

/**
 * A small occurrence timeline for an issue body: at most MAX_COLUMNS buckets across the run's
 * window, drawn as a sparkline (renders everywhere, unlike images, and never runs off the page).
 */
const MAX_COLUMNS = 12;
const SPARKS = '▁▂▃▄▅▆▇█';
const issue_timeline_MINUTE = 60_000;
/** Buckets aligned to their width (a 15-minute bucket starts at :00, :15, …) across the window. */
function bucketTimeline(perMinute, window) {
    const bucketMs = (0,format/* chooseBucketMinutes */.lH)(window.end - window.start, MAX_COLUMNS) * issue_timeline_MINUTE;
    const first = Math.floor(window.start / bucketMs) * bucketMs;
    // An unaligned window can need one column more than MAX_COLUMNS.
    const points = Math.min(MAX_COLUMNS + 1, Math.ceil((window.end - first) / bucketMs));
    const counts = (0,format/* bucketCounts */.r2)(perMinute, { start: first, bucketMs, points, outside: 'drop' });
    return counts.map((count, i) => ({ start: first + i * bucketMs, count }));
}
function sparkline(counts) {
    const max = Math.max(0, ...counts);
    return counts
        .map((n) => max === 0 || n === 0 ? '·' : SPARKS[Math.min(SPARKS.length - 1, Math.floor((n / max) * (SPARKS.length - 1)))])
        .join('');
}
/**
 * The timeline as one line: the sparkline between the window's bounds, the bucket size and the
 * peak. A wide table of buckets ran off the page on GitHub; one line of text fits anywhere.
 */
function renderTimeline(perMinute, window) {
    const buckets = bucketTimeline(perMinute, window);
    if (buckets.length === 0)
        return '';
    const size = (0,format/* chooseBucketMinutes */.lH)(window.end - window.start, MAX_COLUMNS);
    const longSpan = window.end - window.start > 86_400_000;
    const peak = buckets.reduce((best, b) => (b.count > best.count ? b : best), buckets[0]);
    const from = (0,format/* formatBucketStart */.I5)(buckets[0].start, longSpan);
    const to = (0,format/* formatBucketStart */.I5)(window.end, longSpan);
    const peakText = peak.count > 0 ? `; peak ${(0,format/* formatCount */.B4)(peak.count)} at ${(0,format/* formatBucketStart */.I5)(peak.start, longSpan)}` : '';
    return `\`${sparkline(buckets.map((b) => b.count))}\` ${from} → ${to} UTC (${size}-minute buckets${peakText})`;
}

;// CONCATENATED MODULE: ./src/core/issues/issue-incident.ts



const issue_incident_TIME = { milliseconds: 'never' };
/** The symptoms table; `max` rows, the rest counted (the workflow run's worklog lists them all). */
function renderSymptoms(incident, max) {
    const rows = incident.symptoms.slice(0, max).map((s) => {
        const logs = safeLink('logs', s.logsLink) || '—';
        const own = s.issueNumber ? ` (#${s.issueNumber})` : '';
        const count = `${s.estimated ? '≈' : ''}${(0,format/* formatCount */.B4)(s.count)}`;
        return `| ${(0,safe_markdown/* safeText */.Hk)(s.services.join(', ') || '—', 80)} | **${s.priority}** ${(0,safe_markdown/* safeText */.Hk)(s.title, 160)}${own} | ${count} | ${(0,format/* formatIso */.dv)(s.firstSeen, issue_incident_TIME)} | ${logs} | ${(0,safe_markdown/* safeText */.Hk)(s.evidence, 240)} |`;
    });
    const more = incident.symptoms.length - rows.length;
    const services = incident.services.map((s) => (0,safe_markdown/* safeText */.Hk)(s, 80)).join(', ');
    return [
        `This issue tracks the root cause of an incident in ${services}. The problems below are its symptoms: while the root cause is seen they get no issue of their own (a symptom seen without it is filed on its own).`,
        '',
        '| Service | Symptom | Count | First seen | Logs | Why it is a symptom |',
        '|---|---|---:|---|---|---|',
        ...rows,
        ...(more > 0 ? ['', `… and ${(0,format/* formatCount */.B4)(more)} more symptoms (see the worklog).`] : []),
    ].join('\n');
}
/** On a symptom's own older issue: the incident it is part of now. */
function renderSymptomNote(root) {
    const where = root.issueNumber ? ` tracked in #${root.issueNumber}` : ' (its issue is filed by this run)';
    return `> [!NOTE]\n> This problem is now a symptom of an incident whose root cause is **${(0,safe_markdown/* safeText */.Hk)(root.title, 200)}**,${where}. This issue stays up to date; the incident's issue lists every symptom.`;
}

;// CONCATENATED MODULE: ./src/core/issues/issue-text.ts






/** Issue text gives times to the second; see markdown/format.ts. */
const issue_text_TIME = { milliseconds: 'never' };
/** GitHub rejects longer titles and bodies with HTTP 422 (DESIGN §6). */
const TITLE_LIMIT = 256;
const BODY_LIMIT = 65_536;
/** Headroom below the hard limit: GitHub's count is not always JS's UTF-16 length. */
const BODY_BUDGET = 60_000;
/**
 * `[P1] service: concise problem`. Stable while counts change: only the priority and the
 * cluster's own title (no counts, ids or times) go in; several services show as `first +N`.
 */
function renderTitle(cluster) {
    const services = [...cluster.services].sort();
    const who = services.length === 0
        ? ''
        : services.length === 1
            ? `${services[0]}: `
            : `${services[0]} +${services.length - 1}: `;
    const prefix = plainLine(`[${cluster.priority}] ${who}`, 120);
    return `${prefix} ${plainLine(cluster.title, TITLE_LIMIT - prefix.length - 1)}`.trim();
}
/** Replaces the `[Px]` prefix of a title, leaving a human's edits to the rest alone. */
function retitle(title, priority) {
    return /^\[P[0-3]\]/.test(title) ? title.replace(/^\[P[0-3]\]/, `[${priority}]`) : title;
}
const BUDGETS = [
    { samples: 3, sampleChars: 4000, templateChars: 8000, listItems: 20, timeline: true },
    { samples: 2, sampleChars: 1500, templateChars: 3000, listItems: 10, timeline: true },
    { samples: 1, sampleChars: 500, templateChars: 1000, listItems: 5, timeline: true },
    { samples: 0, sampleChars: 0, templateChars: 300, listItems: 3, timeline: false },
];
/**
 * The issue body. Deterministic in its input (no clock), so an unchanged state renders an
 * unchanged body. Content is budgeted, never cut: when the richest version is too long,
 * fewer samples and shorter excerpts are used, and the workflow run holds the rest.
 */
function renderBody(input) {
    for (const budget of BUDGETS) {
        const body = renderWithBudget(input, budget);
        if (body.length <= BODY_BUDGET)
            return body;
    }
    return renderWithBudget(input, { samples: 0, sampleChars: 0, templateChars: 0, listItems: 0, timeline: false });
}
function list(items, max, render) {
    const shown = items.slice(0, max).map((item) => `- ${render(item)}`);
    if (items.length > max)
        shown.push(`- … and ${items.length - max} more (see the worklog)`);
    return shown.join('\n');
}
function joinLimited(items, max) {
    if (items.length === 0)
        return '—';
    const shown = items.slice(0, max).map((item) => (0,safe_markdown/* safeText */.Hk)(item, 120));
    return items.length > max ? `${shown.join(', ')} (+${items.length - max})` : shown.join(', ');
}
function summaryTable(input, budget) {
    const { cluster, state, window } = input;
    const why = cluster.reasons.length
        ? ` — ${cluster.reasons
            .slice(0, Math.max(1, budget.listItems))
            .map((r) => (0,safe_markdown/* safeText */.Hk)(r, 200))
            .join('; ')}`
        : '';
    const estimated = cluster.estimated ? ' (estimated from a sample)' : '';
    const method = (route) => cluster.method && route === cluster.route ? `${cluster.method} ${route}` : route;
    const rows = [
        ['Priority', `**${cluster.priority}**${why}`],
        [
            'Occurrences',
            `${(0,format/* formatCount */.B4)(cluster.count)} in the latest window${estimated}; ${(0,format/* formatCount */.B4)(state.total)} since first seen`,
        ],
        ['Share', `${(0,format/* formatShare */.T1)(cluster.share, { tiny: 'exact' })} of analysed entries in the window`],
        ['Severity', (0,safe_markdown/* safeText */.Hk)(cluster.severity)],
        ['Services', joinLimited(cluster.services, Math.max(1, budget.listItems))],
        ['Routes', joinLimited(cluster.routes.map(method), Math.max(1, budget.listItems))],
        ['Revisions', joinLimited(cluster.revisions, Math.max(1, budget.listItems))],
        ['First seen', (0,format/* formatIso */.dv)(state.first, issue_text_TIME)],
        ['Last seen', (0,format/* formatIso */.dv)(state.last, issue_text_TIME)],
        ['Latest window', `${(0,format/* formatIso */.dv)(window.start, issue_text_TIME)} – ${(0,format/* formatIso */.dv)(window.end, issue_text_TIME)}`],
    ];
    if (cluster.statuses.length)
        rows.splice(6, 0, ['HTTP statuses', cluster.statuses.join(', ')]);
    // A list, not a two-column table: GitHub draws a table's header row even when it is empty.
    return rows.map(([k, v]) => `- **${k}:** ${v}`).join('\n');
}
function renderSample(sample, max) {
    const where = [sample.service, sample.revision].filter(Boolean).join(' / ');
    const head = `${(0,format/* formatIso */.dv)(sample.timestamp, issue_text_TIME)} · ${sample.severity}${where ? ` · ${where}` : ''}`;
    const body = sample.stack ? `${sample.message}\n${sample.stack}` : sample.message;
    const text = sample.context ? `${sample.context}\n${body}` : body;
    return `${(0,safe_markdown/* safeText */.Hk)(head, 200)}\n\n${fencedLog(excerpt(text, max))}`;
}
/** A problem new since the baseline (issue 14): the revision (and commit) it started with. */
function describeNewSince(cluster) {
    const change = cluster.change;
    if (change?.change !== 'new')
        return '';
    const revisions = change.newRevisions.slice(0, 3).map((r) => (0,safe_markdown/* inlineCode */.ti)(r, 100));
    const commits = change.commits.slice(0, 3).map((c) => (0,safe_markdown/* inlineCode */.ti)(c.slice(0, 7)));
    const commit = commits.length ? ` (commit ${commits.join(', ')})` : '';
    const since = revisions.length ? `New since revision ${revisions.join(', ')}${commit}` : 'New in this window';
    return `> [!NOTE]\n> ${since}: not seen in the baseline window before it.`;
}
function renderWithBudget(input, budget) {
    const { cluster, state } = input;
    const parts = [];
    if (input.previous) {
        const closed = input.previous.closedAt === null ? '' : ` (closed ${(0,format/* formatIso */.dv)(input.previous.closedAt, issue_text_TIME)})`;
        parts.push(`> [!NOTE]\n> This problem was tracked before in #${input.previous.number}${closed}. It came back after the reopen window, so this is a new issue.`);
    }
    const since = describeNewSince(cluster);
    if (since)
        parts.push(since);
    if (input.symptomOf)
        parts.push(renderSymptomNote(input.symptomOf));
    parts.push('### Summary', summaryTable(input, budget));
    if (input.incident && budget.listItems > 0)
        parts.push('### Symptoms of this incident', renderSymptoms(input.incident, budget.listItems));
    if (budget.templateChars > 0)
        parts.push('### Key pattern', fencedLog(excerpt(cluster.template, budget.templateChars), 'text'));
    if (cluster.codeLocations.length && budget.listItems > 0) {
        parts.push('### Code locations', list(cluster.codeLocations, budget.listItems, (loc) => (0,safe_markdown/* inlineCode */.ti)(loc, 200)));
    }
    if (cluster.likelyCauses.length && budget.listItems > 0) {
        parts.push('### Likely causes', list(cluster.likelyCauses, budget.listItems, (c) => (0,safe_markdown/* safeText */.Hk)(c, 500)));
    }
    if (cluster.recommendedActions.length && budget.listItems > 0) {
        parts.push('### Recommended actions', list(cluster.recommendedActions, budget.listItems, (a) => (0,safe_markdown/* safeText */.Hk)(a, 500)));
    }
    const logs = safeLink('Open the query in Logs Explorer', input.logsLink);
    if (logs)
        parts.push('### Logs', `${logs} (the exact query and time range of the latest window).`);
    if (budget.timeline) {
        const timeline = renderTimeline(cluster.perMinute, input.window);
        if (timeline)
            parts.push('### Timeline of the latest window', timeline);
    }
    if (budget.samples > 0 && cluster.samples.length) {
        const shown = cluster.samples.slice(0, budget.samples).map((s) => renderSample(s, budget.sampleChars));
        parts.push('### Samples (redacted)', shown.join('\n\n'));
    }
    parts.push('### How it was grouped', `${(0,safe_markdown/* safeText */.Hk)(cluster.grouping, 500)}\n\nFingerprint: ${(0,safe_markdown/* inlineCode */.ti)(cluster.fingerprint, 200)} (${cluster.kind})`);
    const run = safeLink('the workflow run', input.runUrl);
    const footer = run
        ? `<sub>Filed by GCP Log Gardener. Full worklog, all samples and the plan: ${run}. Keep the last line of this body: it is how the next run finds this issue.</sub>`
        : '<sub>Filed by GCP Log Gardener. Keep the last line of this body: it is how the next run finds this issue.</sub>';
    parts.push('---', footer);
    return `${parts.join('\n\n')}\n\n${renderMarker(state)}`;
}

;// CONCATENATED MODULE: ./src/core/issues/issue-state.ts


/** What this run changes in a problem's marker state, and which changes a human should hear of. */
const REGRESSION_GAP_MS = 24 * 3_600_000;
const VOLUME_JUMP_FACTOR = 3;
const VOLUME_JUMP_MIN = 100;
/** 0 for P0: lower is more urgent. */
const rank = (p) => PRIORITIES.indexOf(p);
function sameState(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}
/** First occurrence at or after `after` (minute resolution), or null when there is none. */
function firstOccurrenceAfter(cluster, after) {
    if (cluster.lastSeen <= after)
        return null;
    const minutes = [...cluster.perMinute.entries()].filter(([m, n]) => n > 0 && m + 60_000 > after).map(([m]) => m);
    return minutes.length ? Math.max(after, Math.min(...minutes)) : Math.max(after, cluster.firstSeen);
}
function nextState(cluster, prior, window, 
/** An incident's member fingerprints (issue 13): kept, with the prior ones, in the marker. */
members = []) {
    const added = prior ? countNew(prior.windows, window, cluster.count, cluster.perMinute) : cluster.count;
    const state = {
        fp: cluster.fingerprint,
        first: prior ? Math.min(prior.first, cluster.firstSeen) : cluster.firstSeen,
        last: prior ? Math.max(prior.last, cluster.lastSeen) : cluster.lastSeen,
        total: (prior?.total ?? 0) + added,
        lastCount: added > 0 || !prior ? added : prior.lastCount,
        p: cluster.priority,
        svc: [...new Set([...(prior?.svc ?? []), ...cluster.services])].sort(),
        windows: mergeWindows([...(prior?.windows ?? []), [window.start, window.end]]),
    };
    const all = [...new Set([...members, ...(prior?.members ?? [])])];
    // This window's members first when over the cap; sorted, so a re-run renders the same marker.
    if (all.length > 1)
        state.members = all.slice(0, MAX_MEMBERS).sort();
    return { state, added };
}
function notableChanges(cluster, prior, added) {
    const changes = [];
    if (rank(cluster.priority) < rank(prior.p))
        changes.push({ kind: 'escalated', from: prior.p, to: cluster.priority, reasons: cluster.reasons });
    if (added >= VOLUME_JUMP_MIN && added >= VOLUME_JUMP_FACTOR * prior.lastCount) {
        changes.push({ kind: 'volume', previous: prior.lastCount, current: added });
    }
    if (added > 0) {
        const fresh = [...cluster.perMinute.entries()]
            .filter(([m, n]) => n > 0 && !isCounted(prior.windows, m))
            .map(([m]) => m);
        const seenAgain = fresh.length ? Math.min(...fresh) : cluster.firstSeen;
        if (seenAgain - prior.last >= REGRESSION_GAP_MS)
            changes.push({ kind: 'regression', quietSince: prior.last, seenAgain });
    }
    const newServices = cluster.services.filter((s) => !prior.svc.includes(s));
    if (newServices.length && prior.svc.length)
        changes.push({ kind: 'new-service', services: newServices });
    return changes;
}
/** The changes in a few words, for the action's reason. */
function describeChanges(changes) {
    return changes
        .map((c) => c.kind === 'escalated'
        ? `priority escalated ${c.from} → ${c.to}`
        : c.kind === 'volume'
            ? `volume jump ${c.previous} → ${c.current}`
            : c.kind === 'regression'
                ? 'back after a quiet period'
                : `new service ${c.services.join(', ')}`)
        .join('; ');
}
/**
 * An open issue's priority is only ever raised automatically. Lowering it whenever an hour is
 * quieter would swap labels back and forth on every run; a human lowers it (and the action then
 * leaves the human's label alone until the problem escalates past what it last wrote).
 */
function keepRaisedPriority(cluster, issuePriority) {
    if (rank(cluster.priority) <= rank(issuePriority))
        return cluster;
    return {
        ...cluster,
        priority: issuePriority,
        reasons: [
            ...cluster.reasons,
            `kept at ${issuePriority}: an open issue's priority is never lowered automatically (this window alone: ${cluster.priority})`,
        ],
    };
}

;// CONCATENATED MODULE: ./src/core/model/incident-types.ts
function incidentId(rootFingerprint) {
    return `inc:${rootFingerprint}`;
}

;// CONCATENATED MODULE: ./src/core/correlate/problem-role.ts
const OOM = /OutOfMemoryError|out of memory|OOMKilled|Memory limit of .{1,40} exceeded|heap out of memory|\bMemoryError\b/i;
const STARTUP = new RegExp([
    'ImportError',
    'ModuleNotFoundError',
    'No module named',
    'ClassNotFoundException',
    'NoClassDefFoundError',
    'Cannot find module',
    'ERR_MODULE_NOT_FOUND',
    'Worker failed to boot',
    'Application startup failed',
    'APPLICATION FAILED TO START',
    'failed to start and listen on the port',
    'exec format error',
    'exec user process caused',
    'required key .{1,80} missing',
    'missing required (?:env|environment|config)',
    'ValidationError.{0,40}Settings',
    'validation errors? for Settings',
    'panic: config',
].join('|'), 'i');
const PLATFORM = /Container called exit|Container terminated|terminated on signal|probe failed|instance was not started|Back-off restarting|CrashLoopBackOff|no available instance|exited with code|Shutting down: Master|could not start|failed to start/i;
const REMOTE = /socket hang up|ECONNRESET|status code [45]\d\d|with status [45]\d\d|responded (?:with )?(?:status )?[45]\d\d|returned (?:status )?[45]\d\d|Bad Gateway|upstream|AxiosError|FetchError|HTTPError|Request failed/i;
const problem_role_DEPENDENCY = /ECONNREFUSED|connection refused|ETIMEDOUT|EHOSTUNREACH|unreachable|no route to host|(?:could not|couldn't|can't|cannot|unable to|failed to) connect|dial (?:tcp|error)|deadline exceeded|i\/o timeout|timed? ?out|too many connections|getaddrinfo|name resolution/i;
/** The text a role is read from: title, template and the first sample's message and stack head. */
function roleText(cluster) {
    const sample = cluster.samples[0];
    return [cluster.title, cluster.template, sample?.message ?? '', (sample?.stack ?? '').slice(0, 2000)].join('\n');
}
function problemRole(cluster) {
    if (cluster.kind === 'request')
        return 'request';
    const text = roleText(cluster);
    if (OOM.test(text))
        return 'oom';
    if (STARTUP.test(text))
        return 'startup';
    if (PLATFORM.test(text))
        return 'platform';
    if (REMOTE.test(text))
        return 'remote';
    if (problem_role_DEPENDENCY.test(text))
        return 'dependency';
    if (cluster.kind === 'exception' || cluster.errorType)
        return 'exception';
    return 'message';
}
/** Cause kinds: what can be an incident's root while it has symptoms (DESIGN §1 step 5). */
function isCause(role) {
    return role === 'startup' || role === 'oom' || role === 'dependency' || role === 'exception';
}
/** Within one service: which role explains which (a cause explains a caller's error, which explains its 5xx). */
const SAME_SERVICE_RANK = {
    startup: 7,
    oom: 7,
    dependency: 6,
    exception: 5,
    remote: 4,
    message: 3,
    platform: 2,
    request: 1,
};
/** Across services, a caller's failed call is explained by anything of its callee, even a 5xx. */
const CROSS_SERVICE_RANK = { ...SAME_SERVICE_RANK, remote: 0 };
/** A Cloud Run/GKE/App Engine service's name as a workload: a GKE pod name loses its pod hash. */
function workloadOf(service) {
    return service.replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}$/, '');
}
/** Whether a cluster's entries are request logs answered with a server error. */
function isServerError(cluster) {
    return cluster.kind === 'request' && cluster.statuses.some((s) => s >= 500);
}

;// CONCATENATED MODULE: ./src/core/issues/plan-incidents.ts
/**
 * One issue per incident root (issue 13, DESIGN §4): which issue stands for an incident, what its
 * body lists, and what a symptom's step is. The planner (plan-issues.ts) does the rest as for any
 * problem: idempotence, reopen, mute and max-new-issues hold per issue.
 */




/** The given incidents, or each problem alone (a plan without correlation). */
function incidentsOf(input, clusters) {
    if (input.incidents)
        return input.incidents;
    return clusters.map((c) => ({
        id: incidentId(c.fingerprint),
        title: c.title,
        priority: c.priority,
        root: c.fingerprint,
        rootRole: 'message',
        members: [c.fingerprint],
        services: c.services,
        firstSeen: c.firstSeen,
        lastSeen: c.lastSeen,
        links: [],
    }));
}
/**
 * The incident's issue: the root's own issue (open, else its history as before); else an open
 * incident issue whose lead is a member now (a different member leads this hour), or whose members
 * hold a root that is a cause while its old lead is gone. A symptom seen without its root is not
 * matched to the root's incident issue: it is a problem of its own.
 */
function incidentOwned(index, incident, present) {
    const own = index.get(incident.root) ?? [];
    if (openByAge(own).length > 0 || incident.members.length < 2)
        return own;
    const members = new Set(incident.members);
    const found = [];
    for (const [fp, owned] of index)
        for (const o of owned) {
            if (o.issue.state !== 'open' || !o.marker.members)
                continue;
            const ledBefore = members.has(fp);
            const rootWasMember = o.marker.members.includes(incident.root) && isCause(incident.rootRole) && !present.has(fp);
            if (ledBefore || rootWasMember)
                found.push(o);
        }
    return found.length > 0 ? found.sort(byAge) : own;
}
/** The root with the incident's priority, and why when it is higher than the root's own. */
function leadOf(root, incident) {
    if (PRIORITIES.indexOf(incident.priority) >= PRIORITIES.indexOf(root.priority))
        return root;
    return {
        ...root,
        priority: incident.priority,
        reasons: [...root.reasons, `raised to ${incident.priority}: the highest priority among the incident's symptoms`],
    };
}
function planOfIncident(input, incident, byFingerprint, index, present) {
    const root = byFingerprint.get(incident.root);
    if (!root)
        return null;
    const symptoms = incident.links.flatMap((l) => {
        const c = byFingerprint.get(l.to);
        if (!c)
            return [];
        const own = openByAge(index.get(c.fingerprint) ?? []).find((o) => !o.marker.members);
        return [
            {
                fingerprint: c.fingerprint,
                title: c.title,
                priority: c.priority,
                services: c.services,
                count: c.count,
                estimated: c.estimated,
                firstSeen: c.firstSeen,
                logsLink: input.logsLinks[c.fingerprint] ?? '',
                evidence: l.evidence,
                ...(own ? { issueNumber: own.issue.number } : {}),
            },
        ];
    });
    return {
        incident,
        lead: leadOf(root, incident),
        owned: incidentOwned(index, incident, present),
        body: { symptoms, services: incident.services },
    };
}
/** A symptom without an open issue of its own: no issue while its root is seen; points at the incident's. */
function symptomAction(cluster, root, incidentIssue) {
    const where = incidentIssue.number ? `#${incidentIssue.number}` : 'the issue of its root cause';
    return {
        action: 'none',
        fingerprint: cluster.fingerprint,
        priority: cluster.priority,
        ...(incidentIssue.number ? { issueNumber: incidentIssue.number } : {}),
        ...(incidentIssue.url ? { url: incidentIssue.url } : {}),
        title: root.title,
        reason: `symptom of the incident of "${root.title.slice(0, 120)}": listed in ${where}, no issue of its own while its root cause is seen`,
    };
}

;// CONCATENATED MODULE: ./src/core/issues/plan-issues.ts






/**
 * The pure issue planner (DESIGN §4, §5 "plan, then apply"). Decisions, documented once:
 * - Only issues by a trusted author (logins compared case-insensitively) whose body ends in a
 *   valid marker are ours; anything else (a copied marker on someone else's issue) is invisible
 *   to the plan (owned-issues.ts).
 * - Per fingerprint the oldest open issue is the issue; newer open ones are duplicates the
 *   action made (overlapping runs) and are closed with a link to the oldest.
 * - Open issue: the body is rewritten only when the marker state changes (new occurrences,
 *   priority, services), so re-running a window writes nothing even from another workflow run.
 *   A comment is added only for a notable change (escalation, ≥3× and ≥100 jump, a return
 *   after REGRESSION_GAP_MS of quiet, a new service). A priority change swaps the P label.
 *   Below min-issue-priority an existing open issue is still kept current; only create and
 *   reopen are gated.
 * - Closed issue: reopened (with a comment) when the problem recurs within reopen-window of
 *   closed_at; later, a new issue links the old one; "not planned" is never reopened nor
 *   refiled; no occurrence after closed_at (a re-run of an older window) changes nothing.
 * - Muted (mute-label): no writes at all, not even a body refresh.
 * - New issues: at most maxNewIssues, highest priority first; all writes: at most maxWrites.
 * - close-after: an open issue whose problem was last seen more than closeAfterMs ago is closed
 *   with a comment (closeAfterMs 0 = never).
 * - Incidents (issue 13): one issue per incident root, planned as above from the root (with the
 *   incident's priority); its body lists the symptoms and its marker their fingerprints. A
 *   symptom gets no issue of its own while its root is seen; one that already has an open issue
 *   keeps it up to date, which then names the incident (plan-incidents.ts).
 */
/** Secondary rate limits allow ~80 content-creating requests a minute (DESIGN §6). */
const DEFAULT_MAX_WRITES = 60;
function planIssues(input) {
    const index = indexIssues(input.issues, input.trustedAuthors);
    const clusters = sortClusters(input.clusters);
    const byFingerprint = new Map(clusters.map((c) => [c.fingerprint, c]));
    const seen = new Set(byFingerprint.keys());
    const plans = incidentsOf(input, clusters)
        .flatMap((i) => planOfIncident(input, i, byFingerprint, index, seen) ?? [])
        .sort((a, b) => rank(a.lead.priority) - rank(b.lead.priority) ||
        b.lead.count - a.lead.count ||
        a.lead.fingerprint.localeCompare(b.lead.fingerprint));
    const steps = [];
    let created = 0;
    for (const plan of plans) {
        const extra = plan.incident.members.length > 1 ? { members: plan.incident.members, incident: plan.body } : {};
        const step = planCluster({ ...input, extra }, plan.lead, plan.owned, created);
        if (step.action.action === 'create')
            created += 1;
        steps.push(step, ...planSymptoms(input, plan, byFingerprint, index, step.action));
        // The incident's issue may be led by a member not seen now: it is in use, not stale.
        const used = openByAge(plan.owned)[0];
        if (used)
            seen.add(used.marker.fp);
    }
    steps.push(...housekeeping(input, index, seen));
    return withinWriteBudget(steps, input.settings.maxWrites ?? DEFAULT_MAX_WRITES);
}
/** A symptom's own open issue is kept up to date and names the incident; otherwise no issue. */
function planSymptoms(input, plan, byFingerprint, index, rootAction) {
    return plan.incident.members.slice(1).flatMap((fp) => {
        const cluster = byFingerprint.get(fp);
        if (!cluster)
            return [];
        const owned = (index.get(fp) ?? []).filter((o) => !o.marker.members);
        const own = openByAge(owned)[0];
        if (own && own.issue.number !== rootAction.issueNumber) {
            const symptomOf = {
                title: plan.lead.title,
                ...(rootAction.issueNumber ? { issueNumber: rootAction.issueNumber } : {}),
            };
            return [planCluster({ ...input, extra: { symptomOf } }, cluster, owned, Number.MAX_SAFE_INTEGER)];
        }
        const issue = { number: rootAction.issueNumber, url: rootAction.url };
        return [{ action: symptomAction(cluster, plan.lead, issue), writes: [] }];
    });
}
/** Problems, most urgent first: the order of the plan, of new issues and of the write budget. */
function sortClusters(clusters) {
    return clusters
        .filter((c) => !c.ignored)
        .sort((a, b) => rank(a.priority) - rank(b.priority) || b.count - a.count || a.fingerprint.localeCompare(b.fingerprint));
}
/** Steps in order until the budget runs out; a step whose writes do not fit is skipped whole. */
function withinWriteBudget(steps, maxWrites) {
    const plan = { actions: [], writes: [] };
    for (const step of steps) {
        const over = step.writes.length > 0 && plan.writes.length + step.writes.length > maxWrites;
        const { action, writes } = over ? skip(step.action, `over the write budget (${maxWrites} writes per run)`) : step;
        const at = plan.actions.push(action) - 1;
        for (const w of writes)
            plan.writes.push({ ...w, action: at });
    }
    return plan;
}
function skip(base, reason) {
    return { action: { ...base, action: 'skip', reason }, writes: [] };
}
function unchanged(base, reason) {
    return { action: { ...base, action: 'none', reason }, writes: [] };
}
function isMuted(issue, settings) {
    return settings.muteLabel !== '' && issue.labels.includes(settings.muteLabel);
}
/** One problem: the oldest open issue tracks it, else the most recently closed one, else none. */
function planCluster(input, cluster, owned, created) {
    const closed = owned
        .filter((o) => o.issue.state === 'closed' && o.issue.stateReason !== 'duplicate')
        .sort((a, b) => (b.issue.closedAt ?? 0) - (a.issue.closedAt ?? 0));
    const current = openByAge(owned)[0] ?? closed[0];
    const base = {
        action: 'none',
        fingerprint: cluster.fingerprint,
        priority: cluster.priority,
        title: current?.issue.title ?? renderTitle(cluster),
        issueNumber: current?.issue.number,
        url: current?.issue.url,
        reason: '',
    };
    if (!current)
        return planCreate(input, cluster, base, created);
    if (isMuted(current.issue, input.settings))
        return skip(base, `#${current.issue.number} is muted (${input.settings.muteLabel})`);
    if (current.issue.state === 'open')
        return planOpen(input, cluster, base, current);
    return planClosed(input, cluster, base, current, created);
}
function body(input, cluster, state, previous) {
    return renderBody({
        ...(input.extra?.incident ? { incident: input.extra.incident } : {}),
        ...(input.extra?.symptomOf ? { symptomOf: input.extra.symptomOf } : {}),
        cluster,
        state,
        window: input.window,
        runUrl: input.runUrl,
        logsLink: input.logsLinks[cluster.fingerprint] ?? '',
        previous: previous ? { number: previous.number, closedAt: previous.closedAt } : undefined,
    });
}
/** The patch that brings an issue of ours up to date: body, and the P label and title prefix if the priority changed. */
function refreshPatch(input, owned, cluster, state, reopen = {}) {
    const { issue, marker } = owned;
    const patch = { ...reopen, body: body(input, cluster, state) };
    const labels = relabel(issue.labels, marker.p, cluster.priority);
    if (labels)
        patch.labels = labels;
    const title = retitle(issue.title, cluster.priority);
    if (title !== issue.title)
        patch.title = title;
    return patch;
}
/** A new issue, if the priority and max-new-issues allow; `previous` is an older issue it links. */
function planCreate(input, cluster, base, created, previous) {
    const { settings } = input;
    if (rank(cluster.priority) > rank(settings.minIssuePriority))
        return skip(base, `below min-issue-priority ${settings.minIssuePriority}`);
    if (created >= settings.maxNewIssues)
        return skip(base, `over max-new-issues (${settings.maxNewIssues})`);
    const { state } = nextState(cluster, null, input.window, input.extra?.members);
    const routes = cluster.services.map((s) => input.serviceRouting[s]).filter((r) => r !== undefined);
    const labels = [
        ...new Set([...settings.labels, priorityLabel(cluster.priority), ...routes.flatMap((r) => r.labels)]),
    ];
    const assignees = [...new Set(routes.flatMap((r) => r.assignees))];
    const reason = previous ? `new problem; recurrence of #${previous.number} after the reopen window` : 'new problem';
    return {
        action: { ...base, action: 'create', reason },
        writes: [
            {
                kind: 'create',
                issue: { title: renderTitle(cluster), body: body(input, cluster, state, previous), labels, assignees },
            },
        ],
    };
}
/** An open issue: refreshed when its state changed, with a comment when the change is notable. */
function planOpen(input, current, base, owned) {
    const { issue, marker } = owned;
    const cluster = keepRaisedPriority(current, marker.p);
    const { state, added } = nextState(cluster, marker, input.window, input.extra?.members);
    if (sameState(state, marker))
        return unchanged(base, 'up to date (window already counted)');
    const changes = notableChanges(cluster, marker, added);
    const writes = [
        { kind: 'update', issueNumber: issue.number, patch: refreshPatch(input, owned, cluster, state) },
    ];
    if (!changes.length)
        return { action: { ...base, action: 'update', reason: `${added} new occurrences; body refreshed` }, writes };
    writes.push({ kind: 'comment', issueNumber: issue.number, body: renderChangeComment(changes, input.runUrl) });
    return { action: { ...base, action: 'comment', reason: `${describeChanges(changes)}; body refreshed` }, writes };
}
/** A closed issue: reopened when the problem recurs within the reopen window, else a new issue links it. */
function planClosed(input, cluster, base, owned, created) {
    const { settings } = input;
    const { issue, marker } = owned;
    const closedAt = issue.closedAt ?? issue.createdAt;
    const seenAgain = firstOccurrenceAfter(cluster, closedAt);
    if (seenAgain === null)
        return unchanged(base, `#${issue.number} is closed and the problem was not seen after it was closed`);
    if (issue.stateReason === 'not_planned')
        return skip(base, `#${issue.number} was closed as not planned`);
    if (seenAgain - closedAt > settings.reopenWindowMs)
        return planCreate(input, cluster, { ...base, issueNumber: undefined, url: undefined }, created, issue);
    if (rank(cluster.priority) > rank(settings.minIssuePriority))
        return skip(base, `recurred, but below min-issue-priority ${settings.minIssuePriority}`);
    const { state } = nextState(cluster, marker, input.window, input.extra?.members);
    const patch = refreshPatch(input, owned, cluster, state, { state: 'open', stateReason: 'reopened' });
    const comment = renderReopenComment({
        closedAt,
        seenAgain,
        count: cluster.count,
        reopenWindowMs: settings.reopenWindowMs,
        runUrl: input.runUrl,
    });
    return {
        action: { ...base, action: 'reopen', reason: `recurred within the reopen window of #${issue.number}` },
        writes: [
            { kind: 'reopen', issueNumber: issue.number, patch },
            { kind: 'comment', issueNumber: issue.number, body: comment },
        ],
    };
}
/** Per fingerprint, problem seen this run or not: close newer duplicates, then close what went quiet. */
function housekeeping(input, index, seen) {
    const steps = [];
    for (const [fp, owned] of [...index.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const [winner, ...duplicates] = openByAge(owned);
        for (const dup of duplicates)
            steps.push(closeDuplicate(input, fp, dup, winner));
        if (winner && !seen.has(fp) && isStale(input, winner))
            steps.push(closeStale(input, fp, winner));
    }
    return steps;
}
function closeAction(fp, { issue, marker }, reason) {
    return {
        action: 'close',
        fingerprint: fp,
        priority: marker.p,
        issueNumber: issue.number,
        url: issue.url,
        title: issue.title,
        reason,
    };
}
function closeDuplicate(input, fp, dup, winner) {
    const base = closeAction(fp, dup, `duplicate of #${winner.issue.number}`);
    if (isMuted(dup.issue, input.settings))
        return skip(base, `duplicate of #${winner.issue.number}, but muted`);
    const comment = renderDuplicateComment({ original: winner.issue.number, runUrl: input.runUrl });
    return {
        action: base,
        writes: [
            { kind: 'comment', issueNumber: dup.issue.number, body: comment },
            { kind: 'close', issueNumber: dup.issue.number, patch: { state: 'closed', stateReason: 'duplicate' } },
        ],
    };
}
/** close-after: open, not muted, and last seen longer ago than closeAfterMs (0 = never). */
function isStale(input, { issue, marker }) {
    const { closeAfterMs } = input.settings;
    return closeAfterMs > 0 && !isMuted(issue, input.settings) && marker.last < input.now - closeAfterMs;
}
function closeStale(input, fp, owned) {
    const { issue, marker } = owned;
    const reason = `not seen since close-after (last seen ${new Date(marker.last).toISOString()})`;
    const comment = renderStaleComment({
        lastSeen: marker.last,
        closeAfterMs: input.settings.closeAfterMs,
        reopenWindowMs: input.settings.reopenWindowMs,
        runUrl: input.runUrl,
    });
    return {
        action: closeAction(fp, owned, reason),
        writes: [
            { kind: 'comment', issueNumber: issue.number, body: comment },
            { kind: 'close', issueNumber: issue.number, patch: { state: 'closed', stateReason: 'completed' } },
        ],
    };
}

;// CONCATENATED MODULE: ./src/core/issues/postable-texts.ts
/**
 * redact: strict — every planned title, body and comment is checked before the first write, so
 * a refused text leaves no half-applied plan. `check` is redact/'s assertPostable; it lives in
 * issues/ because it reads the plan's writes, which redact/ (an earlier stage) cannot know.
 */
function refuseLeakingWrites(plan, check) {
    for (const write of plan.writes) {
        for (const [where, text] of Object.entries(postableTexts(write)))
            check(text, `issue ${write.kind} ${where}`);
    }
}
/** The texts a write would post, by where they go: `title`, `body`, `comment`. */
function postableTexts(write) {
    const texts = {};
    switch (write.kind) {
        case 'create':
            if (write.issue.title)
                texts.title = write.issue.title;
            if (write.issue.body)
                texts.body = write.issue.body;
            break;
        case 'comment':
            if (write.body)
                texts.comment = write.body;
            break;
        default:
            if (write.patch.title)
                texts.title = write.patch.title;
            if (write.patch.body)
                texts.body = write.patch.body;
    }
    return texts;
}

;// CONCATENATED MODULE: ./src/core/prioritize/prioritize.ts
/**
 * Clusters → priorities with reasons. The first matching rule (user rules, then defaults)
 * sets the base priority; volume, spread and newness may raise it by one level in total.
 */


/** Thresholds of the modifiers that raise a priority. */
const ESCALATION = {
    /** Share of analysed entries, with a floor: four lone errors are each 25 % of a quiet window. */
    volumeShare: 0.1,
    volumeShareMinCount: 50,
    /** An absolute count raises only with a real share too: in a million-entry window every cluster has 1,000. */
    volumeCount: 1000,
    volumeCountMinShare: 0.02,
    services: 3,
    routes: 5,
};
/** How far into the window a problem must first appear to count as having started in it. */
const NEW_PROBLEM_GRACE_MS = 5 * 60_000;
/** Sorted: priority, then clusters whose rule set the priority before raised ones, then count; ignored last. */
function rankClusters(clusters, rules, context) {
    const regexes = new Map();
    const compile = (source) => {
        let regex = regexes.get(source);
        if (!regex) {
            regex = new RegExp(source, 'i');
            regexes.set(source, regex);
        }
        return regex;
    };
    const ranked = clusters.map((cluster) => rankOne(cluster, rules, context, compile));
    ranked.sort((a, b) => Number(a.cluster.ignored) - Number(b.cluster.ignored) ||
        PRIORITIES.indexOf(a.cluster.priority) - PRIORITIES.indexOf(b.cluster.priority) ||
        a.base - b.base ||
        b.cluster.count - a.cluster.count ||
        a.cluster.fingerprint.localeCompare(b.cluster.fingerprint));
    return ranked.map((item) => item.cluster);
}
/** `base`: index of the rule's own priority, so a cluster P0 by nature sorts above one raised to P0. */
function rankOne(cluster, config, context, compile) {
    const ranked = decide(cluster, config, context, compile);
    return { cluster: ranked.cluster, base: PRIORITIES.indexOf(ranked.base) };
}
/** A cluster that gets no issue: listed as noise in the worklog, with why. */
function ignoredAs(cluster, rule, reasons, advice = { likelyCauses: [], recommendedActions: [] }) {
    return { cluster: { ...cluster, ...advice, rule, priority: 'P3', ignored: true, reasons }, base: 'P3' };
}
function decide(cluster, config, context, compile) {
    const texts = textsOf(cluster);
    const ignoreAt = config.ignore.findIndex((rule) => matchesIgnore(rule, cluster, texts, compile));
    if (ignoreAt >= 0) {
        return ignoredAs(cluster, `ignore[${ignoreAt}]`, [
            `ignored by the config's ignore[${ignoreAt}]: /${config.ignore[ignoreAt].match}/`,
        ]);
    }
    const rule = config.rules.find((candidate) => matchesRule(candidate.match, cluster, texts, compile));
    if (!rule) {
        return ignoredAs(cluster, 'none', ['no rule matched: not treated as a problem']);
    }
    const advice = {
        rule: rule.id,
        likelyCauses: [...rule.likelyCauses],
        recommendedActions: [...rule.recommendedActions],
    };
    if (rule.priority === 'ignore') {
        return ignoredAs(cluster, rule.id, [`not a problem: ${rule.reason} (rule ${rule.id})`], advice);
    }
    const base = rule.priority;
    const reasons = [`${base}: ${rule.reason} (rule ${rule.id})`];
    const modifiers = rule.escalate ? findModifiers(cluster, base, context) : [];
    let priority = base;
    // Modifiers raise at most to P1: a page at night (P0) is for what a rule says on its own.
    if (modifiers.length > 0 && base !== 'P0' && base !== 'P1') {
        priority = PRIORITIES[PRIORITIES.indexOf(base) - 1];
        reasons.push(...modifiers.map((text) => `raised ${base} → ${priority}: ${text}`));
    }
    else {
        reasons.push(...modifiers);
    }
    return { cluster: { ...cluster, ...advice, priority, ignored: false, reasons }, base };
}
function findModifiers(cluster, base, context) {
    const out = [];
    const share = context.totalAnalysed > 0 ? cluster.count / context.totalAnalysed : 0;
    if ((share >= ESCALATION.volumeShare && cluster.count >= ESCALATION.volumeShareMinCount) ||
        (cluster.count >= ESCALATION.volumeCount && share >= ESCALATION.volumeCountMinShare)) {
        out.push(`high volume: ${cluster.count} entries, ${(share * 100).toFixed(1)}% of analysed entries`);
    }
    if (cluster.services.length >= ESCALATION.services) {
        out.push(`spread: ${cluster.services.length} services (${cluster.services.slice(0, 5).join(', ')})`);
    }
    else if (cluster.routes.length >= ESCALATION.routes) {
        out.push(`spread: ${cluster.routes.length} routes`);
    }
    // New = no earlier issue knows it AND it started inside this window. A problem already under
    // way when the window began was seen before, just not filed (below min-issue-priority, over
    // max-new-issues): raising it now would file it late at a priority it never had.
    const startedInWindow = context.windowStart === undefined || cluster.firstSeen >= context.windowStart + NEW_PROBLEM_GRACE_MS;
    const remembered = context.historyFloor === undefined || PRIORITIES.indexOf(base) <= PRIORITIES.indexOf(context.historyFloor);
    if (context.knownFingerprints.size > 0 &&
        !context.knownFingerprints.has(cluster.fingerprint) &&
        startedInWindow &&
        remembered) {
        out.push('new: not seen in earlier runs, started in this window');
    }
    return out;
}
/** What `message` regexes see: the template, title, route and sample messages. */
function textsOf(cluster) {
    const texts = [cluster.template, cluster.title];
    if (cluster.route)
        texts.push(cluster.route);
    for (const route of cluster.routes)
        texts.push(route);
    for (const sample of cluster.samples) {
        texts.push(sample.message);
        if (sample.context)
            texts.push(sample.context);
        if (sample.http)
            texts.push(sample.http.path);
    }
    return texts;
}
function errorTypesOf(cluster, texts) {
    const types = [];
    if (cluster.errorType)
        types.push(cluster.errorType);
    for (const sample of cluster.samples)
        if (sample.errorType)
            types.push(sample.errorType);
    for (const text of texts) {
        const prefix = /^([A-Za-z_$][\w.$]*)(?::|\s*$)/.exec(text);
        if (prefix)
            types.push(prefix[1]);
    }
    return types;
}
/**
 * A problem that persists: at least 5 entries, or 2 minutes or more from the first to the last
 * that are not just a few strays (at least one entry per 10 minutes of that span): three lone
 * lines in an hour are sporadic, not an outage.
 */
const PERSISTENCE = { count: 5, spanMs: 2 * 60_000, strayMs: 10 * 60_000 };
function isPersistent(cluster) {
    const span = cluster.lastSeen - cluster.firstSeen;
    if (cluster.count >= PERSISTENCE.count)
        return true;
    return span >= PERSISTENCE.spanMs && cluster.count >= Math.max(3, span / PERSISTENCE.strayMs);
}
function matchesRule(match, cluster, texts, compile) {
    if (match.kind && cluster.kind !== match.kind)
        return false;
    if (match.severity && (0,log_record/* severityRank */.qs)(cluster.severity) < (0,log_record/* severityRank */.qs)(match.severity))
        return false;
    if (match.maxSeverity && (0,log_record/* severityRank */.qs)(cluster.severity) > (0,log_record/* severityRank */.qs)(match.maxSeverity))
        return false;
    if (match.minCount !== undefined && cluster.count < match.minCount)
        return false;
    if (match.persistent !== undefined && isPersistent(cluster) !== match.persistent)
        return false;
    if (match.status) {
        const [lo, hi] = match.status;
        const statuses = cluster.status !== undefined ? [cluster.status, ...cluster.statuses] : cluster.statuses;
        if (!statuses.some((status) => status >= lo && status <= hi))
            return false;
    }
    if (match.service && !cluster.services.some((service) => compile(match.service).test(service)))
        return false;
    if (match.logName && !cluster.samples.some((sample) => compile(match.logName).test(sample.logName)))
        return false;
    if (match.message && !texts.some((text) => compile(match.message).test(text)))
        return false;
    if (match.errorType && !errorTypesOf(cluster, texts).some((type) => compile(match.errorType).test(type)))
        return false;
    return true;
}
function matchesIgnore(rule, cluster, texts, compile) {
    if (rule.service && !cluster.services.some((service) => compile(`^(?:${rule.service})$`).test(service)))
        return false;
    return texts.some((text) => compile(rule.match).test(text));
}

// EXTERNAL MODULE: ./src/core/normalize/route-template.ts
var route_template = __webpack_require__(46417);
;// CONCATENATED MODULE: ./src/core/report/service-status.ts
/** Messages Cloud Run writes when an instance exits, restarts or fails to start. */
const RESTART = /Container called exit|STARTUP (TCP|HTTP) probe failed|failed to start and (then )?listen|Application exec likely failed|instance (was|has been) (terminated|restarted)|Container terminated|OOMKilled|Memory limit of .* exceeded/i;
/** Per-service health over every entry read (not only the analysed ones). */
class ServiceStatusTracker {
    services = new Map();
    /**
     * The previous record's service. Names are fresh strings on every entry and hashing one for
     * the Map costs more than comparing it with the last (runs of one service are the rule).
     */
    lastName = '';
    last;
    add(record) {
        const name = record.service || record.resourceType || 'unknown';
        let s = name === this.lastName ? this.last : this.services.get(name);
        if (!s) {
            s = {
                service: name,
                entries: 0,
                bySeverity: {},
                requests: 0,
                serverErrors: 0,
                restarts: 0,
                revisions: [],
                revisionSet: new Set(),
                lastRevision: '',
            };
            this.services.set(name, s);
        }
        this.lastName = name;
        this.last = s;
        s.entries++;
        s.bySeverity[record.severity] = (s.bySeverity[record.severity] ?? 0) + 1;
        if (record.http) {
            s.requests++;
            if (record.http.status >= 500 || record.http.status === 0)
                s.serverErrors++;
        }
        if (record.message && RESTART.test(record.message))
            s.restarts++;
        // The same revision as this service's previous record is in the set already (or the set was full).
        if (record.revision && record.revision !== s.lastRevision && s.revisionSet.size < 20) {
            s.revisionSet.add(record.revision);
            s.lastRevision = record.revision;
        }
    }
    /** Statuses sorted by name; counts scaled when the read was sampled. */
    list(sampleFraction) {
        const scale = sampleFraction > 0 && sampleFraction < 1 ? 1 / sampleFraction : 1;
        const round = (n) => Math.round(n * scale);
        return [...this.services.values()]
            .map(({ revisionSet, lastRevision: _last, ...s }) => ({
            ...s,
            entries: round(s.entries),
            requests: round(s.requests),
            serverErrors: round(s.serverErrors),
            restarts: round(s.restarts),
            bySeverity: Object.fromEntries(Object.entries(s.bySeverity).map(([k, v]) => [k, round(v)])),
            revisions: [...revisionSet].sort(),
        }))
            .sort((a, b) => a.service.localeCompare(b.service));
    }
}

;// CONCATENATED MODULE: ./src/apply-plan.ts

function errorMessage(error) {
    if (error instanceof Error) {
        const status = error.status;
        return typeof status === 'number' ? `HTTP ${status}: ${error.message}` : error.message;
    }
    return String(error);
}
/** Labels the writes set, with specs: ensured once, before the first write, only if any write sets labels. */
function labelsToEnsure(writes, overrides) {
    const names = new Set();
    for (const w of writes) {
        const labels = w.kind === 'create' ? w.issue.labels : w.kind === 'comment' ? [] : (w.patch.labels ?? []);
        for (const name of labels)
            names.add(name);
    }
    return [...names].map((name) => overrides.find((l) => l.name === name) ?? labelSpec(name));
}
async function applyWrite(write, tracker) {
    switch (write.kind) {
        case 'create':
            return tracker.createIssue(write.issue);
        case 'comment':
            await tracker.addComment(write.issueNumber, write.body);
            return undefined;
        default:
            await tracker.updateIssue(write.issueNumber, write.patch);
            return undefined;
    }
}
/**
 * Carries out the plan, or in a dry run only reports it. This is the one place a dry run is
 * decided (DESIGN §5: "one `if`, not many"): with `dryRun` — or without a tracker, which only a
 * dry run without a token has — no request is made and the actions come back `planned`.
 */
async function applyPlan(plan, tracker, options) {
    if (options.dryRun || !tracker)
        return planAsActions(plan);
    return writePlan(plan, tracker, options);
}
/** A dry run's result: the plan's actions, those that would write marked `planned`. */
function planAsActions(plan) {
    const actions = plan.actions.map((a) => ({ ...a }));
    // Only actions that write get a status; `none` and `skip` are final as planned.
    for (const write of plan.writes)
        actions[write.action].status = 'planned';
    return actions;
}
/**
 * Writes through the tracker, in plan order (highest priority first). A failed write marks its
 * action `failed` with the error and skips that action's remaining writes (no "reopened" comment
 * on an issue that did not reopen); every other action goes on.
 */
async function writePlan(plan, tracker, options) {
    const actions = plan.actions.map((a) => ({ ...a }));
    const log = options.log ?? (() => undefined);
    const specs = labelsToEnsure(plan.writes, options.labels ?? []);
    if (specs.length) {
        try {
            await tracker.ensureLabels(specs);
        }
        catch (error) {
            // Not fatal: GitHub creates missing labels on issue writes, only without our colours.
            log(`Could not ensure labels (${specs.map((s) => s.name).join(', ')}): ${errorMessage(error)}`);
        }
    }
    const failed = new Set();
    for (const write of plan.writes) {
        const action = actions[write.action];
        if (failed.has(write.action))
            continue;
        try {
            const created = await applyWrite(write, tracker);
            if (created) {
                action.issueNumber = created.number;
                action.url = created.url;
            }
            action.status = 'done';
        }
        catch (error) {
            failed.add(write.action);
            action.status = 'failed';
            action.error = `${write.kind} failed: ${errorMessage(error)}`;
            log(`Issue ${write.kind} for ${action.fingerprint}${action.issueNumber ? ` (#${action.issueNumber})` : ''} failed: ${errorMessage(error)}`);
        }
    }
    return actions;
}

;// CONCATENATED MODULE: ./src/core/correlate/problem-node.ts


const problem_node_MINUTE = 60_000;
function toNode(cluster, index) {
    return {
        index,
        cluster,
        role: problemRole(cluster),
        workloads: new Set(cluster.services.map(workloadOf)),
        minutes: new Set([...cluster.perMinute].filter(([, n]) => n > 0).map(([m]) => m)),
        traces: new Set(cluster.traceIds ?? []),
        locations: new Set(cluster.codeLocations.filter((l) => /\(\/app\/|^[\w.$<>*()]+ \(/.test(l))),
    };
}
function sameService(a, b) {
    for (const w of a.workloads)
        if (b.workloads.has(w))
            return true;
    return false;
}
/** Share of `symptom`'s active minutes in which `cause` was active too (exact minutes). */
function coActivity(cause, symptom) {
    if (symptom.minutes.size === 0)
        return 0;
    let both = 0;
    for (const m of symptom.minutes)
        if (cause.minutes.has(m))
            both++;
    return both / symptom.minutes.size;
}
function sharedTraces(a, b) {
    const [small, large] = a.traces.size <= b.traces.size ? [a.traces, b.traces] : [b.traces, a.traces];
    let n = 0;
    for (const t of small)
        if (large.has(t))
            n++;
    return n;
}
function sameRevision(a, b) {
    if (a.revisions.length === 0 || b.revisions.length === 0)
        return true;
    return a.revisions.some((r) => b.revisions.includes(r));
}
/**
 * The order in which problems explain one another, best first: role (same-service or
 * cross-service ranks), then who began first (a minute apart or more), then an exception over a
 * message, the higher priority, the exact start, the fingerprint. Negative when `a` explains `b`.
 */
function explainOrder(a, b, cross) {
    const rank = cross ? CROSS_SERVICE_RANK : SAME_SERVICE_RANK;
    const ca = a.cluster;
    const cb = b.cluster;
    return (rank[b.role] - rank[a.role] ||
        (Math.abs(ca.firstSeen - cb.firstSeen) >= problem_node_MINUTE ? ca.firstSeen - cb.firstSeen : 0) ||
        Number(cb.kind === 'exception') - Number(ca.kind === 'exception') ||
        ca.priority.localeCompare(cb.priority) ||
        ca.firstSeen - cb.firstSeen ||
        cb.count - ca.count ||
        ca.fingerprint.localeCompare(cb.fingerprint));
}
/** `0:05 after it` / `1:10 before it` / `with it`, for evidence text. */
function relativeStart(symptom, cause) {
    const delta = symptom.firstSeen - cause.firstSeen;
    if (Math.abs(delta) < 1000)
        return 'with it';
    const s = Math.round(Math.abs(delta) / 1000);
    const text = s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
    return `${text} ${delta > 0 ? 'after' : 'before'} it (${(0,format/* formatClock */.ei)(symptom.firstSeen)})`;
}

;// CONCATENATED MODULE: ./src/core/correlate/links-calls.ts
/**
 * Evidence about calls: a caller whose errors name its callee, and two errors of one caller that
 * are the same failing call (same code location, or the same failing requests).
 */


const LEAD = 2 * problem_node_MINUTE;
const CALL_ROLES = new Set(['exception', 'remote', 'dependency']);
/** `orders-api` of `shop/orders-api` (GKE) or `orders-api` (Cloud Run). */
function nameOf(workload) {
    return workload.slice(workload.lastIndexOf('/') + 1).toLowerCase();
}
/** Cloud Run (`NAME-hash-ew.a.run.app`, `NAME-123.europe-west1.run.app`), App Engine, Kubernetes DNS. */
function hostNames(host, name) {
    if (name.length < 3)
        return false;
    if (host === name || host.startsWith(`${name}.`))
        return true;
    return host.startsWith(`${name}-`) && (host.endsWith('.run.app') || host.endsWith('.appspot.com'));
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** The workloads a caller names, with how: hosts it calls (the longest matching name), or names as words. */
function namedWorkloads(node, workloads) {
    const named = new Map();
    for (const host of node.cluster.mentions ?? []) {
        const match = workloads
            .filter((w) => hostNames(host, nameOf(w)))
            .sort((a, b) => nameOf(b).length - nameOf(a).length)[0];
        if (match)
            named.set(match, `calls ${host}`);
    }
    const sample = node.cluster.samples[0];
    const text = `${node.cluster.title}\n${node.cluster.template}\n${sample?.message ?? ''}`;
    for (const w of workloads) {
        const name = nameOf(w);
        if (named.has(w) || name.length < 4)
            continue;
        if (new RegExp(`(?<![\\w-])${escapeRegExp(name)}(?![\\w-])`, 'i').test(text))
            named.set(w, `names ${name}`);
    }
    return named;
}
/**
 * Caller → callee: a problem of service A whose entries name service B, beginning while B has
 * problems, is explained by B's problems (the callee's cause first: weight is its role).
 */
function namingEdges(nodes) {
    const byWorkload = new Map();
    for (const n of nodes)
        for (const w of n.workloads)
            byWorkload.set(w, [...(byWorkload.get(w) ?? []), n]);
    const edges = [];
    for (const caller of nodes) {
        if (caller.role === 'request')
            continue;
        const others = [...byWorkload.keys()].filter((w) => !caller.workloads.has(w));
        for (const [workload, how] of namedWorkloads(caller, others)) {
            const callees = byWorkload.get(workload);
            const start = caller.cluster.firstSeen;
            for (const callee of callees) {
                const c = callee.cluster;
                if (sameService(caller, callee) || c.firstSeen > start + LEAD || c.lastSeen < start - LEAD)
                    continue;
                edges.push({
                    parent: callee.index,
                    child: caller.index,
                    strength: 4,
                    weight: SAME_SERVICE_RANK[callee.role],
                    evidence: `${caller.cluster.services.join(', ')} ${how} and began while ${nameOf(workload)} was failing`,
                });
            }
        }
    }
    return edges;
}
/** Two errors of one service in one call: a shared code location, or the same failing requests. */
function samePeerCall(a, b, requests) {
    const location = [...a.locations].find((l) => b.locations.has(l));
    if (location && coActivity(a, b) >= 0.5)
        return `the same call fails (${location})`;
    const request = requests.find((r) => sameService(r, a) && sharedTraces(r, a) > 0 && sharedTraces(r, b) > 0);
    return request ? `both fail the same requests (${request.cluster.title})` : '';
}
/** Peers get an edge each way; the one with the stronger evidence elsewhere becomes the parent. */
function peerEdges(nodes) {
    const calls = nodes.filter((n) => CALL_ROLES.has(n.role));
    const requests = nodes.filter((n) => n.role === 'request' && n.traces.size > 0);
    const edges = [];
    for (let i = 0; i < calls.length; i++)
        for (let j = i + 1; j < calls.length; j++) {
            const a = calls[i];
            const b = calls[j];
            if (!sameService(a, b))
                continue;
            const why = samePeerCall(a, b, requests);
            if (!why)
                continue;
            edges.push({ parent: a.index, child: b.index, strength: 1, weight: coActivity(a, b), evidence: why }, { parent: b.index, child: a.index, strength: 1, weight: coActivity(b, a), evidence: why });
        }
    return edges;
}

;// CONCATENATED MODULE: ./src/core/correlate/links.ts
/**
 * The evidence that one problem explains another (issue 13). Every rule needs more than time in
 * the same minutes: a shared service (and revision), shared trace ids, or a caller naming its
 * callee. Time alone never links two services.
 */


/** How far before its cause a symptom may begin (clocks and log delivery differ by seconds). */
const links_LEAD = 2 * problem_node_MINUTE;
/** A cause and the failures it explains are active in the same minutes at least this often. */
const TOGETHER = 0.8;
const links_short = (text) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);
/** Both began within LEAD of the window's start: an outage older than the window shows its symptoms first. */
function bothOpenedWithWindow(a, b, window) {
    return a.cluster.firstSeen - window.start <= links_LEAD && b.cluster.firstSeen - window.start <= links_LEAD;
}
/** The symptom begins no earlier than LEAD before the cause and while the cause is still seen. */
function beginsDuring(cause, symptom, window) {
    const s = symptom.cluster.firstSeen;
    const inSpan = s >= cause.cluster.firstSeen - links_LEAD && s <= cause.cluster.lastSeen + links_LEAD;
    return inSpan || bothOpenedWithWindow(cause, symptom, window);
}
/**
 * Same service, cannot start: a startup failure or out-of-memory crash explains the service's
 * exits, probe failures, 5xx, and the boot messages logged at every failed start.
 */
function cannotStart(cause, symptom, window) {
    if (cause.role !== 'startup' && cause.role !== 'oom')
        return null;
    if (!beginsDuring(cause, symptom, window))
        return null;
    const c = cause.cluster;
    const what = cause.role === 'oom' ? 'runs out of memory' : 'cannot start';
    const head = `${c.services.join(', ')} ${what} (${links_short(c.title)})`;
    const edge = (strength, weight, why) => ({
        parent: cause.index,
        child: symptom.index,
        strength,
        weight,
        evidence: `${head}; ${why}`,
    });
    const together = coActivity(cause, symptom);
    switch (symptom.role) {
        case 'platform':
            return edge(4, together, `its platform reports began ${relativeStart(symptom.cluster, c)}`);
        case 'request':
            return isServerError(symptom.cluster)
                ? edge(4, together, `its requests fail (HTTP ${symptom.cluster.statuses.join(', ')}), beginning ${relativeStart(symptom.cluster, c)}`)
                : null;
        case 'startup':
        case 'oom': {
            // One failure logged twice (a problem split in two): either covers the other's minutes,
            // and the better explainer (an exception over a platform message) is the parent.
            const either = Math.max(together, coActivity(symptom, cause));
            return either >= TOGETHER && sameRevision(c, symptom.cluster) && explainOrder(cause, symptom, false) < 0
                ? edge(3, either, `logged at the same failed starts (same revision, ${Math.round(either * 100)}% of the minutes)`)
                : null;
        }
        case 'message':
            return together >= TOGETHER && sameRevision(c, symptom.cluster)
                ? edge(2, together, `logged at every failed start (same revision, ${Math.round(together * 100)}% of its minutes)`)
                : null;
        default:
            return null;
    }
}
/**
 * Same service, a cause and its requests: an exception (or lost dependency, or failed call) and the
 * service's own 5xx that begin within a minute on the same revision, or fail in the same minutes.
 */
function causeAndRequests(cause, symptom) {
    if (!['dependency', 'exception', 'remote'].includes(cause.role) || !isServerError(symptom.cluster))
        return null;
    const c = cause.cluster;
    const s = symptom.cluster;
    if (!sameRevision(c, s))
        return null;
    const together = coActivity(cause, symptom);
    const close = Math.abs(s.firstSeen - c.firstSeen) <= problem_node_MINUTE;
    const during = s.firstSeen >= c.firstSeen - problem_node_MINUTE && s.firstSeen <= c.lastSeen && together >= TOGETHER;
    if (!close && !during)
        return null;
    const handler = c.codeLocations.some((l) => s.routes.some((r) => routeNamedIn(r, l)));
    return {
        parent: cause.index,
        child: symptom.index,
        strength: 3,
        weight: together + (handler ? 1 : 0),
        evidence: `HTTP ${s.statuses.filter((x) => x >= 500).join(', ')} of ${s.services.join(', ')} began ${relativeStart(s, c)} on the same revision${handler ? ', and the exception names the route’s handler' : ''}`,
    };
}
/** `GET /api/products/{id}/price` is named in a location like `get_price (/app/catalog/routes/prices.py)`. */
function routeNamedIn(route, location) {
    const last = route
        .split(/[\s/]/)
        .filter((p) => p && !p.startsWith('{'))
        .pop();
    return last !== undefined && last.length >= 4 && location.toLowerCase().includes(last.toLowerCase());
}
/** Same service, a lost dependency explains the other errors that fail in the same minutes. */
function dependencyDown(cause, symptom) {
    if (cause.role !== 'dependency' || !['dependency', 'exception', 'remote', 'message'].includes(symptom.role))
        return null;
    const c = cause.cluster;
    const s = symptom.cluster;
    const together = coActivity(cause, symptom);
    if (together < TOGETHER || Math.abs(s.firstSeen - c.firstSeen) > problem_node_MINUTE || !sameRevision(c, s))
        return null;
    // Two lost-dependency problems: the one that explains the other by role and start only.
    if (symptom.role === 'dependency' && explainOrder(cause, symptom, false) > 0)
        return null;
    return {
        parent: cause.index,
        child: symptom.index,
        strength: 3,
        weight: together,
        evidence: `${c.services.join(', ')} lost a dependency (${links_short(c.title)}); this began ${relativeStart(s, c)} and fails in ${Math.round(together * 100)}% of the same minutes`,
    };
}
/** Every same-service rule for an ordered pair (cause first). */
function sameServiceEdges(nodes, window) {
    const edges = [];
    for (const cause of nodes)
        for (const symptom of nodes) {
            if (cause === symptom || !sameService(cause, symptom))
                continue;
            // Two causes of one kind (a problem split in two) get an edge each way: the stronger wins.
            const edge = cannotStart(cause, symptom, window) ?? causeAndRequests(cause, symptom) ?? dependencyDown(cause, symptom);
            if (edge)
                edges.push(edge);
        }
    return edges;
}
/** Same request: problems whose entries share trace ids; the higher role explains the lower. */
function traceEdges(nodes) {
    const edges = [];
    for (let i = 0; i < nodes.length; i++)
        for (let j = i + 1; j < nodes.length; j++) {
            const a = nodes[i];
            const b = nodes[j];
            if (a.traces.size === 0 || b.traces.size === 0)
                continue;
            const shared = sharedTraces(a, b);
            if (shared === 0)
                continue;
            const cross = !sameService(a, b);
            const [parent, child] = explainOrder(a, b, cross) < 0 ? [a, b] : [b, a];
            edges.push({
                parent: parent.index,
                child: child.index,
                strength: 5,
                weight: shared,
                evidence: `${shared} shared ${shared === 1 ? 'request' : 'requests'} (trace ids)${cross ? ` from ${child.cluster.services.join(', ')} to ${parent.cluster.services.join(', ')}` : ''}`,
            });
        }
    return edges;
}

;// CONCATENATED MODULE: ./src/core/correlate/correlate.ts
/**
 * Correlates a window's problems into incidents (issue 13, DESIGN §1 step 5): each problem is
 * explained by at most one other, chosen by the strongest evidence (shared traces, a service that
 * cannot start, a caller naming its callee, a cause and its own 5xx, the same failing call), so
 * the links form trees. A tree is an incident; its top is the root cause. A symptom shared by two
 * incidents joins the one with the stronger evidence: no incident ever mixes two roots.
 */






/** Strongest evidence first; between equals, the better explainer, then a stable order. */
function byStrength(nodes) {
    return (a, b) => {
        const pa = nodes[a.parent];
        const pb = nodes[b.parent];
        return (b.strength - a.strength ||
            b.weight - a.weight ||
            SAME_SERVICE_RANK[pb.role] - SAME_SERVICE_RANK[pa.role] ||
            pa.cluster.firstSeen - pb.cluster.firstSeen ||
            pa.cluster.fingerprint.localeCompare(pb.cluster.fingerprint) ||
            nodes[a.child].cluster.fingerprint.localeCompare(nodes[b.child].cluster.fingerprint));
    };
}
/** Each problem's one explaining link: the strongest that does not close a loop. */
function chooseParents(nodes, edges) {
    const parent = new Map();
    const reaches = (from, target) => {
        for (let at = from; at !== undefined; at = parent.get(at)?.parent)
            if (at === target)
                return true;
        return false;
    };
    for (const edge of [...edges].sort(byStrength(nodes))) {
        if (parent.has(edge.child) || reaches(edge.parent, edge.child))
            continue;
        parent.set(edge.child, edge);
    }
    return parent;
}
function toIncident(nodes, root, children) {
    const members = [root];
    const links = [];
    for (let i = 0; i < members.length; i++)
        for (const edge of children.get(members[i].index) ?? []) {
            members.push(nodes[edge.child]);
            links.push({
                from: nodes[edge.parent].cluster.fingerprint,
                to: nodes[edge.child].cluster.fingerprint,
                evidence: edge.evidence,
            });
        }
    const clusters = members.map((m) => m.cluster);
    const priority = PRIORITIES[Math.min(...clusters.map((c) => PRIORITIES.indexOf(c.priority)))];
    return {
        id: incidentId(root.cluster.fingerprint),
        title: root.cluster.title,
        priority,
        root: root.cluster.fingerprint,
        rootRole: root.role,
        members: clusters.map((c) => c.fingerprint),
        services: [...new Set(clusters.flatMap((c) => c.services))],
        firstSeen: Math.min(...clusters.map((c) => c.firstSeen)),
        lastSeen: Math.max(...clusters.map((c) => c.lastSeen)),
        links,
    };
}
/** The window's incidents, most urgent first (priority, then the earliest start). */
function correlate(input) {
    const nodes = input.clusters.filter((c) => !c.ignored).map(toNode);
    const edges = [
        ...traceEdges(nodes),
        ...sameServiceEdges(nodes, input.window),
        ...namingEdges(nodes),
        ...peerEdges(nodes),
    ];
    const parent = chooseParents(nodes, edges);
    const children = new Map();
    for (const edge of [...parent.values()].sort(byStrength(nodes)))
        children.set(edge.parent, [...(children.get(edge.parent) ?? []), edge]);
    return nodes
        .filter((n) => !parent.has(n.index))
        .map((root) => toIncident(nodes, root, children))
        .sort((a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) ||
        a.firstSeen - b.firstSeen ||
        a.id.localeCompare(b.id));
}
/** Incident id by member fingerprint. */
function incidentOf(incidents) {
    return new Map(incidents.flatMap((i) => i.members.map((m) => [m, i.id])));
}

;// CONCATENATED MODULE: ./src/core/compare/baseline-split.ts
class FileBaselineSplit {
    window;
    tally;
    /** The file's earliest entry (any window), Infinity until one is seen. */
    first = Infinity;
    services;
    constructor(window, services, tally) {
        this.window = window;
        this.tally = tally;
        this.services = new Set(services);
    }
    /** Called on every readable entry of the file; true when the baseline took it. */
    take(record, raw) {
        if (record.timestamp < this.first)
            this.first = record.timestamp;
        if (record.timestamp < this.window.start || record.timestamp >= this.window.end)
            return false;
        if (this.services.size > 0 && !this.services.has(record.service))
            return false;
        this.tally.add(record, raw);
        return true;
    }
}

;// CONCATENATED MODULE: ./src/core/compare/compare.ts


const compare_MINUTE = 60_000;
/** `worse`: at least this many times the baseline's rate … */
const WORSE_FACTOR = 3;
/** … and at least this many more entries than the baseline's rate gives over the window. */
const WORSE_MIN_ENTRIES = 10;
function minutes(ms) {
    return Math.max(ms, 1000) / compare_MINUTE;
}
/** The change of a count against a baseline rate: `worse` needs both the factor and the margin. */
function classifyChange(count, windowMinutes, baselineCount, baselineMinutes) {
    const rate = count / windowMinutes;
    const baselineRate = baselineCount / baselineMinutes;
    const expected = baselineRate * windowMinutes;
    let change = 'same';
    if (baselineCount === 0)
        change = 'new';
    else if (rate >= WORSE_FACTOR * baselineRate && count - expected >= WORSE_MIN_ENTRIES)
        change = 'worse';
    else if (baselineRate >= WORSE_FACTOR * rate && expected - count >= WORSE_MIN_ENTRIES)
        change = 'better';
    return { change, rate, baselineRate };
}
/**
 * Whether a revision took part in the baseline: it served requests there, or its service wrote no
 * request logs there at all (a worker: any entry counts). A new revision's instances start (and
 * log) a minute before traffic moves to them; that alone does not make them part of the baseline.
 */
function servedBefore(baseline) {
    return (revision) => {
        const facts = baseline.revisions.get(revision);
        if (!facts)
            return false;
        if (facts.requests > 0)
            return true;
        return (baseline.services.get(facts.service)?.requests ?? 0) === 0;
    };
}
function attribute(cluster, current, served) {
    const newRevisions = cluster.revisions.filter((r) => !served(r));
    const commits = [...new Set(newRevisions.map((r) => current.revisions.get(r)?.commit ?? '').filter(Boolean))];
    return {
        newRevisions,
        startedWithRevision: cluster.revisions.length > 0 && newRevisions.length === cluster.revisions.length,
        commits,
    };
}
function changeOf(cluster, before, input, covered, served) {
    const { change, rate, baselineRate } = classifyChange(cluster.count, minutes(input.window.end - input.window.start), before?.count ?? 0, minutes(covered.end - covered.start));
    const changed = change === 'new' || change === 'worse';
    return {
        change,
        rate: round(rate),
        baselineRate: round(baselineRate),
        baselineCount: before?.count ?? 0,
        ...(changed
            ? attribute(cluster, input.current, served)
            : { newRevisions: [], startedWithRevision: false, commits: [] }),
    };
}
function round(rate) {
    return Math.round(rate * 1000) / 1000;
}
function goneProblems(input, coveredMinutes) {
    const now = new Set(input.clusters.map((c) => c.fingerprint));
    return input.baseline.clusters
        .filter((b) => !b.ignored && !now.has(b.fingerprint))
        .sort((a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) || b.count - a.count)
        .map((b) => ({
        fingerprint: b.fingerprint,
        title: b.title,
        priority: b.priority,
        services: [...b.services],
        baselineCount: b.count,
        baselineRate: round(b.count / coveredMinutes),
    }));
}
function serviceErrors(input, coveredMinutes) {
    const windowMinutes = minutes(input.window.end - input.window.start);
    const names = [...new Set([...input.baseline.facts.services.keys(), ...input.current.services.keys()])].sort();
    const none = { requests: 0, serverErrors: 0, successful: 0 };
    return names.map((service) => {
        const before = input.baseline.facts.services.get(service) ?? none;
        const after = input.current.services.get(service) ?? none;
        return {
            service,
            before,
            after,
            beforePerMinute: round(before.serverErrors / coveredMinutes),
            afterPerMinute: round(after.serverErrors / windowMinutes),
        };
    });
}
function newRevisions(input, served) {
    return [...input.current.revisions]
        .filter(([revision]) => !served(revision))
        .map(([revision, f]) => ({
        service: f.service,
        revision,
        commit: f.commit || input.baseline.facts.revisions.get(revision)?.commit || '',
        firstSeen: f.firstSeen,
    }))
        .sort((a, b) => a.firstSeen - b.firstSeen || a.revision.localeCompare(b.revision));
}
/** A file starting this soon after the baseline's start covers it (its first entry is rarely on the second). */
const COVERAGE_SLACK_MS = 60_000;
/** The part of the baseline the data covers: a logs-file that starts later covers less. */
function coveredSpan(baseline) {
    if (baseline.fileFirst === undefined || baseline.fileFirst - baseline.window.start <= COVERAGE_SLACK_MS)
        return baseline.window;
    const start = Math.min(baseline.fileFirst, baseline.window.end);
    return { start, end: baseline.window.end };
}
function describeBaseline(baseline, covered, usable) {
    const { window, facts } = baseline;
    const asked = `${(0,format/* formatIso */.dv)(window.start)} → ${(0,format/* formatIso */.dv)(window.end)}`;
    if (!usable)
        return [
            `The file holds no entries in the baseline window (${asked}): there is nothing to compare with, so no problem is marked new or worse and fail-on counts every problem. Export the minutes before the analysed window too (or shorten baseline).`,
        ];
    const notes = [];
    if (covered.start > window.start)
        notes.push(`The file's entries start at ${(0,format/* formatClock */.ei)(covered.start)}: the baseline is the ${(0,format/* formatDuration */.a3)(covered.end - covered.start)} from then to ${(0,format/* formatClock */.ei)(covered.end)}, not the ${(0,format/* formatDuration */.a3)(window.end - window.start)} asked; rates are per minute of that.`);
    if (facts.entries === 0)
        notes.push(`The baseline read (${asked}) found no matching entries: nothing at min-severity and no 5xx before, so every problem of the window is new.`);
    if (facts.estimated)
        notes.push('The baseline read was sampled (max-entries): its counts are estimates.');
    return notes;
}
/** The window's clusters with their change, and what the comparison found. */
function compareWindows(input) {
    const { baseline } = input;
    const covered = coveredSpan(baseline);
    // A file with nothing there cannot say what is new; Cloud Logging's empty answer is an answer.
    const usable = baseline.fileFirst === undefined || baseline.facts.entries > 0;
    const served = servedBefore(baseline.facts);
    const coveredMinutes = minutes(covered.end - covered.start);
    const comparison = {
        baseline: { ...baseline.window },
        covered,
        entries: baseline.facts.entries,
        analysed: baseline.facts.analysed,
        estimated: baseline.facts.estimated,
        usable,
        gone: usable ? goneProblems(input, coveredMinutes) : [],
        serviceErrors: usable ? serviceErrors(input, coveredMinutes) : [],
        newRevisions: usable ? newRevisions(input, served) : [],
        notes: describeBaseline(baseline, covered, usable),
    };
    const before = new Map(baseline.clusters.map((b) => [b.fingerprint, b]));
    const clusters = usable
        ? input.clusters.map((c) => ({ ...c, change: changeOf(c, before.get(c.fingerprint), input, covered, served) }))
        : input.clusters;
    return { clusters, comparison };
}

;// CONCATENATED MODULE: ./src/core/compare/commit-label.ts
/**
 * The commit a revision was built from, as its entries carry it: Cloud Build deploys to Cloud Run
 * label every entry `commit-sha` (https://cloud.google.com/build/docs/deploying-builds/deploy-cloud-run);
 * GKE pods carry their own pod labels as `k8s-pod/<label>`, where a commit label, when a team sets
 * one, has a name like `commit-sha` or `git-commit`.
 */
const COMMIT_KEY = /(^|\/)(commit[-_]?sha|git[-_]?(commit|sha)|commit)$/i;
/** A hex object name, or a short one; anything else (a version tag) is not a commit. */
const SHA = /^[0-9a-f]{7,64}$/i;
/** The commit label of a raw LogEntry, '' when it has none. */
function commitOfEntry(raw) {
    if (typeof raw !== 'object' || raw === null)
        return '';
    const labels = raw.labels;
    if (typeof labels !== 'object' || labels === null)
        return '';
    for (const [key, value] of Object.entries(labels))
        if (COMMIT_KEY.test(key) && typeof value === 'string' && SHA.test(value))
            return value.toLowerCase();
    return '';
}

;// CONCATENATED MODULE: ./src/core/compare/window-tally.ts
/**
 * What compare needs to know of one window, gathered while entries stream: request logs and 5xx
 * per service, the revisions that served requests, their commits, and (for the baseline) the
 * window's own clusters, grouped exactly as the analysed window's so fingerprints match.
 */






class WindowTally {
    options;
    services = new Map();
    revisions = new Map();
    clusterer;
    aggregator = new ClusterAggregator();
    minRank;
    entries = 0;
    analysed = 0;
    first = Infinity;
    constructor(options = {}) {
        this.options = options;
        this.clusterer = options.cluster ? (0,cluster/* createClusterer */.Q8)({ grouping: options.cluster.grouping }) : null;
        this.minRank = options.cluster ? (0,log_record/* severityRank */.qs)(options.cluster.minSeverity) : Infinity;
    }
    /** Every entry of the window (any severity); `raw` is the LogEntry, for its commit label. */
    add(record, raw) {
        this.entries++;
        if (record.timestamp < this.first)
            this.first = record.timestamp;
        const service = record.service || record.resourceType || 'unknown';
        if (record.http) {
            let counts = this.services.get(service);
            if (!counts)
                this.services.set(service, (counts = { requests: 0, serverErrors: 0, successful: 0 }));
            counts.requests++;
            const status = record.http.status;
            if (status >= 500 || status === 0)
                counts.serverErrors++;
            else if (status < 400)
                counts.successful++;
        }
        if (record.revision)
            this.addRevision(record, service, raw);
        if (!this.clusterer)
            return;
        const assembler = this.options.cluster?.assembler;
        if (!assembler)
            this.clusterRecord(this.clusterer, record);
        else
            for (const assembled of assembler.push(record))
                this.clusterRecord(this.clusterer, assembled);
    }
    clusterRecord(clusterer, record) {
        if ((0,log_record/* severityRank */.qs)(record.severity) < this.minRank)
            return;
        this.analysed += record.memberIds ? record.memberIds.length : 1;
        const redacted = (0,redact_redact/* redactRecord */.hi)(record, { ips: this.options.cluster?.redactIps ?? false });
        this.aggregator.add(clusterer.add(redacted), redacted, redacted.http ? (0,route_template/* routeLabel */.qA)(redacted.http) : '');
    }
    addRevision(record, service, raw) {
        let facts = this.revisions.get(record.revision);
        if (!facts) {
            facts = { service, requests: 0, commit: '', firstSeen: record.timestamp };
            this.revisions.set(record.revision, facts);
        }
        if (record.http)
            facts.requests++;
        if (record.timestamp < facts.firstSeen)
            facts.firstSeen = record.timestamp;
        if (!facts.commit)
            facts.commit = commitOfEntry(raw);
    }
    /** The window's facts; counts scaled when the read was a sample. */
    finish(sampleFraction = 1) {
        const assembler = this.options.cluster?.assembler;
        if (this.clusterer && assembler)
            for (const assembled of assembler.finish())
                this.clusterRecord(this.clusterer, assembled);
        const sampled = sampleFraction > 0 && sampleFraction < 1;
        const scale = (n) => (sampled ? Math.round(n / sampleFraction) : n);
        const services = new Map([...this.services].map(([name, c]) => [
            name,
            { requests: scale(c.requests), serverErrors: scale(c.serverErrors), successful: scale(c.successful) },
        ]));
        return {
            entries: scale(this.entries),
            analysed: scale(this.analysed),
            first: this.first,
            clusters: this.clusterer ? this.aggregator.build(this.clusterer.finish(), this.analysed, sampleFraction) : [],
            services,
            revisions: this.revisions,
            estimated: sampled,
        };
    }
}

;// CONCATENATED MODULE: ./src/baseline-run.ts







class BaselineRun {
    config;
    source;
    current = new WindowTally();
    tally;
    split = null;
    hooks;
    /**
     * `source` is the baseline's own Cloud Logging source; null for a logs-file, whose baseline is
     * its entries in the `baseline` before `since` (none without `since`: the window is the file's span).
     */
    constructor(config, rules, source) {
        this.config = config;
        this.source = source;
        this.tally = new WindowTally({
            // Assembled as the analysed window's read assembles, so the same problem has the same fingerprint.
            cluster: {
                grouping: rules.grouping,
                minSeverity: config.minSeverity,
                redactIps: config.redactIps,
                assembler: new EventAssembler(),
            },
        });
        if (!source && config.logsFile && config.since !== null)
            this.split = new FileBaselineSplit({ start: config.since - config.baselineMs, end: config.since }, config.services, this.tally);
        this.hooks = {
            take: this.split ? (record, raw) => this.split.take(record, raw) : undefined,
            observe: (record, raw) => this.current.add(record, raw),
        };
    }
    /** Reads the baseline (Cloud Logging), ranks its problems as `rank` ranks the window's, compares. */
    async compare(clusters, window, rank) {
        const baselineWindow = this.split?.window ?? { start: window.start - this.config.baselineMs, end: window.start };
        const facts = await this.readBaseline();
        // No baseline source outside a logs-file: Log Analytics (analytics-dataset) reads one window.
        const unread = !this.source && !this.config.logsFile;
        const compared = compareWindows({
            clusters,
            window,
            current: this.current.finish(),
            baseline: {
                window: baselineWindow,
                facts,
                clusters: rank(facts.clusters, { totalAnalysed: facts.analysed, windowStart: baselineWindow.start }),
                fileFirst: this.source ? undefined : (this.split?.first ?? Infinity),
            },
        });
        const comparison = unread
            ? {
                ...compared.comparison,
                notes: [
                    'With analytics-dataset the baseline window is not read: nothing was compared, so fail-on counts every problem.',
                ],
            }
            : compared.comparison;
        return { clusters: compared.clusters, comparison: this.redacted(comparison) };
    }
    async readBaseline() {
        if (!this.source)
            return this.tally.finish();
        // As the window's own read: a request log below min-severity is only counted.
        const minRank = (0,log_record/* severityRank */.qs)(this.config.minSeverity);
        for await (const batch of batchesOf(this.source))
            for (const raw of batch) {
                const record = (0,normalize/* normalizeEntry */.YT)(raw, minRank);
                if (!(0,normalize/* isSkip */.yL)(record))
                    this.tally.add(record, raw);
            }
        return this.tally.finish(this.source.info().sampleFraction);
    }
    /** Names counted before redaction (as the service status's) are redacted here; notes of the read join. */
    redacted(comparison) {
        const redact = (text) => (0,redact_redact/* redactText */.Rd)(text, { ips: this.config.redactIps });
        const info = this.source?.info();
        const notes = info ? info.notes.map((n) => `Baseline read: ${n}`) : [];
        if (info && info.requests > 0)
            notes.push(`The baseline read made ${info.requests} entries.list requests.`);
        return {
            ...comparison,
            serviceErrors: comparison.serviceErrors.map((s) => ({ ...s, service: redact(s.service) })),
            newRevisions: comparison.newRevisions.map((r) => ({
                ...r,
                service: redact(r.service),
                revision: redact(r.revision),
            })),
            notes: [...comparison.notes, ...notes],
        };
    }
}
async function* batchesOf(source) {
    if (source.readBatches) {
        yield* source.readBatches();
        return;
    }
    for await (const raw of source.read())
        yield [raw];
}

;// CONCATENATED MODULE: ./src/core/compare/verdict.ts
/**
 * The post-deploy gate (issue 14): `fail-on` counts the problems at or above it — with a baseline
 * and `fail-on-scope: changed` (its default then), only those new or worse than before, so a
 * problem that was there all week does not fail a deploy that did not cause it.
 */


/** A commit as people quote it. */
function shortCommit(sha) {
    return sha.slice(0, 7);
}
/** `new, started with revision r (commit abc1234)`, `worse: 12.5/min, 1.2/min before`, … */
function describeChange(cluster) {
    const change = cluster.change;
    if (!change)
        return '';
    if (change.change === 'same' || change.change === 'better')
        return `${change.change} as before`;
    const revisions = change.newRevisions;
    const commits = change.commits.length ? ` (commit ${change.commits.map(shortCommit).join(', ')})` : '';
    const where = change.startedWithRevision
        ? `, started with revision ${revisions.join(', ')}${commits}`
        : revisions.length
            ? `, also on new revision ${revisions.join(', ')}${commits}`
            : '';
    if (change.change === 'new')
        return `new${where}`;
    return `worse: ${formatRate(change.rate)}/min, ${formatRate(change.baselineRate)}/min before${where}`;
}
function formatRate(rate) {
    if (rate === 0)
        return '0';
    return rate >= 10 ? rate.toFixed(0) : rate >= 1 ? rate.toFixed(1) : rate.toFixed(2);
}
/** The title, and for request logs the routes (a 500 on every route reads as such). */
function describeTitle(cluster) {
    const routes = cluster.kind === 'request' && !cluster.route && cluster.routes.length > 0 ? cluster.routes : [];
    if (routes.length === 0)
        return cluster.title;
    const shown = routes.slice(0, 2).join(', ');
    return `${cluster.title.replace(/ on requests$/, '')} on ${shown}${routes.length > 2 ? ` +${routes.length - 2} more routes` : ''}`;
}
function describeProblem(cluster) {
    const services = cluster.services.length ? ` (${cluster.services.join(', ')})` : '';
    const change = describeChange(cluster);
    return `[${cluster.priority}] ${describeTitle(cluster)}${services}${change ? ` — ${change}` : ''}`;
}
/** One reason per incident (its first failing member, then the others it explains), then the rest. */
function describeFailing(failing, incidents) {
    const byFingerprint = new Map(failing.map((c) => [c.fingerprint, c]));
    const reasons = [];
    for (const incident of incidents) {
        const members = incident.members.map((f) => byFingerprint.get(f)).filter((c) => c !== undefined);
        if (members.length === 0)
            continue;
        for (const m of members)
            byFingerprint.delete(m.fingerprint);
        const [first, ...rest] = members;
        const others = rest.length ? `; with ${rest.map(describeTitle).join('; ')} (one incident)` : '';
        reasons.push(`${describeProblem(first)}${others}`);
    }
    for (const c of byFingerprint.values())
        reasons.push(describeProblem(c));
    return reasons;
}
const counts = (c) => c.change?.change === 'new' || c.change?.change === 'worse';
/** pass / fail / none, which problems fail it and why, in words. */
function decideVerdict(clusters, gate) {
    const base = { failOn: gate.failOn, scope: gate.scope };
    if (!gate.failOn)
        return { ...base, status: 'none', reasons: ['fail-on is not set: this run does not gate.'], failing: [] };
    const threshold = PRIORITIES.indexOf(gate.failOn);
    const atOrAbove = clusters.filter((c) => !c.ignored && PRIORITIES.indexOf(c.priority) <= threshold);
    const changedOnly = gate.scope === 'changed' && gate.comparison?.usable === true;
    const failing = changedOnly ? atOrAbove.filter(counts) : atOrAbove;
    const reasons = describeFailing(failing, gate.incidents ?? []);
    const level = `${gate.failOn}${gate.failOn === 'P0' ? '' : ' or above'}`;
    if (gate.scope === 'changed' && gate.comparison && !gate.comparison.usable)
        reasons.push('The baseline holds no entries to compare with, so every problem counts (as fail-on-scope: all).');
    if (failing.length === 0)
        reasons.unshift(changedOnly ? `No new or worse problem at ${level}.` : `No problem at ${level}.`);
    const before = atOrAbove.length - failing.length;
    if (changedOnly && before > 0)
        reasons.push(`${(0,format/* formatCount */.B4)(before)} ${before === 1 ? 'problem' : 'problems'} at ${level} ${before === 1 ? 'was' : 'were'} there before and ${before === 1 ? 'is' : 'are'} no worse (same or better): not counted (fail-on-scope: changed).`);
    return { ...base, status: failing.length > 0 ? 'fail' : 'pass', reasons, failing: failing.map((c) => c.fingerprint) };
}
/** The step's failure message: names the failing problems, their change and revision. '' on pass. */
function describeGateFailure(verdict, clusters) {
    if (!verdict || verdict.status !== 'fail' || !verdict.failOn)
        return '';
    const failing = new Set(verdict.failing);
    const hits = clusters.filter((c) => failing.has(c.fingerprint));
    const changed = verdict.scope === 'changed' && hits.every(counts);
    const what = changed ? 'new or worse problem(s) since the baseline' : 'problem(s)';
    // With a baseline, the verdict's reasons: one per incident, its revision and commit named.
    const named = changed
        ? verdict.reasons.filter((r) => /^\[P[0-3]\]/.test(r))
        : hits.map((c) => `[${c.priority}] ${c.title}`);
    const list = named.slice(0, 5).join('; ');
    const more = named.length > 5 ? `; and ${named.length - 5} more` : '';
    return `fail-on ${verdict.failOn}: ${hits.length} ${what} at ${verdict.failOn} or above — ${list}${more}.`;
}

;// CONCATENATED MODULE: ./src/garden.ts























/** The whole run as data: fetch → normalize → redact → cluster → prioritize → plan → apply. */
async function runGarden(config, rules, deps) {
    const startedAt = deps.clock.now();
    const baseline = config.baselineMs > 0 ? new BaselineRun(config, rules, deps.baselineSource ?? null) : null;
    const read = await analyse(config, rules, deps, baseline?.hooks);
    const info = deps.source.info();
    const window = info.window ?? (0,read_window/* resolveWindow */.LI)(config, startedAt, read.span);
    // A file has no query: the worklog shows, and links use, the one Cloud Logging would run.
    const baseQuery = info.baseQuery ??
        (0,logging_query/* buildLoggingQuery */.oh)({ services: config.services, filter: config.filter, minSeverity: config.minSeverity, ...window });
    const query = info.query || baseQuery;
    // The source's own notes stay in result.source.notes; these are the run's.
    const notes = [...read.notes];
    if (config.rulesPath)
        notes.push(`Rules read from ${config.rulesPath}.`);
    const { issues, trusted } = await readIssueHistory(config, deps, window.start, notes);
    const known = knownFingerprints(issues, trusted);
    const ranked = rankClusters(read.clusters, rules, {
        totalAnalysed: read.analysed,
        knownFingerprints: known,
        windowStart: window.start,
        historyFloor: config.minIssuePriority,
    });
    // With a baseline: each problem new, worse, same or better than in the window before.
    const { clusters, comparison } = baseline
        ? await baseline.compare(ranked, window, (before, context) => rankClusters(before, rules, { ...context, knownFingerprints: known, historyFloor: config.minIssuePriority }))
        : { clusters: ranked, comparison: undefined };
    // Problems into incidents, root cause first: one issue per incident root (issue 13).
    const incidents = correlate({ clusters, window });
    // The post-deploy gate: with a baseline, by default only new and worse problems count (issue 14).
    const verdict = decideVerdict(clusters, { failOn: config.failOn, scope: config.failOnScope, comparison, incidents });
    // A logs-file export names its project in every logName: links then open the right project.
    const projectId = config.projectId || read.project || 'YOUR_PROJECT';
    const logsLinks = clusterLogsLinks(projectId, baseQuery, clusters, window);
    const runUrl = workflowRunUrl(config.githubServerUrl, config.repository, config.runId);
    const plan = planIssues({
        ...planSettings(config, rules),
        clusters,
        incidents,
        issues,
        trustedAuthors: trusted,
        now: deps.clock.now(),
        window,
        runUrl,
        logsLinks,
    });
    const actions = await apply(plan, config, deps, notes);
    notes.push(...(deps.tracker?.notes?.() ?? []));
    return {
        window,
        source: { ...info, query },
        projectId: config.projectId || read.project,
        repository: config.repository.owner ? `${config.repository.owner}/${config.repository.repo}` : '',
        dryRun: config.dryRun,
        minSeverity: config.minSeverity,
        services: config.services.length > 0 ? config.services : read.services,
        totals: { entries: read.entries, analysed: read.analysed, skipped: read.skipped, bySeverity: read.bySeverity },
        clusters,
        incidents,
        actions,
        serviceStatus: read.serviceStatus,
        runUrl,
        generatedAt: deps.clock.now(),
        logsLinks,
        issueLinks: issueLinks(actions, issues, clusters),
        notes,
        ...(comparison ? { comparison } : {}),
        verdict,
    };
}
/** Batches when the source has them; otherwise one-entry batches. */
async function* garden_batchesOf(source) {
    if (source.readBatches) {
        yield* source.readBatches();
        return;
    }
    for await (const raw of source.read())
        yield [raw];
}
/** Streams every entry once: nothing but per-group statistics is kept. */
async function analyse(config, rules, deps, hooks = {}) {
    const clusterer = (0,cluster/* createClusterer */.Q8)({ grouping: rules.grouping });
    const aggregator = new ClusterAggregator();
    const status = new ServiceStatusTracker();
    const skipped = {};
    const bySeverity = {};
    const minRank = (0,log_record/* severityRank */.qs)(config.minSeverity);
    const redaction = { ips: config.redactIps };
    const exclude = (0,read_window/* fileExclusion */.xm)(config);
    const excluded = {};
    let entries = 0;
    let project = '';
    let analysed = 0;
    let first = Infinity;
    let last = -Infinity;
    // Multi-line crash reports are put back together before the severity filter: their lines
    // have no severity of their own, the event they form is an error.
    const assembler = new EventAssembler();
    const take = (normalized) => {
        if ((0,log_record/* severityRank */.qs)(normalized.severity) < minRank)
            return;
        const entriesOf = normalized.memberIds ? normalized.memberIds.length : 1;
        analysed += entriesOf;
        bySeverity[normalized.severity] = (bySeverity[normalized.severity] ?? 0) + entriesOf;
        const record = (0,redact_redact/* redactRecord */.hi)(normalized, redaction);
        aggregator.add(clusterer.add(record), record, record.http ? (0,route_template/* routeLabel */.qA)(record.http) : '');
    };
    for await (const batch of garden_batchesOf(deps.source))
        for (const raw of batch) {
            entries++;
            if (!project)
                project = (0,normalize_resource/* projectOfEntry */.tS)(raw);
            // A request log below min-severity is only counted (service status, baseline tallies).
            const normalized = (0,normalize/* normalizeEntry */.YT)(raw, minRank);
            if ((0,normalize/* isSkip */.yL)(normalized)) {
                skipped[normalized.skip] = (skipped[normalized.skip] ?? 0) + 1;
                continue;
            }
            // A logs-file's baseline entries (before since) go to the baseline, not to "left out".
            if (hooks.take?.(normalized, raw))
                continue;
            const excludedBy = exclude(normalized);
            if (excludedBy) {
                excluded[excludedBy] = (excluded[excludedBy] ?? 0) + 1;
                continue;
            }
            if (normalized.timestamp < first)
                first = normalized.timestamp;
            if (normalized.timestamp > last)
                last = normalized.timestamp;
            status.add(normalized);
            hooks.observe?.(normalized, raw);
            for (const assembled of assembler.push(normalized))
                take(assembled);
        }
    for (const assembled of assembler.finish())
        take(assembled);
    const info = deps.source.info();
    for (const [reason, n] of Object.entries(info.unreadable))
        skipped[reason] = (skipped[reason] ?? 0) + n;
    const clusters = aggregator.build(clusterer.finish(), analysed, info.sampleFraction, deps.source.weights?.());
    const services = [...new Set(clusters.flatMap((c) => c.services))].sort();
    const notes = Object.entries(excluded).map(([why, n]) => `${(0,format/* formatCount */.B4)(n)} entries of the file were left out: ${why}.`);
    return {
        notes,
        project,
        entries,
        analysed,
        skipped,
        bySeverity,
        clusters,
        // Counted over every entry read, before redaction: the names are redacted here.
        serviceStatus: status.list(info.sampleFraction).map((s) => ({
            ...s,
            service: (0,redact_redact/* redactText */.Rd)(s.service, redaction),
            revisions: s.revisions.map((r) => (0,redact_redact/* redactText */.Rd)(r, redaction)),
        })),
        services,
        span: first <= last ? { start: first, end: last } : null,
    };
}
/**
 * The issues filed before and whose markers to trust. A dry run that cannot read them (GitHub
 * unreachable, a token without access) still previews: it plans as if none exist and says so.
 * A real run cannot de-duplicate without them, so it fails (the pipeline leaves a worklog).
 */
async function readIssueHistory(config, deps, start, notes) {
    if (!deps.tracker) {
        notes.push('No github-token: the plan assumes no issue exists yet.');
        return { issues: [], trusted: config.trustedAuthors };
    }
    try {
        // Two reopen windows back: an issue closed longer ago than one window must still be found,
        // so that the new issue for a recurring problem can link it.
        const issues = await deps.tracker.listIssues(config.labels[0], start - 2 * config.reopenWindowMs);
        const own = await deps.tracker.identity();
        return { issues, trusted: [...new Set([own, ...config.trustedAuthors].filter(Boolean))] };
    }
    catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        if (!config.dryRun)
            throw new Error(`Existing issues of ${config.repository.owner}/${config.repository.repo} could not be read (${why}); nothing was written. Check that GitHub (${config.githubApiUrl}) is reachable and that github-token may read issues (permissions: issues: write), or set dry-run: true to preview.`, { cause: error });
        const note = `Existing issues could not be read (${why}); this dry run plans as if none exist, so every problem shows as new.`;
        deps.warn?.(note);
        notes.push(note);
        return { issues: [], trusted: config.trustedAuthors };
    }
}
/** The plan's inputs that come from the config and rules, not from this run. */
function planSettings(config, rules) {
    return {
        repository: `${config.repository.owner}/${config.repository.repo}`,
        settings: {
            minIssuePriority: config.minIssuePriority,
            maxNewIssues: config.maxNewIssues,
            reopenWindowMs: config.reopenWindowMs,
            muteLabel: config.muteLabel,
            closeAfterMs: config.closeAfterMs,
            labels: config.labels,
        },
        serviceRouting: rules.services,
    };
}
/** redact: strict refuses before the first write; applyPlan decides whether to write at all (dry-run). */
async function apply(plan, config, deps, notes) {
    if (deps.checkPostable)
        refuseLeakingWrites(plan, deps.checkPostable);
    const actions = await applyPlan(plan, deps.tracker, {
        dryRun: config.dryRun,
        labels: labelSet(config.labels),
        log: deps.log,
    });
    const failed = actions.filter((a) => a.status === 'failed');
    if (failed.length > 0)
        notes.push(`${failed.length} issue write(s) failed; the rest completed. See the issue actions.`);
    return actions;
}

;// CONCATENATED MODULE: ./src/core/report/report-comparison.ts


function reportChange(cluster) {
    const change = cluster.change;
    if (!change)
        return {};
    return {
        change: change.change,
        changeDetail: {
            ratePerMinute: change.rate,
            baselineRatePerMinute: change.baselineRate,
            baselineCount: change.baselineCount,
            newRevisions: [...change.newRevisions],
            startedWithRevision: change.startedWithRevision,
            commits: [...change.commits],
        },
    };
}
const iso = (w) => ({ start: (0,format/* formatIso */.dv)(w.start), end: (0,format/* formatIso */.dv)(w.end) });
function reportComparison(result) {
    const { comparison: c, verdict } = result;
    const out = {};
    if (c) {
        out.baseline = {
            window: iso(c.baseline),
            covered: iso(c.covered),
            entries: c.entries,
            analysed: c.analysed,
            estimated: c.estimated,
            usable: c.usable,
            notes: [...c.notes],
        };
        out.gone = c.gone.map((g) => ({
            fingerprint: g.fingerprint,
            title: g.title,
            priority: g.priority,
            services: [...g.services],
            baselineCount: g.baselineCount,
            baselineRatePerMinute: g.baselineRate,
        }));
        out.serviceErrors = c.serviceErrors.map((s) => ({
            service: s.service,
            before: { ...s.before, serverErrorsPerMinute: s.beforePerMinute },
            after: { ...s.after, serverErrorsPerMinute: s.afterPerMinute },
        }));
        out.newRevisions = c.newRevisions.map((r) => ({ ...r, firstSeen: (0,format/* formatIso */.dv)(r.firstSeen) }));
    }
    if (verdict && (c || verdict.status !== 'none'))
        out.verdict = {
            status: verdict.status,
            failOn: verdict.failOn,
            scope: verdict.scope,
            reasons: verdict.reasons.map(safe_markdown/* stripControl */.kU),
            failing: [...verdict.failing],
        };
    return out;
}

;// CONCATENATED MODULE: ./src/core/report/build-report.ts




const REPORT_SCHEMA_VERSION = 2;
/** A sample is a hint, not the entry: consumers can fetch the entry by insertId. */
const MAX_SAMPLE_LENGTH = 2000;
/** Severity counts in severity order, so the JSON is byte-stable. */
function orderSeverities(counts) {
    const ordered = {};
    for (const s of log_record/* SEVERITIES */.oC)
        if (counts[s] !== undefined)
            ordered[s] = counts[s];
    return ordered;
}
function orderKeys(record) {
    return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
/** Redacted upstream; here only control characters go. Not markdown-escaped: this is data. */
function describeSample(cluster) {
    const text = (0,safe_markdown/* stripControl */.kU)(cluster.samples[0]?.message ?? '');
    return text.length > MAX_SAMPLE_LENGTH ? `${text.slice(0, MAX_SAMPLE_LENGTH - 1)}…` : text;
}
function describeIssue(cluster, result) {
    const action = result.actions.find((a) => a.fingerprint === cluster.fingerprint);
    const known = result.issueLinks[cluster.fingerprint];
    const number = known?.number ?? action?.issueNumber ?? null;
    if (!action && number === null)
        return null;
    return { number, url: known?.url ?? action?.url ?? null, action: action?.action ?? 'none' };
}
function buildCluster(cluster, result) {
    return {
        fingerprint: cluster.fingerprint,
        title: cluster.title,
        priority: cluster.priority,
        ignored: cluster.ignored,
        reasons: [...cluster.reasons],
        kind: cluster.kind,
        services: [...cluster.services],
        severity: cluster.severity,
        count: cluster.count,
        ...(cluster.estimated ? { estimated: true } : {}),
        countMethod: cluster.estimated ? 'estimated' : 'exact',
        share: Math.round(cluster.share * 1e6) / 1e6,
        firstSeen: (0,format/* formatIso */.dv)(cluster.firstSeen),
        lastSeen: (0,format/* formatIso */.dv)(cluster.lastSeen),
        template: cluster.template,
        sample: describeSample(cluster),
        insertIds: [...cluster.insertIds],
        issue: describeIssue(cluster, result),
        grouping: cluster.grouping,
        routes: [...cluster.routes],
        revisions: [...cluster.revisions],
        likelyCauses: [...cluster.likelyCauses],
        recommendedActions: [...cluster.recommendedActions],
        logsUrl: result.logsLinks[cluster.fingerprint] ?? null,
        ...reportChange(cluster),
        incident: result.incidents?.find((i) => i.members.includes(cluster.fingerprint))?.id ?? null,
    };
}
function buildIncident(incident, result) {
    const root = result.clusters.find((c) => c.fingerprint === incident.root);
    return {
        id: incident.id,
        title: incident.title,
        priority: incident.priority,
        root: incident.root,
        members: [...incident.members],
        services: [...incident.services],
        firstSeen: (0,format/* formatIso */.dv)(incident.firstSeen),
        lastSeen: (0,format/* formatIso */.dv)(incident.lastSeen),
        links: incident.links.map((l) => ({ ...l })),
        issue: root ? describeIssue(root, result) : null,
    };
}
/** Highest priority among clusters that are not ignored; `none` when there are none. */
function findHighestPriority(clusters) {
    const priorities = clusters.filter((c) => !c.ignored).map((c) => c.priority);
    return priorities.length ? [...priorities].sort()[0] : 'none';
}
function buildReport(result) {
    const skippedReasons = orderKeys(result.totals.skipped);
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        generatedAt: (0,format/* formatIso */.dv)(result.generatedAt),
        window: { start: (0,format/* formatIso */.dv)(result.window.start), end: (0,format/* formatIso */.dv)(result.window.end) },
        source: result.source.source,
        projectId: result.projectId,
        repository: result.repository,
        runUrl: result.runUrl,
        dryRun: result.dryRun,
        minSeverity: result.minSeverity,
        services: [...result.services],
        sampleFraction: result.source.sampleFraction,
        totals: {
            entries: result.totals.entries,
            analysed: result.totals.analysed,
            skipped: Object.values(skippedReasons).reduce((sum, n) => sum + n, 0),
            skippedReasons,
            bySeverity: orderSeverities(result.totals.bySeverity),
        },
        highestPriority: findHighestPriority(result.clusters),
        clusters: result.clusters.map((c) => buildCluster(c, result)),
        incidents: (result.incidents ?? []).map((i) => buildIncident(i, result)),
        actions: result.actions.map((a) => ({ ...a })),
        notes: [...result.source.notes, ...result.notes],
        query: result.source.query,
        ...reportComparison(result),
    };
}
/**
 * The report as the file holds it: indented for people, except each `insertIds` list, which
 * stays on one line. A flood's problem lists tens of thousands of ids: one per line made the
 * file mostly ids and its writing a tenth of a large run (bench/realistic-speed.ts).
 */
function renderReportJson(report) {
    const lists = [];
    const text = JSON.stringify(report, (key, value) => key === 'insertIds' && Array.isArray(value) ? `\u0000${lists.push(JSON.stringify(value)) - 1}` : value, 2);
    // Only the stand-ins match: in any other string a quote is escaped, so `"insertIds": "` is theirs.
    return `${text.replace(/"insertIds": "\\u0000(\d+)"/g, (_, i) => `"insertIds": ${lists[Number(i)]}`)}\n`;
}

;// CONCATENATED MODULE: ./src/core/report/render-timeline.ts


const MAX_SERIES = 5;
const MAX_POINTS = 120;
const render_timeline_MINUTE = 60_000;
const PALETTE = [
    { hex: '#d62728', name: '🟥 red' },
    { hex: '#1f77b4', name: '🟦 blue' },
    { hex: '#2ca02c', name: '🟩 green' },
    { hex: '#ff7f0e', name: '🟧 orange' },
    { hex: '#9467bd', name: '🟪 purple' },
];
/** A quoted Mermaid string: quotes, backslashes, backticks and line breaks cannot survive. */
function mermaidLabel(text) {
    const clean = text
        .replace(/\s+/g, ' ')
        .replace(/["'`\\\u0000-\u001f\u007f;#%{}]/g, '')
        .replace(/ +/g, ' ')
        .trim();
    return `"${clean}"`;
}
/** Rounds a maximum up to a round step (…, 200, 250, 300, 400, 500, …) so the y axis reads cleanly. */
function niceCeiling(n) {
    if (n <= 1)
        return 1;
    const power = 10 ** Math.floor(Math.log10(n));
    return [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * power).find((v) => v >= n) ?? n;
}
/** Markdown: the chart and its legend, or a line saying there is nothing to draw. */
function render_timeline_renderTimeline(clusters, window) {
    const top = clusters.filter((c) => !c.ignored && c.perMinute.size > 0).slice(0, MAX_SERIES);
    if (top.length === 0)
        return '_No problem entries to chart in this window._';
    const start = Math.floor(window.start / render_timeline_MINUTE) * render_timeline_MINUTE;
    const span = Math.max(render_timeline_MINUTE, window.end - start);
    // 1-minute buckets up to 2 h, then coarser.
    const bucketMinutes = (0,format/* chooseBucketMinutes */.lH)(span, MAX_POINTS);
    const bucketMs = bucketMinutes * render_timeline_MINUTE;
    const points = Math.max(1, Math.ceil(span / bucketMs));
    // Every entry of the window lands in one point, even one logged a little outside it.
    const series = top.map((cluster) => ({
        cluster,
        values: (0,format/* bucketCounts */.r2)(cluster.perMinute, { start, bucketMs, points, outside: 'clamp' }),
    }));
    const multiDay = (0,format/* formatIso */.dv)(window.start).slice(0, 10) !== (0,format/* formatIso */.dv)(window.end - 1).slice(0, 10);
    const labels = Array.from({ length: points }, (_, i) => mermaidLabel((0,format/* formatBucketStart */.I5)(start + i * bucketMs, multiDay)));
    const peak = Math.max(1, ...series.flatMap((s) => s.values));
    const unit = bucketMinutes === 1 ? 'minute' : `${bucketMinutes} min`;
    const palette = PALETTE.slice(0, series.length)
        .map((p) => p.hex)
        .join(', ');
    const chart = [
        '```mermaid',
        `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
        'xychart-beta',
        `    title ${mermaidLabel(`Entries per ${unit}, top ${series.length} problems (UTC)`)}`,
        `    x-axis [${labels.join(', ')}]`,
        `    y-axis ${mermaidLabel(`entries per ${unit}`)} 0 --> ${niceCeiling(peak)}`,
        ...series.map((s) => `    line [${s.values.join(', ')}]`),
        '```',
    ].join('\n');
    const legend = (0,format/* table */.tp)(['Line', 'Priority', 'Problem', 'Entries', `Peak per ${unit}`], series.map((s, i) => [
        PALETTE[i].name,
        s.cluster.priority,
        (0,safe_markdown/* safeText */.Hk)(s.cluster.title, 120),
        (0,format/* formatClusterCount */.L6)(s.cluster),
        (0,format/* formatCount */.B4)(Math.max(...s.values)),
    ]));
    const notes = [];
    if (bucketMinutes > 1)
        notes.push(`Counts are bucketed to ${bucketMinutes} minutes to keep the chart readable.`);
    if (top.some((c) => c.estimated))
        notes.push('Lines are drawn from sampled entries: the shape is reliable, the totals in the legend are estimates.');
    return [chart, legend, ...notes.map((n) => `_${n}_`)].join('\n\n');
}

;// CONCATENATED MODULE: ./src/core/report/worklog-incidents.ts



/** Past this, incidents are only counted (the JSON report has them all). */
const MAX_INCIDENTS = 10;
/** Symptoms drawn and listed per incident; the rest are counted. */
const MAX_SYMPTOMS = 20;
/** Incidents with at least one symptom: the ones worth a story. */
function linkedIncidents(result) {
    return (result.incidents ?? []).filter((i) => i.members.length > 1);
}
function clusterMap(result) {
    return new Map(result.clusters.map((c) => [c.fingerprint, c]));
}
/** Number of the incident (1-based, in linkedIncidents order) a problem belongs to, and whether it is the root. */
function incidentNumber(result, fingerprint) {
    const index = linkedIncidents(result).findIndex((i) => i.members.includes(fingerprint));
    if (index < 0)
        return null;
    return { n: index + 1, root: linkedIncidents(result)[index].root === fingerprint };
}
/** `→ 6 symptoms in 2 services` for an incident's root in the executive summary; '' otherwise. */
function symptomSuffix(result, cluster) {
    const incident = (result.incidents ?? []).find((i) => i.root === cluster.fingerprint);
    if (!incident || incident.members.length < 2)
        return '';
    const symptoms = incident.members.length - 1;
    const services = incident.services.length;
    return ` → ${(0,format/* formatCount */.B4)(symptoms)} ${symptoms === 1 ? 'symptom' : 'symptoms'} in ${(0,format/* formatCount */.B4)(services)} ${services === 1 ? 'service' : 'services'}`;
}
/**
 * What the executive summary lists: one line per incident, its root carrying the incident's
 * priority. Without incidents (an older RunResult), every problem.
 */
function incidentLeads(result, problems) {
    if (!result.incidents)
        return problems;
    const byFingerprint = clusterMap(result);
    return result.incidents.flatMap((i) => {
        const root = byFingerprint.get(i.root);
        return root ? [{ ...root, priority: i.priority }] : [];
    });
}
/** A flowchart label: no quotes, markup or line breaks can get through (mermaidLabel), nor `<`, `>`, `&`. */
function nodeLabel(cluster, root) {
    const service = cluster.services.length ? `${(0,format/* formatNames */.EI)(cluster.services, 2)}: ` : '';
    const text = `${root ? 'ROOT ' : ''}${cluster.priority} ${service}${cluster.title}`.replace(/[<>&]/g, ' ');
    const short = text.length > 70 ? `${text.slice(0, 69)}…` : text;
    return mermaidLabel(`${short} ×${(0,format/* formatClusterCount */.L6)(cluster)}`);
}
/** The chain as a Mermaid flowchart, root at the top; node ids are positions, never log text. */
function renderIncidentChart(incident, clusters) {
    const members = incident.members.slice(0, MAX_SYMPTOMS + 1).filter((fp) => clusters.has(fp));
    const id = new Map(members.map((fp, i) => [fp, `n${i}`]));
    const lines = ['```mermaid', 'flowchart TD'];
    for (const fp of members)
        lines.push(`  ${id.get(fp)}[${nodeLabel(clusters.get(fp), fp === incident.root)}]`);
    for (const l of incident.links) {
        const from = id.get(l.from);
        const to = id.get(l.to);
        if (from && to)
            lines.push(`  ${from} --> ${to}`);
    }
    const hidden = incident.members.length - members.length;
    if (hidden > 0)
        lines.push(`  more[${mermaidLabel(`… ${(0,format/* formatCount */.B4)(hidden)} more symptoms in the table`)}]`);
    lines.push('```');
    return lines.join('\n');
}
function symptomTable(incident, clusters, result) {
    const rows = incident.links.slice(0, MAX_SYMPTOMS).flatMap((l) => {
        const c = clusters.get(l.to);
        if (!c)
            return [];
        return [
            [
                (0,format/* formatNames */.EI)(c.services, 2),
                `**${c.priority}** ${(0,safe_markdown/* safeText */.Hk)(c.title, 120)}`,
                (0,format/* formatClusterCount */.L6)(c),
                (0,format/* formatSeen */.jp)(c.firstSeen, result.window),
                (0,safe_markdown/* safeText */.Hk)(l.evidence, 300),
            ],
        ];
    });
    const more = incident.links.length - rows.length;
    const tail = more > 0 ? `\n\n_${(0,format/* formatCount */.B4)(more)} more symptoms are listed in the JSON report._` : '';
    return (0,format/* table */.tp)(['Service', 'Symptom', 'Count', 'First seen', 'Evidence'], rows) + tail;
}
function nextSteps(root, incident, clusters) {
    const steps = root.recommendedActions.slice(0, 4).map((a) => (0,safe_markdown/* safeText */.Hk)(a, 400));
    const symptoms = incident.members
        .slice(1, 6)
        .map((fp) => clusters.get(fp)?.title ?? '')
        .filter(Boolean);
    if (symptoms.length)
        steps.push(`Once fixed, check that the symptoms stop: ${symptoms.map((t) => (0,safe_markdown/* safeText */.Hk)(t, 80)).join('; ')}${incident.members.length > 6 ? '; …' : ''}. A symptom that goes on without its root is a problem of its own and gets its own issue on the next run.`);
    return steps.map((s, i) => `${i + 1}. ${s}`);
}
function renderIncident(incident, n, result, clusters) {
    const root = clusters.get(incident.root);
    const logs = result.logsLinks[root.fingerprint];
    const symptoms = incident.members.length - 1;
    return [
        `### Incident ${n}: ${incident.priority} — ${(0,safe_markdown/* safeText */.Hk)(root.title, 160)}`,
        '',
        `- **Root cause:** ${(0,safe_markdown/* safeText */.Hk)(root.title, 200)} in ${(0,format/* formatNames */.EI)(root.services, 3)}, first seen ${(0,format/* formatSeen */.jp)(root.firstSeen, result.window)} — ${(0,format/* formatClusterCount */.L6)(root)} entries${logs ? ` (${(0,format/* link */.nf)('Logs Explorer', logs)})` : ''}`,
        `- **Symptoms:** ${(0,format/* formatCount */.B4)(symptoms)}, from ${(0,format/* formatSeen */.jp)(incident.firstSeen, result.window)} to ${(0,format/* formatSeen */.jp)(incident.lastSeen, result.window)}`,
        `- **Services affected:** ${(0,format/* formatNames */.EI)(incident.services, 10)}`,
        `- **Issue:** ${(0,format/* formatIssueCell */.Fs)(root, result)} (one issue for the incident; it lists the symptoms)`,
        '',
        symptomTable(incident, clusters, result),
        '',
        renderIncidentChart(incident, clusters),
        '',
        '**Next steps:**',
        '',
        ...nextSteps(root, incident, clusters),
    ].join('\n');
}
function renderIncidents(result) {
    const linked = linkedIncidents(result);
    if (!result.incidents || result.incidents.length === 0)
        return '';
    const alone = result.incidents.length - linked.length;
    const intro = linked.length === 0
        ? `_No problem explains another in this window: each of the ${(0,format/* formatCount */.B4)(alone)} problems is its own incident (see Problems)._`
        : `${(0,format/* formatCount */.B4)(linked.length)} ${linked.length === 1 ? 'incident: a root cause' : 'incidents, each a root cause'} with the symptoms it explains (the evidence of each link is in its table)${alone > 0 ? `; ${(0,format/* formatCount */.B4)(alone)} more ${alone === 1 ? 'problem stands' : 'problems stand'} alone (see Problems)` : ''}.`;
    const clusters = clusterMap(result);
    const sections = linked.slice(0, MAX_INCIDENTS).map((i, k) => renderIncident(i, k + 1, result, clusters));
    if (linked.length > MAX_INCIDENTS)
        sections.push(`_${(0,format/* formatCount */.B4)(linked.length - MAX_INCIDENTS)} more incidents are in the JSON report._`);
    return ['## Incidents', '', intro, ...sections.flatMap((s) => ['', s])].join('\n');
}
/** The Problems table's Incident cell: `1 (root)`, `1`, or `—` for a problem alone. */
function incidentCell(result, fingerprint) {
    const at = incidentNumber(result, fingerprint);
    return at ? `${at.n}${at.root ? ' (root)' : ''}` : '—';
}
/** A problem section's Incident line, naming its root when it is a symptom; none for a problem alone. */
function incidentFact(result, fingerprint) {
    const at = incidentNumber(result, fingerprint);
    if (!at)
        return [];
    const incident = linkedIncidents(result)[at.n - 1];
    const what = at.root
        ? `root cause of incident ${at.n} (${(0,format/* formatCount */.B4)(incident.members.length - 1)} symptoms)`
        : `symptom in incident ${at.n}, root cause: ${(0,safe_markdown/* safeText */.Hk)(incident.title, 160)}`;
    return [`- **Incident:** ${what}`];
}

;// CONCATENATED MODULE: ./src/core/report/worklog-header.ts
/** Worklog opening: title, headline, collection facts and the executive summary. */





const URGENT = ['P0', 'P1'];
function distinct(values) {
    return [...new Set(values)];
}
/** One line an on-call engineer can read in a notification: what, where, how much, when. */
function describeHeadline(result) {
    const problems = (0,format/* problemClusters */.f0)(result.clusters);
    const tail = `${(0,format/* formatCount */.B4)(result.totals.analysed)} entries analysed, ${(0,format/* formatRange */.Lu)(result.window.start, result.window.end)}`;
    if (problems.length === 0)
        return `No problems found — ${tail}`;
    const urgent = problems.filter((c) => URGENT.includes(c.priority));
    const lead = urgent.length > 0 ? urgent : problems;
    const counts = (0,format/* countByPriority */.vN)(lead, [...PRIORITIES]);
    const noun = lead.length === 1 ? 'problem' : 'problems';
    const services = distinct(lead.flatMap((c) => c.services));
    const where = services.length
        ? ` in ${services
            .slice(0, 4)
            .map((s) => (0,safe_markdown/* safeText */.Hk)(s, 60))
            .join(', ')}${services.length > 4 ? ` +${services.length - 4} more` : ''}`
        : '';
    const rest = problems.length - lead.length;
    const more = rest > 0 ? ` (+${rest} lower priority)` : '';
    return `${counts} ${noun}${where}${more} — ${tail}`;
}
function describeSource(result) {
    const { source } = result.source;
    if (source.startsWith('file:'))
        return `exported file ${(0,safe_markdown/* inlineCode */.ti)(source.slice(5))} (read whole)`;
    if (source.startsWith('cloud-logging:')) {
        const calls = result.source.requests > 0 ? `, ${(0,format/* formatCount */.B4)(result.source.requests)} API requests` : '';
        return `Cloud Logging, project ${(0,safe_markdown/* inlineCode */.ti)(source.slice('cloud-logging:'.length))}${calls}`;
    }
    return (0,safe_markdown/* inlineCode */.ti)(source);
}
function describeSkipped(skipped) {
    const reasons = Object.entries(skipped)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const total = reasons.reduce((sum, [, n]) => sum + n, 0);
    if (total === 0)
        return '0 skipped';
    return `${(0,format/* formatCount */.B4)(total)} skipped as unreadable (${reasons.map(([r, n]) => `${(0,format/* formatCount */.B4)(n)} ${(0,safe_markdown/* safeText */.Hk)(r, 80)}`).join(', ')})`;
}
/** The worklog's `#` heading, headline and run line (an issue's title is issues/issue-text.ts's renderTitle). */
function renderWorklogHeading(result) {
    const project = result.projectId ? `: ${(0,safe_markdown/* safeText */.Hk)(result.projectId, 100)}` : '';
    const lines = [`# Log Gardener worklog${project}`, '', `**${describeHeadline(result)}**`, ''];
    const meta = [`Generated ${(0,format/* formatIso */.dv)(result.generatedAt)}`];
    if (result.repository)
        meta.push(`for ${(0,safe_markdown/* safeText */.Hk)(result.repository, 140)}`);
    if (result.runUrl)
        meta.push(`· ${(0,format/* link */.nf)('workflow run', result.runUrl)}`);
    lines.push(`_${meta.join(' ')}_`);
    if (result.dryRun) {
        lines.push('', '> [!NOTE]', '> **Dry run:** nothing was written to GitHub. The issue actions below are the plan a real run would carry out.');
    }
    const failed = result.actions.filter((a) => a.status === 'failed').length;
    if (failed > 0) {
        lines.push('', '> [!WARNING]', `> ${failed} issue ${failed === 1 ? 'write' : 'writes'} failed — see [Issue actions](#issue-actions) and [Notes](#notes).`);
    }
    return lines.join('\n');
}
function renderCollection(result) {
    const { window, totals } = result;
    const services = result.services.length ? result.services.map((s) => (0,safe_markdown/* safeText */.Hk)(s, 80)).join(', ') : 'all services';
    const lines = [
        '## Collection',
        '',
        `- **Window:** ${(0,format/* formatIso */.dv)(window.start)} → ${(0,format/* formatIso */.dv)(window.end)} (${(0,format/* formatDuration */.a3)(window.end - window.start)})`,
    ];
    if (result.projectId)
        lines.push(`- **Project:** ${(0,safe_markdown/* inlineCode */.ti)(result.projectId)}`);
    lines.push(`- **Services:** ${services}`, `- **Source:** ${describeSource(result)}`, `- **Minimum severity:** ${result.minSeverity} (entries without a severity on stderr are still examined for errors and stack traces)`, `- **Entries:** ${(0,format/* formatCount */.B4)(totals.entries)} read · ${(0,format/* formatCount */.B4)(totals.analysed)} analysed · ${describeSkipped(totals.skipped)}`, `- **Analysed by severity:** ${(0,format/* formatSeverityCounts */.lc)(totals.bySeverity)}`);
    const fraction = result.source.sampleFraction;
    if (fraction < 1) {
        const percent = `${Math.round(fraction * 1000) / 10}%`;
        lines.push('', '> [!IMPORTANT]', `> **Sampled:** counts are estimated from a ${percent} sample (${(0,safe_markdown/* inlineCode */.ti)(`sample(insertId, ${(0,logging_query/* formatFraction */.MJ)(fraction)})`)}); ≈ marks estimates.`);
    }
    return lines.join('\n');
}
/** Within this of the window's end, a problem is still going on as far as the logs can tell. */
const ONGOING_MS = 5 * 60_000;
/** `since 09:12 UTC, still occurring at the end of the window` or `from 09:12 UTC to 09:40 UTC`. */
function describeSpan(cluster, window) {
    const first = (0,format/* formatSeen */.jp)(cluster.firstSeen, window);
    if (window.end - cluster.lastSeen <= ONGOING_MS)
        return `since ${first}, still occurring at the end of the window`;
    return `from ${first} to ${(0,format/* formatSeen */.jp)(cluster.lastSeen, window)}`;
}
function describeUrgent(cluster, result) {
    const services = cluster.services.map((s) => (0,safe_markdown/* safeText */.Hk)(s, 60)).join(', ') || 'unknown service';
    const since = describeSpan(cluster, result.window);
    const issue = (0,format/* formatIssueCell */.Fs)(cluster, result);
    return `- **${cluster.priority}** ${(0,safe_markdown/* safeText */.Hk)(cluster.title, 160)} — ${(0,format/* formatClusterCount */.L6)(cluster)} entries (${(0,format/* formatShare */.T1)(cluster.share)}) in ${services}, ${since}; issue: ${issue}${symptomSuffix(result, cluster)}`;
}
/** P1 problems listed one by one before the rest are folded per service. */
const P1_LISTED = 5;
/**
 * Every P0 on its own line; P1s too up to P1_LISTED, then one line per service for the rest, so
 * an outage with 5xx on twenty routes reads as one fact, not twenty bullets. All are in Problems.
 */
function summarizeUrgent(urgent, result) {
    const p1 = urgent.filter((c) => c.priority === 'P1');
    const listed = new Set([...urgent.filter((c) => c.priority === 'P0'), ...p1.slice(0, P1_LISTED)]);
    const lines = urgent.filter((c) => listed.has(c)).map((c) => describeUrgent(c, result));
    const rest = new Map();
    for (const c of p1.slice(P1_LISTED)) {
        const service = c.services.length === 1 ? c.services[0] : c.services.length ? 'several services' : 'unknown service';
        rest.set(service, [...(rest.get(service) ?? []), c]);
    }
    for (const [service, clusters] of rest) {
        const entries = clusters.reduce((n, c) => n + c.count, 0);
        const statuses = [...new Set(clusters.flatMap((c) => c.statuses))].sort((a, b) => a - b);
        const routes = new Set(clusters.flatMap((c) => c.routes));
        const what = [
            statuses.length ? `HTTP ${statuses.join(', ')}` : '',
            routes.size ? `on ${(0,format/* formatCount */.B4)(routes.size)} ${routes.size === 1 ? 'route' : 'routes'}` : '',
        ]
            .filter(Boolean)
            .join(' ');
        lines.push(`- **P1** ${(0,safe_markdown/* safeText */.Hk)(service, 60)}: ${(0,format/* formatCount */.B4)(clusters.length)} more ${clusters.length === 1 ? 'problem' : 'problems'}${what ? ` (${what})` : ''} — ${(0,format/* formatCount */.B4)(entries)} entries; see Problems`);
    }
    return lines;
}
function renderExecutiveSummary(result) {
    // One line per incident, its root cause first (issue 13); every problem without incidents.
    const problems = incidentLeads(result, (0,format/* problemClusters */.f0)(result.clusters));
    const urgent = problems.filter((c) => URGENT.includes(c.priority));
    const lines = ['## Executive summary', ''];
    if (urgent.length === 0) {
        lines.push('No P0/P1 problems.');
    }
    else {
        lines.push(...summarizeUrgent(urgent, result));
        const first = [...urgent].sort((a, b) => a.firstSeen - b.firstSeen)[0];
        lines.push('', `The first urgent problem started at ${(0,format/* formatClock */.ei)(first.firstSeen)}: ${(0,safe_markdown/* safeText */.Hk)(first.title, 160)}${first.services.length ? ` (${first.services.map((x) => (0,safe_markdown/* safeText */.Hk)(x, 60)).join(', ')})` : ''}.`);
    }
    const lower = problems.length - urgent.length;
    if (lower > 0)
        lines.push('', `Also ${(0,format/* countByPriority */.vN)(problems, ['P2', 'P3'])} lower-priority ${lower === 1 ? 'problem' : 'problems'} (below).`);
    const ignored = result.clusters.length - (0,format/* problemClusters */.f0)(result.clusters).length;
    if (ignored > 0)
        lines.push(`${(0,format/* formatCount */.B4)(ignored)} ${ignored === 1 ? 'cluster was' : 'clusters were'} ignored as noise.`);
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/core/report/worklog-verdict.ts



const CALLOUT = { fail: 'CAUTION', pass: 'TIP', none: 'NOTE' };
const MAX_ROWS = 20;
function describeVerdict(verdict) {
    if (!verdict || verdict.status === 'none')
        return ['> [!NOTE]', '> **No gate:** `fail-on` is not set, so this comparison fails nothing.'];
    const word = verdict.status === 'fail' ? '**Fail**' : '**Pass**';
    const scope = verdict.scope === 'changed'
        ? 'counting only problems new or worse than the baseline (`fail-on-scope: changed`)'
        : 'counting every problem (`fail-on-scope: all`)';
    return [
        `> [!${CALLOUT[verdict.status]}]`,
        `> ${word} — \`fail-on: ${verdict.failOn}\`, ${scope}.`,
        '>',
        ...verdict.reasons.slice(0, MAX_ROWS).map((r) => `> - ${(0,safe_markdown/* safeText */.Hk)(r, 400)}`),
    ];
}
function worklog_verdict_describeBaseline(comparison) {
    const { covered } = comparison;
    const estimated = comparison.estimated ? ' (estimated from a sample)' : '';
    return `Compared with the baseline ${(0,format/* formatRange */.Lu)(covered.start, covered.end)} (${(0,format/* formatDuration */.a3)(covered.end - covered.start)}): ${(0,format/* formatCount */.B4)(comparison.entries)} entries read, ${(0,format/* formatCount */.B4)(comparison.analysed)} analysed${estimated}. Rates are entries per minute, so windows of different lengths compare.`;
}
function revisionCell(cluster) {
    const change = cluster.change;
    if (change.newRevisions.length === 0)
        return cluster.revisions.length ? 'also before the deploy' : '–';
    const names = change.newRevisions.slice(0, 3).map((r) => (0,safe_markdown/* inlineCode */.ti)(r, 80));
    return `${change.startedWithRevision ? 'started with' : 'also on'} ${names.join(', ')}`;
}
/** Problems of one incident together, its root first; `↳` marks a symptom of the row's incident. */
function byIncident(changed, incidents) {
    const place = new Map();
    incidents.forEach((incident, i) => incident.members.forEach((f, j) => place.set(f, [i, j])));
    const key = (c) => place.get(c.fingerprint) ?? [Infinity, 0];
    const sorted = changed
        .map((cluster, order) => ({ cluster, order }))
        .sort((a, b) => key(a.cluster)[0] - key(b.cluster)[0] || key(a.cluster)[1] - key(b.cluster)[1] || a.order - b.order);
    return sorted.map(({ cluster }, i) => ({
        cluster,
        symptom: i > 0 && key(cluster)[0] !== Infinity && key(cluster)[0] === key(sorted[i - 1].cluster)[0],
    }));
}
function renderChanged(changed, incidents) {
    if (changed.length === 0)
        return ['### New and worse', '', 'None: every problem of the window was there before, no worse.'];
    const rows = byIncident(changed, incidents)
        .slice(0, MAX_ROWS)
        .map(({ cluster: c, symptom }) => {
        const change = c.change;
        return [
            `**${change.change}**`,
            `**${c.priority}**`,
            `${symptom ? '↳ ' : ''}${(0,safe_markdown/* safeText */.Hk)(describeTitle(c), 160)}`,
            c.services.map((s) => (0,safe_markdown/* safeText */.Hk)(s, 60)).join(', ') || '–',
            `${formatRate(change.rate)}/min`,
            change.baselineCount > 0 ? `${formatRate(change.baselineRate)}/min` : '–',
            revisionCell(c),
            change.commits.length
                ? change.commits
                    .slice(0, 3)
                    .map((sha) => (0,safe_markdown/* inlineCode */.ti)(shortCommit(sha)))
                    .join(', ')
                : '–',
        ];
    });
    const more = changed.length > MAX_ROWS ? ['', `… and ${(0,format/* formatCount */.B4)(changed.length - MAX_ROWS)} more in Problems.`] : [];
    const grouped = incidents.length > 0 ? ['', '_↳ explained by the problem above it (one incident, root cause first)._'] : [];
    return [
        '### New and worse',
        '',
        (0,format/* table */.tp)(['Change', 'Priority', 'Problem', 'Service', 'Now', 'Before', 'Revision', 'Commit'], rows),
        ...grouped,
        ...more,
    ];
}
function renderGone(comparison) {
    if (comparison.gone.length === 0)
        return [];
    const lines = comparison.gone.slice(0, MAX_ROWS).map((g) => {
        const services = g.services.length ? ` (${g.services.map((s) => (0,safe_markdown/* safeText */.Hk)(s, 60)).join(', ')})` : '';
        return `- **${g.priority}** ${(0,safe_markdown/* safeText */.Hk)(g.title, 160)}${services} — ${(0,format/* formatCount */.B4)(g.baselineCount)} entries before (${formatRate(g.baselineRate)}/min), none now`;
    });
    if (comparison.gone.length > MAX_ROWS)
        lines.push(`- … and ${(0,format/* formatCount */.B4)(comparison.gone.length - MAX_ROWS)} more`);
    return ['### Gone', '', ...lines];
}
/** `0.0% (0 / 797)` when the read held successful requests; the share means nothing otherwise. */
function formatShareOf(counts) {
    if (counts.requests === 0 || counts.successful === 0)
        return '';
    return `${((counts.serverErrors / counts.requests) * 100).toFixed(1)}% (${(0,format/* formatCount */.B4)(counts.serverErrors)} / ${(0,format/* formatCount */.B4)(counts.requests)})`;
}
function renderServiceErrors(comparison) {
    const rows = comparison.serviceErrors.slice(0, MAX_ROWS).map((s) => {
        const cell = (counts, perMinute) => [formatShareOf(counts), `${formatRate(perMinute)}/min`].filter(Boolean).join(', ');
        return [(0,safe_markdown/* safeText */.Hk)(s.service, 80), cell(s.before, s.beforePerMinute), cell(s.after, s.afterPerMinute)];
    });
    if (rows.length === 0)
        return [];
    const partial = comparison.serviceErrors.some((s) => s.before.successful === 0 || s.after.successful === 0)
        ? [
            '',
            '_The share of requests needs the successful requests too: shown where the read held them (the default query reads only failing ones; `min-severity: INFO` reads all)._',
        ]
        : [];
    return ['### 5xx per service, before → after', '', (0,format/* table */.tp)(['Service', 'Before', 'After'], rows), ...partial];
}
function renderPreExisting(clusters, verdict) {
    const before = clusters.filter((c) => !c.ignored && (c.change?.change === 'same' || c.change?.change === 'better'));
    if (before.length === 0)
        return '**Pre-existing:** none — every problem of the window is new or worse.';
    const better = before.filter((c) => c.change?.change === 'better').length;
    const counted = verdict?.scope === 'all' ? 'counted by the gate (`fail-on-scope: all`)' : 'not counted by the gate';
    return `**Pre-existing:** ${(0,format/* countByPriority */.vN)(before, ['P0', 'P1', 'P2', 'P3'])} ${before.length === 1 ? 'problem' : 'problems'} there before (${(0,format/* formatCount */.B4)(before.length - better)} the same, ${(0,format/* formatCount */.B4)(better)} better) — ${counted}; each is in Problems.`;
}
function renderNewRevisions(comparison) {
    if (comparison.newRevisions.length === 0)
        return [];
    const items = comparison.newRevisions.slice(0, 10).map((r) => {
        const commit = r.commit ? `, commit ${(0,safe_markdown/* inlineCode */.ti)(shortCommit(r.commit))}` : '';
        return `${(0,safe_markdown/* inlineCode */.ti)(r.revision, 80)} (${(0,safe_markdown/* safeText */.Hk)(r.service, 60)}${commit}, first entry ${(0,format/* formatClock */.ei)(r.firstSeen, true)})`;
    });
    return [`**New revisions** (served no request in the baseline): ${items.join('; ')}`];
}
/** '' without a baseline: the section exists only when there is something to compare with. */
function renderDeployVerdict(result) {
    const comparison = result.comparison;
    if (!comparison)
        return '';
    const lines = ['## Deploy verdict', '', ...describeVerdict(result.verdict), ''];
    if (!comparison.usable) {
        lines.push('> [!WARNING]', ...comparison.notes.map((n) => `> ${(0,safe_markdown/* safeText */.Hk)(n, 600)}`));
        return lines.join('\n');
    }
    const changed = result.clusters.filter((c) => !c.ignored && (c.change?.change === 'new' || c.change?.change === 'worse'));
    lines.push(worklog_verdict_describeBaseline(comparison), '');
    const blocks = [
        renderNewRevisions(comparison),
        renderChanged(changed, result.incidents ?? []),
        renderGone(comparison),
        renderServiceErrors(comparison),
        [renderPreExisting(result.clusters, result.verdict)],
        comparison.notes.map((n) => `- ${(0,safe_markdown/* safeText */.Hk)(n, 600)}`),
    ].filter((b) => b.length > 0);
    return [...lines, blocks.map((b) => b.join('\n')).join('\n\n')].join('\n');
}
/** One line for the job summary: the verdict and what changed; '' without a baseline. */
function summarizeDeployVerdict(result) {
    if (!result.comparison)
        return '';
    const count = (kind) => result.clusters.filter((c) => !c.ignored && c.change?.change === kind).length;
    const status = result.verdict?.status ?? 'none';
    const word = status === 'fail' ? '**Fail**' : status === 'pass' ? '**Pass**' : 'no gate';
    const gone = result.comparison.gone.length;
    return `**Deploy verdict:** ${word} — ${(0,format/* formatCount */.B4)(count('new'))} new, ${(0,format/* formatCount */.B4)(count('worse'))} worse, ${(0,format/* formatCount */.B4)(count('same') + count('better'))} pre-existing, ${(0,format/* formatCount */.B4)(gone)} gone since the baseline (see the worklog's Deploy verdict).`;
}

;// CONCATENATED MODULE: ./src/core/report/render-summary.ts
/**
 * The job summary: the worklog's headline, its P0/P1 table and the issue actions, with links to
 * the full worklog. GitHub drops a step summary over 1 MiB entirely (DESIGN §6), so rows are
 * added against a byte budget and cut with a note; the summary has no fences to cut inside.
 */






const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Kept free for the closing links and truncation notes, and for whatever else the step appends. */
const RESERVE_BYTES = 16 * 1024;
const encoder = new TextEncoder();
function byteLength(text) {
    return encoder.encode(text).length;
}
/** Appends sections row by row while they fit; the first row that does not fit ends the table. */
class BudgetedMarkdown {
    budget;
    parts = [];
    used = 0;
    constructor(budget) {
        this.budget = budget;
    }
    push(text) {
        const size = byteLength(text) + 1;
        if (this.used + size > this.budget)
            return false;
        this.parts.push(text);
        this.used += size;
        return true;
    }
    addBlock(text) {
        return this.push(text);
    }
    addTable(section) {
        if (!this.push(`\n${section.heading}\n`))
            return;
        for (const line of section.intro)
            if (!this.push(line))
                return;
        if (section.rows.length === 0) {
            this.push(section.empty);
            return;
        }
        const head = `| ${section.header.join(' | ')} |\n|${section.header.map(() => '---').join('|')}|`;
        if (!this.push(head))
            return;
        let shown = 0;
        for (const row of section.rows) {
            if (!this.push(`| ${row.join(' | ')} |`))
                break;
            shown += 1;
        }
        const rest = section.rows.length - shown;
        if (rest > 0) {
            // Written past the budget on purpose: the reserve exists for exactly these notes.
            this.parts.push(`\n_${(0,format/* formatCount */.B4)(rest)} more rows left out to keep the job summary under 1 MiB; the worklog has them all._`);
        }
    }
    /** Closing text always fits: it is written into the reserve. */
    finish(closing) {
        return `${[...this.parts, '', ...closing].join('\n')}\n`;
    }
}
function renderLinks(result, links) {
    const items = [];
    if (links.worklogArtifactUrl)
        items.push(`- ${(0,format/* link */.nf)('Full worklog (artifact)', links.worklogArtifactUrl)}`);
    else
        items.push("- Full worklog: the file at the step output `worklog-path` (and the run's artifact, when uploaded)");
    if (result.runUrl)
        items.push(`- ${(0,format/* link */.nf)('Workflow run', result.runUrl)}`);
    return ['### Details', '', ...items];
}
function renderSummary(result, links) {
    const out = new BudgetedMarkdown(SUMMARY_LIMIT_BYTES - RESERVE_BYTES);
    const project = result.projectId ? `: ${(0,safe_markdown/* safeText */.Hk)(result.projectId, 100)}` : '';
    out.addBlock(`## Log Gardener${project}\n\n**${describeHeadline(result)}**`);
    const verdict = summarizeDeployVerdict(result);
    if (verdict)
        out.addBlock(`\n${verdict}`);
    if (result.dryRun)
        out.addBlock('\n> [!NOTE]\n> **Dry run:** nothing was written to GitHub; the actions below are the plan.');
    const fraction = result.source.sampleFraction;
    if (fraction < 1) {
        out.addBlock(`\n> [!IMPORTANT]\n> Counts are estimated from a ${Math.round(fraction * 1000) / 10}% sample (${(0,safe_markdown/* inlineCode */.ti)(`sample(insertId, ${(0,logging_query/* formatFraction */.MJ)(fraction)})`)}); ≈ marks estimates.`);
    }
    const incidents = summarizeIncidents(result);
    if (incidents)
        out.addBlock(`\n${incidents}`);
    const problems = (0,format/* problemClusters */.f0)(result.clusters);
    const urgent = problems.filter((c) => c.priority === 'P0' || c.priority === 'P1');
    const lower = problems.length - urgent.length;
    out.addTable({
        heading: '### P0 / P1 problems',
        intro: lower > 0
            ? [`Also ${(0,format/* countByPriority */.vN)(problems, ['P2', 'P3'])} lower-priority problems: see the worklog.`, '']
            : [],
        header: ['Priority', 'Problem', 'Count', 'Share', 'Services', 'Since', 'Issue'],
        rows: urgent.map((c) => [
            `**${c.priority}**`,
            (0,safe_markdown/* safeText */.Hk)(c.title, 120),
            (0,format/* formatClusterCount */.L6)(c),
            (0,format/* formatShare */.T1)(c.share),
            (0,format/* formatNames */.EI)(c.services, 3),
            (0,format/* formatSeen */.jp)(c.firstSeen, result.window),
            (0,format/* formatIssueCell */.Fs)(c, result),
        ]),
        empty: 'No P0/P1 problems.',
    });
    const failed = result.actions.filter((a) => a.status === 'failed').length;
    out.addTable({
        heading: result.dryRun ? '### Issue actions (planned)' : '### Issue actions',
        intro: failed > 0 ? [`**${failed} failed** — see the worklog's notes.`, ''] : [],
        header: ['Action', 'Issue', 'Priority', 'Problem', 'Status'],
        rows: result.actions.map((a) => {
            const number = a.issueNumber ?? result.issueLinks[a.fingerprint]?.number;
            const issue = number !== undefined ? (0,format/* link */.nf)(`#${number}`, a.url ?? result.issueLinks[a.fingerprint]?.url) : '–';
            const status = a.status === 'failed' ? '**failed**' : (a.status ?? (result.dryRun ? 'planned' : '–'));
            const why = a.action === 'skip' ? `: ${(0,safe_markdown/* safeText */.Hk)(a.reason, 120)}` : '';
            return [(0,format/* actionVerb */.Cf)(a), issue, a.priority ?? '–', a.title ? (0,safe_markdown/* safeText */.Hk)(a.title, 100) : '–', `${status}${why}`];
        }),
        empty: result.dryRun ? 'No issue actions would be taken.' : 'No issue actions were needed.',
    });
    return out.finish(renderLinks(result, links));
}
/** One line per incident with symptoms, root cause first: the story before the problem table. */
function summarizeIncidents(result) {
    const chains = linkedIncidents(result);
    if (chains.length === 0)
        return '';
    const lines = chains.slice(0, MAX_INCIDENTS).map((i) => {
        const symptoms = i.members.length - 1;
        return `- **${i.priority}** ${(0,safe_markdown/* safeText */.Hk)(i.title, 120)} → ${symptoms} symptom${symptoms === 1 ? '' : 's'} in ${(0,format/* formatNames */.EI)(i.services, 3)}`;
    });
    const more = chains.length > MAX_INCIDENTS ? [`- … and ${chains.length - MAX_INCIDENTS} more in the worklog`] : [];
    return [`### Incidents (root cause first)`, '', ...lines, ...more].join('\n');
}

;// CONCATENATED MODULE: ./src/core/report/worklog-actions.ts


const MAX_ACTION_ROWS = 500;
function describeStatus(action, dryRun) {
    if (action.status === 'failed')
        return `**failed**${action.error ? `: ${(0,safe_markdown/* safeText */.Hk)(action.error, 200)}` : ''}`;
    if (action.status)
        return action.status;
    if (dryRun)
        return 'planned';
    if (action.action === 'skip')
        return 'skipped';
    return action.action === 'none' ? 'no change' : '–';
}
function worklog_actions_describeIssue(action, result) {
    const known = result.issueLinks[action.fingerprint];
    const number = action.issueNumber ?? known?.number;
    if (number === undefined)
        return action.action === 'create' && result.dryRun ? 'new' : '–';
    return (0,format/* link */.nf)(`#${number}`, action.url ?? known?.url);
}
function renderActions(result) {
    const heading = '## Issue actions';
    const intro = result.dryRun ? '_Dry run: planned, not carried out._' : '';
    if (result.actions.length === 0) {
        return [
            heading,
            '',
            result.dryRun ? '_Dry run: no issue actions would be taken._' : 'No issue actions were needed.',
        ].join('\n');
    }
    const rows = result.actions
        .slice(0, MAX_ACTION_ROWS)
        .map((a) => [
        (0,format/* actionVerb */.Cf)(a),
        worklog_actions_describeIssue(a, result),
        a.priority ?? '–',
        a.title ? (0,safe_markdown/* safeText */.Hk)(a.title, 120) : '–',
        (0,safe_markdown/* safeText */.Hk)(a.reason, 200),
        describeStatus(a, result.dryRun),
    ]);
    const parts = [heading, ''];
    if (intro)
        parts.push(intro, '');
    parts.push((0,format/* table */.tp)(['Action', 'Issue', 'Priority', 'Problem', 'Reason', 'Status'], rows));
    if (result.actions.length > MAX_ACTION_ROWS) {
        parts.push('', `_${(0,format/* formatCount */.B4)(result.actions.length - MAX_ACTION_ROWS)} more actions are listed in the JSON report._`);
    }
    return parts.join('\n');
}

;// CONCATENATED MODULE: ./src/core/report/worklog-appendix.ts



function renderNotes(result) {
    const notes = [...result.source.notes, ...result.notes];
    const body = notes.length ? notes.map((n) => `- ${(0,safe_markdown/* safeText */.Hk)(n, 500)}`).join('\n') : 'No waits, retries or failures.';
    return ['## Notes', '', body].join('\n');
}
/**
 * For a file source no query runs; the engineer still wants the query to reproduce the window
 * in Logs Explorer, so we show the one a Cloud Logging read would use (without the user's
 * `filter`, which RunResult does not carry).
 */
function describeEquivalentQuery(result) {
    try {
        return (0,logging_query/* buildLoggingQuery */.oh)({
            services: result.services,
            filter: '',
            minSeverity: result.minSeverity,
            start: result.window.start,
            end: result.window.end,
        });
    }
    catch (error) {
        if (error instanceof logging_query/* LoggingQueryError */.oL)
            return null;
        throw error;
    }
}
function renderQuery(result) {
    const heading = '## Query';
    if (result.source.query) {
        return [heading, '', 'The exact Cloud Logging query used:', '', (0,safe_markdown/* codeBlock */.DV)(result.source.query, 'text')].join('\n');
    }
    const equivalent = describeEquivalentQuery(result);
    if (equivalent === null)
        return [heading, '', 'Entries came from an exported file, so no Cloud Logging query ran.'].join('\n');
    return [
        heading,
        '',
        'Entries came from an exported file, so no Cloud Logging query ran. The same window would be read from Cloud Logging with:',
        '',
        (0,safe_markdown/* codeBlock */.DV)(equivalent, 'text'),
    ].join('\n');
}
function renderIgnored(result) {
    const ignored = result.clusters.filter((c) => c.ignored);
    if (ignored.length === 0)
        return '';
    const items = ignored.map((c) => `- ${(0,safe_markdown/* safeText */.Hk)(c.title, 160)} — ${(0,format/* formatClusterCount */.L6)(c)} entries (${(0,safe_markdown/* safeText */.Hk)(c.reasons[0] ?? `rule ${c.rule}`, 160)})`);
    return ['## Ignored as noise (no issue)', '', ...items].join('\n');
}

;// CONCATENATED MODULE: ./src/core/report/worklog-clusters.ts



/** Past this, sections stop; the table and the JSON report still list every problem. */
const MAX_DETAILED_CLUSTERS = 50;
const MAX_TABLE_ROWS = 500;
const STACK_HEAD = 20;
const STACK_TAIL = 9;
const MAX_LINE = 400;
function renderProblemsTable(result) {
    const problems = (0,format/* problemClusters */.f0)(result.clusters);
    if (problems.length === 0)
        return '## Problems\n\nNo problems found in this window.';
    // Each problem names its incident once some are linked (issue 13).
    const incidents = linkedIncidents(result).length > 0;
    const rows = problems
        .slice(0, MAX_TABLE_ROWS)
        .map((c, i) => [
        String(i + 1),
        `**${c.priority}**`,
        (0,safe_markdown/* safeText */.Hk)(c.title, 120),
        (0,format/* formatClusterCount */.L6)(c),
        (0,format/* formatShare */.T1)(c.share),
        (0,format/* formatNames */.EI)(c.services, 3),
        (0,format/* formatSeen */.jp)(c.firstSeen, result.window),
        (0,format/* formatSeen */.jp)(c.lastSeen, result.window),
        (0,format/* formatIssueCell */.Fs)(c, result),
        ...(incidents ? [incidentCell(result, c.fingerprint)] : []),
    ]);
    const parts = [
        '## Problems',
        '',
        (0,format/* table */.tp)(['#', 'Priority', 'Problem', 'Count', 'Share', 'Services', 'First seen', 'Last seen', 'Issue'].concat(incidents ? ['Incident'] : []), rows),
    ];
    if (problems.length > MAX_TABLE_ROWS) {
        parts.push('', `_${(0,format/* formatCount */.B4)(problems.length - MAX_TABLE_ROWS)} more problems are listed in the JSON report._`);
    }
    return parts.join('\n');
}
/** Keeps the head (where Java/Go/Node name the failing frame) and the tail (where Python does). */
function trimStack(text) {
    const lines = text.split('\n').map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE - 1)}…` : l));
    if (lines.length <= STACK_HEAD + STACK_TAIL + 1)
        return lines.join('\n');
    const omitted = lines.length - STACK_HEAD - STACK_TAIL;
    return [...lines.slice(0, STACK_HEAD), `… ${(0,format/* formatCount */.B4)(omitted)} lines trimmed …`, ...lines.slice(-STACK_TAIL)].join('\n');
}
/** The text of one sample entry as the engineer would see it in Logs Explorer. */
function worklog_clusters_describeSample(sample) {
    const parts = [];
    if (sample.http) {
        const h = sample.http;
        const latency = h.latencyMs !== undefined ? ` (${(0,format/* formatCount */.B4)(h.latencyMs)} ms)` : '';
        parts.push(`${h.method} ${h.url} → ${h.status || 'no response'}${latency}`);
    }
    // What the logger wrote around a re-assembled or prefixed trace, as it stood before it.
    if (sample.context)
        parts.push(sample.context.trim());
    const stack = sample.stack.trim();
    const message = sample.message.trim();
    if (message && !(sample.http && message.includes(sample.http.url)) && !stack.includes(message))
        parts.push(message);
    if (stack)
        parts.push(stack);
    return trimStack(parts.join('\n'));
}
function describeSampleOrigin(sample) {
    const where = [sample.service, sample.revision]
        .filter(Boolean)
        .map((s) => (0,safe_markdown/* safeText */.Hk)(s, 80))
        .join(' / ');
    const inferred = sample.severityInferred ? ' (inferred)' : '';
    return [(0,format/* formatIso */.dv)(sample.timestamp), `${sample.severity}${inferred}`, where].filter(Boolean).join(', ');
}
function bulletList(items, empty) {
    return items.length ? items.map((i) => `- ${(0,safe_markdown/* safeText */.Hk)(i, 400)}`).join('\n') : `_${empty}_`;
}
function renderClusterSection(cluster, index, result) {
    const logsUrl = result.logsLinks[cluster.fingerprint];
    const facts = [
        `- **Count:** ${(0,format/* formatClusterCount */.L6)(cluster)} entries — ${(0,format/* formatShare */.T1)(cluster.share)} of all analysed`,
        `- **Severity:** ${cluster.severity} (${(0,format/* formatSeverityCounts */.lc)(cluster.severityCounts)})`,
        `- **Services:** ${(0,format/* formatNames */.EI)(cluster.services, 10)}`,
        ...incidentFact(result, cluster.fingerprint),
        `- **Revisions:** ${(0,format/* formatNames */.EI)(cluster.revisions, 6)}`,
    ];
    if (cluster.routes.length)
        facts.push(`- **Routes:** ${(0,format/* formatNames */.EI)(cluster.routes, 8)}`);
    if (cluster.statuses.length)
        facts.push(`- **HTTP statuses:** ${cluster.statuses.join(', ')}`);
    if (cluster.instances > 0)
        facts.push(`- **Instances:** ${(0,format/* formatCount */.B4)(cluster.instances)}`);
    facts.push(`- **First / last seen:** ${(0,format/* formatIso */.dv)(cluster.firstSeen)} → ${(0,format/* formatIso */.dv)(cluster.lastSeen)}`, `- **Issue:** ${(0,format/* formatIssueCell */.Fs)(cluster, result)}${logsUrl ? ` · ${(0,format/* link */.nf)('Logs Explorer', logsUrl)}` : ''}`);
    const parts = [
        `### ${index}. ${cluster.priority} — ${(0,safe_markdown/* safeText */.Hk)(cluster.title, 200)}`,
        '',
        facts.join('\n'),
        '',
        `**Why ${cluster.priority}:**`,
        '',
        bulletList(cluster.reasons, 'no reason recorded'),
        '',
        '**Key log pattern** (redacted):',
        '',
        (0,safe_markdown/* codeBlock */.DV)(cluster.template, 'text'),
    ];
    const sample = cluster.samples[0];
    if (sample)
        parts.push('', `**Sample** (${describeSampleOrigin(sample)}):`, '', (0,safe_markdown/* codeBlock */.DV)(worklog_clusters_describeSample(sample), 'text'));
    if (cluster.codeLocations.length) {
        parts.push('', `**Code locations:** ${cluster.codeLocations
            .slice(0, 8)
            .map((l) => (0,safe_markdown/* inlineCode */.ti)(l, 160))
            .join(', ')}`);
    }
    parts.push('', '**Likely causes:**', '', bulletList(cluster.likelyCauses, 'none suggested by the rule'), '', '**Recommended actions:**', '', bulletList(cluster.recommendedActions, 'none suggested by the rule'), '', `<sub>Grouped by ${(0,safe_markdown/* safeText */.Hk)(cluster.grouping, 300)} · rule ${(0,safe_markdown/* inlineCode */.ti)(cluster.rule, 80)} · fingerprint ${(0,safe_markdown/* inlineCode */.ti)(cluster.fingerprint, 80)}</sub>`);
    return parts.join('\n');
}
function renderClusterSections(result) {
    const problems = (0,format/* problemClusters */.f0)(result.clusters);
    if (problems.length === 0)
        return '';
    const sections = problems.slice(0, MAX_DETAILED_CLUSTERS).map((c, i) => renderClusterSection(c, i + 1, result));
    if (problems.length > MAX_DETAILED_CLUSTERS) {
        sections.push(`_${(0,format/* formatCount */.B4)(problems.length - MAX_DETAILED_CLUSTERS)} more problems are summarised in the table above and detailed in the JSON report._`);
    }
    return ['## Problem details', ...sections].join('\n\n');
}

;// CONCATENATED MODULE: ./src/core/report/worklog-services.ts


/** `38.6% (1,204 / 3,120)`, or `–` without request logs. */
function formatErrorRate(status) {
    if (status.requests <= 0)
        return '–';
    const rate = (status.serverErrors / status.requests) * 100;
    return `${rate.toFixed(1)}% (${(0,format/* formatCount */.B4)(status.serverErrors)} / ${(0,format/* formatCount */.B4)(status.requests)})`;
}
function renderServiceStatus(result) {
    if (result.serviceStatus.length === 0)
        return '## Service status\n\n_No service-level data in this window._';
    const sorted = [...result.serviceStatus].sort((a, b) => b.entries - a.entries || a.service.localeCompare(b.service));
    const rows = sorted.map((s) => [
        s.service ? (0,safe_markdown/* safeText */.Hk)(s.service, 80) : '_(unknown)_',
        (0,format/* formatCount */.B4)(s.entries),
        (0,format/* formatSeverityCounts */.lc)(s.bySeverity),
        (0,format/* formatCount */.B4)(s.restarts),
        formatErrorRate(s),
        (0,format/* formatNames */.EI)(s.revisions, 4),
    ]);
    return [
        '## Service status',
        '',
        (0,format/* table */.tp)(['Service', 'Analysed entries', 'Severity', 'Restarts / exits', '5xx rate (of requests)', 'Revisions'], rows),
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/core/report/render-worklog.ts
/**
 * The worklog: the markdown report an on-call engineer reads after (or during) an incident.
 * Pure and deterministic: every time comes from the RunResult, every log-derived string goes
 * through safe-markdown. Sections live in worklog-*.ts.
 */








function renderWorklog(result) {
    const sections = [
        renderWorklogHeading(result),
        renderDeployVerdict(result),
        renderCollection(result),
        renderIncidents(result),
        renderExecutiveSummary(result),
        renderProblemsTable(result),
        renderClusterSections(result),
        renderServiceStatus(result),
        ['## Timeline', '', render_timeline_renderTimeline(result.clusters, result.window)].join('\n'),
        renderActions(result),
        renderNotes(result),
        renderQuery(result),
        renderIgnored(result),
    ];
    return `${sections.filter(Boolean).join('\n\n')}\n`;
}

;// CONCATENATED MODULE: ./src/core/report/step-outputs.ts

function countActions(result, kinds) {
    // A dry-run plan may not have been stamped `planned` yet; an unstamped real action did not happen.
    const counts = (status) => result.dryRun ? status === 'planned' || status === undefined : status === 'done';
    return result.actions.filter((a) => kinds.includes(a.action) && counts(a.status)).length;
}
function buildStepOutputs(result, paths) {
    return {
        clusters: String(result.clusters.filter((c) => !c.ignored).length),
        // Problems correlated into incidents (issue 13): one issue per incident root.
        incidents: String(result.incidents?.length ?? 0),
        'highest-priority': findHighestPriority(result.clusters),
        'issues-created': String(countActions(result, ['create'])),
        // A comment on an open issue updates it as far as a workflow is concerned.
        'issues-updated': String(countActions(result, ['update', 'comment'])),
        'issues-reopened': String(countActions(result, ['reopen'])),
        // Writes that GitHub refused this run (always 0 in a dry run): the rest of the run went on.
        'issues-failed': String(result.actions.filter((a) => a.status === 'failed').length),
        // The post-deploy gate (issue 14): `none` without fail-on; new problems only with a baseline.
        verdict: result.verdict?.status ?? 'none',
        'new-problems': String(result.clusters.filter((c) => !c.ignored && c.change?.change === 'new').length),
        'worklog-path': paths.worklog,
        'report-path': paths.report,
    };
}

;// CONCATENATED MODULE: ./src/publish.ts







/** Writes what the run leaves behind: worklog, report, artifact, job summary, step outputs. */
async function publish(config, result, reporter, checkPostable) {
    const worklog = renderWorklog(result);
    checkPostable?.(worklog, 'worklog');
    writeText(config.worklogPath, worklog);
    writeText(config.reportPath, renderReportJson(buildReport(result)));
    reporter.info(`Worklog: ${config.worklogPath}\nReport:  ${config.reportPath}`);
    let artifactUrl = '';
    if (config.uploadArtifact) {
        try {
            const root = (0,external_node_path_.dirname)(config.worklogPath);
            const files = [config.worklogPath, config.reportPath].filter((f) => (0,external_node_path_.dirname)(f) === root);
            artifactUrl = await reporter.uploadArtifact(config.artifactName, files, root);
        }
        catch (error) {
            reporter.warning(`Worklog artifact not uploaded: ${error.message}`);
        }
    }
    if (config.jobSummary) {
        const summary = renderSummary(result, { worklogArtifactUrl: artifactUrl || undefined });
        checkPostable?.(summary, 'job summary');
        await reporter.writeSummary(summary);
    }
    const outputs = buildStepOutputs(result, { worklog: config.worklogPath, report: config.reportPath });
    for (const [name, value] of Object.entries(outputs))
        reporter.setOutput(name, value);
    for (const action of result.actions.filter((a) => a.status === 'failed')) {
        reporter.warning(`Issue write failed (${action.action}, ${action.fingerprint}): ${action.error ?? 'unknown error'}`);
    }
    return { worklog, failMessage: failOnMessage(config, result) };
}
/** fail-on (the post-deploy gate) and fail-on-write-error: the step fails after everything was written. */
function failOnMessage(config, result) {
    const messages = [];
    // The verdict (compare stage) counts, with a baseline, only new and worse problems by default.
    const gate = describeGateFailure(result.verdict, result.clusters);
    if (gate)
        messages.push(gate);
    const failed = result.actions.filter((a) => a.status === 'failed').length;
    if (config.failOnWriteError && failed > 0) {
        messages.push(`fail-on-write-error: ${failed} issue write(s) failed; the rest of the run completed.`);
    }
    return messages.length > 0 ? `${messages.join(' ')} See the worklog: ${config.worklogPath}` : '';
}
function writeText(path, text) {
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
    (0,external_node_fs_.writeFileSync)(path, text);
}

;// CONCATENATED MODULE: ./src/pipeline.ts










/** Builds the adapters the config asks for, runs the garden and publishes; a failure still leaves a worklog. */
async function runPipeline(config, deps) {
    const parsed = parseRulesConfig(config.rules ?? {}, config.rulesPath || 'config');
    if (parsed.errors.length > 0)
        throw new ConfigError(parsed.errors.map((e) => `config: ${e}`));
    const rules = redactRuleText(parsed.config, { ips: config.redactIps });
    const log = (message) => deps.reporter.info(message);
    const checkPostable = config.redact === 'strict' ? assertPostable : undefined;
    try {
        const { source, baselineSource } = await buildSources(config, deps, log);
        const tracker = await buildTracker(config, log);
        const warn = (message) => deps.reporter.warning(message);
        const result = await runGarden(config, rules, {
            source,
            baselineSource,
            tracker,
            clock: { now: deps.now },
            log,
            warn,
            checkPostable,
        });
        const published = await publish(config, result, deps.reporter, checkPostable);
        return { ...published, result };
    }
    catch (error) {
        writeFailureWorklog(config, error);
        throw error;
    }
}
async function buildSources(config, deps, log) {
    // A logs-file's baseline is its own entries before since: the file is read once (garden.ts).
    if (config.logsFile)
        return { source: new FileLogSource(config.logsFile) };
    // Google's client libraries load only for a Google read: a logs-file run never compiles them.
    const { createGoogleAuth, CloudLoggingSource, loggingRateWindow, LogAnalyticsSource } = await Promise.all(/* import() */[__webpack_require__.e(492), __webpack_require__.e(825)]).then(__webpack_require__.bind(__webpack_require__, 16825));
    const auth = await createGoogleAuth(config, { getIdToken: deps.getIdToken, mask: deps.mask });
    // One pacing window for both reads: the quota is per project.
    const sourceDeps = { now: deps.now, sleep: deps.sleep, random: Math.random, log, rate: loggingRateWindow() };
    if (config.analytics.dataset)
        return { source: new LogAnalyticsSource(config, auth, sourceDeps) };
    if (config.baselineMs === 0)
        return { source: new CloudLoggingSource(config, auth, sourceDeps) };
    // With a baseline, a third of max-entries reads it and the analysed window gets the rest.
    const baselineBudget = Math.max(1, Math.floor(config.maxEntries / 3));
    const source = new CloudLoggingSource({ ...config, maxEntries: Math.max(1, config.maxEntries - baselineBudget) }, auth, sourceDeps);
    // The same query and services over the window just before the analysed one (fixed by now).
    const { start } = source.window;
    const baseline = { since: start - config.baselineMs, until: start, maxEntries: baselineBudget };
    return { source, baselineSource: new CloudLoggingSource({ ...config, ...baseline }, auth, sourceDeps) };
}
async function buildTracker(config, log) {
    if (!config.githubToken || !config.repository.owner)
        return null;
    const { createGitHubIssues, PRODUCTION_TIMING } = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(293), __webpack_require__.e(533)]).then(__webpack_require__.bind(__webpack_require__, 63533));
    return createGitHubIssues({
        token: config.githubToken,
        apiUrl: config.githubApiUrl,
        owner: config.repository.owner,
        repo: config.repository.repo,
    }, log, 
    // A dry run only reads, to preview: one quick retry, then it plans without the history.
    config.dryRun ? { ...PRODUCTION_TIMING, retries: 1 } : PRODUCTION_TIMING);
}
/** Nothing lost: even a run that failed leaves a worklog saying how far it got and why. */
function writeFailureWorklog(config, error) {
    try {
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(config.worklogPath), { recursive: true });
        (0,external_node_fs_.writeFileSync)(config.worklogPath, renderFailure(error, { source: config.logsFile || `cloud-logging:${config.projectId}` }));
    }
    catch {
        // The original error matters more than a worklog that could not be written.
    }
}

;// CONCATENATED MODULE: ./src/main.ts







/** The action: read config, wire the runner's adapters, run, set outputs. The one catch. */
async function run() {
    try {
        const config = parseConfig({
            get: (name) => getInput(name),
            env: process.env,
            readFile: readIfExists,
            tmpDir: (0,external_node_os_.tmpdir)(),
        });
        if (config.githubToken)
            setSecret(config.githubToken);
        const runUrl = config.runId
            ? `${config.githubServerUrl}/${config.repository.owner}/${config.repository.repo}/actions/runs/${config.runId}`
            : '';
        const { failMessage } = await runPipeline(config, {
            reporter: new ActionsRuntime(process.env, runUrl),
            // Only a Workload Identity run needs @actions/core (its OIDC client): loaded then, not at start-up.
            getIdToken: async (audience) => (await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(659)]).then(__webpack_require__.bind(__webpack_require__, 91659))).getIDToken(audience),
            mask: (secret) => setSecret(secret),
            now: () => Date.now(),
            sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        });
        if (failMessage)
            setFailed(failMessage);
    }
    catch (error) {
        setFailed(describeErrorForLog(error));
    }
}


/***/ })

};
