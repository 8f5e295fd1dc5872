/**
 * Reads Cloud Logging `entries.list` for the run's window, paced under the quota, with backoff,
 * within the `max-entries` budget.
 *
 * Why a thin REST call and not @google-cloud/logging: the library was tried first, in REST mode
 * (`fallback: true`, `apiEndpoint`/`port`/`protocol: 'http'` reach a loopback fake fine), but its
 * REST transport decodes every page into protobuf objects, and a page holding any entry whose
 * `protoPayload` type it has no descriptor for — Cloud Run's own audit entries,
 * `type.googleapis.com/google.cloud.audit.AuditLog`, are `cloud_run_revision` entries — fails as a
 * whole ("cannot find type google.cloud.audit.AuditLog"; see googleapis/nodejs-logging#785, #991).
 * Entries also come back protobuf-shaped (`{seconds, nanos}` timestamps, Struct payloads, defaults
 * filled in), not the LogEntry JSON that `gcloud logging read` exports and the normaliser reads.
 * So this is the same wire call the library makes — `POST /v2/entries:list` with the auth client's
 * `getRequestHeaders()` — taking the JSON as Google sends it. The auth client is always ours.
 *
 * Budget and sampling (copied to the README):
 * Above `max-entries` the read is never cut silently. Cloud Logging has no count endpoint, so the
 * size of the window is learned by reading it newest first, keeping at most `max-entries` entries
 * in memory (a window that fits is then read whole, exactly). If entries remain, the total is
 * estimated from the time span the read covered (entries read × window length ÷ span covered),
 * the buffer is dropped and the window is read again with the query language's
 * `sample(insertId, f)`, f = budget ÷ (estimate × 1.25): a deterministic sample (the same entries
 * for the same window on every run) spread over the whole window instead of only its newest
 * minutes. Counts are then scaled by 1/f and marked estimated. When the first page alone shows
 * the window is over twice the budget, sampling starts at once and the full read is skipped.
 * If the sample still exceeds the budget (logs much burstier than the estimate assumed), the read
 * stops at the budget and a note says which part of the window was not read.
 */
import type { AuthClient } from 'google-auth-library';
import type { Config } from '../config/config-types.js';
import { buildLoggingQuery, formatFraction, withSample } from '../core/read/logging-query.js';
import { choosePeels, peelRoom, withPeels } from '../core/read/peel.js';
import { clusterSample } from './sample-clusters.js';
import type { LogSource, SourceInfo } from '../ports.js';
import { RateWindow } from '../core/read/rate-window.js';
import { queryWindow } from '../core/read/window.js';
import { explainAuthError, explainLoggingError, type ErrorContext, type GoogleApiErrorBody } from './gcp-errors.js';

export interface CloudLoggingDeps {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
  log(msg: string): void;
  /**
   * The project's request pacing, shared by every read of one run (the window and its
   * baseline): the 60-a-minute quota is per project, not per read.
   */
  rate?: RateWindow;
}

