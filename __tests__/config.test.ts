import { ConfigError, parseConfig } from '../src/config/config.js';
import { parseDuration, parseEndpoint, parseList, parseTime } from '../src/config/config-values.js';
import { configSource } from '../test/config-source.js';

const minimal = { 'logs-file': 'samples/cloud-run-outage.json' } as const;

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseConfig defaults', () => {
  const config = parseConfig(configSource(minimal));
  it.each([
    ['lookbackMs', 3_600_000],
    ['minSeverity', 'WARNING'],
    ['maxEntries', 20_000],
    ['loggingEndpoint', 'https://logging.googleapis.com'],
    ['stsEndpoint', 'https://sts.googleapis.com'],
    ['iamCredentialsEndpoint', 'https://iamcredentials.googleapis.com'],
    ['dryRun', false],
    ['minIssuePriority', 'P3'],
    ['labels', ['log-gardener']],
    ['maxNewIssues', 10],
    ['reopenWindowMs', 14 * 86_400_000],
    ['muteLabel', 'log-gardener:muted'],
    ['closeAfterMs', 0],
    ['failOn', null],
    ['baselineMs', 0],
    ['failOnScope', 'all'],
    ['redact', 'true'],
    ['redactIps', false],
    ['worklogPath', '/runner/tmp/log-gardener/worklog.md'],
    ['reportPath', '/runner/tmp/log-gardener/report.json'],
    ['uploadArtifact', true],
    ['artifactName', 'log-gardener-worklog'],
    ['jobSummary', true],
    ['repository', { owner: 'acme', repo: 'shop' }],
    ['githubToken', 'test-token'],
    ['rules', null],
  ])('%s defaults to %j', (key, value) => {
    expect(config[key as keyof typeof config]).toEqual(value);
  });
});

describe('baseline and fail-on-scope', () => {
  it.each([
    ['a baseline makes changed the default scope', { baseline: '1h' }, 3_600_000, 'changed'],
    ['all can be asked for with a baseline', { baseline: '24h', 'fail-on-scope': 'all' }, 86_400_000, 'all'],
    ['no baseline: all', {}, 0, 'all'],
  ])('%s', (_name, inputs, baselineMs, failOnScope) => {
    const config = parseConfig(configSource({ ...minimal, since: '2026-11-30T09:24:00Z', ...inputs }));
    expect([config.baselineMs, config.failOnScope]).toEqual([baselineMs, failOnScope]);
  });
});

describe('parseConfig errors name the input and the fix', () => {
  it.each([
    ['no source', {}, /project-id: required .* or set logs-file/],
    ['bad lookback', { ...minimal, lookback: '1 hour' }, /lookback: '1 hour' is not a duration: .* e\.g\. 30m/],
    ['bad since', { ...minimal, since: 'yesterday' }, /since: 'yesterday' is not an RFC 3339 time/],
    [
      'since after until',
      { ...minimal, since: '2026-11-30T10:00:00Z', until: '2026-11-30T09:00:00Z' },
      /since: must be before until/,
    ],
    ['bad severity', { ...minimal, 'min-severity': 'LOUD' }, /min-severity: 'LOUD' is not one of DEFAULT, .*EMERGENCY/],
    ['bad max-entries', { ...minimal, 'max-entries': '-5' }, /max-entries: '-5' is not a whole number from 1/],
    ['bad boolean', { ...minimal, 'dry-run': 'yes' }, /dry-run: 'yes' is not a boolean: use true or false/],
    [
      'bad priority',
      { ...minimal, 'min-issue-priority': 'P5' },
      /min-issue-priority: 'P5' is not one of P0, P1, P2, P3/,
    ],
    ['bad fail-on', { ...minimal, 'fail-on': 'high' }, /fail-on: 'high' is not one of P0/],
    [
      'http endpoint',
      { ...minimal, 'logging-endpoint': 'http://logging.example.com' },
      /logging-endpoint: .* only loopback hosts/,
    ],
    [
      'bad provider',
      { ...minimal, 'workload-identity-provider': 'my-pool' },
      /workload-identity-provider: .* projects\/PROJECT_NUMBER/,
    ],
    [
      'sa without provider',
      { ...minimal, 'service-account': 'sa@p.iam.gserviceaccount.com' },
      /service-account: only used with workload-identity-provider/,
    ],
    ['redact off', { ...minimal, redact: 'false' }, /redact: cannot be turned off/],
    ['missing config file', { ...minimal, config: 'rules.yml' }, /config: file 'rules.yml' does not exist/],
    ['bad project id', { 'project-id': 'My Project' }, /project-id: 'My Project' is not a Google Cloud project id/],
    [
      'filter with a logs-file',
      { ...minimal, filter: 'severity>=ERROR' },
      /filter: is a Cloud Logging query and cannot be applied to a logs-file/,
    ],
    ['bad close-after', { ...minimal, 'close-after': 'soon' }, /close-after: 'soon' is not a duration/],
    ['bad artifact name', { ...minimal, 'artifact-name': 'a/b' }, /artifact-name: 'a\/b' may not contain/],
    [
      'bad baseline',
      { ...minimal, since: '2026-11-30T09:24:00Z', baseline: '1x' },
      /^baseline: '1x' is not a duration: .* e\.g\. 30m, 1h, 2d; or leave baseline empty for no comparison$/,
    ],
    [
      'baseline over 30d',
      { ...minimal, since: '2026-11-30T09:24:00Z', baseline: '31d' },
      /^baseline: '31d' is longer than 30d/,
    ],
    [
      'a file baseline without since',
      { ...minimal, baseline: '1h' },
      /^baseline: with logs-file, the baseline is the file's entries just before since; set since/,
    ],
    ['bad fail-on-scope', { ...minimal, 'fail-on-scope': 'new' }, /^fail-on-scope: 'new' is not one of changed, all$/],
    [
      'fail-on-scope changed without a baseline',
      { ...minimal, 'fail-on-scope': 'changed' },
      /^fail-on-scope: 'changed' counts only problems new or worse than a baseline; set baseline .* or use fail-on-scope: all$/,
    ],
  ])('%s', (_name, inputs, pattern) => {
    const problems = problemsOf(() => parseConfig(configSource(inputs)));
    expect(problems.some((p) => pattern.test(p))).toBe(true);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf(() =>
      parseConfig(configSource({ ...minimal, lookback: 'x', 'max-entries': '0', 'dry-run': 'maybe' })),
    );
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['dry-run', 'lookback', 'max-entries']);
  });

  it('needs a token unless dry-run', () => {
    const source = configSource(minimal, { env: { GITHUB_TOKEN: '' } });
    expect(problemsOf(() => parseConfig(source))).toEqual([expect.stringMatching(/^github-token: required/)]);
    expect(
      problemsOf(() => parseConfig(configSource({ ...minimal, 'dry-run': 'true' }, { env: { GITHUB_TOKEN: '' } }))),
    ).toEqual([]);
  });
});

