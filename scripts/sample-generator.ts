/**
 * Deterministic generator of an exported hour of Cloud Run logs during an outage, in the
 * exact shape `gcloud logging read --format=json` prints. Three services:
 * - orders-api (Python/gunicorn): a deploy at +18 min ships an ImportError → crash loop;
 * - auth-service (Go): its Cloud SQL (postgres) connections time out from +25 to +50 min;
 * - web-frontend (Node.js): 502/503 on many routes while the backends fail.
 * Plus configuration warnings, memory-limit kills, health-check 404s and normal traffic.
 */
import { buildEntry, createRng, createServices, Ids } from './sample-entry.js';
import { buildEpisode, type Kind } from './sample-episodes.js';

const MINUTE = 60_000;
const DEPLOY_MIN = 18;

/** Episodes per hour at scale 1 and the minutes of the hour they occur in. */
const PLAN: { kind: Kind; count: number; from: number; to: number }[] = [
  { kind: 'frontendOk', count: 500, from: 0, to: 60 },
  { kind: 'ordersOk', count: 160, from: 0, to: DEPLOY_MIN + 1 },
  { kind: 'authOk', count: 270, from: 0, to: 60 },
  { kind: 'ordersCrash', count: 44, from: DEPLOY_MIN + 1, to: 60 },
  { kind: 'ordersUnavailable', count: 190, from: DEPLOY_MIN + 1, to: 60 },
  { kind: 'authDbTimeout', count: 105, from: 25, to: 50 },
  { kind: 'authTimeout504', count: 14, from: 27, to: 49 },
  { kind: 'frontendConfig', count: 8, from: 0, to: 60 },
  { kind: 'healthCheck404', count: 60, from: 0, to: 60 },
  { kind: 'memoryLimit', count: 3, from: 35, to: 58 },
];

export interface IncidentOptions {
  seed: number;
  start: Date;
  /** Multiplies every episode count (default 1 ≈ 2,500 entries, under 3 MB pretty-printed). */
  scale?: number;
}

/** An hour of entries, newest first like gcloud prints them. */
export function generateIncidentHour(options: IncidentOptions): object[] {
  const ids = new Ids(createRng(options.seed));
  const services = createServices(ids, options.seed);
  const start = options.start.getTime();
  const scale = options.scale ?? 1;
  const episodes: { kind: Kind; ms: number }[] = [];
  for (const plan of PLAN) {
    const count = Math.max(1, Math.round(plan.count * scale));
    for (let i = 0; i < count; i++) {
      const ms = start + plan.from * MINUTE + Math.floor(ids.rng() * (plan.to - plan.from) * MINUTE);
      episodes.push({ kind: plan.kind, ms });
    }
  }
  episodes.sort((a, b) => a.ms - b.ms);
  const entries: Record<string, unknown>[] = [];
  for (const episode of episodes)
    for (const spec of buildEpisode(episode.kind, episode.ms, ids, services)) entries.push(buildEntry(spec, ids));
  const end = start + 60 * MINUTE;
  return entries
    .filter((entry) => Date.parse(entry.timestamp as string) < end)
    .sort((a, b) => ((a.timestamp as string) < (b.timestamp as string) ? 1 : -1));
}

/** `count` entries with the same mix, oldest first, over one hour: for the 1,000,000-entry benchmark. */
export function* generateEntries(count: number, seed: number, start: Date): Generator<object> {
  const ids = new Ids(createRng(seed));
  const services = createServices(ids, seed);
  const startMs = start.getTime();
  const totalWeight = PLAN.reduce((sum, plan) => sum + plan.count, 0);
  // About 1.5 entries per episode: spread the episodes evenly over the hour.
  const step = (60 * MINUTE) / (count / 1.5);
  let produced = 0;
  for (let t = 0; produced < count; t += step) {
    const ms = startMs + Math.floor(t % (60 * MINUTE));
    const minute = (ms - startMs) / MINUTE;
    let roll = ids.rng() * totalWeight;
    let kind: Kind = 'frontendOk';
    for (const plan of PLAN) {
      roll -= plan.count;
      if (roll < 0) {
        kind = minute >= plan.from && minute < plan.to ? plan.kind : 'frontendOk';
        break;
      }
    }
    for (const spec of buildEpisode(kind, ms, ids, services)) {
      if (produced++ >= count) return;
      yield buildEntry(spec, ids);
    }
  }
}
