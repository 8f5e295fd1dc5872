/**
 * Issue 6, strict mode (`redact: strict`) through the bundled action against the fake GitHub.
 * (a) Text that redaction made safe is posted: the hostile corpus and the sample outage pass.
 * (b) Text in which a secret pattern survived is refused before anything is written, and the
 *     run fails naming where and what kind, never the secret. Two honest ways to get there:
 *     - a user rules file whose advice holds a token: rule text is not log text and is not
 *       redacted, yet it is rendered into issue bodies and the worklog;
 *     - a log line with a token interleaved with ZERO WIDTH SPACEs: the redaction rules do
 *       not match it, GitHub shows the token, and strict mode (which reads text as displayed)
 *       does match it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeGitHub } from '../test/fakes/github-server.js';
import { buildHostileCorpus, hostileFileText } from '../test/fixtures/hostile-corpus.js';
import { repoFile, runDist, type DistRun } from '../test/run-dist.js';

const TOKEN = 'ghs-installation';
/** Assembled at run time so no token-shaped literal sits in the repository. */
const RULE_TOKEN = ['gh', 'p_', 'Str1ctRuleT0ken', 'A'.repeat(21)].join('');
const LOG_TOKEN = ['gh', 'p_', 'Str1ctLogT0ken', 'B'.repeat(22)].join('');
const ZWSP = '\u200b';

const dir = mkdtempSync(join(tmpdir(), 'lg-strict-'));

function rulesFile(name: string, priority: string): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    `rules:
  - id: leaky-advice
    match:
      message: 'payment declined'
    priority: ${priority}
    reason: payments fail
    escalate: false
    recommendedActions:
      - Retry with the service token ${RULE_TOKEN} from the vault.
`,
  );
  return path;
}

function logsFile(name: string, message: string): string {
  const path = join(dir, name);
  const entry = (i: number) => ({
    insertId: `strict-${i}`,
    timestamp: `2024-05-01T10:00:0${i}Z`,
    severity: 'ERROR',
    logName: 'projects/p/logs/run.googleapis.com%2Fstderr',
    resource: { type: 'cloud_run_revision', labels: { service_name: 'pay-api', revision_name: 'pay-api-1' } },
    textPayload: message,
  });
  writeFileSync(path, JSON.stringify([entry(1), entry(2), entry(3)]));
  return path;
}

describe('dist/index.js with redact: strict', () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await FakeGitHub.start();
  });
  afterAll(() => github.close());

  const run = (inputs: Record<string, string>): Promise<DistRun> =>
    runDist({ redact: 'strict', 'github-token': TOKEN, ...inputs }, { GITHUB_API_URL: github.url });

  describe('(a) redacted text is posted', () => {
    it('the sample outage: P0 issues filed, exit 0', async () => {
      const before = github.issues.length;
      const r = await run({
        'logs-file': repoFile('samples/cloud-run-outage.json'),
        config: repoFile('samples/log-gardener.yml'),
        'min-issue-priority': 'P0',
      });
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(r.stdout).not.toMatch(/::error::/);
      expect(Number(r.outputs['issues-created'])).toBeGreaterThan(0);
      expect(github.issues.length - before).toBe(Number(r.outputs['issues-created']));
    }, 30_000);

    it('the hostile corpus: every planned write, the worklog and the summary pass the check', async () => {
      const file = join(dir, 'hostile.json');
      writeFileSync(file, hostileFileText('json'));
      // Dry run: strict mode checks every planned write all the same, without the 3 s spacing.
      const r = await run({ 'logs-file': file, 'dry-run': 'true', 'min-issue-priority': 'P3' });
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(r.stdout).not.toMatch(/Refusing to post/);
      const planned = (r.report as { actions: { status?: string }[] }).actions.filter((a) => a.status === 'planned');
      expect(planned.length).toBe(10); // max-new-issues, default 10
      const { secrets } = buildHostileCorpus();
      const written = [r.worklog, r.summary, r.stdout, JSON.stringify(r.report)].join('\n');
      expect(secrets.filter((s) => written.includes(s))).toEqual([]);
    }, 30_000);
  });

  describe('(b) secrets that once slipped past redaction are now redacted, so strict has nothing to refuse', () => {
    // Rule advice and tokens hidden by zero-width spaces used to survive redaction and were
    // caught only by strict mode. Both are redacted now (rules at load, zero-width characters in
    // normalize). The refusal itself is tested in process: __tests__/strict-refusal.test.ts.
    const cases: [string, () => Record<string, string>, string][] = [
      [
        'rule advice in an issue body',
        () => ({
          'logs-file': logsFile('pay.json', 'payment declined for order 17'),
          config: rulesFile('rules-p0.yml', 'P0'),
          'min-issue-priority': 'P0',
        }),
        RULE_TOKEN,
      ],
      [
        'a log token hidden by zero-width spaces',
        () => ({
          'logs-file': logsFile('zwsp.json', `payment declined: auth ${[...LOG_TOKEN].join(ZWSP)} rejected`),
          'min-issue-priority': 'P2',
        }),
        LOG_TOKEN,
      ],
    ];

    it.each(cases)(
      '%s',
      async (_name, inputs, secret) => {
        const r = await run(inputs());
        expect(r.code).toBe(0);
        expect(r.stdout).not.toMatch(/Refusing to post/);
        const visible = (text: string) => text.replaceAll(ZWSP, '').replaceAll('\\_', '_');
        const everywhere = [
          JSON.stringify(github.requests),
          r.stdout,
          r.stderr,
          r.worklog,
          r.summary,
          JSON.stringify(r.outputs),
        ].map(visible);
        expect(everywhere.filter((text) => text.includes(secret))).toEqual([]);
        expect(r.worklog).toMatch(/\\?\[REDACTED:github-token\\?\]/);
      },
      30_000,
    );

    // Rule text from the user's rules file is posted like log text, so it is redacted too.
    it('without strict mode, a token in rule advice is still redacted from the worklog', async () => {
      const r = await runDist(
        {
          'logs-file': logsFile('pay.json', 'payment declined for order 17'),
          config: rulesFile('rules-p0.yml', 'P0'),
          'min-issue-priority': 'P0',
          'github-token': TOKEN,
          'dry-run': 'true',
        },
        { GITHUB_API_URL: github.url },
      );
      expect(r.code).toBe(0);
      expect(r.worklog).toContain('Retry with the service token');
      expect(r.worklog.replaceAll('\\_', '_')).not.toContain(RULE_TOKEN);
    }, 30_000);
  });
});
