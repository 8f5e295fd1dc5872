/**
 * The redaction rules as data (DESIGN §7). Each rule runs only when its cheap literal
 * trigger occurs in the lower-cased text, and every regex is written so that it cannot
 * backtrack catastrophically: a rule either starts with a literal, or starts only at the
 * beginning of a run (a negative lookbehind on the run's own alphabet), and every open-ended
 * repetition is bounded or followed by nothing that forces it to give characters back.
 * bench/redaction-adversarial.ts measures this on adversarial lines.
 *
 * Convention: the named group `secret` (or the whole match) is a suffix of the match and is
 * replaced with `[REDACTED:<kind>]`; what precedes it in the match is context that stays
 * readable (`password=`, `Bearer `). A rule may also capture a `lead` group inside a
 * lookbehind just before the match: it is replaced too. That lets the e-mail rule start at
 * its `@` (fast: a literal) and still hide the local part. Most rules start with a literal,
 * so the regex engine skips ahead instead of trying every position.
 */

export type RedactionKind =
  | 'github-token'
  | 'google-api-key'
  | 'google-oauth-token'
  | 'aws-access-key'
  | 'aws-secret-key'
  | 'slack-token'
  | 'jwt'
  | 'bearer'
  | 'authorization'
  | 'private-key'
  | 'url-password'
  | 'url-token'
  | 'secret-value'
  | 'email'
  | 'ip';

export interface SecretRule {
  /** Unique rule id (several rules may share a kind). */
  readonly id: string;
  /** What `[REDACTED:<kind>]` says was there. */
  readonly kind: RedactionKind;
  /** Lower-case literals; the regex runs only when the lower-cased text contains one. */
  readonly triggers: readonly string[];
  /**
   * Literals (exact case) of which every match contains at least one, checked on the text just
   * before the regex runs: a second cheap test for rules whose trigger is a common word. A
   * URL path that names `/sessions/` holds no `:` or `=`, so no key=value rule need run on it.
   */
  readonly requires?: readonly string[];
  /**
   * A cheaper regex that finds a match wherever `pattern` would (the key and separator the
   * three key=value rules share): tested once on the text for all rules that share the same
   * object, so a URL that names `auth` and `session` but holds no `key: value` costs one scan,
   * not three.
   */
  readonly prefilter?: RegExp;
  /** Global regex; see the keep/secret convention above. */
  readonly pattern: RegExp;
  /** Second look at a candidate secret, for what a regex says badly (prose, placeholders). */
  readonly accept?: (secret: string) => boolean;
  /** Only with `redact-ips`. */
  readonly onlyWithIps?: boolean;
  /** Checked by strict mode (`redact: strict`); personal data is redacted but is not a "secret". */
  readonly strict: boolean;
}

/** Never re-redact our own placeholder. */
const NOT_PLACEHOLDER = '(?!\\[REDACTED)';

/**
 * Key names whose value is a secret. Strong stems may be glued to a prefix (`dbpassword`,
 * `clientsecret`, `accesstoken`); weak stems (`pass`, `pwd`, `auth`) need a separator or the
 * start of the key, so `bypass`, `author`, `oauth` are not keys of secrets. Plural `tokens`
 * and `token_count` are counts, not tokens. `authorization` has its own rule, which keeps
 * the scheme (`Basic`, `Bearer`) readable.
 */
const SENSITIVE_KEY =
  '(?:passwords?|passwd|passphrase|secrets?|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|session(?:[_-]?id)?' +
  '|(?<![A-Za-z0-9])(?:pass|pwd|auth))' +
  '(?:[_-]?(?:id|hash|value))?';
