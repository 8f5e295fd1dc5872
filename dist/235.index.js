export const id = 235;
export const ids = [235];
export const modules = {

/***/ 17235:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/core/model/cluster-types.ts
const PRIORITIES = ['P0', 'P1', 'P2', 'P3'];

;// CONCATENATED MODULE: ./src/core/model/log-record.ts
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
    'min-severity': 'WARNING',
    'max-entries': '20000',
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
    'highest-priority',
    'issues-created',
    'issues-updated',
    'issues-reopened',
    'issues-failed',
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
        return fail(`'${text}' is not a whole number from 1 to ${max.toLocaleString('en-US')}`);
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
    const since = optionalTime('since');
    const until = optionalTime('until');
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
        minSeverity: take('min-severity', oneOf(raw('min-severity'), SEVERITIES), 'WARNING'),
        maxEntries: take('max-entries', parsePositiveInt(raw('max-entries'), 1_000_000), 20_000),
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

// EXTERNAL MODULE: ./node_modules/@actions/artifact/lib/artifact.js + 303 modules
var artifact = __webpack_require__(83021);
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
function workflow_commands_neutralizeWorkflowCommands(line) {
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

;// CONCATENATED MODULE: ./src/adapters/actions-runtime.ts



/** The GitHub runner: log, outputs, job summary and artifact through @actions/*. */
class ActionsRuntime {
    env;
    runUrl;
    constructor(env, runUrl) {
        this.env = env;
        this.runUrl = runUrl;
    }
    info(message) {
        core/* info */.pq(neutralizeLines(message));
    }
    warning(message) {
        core/* warning */.$e(neutralizeLines(message));
    }
    setOutput(name, value) {
        core/* setOutput */.uH(name, value);
    }
    async writeSummary(markdown) {
        if (!this.env.GITHUB_STEP_SUMMARY) {
            core/* info */.pq('No GITHUB_STEP_SUMMARY on this runner: job summary skipped.');
            return;
        }
        await core/* summary */.z.addRaw(markdown, true).write({ overwrite: false });
    }
    async uploadArtifact(name, files, rootDir) {
        // The artifact service is only there inside a real workflow run (act, local runs lack it).
        if (!this.env.ACTIONS_RUNTIME_TOKEN || !this.env.ACTIONS_RESULTS_URL) {
            core/* notice */.lm('The runner has no artifact service (ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL unset): worklog artifact not uploaded.');
            return '';
        }
        const { id } = await new artifact/* DefaultArtifactClient */.t9().uploadArtifact(name, files, rootDir, { retentionDays: 30 });
        return id && this.runUrl ? `${this.runUrl}/artifacts/${id}` : '';
    }
}
function neutralizeLines(text) {
    return text.split('\n').map(workflow_commands_neutralizeWorkflowCommands).join('\n');
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
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

;// CONCATENATED MODULE: ./src/core/markdown/safe-markdown.ts
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
function safe_markdown_stripControl(text) {
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
    return safe_markdown_stripControl(fixSurrogates(text));
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

;// CONCATENATED MODULE: ./src/core/redact/secret-patterns.ts
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
        pattern: new RegExp(`${SENSITIVE_KEY}${KEY_SEPARATOR}(?<secret>(?!\\\\?["'])${NOT_PLACEHOLDER}[^\\s"',;&)}\\]]{1,2048})`, 'gi'),
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

;// CONCATENATED MODULE: ./src/core/redact/redact.ts



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
const WITHOUT_IPS = planFor(SECRET_RULES.filter((rule) => !rule.onlyWithIps));
const WITH_IPS = planFor(SECRET_RULES);
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
    for (const span of findSecretSpans(rule, text)) {
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
/** [short, long] per plan. */
const TABLES = new Map([
    [WITHOUT_IPS, [newTable(4096), newTable(256)]],
    [WITH_IPS, [newTable(4096), newTable(256)]],
]);
/** The length and eight characters spread over the text, ids at the end included. */
function slotOf(text, mask) {
    const length = text.length;
    const step = (length >>> 3) + 1;
    let h = length;
    for (let i = length - 1; i >= 0; i -= step)
        h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return (h ^ (h >>> 15)) & mask;
}
/** Replaces every secret (and e-mail, and with `ips` every IP address) with `[REDACTED:<kind>]`. */
function redactText(text, options) {
    const plan = options.ips ? WITH_IPS : WITHOUT_IPS;
    const length = text.length;
    if (length === 0 || length > LONG_TEXT_MAX)
        return runRules(text, plan);
    const table = TABLES.get(plan)[length <= SHORT_TEXT_MAX ? 0 : 1];
    const slot = slotOf(text, table.mask);
    if (table.texts[slot] === text)
        return table.results[slot];
    const redacted = runRules(text, plan);
    table.texts[slot] = text;
    table.results[slot] = redacted;
    return redacted;
}
function redactHttp(http, options) {
    const url = redactText(http.url, options);
    const path = redactText(http.path, options);
    const userAgent = http.userAgent === undefined ? undefined : redactText(http.userAgent, options);
    if (url === http.url && path === http.path && userAgent === http.userAgent)
        return http;
    return userAgent === undefined ? { ...http, url, path } : { ...http, url, path, userAgent };
}
/**
 * Redacts every free-text field of a record: message, stack, errorType, sourceLocation and
 * the request's URL, path and user agent. Returns the same object when nothing matched.
 */
function redactRecord(record, options) {
    const message = redactText(record.message, options);
    const stack = redactText(record.stack, options);
    const errorType = redactText(record.errorType, options);
    const sourceLocation = redactText(record.sourceLocation, options);
    const http = record.http === undefined ? undefined : redactHttp(record.http, options);
    // Resource labels are posted too (issue titles, tables). They rarely hold a secret, and
    // repeat on every entry, so the cache of recent texts makes this nearly free.
    const service = redactText(record.service, options);
    const revision = redactText(record.revision, options);
    const instance = redactText(record.instance, options);
    const logName = redactText(record.logName, options);
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

;// CONCATENATED MODULE: ./src/core/report/render-failure.ts


/** The worklog of a run that stopped: what failed and what to do, never the secret that may be in the error. */
function renderFailure(error, context) {
    const message = describeErrorForLog(error);
    return [
        '# Log Gardener worklog: run failed',
        '',
        `The run stopped before it finished. Source: ${safeText(context.source)}. No issue was changed after this point.`,
        '',
        '## Error',
        '',
        codeBlock(message),
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
    return preRedacted ? describeError(error) : redactText(describeError(error), { ips: false });
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
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
/** `logs-file`: an exported JSON array or NDJSON file, read as a stream (flat memory on any size). */



/** The `logs-file` input names a file that cannot be read. */
class LogsFileError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'LogsFileError';
    }
}
/** One read: few reads, and the stream reads the next one ahead while this one is parsed. */
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
        await this.checkReadable();
        const splitter = new JsonArraySplitter();
        // ignoreBOM keeps a byte-order mark in the text: the splitter skips it itself.
        const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
        const stream = (0,external_node_fs_.createReadStream)(this.path, { highWaterMark: READ_BYTES });
        try {
            for await (const chunk of stream) {
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
        finally {
            stream.destroy();
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
    async checkReadable() {
        let isFile = false;
        try {
            isFile = (await (0,promises_.stat)(this.path)).isFile();
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

// EXTERNAL MODULE: ./node_modules/google-auth-library/build/src/index.js
var src = __webpack_require__(492);
;// CONCATENATED MODULE: ./src/adapters/gcp-errors.ts
/**
 * Turns what Google, STS, IAM Credentials and the GitHub OIDC endpoint answer into messages that
 * say what went wrong and the one thing to change. Users meet these on their first run, in a
 * workflow log, far from any documentation.
 */

/**
 * The message is safe to print as it is: what Google or a library wrote is redacted where it is
 * embedded (`redactExternal`), while our own words and the config's names stay exact. Redacting
 * the whole message instead would mangle the fix: `id-token: write` reads as a secret value and
 * the service account in the `gcloud` command as an e-mail address.
 */
class GoogleSetupError extends Error {
    step;
    name = 'GoogleSetupError';
    preRedacted = true;
    constructor(step, message, options) {
        super(message, options);
        this.step = step;
    }
}
/** Text that came from outside (an API's error message, a library's): it may echo a secret. */
function redactExternal(text) {
    return redactText(text, { ips: false });
}
const QUERY_LANGUAGE_DOC = 'https://cloud.google.com/logging/docs/view/logging-query-language';
function explainMissingOidc(reason) {
    return new GoogleSetupError('oidc', `GitHub did not give this job an OIDC token (${reason}). ` +
        'Add `permissions: id-token: write` to the job (a job-level `permissions:` block replaces the workflow-level one, so list `contents: read` and `issues: write` there too). ' +
        'Pull requests from forks never get an OIDC token, whatever the permissions say: run the action on `schedule`, `workflow_dispatch` or `push`, ' +
        'or skip the step for forks with `if: github.event.pull_request.head.repo.fork != true`.');
}
/** Classifies an error thrown while getting an access token (the auth client's token chain). */
function explainAuthError(err, ctx) {
    if (err instanceof GoogleSetupError)
        return err;
    const message = redactExternal(errorMessage(err));
    const url = errorUrl(err);
    if (/^Error code invalid_grant/.test(message) || url.includes('/v1/token'))
        return explainStsError(message, ctx, err);
    if (url.includes(':generateAccessToken'))
        return explainImpersonationError(err, ctx);
    return new GoogleSetupError('adc', `Could not get a Google access token: ${message}`, { cause: err });
}
function explainStsError(message, ctx, cause) {
    const provider = ctx.workloadIdentityProvider;
    let fix;
    if (/attribute condition/i.test(message)) {
        fix =
            "The provider's attribute condition rejected this workflow's token. Make the condition match this repository, " +
                `e.g. \`gcloud iam workload-identity-pools providers update-oidc PROVIDER --attribute-condition="assertion.repository=='OWNER/REPO'" ...\`, ` +
                'and check which claim it tests (repository, ref, environment).';
    }
    else if (/audience/i.test(message)) {
        fix =
            `Check the \`workload-identity-provider\` input: it must be the full provider name \`projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER\` ` +
                `(project number, not ID; got \`${provider}\`), and the provider's allowed audiences must be empty (the default) or include \`https://iam.googleapis.com/${provider}\`.`;
    }
    else if (/not found|does not exist|invalid.*(pool|provider)/i.test(message)) {
        fix = `The pool or provider \`${provider}\` does not exist or is disabled. Copy its full name from \`gcloud iam workload-identity-pools providers describe PROVIDER --location=global --workload-identity-pool=POOL --format='value(name)'\`.`;
    }
    else {
        fix =
            `Check the \`workload-identity-provider\` input (\`${provider}\`), that the provider's issuer is \`https://token.actions.githubusercontent.com\`, ` +
                'and that its attribute condition accepts this repository.';
    }
    return new GoogleSetupError('sts', `Google STS rejected the GitHub OIDC token: ${message}. ${fix}`, { cause });
}
function explainImpersonationError(err, ctx) {
    const raw = googleErrorBody(err);
    const body = { ...raw, message: redactExternal(raw.message) };
    const sa = ctx.serviceAccount;
    const poolPath = ctx.workloadIdentityProvider.replace(/\/providers\/[^/]+$/, '');
    if (/SERVICE_DISABLED|has not been used|is disabled/i.test(body.message)) {
        return new GoogleSetupError('impersonation', `The IAM Service Account Credentials API is disabled: ${body.message}. Run \`gcloud services enable iamcredentials.googleapis.com --project=PROJECT\`.`, { cause: err });
    }
    if (body.httpStatus === 403 || /getAccessToken/.test(body.message)) {
        return new GoogleSetupError('impersonation', `Impersonating \`${sa}\` was denied (${body.message}). The federated identity needs \`iam.serviceAccounts.getAccessToken\` on it: ` +
            `\`gcloud iam service-accounts add-iam-policy-binding ${sa} --role=roles/iam.workloadIdentityUser ` +
            `--member="principalSet://iam.googleapis.com/${poolPath}/attribute.repository/OWNER/REPO"\`. ` +
            'Also check the `service-account` input is spelled right (a missing account answers the same way).', { cause: err });
    }
    if (body.httpStatus === 404) {
        return new GoogleSetupError('impersonation', `Service account \`${sa}\` does not exist (${body.message}). Check the \`service-account\` input.`, { cause: err });
    }
    return new GoogleSetupError('impersonation', `Impersonating \`${sa}\` failed: ${body.message || redactExternal(errorMessage(err))}`, {
        cause: err,
    });
}
/** Classifies a failed `entries.list` answer (after retries, for 429 and 5xx). */
function explainLoggingError(body, ctx) {
    const { httpStatus, status } = body;
    const message = redactExternal(body.message);
    const project = ctx.projectId;
    const principal = ctx.serviceAccount
        ? `serviceAccount:${ctx.serviceAccount}`
        : ctx.workloadIdentityProvider
            ? `principalSet://iam.googleapis.com/${ctx.workloadIdentityProvider.replace(/\/providers\/[^/]+$/, '')}/attribute.repository/OWNER/REPO`
            : 'serviceAccount:EMAIL_OF_YOUR_CREDENTIALS';
    if (httpStatus === 400 || status === 'INVALID_ARGUMENT') {
        return new GoogleSetupError('logging', `Cloud Logging rejected the query: ${message}. Check the \`filter\` input against the query language (${QUERY_LANGUAGE_DOC}).`);
    }
    if (/SERVICE_DISABLED|has not been used in project|API.*is disabled/i.test(message)) {
        return new GoogleSetupError('logging', `The Cloud Logging API is disabled in \`${project}\`: ${message}. Run \`gcloud services enable logging.googleapis.com --project=${project}\`.`);
    }
    if (httpStatus === 404 || (/project/i.test(message) && /not (be )?found|does not exist|deleted/i.test(message))) {
        return new GoogleSetupError('logging', `Project \`${project}\` was not found (${message}). Check the \`project-id\` input: it takes the project ID (e.g. \`my-app-prod\`), not its number or display name.`);
    }
    if (httpStatus === 403 || status === 'PERMISSION_DENIED') {
        return new GoogleSetupError('logging', `Permission denied reading logs of \`${project}\` (${message}). Grant the Logs Viewer role: ` +
            `\`gcloud projects add-iam-policy-binding ${project} --role=roles/logging.viewer --member="${principal}"\`, ` +
            'and check the `project-id` input (Google answers 403 for a project that does not exist).');
    }
    if (httpStatus === 401 || status === 'UNAUTHENTICATED') {
        return new GoogleSetupError('logging', `Cloud Logging did not accept the access token (${message}). Check the credentials set up for this job.`);
    }
    if (httpStatus === 429 || status === 'RESOURCE_EXHAUSTED') {
        return new GoogleSetupError('quota', `Cloud Logging kept answering 429 RESOURCE_EXHAUSTED (${message}). The project allows 60 entries.list requests a minute shared by everyone reading its logs: run less often, narrow the window, or lower \`max-entries\`.`);
    }
    return new GoogleSetupError('logging', `Cloud Logging failed with HTTP ${httpStatus} ${status}: ${message}`);
}
/** Reads Google's `{error:{code,message,status}}` (or an OAuth `{error,error_description}`) from a thrown HTTP error. */
function googleErrorBody(err) {
    const response = err?.response;
    const data = response?.data;
    const parsed = typeof data === 'string' ? safeJson(data) : data;
    const error = parsed?.error;
    if (error && typeof error === 'object') {
        const e = error;
        return { httpStatus: response?.status ?? e.code ?? 0, status: e.status ?? '', message: e.message ?? '' };
    }
    return {
        httpStatus: response?.status ?? 0,
        status: typeof error === 'string' ? error : '',
        message: errorMessage(err),
    };
}
function safeJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function errorMessage(err) {
    return err instanceof Error ? err.message : String(err);
}
function errorUrl(err) {
    const config = err?.config;
    return config?.url ? String(config.url) : '';
}

;// CONCATENATED MODULE: ./src/adapters/gcp-auth.ts
/**
 * Google credentials for reading logs. With `workload-identity-provider`: the job's GitHub OIDC
 * token → Google STS → (optionally) IAM Credentials impersonation, all done by google-auth-library's
 * identity-pool client with a subject-token supplier. Without it: Application Default Credentials
 * from a credentials file (what `google-github-actions/auth` writes).
 *
 * The GCE metadata server is never probed unless the user opts in: google-auth-library's ADC falls
 * back to it, which on a GitHub-hosted runner costs a timeout and then a misleading error. We only
 * hand GoogleAuth an explicit key file, and always a project ID (its project-ID discovery would
 * probe as well). A self-hosted runner on GCE opts in with METADATA_SERVER_DETECTION=assume-present.
 */




/** Least privilege for the token we ask for: read logs, nothing else. */
const LOGGING_READ_SCOPES = ['https://www.googleapis.com/auth/logging.read'];
/** STS issues federated tokens for cloud-platform; a directly federated principal is limited by IAM anyway. */
const FEDERATED_SCOPES = ['https://www.googleapis.com/auth/cloud-platform'];
const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';
async function createGoogleAuth(config, deps) {
    const env = process.env;
    const client = config.workloadIdentityProvider
        ? createFederatedClient(config, deps, env)
        : await createDefaultClient(config, env);
    // Fires on every refresh with the token the Logging calls will carry (the impersonated one).
    client.on('tokens', (tokens) => {
        if (tokens.access_token)
            deps.mask(tokens.access_token);
    });
    return client;
}
function createFederatedClient(config, deps, env) {
    const provider = config.workloadIdentityProvider;
    const oidcAudience = `https://iam.googleapis.com/${provider}`;
    const sa = config.serviceAccount;
    return new src.IdentityPoolClient({
        type: 'external_account',
        audience: `//iam.googleapis.com/${provider}`,
        subject_token_type: JWT_TOKEN_TYPE,
        token_url: `${trimSlash(config.stsEndpoint)}/v1/token`,
        service_account_impersonation_url: sa
            ? `${trimSlash(config.iamCredentialsEndpoint)}/v1/projects/-/serviceAccounts/${sa}:generateAccessToken`
            : undefined,
        scopes: sa ? LOGGING_READ_SCOPES : FEDERATED_SCOPES,
        subject_token_supplier: {
            // Not cached by the library; it is called once per access-token refresh (≤ 1 h apart).
            getSubjectToken: async () => {
                if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
                    throw explainMissingOidc('ACTIONS_ID_TOKEN_REQUEST_URL is not set');
                }
                let token;
                try {
                    token = await deps.getIdToken(oidcAudience);
                }
                catch (err) {
                    throw new GoogleSetupError('oidc', `Could not get the GitHub OIDC token (${redactExternal(err instanceof Error ? err.message : String(err))}). Check that the job has \`permissions: id-token: write\`.`, { cause: err });
                }
                deps.mask(token);
                return token;
            },
        },
    });
}
async function createDefaultClient(config, env) {
    const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS || wellKnownCredentialsFile(env);
    const projectId = config.projectId || undefined;
    if (keyFile) {
        if (!(0,external_node_fs_.existsSync)(keyFile)) {
            throw new GoogleSetupError('adc', `GOOGLE_APPLICATION_CREDENTIALS points to \`${keyFile}\`, which does not exist. Run google-github-actions/auth in an earlier step of the same job, or set \`workload-identity-provider\`.`);
        }
        // The library's own ADC lookup, which finds this file before it would consider the metadata
        // server (and, unlike `keyFilename`, is not deprecated for externally sourced credentials).
        return new src.GoogleAuth({ projectId, scopes: LOGGING_READ_SCOPES }).getClient();
    }
    const detection = (env.METADATA_SERVER_DETECTION ?? '').toLowerCase();
    if (detection === 'assume-present' || detection === 'ping-only') {
        return new src.GoogleAuth({ projectId, scopes: LOGGING_READ_SCOPES }).getClient();
    }
    throw new GoogleSetupError('adc', 'No Google credentials: set the `workload-identity-provider` input (and `permissions: id-token: write`), ' +
        'or run google-github-actions/auth in an earlier step so GOOGLE_APPLICATION_CREDENTIALS is set. ' +
        '(On a self-hosted runner in Google Cloud, set METADATA_SERVER_DETECTION=assume-present to use its service account.)');
}
/** Where `gcloud auth application-default login` writes credentials (useful for the CLI). */
function wellKnownCredentialsFile(env) {
    const dir = env.CLOUDSDK_CONFIG ||
        (env.APPDATA ? (0,external_node_path_.join)(env.APPDATA, 'gcloud') : env.HOME ? (0,external_node_path_.join)(env.HOME, '.config', 'gcloud') : '');
    const file = dir ? (0,external_node_path_.join)(dir, 'application_default_credentials.json') : '';
    return file && (0,external_node_fs_.existsSync)(file) ? file : '';
}
function trimSlash(url) {
    return url.replace(/\/+$/, '');
}

;// CONCATENATED MODULE: ./src/core/model/severity.ts
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

;// CONCATENATED MODULE: ./src/core/read/logging-query.ts
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
 * Words in a stderr line without a severity that mark it as an error or the start of a stack
 * trace (Python, Node/Java/Go exceptions, Go panics). `:` is Logging's case-insensitive "has".
 */
const STDERR_ERROR_WORDS = ['Traceback', 'Error', 'Exception', 'panic'];
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
    const atLeast = (values) => values.filter((v) => severityRank(parseSeverity(v, true)) >= severityRank(minSeverity));
    const names = atLeast(LEVEL_NAMES).map((n) => `"${n}"`);
    const levels = [...atLeast(PINO_LEVELS).map(String), ...names];
    const unset = [`(logName:"stderr" AND (${words}))`];
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

;// CONCATENATED MODULE: ./src/core/read/rate-window.ts
/**
 * At most `limit` request starts in any `windowMs`: how long to wait before the next one.
 * Cloud Logging's entries.list quota is per project per minute, so requests spaced evenly cost
 * the same quota as a burst; only the count in the last minute matters. Pure: the caller owns
 * the clock and the sleep.
 */
class RateWindow {
    limit;
    windowMs;
    starts = [];
    constructor(limit, windowMs) {
        this.limit = limit;
        this.windowMs = windowMs;
    }
    /** Milliseconds to wait before a request may start at `now` (0 when it may start at once). */
    delay(now) {
        while (this.starts.length > 0 && this.starts[0] <= now - this.windowMs)
            this.starts.shift();
        if (this.starts.length < this.limit)
            return 0;
        return this.starts[0] + this.windowMs - now;
    }
    /** Records a request that starts at `now`. */
    record(now) {
        this.starts.push(now);
    }
}

;// CONCATENATED MODULE: ./src/adapters/gcp-logging.ts



/** entries.list: `pageSize` ≤ 1000; 60 requests a minute per project, 429 without Retry-After. */
const MAX_PAGE_SIZE = 1000;
/** Under the 60 a minute quota, with room for other readers of the same project (Logs Explorer, alerts). */
const REQUESTS_PER_MINUTE = 50;
const BACKOFF_BASE_MS = 2000;
const BACKOFF_CAP_MS = 60_000;
const MAX_TOTAL_BACKOFF_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 60_000;
const SAMPLE_MARGIN = 1.25;
const EARLY_SAMPLE_FACTOR = 2;
class CloudLoggingSource {
    config;
    auth;
    deps;
    /** The read window in epoch ms: start inclusive, end exclusive. */
    window;
    /** The generated query without sampling: the one for Logs Explorer links. */
    baseQuery;
    state;
    errorContext;
    rate = new RateWindow(REQUESTS_PER_MINUTE, 60_000);
    pacedMs = 0;
    backoffMs = 0;
    constructor(config, auth, deps) {
        this.config = config;
        this.auth = auth;
        this.deps = deps;
        const end = config.until ?? deps.now();
        this.window = { start: config.since ?? end - config.lookbackMs, end };
        this.baseQuery = buildLoggingQuery({
            services: config.services,
            filter: config.filter,
            minSeverity: config.minSeverity,
            ...this.window,
        });
        this.state = {
            source: `cloud-logging:${config.projectId}`,
            query: this.baseQuery,
            sampleFraction: 1,
            unreadable: {},
            notes: [],
            requests: 0,
        };
        this.errorContext = {
            projectId: config.projectId,
            workloadIdentityProvider: config.workloadIdentityProvider,
            serviceAccount: config.serviceAccount,
        };
    }
    info() {
        return {
            ...this.state,
            unreadable: { ...this.state.unreadable },
            notes: [...this.state.notes],
            window: this.window,
            baseQuery: this.baseQuery,
        };
    }
    async *read() {
        try {
            const budget = this.config.maxEntries;
            const full = await this.readWhole(budget);
            if (full.complete) {
                yield* full.entries;
                return;
            }
            yield* this.readSample(budget, full.estimate, full.coveredFrom, full.read);
        }
        finally {
            if (this.pacedMs > 0) {
                this.state.notes.push(`Paced ${this.state.requests} entries.list requests to at most ${REQUESTS_PER_MINUTE} a minute (quota: 60 a minute per project): ${seconds(this.pacedMs)} s of waiting.`);
            }
        }
    }
    /** Reads newest first into memory up to the budget; complete when the window fitted. */
    async readWhole(budget) {
        const entries = [];
        let pageToken = '';
        for (;;) {
            const page = await this.fetchPage(this.baseQuery, pageToken, Math.min(MAX_PAGE_SIZE, budget - entries.length));
            entries.push(...page.entries);
            if (!page.nextPageToken)
                return { complete: true, entries };
            const coveredFrom = oldestTimestamp(entries, this.window.end);
            const estimate = this.estimateTotal(entries.length, coveredFrom);
            if (entries.length >= budget || estimate > EARLY_SAMPLE_FACTOR * budget)
                return { complete: false, estimate, coveredFrom, read: entries.length };
            pageToken = page.nextPageToken;
        }
    }
    /** Streams a deterministic sample of the whole window, page by page, stopping at the budget. */
    async *readSample(budget, estimate, coveredFrom, read) {
        const fraction = Number(formatFraction(Math.min(0.95, budget / (estimate * SAMPLE_MARGIN))));
        const query = withSample(this.baseQuery, fraction);
        this.state.query = query;
        this.state.sampleFraction = fraction;
        const windowMinutes = minutes(this.window.end - this.window.start);
        this.state.notes.push(`Over the max-entries budget (${budget}): the newest ${read} entries covered ${minutes(this.window.end - coveredFrom)} of the ${windowMinutes} window, ` +
            `so about ${Math.round(estimate)} entries match. Read a deterministic sample instead, sample(insertId, ${fraction}); counts are scaled by ${formatFraction(1 / fraction)} and estimated.`);
        this.deps.log(`Sampling ${fraction} of about ${Math.round(estimate)} entries (budget ${budget}).`);
        let count = 0;
        let pageToken = '';
        for (;;) {
            const page = await this.fetchPage(query, pageToken, Math.min(MAX_PAGE_SIZE, budget - count));
            count += page.entries.length;
            yield* page.entries;
            if (!page.nextPageToken)
                return;
            if (count >= budget) {
                const reached = oldestTimestamp(page.entries, this.window.end);
                this.state.notes.push(`The sample reached the budget before the start of the window: entries before ${new Date(reached).toISOString()} were not read ` +
                    '(logs were burstier than the estimate). Raise max-entries or shorten the window for complete counts.');
                return;
            }
            pageToken = page.nextPageToken;
        }
    }
    estimateTotal(read, coveredFrom) {
        const covered = Math.max(1, this.window.end - coveredFrom);
        return (read * (this.window.end - this.window.start)) / covered;
    }
    /** One entries.list call: paced, retried with jittered backoff on 429, 5xx and network errors. */
    async fetchPage(filter, pageToken, pageSize) {
        const url = `${this.config.loggingEndpoint.replace(/\/+$/, '')}/v2/entries:list`;
        const body = JSON.stringify({
            resourceNames: [`projects/${this.config.projectId}`],
            filter,
            orderBy: 'timestamp desc',
            pageSize,
            ...(pageToken ? { pageToken } : {}),
        });
        for (let attempt = 0;; attempt++) {
            await this.pace();
            const headers = await this.requestHeaders(url);
            this.state.requests++;
            let failure;
            try {
                const response = await fetch(url, {
                    method: 'POST',
                    headers,
                    body,
                    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
                });
                const text = await response.text();
                if (response.ok) {
                    const json = JSON.parse(text);
                    return { entries: json.entries ?? [], nextPageToken: json.nextPageToken ?? '' };
                }
                failure = parseErrorBody(response.status, text);
                if (response.status !== 429 && response.status < 500)
                    throw explainLoggingError(failure, this.errorContext);
            }
            catch (err) {
                if (!isNetworkError(err))
                    throw err;
                failure = { httpStatus: 0, status: 'UNAVAILABLE', message: err instanceof Error ? err.message : String(err) };
            }
            await this.backOff(attempt, failure);
        }
    }
    async requestHeaders(url) {
        let headers;
        try {
            headers = await this.auth.getRequestHeaders(url);
        }
        catch (err) {
            throw explainAuthError(err, this.errorContext);
        }
        headers.set('content-type', 'application/json');
        return headers;
    }
    /** At most REQUESTS_PER_MINUTE starts in any minute: a run under that never waits. */
    async pace() {
        const wait = this.rate.delay(this.deps.now());
        if (wait > 0) {
            this.pacedMs += wait;
            await this.deps.sleep(wait);
        }
        this.rate.record(this.deps.now());
    }
    /**
     * Exponential backoff with equal jitter (half fixed, half random): 429 comes without
     * Retry-After and the quota refills per minute, so waits grow to a minute; the total is bounded.
     */
    async backOff(attempt, failure) {
        const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
        const delay = Math.round(ceiling / 2 + this.deps.random() * (ceiling / 2));
        const what = failure.httpStatus ? `${failure.httpStatus} ${failure.status}` : `network error (${failure.message})`;
        if (this.backoffMs + delay > MAX_TOTAL_BACKOFF_MS) {
            if (failure.httpStatus === 429)
                throw explainLoggingError(failure, this.errorContext);
            throw explainLoggingError({ ...failure, message: `${failure.message} (still failing after ${seconds(this.backoffMs)} s of retries)` }, this.errorContext);
        }
        this.backoffMs += delay;
        const why = failure.httpStatus === 429 ? ' (quota 60 requests/min)' : '';
        const note = `Waited ${seconds(delay)} s after ${what}${why}.`;
        this.state.notes.push(note);
        this.deps.log(note);
        await this.deps.sleep(delay);
    }
}
function parseErrorBody(httpStatus, text) {
    try {
        const error = JSON.parse(text).error;
        return { httpStatus, status: error?.status ?? '', message: error?.message ?? text.slice(0, 500) };
    }
    catch {
        return { httpStatus, status: '', message: text.slice(0, 500) };
    }
}
function isNetworkError(err) {
    return (err instanceof TypeError || (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')));
}
function oldestTimestamp(entries, fallback) {
    let oldest = fallback;
    for (const entry of entries) {
        const t = Date.parse(String(entry.timestamp));
        if (Number.isFinite(t) && t < oldest)
            oldest = t;
    }
    return oldest;
}
function seconds(ms) {
    return (ms / 1000).toFixed(1);
}
function minutes(ms) {
    const m = ms / 60_000;
    return m >= 120 ? `${(m / 60).toFixed(1)} h` : `${m.toFixed(1)} min`;
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 19 modules
var utils = __webpack_require__(85555);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(49735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(86856);
;// CONCATENATED MODULE: ./src/adapters/octokit.ts



const MyOctokit = utils/* GitHub */.gq.plugin(dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
const PRODUCTION_TIMING = {
    retryAfterBaseValue: 1000,
    writeMinTimeMs: 1000,
    notificationMinTimeMs: 3000,
    maxRateLimitWaitSeconds: 120,
    retries: 3,
    maxTotalWaitSeconds: 300,
};
/** GitHub's advice for a secondary limit without `retry-after`: wait at least a minute. */
const FALLBACK_WAIT_SECONDS = 60;
/** Seconds to wait before retrying a 429: `retry-after`, else until `x-ratelimit-reset`, else a minute. */
function rateLimitWaitSeconds(headers, now) {
    const retryAfter = Number(headers.get('retry-after'));
    if (headers.get('retry-after') !== null && Number.isFinite(retryAfter) && retryAfter >= 0)
        return retryAfter;
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (headers.get('x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0)
        return Math.max(0, Math.ceil(reset - now / 1000) + 1);
    return FALLBACK_WAIT_SECONDS;
}
/**
 * The slice of Bottleneck.Group the throttling plugin uses for its write and notification
 * groups (`group.key(id).schedule(options, fn, ...args)`): one job at a time, `minTime` apart.
 */
class SpacingGroup {
    minTime;
    tail = Promise.resolve();
    last = 0;
    limiter = {
        schedule: (_options, fn, ...args) => {
            const run = this.tail.then(async () => {
                const wait = this.last + this.minTime - Date.now();
                if (wait > 0)
                    await new Promise((resolve) => setTimeout(resolve, wait));
                this.last = Date.now();
                return fn(...args);
            });
            this.tail = run.catch(() => undefined);
            return run;
        },
    };
    constructor(minTime) {
        this.minTime = minTime;
    }
    key() {
        return this.limiter;
    }
}
/** Every 4xx GitHub sends; none is worth a retry by the retry plugin (rate limits go to throttling). */
const DO_NOT_RETRY = [400, 401, 403, 404, 405, 409, 410, 411, 412, 413, 415, 422, 429, 451];
function createOctokit(config, log = () => undefined, timing = PRODUCTION_TIMING) {
    let requests = 0;
    let writes = 0;
    let waitedSeconds = 0;
    const waits = [];
    const baseFetch = (utils/* defaults */.NT.request?.fetch ?? globalThis.fetch);
    const countingFetch = (url, init) => {
        requests += 1;
        if (init?.method && init.method !== 'GET' && init.method !== 'HEAD')
            writes += 1;
        return baseFetch(url, init);
    };
    // Octokit sends bodies as strings, so a request can be sent again as it is.
    const waitingFetch = async (url, init) => {
        for (let attempt = 0;; attempt++) {
            const response = await countingFetch(url, init);
            if (response.status !== 429 || attempt >= timing.retries)
                return response;
            const seconds = rateLimitWaitSeconds(response.headers, Date.now());
            const what = `${init?.method ?? 'GET'} ${new URL(String(url)).pathname}`;
            if (seconds > timing.maxRateLimitWaitSeconds || waitedSeconds + seconds > timing.maxTotalWaitSeconds) {
                waits.push(`GitHub answered 429 on ${what}; not waiting ${seconds}s (over the run's wait budget).`);
                return response;
            }
            waitedSeconds += seconds;
            waits.push(`GitHub answered 429 on ${what}; waited ${seconds}s and retried (attempt ${attempt + 2}).`);
            log(waits[waits.length - 1]);
            await response.body?.cancel();
            await new Promise((resolve) => setTimeout(resolve, seconds * timing.retryAfterBaseValue));
        }
    };
    const onLimit = (kind) => (retryAfter, options, _octokit, retryCount) => {
        const retrying = retryCount < timing.retries &&
            retryAfter <= timing.maxRateLimitWaitSeconds &&
            waitedSeconds + retryAfter <= timing.maxTotalWaitSeconds;
        if (retrying)
            waitedSeconds += retryAfter;
        const line = `GitHub ${kind} on ${options.method} ${options.url}: ${retrying ? `waited ${retryAfter}s and retried` : 'not retried (over the wait budget)'} (attempt ${retryCount + 1})`;
        waits.push(`${line}.`);
        log(line);
        return retrying;
    };
    // Our own spacing groups per client: the plugin's shared module-level Bottleneck groups would
    // ignore our timing and leak one client's spacing into the next.
    const group = (minTime) => new SpacingGroup(minTime);
    const octokit = new MyOctokit((0,utils/* getOctokitOptions */.EG)(config.token, {
        baseUrl: config.apiUrl.replace(/\/+$/, ''),
        request: { fetch: waitingFetch },
        retry: { doNotRetry: DO_NOT_RETRY, retries: timing.retries, retryAfterBaseValue: timing.retryAfterBaseValue },
        throttle: {
            retryAfterBaseValue: timing.retryAfterBaseValue,
            fallbackSecondaryRateRetryAfter: 60,
            write: group(timing.writeMinTimeMs),
            notifications: group(timing.notificationMinTimeMs),
            onRateLimit: onLimit('rate limit'),
            onSecondaryRateLimit: onLimit('secondary rate limit'),
        },
        log: { debug: () => undefined, info: () => undefined, warn: log, error: log },
    }));
    return { octokit, requests: () => requests, writes: () => writes, waits: () => [...waits] };
}

;// CONCATENATED MODULE: ./src/adapters/github-issues.ts

/** The login GITHUB_TOKEN writes as; that token may not call `GET /user` (403). */
const ACTIONS_BOT = 'github-actions[bot]';
function toTrackedIssue(raw) {
    return {
        number: raw.number,
        url: raw.html_url,
        title: raw.title,
        body: raw.body ?? '',
        state: raw.state === 'closed' ? 'closed' : 'open',
        stateReason: raw.state_reason ?? null,
        closedAt: raw.closed_at ? Date.parse(raw.closed_at) : null,
        createdAt: Date.parse(raw.created_at),
        author: raw.user?.login ?? '',
        labels: raw.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
    };
}
/** Content-creating POSTs are not retried blindly on 5xx: the first attempt may have succeeded. */
const NO_RETRY = { request: { retries: 0 } };
/** A 5xx, or no answer at all (Octokit reports a failed fetch as status 500). */
function isServerError(error) {
    const status = error.status;
    return typeof status === 'number' && status >= 500;
}
/** IssueTracker over the GitHub REST API (issues, comments, labels). Never the Search API (DESIGN §4). */
class GitHubIssues {
    handle;
    owner;
    repo;
    octokit;
    login;
    constructor(handle, owner, repo) {
        this.handle = handle;
        this.owner = owner;
        this.repo = repo;
        this.octokit = handle.octokit;
    }
    /**
     * All open issues with the label, and closed ones closed at or after `closedSince`.
     * `since` filters on updated_at, not closed_at, so it cannot select by closing time; but an
     * issue closed after T was updated after T, so it is a safe pre-filter for the closed list
     * (which otherwise grows forever), and closed_at is then checked here.
     */
    async listIssues(label, closedSince) {
        const base = { owner: this.owner, repo: this.repo, labels: label, per_page: 100 };
        const open = await this.octokit.paginate(this.octokit.rest.issues.listForRepo, { ...base, state: 'open' });
        const closed = await this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
            ...base,
            state: 'closed',
            since: new Date(Math.max(0, closedSince)).toISOString(),
        });
        return [...open, ...closed]
            .filter((raw) => !raw.pull_request)
            .map((raw) => toTrackedIssue(raw))
            .filter((issue) => issue.state === 'open' || (issue.closedAt !== null && issue.closedAt >= closedSince));
    }
    /**
     * Creates an issue exactly once. A 5xx (or a lost connection) may come after GitHub created it,
     * so before the one retry the newest issues with the label are checked for this body's marker
     * line (the list endpoint is consistent, unlike search).
     */
    async createIssue(issue) {
        try {
            return await this.postIssue(issue);
        }
        catch (error) {
            if (!isServerError(error))
                throw error;
            const existing = await this.findCreated(issue);
            if (existing)
                return existing;
            return this.postIssue(issue);
        }
    }
    async findCreated(issue) {
        const marker = issue.body.trimEnd().split('\n').pop() ?? '';
        if (!marker.startsWith('<!-- log-gardener:') || !issue.labels[0])
            return null;
        const { data } = await this.octokit.rest.issues.listForRepo({
            owner: this.owner,
            repo: this.repo,
            labels: issue.labels[0],
            state: 'open',
            sort: 'created',
            direction: 'desc',
            per_page: 30,
        });
        const found = data.find((raw) => !raw.pull_request && (raw.body ?? '').trimEnd().endsWith(marker));
        return found ? { number: found.number, url: found.html_url } : null;
    }
    async postIssue(issue) {
        const { data } = await this.octokit.rest.issues.create({
            owner: this.owner,
            repo: this.repo,
            title: issue.title,
            body: issue.body,
            labels: issue.labels,
            ...(issue.assignees?.length ? { assignees: issue.assignees } : {}),
            ...NO_RETRY,
        });
        return { number: data.number, url: data.html_url };
    }
    async updateIssue(number, patch) {
        await this.octokit.rest.issues.update({
            owner: this.owner,
            repo: this.repo,
            issue_number: number,
            ...(patch.title !== undefined ? { title: patch.title } : {}),
            ...(patch.body !== undefined ? { body: patch.body } : {}),
            ...(patch.labels !== undefined ? { labels: patch.labels } : {}),
            ...(patch.state !== undefined ? { state: patch.state } : {}),
            ...(patch.stateReason !== undefined ? { state_reason: patch.stateReason } : {}),
        });
    }
    async addComment(number, body) {
        await this.octokit.rest.issues.createComment({
            owner: this.owner,
            repo: this.repo,
            issue_number: number,
            body,
            ...NO_RETRY,
        });
    }
    async ensureLabels(labels) {
        const existing = await this.octokit.paginate(this.octokit.rest.issues.listLabelsForRepo, {
            owner: this.owner,
            repo: this.repo,
            per_page: 100,
        });
        const names = new Set(existing.map((l) => l.name.toLowerCase()));
        for (const label of labels) {
            if (names.has(label.name.toLowerCase()))
                continue;
            try {
                await this.octokit.rest.issues.createLabel({ owner: this.owner, repo: this.repo, ...label });
            }
            catch (error) {
                // 422 already_exists: a concurrent run created it between our list and create.
                if (error.status !== 422)
                    throw error;
            }
            names.add(label.name.toLowerCase());
        }
    }
    requestCount() {
        return this.handle.requests();
    }
    notes() {
        return this.handle.waits();
    }
    /** Write requests sent (POST/PATCH/…), retries included. */
    writeCount() {
        return this.handle.writes();
    }
    async identity() {
        if (this.login !== undefined)
            return this.login;
        try {
            const { data } = await this.octokit.rest.users.getAuthenticated();
            this.login = data.login;
        }
        catch (error) {
            // GITHUB_TOKEN (an installation token) gets 403 "Resource not accessible by integration".
            const status = error.status;
            if (status !== 403)
                throw error;
            this.login = ACTIONS_BOT;
        }
        return this.login;
    }
}
function createGitHubIssues(config, log, timing) {
    return new GitHubIssues(createOctokit({ token: config.token, apiUrl: config.apiUrl }, log, timing), config.owner, config.repo);
}

;// CONCATENATED MODULE: ./src/core/prioritize/default-rules.ts
/** A regex source that matches when the text has both a dependency and a failure word. */
function both(a, b) {
    return `^(?=[\\s\\S]*(?:${a}))(?=[\\s\\S]*(?:${b}))`;
}
const DEPENDENCY = 'database|postgres|psql|pgx|mysql|cloud ?sql|sqlalchemy|jdbc|\\bdb\\b|redis|memcache|pub/?sub|spanner|firestore|mongo|' +
    ':5432\\b|:6432\\b|:3306\\b|:6379\\b|connection pool|auth(?:entication)?[ -](?:service|server|provider)|oauth|identity provider';
const UNREACHABLE = 'timed? ?out|timeout|refused|ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|unreachable|no route to host|' +
    "(?:could not|couldn't|can't|cannot|unable to|failed to) connect|connection reset|too many connections|" +
    'remaining connection slots|dial error|deadline exceeded|name resolution|getaddrinfo';
const ROLLBACK = 'Roll traffic back to the last good revision: `gcloud run services update-traffic SERVICE --to-revisions=REVISION=100`.';
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
        id: 'noise-successful-requests',
        match: { kind: 'request', status: [100, 399] },
        priority: 'ignore',
        reason: 'successful requests are not a problem',
        likelyCauses: [],
        recommendedActions: [],
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
        priority: 'P0',
        reason: 'containers exit again and again: the service is in a crash loop',
        likelyCauses: [
            'The process exits during startup on every new instance (see the startup error cluster).',
            'A required secret, env var or dependency is missing.',
        ],
        recommendedActions: [ROLLBACK, 'Read the stderr lines just before each exit to find the fatal error.'],
        escalate: true,
    },
    {
        id: 'dependency-down',
        match: { message: both(DEPENDENCY, UNREACHABLE) },
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
        id: 'request-5xx',
        match: { kind: 'request', status: [500, 599] },
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
        match: { kind: 'exception', severity: 'ERROR' },
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
        id: 'instance-start-failure',
        match: {
            message: 'STARTUP (?:TCP|HTTP|GRPC) probe failed|instance was not started|HTTP response was malformed or connection to the instance had an error|' +
                'Ready condition status changed to False|Container called exit\\(',
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
        escalate: true,
    },
    {
        id: 'memory-limit',
        match: { message: 'Memory limit of .* exceeded|out of memory|OOMKilled|JavaScript heap out of memory|MemoryError' },
        priority: 'P2',
        reason: 'instances are killed for exceeding the memory limit',
        likelyCauses: [
            'A memory leak or an unbounded cache/buffer.',
            'The memory limit is too low for the concurrency setting.',
        ],
        recommendedActions: ['Raise the memory limit or lower concurrency; take a heap profile of a busy instance.'],
        escalate: true,
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
        escalate: true,
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
                if (SEVERITIES.includes(upper))
                    match[key] = upper;
                else
                    fail(at, `${show(v)} is not one of ${SEVERITIES.join(', ')}`);
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
    const redact = (text) => redactText(text, options);
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
const STRICT_RULES = SECRET_RULES.filter((rule) => rule.strict);
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
        for (const { start } of findSecretSpans(rule, shown)) {
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

;// CONCATENATED MODULE: ./src/core/cluster/aggregate.ts

const MINUTE = 60_000;
/** Caps on per-group sets: enough to report, bounded so memory stays flat on hostile input. */
const MAX_DISTINCT = 50;
const MAX_INSTANCES = 10_000;
const MAX_SAMPLES = 3;
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
                firstSeen: record.timestamp,
                lastSeen: record.timestamp,
                perMinute: new Map(),
                samples: [],
                insertIds: [],
                last: { service: '', revision: '', instance: '', codeLocation: '', route: '', status: -1 },
            };
            this.groups.set(key, group);
        }
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
        if (record.timestamp < group.firstSeen)
            group.firstSeen = record.timestamp;
        if (record.timestamp > group.lastSeen)
            group.lastSeen = record.timestamp;
        const minute = record.timestamp - (record.timestamp % MINUTE);
        group.perMinute.set(minute, (group.perMinute.get(minute) ?? 0) + 1);
        group.insertIds.push(record.insertId);
        keepSample(group.samples, record);
    }
    /** Merges groups that share a fingerprint into clusters, counts scaled by the sample fraction. */
    build(identities, totalAnalysed, sampleFraction) {
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
        const clusters = [...byFingerprint.values()].map(({ identity, groups }) => toCluster(identity, groups, totalAnalysed, scale));
        return clusters.sort((a, b) => b.count - a.count || a.fingerprint.localeCompare(b.fingerprint));
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
    const severity = Object.keys(severityCounts).reduce((max, s) => (severityRank(s) > severityRank(max) ? s : max), 'DEFAULT');
    const scaled = Math.round(count * scale);
    for (const [minute, n] of perMinute)
        perMinute.set(minute, Math.round(n));
    return {
        ...identity,
        count: scaled,
        estimated: scale !== 1,
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
}

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
function tokenizeMasked(message, maxTokens = MAX_TOKENS) {
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
            break;
        }
        const start = i;
        while (i < n && message.charCodeAt(i) > 32)
            i++;
        i = extendQuotedValue(message, start, i);
        const raw = message.slice(start, i);
        const previousVariable = out.length > 0 && out[out.length - 1] === VARIABLE;
        if (previousVariable && isUnit(raw))
            continue;
        out.push(maskToken(raw));
    }
    return out;
}
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
    const cleanFile = file.replace(/^file:\/\//, '');
    return { fn, file: cleanFile, inApp: !isLibraryLocation(fn, cleanFile) };
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
    for (const line of lines) {
        const m = PY_FRAME.exec(line);
        if (m) {
            frames.push(stack_trace_frame(m[2] ?? '', m[1]));
            continue;
        }
        // The exception line is the last unindented "Type: message" (or bare "Type") line.
        if (line.length > 0 &&
            line.charCodeAt(0) > 32 &&
            !line.startsWith('Traceback') &&
            !line.startsWith('During handling') &&
            !line.startsWith('The above exception')) {
            const split = splitTypePrefix(line);
            if (split)
                [errorType, errorMessage] = split;
            else if (/^[A-Za-z_][\w.]*$/.test(line.trim()))
                [errorType, errorMessage] = [line.trim(), ''];
        }
    }
    return { language: 'python', errorType, errorMessage, causes: [], frames };
}
function parseJava(lines) {
    const frames = [];
    const causes = [];
    let errorType = '';
    let errorMessage = '';
    for (const line of lines) {
        const m = JAVA_FRAME.exec(line);
        if (m) {
            const file = m[3].replace(/:\d+$/, '');
            frames.push(stack_trace_frame(`${m[1]}.${m[2]}`, file === 'Unknown Source' || file === 'Native Method' ? m[1] : file));
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
            if (split)
                [errorType, errorMessage] = split;
            else if (/^[A-Za-z_$][\w$.]*$/.test(head))
                errorType = head;
        }
    }
    return { language: 'java', errorType, errorMessage, causes, frames };
}
function parseNode(lines) {
    const frames = [];
    let errorType = '';
    let errorMessage = '';
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
        if (errorType === '' && line.trim().length > 0) {
            const split = splitTypePrefix(line.trim());
            if (split)
                [errorType, errorMessage] = split;
        }
    }
    return { language: 'node', errorType, errorMessage, causes: [], frames };
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

;// CONCATENATED MODULE: ./src/core/cluster/cluster-exception.ts


const MAX_FRAMES = 12;
const TITLE_MAX = 160;
/** `java.lang.IllegalStateException` → `IllegalStateException`: structured payloads often log the short name. */
function shortTypeName(type) {
    const dot = type.lastIndexOf('.');
    return dot >= 0 ? type.slice(dot + 1) : type;
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
function cluster_exception_truncate(text, max) {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
function deriveExceptionKey(record) {
    const parsed = record.stack ? parseStackTrace(record.stack) : null;
    let message = firstLine(record.message);
    // A message that is just the traceback's header carries no information; use the trace's line.
    if ((message === '' || message.startsWith('Traceback (most recent call last)')) && parsed) {
        message =
            parsed.errorType && parsed.errorMessage ? `${parsed.errorType}: ${parsed.errorMessage}` : parsed.errorMessage;
    }
    let type = record.errorType.trim();
    if (type === '' && parsed && parsed.errorType)
        type = parsed.errorType;
    if (type === '') {
        const split = splitTypePrefix(message);
        if (split)
            type = split[0];
    }
    const body = stripTypePrefix(message, type);
    const maskedMessage = maskText(body, 40);
    const frames = parsed ? parsed.frames : [];
    // Python prints the innermost frame last; others print it first. Key innermost-first.
    const ordered = parsed?.language === 'python' ? frames.slice().reverse() : frames;
    let chosen = ordered.filter((f) => f.inApp);
    // All-library traces still need a location: the frame that raised.
    if (chosen.length === 0 && ordered.length > 0)
        chosen = [ordered[0]];
    const described = [];
    for (const f of chosen) {
        const d = describeFrame(f);
        if (described[described.length - 1] !== d)
            described.push(d);
        if (described.length === MAX_FRAMES)
            break;
    }
    const shortType = shortTypeName(type) || 'Error';
    const causes = parsed?.causes.map(shortTypeName) ?? [];
    const canonical = [shortType, maskedMessage, causes.join('<'), ...described].join('\n');
    const where = chosen[0] ? ` in ${chosen[0].file.replace(/^\/+/, '')}` : '';
    const title = cluster_exception_truncate(`${shortType}: ${maskedMessage}`, TITLE_MAX - where.length) + where;
    const grouping = `exception: type ${shortType}, message template "${cluster_exception_truncate(maskedMessage, 200)}"` +
        (causes.length ? `, caused by ${causes.join(' < ')}` : '') +
        (described.length ? `, in-app frames: ${described.join(' ← ')}` : ', no stack frames');
    return { canonical, errorType: type || shortType, message: maskedMessage, frames: described, title, grouping };
}

;// CONCATENATED MODULE: ./src/core/cluster/fingerprint.ts
/**
 * Versioned, window-independent fingerprints (DESIGN §4). The hash is FNV-1a 64 over the
 * canonical key of a cluster (never over ids, counts or first-seen order), computed with two
 * 32-bit halves so it needs no BigInt and no Node API.
 */
/** Bump when the grouping algorithm changes what a fingerprint means. */
const FINGERPRINT_VERSION = 'v1';
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

;// CONCATENATED MODULE: ./src/core/normalize/route-template.ts
/**
 * Route templating for request logs: `/api/orders/8c1f…/items/42` → `/api/orders/{id}/items/{id}`.
 * A segment is an id when it is a number, a UUID, hex, an e-mail, a long opaque token, or any
 * other segment with a digit — except short version-like words (`v1`, `v2beta1`, `oauth2`, `s3`),
 * which name an API, not a record.
 */
const ID = '{id}';
function route_template_isDigit(c) {
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
    while (i < segment.length && route_template_isDigit(segment.charCodeAt(i))) {
        i++;
        digits++;
    }
    if (digits === 0 || digits > 2)
        return false;
    while (i < segment.length && isLetter(segment.charCodeAt(i)))
        i++;
    while (i < segment.length && route_template_isDigit(segment.charCodeAt(i)))
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
        else if (!(route_template_isDigit(c) || c === 45 || c === 95 || c === 46 || c === 126))
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
        if (route_template_isDigit(segment.charCodeAt(i))) {
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
        const tokens = tokenizeMasked(message);
        const masked = tokens.join(' ');
        let id = this.idsByMasked.get(masked);
        if (id === undefined) {
            id = this.tokens.length;
            this.idsByMasked.set(masked, id);
            this.tokens.push(tokens);
            this.counts.push(0);
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
            const resolved = { template, canonical: template };
            for (const member of g.members)
                out[member] = resolved;
        }
        return out;
    }
}

;// CONCATENATED MODULE: ./src/core/cluster/cluster.ts





const KIND_SHORT = { exception: 'exc', request: 'req', message: 'msg' };
const KIND_RANK = { exception: 3, request: 2, message: 1 };
const EXCEPTION_CACHE_MAX = 4096;
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
    const rules = compileRules(options.grouping);
    const miner = new TemplateMiner();
    /** Identity per exception / request key ('e…', 'r…'), fixed when first seen (it depends only on the key). */
    const fixed = new Map();
    const keyByCanonical = new Map();
    let exceptionCache = new Map();
    /** Merge rules: kind seen, by rule index. */
    const mergeKinds = new Map();
    /** Split keys → base key, rule, value. */
    const splits = new Map();
    /** With rules, the base keys returned as themselves (a split base may never be). */
    const direct = new Set();
    function internFixed(kind, canonical, build) {
        const full = `${kind}\n${canonical}`;
        let key = keyByCanonical.get(full);
        if (key === undefined) {
            key = `${kind[0]}${keyByCanonical.size}`;
            keyByCanonical.set(full, key);
            fixed.set(key, { fingerprint: makeFingerprint(KIND_SHORT[kind], canonical), kind, ...build() });
        }
        return key;
    }
    function exceptionKey(record) {
        const cacheable = record.stack.length + record.message.length < 16384;
        const cacheKey = cacheable ? `${record.errorType}\u0000${record.message}\u0000${record.stack}` : '';
        if (cacheable) {
            const hit = exceptionCache.get(cacheKey);
            if (hit !== undefined)
                return hit;
        }
        const ex = deriveExceptionKey(record);
        const key = internFixed('exception', ex.canonical, () => ({
            template: ex.message,
            title: ex.title,
            grouping: ex.grouping,
            errorType: ex.errorType,
            frames: ex.frames,
        }));
        if (cacheable) {
            if (exceptionCache.size >= EXCEPTION_CACHE_MAX)
                exceptionCache = new Map();
            exceptionCache.set(cacheKey, key);
        }
        return key;
    }
    /**
     * Server errors (5xx, no response) group by service and exact status, every route together:
     * an outage answers 502 on every route, and that is one problem for whoever is on call, not
     * one issue per route (the routes are listed in the cluster). Client errors and the rest stay
     * per method and route: a broken link or a health-check 404 is about that route.
     */
    function requestKey(record) {
        const http = record.http;
        const status = statusKey(http.status);
        if (http.status >= 500 || http.status <= 0) {
            const text = http.status <= 0
                ? 'no response'
                : `HTTP ${http.status}${STATUS_TEXT[http.status] ? ` ${STATUS_TEXT[http.status]}` : ''}`;
            return internFixed('request', `${record.service}\n*\n*\n${status}`, () => ({
                template: text,
                title: `${text} on requests`,
                grouping: `request: service "${record.service}", status ${status}, all routes together (server errors; the routes are listed)`,
                status: http.status > 0 ? http.status : undefined,
            }));
        }
        const method = (http.method || 'GET').toUpperCase();
        const route = templateRoute(http.path || http.url || '/');
        const canonical = `${record.service}\n${method}\n${route}\n${status}`;
        return internFixed('request', canonical, () => ({
            template: `${method} ${route}`,
            // The service is not in the title: the issue title and every table name it already.
            title: `${method} ${route} → ${status === 'no-response' ? 'no response' : status}`,
            grouping: `request: service "${record.service}", method ${method}, route template ${route}, status ${status} (4xx exact, others by class)`,
            route,
            method,
            status: http.status >= 400 ? http.status : undefined,
        }));
    }
    function baseKey(record, kind) {
        if (kind === 'exception')
            return exceptionKey(record);
        if (kind === 'request')
            return requestKey(record);
        return `m${miner.add(record.message)}`;
    }
    function matchingRule(record) {
        if (rules.length === 0)
            return undefined;
        const text = record.stack ? `${record.message}\n${record.stack}` : record.message;
        const bounded = text.length > RULE_TEXT_MAX ? text.slice(0, RULE_TEXT_MAX) : text;
        return rules.find((r) => r.pattern.test(bounded));
    }
    function add(record) {
        const kind = classifyRecord(record);
        const rule = matchingRule(record);
        if (rule?.rule.fingerprint !== undefined) {
            const seen = mergeKinds.get(rule.index);
            if (seen === undefined || KIND_RANK[kind] > KIND_RANK[seen])
                mergeKinds.set(rule.index, kind);
            return `u${rule.index}`;
        }
        const base = baseKey(record, kind);
        if (rule?.rule.splitBy) {
            const value = splitValue(record, rule.rule.splitBy);
            const key = `${base}|${rule.index}|${value}`;
            if (!splits.has(key))
                splits.set(key, { base, rule, value });
            return key;
        }
        if (rules.length > 0)
            direct.add(base);
        return base;
    }
    function finish() {
        const out = new Map(fixed);
        const mined = miner.finish();
        for (let id = 0; id < mined.length; id++) {
            const m = mined[id];
            out.set(`m${id}`, {
                fingerprint: makeFingerprint('msg', m.canonical),
                kind: 'message',
                template: m.template,
                title: m.template.length > 160 ? `${m.template.slice(0, 159)}…` : m.template || '(empty message)',
                grouping: `message: masked template "${m.template.slice(0, 300)}" (numbers, ids, hex, IPs, key=value values masked; variable positions found across all entries)`,
            });
        }
        for (const [index, kind] of mergeKinds) {
            const rule = rules[index].rule;
            const name = rule.fingerprint;
            out.set(`u${index}`, {
                fingerprint: `${FINGERPRINT_VERSION}:usr:${slug(name)}`,
                kind,
                template: `/${rule.match}/`,
                title: rule.title || humanize(name),
                grouping: `grouping rule #${index + 1}: every entry matching /${rule.match}/ is merged under fingerprint "${name}"`,
            });
        }
        for (const [key, s] of splits) {
            const base = out.get(s.base);
            const field = s.rule.rule.splitBy;
            out.set(key, {
                ...base,
                fingerprint: makeFingerprint(KIND_SHORT[base.kind], `${base.fingerprint}\n${field}=${s.value}`),
                title: `${base.title} [${field}: ${s.value || 'none'}]`,
                grouping: `${base.grouping}; split by ${field} = "${s.value}" (grouping rule #${s.rule.index + 1})`,
            });
        }
        // A split's base key that no record got directly must not show up as an empty cluster.
        for (const s of splits.values())
            if (!direct.has(s.base))
                out.delete(s.base);
        return out;
    }
    return { add, finish };
}

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
/**
 * The base query narrowed to one cluster: its services, and one distinctive text of it — the
 * exception type when known, else the longest constant token of the template — searched in all
 * fields (a bare quoted string in the query language). A request cluster narrows by status and
 * route instead. The result may show a few neighbours of the cluster: it is for a human to look at,
 * never for counting.
 */
function clusterLogsQuery(baseFilter, cluster) {
    const clauses = [baseFilter.trim()];
    const services = cluster.services ?? [];
    if (services.length === 1)
        clauses.push(`resource.labels.service_name=${quote(services[0])}`);
    if (services.length > 1)
        clauses.push(`resource.labels.service_name=(${services.map(quote).join(' OR ')})`);
    if (cluster.status !== undefined && cluster.status > 0) {
        clauses.push(`httpRequest.status=${cluster.status}`);
        const path = constantRoutePrefix(cluster.route ?? '');
        if (path)
            clauses.push(`httpRequest.requestUrl:${quote(path)}`);
        return clauses.filter(Boolean).join('\n');
    }
    const text = cluster.errorType?.trim() || longestConstantToken(cluster.template);
    if (text)
        clauses.push(quote(text));
    return clauses.filter(Boolean).join('\n');
}
/**
 * Longest run of words in the template without a placeholder. Masked parts look like `<*>`,
 * `<NUM>`, `{id}` or `*`; a token containing any of `<>{}*` is variable.
 */
function longestConstantToken(template) {
    let best = '';
    for (const line of template.split('\n')) {
        let run = [];
        for (const word of line.split(/\s+/)) {
            if (word === '' || /[<>{}*]/.test(word)) {
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
 *   window (or an overlapping one) adds nothing twice.
 * The marker version (`v1`) is separate from the fingerprint version: it versions this format.
 */
const MARKER_VERSION = 'v1';
/** Enough history to de-duplicate overlapping and re-run windows without growing the body. */
const MAX_WINDOWS = 24;
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
    return {
        fp: r.fp,
        first: r.first,
        last: r.last,
        total: r.total,
        lastCount: r.lastCount,
        p: r.p,
        svc: r.svc,
        windows: mergeWindows(windows),
    };
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

;// CONCATENATED MODULE: ./src/core/normalize/clean-text.ts
/** Lone surrogates (from `\ud800` escapes) and zero-width characters, in one cheap test. */
const UNCLEAN = /[\u200b-\u200d\u2060\ufeff\ud800-\udfff]/;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
/**
 * Log text made safe to handle: a lone surrogate would make encodeURIComponent throw further on
 * (Logs Explorer links), and zero-width characters can hide a token from redaction while GitHub
 * still shows it whole. Valid surrogate pairs (emoji) pass the test only to be kept as they are.
 */
function clean_text_cleanText(text) {
    if (!UNCLEAN.test(text))
        return text;
    return text.replace(ZERO_WIDTH, '').toWellFormed();
}

;// CONCATENATED MODULE: ./src/core/normalize/normalize-http.ts
/** LogEntry.httpRequest → HttpInfo. */

/** Returns undefined when there is no usable request (no method and no URL). */
function readHttpRequest(raw) {
    if (raw === null || typeof raw !== 'object')
        return undefined;
    const req = raw;
    const method = typeof req.requestMethod === 'string' ? clean_text_cleanText(req.requestMethod) : '';
    const url = typeof req.requestUrl === 'string' ? clean_text_cleanText(req.requestUrl) : '';
    if (method === '' && url === '')
        return undefined;
    const info = { method, url, path: extractPath(url), status: readStatus(req.status) };
    const latencyMs = parseLatency(req.latency);
    if (latencyMs !== undefined)
        info.latencyMs = latencyMs;
    if (typeof req.userAgent === 'string')
        info.userAgent = clean_text_cleanText(req.userAgent);
    return info;
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

;// CONCATENATED MODULE: ./src/core/normalize/normalize-trace.ts
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
    if (trimmed.indexOf(PYTHON_HEADER) >= 0) {
        return { message: findPythonSummary(trimmed), stack: trimmed };
    }
    const panicAt = findLineStartingWith(trimmed, 'panic: ');
    if (panicAt >= 0)
        return { message: lineAt(trimmed, panicAt), stack: trimmed };
    const frameAt = findFirstFrameLine(trimmed);
    if (frameAt >= 0)
        return { message: findLineBefore(trimmed, frameAt), stack: trimmed };
    if (trimmed.indexOf('\ngoroutine ') >= 0 || trimmed.startsWith('goroutine ')) {
        return { message: lineAt(trimmed, 0), stack: trimmed };
    }
    return { message: trimmed, stack: '' };
}
/** True when a stack-trace-looking text was given (used to infer a missing severity). */
function looksLikeError(text) {
    return (text.indexOf(PYTHON_HEADER) >= 0 ||
        text.indexOf('Exception') >= 0 ||
        text.indexOf('Error:') >= 0 ||
        text.indexOf('panic:') >= 0 ||
        text.indexOf('FATAL') >= 0 ||
        text.indexOf('Fatal error') >= 0 ||
        text.indexOf('\n    at ') >= 0 ||
        text.indexOf('\n\tat ') >= 0 ||
        /\bERROR\b/.test(text.length > 200 ? text.slice(0, 200) : text));
}
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
function findFirstFrameLine(text) {
    let best = -1;
    for (const marker of ['\n    at ', '\n\tat ', '\n   at ']) {
        const at = text.indexOf(marker);
        if (at >= 0 && (best < 0 || at < best))
            best = at;
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

;// CONCATENATED MODULE: ./src/core/normalize/normalize-payload.ts
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
    const { message, stack } = summarizeText(text);
    return { message, stack, errorType: '', level: '', structuredError: false };
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
        const error = asDict(value);
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
                message = summarizeText(errorStack).message;
            break;
        }
        if (typeof value === 'string' && value !== '' && key !== 'exception') {
            message = message === '' ? value : message.indexOf(value) >= 0 ? message : `${message}: ${value}`;
            break;
        }
    }
    if (message.indexOf('\n') >= 0) {
        const summary = summarizeText(message);
        if (summary.stack !== '') {
            message = summary.message;
            stack ||= summary.stack;
        }
    }
    if (message === '' && stack !== '')
        message = summarizeText(stack).message;
    if (message === '')
        message = renderFields(payload);
    const level = readLevel(payload);
    return { message, stack, errorType, level, structuredError };
}
/** Audit logs (AuditLog) and App Engine request logs (RequestLog). */
function readProtoPayload(payload) {
    const lines = payload.line;
    if (Array.isArray(lines) && lines.length > 0) {
        const first = asDict(lines[0]);
        const text = first && typeof first.logMessage === 'string' ? first.logMessage : '';
        if (text !== '')
            return readTextPayload(text);
    }
    const method = typeof payload.methodName === 'string' ? payload.methodName : '';
    const resource = typeof payload.resourceName === 'string' ? payload.resourceName : '';
    const service = typeof payload.serviceName === 'string' ? payload.serviceName : '';
    const status = asDict(payload.status);
    const statusMessage = status && typeof status.message === 'string' ? status.message : '';
    const subject = method || service || (typeof payload['@type'] === 'string' ? payload['@type'] : 'protoPayload');
    const message = statusMessage !== '' ? `${subject}: ${statusMessage}` : resource !== '' ? `${subject} ${resource}` : subject;
    return { message, stack: '', errorType: '', level: '', structuredError: false };
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
/** A payload without any message field: `key=value` of its scalar fields, capped. */
function renderFields(payload) {
    let out = '';
    for (const key in payload) {
        const value = payload[key];
        if (value === null || typeof value === 'object')
            continue;
        out += (out === '' ? '' : ' ') + key + '=' + String(value);
        if (out.length > 300)
            return out.slice(0, 300);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/core/normalize/normalize-resource.ts
/** Where an entry came from: monitored resource labels and entry labels → service / revision / instance. */
function str(value) {
    return typeof value === 'string' ? value : '';
}
function normalize_resource_asDict(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
/**
 * Reads the resource per monitored-resource type
 * (https://cloud.google.com/logging/docs/api/v2/resource-list).
 * Cloud Run puts the instance id in the entry's `labels.instanceId`.
 */
function readResource(resource, entryLabels) {
    const res = normalize_resource_asDict(resource);
    const labels = normalize_resource_asDict(res?.labels) ?? {};
    const entry = normalize_resource_asDict(entryLabels) ?? {};
    const resourceType = str(res?.type);
    let service = '';
    let revision = '';
    let instance = str(entry.instanceId) || str(entry['run.googleapis.com/instanceId']);
    switch (resourceType) {
        case 'cloud_run_revision':
            service = str(labels.service_name);
            revision = str(labels.revision_name);
            break;
        case 'cloud_run_job':
            service = str(labels.job_name);
            revision = str(entry['run.googleapis.com/execution_name']);
            break;
        case 'k8s_container':
        case 'k8s_pod':
            service = str(labels.container_name) || str(entry['k8s-pod/app']) || str(labels.pod_name);
            revision = str(labels.pod_name);
            instance ||= str(labels.pod_name);
            break;
        case 'cloud_function':
            service = str(labels.function_name);
            instance ||= str(entry.instance_id) || str(entry.execution_id);
            break;
        case 'gae_app':
            service = str(labels.module_id);
            revision = str(labels.version_id);
            instance ||= str(entry['appengine.googleapis.com/instance_name']);
            break;
        case 'gce_instance':
            service = str(entry['compute.googleapis.com/resource_name']) || str(labels.instance_id);
            instance ||= str(labels.instance_id);
            break;
        default:
            service =
                str(labels.service_name) ||
                    str(labels.service) ||
                    str(labels.function_name) ||
                    str(labels.job_name) ||
                    str(labels.container_name) ||
                    str(labels.module_id);
            revision = str(labels.revision_name) || str(labels.version_id) || str(labels.version);
    }
    return { resourceType, service: service || resourceType, revision, instance };
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
        return id;
    try {
        return decodeURIComponent(id);
    }
    catch {
        return id;
    }
}

;// CONCATENATED MODULE: ./src/core/normalize/normalize.ts
/**
 * One raw Cloud Logging LogEntry (as `gcloud logging read --format=json` prints it, or as the
 * REST API returns it) → LogRecord. Never throws: malformed fields are ignored, and an entry
 * that cannot be placed in time is skipped with a reason. Hot path (a million entries):
 * no regex over whole payloads, no intermediate objects beyond the record itself.
 */






const EMPTY_PAYLOAD = { message: '', stack: '', errorType: '', level: '', structuredError: false };
function normalizeEntry(raw) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        return { skip: 'not an object' };
    const entry = raw;
    const timestamp = parseTimestamp(entry.timestamp) ?? parseTimestamp(entry.receiveTimestamp);
    if (timestamp === undefined)
        return { skip: 'no timestamp' };
    const payload = readPayload(entry);
    const http = readHttpRequest(entry.httpRequest);
    const logName = shortLogName(entry.logName);
    const resource = readResource(entry.resource, entry.labels);
    let severity = parseSeverity(entry.severity, false);
    let severityInferred = false;
    if (severity === 'DEFAULT') {
        const level = payload.level === '' ? 'DEFAULT' : parseSeverity(payload.level, true);
        if (level !== 'DEFAULT') {
            severity = level;
        }
        else if (isErrorWithoutSeverity(logName, payload)) {
            // Runtimes write tracebacks to stderr with no severity; they are errors all the same.
            severity = 'ERROR';
            severityInferred = true;
        }
    }
    let message = clean_text_cleanText(payload.message);
    if (message === '' && http)
        message = `${http.method} ${http.path} ${http.status}`;
    const insertId = typeof entry.insertId === 'string' && entry.insertId !== ''
        ? entry.insertId
        : syntheticInsertId(timestamp, logName, resource.service, message, payload.stack);
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
        stack: clean_text_cleanText(payload.stack),
        errorType: clean_text_cleanText(payload.errorType),
        sourceLocation: readSourceLocation(entry.sourceLocation, entry.jsonPayload),
    };
    if (http)
        record.http = http;
    return record;
}
function isSkip(result) {
    return result.skip !== undefined;
}
function readPayload(entry) {
    if (typeof entry.textPayload === 'string')
        return readTextPayload(entry.textPayload);
    const json = entry.jsonPayload;
    if (json !== null && typeof json === 'object' && !Array.isArray(json))
        return readJsonPayload(json);
    const proto = entry.protoPayload;
    if (proto !== null && typeof proto === 'object' && !Array.isArray(proto))
        return readProtoPayload(proto);
    return EMPTY_PAYLOAD;
}
function isErrorWithoutSeverity(logName, payload) {
    if (payload.structuredError)
        return true;
    if (!logName.endsWith('stderr'))
        return false;
    return payload.stack !== '' || looksLikeError(payload.message);
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
        while (at < length && normalize_isDigit(text.charCodeAt(at)))
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
function normalize_isDigit(code) {
    return code >= 48 && code <= 57;
}
/** The decimal number in text[from, from + count), or -1 when a character is not a digit. */
function digits(text, from, count) {
    let n = 0;
    for (let i = from; i < from + count; i++) {
        const code = text.charCodeAt(i);
        if (!normalize_isDigit(code))
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

;// CONCATENATED MODULE: ./src/core/markdown/format.ts


const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** 14203 → `14,203`. */
function formatCount(n) {
    return NUMBER.format(n);
}
/** A cluster count, `≈` in front when scaled up from a sample. */
function formatClusterCount(cluster) {
    return `${cluster.estimated ? '≈' : ''}${formatCount(cluster.count)}`;
}
/** 0.1234 → `12.3%`; tiny non-zero shares stay visible as `<0.1%`. */
function formatShare(fraction) {
    if (fraction > 0 && fraction < 0.001)
        return '<0.1%';
    return `${(fraction * 100).toFixed(1)}%`;
}
/** `2026-11-30T09:00:00Z` (ISO, UTC, no milliseconds unless they matter). */
function formatIso(ms) {
    const iso = new Date(ms).toISOString();
    return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
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
/** `1 h`, `1 h 30 min`, `2 d 3 h`, `45 s`. */
function formatDuration(ms) {
    const totalSeconds = Math.max(0, Math.round(ms / 1000));
    if (totalSeconds < 60)
        return `${totalSeconds} s`;
    const minutes = Math.round(totalSeconds / 60);
    const d = Math.floor(minutes / 1440);
    const h = Math.floor((minutes % 1440) / 60);
    const m = minutes % 60;
    const parts = [d ? `${d} d` : '', h ? `${h} h` : '', m && !d ? `${m} min` : ''].filter(Boolean);
    return parts.join(' ') || '0 min';
}
/** First/last seen within the window: clock times when the window is one day, else ISO. */
function formatSeen(ms, window) {
    const sameDay = formatIso(window.start).slice(0, 10) === formatIso(window.end).slice(0, 10);
    return sameDay ? formatClock(ms) : `${formatIso(ms).slice(0, 16).replace('T', ' ')} UTC`;
}
/** `3 ERROR · 1 CRITICAL`, highest severity first; `–` when empty. */
function formatSeverityCounts(counts) {
    const parts = [...SEVERITIES]
        .reverse()
        .filter((s) => (counts[s] ?? 0) > 0)
        .map((s) => `${formatCount(counts[s] ?? 0)} ${s}`);
    return parts.length ? parts.join(' · ') : '–';
}
/** A list of log-derived names, inert, with `+N more` past `max`. */
function formatNames(names, max = 5) {
    if (names.length === 0)
        return '–';
    const shown = names.slice(0, max).map((n) => safeText(n, 80));
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
function format_link(label, url) {
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
    const ref = number !== undefined ? format_link(`#${number}`, url) : '';
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

;// CONCATENATED MODULE: ./src/core/issues/issue-format.ts


/** Small formatting helpers shared by the issue title, body and comments. */
/** UTC ISO 8601 to the second: stable, sortable, unambiguous for every reader. */
function formatTime(ms) {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
// Counts are formatted like the worklog's, so an issue and its worklog agree.

function issue_format_formatShare(share) {
    return `${(share * 100).toFixed(share < 0.001 && share > 0 ? 2 : 1)}%`;
}
/** 1209600000 → "14d"; 5400000 → "1h 30m": durations as users write them in inputs. */
function issue_format_formatDuration(ms) {
    const units = [
        ['d', 86_400_000],
        ['h', 3_600_000],
        ['m', 60_000],
        ['s', 1000],
    ];
    const parts = [];
    let rest = Math.max(0, Math.round(ms));
    for (const [unit, size] of units) {
        const n = Math.floor(rest / size);
        if (n > 0 && parts.length < 2)
            parts.push(`${n}${unit}`);
        rest -= n * size;
    }
    return parts.length ? parts.join(' ') : '0s';
}
/**
 * A code block for log-derived text that also cannot forge an issue marker: an HTML comment
 * opener inside a fence is shown literally by GitHub but would still be text a careless
 * parser could pick up, so a WORD JOINER goes between `<!-` and `-`.
 */
function fencedLog(text, language = '') {
    return codeBlock(neutraliseComments(text), language);
}
function neutraliseComments(text) {
    return text.replace(/<!--/g, '<!-\u2060-');
}
/** Plain text for a title (titles are not markdown): one line, no controls, no live references. */
function plainLine(text, maxLength) {
    let s = neutraliseComments(safe_markdown_stripControl(text)).replace(/\s+/g, ' ').trim();
    s = breakReferences(s);
    return [...s].length > maxLength ? `${[...s].slice(0, maxLength - 1).join('')}…` : s;
}
/** Cuts text to at most `max` characters on a line boundary when one is near, marking the cut. */
function excerpt(text, max) {
    if (text.length <= max)
        return text;
    const cut = text.slice(0, max);
    const newline = cut.lastIndexOf('\n');
    const kept = newline > max * 0.6 ? cut.slice(0, newline) : cut;
    return `${kept}\n… (${formatCount(text.length - kept.length)} more characters in the worklog)`;
}
/** A markdown link only for http(s) URLs, with the characters that end a link target encoded. */
function safeLink(label, url) {
    if (!/^https?:\/\//i.test(url))
        return '';
    const target = url.replace(/[\s()<>]/g, (c) => encodeURIComponent(c));
    return `[${label}](${target})`;
}

;// CONCATENATED MODULE: ./src/core/issues/issue-comments.ts


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
                    .map((r) => safeText(r, 200))
                    .join('; ')}`
                : ''}.`;
        case 'volume':
            return `**Volume jump**: ${formatCount(change.current)} occurrences in the latest window, up from ${formatCount(change.previous)} in the previous one.`;
        case 'regression':
            return `**Back after a quiet period**: not seen from ${formatTime(change.quietSince)} until ${formatTime(change.seenAgain)}.`;
        case 'new-service':
            return `**New service affected**: ${change.services
                .slice(0, 10)
                .map((s) => safeText(s, 100))
                .join(', ')}.`;
    }
}
function renderChangeComment(changes, runUrl) {
    return `Log Gardener noticed a change:\n\n${changes.map((c) => `- ${issue_comments_describe(c)}`).join('\n')}\n\nThe issue body has the current counts and timeline.${runLine(runUrl)}`;
}
function renderReopenComment(input) {
    return (`Reopening: this problem was seen again at ${formatTime(input.seenAgain)}, ` +
        `${issue_format_formatDuration(input.seenAgain - input.closedAt)} after this issue was closed (${formatTime(input.closedAt)}), ` +
        `within the reopen window of ${issue_format_formatDuration(input.reopenWindowMs)}. ` +
        `${formatCount(input.count)} occurrences in the latest window.` +
        `\n\nIf it is expected, add the mute label to keep this issue quiet, or close it as "not planned".${runLine(input.runUrl)}`);
}
function renderStaleComment(input) {
    return (`Closing: this problem has not been seen since ${formatTime(input.lastSeen)} ` +
        `(longer than close-after, ${issue_format_formatDuration(input.closeAfterMs)}). ` +
        `If it comes back within ${issue_format_formatDuration(input.reopenWindowMs)}, Log Gardener reopens this issue.${runLine(input.runUrl)}`);
}
function renderDuplicateComment(input) {
    return (`Closing as a duplicate of #${input.original}, which tracks the same problem (same fingerprint) and is older. ` +
        `Two runs probably overlapped; a workflow \`concurrency\` group prevents this.${runLine(input.runUrl)}`);
}

;// CONCATENATED MODULE: ./src/core/issues/issue-timeline.ts

/**
 * A small occurrence timeline for an issue body: at most MAX_COLUMNS buckets across the run's
 * window, as a two-row table (renders everywhere, unlike images) and a sparkline.
 */
const MAX_COLUMNS = 12;
const BUCKET_MINUTES = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];
const SPARKS = '▁▂▃▄▅▆▇█';
const issue_timeline_MINUTE = 60_000;
function chooseBucketMinutes(spanMs) {
    const minutes = Math.max(1, Math.ceil(spanMs / issue_timeline_MINUTE));
    return (BUCKET_MINUTES.find((size) => Math.ceil(minutes / size) <= MAX_COLUMNS) ?? BUCKET_MINUTES[BUCKET_MINUTES.length - 1]);
}
function bucketTimeline(perMinute, window) {
    const size = chooseBucketMinutes(window.end - window.start) * issue_timeline_MINUTE;
    const first = Math.floor(window.start / size) * size;
    const buckets = [];
    for (let start = first; start < window.end && buckets.length < MAX_COLUMNS + 1; start += size) {
        buckets.push({ start, count: 0 });
    }
    for (const [minute, n] of perMinute) {
        const index = Math.floor((minute - first) / size);
        if (index >= 0 && index < buckets.length)
            buckets[index].count += n;
    }
    return buckets;
}
function bucketLabel(start, longSpan) {
    const iso = new Date(start).toISOString();
    return longSpan ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}
function sparkline(counts) {
    const max = Math.max(0, ...counts);
    return counts
        .map((n) => max === 0 || n === 0 ? '·' : SPARKS[Math.min(SPARKS.length - 1, Math.floor((n / max) * (SPARKS.length - 1)))])
        .join('');
}
function renderTimeline(perMinute, window) {
    const buckets = bucketTimeline(perMinute, window);
    if (buckets.length === 0)
        return '';
    const size = chooseBucketMinutes(window.end - window.start);
    const longSpan = window.end - window.start > 86_400_000;
    const header = `| UTC (${size}-minute buckets) | ${buckets.map((b) => bucketLabel(b.start, longSpan)).join(' | ')} |`;
    const align = `|---|${buckets.map(() => '---:').join('|')}|`;
    const row = `| occurrences | ${buckets.map((b) => formatCount(b.count)).join(' | ')} |`;
    return `${header}\n${align}\n${row}\n\nTrend: \`${sparkline(buckets.map((b) => b.count))}\``;
}

;// CONCATENATED MODULE: ./src/core/issues/issue-text.ts




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
    const shown = items.slice(0, max).map((item) => safeText(item, 120));
    return items.length > max ? `${shown.join(', ')} (+${items.length - max})` : shown.join(', ');
}
function summaryTable(input, budget) {
    const { cluster, state, window } = input;
    const why = cluster.reasons.length
        ? ` — ${cluster.reasons
            .slice(0, Math.max(1, budget.listItems))
            .map((r) => safeText(r, 200))
            .join('; ')}`
        : '';
    const estimated = cluster.estimated ? ' (estimated from a sample)' : '';
    const method = (route) => cluster.method && route === cluster.route ? `${cluster.method} ${route}` : route;
    const rows = [
        ['Priority', `**${cluster.priority}**${why}`],
        [
            'Occurrences',
            `${formatCount(cluster.count)} in the latest window${estimated}; ${formatCount(state.total)} since first seen`,
        ],
        ['Share', `${issue_format_formatShare(cluster.share)} of analysed entries in the window`],
        ['Severity', safeText(cluster.severity)],
        ['Services', joinLimited(cluster.services, Math.max(1, budget.listItems))],
        ['Routes', joinLimited(cluster.routes.map(method), Math.max(1, budget.listItems))],
        ['Revisions', joinLimited(cluster.revisions, Math.max(1, budget.listItems))],
        ['First seen', formatTime(state.first)],
        ['Last seen', formatTime(state.last)],
        ['Latest window', `${formatTime(window.start)} – ${formatTime(window.end)}`],
    ];
    if (cluster.statuses.length)
        rows.splice(6, 0, ['HTTP statuses', cluster.statuses.join(', ')]);
    return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}
function renderSample(sample, max) {
    const where = [sample.service, sample.revision].filter(Boolean).join(' / ');
    const head = `${formatTime(sample.timestamp)} · ${sample.severity}${where ? ` · ${where}` : ''}`;
    const text = sample.stack ? `${sample.message}\n${sample.stack}` : sample.message;
    return `${safeText(head, 200)}\n\n${fencedLog(excerpt(text, max))}`;
}
function renderWithBudget(input, budget) {
    const { cluster, state } = input;
    const parts = [];
    if (input.previous) {
        const closed = input.previous.closedAt === null ? '' : ` (closed ${formatTime(input.previous.closedAt)})`;
        parts.push(`> [!NOTE]\n> This problem was tracked before in #${input.previous.number}${closed}. It came back after the reopen window, so this is a new issue.`);
    }
    parts.push('### Summary', summaryTable(input, budget));
    if (budget.templateChars > 0)
        parts.push('### Key pattern', fencedLog(excerpt(cluster.template, budget.templateChars), 'text'));
    if (cluster.codeLocations.length && budget.listItems > 0) {
        parts.push('### Code locations', list(cluster.codeLocations, budget.listItems, (loc) => inlineCode(loc, 200)));
    }
    if (cluster.likelyCauses.length && budget.listItems > 0) {
        parts.push('### Likely causes', list(cluster.likelyCauses, budget.listItems, (c) => safeText(c, 500)));
    }
    if (cluster.recommendedActions.length && budget.listItems > 0) {
        parts.push('### Recommended actions', list(cluster.recommendedActions, budget.listItems, (a) => safeText(a, 500)));
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
    parts.push('### How it was grouped', `${safeText(cluster.grouping, 500)}\n\nFingerprint: ${inlineCode(cluster.fingerprint, 200)} (${cluster.kind})`);
    const run = safeLink('the workflow run', input.runUrl);
    const footer = run
        ? `<sub>Filed by GCP Log Gardener. Full worklog, all samples and the plan: ${run}. Keep the last line of this body: it is how the next run finds this issue.</sub>`
        : '<sub>Filed by GCP Log Gardener. Keep the last line of this body: it is how the next run finds this issue.</sub>';
    parts.push('---', footer);
    return `${parts.join('\n\n')}\n\n${renderMarker(state)}`;
}

;// CONCATENATED MODULE: ./src/core/issues/plan-issues.ts





/**
 * The pure issue planner (DESIGN §4, §5 "plan, then apply"). Decisions, documented once:
 * - Only issues by a trusted author whose body ends in a valid marker are ours; anything else
 *   (a copied marker on someone else's issue) is invisible to the plan.
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
 */
const REGRESSION_GAP_MS = 24 * 3_600_000;
const VOLUME_JUMP_FACTOR = 3;
const VOLUME_JUMP_MIN = 100;
/** Secondary rate limits allow ~80 content-creating requests a minute (DESIGN §6). */
const DEFAULT_MAX_WRITES = 60;
const rank = (p) => PRIORITIES.indexOf(p);
const byAge = (a, b) => a.issue.createdAt - b.issue.createdAt || a.issue.number - b.issue.number;
/** Trusted, marked issues grouped by fingerprint. */
function indexIssues(issues, trustedAuthors) {
    const trusted = new Set(trustedAuthors.map((a) => a.toLowerCase()));
    const index = new Map();
    for (const issue of issues) {
        if (!trusted.has(issue.author.toLowerCase()))
            continue;
        const marker = parseMarker(issue.body);
        if (!marker)
            continue;
        index.set(marker.fp, [...(index.get(marker.fp) ?? []), { issue, marker }]);
    }
    return index;
}
function sortClusters(clusters) {
    return clusters
        .filter((c) => !c.ignored)
        .sort((a, b) => rank(a.priority) - rank(b.priority) || b.count - a.count || a.fingerprint.localeCompare(b.fingerprint));
}
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
function nextState(cluster, prior, window) {
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
/** Swaps the priority label only when the priority changed, so a human's relabel otherwise stays. */
function relabel(labels, from, to) {
    if (from === to)
        return undefined;
    return [...labels.filter((l) => !isPriorityLabel(l)), priorityLabel(to)];
}
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
function planIssues(input) {
    const { settings } = input;
    const index = indexIssues(input.issues, input.trustedAuthors);
    const maxWrites = settings.maxWrites ?? DEFAULT_MAX_WRITES;
    const isMuted = (issue) => settings.muteLabel !== '' && issue.labels.includes(settings.muteLabel);
    const plan = { actions: [], writes: [] };
    let created = 0;
    const add = (step) => {
        let { action, writes } = step;
        if (writes.length && plan.writes.length + writes.length > maxWrites) {
            action = { ...action, action: 'skip', reason: `over the write budget (${maxWrites} writes per run)` };
            writes = [];
        }
        const at = plan.actions.push(action) - 1;
        for (const w of writes)
            plan.writes.push({ ...w, action: at });
    };
    const body = (cluster, state, previous) => renderBody({
        cluster,
        state,
        window: input.window,
        runUrl: input.runUrl,
        logsLink: input.logsLinks[cluster.fingerprint] ?? '',
        previous: previous ? { number: previous.number, closedAt: previous.closedAt } : undefined,
    });
    const planCreate = (cluster, base, previous) => {
        if (rank(cluster.priority) > rank(settings.minIssuePriority)) {
            return {
                action: { ...base, action: 'skip', reason: `below min-issue-priority ${settings.minIssuePriority}` },
                writes: [],
            };
        }
        if (created >= settings.maxNewIssues) {
            return {
                action: { ...base, action: 'skip', reason: `over max-new-issues (${settings.maxNewIssues})` },
                writes: [],
            };
        }
        created += 1;
        const { state } = nextState(cluster, null, input.window);
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
                    issue: { title: renderTitle(cluster), body: body(cluster, state, previous), labels, assignees },
                },
            ],
        };
    };
    const planOpen = (current, base, owned) => {
        const { issue, marker } = owned;
        const cluster = keepRaisedPriority(current, marker.p);
        const { state, added } = nextState(cluster, marker, input.window);
        if (sameState(state, marker))
            return { action: { ...base, action: 'none', reason: 'up to date (window already counted)' }, writes: [] };
        const changes = notableChanges(cluster, marker, added);
        const patch = { body: body(cluster, state) };
        const labels = relabel(issue.labels, marker.p, cluster.priority);
        if (labels)
            patch.labels = labels;
        const title = retitle(issue.title, cluster.priority);
        if (title !== issue.title)
            patch.title = title;
        const writes = [{ kind: 'update', issueNumber: issue.number, patch }];
        if (!changes.length)
            return { action: { ...base, action: 'update', reason: `${added} new occurrences; body refreshed` }, writes };
        writes.push({ kind: 'comment', issueNumber: issue.number, body: renderChangeComment(changes, input.runUrl) });
        return { action: { ...base, action: 'comment', reason: `${describeChanges(changes)}; body refreshed` }, writes };
    };
    const planClosed = (cluster, base, owned) => {
        const { issue, marker } = owned;
        const closedAt = issue.closedAt ?? issue.createdAt;
        const seenAgain = firstOccurrenceAfter(cluster, closedAt);
        if (seenAgain === null)
            return {
                action: {
                    ...base,
                    action: 'none',
                    reason: `#${issue.number} is closed and the problem was not seen after it was closed`,
                },
                writes: [],
            };
        if (issue.stateReason === 'not_planned')
            return { action: { ...base, action: 'skip', reason: `#${issue.number} was closed as not planned` }, writes: [] };
        if (isMuted(issue))
            return {
                action: { ...base, action: 'skip', reason: `#${issue.number} is muted (${settings.muteLabel})` },
                writes: [],
            };
        if (seenAgain - closedAt > settings.reopenWindowMs)
            return planCreate(cluster, { ...base, issueNumber: undefined, url: undefined }, issue);
        if (rank(cluster.priority) > rank(settings.minIssuePriority)) {
            return {
                action: {
                    ...base,
                    action: 'skip',
                    reason: `recurred, but below min-issue-priority ${settings.minIssuePriority}`,
                },
                writes: [],
            };
        }
        const { state } = nextState(cluster, marker, input.window);
        const patch = { state: 'open', stateReason: 'reopened', body: body(cluster, state) };
        const labels = relabel(issue.labels, marker.p, cluster.priority);
        if (labels)
            patch.labels = labels;
        const title = retitle(issue.title, cluster.priority);
        if (title !== issue.title)
            patch.title = title;
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
    };
    const clusters = sortClusters(input.clusters);
    for (const cluster of clusters) {
        const owned = index.get(cluster.fingerprint) ?? [];
        const open = owned.filter((o) => o.issue.state === 'open').sort(byAge);
        const closed = owned
            .filter((o) => o.issue.state === 'closed' && o.issue.stateReason !== 'duplicate')
            .sort((a, b) => (b.issue.closedAt ?? 0) - (a.issue.closedAt ?? 0));
        const current = open[0] ?? closed[0];
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
            add(planCreate(cluster, base));
        else if (isMuted(current.issue))
            add({
                action: { ...base, action: 'skip', reason: `#${current.issue.number} is muted (${settings.muteLabel})` },
                writes: [],
            });
        else if (current.issue.state === 'open')
            add(planOpen(cluster, base, current));
        else
            add(planClosed(cluster, base, current));
    }
    const seen = new Set(clusters.map((c) => c.fingerprint));
    for (const [fp, owned] of [...index.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const open = owned.filter((o) => o.issue.state === 'open').sort(byAge);
        const [winner, ...duplicates] = open;
        for (const dup of duplicates) {
            const base = {
                action: 'close',
                fingerprint: fp,
                priority: dup.marker.p,
                issueNumber: dup.issue.number,
                url: dup.issue.url,
                title: dup.issue.title,
                reason: `duplicate of #${winner.issue.number}`,
            };
            if (isMuted(dup.issue))
                add({
                    action: { ...base, action: 'skip', reason: `duplicate of #${winner.issue.number}, but muted` },
                    writes: [],
                });
            else {
                add({
                    action: base,
                    writes: [
                        {
                            kind: 'comment',
                            issueNumber: dup.issue.number,
                            body: renderDuplicateComment({ original: winner.issue.number, runUrl: input.runUrl }),
                        },
                        { kind: 'close', issueNumber: dup.issue.number, patch: { state: 'closed', stateReason: 'duplicate' } },
                    ],
                });
            }
        }
        if (winner &&
            settings.closeAfterMs > 0 &&
            !seen.has(fp) &&
            !isMuted(winner.issue) &&
            winner.marker.last < input.now - settings.closeAfterMs) {
            const { issue, marker } = winner;
            add({
                action: {
                    action: 'close',
                    fingerprint: fp,
                    priority: marker.p,
                    issueNumber: issue.number,
                    url: issue.url,
                    title: issue.title,
                    reason: `not seen since close-after (last seen ${new Date(marker.last).toISOString()})`,
                },
                writes: [
                    {
                        kind: 'comment',
                        issueNumber: issue.number,
                        body: renderStaleComment({
                            lastSeen: marker.last,
                            closeAfterMs: settings.closeAfterMs,
                            reopenWindowMs: settings.reopenWindowMs,
                            runUrl: input.runUrl,
                        }),
                    },
                    { kind: 'close', issueNumber: issue.number, patch: { state: 'closed', stateReason: 'completed' } },
                ],
            });
        }
    }
    return plan;
}

;// CONCATENATED MODULE: ./src/core/prioritize/prioritize.ts
/**
 * Clusters → priorities with reasons. The first matching rule (user rules, then defaults)
 * sets the base priority; volume, spread and newness may raise it by one level in total.
 */


/** Thresholds of the modifiers that raise a priority. */
const ESCALATION = {
    /** Share of analysed entries. */
    volumeShare: 0.1,
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
    if (modifiers.length > 0 && base !== 'P0') {
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
    if (share >= ESCALATION.volumeShare ||
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
function matchesRule(match, cluster, texts, compile) {
    if (match.kind && cluster.kind !== match.kind)
        return false;
    if (match.severity && severityRank(cluster.severity) < severityRank(match.severity))
        return false;
    if (match.maxSeverity && severityRank(cluster.severity) > severityRank(match.maxSeverity))
        return false;
    if (match.minCount !== undefined && cluster.count < match.minCount)
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

function apply_plan_errorMessage(error) {
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
 * Applies the plan through the tracker, in plan order (highest priority first). A failed write
 * marks its action `failed` with the error and skips that action's remaining writes (no
 * "reopened" comment on an issue that did not reopen); every other action goes on. A dry run
 * makes no request at all and returns the actions as `planned`.
 */
/** A dry run's result: the plan's actions, those that would write marked `planned`. Writes nothing. */
function planAsActions(plan) {
    const actions = plan.actions.map((a) => ({ ...a }));
    // Only actions that write get a status; `none` and `skip` are final as planned.
    for (const write of plan.writes)
        actions[write.action].status = 'planned';
    return actions;
}
async function applyPlan(plan, tracker, options) {
    if (options.dryRun)
        return planAsActions(plan);
    const actions = plan.actions.map((a) => ({ ...a }));
    const log = options.log ?? (() => undefined);
    const specs = labelsToEnsure(plan.writes, options.labels ?? []);
    if (specs.length) {
        try {
            await tracker.ensureLabels(specs);
        }
        catch (error) {
            // Not fatal: GitHub creates missing labels on issue writes, only without our colours.
            log(`Could not ensure labels (${specs.map((s) => s.name).join(', ')}): ${apply_plan_errorMessage(error)}`);
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
            action.error = `${write.kind} failed: ${apply_plan_errorMessage(error)}`;
            log(`Issue ${write.kind} for ${action.fingerprint}${action.issueNumber ? ` (#${action.issueNumber})` : ''} failed: ${apply_plan_errorMessage(error)}`);
        }
    }
    return actions;
}

;// CONCATENATED MODULE: ./src/garden.ts














/** The whole run as data: fetch → normalize → redact → cluster → prioritize → plan → apply. */
async function runGarden(config, rules, deps) {
    const startedAt = deps.clock.now();
    const read = await analyse(config, rules, deps);
    const info = deps.source.info();
    const window = info.window ?? resolveWindow(config, startedAt, read.span);
    // A file has no query: the worklog shows, and links use, the one Cloud Logging would run.
    const baseQuery = info.baseQuery ??
        buildLoggingQuery({ services: config.services, filter: config.filter, minSeverity: config.minSeverity, ...window });
    const query = info.query || baseQuery;
    // The source's own notes stay in result.source.notes; these are the run's.
    const notes = [...read.notes];
    if (config.rulesPath)
        notes.push(`Rules read from ${config.rulesPath}.`);
    const { issues, trusted } = await readIssueHistory(config, deps, window.start, notes);
    const known = knownFingerprints(issues, trusted);
    const clusters = rankClusters(read.clusters, rules, {
        totalAnalysed: read.analysed,
        knownFingerprints: known,
        windowStart: window.start,
        historyFloor: config.minIssuePriority,
    });
    // A logs-file export names its project in every logName: links then open the right project.
    const projectId = config.projectId || read.project || 'YOUR_PROJECT';
    const logsLinks = Object.fromEntries(clusters.map((c) => [
        c.fingerprint,
        logsExplorerUrl(projectId, clusterLogsQuery(baseQuery, c), window.start, window.end),
    ]));
    const runUrl = config.runId
        ? `${config.githubServerUrl}/${config.repository.owner}/${config.repository.repo}/actions/runs/${config.runId}`
        : '';
    const plan = planIssues({
        clusters,
        issues,
        trustedAuthors: trusted,
        now: deps.clock.now(),
        window,
        runUrl,
        logsLinks,
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
        actions,
        // Counted over every entry read, before redaction: the names are redacted here.
        serviceStatus: read.serviceStatus.list(info.sampleFraction).map((s) => ({
            ...s,
            service: redactText(s.service, { ips: config.redactIps }),
            revisions: s.revisions.map((r) => redactText(r, { ips: config.redactIps })),
        })),
        runUrl,
        generatedAt: deps.clock.now(),
        logsLinks,
        issueLinks: issueLinks(actions, issues, clusters),
        notes,
    };
}
/** `projects/P/logs/…` → `P`; '' when the entry does not say. */
function projectOf(raw) {
    const logName = raw?.logName;
    const match = typeof logName === 'string' ? /^projects\/([a-z][a-z0-9-]{4,28}[a-z0-9])\/logs\//.exec(logName) : null;
    return match ? match[1] : '';
}
/** Batches when the source has them; otherwise one-entry batches. */
async function* batchesOf(source) {
    if (source.readBatches) {
        yield* source.readBatches();
        return;
    }
    for await (const raw of source.read())
        yield [raw];
}
/** `GET /orders/{id}`: how a cluster lists the routes it was seen on. */
function routeOf(http) {
    return `${(http.method || 'GET').toUpperCase()} ${templateRoute(http.path || http.url || '/')}`;
}
/** Streams every entry once: nothing but per-group statistics is kept. */
async function analyse(config, rules, deps) {
    const clusterer = createClusterer({ grouping: rules.grouping });
    const aggregator = new ClusterAggregator();
    const status = new ServiceStatusTracker();
    const skipped = {};
    const bySeverity = {};
    const minRank = severityRank(config.minSeverity);
    const redaction = { ips: config.redactIps };
    const exclude = fileExclusion(config);
    const excluded = {};
    let entries = 0;
    let project = '';
    let analysed = 0;
    let first = Infinity;
    let last = -Infinity;
    for await (const batch of batchesOf(deps.source))
        for (const raw of batch) {
            entries++;
            if (!project)
                project = projectOf(raw);
            const normalized = normalizeEntry(raw);
            if (isSkip(normalized)) {
                skipped[normalized.skip] = (skipped[normalized.skip] ?? 0) + 1;
                continue;
            }
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
            if (severityRank(normalized.severity) < minRank)
                continue;
            analysed++;
            bySeverity[normalized.severity] = (bySeverity[normalized.severity] ?? 0) + 1;
            const record = redactRecord(normalized, redaction);
            aggregator.add(clusterer.add(record), record, record.http ? routeOf(record.http) : '');
        }
    const info = deps.source.info();
    for (const [reason, n] of Object.entries(info.unreadable))
        skipped[reason] = (skipped[reason] ?? 0) + n;
    const clusters = aggregator.build(clusterer.finish(), analysed, info.sampleFraction);
    const services = [...new Set(clusters.flatMap((c) => c.services))].sort();
    const notes = Object.entries(excluded).map(([why, n]) => `${n.toLocaleString('en-US')} entries of the file were left out: ${why}.`);
    return {
        notes,
        project,
        entries,
        analysed,
        skipped,
        bySeverity,
        clusters,
        serviceStatus: status,
        services,
        span: first <= last ? { start: first, end: last } : null,
    };
}
/**
 * A logs-file is read whole, so since/until and services are applied here (Cloud Logging applies
 * them in the query). Returns why an entry is left out, or '' to keep it.
 */
function fileExclusion(config) {
    if (!config.logsFile)
        return () => '';
    const since = config.since ?? -Infinity;
    const until = config.until ?? Infinity;
    const services = new Set(config.services);
    return (record) => {
        if (record.timestamp < since || record.timestamp >= until)
            return 'outside since/until';
        if (services.size > 0 && !services.has(record.service))
            return 'not one of the services';
        return '';
    };
}
/** Cloud Logging: since/until or lookback ending now. A file: since/until or its entries' span. */
function resolveWindow(config, now, span) {
    if (config.logsFile) {
        const start = config.since ?? span?.start ?? now;
        const end = config.until ?? (span ? span.end + 1 : now);
        return { start, end: Math.max(end, start + 1) };
    }
    const end = config.until ?? now;
    return { start: config.since ?? end - config.lookbackMs, end };
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
function knownFingerprints(issues, trusted) {
    const known = new Set();
    for (const issue of issues) {
        if (!trusted.includes(issue.author))
            continue;
        const marker = parseMarker(issue.body);
        if (marker)
            known.add(marker.fp);
    }
    return known;
}
async function apply(plan, config, deps, notes) {
    if (deps.checkPostable)
        refuseLeakingWrites(plan, deps.checkPostable);
    if (!deps.tracker || config.dryRun)
        return planAsActions(plan);
    const actions = await applyPlan(plan, deps.tracker, {
        dryRun: false,
        labels: labelSet(config.labels),
        log: deps.log,
    });
    const failed = actions.filter((a) => a.status === 'failed');
    if (failed.length > 0)
        notes.push(`${failed.length} issue write(s) failed; the rest completed. See the issue actions.`);
    return actions;
}
/** redact: strict — every planned title, body and comment is checked before the first write. */
function refuseLeakingWrites(plan, check) {
    for (const write of plan.writes) {
        for (const [where, text] of Object.entries(postableTexts(write)))
            check(text, `issue ${write.kind} ${where}`);
    }
}
function postableTexts(write) {
    const w = write;
    const texts = {};
    const title = w.issue?.title ?? w.patch?.title;
    const body = w.issue?.body ?? w.patch?.body;
    if (title)
        texts.title = title;
    if (body)
        texts.body = body;
    if (w.body)
        texts.comment = w.body;
    return texts;
}
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

;// CONCATENATED MODULE: ./src/core/report/build-report.ts



const REPORT_SCHEMA_VERSION = 1;
/** A sample is a hint, not the entry: consumers can fetch the entry by insertId. */
const MAX_SAMPLE_LENGTH = 2000;
/** Severity counts in severity order, so the JSON is byte-stable. */
function orderSeverities(counts) {
    const ordered = {};
    for (const s of SEVERITIES)
        if (counts[s] !== undefined)
            ordered[s] = counts[s];
    return ordered;
}
function orderKeys(record) {
    return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
/** Redacted upstream; here only control characters go. Not markdown-escaped: this is data. */
function describeSample(cluster) {
    const text = safe_markdown_stripControl(cluster.samples[0]?.message ?? '');
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
        share: Math.round(cluster.share * 1e6) / 1e6,
        firstSeen: formatIso(cluster.firstSeen),
        lastSeen: formatIso(cluster.lastSeen),
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
        generatedAt: formatIso(result.generatedAt),
        window: { start: formatIso(result.window.start), end: formatIso(result.window.end) },
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
        actions: result.actions.map((a) => ({ ...a })),
        notes: [...result.source.notes, ...result.notes],
        query: result.source.query,
    };
}

;// CONCATENATED MODULE: ./src/core/report/worklog-header.ts
/** Worklog opening: title, headline, collection facts and the executive summary. */




const URGENT = ['P0', 'P1'];
function distinct(values) {
    return [...new Set(values)];
}
/** One line an on-call engineer can read in a notification: what, where, how much, when. */
function describeHeadline(result) {
    const problems = problemClusters(result.clusters);
    const tail = `${formatCount(result.totals.analysed)} entries analysed, ${formatRange(result.window.start, result.window.end)}`;
    if (problems.length === 0)
        return `No problems found — ${tail}`;
    const urgent = problems.filter((c) => URGENT.includes(c.priority));
    const lead = urgent.length > 0 ? urgent : problems;
    const counts = countByPriority(lead, [...PRIORITIES]);
    const noun = lead.length === 1 ? 'problem' : 'problems';
    const services = distinct(lead.flatMap((c) => c.services));
    const where = services.length
        ? ` in ${services
            .slice(0, 4)
            .map((s) => safeText(s, 60))
            .join(', ')}${services.length > 4 ? ` +${services.length - 4} more` : ''}`
        : '';
    const rest = problems.length - lead.length;
    const more = rest > 0 ? ` (+${rest} lower priority)` : '';
    return `${counts} ${noun}${where}${more} — ${tail}`;
}
function describeSource(result) {
    const { source } = result.source;
    if (source.startsWith('file:'))
        return `exported file ${inlineCode(source.slice(5))} (read whole)`;
    if (source.startsWith('cloud-logging:')) {
        const calls = result.source.requests > 0 ? `, ${formatCount(result.source.requests)} API requests` : '';
        return `Cloud Logging, project ${inlineCode(source.slice('cloud-logging:'.length))}${calls}`;
    }
    return inlineCode(source);
}
function describeSkipped(skipped) {
    const reasons = Object.entries(skipped)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const total = reasons.reduce((sum, [, n]) => sum + n, 0);
    if (total === 0)
        return '0 skipped';
    return `${formatCount(total)} skipped as unreadable (${reasons.map(([r, n]) => `${formatCount(n)} ${safeText(r, 80)}`).join(', ')})`;
}
function worklog_header_renderTitle(result) {
    const project = result.projectId ? `: ${safeText(result.projectId, 100)}` : '';
    const lines = [`# Log Gardener worklog${project}`, '', `**${describeHeadline(result)}**`, ''];
    const meta = [`Generated ${formatIso(result.generatedAt)}`];
    if (result.repository)
        meta.push(`for ${safeText(result.repository, 140)}`);
    if (result.runUrl)
        meta.push(`· ${format_link('workflow run', result.runUrl)}`);
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
    const services = result.services.length ? result.services.map((s) => safeText(s, 80)).join(', ') : 'all services';
    const lines = [
        '## Collection',
        '',
        `- **Window:** ${formatIso(window.start)} → ${formatIso(window.end)} (${formatDuration(window.end - window.start)})`,
    ];
    if (result.projectId)
        lines.push(`- **Project:** ${inlineCode(result.projectId)}`);
    lines.push(`- **Services:** ${services}`, `- **Source:** ${describeSource(result)}`, `- **Minimum severity:** ${result.minSeverity} (entries without a severity on stderr are still examined for errors and stack traces)`, `- **Entries:** ${formatCount(totals.entries)} read · ${formatCount(totals.analysed)} analysed · ${describeSkipped(totals.skipped)}`, `- **Analysed by severity:** ${formatSeverityCounts(totals.bySeverity)}`);
    const fraction = result.source.sampleFraction;
    if (fraction < 1) {
        const percent = `${Math.round(fraction * 1000) / 10}%`;
        lines.push('', '> [!IMPORTANT]', `> **Sampled:** counts are estimated from a ${percent} sample (${inlineCode(`sample(insertId, ${formatFraction(fraction)})`)}); ≈ marks estimates.`);
    }
    return lines.join('\n');
}
/** Within this of the window's end, a problem is still going on as far as the logs can tell. */
const ONGOING_MS = 5 * 60_000;
/** `since 09:12 UTC, still occurring at the end of the window` or `from 09:12 UTC to 09:40 UTC`. */
function describeSpan(cluster, window) {
    const first = formatSeen(cluster.firstSeen, window);
    if (window.end - cluster.lastSeen <= ONGOING_MS)
        return `since ${first}, still occurring at the end of the window`;
    return `from ${first} to ${formatSeen(cluster.lastSeen, window)}`;
}
function describeUrgent(cluster, result) {
    const services = cluster.services.map((s) => safeText(s, 60)).join(', ') || 'unknown service';
    const since = describeSpan(cluster, result.window);
    const issue = formatIssueCell(cluster, result);
    return `- **${cluster.priority}** ${safeText(cluster.title, 160)} — ${formatClusterCount(cluster)} entries (${formatShare(cluster.share)}) in ${services}, ${since}; issue: ${issue}`;
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
            routes.size ? `on ${formatCount(routes.size)} ${routes.size === 1 ? 'route' : 'routes'}` : '',
        ]
            .filter(Boolean)
            .join(' ');
        lines.push(`- **P1** ${safeText(service, 60)}: ${formatCount(clusters.length)} more ${clusters.length === 1 ? 'problem' : 'problems'}${what ? ` (${what})` : ''} — ${formatCount(entries)} entries; see Problems`);
    }
    return lines;
}
function renderExecutiveSummary(result) {
    const problems = problemClusters(result.clusters);
    const urgent = problems.filter((c) => URGENT.includes(c.priority));
    const lines = ['## Executive summary', ''];
    if (urgent.length === 0) {
        lines.push('No P0/P1 problems.');
    }
    else {
        lines.push(...summarizeUrgent(urgent, result));
        const first = [...urgent].sort((a, b) => a.firstSeen - b.firstSeen)[0];
        lines.push('', `The first urgent problem started at ${formatClock(first.firstSeen)}: ${safeText(first.title, 160)}${first.services.length ? ` (${first.services.map((x) => safeText(x, 60)).join(', ')})` : ''}.`);
    }
    const lower = problems.length - urgent.length;
    if (lower > 0)
        lines.push('', `Also ${countByPriority(problems, ['P2', 'P3'])} lower-priority ${lower === 1 ? 'problem' : 'problems'} (below).`);
    const ignored = result.clusters.length - problems.length;
    if (ignored > 0)
        lines.push(`${formatCount(ignored)} ${ignored === 1 ? 'cluster was' : 'clusters were'} ignored as noise.`);
    return lines.join('\n');
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
            this.parts.push(`\n_${formatCount(rest)} more rows left out to keep the job summary under 1 MiB; the worklog has them all._`);
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
        items.push(`- ${format_link('Full worklog (artifact)', links.worklogArtifactUrl)}`);
    else
        items.push("- Full worklog: the file at the step output `worklog-path` (and the run's artifact, when uploaded)");
    if (result.runUrl)
        items.push(`- ${format_link('Workflow run', result.runUrl)}`);
    return ['### Details', '', ...items];
}
function renderSummary(result, links) {
    const out = new BudgetedMarkdown(SUMMARY_LIMIT_BYTES - RESERVE_BYTES);
    const project = result.projectId ? `: ${safeText(result.projectId, 100)}` : '';
    out.addBlock(`## Log Gardener${project}\n\n**${describeHeadline(result)}**`);
    if (result.dryRun)
        out.addBlock('\n> [!NOTE]\n> **Dry run:** nothing was written to GitHub; the actions below are the plan.');
    const fraction = result.source.sampleFraction;
    if (fraction < 1) {
        out.addBlock(`\n> [!IMPORTANT]\n> Counts are estimated from a ${Math.round(fraction * 1000) / 10}% sample (${inlineCode(`sample(insertId, ${formatFraction(fraction)})`)}); ≈ marks estimates.`);
    }
    const problems = problemClusters(result.clusters);
    const urgent = problems.filter((c) => c.priority === 'P0' || c.priority === 'P1');
    const lower = problems.length - urgent.length;
    out.addTable({
        heading: '### P0 / P1 problems',
        intro: lower > 0
            ? [`Also ${countByPriority(problems, ['P2', 'P3'])} lower-priority problems: see the worklog.`, '']
            : [],
        header: ['Priority', 'Problem', 'Count', 'Share', 'Services', 'Since', 'Issue'],
        rows: urgent.map((c) => [
            `**${c.priority}**`,
            safeText(c.title, 120),
            formatClusterCount(c),
            formatShare(c.share),
            formatNames(c.services, 3),
            formatSeen(c.firstSeen, result.window),
            formatIssueCell(c, result),
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
            const issue = number !== undefined ? format_link(`#${number}`, a.url ?? result.issueLinks[a.fingerprint]?.url) : '–';
            const status = a.status === 'failed' ? '**failed**' : (a.status ?? (result.dryRun ? 'planned' : '–'));
            const why = a.action === 'skip' ? `: ${safeText(a.reason, 120)}` : '';
            return [actionVerb(a), issue, a.priority ?? '–', a.title ? safeText(a.title, 100) : '–', `${status}${why}`];
        }),
        empty: result.dryRun ? 'No issue actions would be taken.' : 'No issue actions were needed.',
    });
    return out.finish(renderLinks(result, links));
}

;// CONCATENATED MODULE: ./src/core/report/render-timeline.ts


const MAX_SERIES = 5;
const MAX_POINTS = 120;
const render_timeline_MINUTE = 60_000;
/** Bucket sizes in minutes: the first that keeps the x axis within MAX_POINTS wins. */
const BUCKETS = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];
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
/** The bucket width in minutes for a window: 1 min up to 2 h, then coarser. */
function render_timeline_chooseBucketMinutes(spanMs) {
    const minutes = Math.max(1, Math.ceil(spanMs / render_timeline_MINUTE));
    return BUCKETS.find((b) => Math.ceil(minutes / b) <= MAX_POINTS) ?? BUCKETS[BUCKETS.length - 1];
}
function bucketise(clusters, start, bucketMs, points) {
    return clusters.map((cluster) => {
        const values = new Array(points).fill(0);
        for (const [minute, n] of cluster.perMinute) {
            const i = Math.min(points - 1, Math.max(0, Math.floor((minute - start) / bucketMs)));
            values[i] += n;
        }
        return { cluster, values };
    });
}
function axisLabel(ms, multiDay) {
    const iso = formatIso(ms);
    return multiDay ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
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
    const bucketMinutes = render_timeline_chooseBucketMinutes(span);
    const bucketMs = bucketMinutes * render_timeline_MINUTE;
    const points = Math.max(1, Math.ceil(span / bucketMs));
    const series = bucketise(top, start, bucketMs, points);
    const multiDay = formatIso(window.start).slice(0, 10) !== formatIso(window.end - 1).slice(0, 10);
    const labels = Array.from({ length: points }, (_, i) => mermaidLabel(axisLabel(start + i * bucketMs, multiDay)));
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
    const legend = table(['Line', 'Priority', 'Problem', 'Entries', `Peak per ${unit}`], series.map((s, i) => [
        PALETTE[i].name,
        s.cluster.priority,
        safeText(s.cluster.title, 120),
        formatClusterCount(s.cluster),
        formatCount(Math.max(...s.values)),
    ]));
    const notes = [];
    if (bucketMinutes > 1)
        notes.push(`Counts are bucketed to ${bucketMinutes} minutes to keep the chart readable.`);
    if (top.some((c) => c.estimated))
        notes.push('Lines are drawn from sampled entries: the shape is reliable, the totals in the legend are estimates.');
    return [chart, legend, ...notes.map((n) => `_${n}_`)].join('\n\n');
}

;// CONCATENATED MODULE: ./src/core/report/worklog-actions.ts


const MAX_ACTION_ROWS = 500;
function describeStatus(action, dryRun) {
    if (action.status === 'failed')
        return `**failed**${action.error ? `: ${safeText(action.error, 200)}` : ''}`;
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
    return format_link(`#${number}`, action.url ?? known?.url);
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
        actionVerb(a),
        worklog_actions_describeIssue(a, result),
        a.priority ?? '–',
        a.title ? safeText(a.title, 120) : '–',
        safeText(a.reason, 200),
        describeStatus(a, result.dryRun),
    ]);
    const parts = [heading, ''];
    if (intro)
        parts.push(intro, '');
    parts.push(table(['Action', 'Issue', 'Priority', 'Problem', 'Reason', 'Status'], rows));
    if (result.actions.length > MAX_ACTION_ROWS) {
        parts.push('', `_${formatCount(result.actions.length - MAX_ACTION_ROWS)} more actions are listed in the JSON report._`);
    }
    return parts.join('\n');
}

;// CONCATENATED MODULE: ./src/core/report/worklog-appendix.ts



function renderNotes(result) {
    const notes = [...result.source.notes, ...result.notes];
    const body = notes.length ? notes.map((n) => `- ${safeText(n, 500)}`).join('\n') : 'No waits, retries or failures.';
    return ['## Notes', '', body].join('\n');
}
/**
 * For a file source no query runs; the engineer still wants the query to reproduce the window
 * in Logs Explorer, so we show the one a Cloud Logging read would use (without the user's
 * `filter`, which RunResult does not carry).
 */
function describeEquivalentQuery(result) {
    try {
        return buildLoggingQuery({
            services: result.services,
            filter: '',
            minSeverity: result.minSeverity,
            start: result.window.start,
            end: result.window.end,
        });
    }
    catch (error) {
        if (error instanceof LoggingQueryError)
            return null;
        throw error;
    }
}
function renderQuery(result) {
    const heading = '## Query';
    if (result.source.query) {
        return [heading, '', 'The exact Cloud Logging query used:', '', codeBlock(result.source.query, 'text')].join('\n');
    }
    const equivalent = describeEquivalentQuery(result);
    if (equivalent === null)
        return [heading, '', 'Entries came from an exported file, so no Cloud Logging query ran.'].join('\n');
    return [
        heading,
        '',
        'Entries came from an exported file, so no Cloud Logging query ran. The same window would be read from Cloud Logging with:',
        '',
        codeBlock(equivalent, 'text'),
    ].join('\n');
}
function renderIgnored(result) {
    const ignored = result.clusters.filter((c) => c.ignored);
    if (ignored.length === 0)
        return '';
    const items = ignored.map((c) => `- ${safeText(c.title, 160)} — ${formatClusterCount(c)} entries (${safeText(c.reasons[0] ?? `rule ${c.rule}`, 160)})`);
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
    const problems = problemClusters(result.clusters);
    if (problems.length === 0)
        return '## Problems\n\nNo problems found in this window.';
    const rows = problems
        .slice(0, MAX_TABLE_ROWS)
        .map((c, i) => [
        String(i + 1),
        `**${c.priority}**`,
        safeText(c.title, 120),
        formatClusterCount(c),
        formatShare(c.share),
        formatNames(c.services, 3),
        formatSeen(c.firstSeen, result.window),
        formatSeen(c.lastSeen, result.window),
        formatIssueCell(c, result),
    ]);
    const parts = [
        '## Problems',
        '',
        table(['#', 'Priority', 'Problem', 'Count', 'Share', 'Services', 'First seen', 'Last seen', 'Issue'], rows),
    ];
    if (problems.length > MAX_TABLE_ROWS) {
        parts.push('', `_${formatCount(problems.length - MAX_TABLE_ROWS)} more problems are listed in the JSON report._`);
    }
    return parts.join('\n');
}
/** Keeps the head (where Java/Go/Node name the failing frame) and the tail (where Python does). */
function trimStack(text) {
    const lines = text.split('\n').map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE - 1)}…` : l));
    if (lines.length <= STACK_HEAD + STACK_TAIL + 1)
        return lines.join('\n');
    const omitted = lines.length - STACK_HEAD - STACK_TAIL;
    return [...lines.slice(0, STACK_HEAD), `… ${formatCount(omitted)} lines trimmed …`, ...lines.slice(-STACK_TAIL)].join('\n');
}
/** The text of one sample entry as the engineer would see it in Logs Explorer. */
function worklog_clusters_describeSample(sample) {
    const parts = [];
    if (sample.http) {
        const h = sample.http;
        const latency = h.latencyMs !== undefined ? ` (${formatCount(h.latencyMs)} ms)` : '';
        parts.push(`${h.method} ${h.url} → ${h.status || 'no response'}${latency}`);
    }
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
        .map((s) => safeText(s, 80))
        .join(' / ');
    const inferred = sample.severityInferred ? ' (inferred)' : '';
    return [formatIso(sample.timestamp), `${sample.severity}${inferred}`, where].filter(Boolean).join(', ');
}
function bulletList(items, empty) {
    return items.length ? items.map((i) => `- ${safeText(i, 400)}`).join('\n') : `_${empty}_`;
}
function renderClusterSection(cluster, index, result) {
    const logsUrl = result.logsLinks[cluster.fingerprint];
    const facts = [
        `- **Count:** ${formatClusterCount(cluster)} entries — ${formatShare(cluster.share)} of all analysed`,
        `- **Severity:** ${cluster.severity} (${formatSeverityCounts(cluster.severityCounts)})`,
        `- **Services:** ${formatNames(cluster.services, 10)}`,
        `- **Revisions:** ${formatNames(cluster.revisions, 6)}`,
    ];
    if (cluster.routes.length)
        facts.push(`- **Routes:** ${formatNames(cluster.routes, 8)}`);
    if (cluster.statuses.length)
        facts.push(`- **HTTP statuses:** ${cluster.statuses.join(', ')}`);
    if (cluster.instances > 0)
        facts.push(`- **Instances:** ${formatCount(cluster.instances)}`);
    facts.push(`- **First / last seen:** ${formatIso(cluster.firstSeen)} → ${formatIso(cluster.lastSeen)}`, `- **Issue:** ${formatIssueCell(cluster, result)}${logsUrl ? ` · ${format_link('Logs Explorer', logsUrl)}` : ''}`);
    const parts = [
        `### ${index}. ${cluster.priority} — ${safeText(cluster.title, 200)}`,
        '',
        facts.join('\n'),
        '',
        `**Why ${cluster.priority}:**`,
        '',
        bulletList(cluster.reasons, 'no reason recorded'),
        '',
        '**Key log pattern** (redacted):',
        '',
        codeBlock(cluster.template, 'text'),
    ];
    const sample = cluster.samples[0];
    if (sample)
        parts.push('', `**Sample** (${describeSampleOrigin(sample)}):`, '', codeBlock(worklog_clusters_describeSample(sample), 'text'));
    if (cluster.codeLocations.length) {
        parts.push('', `**Code locations:** ${cluster.codeLocations
            .slice(0, 8)
            .map((l) => inlineCode(l, 160))
            .join(', ')}`);
    }
    parts.push('', '**Likely causes:**', '', bulletList(cluster.likelyCauses, 'none suggested by the rule'), '', '**Recommended actions:**', '', bulletList(cluster.recommendedActions, 'none suggested by the rule'), '', `<sub>Grouped by ${safeText(cluster.grouping, 300)} · rule ${inlineCode(cluster.rule, 80)} · fingerprint ${inlineCode(cluster.fingerprint, 80)}</sub>`);
    return parts.join('\n');
}
function renderClusterSections(result) {
    const problems = problemClusters(result.clusters);
    if (problems.length === 0)
        return '';
    const sections = problems.slice(0, MAX_DETAILED_CLUSTERS).map((c, i) => renderClusterSection(c, i + 1, result));
    if (problems.length > MAX_DETAILED_CLUSTERS) {
        sections.push(`_${formatCount(problems.length - MAX_DETAILED_CLUSTERS)} more problems are summarised in the table above and detailed in the JSON report._`);
    }
    return ['## Problem details', ...sections].join('\n\n');
}

;// CONCATENATED MODULE: ./src/core/report/worklog-services.ts


/** `38.6% (1,204 / 3,120)`, or `–` without request logs. */
function formatErrorRate(status) {
    if (status.requests <= 0)
        return '–';
    const rate = (status.serverErrors / status.requests) * 100;
    return `${rate.toFixed(1)}% (${formatCount(status.serverErrors)} / ${formatCount(status.requests)})`;
}
function renderServiceStatus(result) {
    if (result.serviceStatus.length === 0)
        return '## Service status\n\n_No service-level data in this window._';
    const sorted = [...result.serviceStatus].sort((a, b) => b.entries - a.entries || a.service.localeCompare(b.service));
    const rows = sorted.map((s) => [
        s.service ? safeText(s.service, 80) : '_(unknown)_',
        formatCount(s.entries),
        formatSeverityCounts(s.bySeverity),
        formatCount(s.restarts),
        formatErrorRate(s),
        formatNames(s.revisions, 4),
    ]);
    return [
        '## Service status',
        '',
        table(['Service', 'Analysed entries', 'Severity', 'Restarts / exits', '5xx rate (of requests)', 'Revisions'], rows),
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
        worklog_header_renderTitle(result),
        renderCollection(result),
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
        'highest-priority': findHighestPriority(result.clusters),
        'issues-created': String(countActions(result, ['create'])),
        // A comment on an open issue updates it as far as a workflow is concerned.
        'issues-updated': String(countActions(result, ['update', 'comment'])),
        'issues-reopened': String(countActions(result, ['reopen'])),
        // Writes that GitHub refused this run (always 0 in a dry run): the rest of the run went on.
        'issues-failed': String(result.actions.filter((a) => a.status === 'failed').length),
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
    writeText(config.reportPath, `${JSON.stringify(buildReport(result), null, 2)}\n`);
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
    if (config.failOn) {
        const threshold = PRIORITIES.indexOf(config.failOn);
        const hits = result.clusters.filter((c) => !c.ignored && PRIORITIES.indexOf(c.priority) <= threshold);
        if (hits.length > 0) {
            const list = hits
                .slice(0, 5)
                .map((c) => `[${c.priority}] ${c.title}`)
                .join('; ');
            messages.push(`fail-on ${config.failOn}: ${hits.length} problem(s) at ${config.failOn} or above — ${list}.`);
        }
    }
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
        const source = await buildSource(config, deps, log);
        const tracker = buildTracker(config, log);
        const warn = (message) => deps.reporter.warning(message);
        const result = await runGarden(config, rules, {
            source,
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
async function buildSource(config, deps, log) {
    if (config.logsFile)
        return new FileLogSource(config.logsFile);
    const auth = await createGoogleAuth(config, { getIdToken: deps.getIdToken, mask: deps.mask });
    return new CloudLoggingSource(config, auth, { now: deps.now, sleep: deps.sleep, random: Math.random, log });
}
function buildTracker(config, log) {
    if (!config.githubToken || !config.repository.owner)
        return null;
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
            get: (name) => core/* getInput */.V4(name),
            env: process.env,
            readFile: readIfExists,
            tmpDir: (0,external_node_os_.tmpdir)(),
        });
        if (config.githubToken)
            core/* setSecret */.Pq(config.githubToken);
        const runUrl = config.runId
            ? `${config.githubServerUrl}/${config.repository.owner}/${config.repository.repo}/actions/runs/${config.runId}`
            : '';
        const { failMessage } = await runPipeline(config, {
            reporter: new ActionsRuntime(process.env, runUrl),
            getIdToken: (audience) => core/* getIDToken */.V9(audience),
            mask: (secret) => core/* setSecret */.Pq(secret),
            now: () => Date.now(),
            sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        });
        if (failMessage)
            core/* setFailed */.C1(failMessage);
    }
    catch (error) {
        core/* setFailed */.C1(describeErrorForLog(error));
    }
}


/***/ })

};
