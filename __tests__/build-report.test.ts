import { REPORT_SCHEMA_VERSION, buildReport, renderReportJson } from '../src/core/report/build-report.js';
import { readGolden } from '../test/fixtures/golden.js';
import { buildQuietRun, buildRunResult, buildSampledDryRun } from '../test/fixtures/run-result.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

function byFingerprint(report: ReturnType<typeof buildReport>, fingerprint: string) {
  const cluster = report.clusters.find((c) => c.fingerprint === fingerprint);
  if (!cluster) throw new Error(`no cluster ${fingerprint}`);
  return cluster;
}

describe('buildReport', () => {
  it.each([
    ['report.json', buildRunResult],
    ['report-sampled.json', buildSampledDryRun],
    ['report-quiet.json', buildQuietRun],
  ] as const)('matches the golden file %s', (name, build) => {
    const json = renderReportJson(buildReport(build()));
    expect(json).toBe(readGolden(name, json));
  });

  it('writes each insertIds list on one line and reads back as the report, whatever the strings hold', () => {
    const report = buildReport(buildRunResult());
    // A message quoting the stand-in's own spelling must come back as written.
    report.clusters[0]!.title = '"insertIds": "\u0000" and \u0000 0';
    report.clusters[0]!.sample = `"insertIds": "${String.fromCharCode(0)}0"`;
    const json = renderReportJson(report);
    expect(JSON.parse(json)).toEqual(report);
    expect(json).toContain(`"insertIds": ${JSON.stringify(report.clusters[0]!.insertIds)}`);
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('carries the schema version, ISO window and totals', () => {
    const report = buildReport(buildRunResult());
    expect(report).toMatchObject({
      schemaVersion: REPORT_SCHEMA_VERSION,
      window: { start: '2026-11-30T09:00:00Z', end: '2026-11-30T10:00:00Z' },
      source: 'file:samples/cloud-run-outage.ndjson',
      dryRun: false,
      totals: {
        entries: 21457,
        analysed: 14203,
        skipped: 4,
        skippedReasons: { 'invalid JSON': 3, 'missing timestamp': 1 },
      },
      highestPriority: 'P0',
    });
    // 2 since incidents (issue 13).
    expect(REPORT_SCHEMA_VERSION).toBe(2);
  });

  it('covers every analysed entry with its clusters, ignored ones included', () => {
    const report = buildReport(buildRunResult());
    expect(report.clusters.reduce((sum, c) => sum + c.count, 0)).toBe(report.totals.analysed);
    expect(report.clusters.filter((c) => c.ignored).map((c) => c.title)).toEqual([
      'Connection pool is full, discarding connection: metadata.google.internal',
    ]);
    for (const c of report.clusters) {
      expect(c.firstSeen).toMatch(ISO);
      expect(c.lastSeen).toMatch(ISO);
      expect(c.insertIds.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['absent when exact', buildRunResult(), false],
    ['true when sampled', buildSampledDryRun(), true],
  ])('estimated is %s', (_name, result, estimated) => {
    for (const c of buildReport(result).clusters) expect('estimated' in c).toBe(estimated);
  });

  it.each([
    [
      'an opened issue',
      'v1:exc:9c41d2a07be3',
      { number: 41, url: 'https://github.com/acme/shop/issues/41', action: 'create' },
    ],
    ['a failed create', 'v1:msg:a7d03b5e91f2', { number: null, url: null, action: 'create' }],
    ['a skip', 'v1:msg:c2f9e07a4b15', { number: null, url: null, action: 'skip' }],
    ['ignored noise', 'v1:msg:6d1a90b3e5c8', null],
  ])('links the issue of %s', (_name, fingerprint, issue) => {
    expect(byFingerprint(buildReport(buildRunResult()), fingerprint).issue).toEqual(issue);
  });

  it('keeps the sample as plain text: control characters gone, no markdown escaping', () => {
    const result = buildRunResult();
    result.clusters[5].samples = [
      { ...result.clusters[5].samples[0], message: '\u001b[31mConfig key FEATURE_FLAGS_URL | *not* set\u0007' },
    ];
    expect(byFingerprint(buildReport(result), 'v1:msg:c2f9e07a4b15').sample).toBe(
      'Config key FEATURE_FLAGS_URL | *not* set',
    );
  });

  it('lists the actions with what was done, the notes and the query', () => {
    const report = buildReport(buildSampledDryRun());
    expect(report.actions.map((a) => [a.action, a.status])).toEqual([
      ['create', 'planned'],
      ['reopen', 'planned'],
      ['comment', 'planned'],
      ['create', 'planned'],
      ['create', 'planned'],
      ['skip', 'planned'],
      ['close', 'planned'],
    ]);
    expect(report.query).toContain('sample(insertId, 0.25)');
    expect(report.notes[0]).toMatch(/max-entries/);
  });

  it('survives a JSON round trip unchanged', () => {
    const report = buildReport(buildRunResult());
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
