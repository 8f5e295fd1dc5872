export const id = 533;
export const ids = [533];
export const modules = {

/***/ 63533:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PRODUCTION_TIMING: () => (/* reexport */ PRODUCTION_TIMING),
  createGitHubIssues: () => (/* binding */ createGitHubIssues)
});

// UNUSED EXPORTS: ACTIONS_BOT, GitHubIssues

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 19 modules
var utils = __webpack_require__(85555);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(49735);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(63251);
;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
// pkg/dist-src/index.js


// pkg/dist-src/version.js
var VERSION = "0.0.0-development";

// pkg/dist-src/wrap-request.js
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}

// pkg/dist-src/generated/triggers-notification-paths.js
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];

// pkg/dist-src/route-matcher.js
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}

// pkg/dist-src/index.js
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = light,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;


;// CONCATENATED MODULE: ./src/adapters/octokit.ts



const MyOctokit = utils/* GitHub */.gq.plugin(dist_bundle/* retry */.L, throttling);
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


/***/ })

};
