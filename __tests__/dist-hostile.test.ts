/**
 * Issue 6 end to end: the hostile corpus through the bundled action (`node dist/index.js`),
 * for real against the stateful fake GitHub. Nothing the action wrote anywhere — requests to
 * GitHub, worklog, report, job summary, step outputs, its own log — may carry a planted
 * secret, a live mention or reference, HTML or a forged marker from a log, or a workflow
 * command; and no malformed input makes the run crash.
 *
 * Issue creations are spaced 3 s apart as in production, so only the planted clusters are
 * raised to P0 (by a rules file) and filed: five issues, about 15 s.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeGitHub } from '../test/fakes/github-server.js';
import {
  buildHostileCorpus,
  hostileFileText,
  invalidUtf8Ndjson,
  PLANTED_WORKFLOW_COMMANDS,
  truncatedJsonArray,
} from '../test/fixtures/hostile-corpus.js';
import { auditMarkdown, auditTitle } from '../test/markdown-audit.js';
import { runDist, type DistRun } from '../test/run-dist.js';
import { isWorkflowCommand } from '../src/core/markdown/workflow-commands.js';
import { parseMarker } from '../src/core/issues/marker.js';

const TOKEN = 'ghs-installation';
/** Raises the clusters whose whole message is a workflow command, so fail-on prints their titles. */
const COMMAND_RULES = `rules:
  - id: hostile-commands
    match:
      service: '^hostile-cmd$'
    priority: P0
    reason: planted workflow commands
    escalate: false
`;
const RULES = `rules:
  - id: hostile-planted
    match:
      message: 'hostile-markup-title|hostile-fence-breaker|structured failure|everything at once|x0123456789 x0123456789'
    priority: P0
    reason: planted hostile text
    escalate: false
`;

/** The workflow commands the action itself prints: the token's mask and its own notices. */
const OWN_COMMANDS = [
  /^::add-mask::ghs-installation$/,
  /^::notice::The runner has no artifact service /,
  /^::error::fail-on P0: \d+ problem\(s\) at P0 or above — /,
];

type Name = 'json' | 'ndjson' | 'truncated' | 'invalid-utf8';

