/**
 * The whole real-LogEntry corpus (test/fixtures/real, every resource type and payload shape we
 * found, sources in SOURCES.md) through the bundle as a runner runs it, at min-severity DEFAULT
 * and at WARNING: exit 0, no `<*>` in any title, and every problem that is not Cloud Run's has a
 * Logs Explorer link that names its own resource type.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusEntries, REAL_DIR } from '../test/real-corpus.js';
import { runDist, type DistRun } from '../test/run-dist.js';

interface ReportCluster {
  title: string;
  kind: string;
  logsUrl: string | null;
  insertIds: string[];
}

const files = readdirSync(REAL_DIR).filter((f) => f.endsWith('.json'));
// The corpus's own insertIds repeat across sources (anonymised ones); unique ones let a cluster's
// members be traced back to their resource types. Nothing else depends on the id's value.
const entries = files.flatMap((f) => corpusEntries(f).map((e, i) => ({ ...e, insertId: `${f}#${i}` })));
const resourceTypeOf = new Map<string, string>(
  entries.map((e) => [
    e.insertId,
    ((e as Record<string, unknown>).resource as { type?: string } | undefined)?.type ?? '',
  ]),
);
const corpus = join(mkdtempSync(join(tmpdir(), 'lg-real-')), 'corpus.ndjson');
writeFileSync(corpus, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');

describe.each(['DEFAULT', 'WARNING'])('dist/index.js on the real corpus at min-severity %s', (minSeverity) => {
  let run: DistRun;
  let clusters: ReportCluster[];
  beforeAll(async () => {
    run = await runDist({ 'logs-file': corpus, 'dry-run': 'true', 'min-severity': minSeverity });
    clusters = (run.report?.clusters ?? []) as ReportCluster[];
  }, 60_000);

  it('exits 0 with a report of every entry', () => {
    expect(run.code).toBe(0);
    expect(entries.length).toBeGreaterThanOrEqual(100);
    expect(clusters.length).toBeGreaterThan(minSeverity === 'DEFAULT' ? 50 : 20);
  });

  it("has no <*> in any title: the report's, or the worklog's problem names", () => {
    expect(clusters.filter((c) => c.title.includes('<*>')).map((c) => c.title)).toEqual([]);
    const names = run.worklog.split('\n').filter((l) => /^#{2,4} |^\| /.test(l));
    expect(names.filter((l) => l.includes('<*>') || l.includes('&lt;*&gt;') || l.includes('\\<\\*\\>'))).toEqual([]);
  });

  it('links every problem outside Cloud Run to a query for its own resource type', () => {
    const wrong: string[] = [];
    for (const c of clusters) {
      const types = new Set(c.insertIds.map((id) => resourceTypeOf.get(id)).filter((t): t is string => !!t));
      if (types.size === 0 || types.has('cloud_run_revision')) continue;
      const query = c.logsUrl ? decodeURIComponent(c.logsUrl) : '';
      if (![...types].some((t) => query.includes(`resource.type="${t}"`))) wrong.push(`${c.title} [${[...types]}]`);
    }
    expect(wrong).toEqual([]);
  });
});