/** A pacing window for entries.list requests, to share between the reads of one run. */
export function loggingRateWindow(): RateWindow {
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

interface Page {
  entries: Record<string, unknown>[];
  nextPageToken: string;
}

export class CloudLoggingSource implements LogSource {
  /** The read window in epoch ms: start inclusive, end exclusive. */
  readonly window: { start: number; end: number };
  /** The generated query without sampling: the one for Logs Explorer links. */
  readonly baseQuery: string;
  private readonly state: SourceInfo;
  private readonly errorContext: ErrorContext;
  private readonly rate: RateWindow;
  private pacedMs = 0;
  private readonly weightById = new Map<string, number>();
  private backoffMs = 0;

  constructor(
    private readonly config: Config,
    private readonly auth: AuthClient,
    private readonly deps: CloudLoggingDeps,
  ) {
    this.rate = deps.rate ?? loggingRateWindow();
    this.window = queryWindow(config, deps.now());
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

  info(): SourceInfo {
    return {
      ...this.state,
      unreadable: { ...this.state.unreadable },
      notes: [...this.state.notes],
      window: this.window,
      baseQuery: this.baseQuery,
    };
  }

  /** Entries that stand for more than themselves, by insertId: 1/f for a peeled problem's sampled entry. */
  weights(): { byId: ReadonlyMap<string, number>; exact: boolean } {
    return { byId: this.weightById, exact: false };
  }

  async *read(): AsyncIterable<unknown> {
    try {
      const budget = this.config.maxEntries;
      const full = await this.readWhole(this.baseQuery, budget);
      if (full.complete) {
        yield* full.entries;
        return;
      }
      yield* this.readPeeled(budget, full.estimate, full.coveredFrom, full.read);
    } finally {
      if (this.pacedMs > 0) {
        this.state.notes.push(
          `Paced ${this.state.requests} entries.list requests to at most ${REQUESTS_PER_MINUTE} a minute (quota: 60 a minute per project): ${seconds(this.pacedMs)} s of waiting.`,
        );
      }
    }
  }

  /** Reads newest first into memory up to the budget; complete when the window fitted. */
  private async readWhole(
    query: string,
    budget: number,
  ): Promise<
    | { complete: true; entries: Record<string, unknown>[] }
    | { complete: false; estimate: number; coveredFrom: number; read: number }
  > {
    const entries: Record<string, unknown>[] = [];
    let pageToken = '';
    for (;;) {
      const page = await this.fetchPage(query, pageToken, Math.min(MAX_PAGE_SIZE, budget - entries.length));
      entries.push(...page.entries);
      if (!page.nextPageToken) return { complete: true, entries };
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
  private async *readPeeled(
    budget: number,
    firstEstimate: number,
    coveredFrom: number,
    read: number,
  ): AsyncIterable<unknown> {
    const windowMinutes = minutes(this.window.end - this.window.start);
    this.state.notes.push(
      `Over the max-entries budget (${budget}): the newest ${read} entries covered ${minutes(this.window.end - coveredFrom)} of the ${windowMinutes} window, ` +
        `so about ${Math.round(firstEstimate)} entries match.`,
    );
    const peeled: { entries: Record<string, unknown>[]; fraction: number }[] = [];
    let query = this.baseQuery;
    let estimate = firstEstimate;
    for (let round = 1; round <= MAX_PEEL_ROUNDS; round++) {
      const fraction = sampleFractionFor(budget, estimate);
      const sample = await this.readUpTo(withSample(query, fraction), budget);
      const { candidates, sample: keyed } = clusterSample(sample.entries);
      const choice = sample.complete
        ? choosePeels({ candidates, sample: keyed, fraction, budget, room: peelRoom(query) })
        : { peels: [], covered: new Map<string, Record<string, unknown>[]>(), rest: sample.entries.length };
      if (choice.peels.length === 0 && peeled.length === 0) {
        yield* this.useSample(query, fraction, estimate, sample, budget);
        return;
      }
      for (const peel of choice.peels) {
        const covered = choice.covered.get(peel.key) ?? [];
        peeled.push({ entries: covered, fraction });
        this.state.notes.push(
          `Peeled (round ${round}): “${peel.title}”, about ${Math.round(covered.length / fraction)} entries, estimated from ${covered.length} in sample(insertId, ${formatFraction(fraction)}) and excluded from the rest of the read with \`${peel.clause}\`.`,
        );
      }
      if (choice.peels.length === 0) break;
      query = withPeels(query, choice.peels);
      estimate = Math.max(1, choice.rest / fraction);
      if (estimate > budget) continue;
      const rest = await this.readWhole(query, budget);
      if (rest.complete) {
        this.state.query = query;
        this.state.notes.push(
          `Read everything else whole: ${rest.entries.length} entries, exact counts (${this.state.requests} entries.list requests in all). Counts of peeled problems are estimated (≈), all others exact.`,
        );
        this.deps.log(`Peeled ${peeled.length} problem(s); read the other ${rest.entries.length} entries whole.`);
        yield* this.weighted(peeled, 1);
        yield* rest.entries;
        return;
      }
      estimate = rest.estimate;
    }
    // Last resort: the remainder is still over budget after the rounds: it is sampled too.
    const fraction = sampleFractionFor(budget, estimate);
    const sample = await this.readUpTo(withSample(query, fraction), budget);
    this.state.notes.push(
      `After peeling ${peeled.length} problem(s) the rest (about ${Math.round(estimate)} entries) was still over the budget, so it was sampled too (last resort): counts are estimated.`,
    );
    yield* this.weighted(peeled, fraction);
    yield* this.useSample(query, fraction, estimate, sample, budget);
  }

  /** Peeled entries, each weighted 1/f of its sample relative to the run's global fraction. */
  private *weighted(peeled: { entries: Record<string, unknown>[]; fraction: number }[], global: number) {
    for (const { entries, fraction } of peeled) {
      for (const entry of entries) {
        this.weightById.set(String(entry.insertId), global / fraction);
        yield entry;
      }
    }
  }

  /** The sample is the read: counts scaled by 1/f and estimated. */
  private *useSample(
    query: string,
    fraction: number,
    estimate: number,
    sample: { entries: Record<string, unknown>[]; complete: boolean; reached: number },
    budget: number,
  ): Iterable<unknown> {
    const sampled = withSample(query, fraction);
    this.state.query = sampled;
    this.state.sampleFraction = fraction;
    this.state.notes.push(
      `Read a deterministic sample instead, sample(insertId, ${formatFraction(fraction)}) of about ${Math.round(estimate)} entries; counts are scaled by ${formatFraction(1 / fraction)} and estimated.`,
    );
    this.deps.log(`Sampling ${formatFraction(fraction)} of about ${Math.round(estimate)} entries (budget ${budget}).`);
    if (!sample.complete) {
      this.state.notes.push(
        `The sample reached the budget before the start of the window: entries before ${new Date(sample.reached).toISOString()} were not read ` +
          '(logs were burstier than the estimate). Raise max-entries or shorten the window for complete counts.',
      );
    }
    yield* sample.entries;
  }

  /** Every page of a query, newest first, stopping at `cap` entries. */
  private async readUpTo(
    query: string,
    cap: number,
  ): Promise<{ entries: Record<string, unknown>[]; complete: boolean; reached: number }> {
    const entries: Record<string, unknown>[] = [];
    let pageToken = '';
    for (;;) {
      const page = await this.fetchPage(query, pageToken, Math.min(MAX_PAGE_SIZE, cap - entries.length));
      entries.push(...page.entries);
      if (!page.nextPageToken) return { entries, complete: true, reached: this.window.start };
      if (entries.length >= cap)
        return { entries, complete: false, reached: oldestTimestamp(page.entries, this.window.end) };
      pageToken = page.nextPageToken;
    }
  }

  private estimateTotal(read: number, coveredFrom: number): number {
    const covered = Math.max(1, this.window.end - coveredFrom);
    return (read * (this.window.end - this.window.start)) / covered;
  }

  /** One entries.list call: paced, retried with jittered backoff on 429, 5xx and network errors. */
  private async fetchPage(filter: string, pageToken: string, pageSize: number): Promise<Page> {
    const url = `${this.config.loggingEndpoint.replace(/\/+$/, '')}/v2/entries:list`;
    const body = JSON.stringify({
      resourceNames: [`projects/${this.config.projectId}`],
      filter,
      orderBy: 'timestamp desc',
      pageSize,
      ...(pageToken ? { pageToken } : {}),
    });
    for (let attempt = 0; ; attempt++) {
      await this.pace();
      const headers = await this.requestHeaders(url);
      this.state.requests++;
      let failure: GoogleApiErrorBody;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await response.text();
        if (response.ok) {
          const json = JSON.parse(text) as { entries?: Record<string, unknown>[]; nextPageToken?: string };
          return { entries: json.entries ?? [], nextPageToken: json.nextPageToken ?? '' };
        }
        failure = parseErrorBody(response.status, text);
        if (response.status !== 429 && response.status < 500) throw explainLoggingError(failure, this.errorContext);
      } catch (err) {
        if (!isNetworkError(err)) throw err;
        failure = { httpStatus: 0, status: 'UNAVAILABLE', message: err instanceof Error ? err.message : String(err) };
      }
      await this.backOff(attempt, failure);
    }
  }

  private async requestHeaders(url: string): Promise<Headers> {
    let headers: Headers;
    try {
      headers = await this.auth.getRequestHeaders(url);
    } catch (err) {
      throw explainAuthError(err, this.errorContext);
    }
    headers.set('content-type', 'application/json');
    return headers;
  }

  /** At most REQUESTS_PER_MINUTE starts in any minute: a run under that never waits. */
  private async pace(): Promise<void> {
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
  private async backOff(attempt: number, failure: GoogleApiErrorBody): Promise<void> {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
    const delay = Math.round(ceiling / 2 + this.deps.random() * (ceiling / 2));
    const what = failure.httpStatus ? `${failure.httpStatus} ${failure.status}` : `network error (${failure.message})`;
    if (this.backoffMs + delay > MAX_TOTAL_BACKOFF_MS) {
      if (failure.httpStatus === 429) throw explainLoggingError(failure, this.errorContext);
      throw explainLoggingError(
        { ...failure, message: `${failure.message} (still failing after ${seconds(this.backoffMs)} s of retries)` },
        this.errorContext,
      );
    }
    this.backoffMs += delay;
    const why = failure.httpStatus === 429 ? ' (quota 60 requests/min)' : '';
    const note = `Waited ${seconds(delay)} s after ${what}${why}.`;
    this.state.notes.push(note);
    this.deps.log(note);
    await this.deps.sleep(delay);
  }
}

function parseErrorBody(httpStatus: number, text: string): GoogleApiErrorBody {
  try {
    const error = (JSON.parse(text) as { error?: { message?: string; status?: string } }).error;
    return { httpStatus, status: error?.status ?? '', message: error?.message ?? text.slice(0, 500) };
  } catch {
    return { httpStatus, status: '', message: text.slice(0, 500) };
  }
}

function isNetworkError(err: unknown): boolean {
  return (
    err instanceof TypeError || (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
  );
}

function oldestTimestamp(entries: Record<string, unknown>[], fallback: number): number {
  let oldest = fallback;
  for (const entry of entries) {
    const t = Date.parse(String(entry.timestamp));
    if (Number.isFinite(t) && t < oldest) oldest = t;
  }
  return oldest;
}

/** f = budget ÷ (estimate × 1.25), written as the query will carry it. */
function sampleFractionFor(budget: number, estimate: number): number {
  return Number(formatFraction(Math.min(0.95, budget / (estimate * SAMPLE_MARGIN))));
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

function minutes(ms: number): string {
  const m = ms / 60_000;
  return m >= 120 ? `${(m / 60).toFixed(1)} h` : `${m.toFixed(1)} min`;
}
