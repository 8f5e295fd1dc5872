export const id = 29;
export const ids = [29];
export const modules = {

/***/ 50029:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LOGGING_READ_SCOPES: () => (/* binding */ LOGGING_READ_SCOPES),
/* harmony export */   createGoogleAuth: () => (/* binding */ createGoogleAuth)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(492);
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(google_auth_library__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _gcp_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(32096);
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
    return new google_auth_library__WEBPACK_IMPORTED_MODULE_2__.IdentityPoolClient({
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
                    throw (0,_gcp_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .explainMissingOidc */ .dM)('ACTIONS_ID_TOKEN_REQUEST_URL is not set');
                }
                let token;
                try {
                    token = await deps.getIdToken(oidcAudience);
                }
                catch (err) {
                    throw new _gcp_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GoogleSetupError */ .pt('oidc', `Could not get the GitHub OIDC token (${(0,_gcp_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .redactExternal */ .tF)(err instanceof Error ? err.message : String(err))}). Check that the job has \`permissions: id-token: write\`.`, { cause: err });
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
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(keyFile)) {
            throw new _gcp_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GoogleSetupError */ .pt('adc', `GOOGLE_APPLICATION_CREDENTIALS points to \`${keyFile}\`, which does not exist. Run google-github-actions/auth in an earlier step of the same job, or set \`workload-identity-provider\`.`);
        }
        // The library's own ADC lookup, which finds this file before it would consider the metadata
        // server (and, unlike `keyFilename`, is not deprecated for externally sourced credentials).
        return new google_auth_library__WEBPACK_IMPORTED_MODULE_2__.GoogleAuth({ projectId, scopes: LOGGING_READ_SCOPES }).getClient();
    }
    const detection = (env.METADATA_SERVER_DETECTION ?? '').toLowerCase();
    if (detection === 'assume-present' || detection === 'ping-only') {
        return new google_auth_library__WEBPACK_IMPORTED_MODULE_2__.GoogleAuth({ projectId, scopes: LOGGING_READ_SCOPES }).getClient();
    }
    throw new _gcp_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GoogleSetupError */ .pt('adc', 'No Google credentials: set the `workload-identity-provider` input (and `permissions: id-token: write`), ' +
        'or run google-github-actions/auth in an earlier step so GOOGLE_APPLICATION_CREDENTIALS is set. ' +
        '(On a self-hosted runner in Google Cloud, set METADATA_SERVER_DETECTION=assume-present to use its service account.)');
}
/** Where `gcloud auth application-default login` writes credentials (useful for the CLI). */
function wellKnownCredentialsFile(env) {
    const dir = env.CLOUDSDK_CONFIG ||
        (env.APPDATA ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(env.APPDATA, 'gcloud') : env.HOME ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(env.HOME, '.config', 'gcloud') : '');
    const file = dir ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'application_default_credentials.json') : '';
    return file && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file) ? file : '';
}
function trimSlash(url) {
    return url.replace(/\/+$/, '');
}


/***/ }),

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


/***/ })

};
