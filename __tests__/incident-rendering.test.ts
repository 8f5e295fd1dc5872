/**
 * Incidents as GitHub shows them (issue 13): on the fixture run, the worklog's Incidents section and
 * the incident issue's body are golden files, and every Mermaid flowchart passes a strict check of
 * the syntax GitHub renders (no Mermaid renderer runs offline here: it needs a browser). On the demo
 * hour, the two incidents the issue names and at most 4 new issues.
 */
import { renderSummary } from '../src/core/report/render-summary.js';
import { renderWorklog } from '../src/core/report/render-worklog.js';
import { planIssues } from '../src/core/issues/plan-issues.js';
import type { RunResult } from '../src/core/model/run-result.js';
import { correlate } from '../src/core/correlate/correlate.js';
import { readGolden } from '../test/fixtures/golden.js';
import { buildRunResult } from '../test/fixtures/run-result.js';
import { gardenFile } from '../test/run-garden.js';

const DEMO = 'samples/cloud-run-outage.json';

/** The flowcharts of a markdown text, each as its lines without the fences. */
function flowcharts(markdown: string): string[][] {
  const charts: string[][] = [];
  const re = /```mermaid\n([\s\S]*?)\n```/g;
  for (const m of markdown.matchAll(re)) charts.push(m[1]!.split('\n'));
  return charts.filter((c) => c[0]?.startsWith('flowchart'));
}

/**
 * The subset of Mermaid flowchart syntax the worklog writes, checked strictly: a direction, node
 * definitions `id["label"]` whose label cannot close the quote or carry markup, and edges between
 * defined ids.
 */
function checkFlowchart(lines: string[]): string[] {
  const errors: string[] = [];
  if (!/^flowchart (TD|LR)$/.test(lines[0]!)) errors.push(`bad header: ${lines[0]}`);
  const ids = new Set<string>();
  for (const line of lines.slice(1)) {
    const node = /^ {2}([a-z][a-z0-9]*)\["([^"]*)"\]$/.exec(line);
    const edge = /^ {2}([a-z][a-z0-9]*) --> ([a-z][a-z0-9]*)$/.exec(line);
    if (node) {
      if (ids.has(node[1]!)) errors.push(`node defined twice: ${node[1]}`);
      ids.add(node[1]!);
      if (/[`<>&;#{}\\]/.test(node[2]!)) errors.push(`unsafe label: ${node[2]}`);
    } else if (edge) {
      for (const id of [edge[1]!, edge[2]!]) if (!ids.has(id)) errors.push(`edge to undefined node ${id}`);
    } else errors.push(`not a node or an edge: ${line}`);
  }
  return errors;
}

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  const end = markdown.indexOf('\n## ', start + heading.length + 2);
  return markdown.slice(start + 1, end < 0 ? undefined : end + 1);
}

describe('incidents on the demo hour', () => {
  let result: RunResult;
  beforeAll(async () => {
    result = await gardenFile(DEMO, { config: 'samples/log-gardener.yml', 'max-new-issues': '100' });
  });

  it('finds the two incidents of issue 13 and plans at most 4 new issues', () => {
    const linked = (result.incidents ?? []).filter((i) => i.members.length > 1);
    expect(linked.map((i) => i.title)).toEqual([
      expect.stringContaining("ImportError: cannot import name 'OrderStatus'"),
      'Auth database unreachable: connection timed out',
    ]);
    const titles = (fps: string[]) => fps.map((fp) => result.clusters.find((c) => c.fingerprint === fp)!.title);
    expect(titles(linked[0]!.members).join('\n')).toMatch(/Container called exit[\s\S]*HTTP 503[\s\S]*/);
    expect(linked[0]!.services).toEqual(['orders-api', 'web-frontend']);
    expect(titles(linked[1]!.members).filter((t) => /^HTTP 5\d\d/.test(t))).toHaveLength(3);
    expect(result.actions.filter((a) => a.action === 'create').length).toBeLessThanOrEqual(4);
  });
});

describe('incidents as GitHub shows them', () => {
  const result = buildRunResult();
  result.incidents = correlate({ clusters: result.clusters, window: result.window });

  it('opens the job summary with one line per incident, root cause first (golden)', () => {
    const summary = renderSummary(result, {});
    const block = summary.slice(summary.indexOf('### Incidents'), summary.indexOf('### P0 / P1 problems'));
    expect(block).toMatch(/^### Incidents \(root cause first\)\n\n- \*\*P\d\*\* .+ → \d+ symptoms? in /);
    expect(block).toBe(readGolden('summary-incidents.md', block));
  });

  it('renders the Incidents section right after the header (golden), with valid flowcharts', () => {
    const worklog = renderWorklog(result);
    const incidents = section(worklog, '## Incidents');
    expect(incidents).toBe(readGolden('worklog-incidents.md', incidents));
    expect(worklog.indexOf('## Incidents')).toBeLessThan(worklog.indexOf('## Executive summary'));
    const charts = flowcharts(incidents);
    expect(charts).toHaveLength(1);
    for (const chart of charts) expect(checkFlowchart(chart)).toEqual([]);
    expect(section(worklog, '## Executive summary')).toMatch(/→ 3 symptoms in 2 services/);
  });

  it('writes one issue per incident root whose body lists the symptoms with counts and links (golden)', () => {
    const plan = planIssues({
      clusters: result.clusters,
      incidents: result.incidents,
      issues: [],
      trustedAuthors: ['github-actions[bot]'],
      now: result.generatedAt,
      window: result.window,
      runUrl: 'https://github.com/acme/shop/actions/runs/1',
      logsLinks: result.logsLinks,
      repository: 'acme/shop',
      settings: {
        minIssuePriority: 'P3',
        maxNewIssues: 100,
        reopenWindowMs: 14 * 86_400_000,
        muteLabel: 'muted',
        closeAfterMs: 0,
        labels: ['log-gardener'],
      },
      serviceRouting: {},
    });
    const creates = plan.writes.filter((w) => w.kind === 'create');
    expect(creates).toHaveLength(3);
    const root = creates.find((w) => w.kind === 'create' && w.issue.title.includes('ImportError'));
    const body = root?.kind === 'create' ? root.issue.body : '';
    expect(body).toBe(readGolden('issue-body-incident.md', body));
    expect(body).toContain('### Symptoms of this incident');
    expect(body).not.toMatch(/^\| \| \|$/m);
    expect(body.trimEnd().split('\n').pop()).toMatch(/"members":\["v1:/);
  });
});