describe('parseConfig reads the rules file', () => {
  it('parses YAML at the default path when it exists', () => {
    const config = parseConfig(configSource(minimal, { files: { '.github/log-gardener.yml': 'rules:\n  - id: x\n' } }));
    expect(config.rules).toEqual({ rules: [{ id: 'x' }] });
    expect(config.rulesPath).toBe('.github/log-gardener.yml');
  });
  it.each([
    ['the input empty (the default)', ''],
    ['the default path spelled out', '.github/log-gardener.yml'],
  ])('skips the default path silently when it does not exist: %s', (_name, given) => {
    const config = parseConfig(configSource({ ...minimal, config: given }));
    expect(config.rules).toBeNull();
    expect(config.rulesPath).toBe('');
  });
  it('requires a path the user named to exist', () => {
    expect(problemsOf(() => parseConfig(configSource({ ...minimal, config: 'ops/gardener.yml' })))).toEqual([
      expect.stringMatching(/^config: file 'ops\/gardener.yml' does not exist/),
    ]);
  });
  it('uses a named path that exists', () => {
    const config = parseConfig(
      configSource({ ...minimal, config: 'ops/gardener.yml' }, { files: { 'ops/gardener.yml': 'rules: []\n' } }),
    );
    expect(config.rulesPath).toBe('ops/gardener.yml');
  });
  it('reports invalid YAML', () => {
    const problems = problemsOf(() =>
      parseConfig(configSource(minimal, { files: { '.github/log-gardener.yml': 'rules: [' } })),
    );
    expect(problems[0]).toMatch(/^config: '.github\/log-gardener.yml' is not valid YAML/);
  });
});

describe('value parsers', () => {
  it.each([
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
    ['1h30m', 5_400_000],
    ['1w', 604_800_000],
    ['90s', 90_000],
  ])('duration %s = %i ms', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: ms });
  });
  it.each(['', '0m', '1.5h', 'h', '10'])('duration %j is rejected', (text) => {
    expect(parseDuration(text).ok).toBe(false);
  });
  it.each([
    ['2026-11-30T09:00:00Z', Date.UTC(2026, 10, 30, 9)],
    ['2026-11-30T10:00:00+01:00', Date.UTC(2026, 10, 30, 9)],
    ['2026-11-30T09:00:00.123456789Z', Date.UTC(2026, 10, 30, 9, 0, 0, 123)],
  ])('time %s', (text, ms) => {
    expect(parseTime(text)).toEqual({ ok: true, value: ms });
  });
  it.each(['2026-11-30', '2026-11-30T09:00:00', 'now'])('time %j without a zone is rejected', (text) => {
    expect(parseTime(text).ok).toBe(false);
  });
  it.each([
    ['https://logging.googleapis.com/', 'https://logging.googleapis.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:9', 'http://localhost:9'],
    ['http://[::1]:9', 'http://[::1]:9'],
  ])('endpoint %s', (text, url) => {
    expect(parseEndpoint(text)).toEqual({ ok: true, value: url });
  });
  it.each(['http://10.0.0.1', 'ftp://x', 'not a url', 'https://x.com/?a=1'])('endpoint %s is rejected', (text) => {
    expect(parseEndpoint(text).ok).toBe(false);
  });
  it('splits lists on commas and newlines', () => {
    expect(parseList('a, b\nc,,a\n')).toEqual(['a', 'b', 'c']);
  });
});
