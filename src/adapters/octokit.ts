import { GitHub, defaults, getOctokitOptions } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

/**
 * Octokit as the action uses it: @actions/github's GitHub class (REST methods, pagination,
 * proxy-aware fetch) plus retry and throttling.
 * - A 429, whatever its wording, is waited out here, at the fetch level, on reads and writes alike:
 *   the throttling plugin only recognises a 429 that says "secondary rate" or has
 *   x-ratelimit-remaining 0, and GitHub documents that a secondary limit may answer 429 with
 *   neither (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api).
 * - A 403 secondary or primary limit is handled by the throttling plugin, honouring `retry-after`;
 *   a primary limit is waited out only when it resets soon, or the run would sit for up to an hour.
 * - The retry plugin retries only 5xx: every 4xx (including 403/429, which throttling owns) is in
 *   doNotRetry. Writes that create content pass `request: { retries: 0 }` (see github-issues.ts).
 * - Throttling also spaces writes (1 s, 3 s for ones that notify), which keeps a run well under
 *   the ~80 content-creating requests a minute GitHub allows (DESIGN §6).
 */
type BottleneckGroup = NonNullable<NonNullable<ConstructorParameters<typeof MyOctokit>[0]>['throttle']>['write'];
const MyOctokit = GitHub.plugin(retry, throttling);
export type ActionOctokit = InstanceType<typeof MyOctokit>;

export interface OctokitTiming {
  /** Multiplier for `retry-after` seconds and the 5xx back-off (ms per unit); tests use 1. */
  retryAfterBaseValue: number;
  /** Minimum spacing between writes and between notification-triggering writes. */
  writeMinTimeMs: number;
  notificationMinTimeMs: number;
  /** Give up on a rate limit whose wait is longer than this (seconds). */
  maxRateLimitWaitSeconds: number;
  /** Retries of one request on a rate limit or a 5xx. */
  retries: number;
  /** All rate-limit waits of the run together stay under this (seconds); then the request fails. */
  maxTotalWaitSeconds: number;
}

export const PRODUCTION_TIMING: OctokitTiming = {
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
export function rateLimitWaitSeconds(headers: Headers, now: number): number {
  const retryAfter = Number(headers.get('retry-after'));
  if (headers.get('retry-after') !== null && Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter;
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (headers.get('x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0)
    return Math.max(0, Math.ceil(reset - now / 1000) + 1);
  return FALLBACK_WAIT_SECONDS;
}

export interface OctokitHandle {
  octokit: ActionOctokit;
  /** HTTP requests sent, retries included. */
  requests(): number;
  writes(): number;
  /** One line per rate-limit wait, for the worklog's notes. */
  waits(): string[];
}

/**
 * The slice of Bottleneck.Group the throttling plugin uses for its write and notification
 * groups (`group.key(id).schedule(options, fn, ...args)`): one job at a time, `minTime` apart.
 */
class SpacingGroup {
  private tail: Promise<unknown> = Promise.resolve();
  private last = 0;
  private readonly limiter = {
    schedule: <T>(_options: unknown, fn: (...args: unknown[]) => Promise<T>, ...args: unknown[]): Promise<T> => {
      const run = this.tail.then(async () => {
        const wait = this.last + this.minTime - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        this.last = Date.now();
        return fn(...args);
      });
      this.tail = run.catch(() => undefined);
      return run;
    },
  };

  constructor(private readonly minTime: number) {}

  key(): { schedule: SpacingGroup['limiter']['schedule'] } {
    return this.limiter;
  }
}

/** Every 4xx GitHub sends; none is worth a retry by the retry plugin (rate limits go to throttling). */
const DO_NOT_RETRY = [400, 401, 403, 404, 405, 409, 410, 411, 412, 413, 415, 422, 429, 451];

export function createOctokit(
  config: { token: string; apiUrl: string },
  log: (message: string) => void = () => undefined,
  timing: OctokitTiming = PRODUCTION_TIMING,
): OctokitHandle {
  let requests = 0;
  let writes = 0;
  let waitedSeconds = 0;
  const waits: string[] = [];
  const baseFetch = (defaults.request?.fetch ?? globalThis.fetch) as typeof fetch;
  const countingFetch = (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    requests += 1;
    if (init?.method && init.method !== 'GET' && init.method !== 'HEAD') writes += 1;
    return baseFetch(url, init);
  };
  // Octokit sends bodies as strings, so a request can be sent again as it is.
  const waitingFetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const response = await countingFetch(url, init);
      if (response.status !== 429 || attempt >= timing.retries) return response;
      const seconds = rateLimitWaitSeconds(response.headers, Date.now());
      const what = `${init?.method ?? 'GET'} ${new URL(String(url)).pathname}`;
      if (seconds > timing.maxRateLimitWaitSeconds || waitedSeconds + seconds > timing.maxTotalWaitSeconds) {
        waits.push(`GitHub answered 429 on ${what}; not waiting ${seconds}s (over the run's wait budget).`);
        return response;
      }
      waitedSeconds += seconds;
      waits.push(`GitHub answered 429 on ${what}; waited ${seconds}s and retried (attempt ${attempt + 2}).`);
      log(waits[waits.length - 1]!);
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, seconds * timing.retryAfterBaseValue));
    }
  };
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const retrying =
        retryCount < timing.retries &&
        retryAfter <= timing.maxRateLimitWaitSeconds &&
        waitedSeconds + retryAfter <= timing.maxTotalWaitSeconds;
      if (retrying) waitedSeconds += retryAfter;
      const line = `GitHub ${kind} on ${options.method} ${options.url}: ${retrying ? `waited ${retryAfter}s and retried` : 'not retried (over the wait budget)'} (attempt ${retryCount + 1})`;
      waits.push(`${line}.`);
      log(line);
      return retrying;
    };
  // Our own spacing groups per client: the plugin's shared module-level Bottleneck groups would
  // ignore our timing and leak one client's spacing into the next.
  const group = (minTime: number): BottleneckGroup => new SpacingGroup(minTime) as unknown as BottleneckGroup;
  const octokit = new MyOctokit(
    getOctokitOptions(config.token, {
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
    }),
  );
  return { octokit, requests: () => requests, writes: () => writes, waits: () => [...waits] };
}
