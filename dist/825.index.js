export const id = 825;
export const ids = [825];
export const modules = {

/***/ 16825:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CloudLoggingSource: () => (/* reexport */ CloudLoggingSource),
  LogAnalyticsSource: () => (/* reexport */ LogAnalyticsSource),
  createGoogleAuth: () => (/* reexport */ createGoogleAuth),
  loggingRateWindow: () => (/* reexport */ loggingRateWindow)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/google-auth-library/build/src/index.js
var src = __webpack_require__(492);
// EXTERNAL MODULE: ./src/core/redact/redact.ts
var redact = __webpack_require__(89152);
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
    return (0,redact/* redactText */.Rd)(text, { ips: false });
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

// EXTERNAL MODULE: ./src/core/read/logging-query.ts
var logging_query = __webpack_require__(17008);
;// CONCATENATED MODULE: ./src/core/read/peel.ts
/**
 * Peeling: when a window is over the read budget, the few problems that flood it are excluded
 * from the rest of the read with a Logging query clause built from their service and constant
 * text, and everything else is read whole. A flooding problem's count is then estimated from the
 * sample it was found in; every other problem's count is exact, however rare it is.
 *
 * Pure: the adapter reads the sample and clusters it with the product's own normaliser and
 * clusterer; this module chooses what to peel from those clusters, writes the clauses, and
 * evaluates them on an entry the way Cloud Logging does (string comparisons are not case
 * sensitive, `:` is a substring match, a missing field fails the comparison), so that the sampled
 * entries are split exactly as the server splits the window.
 * Query language: https://cloud.google.com/logging/docs/view/logging-query-language
 */

/** Payload fields a flood's constant text is looked for in, in this order. */
const TEXT_FIELDS = [
    'textPayload',
    'jsonPayload.message',
    'jsonPayload.msg',
    'jsonPayload.error',
    'jsonPayload.err',
];
/**
 * Sampled members a problem needs before it is peeled: its count is estimated from them, and with
 * n members the estimate's relative standard error is about 1/√n (300: under 6 %).
 */
const MIN_PEEL_SAMPLE = 300;
/** Peel until the remainder is estimated at this share of the budget: room for the estimate's error. */
const REMAINDER_SHARE = 0.8;
/** The shortest constant text a clause matches on: shorter runs are too common to be specific. */
const MIN_RUN_CHARS = 12;
const MAX_RUN_CHARS = 300;
/** Lines and words per line of the first member searched for the run (a traceback has many). */
const MAX_LINES = 20;
const MAX_WORDS = 60;
/** Members whose text the constant run must appear in (spread over the sample). */
const MEMBERS_CHECKED = 50;
/** Of the problem's sampled members, the share its clause must select. */
const MIN_COVERAGE = 0.5;
/**
 * Chooses the problems to peel, largest first, until the remainder of the sample, scaled by
 * 1/fraction, is under REMAINDER_SHARE of the budget. A clause is kept only when it selects most
 * of its problem's sampled members and nothing of a problem too small to be peeled itself: a rare
 * error excluded by mistake would only be estimated, never lost, but it must stay exact.
 */
function choosePeels(input) {
    const sizes = new Map(input.candidates.map((c) => [c.key, c.members.length]));
    const open = new Set(input.sample.map((_, i) => i));
    const peels = [];
    const covered = new Map();
    let room = input.room;
    const ordered = [...input.candidates].sort((a, b) => b.members.length - a.members.length);
    for (const candidate of ordered) {
        if (open.size / input.fraction <= REMAINDER_SHARE * input.budget)
            break;
        if (candidate.members.length < MIN_PEEL_SAMPLE)
            break;
        const peel = buildPeel(candidate);
        if (!peel || peel.clause.length + 1 > room)
            continue;
        const hits = [...open].filter((i) => peel.covers(input.sample[i].entry));
        const own = hits.filter((i) => input.sample[i].key === candidate.key).length;
        const swallowsRare = hits.some((i) => (sizes.get(input.sample[i].key) ?? 0) < MIN_PEEL_SAMPLE);
        if (swallowsRare || own < MIN_COVERAGE * candidate.members.length)
            continue;
        for (const i of hits)
            open.delete(i);
        peels.push({ ...peel, sampled: hits.length });
        covered.set(peel.key, hits.map((i) => input.sample[i].entry));
        room -= peel.clause.length + 1;
    }
    return { peels, covered, rest: open.size };
}
/** The query with the peels' clauses ANDed, one a line. */
function withPeels(query, peels) {
    return [query, ...peels.map((p) => p.clause)].join('\n');
}
/** Room the clauses may take in a query: the filter limit less the query and a sample clause. */
function peelRoom(query) {
    return logging_query/* LOGGING_FILTER_LIMIT */.r9 - query.length - 40;
}
/** The clause excluding a problem, or undefined when none selects it safely. */
function buildPeel(candidate) {
    const scope = selectorPairs(candidate.selector);
    if (!scope || scope.length === 0 || candidate.members.length === 0)
        return undefined;
    const scopeText = scope.map(([field, value]) => `${field}=${(0,logging_query/* quote */.hD)(value)}`);
    const inScope = (entry) => scope.every(([field, value]) => stringAt(entry, field)?.toLowerCase() === value.toLowerCase());
    if (candidate.kind === 'request' && candidate.status !== undefined) {
        const status = candidate.status;
        return {
            key: candidate.key,
            title: candidate.title,
            clause: `NOT (${[...scopeText, `httpRequest.status=${status}`].join(' AND ')})`,
            covers: (entry) => inScope(entry) && Number(valueAt(entry, 'httpRequest.status')) === status,
        };
    }
    const first = candidate.members[0];
    const field = TEXT_FIELDS.find((f) => typeof valueAt(first, f) === 'string');
    if (!field)
        return undefined;
    const texts = spread(candidate.members, MEMBERS_CHECKED).map((m) => stringAt(m, field));
    if (texts.some((t) => t === undefined))
        return undefined;
    const run = constantRun(texts);
    if (!run)
        return undefined;
    const needle = run.toLowerCase();
    return {
        key: candidate.key,
        title: candidate.title,
        clause: `NOT (${[...scopeText, `${field}:${(0,logging_query/* quote */.hD)(run)}`].join(' AND ')})`,
        covers: (entry) => inScope(entry) && hasText(entry, field, needle),
    };
}
/**
 * The longest run of whole words, within one line of the first text, that every text contains
 * (compared without case, as `:` does); '' when none is MIN_RUN_CHARS long. A flood's variable
 * parts (ids, counts, times) break the runs, so what is left is the constant text the code wrote.
 */
function constantRun(texts) {
    const [first, ...others] = texts;
    if (first === undefined)
        return '';
    const lowered = others.map((t) => t.toLowerCase());
    let best = '';
    for (const line of first.split('\n').slice(0, MAX_LINES)) {
        const words = [...line.matchAll(/\S+/g)]
            .slice(0, MAX_WORDS)
            .map((m) => ({ start: m.index, end: m.index + m[0].length }));
        for (let i = 0; i < words.length; i++) {
            // Longest first from each start: the first run found everywhere is the longest from there.
            for (let j = words.length - 1; j >= i; j--) {
                const run = line.slice(words[i].start, words[j].end);
                if (run.length <= best.length)
                    break;
                if (run.length > MAX_RUN_CHARS)
                    continue;
                const needle = run.toLowerCase();
                if (lowered.every((t) => t.includes(needle))) {
                    best = run;
                    break;
                }
            }
        }
    }
    return best.length >= MIN_RUN_CHARS ? best : '';
}
/** `resource.type="x" resource.labels.y="z"` → pairs; undefined when anything else is in it. */
function selectorPairs(selector) {
    const pairs = [];
    const pattern = /\s*([A-Za-z_][\w.]*)="((?:[^"\\]|\\.)*)"/y;
    let at = 0;
    while (at < selector.trim().length) {
        pattern.lastIndex = at;
        const m = pattern.exec(selector);
        if (!m)
            return undefined;
        pairs.push([m[1], m[2].replace(/\\(.)/g, '$1')]);
        at = pattern.lastIndex;
    }
    return pairs;
}
function hasText(entry, field, needle) {
    const text = stringAt(entry, field);
    return text !== undefined && text.toLowerCase().includes(needle);
}
function valueAt(entry, path) {
    let value = entry;
    for (const part of path.split('.')) {
        if (value === null || typeof value !== 'object')
            return undefined;
        value = value[part];
    }
    return value;
}
function stringAt(entry, path) {
    const value = valueAt(entry, path);
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
/** Up to n items spread evenly over the list (first and last included). */
function spread(items, n) {
    if (items.length <= n)
        return items;
    return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))]);
}