/** `: `, `=`, `=>` with optional (escaped) quote before; spaces only, never a newline. */
const KEY_SEPARATOR = '(?:\\\\?["\'])?[ \\t]{0,3}(?:=>|:=|[:=](?![=>]))[ \\t]{0,3}';
/** The start every key=value match shares: a sensitive key and a separator (see `prefilter`). */
const KEY_AND_SEPARATOR = new RegExp(`${SENSITIVE_KEY}${KEY_SEPARATOR}`, 'i');
/**
 * A bracketed context tag (`[session:ABC123]`, `[auth:admin]`, as MDC and request-context loggers
 * write them) names a session or auth context, it does not hand out a credential: after a weak key
 * right behind `[`, a `:` and a short value closed by `]` is not a key=value secret. Strong keys
 * (`[password:…]`, `[token:…]`) stay secrets, and a value of a secret's own shape (a JWT, a GitHub
 * token) is still found by its rule.
 */
const NOT_A_TAG = '(?!(?<=\\[(?:session(?:[_-]?id)?|auth(?:[_-]?id)?))[ \\t]?:[^\\s\\]\\[]{1,64}\\])';
/** Every KEY_SEPARATOR holds one of these: a rule built on it `requires` them. */
const SEPARATORS: readonly string[] = [':', '='];

// `<*>` and `<NUM>` are the clustering mask's own placeholders: strict mode reads masked
// templates (`password=<*>`) in the worklog and must not take them for surviving secrets.
const PLACEHOLDER_WORDS =
  /^(?:null|nil|none|undefined|true|false|\*+|x+|redacted|filtered|hidden|masked|<redacted>|\[filtered\]|-|<\*>|<[A-Z_]{1,20}>)$/i;
const AUTH_SCHEMES = 'basic|bearer|digest|token|negotiate|ntlm|hoba|mutual|aws4-hmac-sha256|oauth|key|sharedkey|apikey';
const AUTH_SCHEME_WORD = new RegExp(`^(?:${AUTH_SCHEMES})$`, 'i');

function isRealValue(secret: string): boolean {
  return secret.length > 0 && !PLACEHOLDER_WORDS.test(secret);
}

/** "the bearer of bad news" is prose; a token is long, or shorter with a digit or symbol. */
function looksLikeBearerToken(secret: string): boolean {
  return secret.length >= 20 || (secret.length >= 8 && /[0-9._~+/=-]/.test(secret));
}

/** `icon@2x.png` is an asset, not an address. */
function looksLikeEmail(secret: string): boolean {
  return !/@\d+(?:\.\d+)?x\./i.test(secret);
}

/** `12:34:56` is a time and `a::b` a path; an address has a digit and two groups or more. */
function looksLikeIpv6(secret: string): boolean {
  return /\d/.test(secret) && secret.split(':').filter((group) => group !== '').length >= 2;
}

const IPV4_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const H16 = '[0-9A-Fa-f]{1,4}';

