import type { GoogleFake } from './fakes/google-servers.js';
import { findCluster, type FloodTruth } from './fakes/flood-window.js';
import { runDist, type DistRun } from './run-dist.js';

export const FLOOD_PROVIDER = 'projects/123456/locations/global/workloadIdentityPools/github/providers/octo';
export const FLOOD_SA = 'reader@demo-project.iam.gserviceaccount.com';

/** The bundle reading [start, end) of every service from the fake through WIF, dry run, no GitHub. */
export async function runFloodWindow(
  fake: GoogleFake,
  start: number,
  end: number,
  inputs: Record<string, string> = {},
): Promise<DistRun> {
  return runDist(
    {
      'project-id': 'demo-project',
      'workload-identity-provider': FLOOD_PROVIDER,
      'service-account': FLOOD_SA,
      since: new Date(start).toISOString(),
      until: new Date(end).toISOString(),
      'dry-run': 'true',
      'github-token': '',
      'logging-endpoint': fake.baseUrl,
      'sts-endpoint': fake.baseUrl,
      'iam-credentials-endpoint': fake.baseUrl,
      ...inputs,
    },
    { ACTIONS_ID_TOKEN_REQUEST_URL: fake.oidcUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' },
  );
}

export interface FloodScore {
  rare: number;
  rareFound: number;
  rareExact: number;
  /** Rare errors not found or not exact: marker and what the report said. */
  misses: string[];
  /** Per flood: `estimate/truth (±x %)`. */
  floodErrors: string;
  worstFloodError: number;
}

interface ReportCluster {
  title: string;
  template: string;
  sample: string;
  count: number;
  estimated?: true;
  countMethod?: string;
}

/** Compares a run's report with the window's truth. */
export function scoreFloodRun(run: DistRun, truth: FloodTruth[]): FloodScore {
  const clusters = (run.report?.clusters ?? []) as ReportCluster[];
  const rare = truth.filter((t) => t.kind === 'rare');
  const misses: string[] = [];
  let found = 0;
  let exact = 0;
  for (const t of rare) {
    const c = findCluster(clusters, t.marker);
    if (c) found++;
    if (c && c.count === t.count && !c.estimated) exact++;
    else misses.push(`${t.marker}: ${c ? `${c.count}${c.estimated ? ' (estimated)' : ''} vs ${t.count}` : 'missing'}`);
  }
  let worst = 0;
  const floods = truth
    .filter((t) => t.kind === 'flood')
    .map((t) => {
      const c = findCluster(clusters, t.marker);
      if (!c) {
        worst = Infinity;
        return `${t.marker}: missing`;
      }
      const error = (c.count - t.count) / t.count;
      worst = Math.max(worst, Math.abs(error));
      return `${c.count}${c.estimated ? '≈' : ''}/${t.count} (${error >= 0 ? '+' : ''}${(error * 100).toFixed(1)} %)`;
    });
  return {
    rare: rare.length,
    rareFound: found,
    rareExact: exact,
    misses,
    floodErrors: floods.join(', '),
    worstFloodError: worst,
  };
}
