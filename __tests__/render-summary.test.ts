import type { RankedCluster } from '../src/core/model/cluster-types.js';
import { SUMMARY_LIMIT_BYTES, renderSummary } from '../src/core/report/render-summary.js';
import type { RunResult } from '../src/core/model/run-result.js';
import { readGolden } from '../test/fixtures/golden.js';
import { buildClusters, buildQuietRun, buildRunResult, buildSampledDryRun } from '../test/fixtures/run-result.js';

const artifact = { worklogArtifactUrl: 'https://github.com/acme/shop/actions/runs/12345678/artifacts/99' };

function hugeRun(): RunResult {
  const base = buildClusters()[0];
  const clusters: RankedCluster[] = Array.from({ length: 20_000 }, (_, i) => ({
    ...base,
    fingerprint: `v1:exc:${i.toString(16).padStart(12, '0')}`,
    title: `ImportError number ${i} ${'x'.repeat(300)}`,
  }));
  const actions = clusters.map((c, i) => ({
    action: 'create' as const,
    fingerprint: c.fingerprint,
    priority: 'P0' as const,
    title: c.title,
    reason: 'new',
    status: 'done' as const,
    issueNumber: i + 1,
    url: `https://github.com/acme/shop/issues/${i + 1}`,
  }));
  return { ...buildRunResult(), clusters, actions, issueLinks: {} };
}

describe('renderSummary', () => {
  it.each([
    ['summary.md', buildRunResult(), artifact],
    ['summary-sampled-dry-run.md', buildSampledDryRun(), {}],
    ['summary-quiet.md', buildQuietRun(), artifact],
  ] as const)('matches the golden file %s', (name, result, links) => {
    const markdown = renderSummary(result, links);
    expect(markdown).toBe(readGolden(name, markdown));
  });

  it('lists only P0/P1 problems and points to the rest', () => {
    const markdown = renderSummary(buildRunResult(), artifact);
    expect(markdown.match(/^\| \*\*P[0-3]\*\* /gm)).toEqual(['| **P0** ', '| **P0** ', '| **P1** ']);
    expect(markdown).toContain('Also 2 P2, 1 P3 lower-priority problems');
    expect(markdown).toContain(`[Full worklog (artifact)](${artifact.worklogArtifactUrl})`);
    expect(markdown).toContain('[Workflow run](https://github.com/acme/shop/actions/runs/12345678)');
  });

  it.each([
    ['with an artifact link', artifact, true],
    ['without one', {}, false],
  ])('links the worklog %s', (_name, links, linked) => {
    expect(
      renderSummary(buildRunResult(), links).includes(
        '](https://github.com/acme/shop/actions/runs/12345678/artifacts/99)',
      ),
    ).toBe(linked);
  });

  it('stays under 1 MiB with a note when there are too many rows, ending with the links', () => {
    const markdown = renderSummary(hugeRun(), artifact);
    expect(new TextEncoder().encode(markdown).length).toBeLessThan(SUMMARY_LIMIT_BYTES);
    expect(markdown).toMatch(
      /_[\d,]+ more rows left out to keep the job summary under 1 MiB; the worklog has them all\._/,
    );
    expect(markdown.trimEnd().endsWith(`[Workflow run](https://github.com/acme/shop/actions/runs/12345678)`)).toBe(
      true,
    );
    expect(markdown).not.toContain('```');
  });
});
