/**
 * redact: strict is the net under redaction: if a secret pattern survives into text about to be
 * posted (a renderer that forgot to redact, a path nobody thought of), the post is refused,
 * naming where and the kind, never the secret. Tested where the check sits: before the first
 * issue write, and before the worklog and summary are written.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config/config.js';
import { ConsoleReporter } from '../src/adapters/console-reporter.js';
import type { IssuePlan } from '../src/core/issues/plan-types.js';
import { assertPostable, SecretLeakError } from '../src/core/redact/strict-check.js';
import { refuseLeakingWrites } from '../src/core/issues/postable-texts.js';
import { publish } from '../src/publish.js';
import { configSource } from '../test/config-source.js';
import { buildRunResult } from '../test/fixtures/run-result.js';

// Assembled at run time so the repository holds nothing that looks like a token.
const TOKEN = ['gh', 'p_', 'Refus3dT0ken', 'C'.repeat(24)].join('');

const capture = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return null;
};

describe('strict refusal before the first issue write', () => {
  const plan = (body: string): IssuePlan =>
    ({
      actions: [],
      writes: [
        { kind: 'create', action: 0, issue: { title: 'ok', body: 'fine', labels: [], assignees: [] } },
        { kind: 'comment', action: 1, issueNumber: 7, body },
      ],
    }) as unknown as IssuePlan;

  it('passes a plan with nothing secret', () => {
    expect(() => refuseLeakingWrites(plan('all good'), assertPostable)).not.toThrow();
  });

  it('refuses a plan when one comment would carry a token, naming the write and the kind', () => {
    const error = capture(() => refuseLeakingWrites(plan(`retry with ${TOKEN}`), assertPostable));
    expect(error).toBeInstanceOf(SecretLeakError);
    expect((error as SecretLeakError).message).toMatch(/Refusing to post issue comment comment: .*\(github-token\)/);
    expect((error as Error).message).not.toContain(TOKEN);
  });
});

describe('strict refusal before the worklog is written', () => {
  it('refuses a worklog whose text carries a token, and writes no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lg-refuse-'));
    const config = parseConfig(
      configSource({ 'logs-file': 'x.json', 'dry-run': 'true', 'worklog-path': join(dir, 'worklog.md') }),
    );
    const result = buildRunResult();
    result.clusters[0] = { ...result.clusters[0], title: `token ${TOKEN} in a title no renderer redacted` };
    const error = await publish(config, result, new ConsoleReporter({ quiet: true }), assertPostable).catch((e) => e);
    expect(error).toBeInstanceOf(SecretLeakError);
    expect((error as SecretLeakError).where).toBe('worklog');
    expect(existsSync(join(dir, 'worklog.md'))).toBe(false);
  });
});