// EXTERNAL MODULE: ./src/core/cluster/cluster.ts + 9 modules
var cluster = __webpack_require__(30567);
// EXTERNAL MODULE: ./src/core/normalize/normalize.ts
var normalize = __webpack_require__(74540);
;// CONCATENATED MODULE: ./src/adapters/sample-clusters.ts
/**
 * The problems of a sample of the window, found with the product's own normaliser and clusterer
 * (so a problem peeled from the read is the problem the report shows), as peel candidates.
 */


function clusterSample(entries) {
    const clusterer = (0,cluster/* createClusterer */.Q8)();
    const grouped = [];
    for (const entry of entries) {
        const record = (0,normalize/* normalizeEntry */.YT)(entry);
        if ((0,normalize/* isSkip */.yL)(record))
            grouped.push({ entry, group: '', selector: '' });
        else
            grouped.push({ entry, group: clusterer.add(record), selector: record.selector ?? '' });
    }
    const identities = clusterer.finish();
    const byKey = new Map();
    const selectors = new Map();
    const sample = grouped.map(({ entry, group, selector }) => {
        const identity = group ? identities.get(group) : undefined;
        if (!identity)
            return { entry, key: '' };
        const key = identity.fingerprint;
        let candidate = byKey.get(key);
        if (!candidate) {
            candidate = {
                key,
                title: identity.title,
                kind: identity.kind === 'request' ? 'request' : 'text',
                selector,
                ...(identity.status !== undefined ? { status: identity.status } : {}),
                members: [],
            };
            byKey.set(key, candidate);
        }
        candidate.members.push(entry);
        const counts = selectors.get(key) ?? new Map();
        counts.set(selector, (counts.get(selector) ?? 0) + 1);
        selectors.set(key, counts);
        return { entry, key };
    });
    // One clause scopes one resource: a problem seen on several is peeled where it floods most.
    for (const candidate of byKey.values()) {
        const counts = [...(selectors.get(candidate.key) ?? new Map())];
        candidate.selector = counts.sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    }
    return { candidates: [...byKey.values()], sample };
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

// EXTERNAL MODULE: ./src/core/read/window.ts
var read_window = __webpack_require__(82906);
;// CONCATENATED MODULE: ./src/adapters/gcp-logging.ts






/** A pacing window for entries.list requests, to share between the reads of one run. */
function loggingRateWindow() {
    return new RateWindow(REQUESTS_PER_MINUTE, 60_000);
}
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
/** Sample, peel, read the rest: at most this many times before the rest is sampled too. */
const MAX_PEEL_ROUNDS = 3;
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
    rate;
    pacedMs = 0;
    weightById = new Map();
    backoffMs = 0;
    constructor(config, auth, deps) {
        this.config = config;
        this.auth = auth;
        this.deps = deps;
        this.rate = deps.rate ?? loggingRateWindow();
        this.window = (0,read_window/* queryWindow */.tn)(config, deps.now());
        this.baseQuery = (0,logging_query/* buildLoggingQuery */.oh)({
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
    /** Entries that stand for more than themselves, by insertId: 1/f for a peeled problem's sampled entry. */
    weights() {
        return { byId: this.weightById, exact: false };
    }
    async *read() {
        try {
            const budget = this.config.maxEntries;
            const full = await this.readWhole(this.baseQuery, budget);
            if (full.complete) {
                yield* full.entries;
                return;
            }
            yield* this.readPeeled(budget, full.estimate, full.coveredFrom, full.read);
        }
        finally {
            if (this.pacedMs > 0) {
                this.state.notes.push(`Paced ${this.state.requests} entries.list requests to at most ${REQUESTS_PER_MINUTE} a minute (quota: 60 a minute per project): ${seconds(this.pacedMs)} s of waiting.`);
            }
        }
    }
    /** Reads newest first into memory up to the budget; complete when the window fitted. */
    async readWhole(query, budget) {
        const entries = [];
        let pageToken = '';
        for (;;) {
            const page = await this.fetchPage(query, pageToken, Math.min(MAX_PAGE_SIZE, budget - entries.length));
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
    /**
     * Over budget: reads a deterministic sample of the window, peels the problems that dominate it
     * (src/core/read/peel.ts) and reads the rest whole, for up to MAX_PEEL_ROUNDS rounds. Without
     * anything to peel, the sample is the read (sampling, the last resort).
     */
    async *readPeeled(budget, firstEstimate, coveredFrom, read) {
        const windowMinutes = minutes(this.window.end - this.window.start);
        this.state.notes.push(`Over the max-entries budget (${budget}): the newest ${read} entries covered ${minutes(this.window.end - coveredFrom)} of the ${windowMinutes} window, ` +
            `so about ${Math.round(firstEstimate)} entries match.`);
        const peeled = [];
        let query = this.baseQuery;
        let estimate = firstEstimate;
        for (let round = 1; round <= MAX_PEEL_ROUNDS; round++) {
            const fraction = sampleFractionFor(budget, estimate);
            const sample = await this.readUpTo((0,logging_query/* withSample */.DQ)(query, fraction), budget);
            const { candidates, sample: keyed } = clusterSample(sample.entries);
            const choice = sample.complete
                ? choosePeels({ candidates, sample: keyed, fraction, budget, room: peelRoom(query) })
                : { peels: [], covered: new Map(), rest: sample.entries.length };
            if (choice.peels.length === 0 && peeled.length === 0) {
                yield* this.useSample(query, fraction, estimate, sample, budget);
                return;
            }
            for (const peel of choice.peels) {
                const covered = choice.covered.get(peel.key) ?? [];
                peeled.push({ entries: covered, fraction });
                this.state.notes.push(`Peeled (round ${round}): “${peel.title}”, about ${Math.round(covered.length / fraction)} entries, estimated from ${covered.length} in sample(insertId, ${(0,logging_query/* formatFraction */.MJ)(fraction)}) and excluded from the rest of the read with \`${peel.clause}\`.`);
            }
            if (choice.peels.length === 0)
                break;
            query = withPeels(query, choice.peels);
            estimate = Math.max(1, choice.rest / fraction);
            if (estimate > budget)
                continue;
            const rest = await this.readWhole(query, budget);
            if (rest.complete) {
                this.state.query = query;
                this.state.notes.push(`Read everything else whole: ${rest.entries.length} entries, exact counts (${this.state.requests} entries.list requests in all). Counts of peeled problems are estimated (≈), all others exact.`);
                this.deps.log(`Peeled ${peeled.length} problem(s); read the other ${rest.entries.length} entries whole.`);
                yield* this.weighted(peeled, 1);
                yield* rest.entries;
                return;
            }
            estimate = rest.estimate;
        }
        // Last resort: the remainder is still over budget after the rounds: it is sampled too.
        const fraction = sampleFractionFor(budget, estimate);
        const sample = await this.readUpTo((0,logging_query/* withSample */.DQ)(query, fraction), budget);
        this.state.notes.push(`After peeling ${peeled.length} problem(s) the rest (about ${Math.round(estimate)} entries) was still over the budget, so it was sampled too (last resort): counts are estimated.`);
        yield* this.weighted(peeled, fraction);
        yield* this.useSample(query, fraction, estimate, sample, budget);
    }
    /** Peeled entries, each weighted 1/f of its sample relative to the run's global fraction. */
    *weighted(peeled, global) {
        for (const { entries, fraction } of peeled) {
            for (const entry of entries) {
                this.weightById.set(String(entry.insertId), global / fraction);
                yield entry;
            }
        }
    }
    /** The sample is the read: counts scaled by 1/f and estimated. */
    *useSample(query, fraction, estimate, sample, budget) {
        const sampled = (0,logging_query/* withSample */.DQ)(query, fraction);
        this.state.query = sampled;
        this.state.sampleFraction = fraction;
        this.state.notes.push(`Read a deterministic sample instead, sample(insertId, ${(0,logging_query/* formatFraction */.MJ)(fraction)}) of about ${Math.round(estimate)} entries; counts are scaled by ${(0,logging_query/* formatFraction */.MJ)(1 / fraction)} and estimated.`);
        this.deps.log(`Sampling ${(0,logging_query/* formatFraction */.MJ)(fraction)} of about ${Math.round(estimate)} entries (budget ${budget}).`);
        if (!sample.complete) {
            this.state.notes.push(`The sample reached the budget before the start of the window: entries before ${new Date(sample.reached).toISOString()} were not read ` +
                '(logs were burstier than the estimate). Raise max-entries or shorten the window for complete counts.');
        }
        yield* sample.entries;
    }
    /** Every page of a query, newest first, stopping at `cap` entries. */
    async readUpTo(query, cap) {
        const entries = [];
        let pageToken = '';
        for (;;) {
            const page = await this.fetchPage(query, pageToken, Math.min(MAX_PAGE_SIZE, cap - entries.length));
            entries.push(...page.entries);
            if (!page.nextPageToken)
                return { entries, complete: true, reached: this.window.start };
            if (entries.length >= cap)
                return { entries, complete: false, reached: oldestTimestamp(page.entries, this.window.end) };
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
/** f = budget ÷ (estimate × 1.25), written as the query will carry it. */
function sampleFractionFor(budget, estimate) {
    return Number((0,logging_query/* formatFraction */.MJ)(Math.min(0.95, budget / (estimate * SAMPLE_MARGIN))));
}
function seconds(ms) {
    return (ms / 1000).toFixed(1);
}
function minutes(ms) {
    const m = ms / 60_000;
    return m >= 120 ? `${(m / 60).toFixed(1)} h` : `${m.toFixed(1)} min`;
}

// EXTERNAL MODULE: ./src/core/model/log-record.ts
var log_record = __webpack_require__(87849);
;// CONCATENATED MODULE: ./src/core/read/analytics-sql.ts
/**
 * The Log Analytics SQL (issue 15): one query groups the window server-side by service, severity
 * and a normalised message line, with exact counts, first and last seen and a few sample ids per
 * group; a second fetches those sample entries by insert_id for the local pipeline.
 *
 * Pure, and written in the subset of SQL that GoogleSQL (BigQuery) and DuckDB both run, so a test
 * runs this exact text over the same entries in DuckDB and checks the grouping it computes:
 * - string literals hold no quote and only the backslash escapes both read alike: `\n` and
 *   `\x27` (BigQuery unescapes them in the literal, DuckDB keeps them for RE2, the regex engine of
 *   both); no `\d`, which BigQuery rejects in a literal;
 * - functions both have: REGEXP_REPLACE, REGEXP_EXTRACT, JSON_VALUE, COALESCE, CONCAT, CAST,
 *   SUBSTR, LOWER, RTRIM, STARTS_WITH, COUNT, MIN, MAX, STRING_AGG(… ORDER BY …), ROW_NUMBER.
 *   Two differ in DuckDB and the test gives them BigQuery's meaning with a macro: REGEXP_REPLACE
 *   replaces every match in BigQuery (DuckDB: the first, unless 'g'), and JSON_VALUE returns text
 *   in BigQuery (DuckDB: JSON).
 * The `_AllLogs` view's columns: https://cloud.google.com/logging/docs/analyze/query-linked-dataset
 */


/** Sample entries fetched per group: the first, the last (so first/last seen are exact) and one more. */
const SAMPLES_PER_GROUP = 3;
/** Groups returned at most, largest first: a hostile window cannot make the second query huge. */
const MAX_GROUPS = 2000;
const KEY_LENGTH = 200;
class AnalyticsQueryError extends Error {
    name = 'AnalyticsQueryError';
}
/** The `_AllLogs` view of the linked dataset, as BigQuery names it. */
function allLogsTable(dataset) {
    return `\`${dataset}._AllLogs\``;
}
/** The message a human reads: the payload's text, or the request's status. */
const MESSAGE = `COALESCE(text_payload, JSON_VALUE(json_payload, '$.message'), JSON_VALUE(json_payload, '$.msg'), JSON_VALUE(json_payload, '$.error'), JSON_VALUE(proto_payload, '$.status.message'), CONCAT('HTTP ', CAST(http_request.status AS STRING)), '')`;
/**
 * The line that names the problem: a Python traceback's last line (its exception), any other
 * message's first; with quoted strings, UUIDs, hex and words holding a digit masked as `<*>`.
 * Request logs are grouped by their status too (a column of the grouping).
 */
function messageKeyExpression(message = MESSAGE) {
    const line = `CASE WHEN STARTS_WITH(${message}, 'Traceback') THEN REGEXP_EXTRACT(RTRIM(${message}), '[^\\n]*$') ELSE REGEXP_EXTRACT(${message}, '^[^\\n]*') END`;
    const masks = [
        '"[^"]*"',
        '\\x27[^\\x27]*\\x27',
        '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
        '0x[0-9a-fA-F]+',
        // Any word with a digit in it: counts, ids (`sub-4f9a`), versions.
        '[A-Za-z0-9_-]*[0-9][A-Za-z0-9_.-]*',
    ];
    // Last, runs of masks collapse into one: `sub-10x4f` is one id, whichever mask reached it first.
    const masked = [...masks, '(<[*]>)+'].reduce((expr, pattern) => `REGEXP_REPLACE(${expr}, '${pattern}', '<*>')`, line);
    return `SUBSTR(${masked}, 1, ${KEY_LENGTH})`;
}
/** The window, resource, services and severity: the same selection as the Logging query. */
function whereClause(input) {
    const clauses = [
        `timestamp >= TIMESTAMP '${sqlTime(input.start)}'`,
        `timestamp < TIMESTAMP '${sqlTime(input.end)}'`,
        `resource.type = 'cloud_run_revision'`,
    ];
    if (input.services.length > 0)
        clauses.push(`JSON_VALUE(resource.labels, '$.service_name') IN (${input.services.map(literal).join(', ')})`);
    const severity = severityCondition(input.minSeverity);
    if (severity)
        clauses.push(severity);
    return clauses.join('\n  AND ');
}
/** Groups of the window with exact counts, first/last seen and sample insert_ids, largest first. */
function buildGroupQuery(input) {
    return [
        'WITH entries AS (',
        '  SELECT',
        `    COALESCE(JSON_VALUE(resource.labels, '$.service_name'), '') AS service,`,
        `    COALESCE(severity, 'DEFAULT') AS severity,`,
        `    ${messageKeyExpression()} AS message_key,`,
        '    http_request.status AS status,',
        '    insert_id,',
        '    timestamp',
        `  FROM ${allLogsTable(input.dataset)}`,
        `  WHERE ${whereClause(input)}`,
        '), ranked AS (',
        '  SELECT *,',
        '    ROW_NUMBER() OVER (PARTITION BY service, severity, status, message_key ORDER BY timestamp, insert_id) AS first_rank,',
        '    ROW_NUMBER() OVER (PARTITION BY service, severity, status, message_key ORDER BY timestamp DESC, insert_id DESC) AS last_rank',
        '  FROM entries',
        ')',
        'SELECT service, severity, status, message_key,',
        '  COUNT(*) AS entries,',
        '  MIN(timestamp) AS first_seen,',
        '  MAX(timestamp) AS last_seen,',
        `  STRING_AGG(CASE WHEN first_rank <= ${SAMPLES_PER_GROUP - 1} OR last_rank = 1 THEN insert_id END, ',' ORDER BY insert_id) AS sample_ids`,
        'FROM ranked',
        'GROUP BY service, severity, status, message_key',
        'ORDER BY entries DESC, service, severity, status, message_key',
        `LIMIT ${MAX_GROUPS}`,
    ].join('\n');
}
/** The sample entries by insert_id, as LogEntry fields (JSON columns come back as JSON text). */
function buildSampleQuery(input, insertIds) {
    return [
        'SELECT insert_id, timestamp, severity, log_name, resource.type AS resource_type,',
        '  resource.labels AS resource_labels, text_payload, json_payload, proto_payload,',
        '  http_request.request_method AS http_method, http_request.request_url AS http_url, http_request.status AS http_status,',
        '  trace, labels',
        `FROM ${allLogsTable(input.dataset)}`,
        `WHERE timestamp >= TIMESTAMP '${sqlTime(input.start)}' AND timestamp < TIMESTAMP '${sqlTime(input.end)}'`,
        `  AND insert_id IN (${insertIds.map(literal).join(', ')})`,
    ].join('\n');
}
/**
 * Severity at or above the minimum, a 5xx request, or an entry without severity that is an error
 * all the same (stderr with an error word, or a JSON level high enough): the Logging query's rule.
 */
function severityCondition(minSeverity) {
    if (minSeverity === 'DEFAULT')
        return '';
    const atLeast = log_record/* SEVERITIES */.oC.filter((s) => (0,log_record/* severityRank */.qs)(s) >= (0,log_record/* severityRank */.qs)(minSeverity));
    const words = logging_query/* STDERR_ERROR_WORDS */.A2.map((w) => `LOWER(text_payload) LIKE '%${w.toLowerCase()}%'`).join(' OR ');
    // Level names as JSON loggers write them, and pino's numbers (40 warn, 50 error, 60 fatal).
    const pino = { WARNING: '40', ERROR: '50', CRITICAL: '60' };
    const levels = atLeast
        .filter((s) => s !== 'DEFAULT')
        .flatMap((s) => [s.toLowerCase(), ...(pino[s] ? [pino[s]] : [])])
        .map(literal);
    return (`(severity IN (${atLeast.map(literal).join(', ')}) OR http_request.status >= 500` +
        ` OR ((severity IS NULL OR severity = 'DEFAULT') AND ((log_name LIKE '%stderr%' AND (${words}))` +
        ` OR LOWER(JSON_VALUE(json_payload, '$.level')) IN (${levels.join(', ')}))))`);
}
/**
 * A string literal both dialects read alike: no quote and no backslash may appear (escaping
 * differs: BigQuery `\'`, DuckDB `''`), so anything else is refused, never spliced.
 */
function literal(text) {
    if (!/^[A-Za-z0-9_.:/@ -]*$/.test(text))
        throw new AnalyticsQueryError(`'${text}' cannot be written in the Log Analytics query (only letters, digits and _ . : / @ - are allowed)`);
    return `'${text}'`;
}
/** `2026-11-30 09:00:00.000`: UTC, read as such by both (BigQuery's default zone is UTC). */
function sqlTime(ms) {
    return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

;// CONCATENATED MODULE: ./src/adapters/bigquery-rows.ts
/**
 * BigQuery REST rows (`{schema:{fields}, rows:[{f:[{v}]}]}`) as plain objects, and the sample
 * rows of the `_AllLogs` view as the LogEntry JSON the normaliser reads. On the wire INT64 is a
 * string, TIMESTAMP a string of epoch seconds (`1.7648928E9`) and JSON columns JSON text.
 */
/** Rows as `{column: value}` with TIMESTAMP as epoch ms and INT64 as number. */
function cellsOf(response) {
    const fields = response.schema?.fields ?? [];
    return (response.rows ?? []).map((row) => Object.fromEntries(fields.map((field, i) => {
        const v = row.f[i]?.v ?? null;
        if (v === null)
            return [field.name, null];
        if (field.type === 'TIMESTAMP')
            return [field.name, Math.round(Number(v) * 1000)];
        if (field.type === 'INTEGER' || field.type === 'INT64')
            return [field.name, Number(v)];
        return [field.name, v];
    })));
}
/** Sample rows (analytics-sql.ts buildSampleQuery) as LogEntry JSON. */
function bigQueryRowsToEntries(response) {
    return cellsOf(response).map((row) => {
        const entry = {
            insertId: row.insert_id,
            timestamp: new Date(Number(row.timestamp)).toISOString(),
            logName: row.log_name ?? '',
            resource: { type: row.resource_type ?? '', labels: parseJson(row.resource_labels) ?? {} },
        };
        if (row.severity)
            entry.severity = row.severity;
        if (row.text_payload !== null)
            entry.textPayload = row.text_payload;
        const json = parseJson(row.json_payload);
        if (json)
            entry.jsonPayload = json;
        const proto = parseJson(row.proto_payload);
        if (proto)
            entry.protoPayload = proto;
        if (row.http_status !== null || row.http_url !== null) {
            entry.httpRequest = {
                ...(row.http_method ? { requestMethod: row.http_method } : {}),
                ...(row.http_url ? { requestUrl: row.http_url } : {}),
                ...(row.http_status !== null ? { status: Number(row.http_status) } : {}),
            };
        }
        if (row.trace)
            entry.trace = row.trace;
        const labels = parseJson(row.labels);
        if (labels)
            entry.labels = labels;
        return entry;
    });
}
function parseJson(value) {
    if (value === null || value === undefined || value === '')
        return undefined;
    if (typeof value === 'object')
        return value;
    try {
        const parsed = JSON.parse(String(value));
        return parsed && typeof parsed === 'object' ? parsed : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/core/markdown/format.ts
var format = __webpack_require__(60774);
;// CONCATENATED MODULE: ./src/adapters/log-analytics.ts





const log_analytics_REQUEST_TIMEOUT_MS = 120_000;
/** How long BigQuery may hold a jobs.query / getQueryResults call open waiting for the job. */
const WAIT_MS = 30_000;
const MAX_POLLS = 40;
/** insert_ids per sample query: keeps the SQL text far under BigQuery's 1 MB query limit. */
const IDS_PER_QUERY = 2000;
class LogAnalyticsSource {
    config;
    auth;
    deps;
    window;
    input;
    state;
    weightById = new Map();
    constructor(config, auth, deps) {
        this.config = config;
        this.auth = auth;
        this.deps = deps;
        this.window = (0,read_window/* queryWindow */.tn)(config, deps.now());
        this.input = {
            dataset: config.analytics.dataset,
            services: config.services,
            minSeverity: config.minSeverity,
            ...this.window,
        };
        this.state = {
            source: `log-analytics:${config.analytics.dataset}`,
            query: '',
            sampleFraction: 1,
            unreadable: {},
            notes: [],
            requests: 0,
        };
    }
    info() {
        return { ...this.state, unreadable: {}, notes: [...this.state.notes], window: this.window };
    }
    /** Each sample entry stands for its group's count ÷ its samples: exact sums, not estimates. */
    weights() {
        return { byId: this.weightById, exact: true };
    }
    async *read() {
        let groupSql;
        try {
            groupSql = buildGroupQuery(this.input);
        }
        catch (err) {
            if (err instanceof AnalyticsQueryError)
                throw new GoogleSetupError('logging', `analytics-dataset: ${err.message}`);
            throw err;
        }
        this.state.query = groupSql;
        const estimate = await this.dryRun(groupSql);
        const cap = this.config.analytics.maxBytes;
        if (estimate > cap)
            throw new GoogleSetupError('logging', `The Log Analytics query would scan ${gb(estimate)} (dry run), over analytics-max-bytes (${gb(cap)}); nothing was billed. ` +
                'Shorten the window (lookback), name fewer services, or raise analytics-max-bytes.');
        const grouped = await this.run(groupSql);
        const groups = cellsOf(grouped.response).map((row) => ({
            entries: Number(row.entries),
            ids: String(row.sample_ids ?? '')
                .split(',')
                .filter(Boolean),
        }));
        const total = groups.reduce((a, g) => a + g.entries, 0);
        const ids = groups.flatMap((g) => g.ids);
        let moved = 0;
        let bytes = grouped.bytes;
        const fetched = new Map();
        for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
            const sample = await this.run(buildSampleQuery(this.input, ids.slice(i, i + IDS_PER_QUERY)));
            bytes += sample.bytes;
            for (const entry of bigQueryRowsToEntries(sample.response))
                fetched.set(String(entry.insertId), entry);
        }
        this.state.notes.push(`Log Analytics (${this.config.analytics.dataset}): grouped ${(0,format/* formatCount */.B4)(total)} entries server-side into ${groups.length} groups with exact counts ` +
            `(dry-run estimate ${gb(estimate)}, ${gb(bytes)} scanned in all, cap analytics-max-bytes ${gb(cap)}); ` +
            `${fetched.size} sample entries were fetched by insert_id and clustered here, each standing for its group's share of the exact count. ` +
            `${this.state.requests} BigQuery requests. The timeline is drawn from samples.`);
        for (const group of groups) {
            const present = group.ids.filter((id) => fetched.has(id));
            for (const id of present) {
                this.weightById.set(id, group.entries / present.length);
                moved++;
                yield fetched.get(id);
            }
        }
        this.deps.log(`Log Analytics: ${total} entries in ${groups.length} groups; ${moved} sample entries moved.`);
    }
    /** Bytes the query would scan, from a dry run (free). */
    async dryRun(query) {
        const response = await this.call('POST', this.url('queries'), { query, useLegacySql: false, dryRun: true });
        return Number(response.totalBytesProcessed ?? 0);
    }
    /** Runs a query to completion, every page of its rows. */
    async run(query) {
        let response = await this.call('POST', this.url('queries'), {
            query,
            useLegacySql: false,
            maximumBytesBilled: String(this.config.analytics.maxBytes),
            timeoutMs: WAIT_MS,
        });
        const job = response.jobReference;
        const bytes = Number(response.totalBytesProcessed ?? 0);
        const rows = [...(response.rows ?? [])];
        for (let polls = 0; !response.jobComplete || response.pageToken; polls++) {
            if (!job?.jobId || polls >= MAX_POLLS)
                throw new GoogleSetupError('logging', 'The Log Analytics query did not finish in time; shorten the window.');
            const params = new URLSearchParams({ timeoutMs: String(WAIT_MS) });
            if (job.location)
                params.set('location', job.location);
            if (response.jobComplete && response.pageToken)
                params.set('pageToken', response.pageToken);
            response = await this.call('GET', `${this.url(`queries/${encodeURIComponent(job.jobId)}`)}?${params}`);
            if (response.jobComplete)
                rows.push(...(response.rows ?? []));
        }
        return { response: { ...response, rows }, bytes: bytes || Number(response.totalBytesProcessed ?? 0) };
    }
    url(path) {
        const project = this.config.analytics.dataset.replace(/\.[^.]+$/, '');
        return `${this.config.bigqueryEndpoint.replace(/\/+$/, '')}/bigquery/v2/projects/${encodeURIComponent(project)}/${path}`;
    }
    async call(method, url, body) {
        const headers = await this.auth.getRequestHeaders(url);
        headers.set('content-type', 'application/json');
        this.state.requests++;
        const response = await fetch(url, {
            method,
            headers,
            ...(body ? { body: JSON.stringify(body) } : {}),
            signal: AbortSignal.timeout(log_analytics_REQUEST_TIMEOUT_MS),
        });
        const text = await response.text();
        if (response.ok)
            return JSON.parse(text);
        throw explainBigQueryError(response.status, text, this.config.analytics.dataset);
    }
}
/** What BigQuery said, and the one thing to change. */
function explainBigQueryError(status, text, dataset) {
    let message = text.slice(0, 500);
    let reason = '';
    try {
        const error = JSON.parse(text).error;
        message = error?.message ?? message;
        reason = error?.errors?.[0]?.reason ?? '';
    }
    catch {
        // not JSON: keep the text
    }
    const said = `BigQuery answered ${status}${reason ? ` ${reason}` : ''}: ${redactExternal(message)}`;
    const fix = reason === 'bytesBilledLimitExceeded'
        ? 'The query scanned more than analytics-max-bytes: shorten the window or raise analytics-max-bytes.'
        : status === 403
            ? `Grant the action's identity roles/bigquery.jobUser on the project and roles/bigquery.dataViewer (or roles/logging.viewAccessor on the log view) on ${dataset}.`
            : status === 404
                ? `Check analytics-dataset: ${dataset} must be the dataset linked to the log bucket (gcloud logging links list --bucket=BUCKET --location=LOCATION).`
                : 'Check analytics-dataset and the BigQuery API (bigquery.googleapis.com) being enabled.';
    return new GoogleSetupError('logging', `${said}. ${fix}`);
}
function gb(bytes) {
    return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

;// CONCATENATED MODULE: ./src/adapters/google-sources.ts
/**
 * The Google adapters a Cloud Logging or Log Analytics read needs, in one module: the pipeline
 * loads them with one dynamic import, so the bundle keeps Google's client code in one chunk that a
 * logs-file run never compiles.
 */





/***/ })

};
