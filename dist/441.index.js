export const id = 441;
export const ids = [441];
export const modules = {

/***/ 32096:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X$: () => (/* binding */ explainLoggingError),
/* harmony export */   dM: () => (/* binding */ explainMissingOidc),
/* harmony export */   pt: () => (/* binding */ GoogleSetupError),
/* harmony export */   tF: () => (/* binding */ redactExternal),
/* harmony export */   y6: () => (/* binding */ explainAuthError)
/* harmony export */ });
/* unused harmony export googleErrorBody */
/* harmony import */ var _core_redact_redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(89152);
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
    return (0,_core_redact_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redactText */ .Rd)(text, { ips: false });
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


/***/ }),

/***/ 63441:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LogAnalyticsSource: () => (/* binding */ LogAnalyticsSource)
});

// EXTERNAL MODULE: ./src/core/model/log-record.ts
var log_record = __webpack_require__(87849);
// EXTERNAL MODULE: ./src/core/read/logging-query.ts
var logging_query = __webpack_require__(17008);
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

// EXTERNAL MODULE: ./src/core/read/window.ts
var read_window = __webpack_require__(82906);
// EXTERNAL MODULE: ./src/adapters/gcp-errors.ts
var gcp_errors = __webpack_require__(32096);
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

;// CONCATENATED MODULE: ./src/adapters/log-analytics.ts




const REQUEST_TIMEOUT_MS = 120_000;
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
                throw new gcp_errors/* GoogleSetupError */.pt('logging', `analytics-dataset: ${err.message}`);
            throw err;
        }
        this.state.query = groupSql;
        const estimate = await this.dryRun(groupSql);
        const cap = this.config.analytics.maxBytes;
        if (estimate > cap)
            throw new gcp_errors/* GoogleSetupError */.pt('logging', `The Log Analytics query would scan ${gb(estimate)} (dry run), over analytics-max-bytes (${gb(cap)}); nothing was billed. ` +
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
        this.state.notes.push(`Log Analytics (${this.config.analytics.dataset}): grouped ${total.toLocaleString('en-US')} entries server-side into ${groups.length} groups with exact counts ` +
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
                throw new gcp_errors/* GoogleSetupError */.pt('logging', 'The Log Analytics query did not finish in time; shorten the window.');
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
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
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
    const said = `BigQuery answered ${status}${reason ? ` ${reason}` : ''}: ${(0,gcp_errors/* redactExternal */.tF)(message)}`;
    const fix = reason === 'bytesBilledLimitExceeded'
        ? 'The query scanned more than analytics-max-bytes: shorten the window or raise analytics-max-bytes.'
        : status === 403
            ? `Grant the action's identity roles/bigquery.jobUser on the project and roles/bigquery.dataViewer (or roles/logging.viewAccessor on the log view) on ${dataset}.`
            : status === 404
                ? `Check analytics-dataset: ${dataset} must be the dataset linked to the log bucket (gcloud logging links list --bucket=BUCKET --location=LOCATION).`
                : 'Check analytics-dataset and the BigQuery API (bigquery.googleapis.com) being enabled.';
    return new gcp_errors/* GoogleSetupError */.pt('logging', `${said}. ${fix}`);
}
function gb(bytes) {
    return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}


/***/ })

};