describe('dist/index.js on the hostile corpus, against the fake GitHub', () => {
  const { secrets } = buildHostileCorpus();
  const dir = mkdtempSync(join(tmpdir(), 'lg-hostile-'));
  const files: Record<Name, string> = {
    json: join(dir, 'hostile.json'),
    ndjson: join(dir, 'hostile.ndjson'),
    truncated: join(dir, 'truncated.json'),
    'invalid-utf8': join(dir, 'invalid-utf8.ndjson'),
  };
  const runs = {} as Record<Name, DistRun & { ms: number }>;
  let github: FakeGitHub;

  const run = async (name: Name, extra: Record<string, string> = {}) => {
    const started = performance.now();
    const result = await runDist(
      {
        'logs-file': files[name],
        config: join(dir, 'rules.yml'),
        'github-token': TOKEN,
        'min-issue-priority': 'P0',
        'max-new-issues': '10',
        ...extra,
      },
      { GITHUB_API_URL: github.url },
    );
    runs[name] = { ...result, ms: performance.now() - started };
  };

  beforeAll(async () => {
    writeFileSync(files.json, hostileFileText('json'));
    writeFileSync(files.ndjson, hostileFileText('ndjson'));
    writeFileSync(files.truncated, truncatedJsonArray());
    writeFileSync(files['invalid-utf8'], invalidUtf8Ndjson());
    writeFileSync(join(dir, 'rules.yml'), RULES);
    writeFileSync(join(dir, 'command-rules.yml'), COMMAND_RULES);
    github = await FakeGitHub.start();
    await run('json');
    // The same entries again, as NDJSON: the same problems, already filed.
    await run('ndjson');
    // Cut mid-array; fail-on prints the titles of the workflow-command clusters to the runner's log.
    await run('truncated', { 'fail-on': 'P0', 'dry-run': 'true', config: join(dir, 'command-rules.yml') });
    await run('invalid-utf8');
    // Timing for the closing note of issue 6 (wall time of each run, including node start).
    console.log(
      Object.entries(runs)
        .map(([name, r]) => `${name}: ${Math.round(r.ms)} ms`)
        .join(', '),
    );
  }, 90_000);
  afterAll(() => github.close());

  it.each([
    ['json', 0],
    ['ndjson', 0],
    ['truncated', 1],
    ['invalid-utf8', 0],
  ] as const)('%s: completes with exit %d and nothing on stderr', (name, code) => {
    expect({ code: runs[name].code, stderr: runs[name].stderr }).toEqual({ code, stderr: '' });
    expect(runs[name].report).not.toBeNull();
    expect(runs[name].worklog).toMatch(/^# Log Gardener worklog/);
  });

  it('files one issue per planted P0 problem, and the NDJSON copy of the file files none more', () => {
    expect(runs.json.outputs['issues-created']).toBe('5');
    expect(runs.ndjson.outputs['issues-created']).toBe('0');
    expect(github.issues).toHaveLength(5);
    expect(github.violations).toEqual([]);
  });

  it('no planted secret reached any request the fake received', () => {
    const sent = JSON.stringify(github.requests);
    expect(secrets.filter((s) => sent.includes(s))).toEqual([]);
    expect(github.requests.length).toBeGreaterThan(5);
  });

  it.each(['json', 'ndjson', 'truncated', 'invalid-utf8'] as const)(
    '%s: no planted secret in the worklog, report, summary, step outputs, stdout or stderr',
    (name) => {
      const r = runs[name];
      const written: Record<string, string> = {
        worklog: r.worklog,
        report: JSON.stringify(r.report),
        summary: r.summary,
        outputs: JSON.stringify(r.outputs),
        stdout: r.stdout,
        stderr: r.stderr,
      };
      const leaks = Object.entries(written).flatMap(([where, text]) =>
        secrets.filter((s) => text.includes(s)).map((s) => `${where}: ${s.slice(0, 12)}…`),
      );
      expect(leaks).toEqual([]);
    },
  );

  it('issue titles carry no live mention, reference, comment opener or control character', () => {
    expect(github.issues.flatMap((i) => auditTitle(i.title))).toEqual([]);
    // The planted markup really was in the titles (else this test proves nothing).
    expect(github.issues.some((i) => i.title.includes('hostile-markup-title'))).toBe(true);
  });

  it('issue bodies render no log text as a mention, reference, HTML, marker, broken fence or control', () => {
    const problems = github.issues.flatMap((i) =>
      auditMarkdown(i.body, { markerLastLine: true }).map((p) => `#${i.number}: ${p}`),
    );
    expect(problems).toEqual([]);
    const bodies = github.issues.map((i) => i.body).join('\n');
    // Planted markup was there, made inert (the fence breaker sits inside a longer fence).
    expect(bodies).toContain('hostile-fence-breaker');
    expect(bodies).toContain('@hostile-login'); // inside code only (audited above)
  });

  it('every body posted (issues and comments, in every request) passes the same audit', () => {
    const bodies = github.requests.flatMap((r) => {
      const body = (r.body ?? {}) as { body?: string; title?: string; labels?: unknown[] };
      return [
        ...(typeof body.body === 'string'
          ? auditMarkdown(body.body, { markerLastLine: /\/issues$/.test(r.path) })
          : []),
        ...(typeof body.title === 'string' ? auditTitle(body.title) : []),
      ].map((p) => `${r.method} ${r.path}: ${p}`);
    });
    expect(bodies).toEqual([]);
  });

  it('the hidden marker of every issue is the action’s own, never the forged one', () => {
    for (const issue of github.issues) {
      expect(issue.body.match(/<!--/g)).toHaveLength(1);
      expect(parseMarker(issue.body)?.fp).toMatch(/^v2:(?:msg|exc|req):[0-9a-f]{16}$/);
    }
  });

  it.each(['json', 'ndjson', 'truncated', 'invalid-utf8'] as const)(
    '%s: the worklog and the job summary render no log text as markup',
    (name) => {
      expect(auditMarkdown(runs[name].worklog)).toEqual([]);
      expect(auditMarkdown(runs[name].summary)).toEqual([]);
    },
  );

  it.each(['json', 'ndjson', 'truncated', 'invalid-utf8'] as const)(
    '%s: stdout holds no workflow command but the action’s own',
    (name) => {
      const lines = runs[name].stdout.split('\n').filter((line) => isWorkflowCommand(line));
      expect(lines.filter((line) => !OWN_COMMANDS.some((own) => own.test(line)))).toEqual([]);
      for (const command of PLANTED_WORKFLOW_COMMANDS) {
        expect(runs[name].stdout.split('\n').some((line) => line.trimStart().startsWith(command))).toBe(false);
      }
    },
  );

  it('the fail-on message prints workflow-command titles as one inert line', () => {
    const failure = runs.truncated.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(failure).toHaveLength(1);
    expect(failure[0]).toMatch(/^::error::fail-on P0: 5 problem\(s\) at P0 or above — \[P0\] /);
    // The titles are there (the test would prove nothing otherwise), inside the one command.
    expect(failure[0]).toContain('hostile-mask');
    expect(failure[0]).toContain('hostile-legacy');
    // The runner reads one command per line, so the data must not start another line.
    expect(failure[0]).not.toMatch(/[\r\n]|%0A\s*(?:::|##\[)/);
  });

  it('the step outputs are the action’s own values', () => {
    expect(runs.json.outputs).toMatchObject({
      clusters: expect.stringMatching(/^\d+$/),
      'highest-priority': 'P0',
      'issues-created': '5',
    });
    for (const value of Object.values(runs.json.outputs)) expect(value).not.toMatch(/hostile-login|<script|::/);
  });

  describe('hostile input: the run completes and the worklog says what was skipped and why', () => {
    const totals = (name: Name) =>
      (runs[name].report as { totals: { entries: number; analysed: number; skippedReasons: Record<string, number> } })
        .totals;

    it.each([
      ['json', { 'not an object': 4, 'no timestamp': 1 }],
      ['ndjson', { 'not an object': 4, 'no timestamp': 1 }],
    ] as const)('%s: malformed entries are counted by reason', (name, reasons) => {
      const { entries } = buildHostileCorpus();
      expect(totals(name).entries).toBe(entries.length);
      expect(totals(name).skippedReasons).toEqual(reasons);
      expect(runs[name].worklog).toMatch(/5 skipped as unreadable \(4 not an object, 1 no timestamp\)/);
    });

    it('the 256 KiB+ messages, the 64-deep JSON and the split traceback are analysed, not dropped', () => {
      const report = runs.json.report as { clusters: { title: string; count: number }[] };
      const titles = report.clusters.map((c) => c.title).join('\n');
      expect(titles).toMatch(/x0123456789|auth with \[REDACTED:github-token\] failed cc/);
      expect(titles).toMatch(/huge structured y/);
      // The traceback printed one line per entry is re-assembled into one event, titled by its exception.
      expect(titles).toMatch(/PaymentError: declined for \[REDACTED:email\] in app\/billing\.py/);
      expect(titles).toMatch(/level=/);
    });

    it('the truncated array: the entries before the cut are analysed, the cut one is counted', () => {
      const t = totals('truncated');
      expect(t.entries).toBeGreaterThan(10);
      expect(Object.keys(t.skippedReasons).join()).toMatch(/truncat|bad JSON|unterminated|incomplete/i);
      expect(runs.truncated.worklog).toMatch(/skipped as unreadable \(.*(truncat|bad JSON|unterminated|incomplete)/i);
    });

    it('invalid UTF-8 and a binary line: the valid lines are analysed, the binary one counted', () => {
      const t = totals('invalid-utf8');
      expect(t.analysed).toBeGreaterThanOrEqual(2);
      expect(t.skippedReasons['bad JSON line']).toBeGreaterThanOrEqual(1);
      expect(runs['invalid-utf8'].worklog).toMatch(/skipped as unreadable \(.*bad JSON line/);
    });
  });
});

describe('the markdown audit used above catches what it looks for', () => {
  it.each([
    ['a live mention', 'cc @hostile-login', /mention/],
    ['a team mention', 'cc @hostile-org/hostile-team', /mention/],
    ['an issue reference', 'see #987654', /#123 reference/],
    ['a GH- reference', 'see GH-987653', /GH-123/],
    ['a cross-repo reference', 'see hostile-owner/hostile-repo#987652', /reference/],
    ['a commit SHA', 'at d1e2a3d4b5e6e7f8c9a0f1e2b3a4d5e6f7a8b9c0', /commit SHA/],
    ['a raw tag', '<img src=x onerror=alert(1)>', /HTML tag/],
    ['an HTML comment', 'x <!-- hostile-forged-marker -->', /<!--/],
    ['an unclosed fence', '```\ncode', /never closed/],
    ['a fence closed early by a log line', '```\n```\n# injected heading\n```', /heading injected|never closed/],
    ['an ANSI escape', 'red \u001b[31m', /control/],
    ['a bidi override', 'rtl \u202eevil', /control/],
  ])('flags %s', (_name, markdown, pattern) => {
    expect(auditMarkdown(markdown).join('\n')).toMatch(pattern);
  });

  it.each([
    ['a mention inside a fence', '````\n@hostile-login ```\n````'],
    ['a mention inside inline code', 'see `@hostile-login #1`'],
    ['a broken mention', 'cc @\u2060hostile-login and #\u2060987654'],
    ['escaped HTML', '&lt;script&gt;'],
  ])('passes %s', (_name, markdown) => {
    expect(auditMarkdown(markdown)).toEqual([]);
  });
});
