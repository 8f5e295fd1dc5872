import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { allLogsTable, buildGroupQuery, buildSampleQuery, literal } from '../src/core/read/analytics-sql.js';
import { loadAllLogs } from '../test/fakes/bigquery-server.js';
import { floodWindow } from '../test/fakes/flood-window.js';

// The exact SQL text the action sends to BigQuery, run in DuckDB over the same entries (issue 15):
// the grouping it computes is checked against the window's truth, not only the text's shape.
const END = Date.parse('2026-11-30T10:00:00Z');
const START = END - 3_600_000;
const window = floodWindow({
  start: START,
  end: END,
  floods: 2,
  floodTotal: 3000,
  rare: 40,
  rareCount: (i) => 1 + (i % 5),
});
const extra: Record<string, unknown>[] = [
  // Outside the window, below the severity, another resource: never counted.
  { ...window.entries[0], insertId: 'late', timestamp: new Date(END).toISOString() },
  { ...window.entries[0], insertId: 'info', severity: 'INFO' },
  { ...window.entries[0], insertId: 'gke', resource: { type: 'k8s_container', labels: {} } },
  // No severity, on stderr, an error word: counted, like the Logging query.
  {
    ...window.entries[0],
    insertId: 'stderr',
    severity: undefined,
    textPayload: 'panic: runtime error: index out of range [3]',
  },
];
const input = {
  dataset: 'demo-project.logs_analytics',
  services: [],
  minSeverity: 'WARNING' as const,
  start: START,
  end: END,
};
let connection: DuckDBConnection;

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql.split(allLogsTable(input.dataset)).join('all_logs'));
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

beforeAll(async () => {
  connection = await (await DuckDBInstance.create(':memory:')).connect();
  await loadAllLogs(connection, [...window.entries, ...extra]);
});
afterAll(() => connection.closeSync());

describe('the Log Analytics SQL, run in DuckDB', () => {
  it('groups each problem into one group with its exact count, numbers and ids masked', async () => {
    const groups = await rows(buildGroupQuery(input));
    // insertIds name their problem (`f0-…` a flood, `r12-3` rare error 12): one group each.
    const problemOf = (id: string) => id.replace(/-.*/, '');
    const byProblem = new Map<string, number[]>();
    for (const g of groups) {
      const problems = new Set(String(g.sample_ids).split(',').map(problemOf));
      expect(problems.size).toBe(1);
      const [problem] = problems;
      byProblem.set(problem!, [...(byProblem.get(problem!) ?? []), Number(g.entries)]);
    }
    const truthById = new Map(
      window.truth.map((t, i) => [t.kind === 'flood' ? `f${i}` : `r${i - 2}`, [t.count]] as const),
    );
    byProblem.delete('stderr');
    expect(byProblem).toEqual(truthById);
    expect(groups.reduce((a, g) => a + Number(g.entries), 0)).toBe(window.entries.length + 1);
    expect(groups.map((g) => g.message_key)).toContain('panic: runtime error: index out of range [<*>]');
    expect(groups[0]!.message_key).toBe(
      'WebSocket event delivery failed for subscriber <*>: connection reset after <*> ms',
    );
  });

  it('names the first and last entries of each group among its samples, and fetches them', async () => {
    const groups = await rows(buildGroupQuery(input));
    const flood = groups[0]!;
    const ids = String(flood.sample_ids).split(',');
    expect(ids).toHaveLength(3);
    const fetched = await rows(buildSampleQuery(input, ids));
    const times = fetched.map((r) => (r.timestamp as Date).getTime());
    expect(Math.min(...times)).toBe((flood.first_seen as Date).getTime());
    expect(Math.max(...times)).toBe((flood.last_seen as Date).getTime());
    expect(fetched.every((r) => typeof r.resource_labels === 'string')).toBe(true);
  });

  it('selects services, and refuses a literal it cannot write the same way in both dialects', async () => {
    const groups = await rows(buildGroupQuery({ ...input, services: ['billing'] }));
    expect(new Set(groups.map((g) => g.service))).toEqual(new Set(['billing']));
    expect(() => literal("it's")).toThrow(/cannot be written/);
    expect(() => buildGroupQuery({ ...input, services: ['a\\b'] })).toThrow(/cannot be written/);
  });
});