export const SECRET_RULES: readonly SecretRule[] = [
  {
    id: 'private-key-block',
    kind: 'private-key',
    triggers: ['private key'],
    // Body: base64, whitespace, escaped newlines and PEM headers (`Proc-Type: 4,ENCRYPTED`);
    // a `-` is body only when not the start of `-----END`. The END line is optional so a
    // truncated key is still hidden.
    pattern:
      /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s\\:,]|-(?!----)){0,65536}(?:-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----)?/g,
    strict: true,
  },
  {
    id: 'github-token',
    kind: 'github-token',
    triggers: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    pattern: /gh[pousr]_[A-Za-z0-9]{30,255}/g,
    strict: true,
  },
  {
    id: 'github-fine-grained-pat',
    kind: 'github-token',
    triggers: ['github_pat_'],
    pattern: /github_pat_[A-Za-z0-9_]{30,255}/g,
    strict: true,
  },
  {
    id: 'google-api-key',
    kind: 'google-api-key',
    triggers: ['aiza'],
    pattern: /AIza[0-9A-Za-z_-]{30,255}/g,
    strict: true,
  },
  {
    id: 'google-access-token',
    kind: 'google-oauth-token',
    triggers: ['ya29.'],
    pattern: /ya29\.[0-9A-Za-z_.-]{20,4096}/g,
    strict: true,
  },
  {
    id: 'google-refresh-token',
    kind: 'google-oauth-token',
    triggers: ['1//0'],
    pattern: /(?<![A-Za-z0-9/])1\/\/0[0-9A-Za-z_-]{30,1024}/g,
    strict: true,
  },
  {
    id: 'google-oauth-client-secret',
    kind: 'google-oauth-token',
    triggers: ['gocspx-'],
    pattern: /GOCSPX-[0-9A-Za-z_-]{20,128}/g,
    strict: true,
  },
  {
    id: 'aws-access-key-id',
    kind: 'aws-access-key',
    triggers: ['akia', 'asia', 'abia', 'acca'],
    pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
    strict: true,
  },
  {
    id: 'aws-secret-access-key',
    kind: 'aws-secret-key',
    triggers: ['secret'],
    requires: SEPARATORS,
    pattern: new RegExp(
      `secret[_.-]?access[_.-]?key${KEY_SEPARATOR}(?:\\\\?["'])?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
      'gi',
    ),
    strict: true,
  },
  {
    id: 'slack-token',
    kind: 'slack-token',
    triggers: ['xox'],
    pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,255}/g,
    strict: true,
  },
  {
    id: 'slack-webhook',
    kind: 'slack-token',
    triggers: ['hooks.slack.com'],
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>[A-Za-z0-9/_-]{10,255})/g,
    strict: true,
  },
  {
    id: 'jwt',
    kind: 'jwt',
    triggers: ['eyj'],
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,8192}\.[A-Za-z0-9_-]{5,16384}\.[A-Za-z0-9_-]{0,8192}/g,
    strict: true,
  },
  {
    id: 'bearer',
    kind: 'bearer',
    triggers: ['bearer'],
    pattern: /(?<![A-Za-z0-9_-])bearer[ \t]{1,10}(?<secret>[A-Za-z0-9._~+/-]{1,4096}=*)/gi,
    accept: looksLikeBearerToken,
    strict: true,
  },
  {
    id: 'authorization-header',
    kind: 'authorization',
    triggers: ['authorization'],
    requires: SEPARATORS,
    pattern: new RegExp(
      `authorization${KEY_SEPARATOR}(?:\\\\?["'])?(?:(?:${AUTH_SCHEMES})[ \\t]{1,3})?(?<secret>${NOT_PLACEHOLDER}[^\\s"'\\\\]{1,4096})`,
      'gi',
    ),
    accept: (secret) => isRealValue(secret) && !AUTH_SCHEME_WORD.test(secret),
    strict: true,
  },
  {
    id: 'url-password',
    kind: 'url-password',
    triggers: ['://'],
    requires: ['@'],
    // `scheme://user:password@host`; the password may itself hold a raw `@` (last one wins).
    pattern: /:\/\/[^\s/?#@:"'<>]{0,256}:(?<secret>(?!\[REDACTED)[^\s/?#"'<>]{1,256})(?=@)/g,
    strict: true,
  },
  {
    id: 'url-token',
    kind: 'url-token',
    triggers: [
      'token=',
      'auth=',
      'key=',
      'password=',
      'passwd=',
      'pwd=',
      'pass=',
      'secret=',
      'sig=',
      'signature=',
      'credential=',
      'code=',
      'session=',
      'sessionid=',
      'sid=',
      'jwt=',
    ],
    pattern: new RegExp(
      `[?&;](?:[A-Za-z0-9_.-]{0,30}[_.-])?(?:access_token|token|auth|key|apikey|password|passwd|pwd|pass|secret|sig|signature|credential|code|session|sessionid|sid|jwt)=(?<secret>${NOT_PLACEHOLDER}[^&#\\s"'<>]{1,4096})`,
      'gi',
    ),
    strict: true,
  },
  {
    id: 'secret-value-double-quoted',
    kind: 'secret-value',
    triggers: ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'session', 'credential'],
    requires: SEPARATORS,
    prefilter: KEY_AND_SEPARATOR,
    pattern: new RegExp(
      `${SENSITIVE_KEY}${KEY_SEPARATOR}\\\\?"(?<secret>${NOT_PLACEHOLDER}(?:[^"\\\\\\r\\n]|\\\\[^"\\r\\n]){1,2048})`,
      'gi',
    ),
    accept: isRealValue,
    strict: true,
  },
  {
    id: 'secret-value-single-quoted',
    kind: 'secret-value',
    triggers: ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'session', 'credential'],
    requires: SEPARATORS,
    prefilter: KEY_AND_SEPARATOR,
    pattern: new RegExp(`${SENSITIVE_KEY}${KEY_SEPARATOR}'(?<secret>${NOT_PLACEHOLDER}[^'\\r\\n]{1,2048})`, 'gi'),
    accept: isRealValue,
    strict: true,
  },
  {
    id: 'secret-value-bare',
    kind: 'secret-value',
    triggers: ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'session', 'credential'],
    requires: SEPARATORS,
    prefilter: KEY_AND_SEPARATOR,
    pattern: new RegExp(
      `${SENSITIVE_KEY}${NOT_A_TAG}${KEY_SEPARATOR}(?<secret>(?!\\\\?["'])${NOT_PLACEHOLDER}[^\\s"',;&)}\\]]{1,2048})`,
      'gi',
    ),
    accept: isRealValue,
    strict: true,
  },
  {
    id: 'cookie-header',
    kind: 'secret-value',
    triggers: ['cookie'],
    requires: SEPARATORS,
    // Every cookie in the header, not only the first pair: to the end of the line or quote.
    // Runs after the key rules, so a key it swallows has had its own value redacted.
    pattern: new RegExp(
      `cookie(?:\\\\?["'])?[ \\t]{0,3}[:=][ \\t]{0,3}(?:\\\\?["'])?(?<secret>${NOT_PLACEHOLDER}[^\\s"'\\\\][^\\r\\n"'\\\\]{0,8191})`,
      'gi',
    ),
    accept: isRealValue,
    strict: true,
  },
  {
    id: 'email',
    kind: 'email',
    triggers: ['@'],
    pattern:
      /(?<=(?<![A-Za-z0-9._%+-])(?<lead>[A-Za-z0-9._%+-]{1,64}))@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
    accept: looksLikeEmail,
    strict: false,
  },
  {
    id: 'ipv4',
    kind: 'ip',
    triggers: ['.'],
    pattern: new RegExp(`(?<![0-9A-Za-z.])(?:${IPV4_OCTET}\\.){3}${IPV4_OCTET}(?![0-9]|\\.[0-9])`, 'g'),
    onlyWithIps: true,
    strict: false,
  },
  {
    id: 'ipv6',
    kind: 'ip',
    triggers: [':'],
    pattern: new RegExp(
      `(?<![0-9A-Za-z_:.])(?:(?:${H16}:){7}${H16}|(?:${H16}(?::${H16}){0,6})?::(?:${H16}(?::${H16}){0,6})?)(?![0-9A-Za-z_:])`,
      'g',
    ),
    accept: looksLikeIpv6,
    onlyWithIps: true,
    strict: false,
  },
];

/** Where a secret sits in a text: [start, end). */
export interface SecretSpan {
  start: number;
  end: number;
}

/**
 * Every secret `rule` finds in `text`, in order and without overlaps, after the rule's
 * `accept` check. Shared by redaction and strict mode so both see the same spans.
 */
export function* findSecretSpans(rule: SecretRule, text: string): Generator<SecretSpan> {
  const pattern = rule.pattern;
  pattern.lastIndex = 0;
  let previousEnd = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) {
      pattern.lastIndex += 1;
      continue;
    }
    const secret = match.groups?.secret ?? match[0];
    const lead = match.groups?.lead ?? '';
    if (rule.accept && !rule.accept(lead + secret)) continue;
    const end = match.index + match[0].length;
    const start = Math.max(previousEnd, end - secret.length - lead.length);
    previousEnd = end;
    yield { start, end };
  }
}
