/**
 * Incidents through the bundle (issue 13), on the realistic hours whose truth says what the
 * incidents are: two unrelated roots at the same time in two services, a symptom that outlives its
 * root into the next hour, and trace ids linking a caller's 5xx to the callee's exception.
 */
import { rmSync } from 'node:fs';
import type { HourKind, HourTruth } from '../scripts/realistic/generate.js';
import { realisticHourFiles } from '../test/realistic-hours.js';
import { runDist } from '../test/run-dist.js';

interface ReportCluster {
  fingerprint: string;
  insertIds: string[];
  incident: string | null;
}
interface ReportIncident {
  id: string;
  root: string;
  members: string[];
  links: { from: string; to: string; evidence: string }[];
}
interface HourRun {
  truth: HourTruth;
  incidents: ReportIncident[];
  /** Fingerprint → the true problem most of its entries belong to. */
  problemOf: Map<string, string>;
  creates: string[];
}

const ISSUE_ACTIONS = new Set(['create', 'update', 'reopen', 'comment']);

async function runHours(kind: HourKind): Promise<HourRun[]> {
  const out: HourRun[] = [];
  for (const file of realisticHourFiles([kind])) {
    const run = await runDist({ 'logs-file': file.file, 'dry-run': 'true', 'max-new-issues': '100' });
    rmSync(run.runnerTemp, { recursive: true, force: true });
    rmSync(run.workspace, { recursive: true, force: true });
    if (run.code !== 0 || !run.report) throw new Error(`${kind} hour ${file.hour}: exit ${run.code}\n${run.stderr}`);
    const clusters = run.report.clusters as ReportCluster[];
    const problemOf = new Map<string, string>();
    for (const c of clusters) {
      const counts = new Map<string, number>();
      for (const id of c.insertIds) {
        const p = file.truth.entries[id]?.problem ?? '(none)';
        counts.set(p, (counts.get(p) ?? 0) + 1);
      }
      problemOf.set(c.fingerprint, [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '(none)');
    }
    const actions = run.report.actions as { action: string; fingerprint: string }[];
    out.push({
      truth: file.truth,
      incidents: run.report.incidents as ReportIncident[],
      problemOf,
      creates: actions.filter((a) => ISSUE_ACTIONS.has(a.action)).map((a) => problemOf.get(a.fingerprint)!),
    });
  }
  return out;
}

/** The incidents as their true problems: root first, then the members' problems (distinct, sorted). */
function story(run: HourRun): { root: string; problems: string[] }[] {
  return run.incidents
    .filter((i) => i.members.length > 1)
    .map((i) => ({
      root: run.problemOf.get(i.root)!,
      problems: [...new Set(i.members.map((m) => run.problemOf.get(m)!))].sort(),
    }));
}

const sorted = (xs: string[]) => [...xs].sort();

describe('dist/index.js correlates the realistic incident hours', () => {
  it('overlap: two roots in two services at the same time stay two incidents, one issue each', async () => {
    for (const run of await runHours('overlap')) {
      expect(story(run)).toEqual(
        expect.arrayContaining([
          {
            root: 'cart-api/redis-econnrefused',
            problems: ['cart-api/connection-closed', 'cart-api/redis-econnrefused', 'cart-api/requests-500'],
          },
          {
            root: 'inventory-worker/config-panic',
            problems: ['inventory-worker/backoff', 'inventory-worker/config-panic'],
          },
        ]),
      );
      expect(sorted(run.creates)).toEqual(['cart-api/redis-econnrefused', 'inventory-worker/config-panic']);
    }
  }, 120_000);

  it('symptom-outlives-root: the storefront failures are search-api’s symptoms, then a problem of their own', async () => {
    const [first, second] = await runHours('symptom-outlives-root');
    expect(story(first!)).toEqual([
      {
        root: 'search-api/settings-validation',
        problems: sorted(first!.truth.incidents[0]!.problems),
      },
    ]);
    expect(first!.creates).toEqual(['search-api/settings-validation']);
    // The next hour: search-api is fixed; the stale connections are the root of their own incident.
    expect(story(second!)).toEqual([
      {
        root: 'storefront/search-socket-hangup',
        problems: ['storefront/search-502', 'storefront/search-socket-hangup'],
      },
    ]);
    expect(second!.creates).toEqual(['storefront/search-socket-hangup']);
  }, 120_000);

  it('trace-linked: shared trace ids put the caller’s 5xx under the callee’s exception', async () => {
    for (const run of await runHours('trace-linked')) {
      expect(story(run)).toEqual([
        {
          root: 'pricing-svc/no-price-list',
          problems: [
            'checkout-web/quote-failed',
            'checkout-web/requests-500',
            'pricing-svc/no-price-list',
            'pricing-svc/requests-500',
          ],
        },
      ]);
      const incident = run.incidents.find((i) => i.members.length > 1)!;
      expect(
        incident.links.some((l) => /shared requests? \(trace ids\) from checkout-web to pricing-svc/.test(l.evidence)),
      ).toBe(true);
      expect(run.creates.filter((p) => p !== 'checkout-web/client-404')).toEqual(['pricing-svc/no-price-list']);
    }
  }, 120_000);
});
