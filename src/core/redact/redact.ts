/**
 * Secret and personal-data redaction (DESIGN §7), run on every record before clustering
 * picks samples, so a secret cannot reach a template, an issue, the worklog or the log.
 *
 * Hot path: a million records. A text seen recently is answered from a small table (most
 * texts repeat). Otherwise a text that contains none of the rules' literal triggers costs one
 * case-insensitive regex scan; a text that does runs only the rules its triggers enable, and of
 * those only the ones whose cheap `requires` / `prefilter` tests pass. A record with nothing to
 * redact is returned as the same object.
 */
import type { AuditInfo, HttpInfo, LogRecord } from '../model/log-record.js';
import { findSecretSpans, SECRET_RULES, type RedactionKind, type SecretRule } from './secret-patterns.js';
import { neutralizeWorkflowCommands } from '../markdown/workflow-commands.js';
import { stripControl } from '../markdown/safe-markdown.js';
import { sampledHash } from '../model/sampled-hash.js';

export type { RedactionKind } from './secret-patterns.js';

export interface RedactOptions {
  /** Also redact IPv4/IPv6 addresses (`redact-ips`). */
  ips: boolean;
}

interface RulePlan {
  rules: readonly SecretRule[];
  /** Global, case-insensitive scan for any trigger of any rule in `rules`. */
  anyTrigger: RegExp;
  /** Lower-cased trigger → indexes of the rules it enables (a trigger also enables the rules of triggers it contains). */
  rulesByTrigger: Map<string, number[]>;
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function planFor(rules: readonly SecretRule[]): RulePlan {
  // Longest first, so `key=` is reported rather than `key`; the scan restarts one character
  // after each hit, so overlapping triggers are all seen.
  const triggers = [...new Set(rules.flatMap((rule) => rule.triggers))].sort((a, b) => b.length - a.length);
  const rulesByTrigger = new Map<string, number[]>();
  for (const trigger of triggers) {
    const enabled = rules.flatMap((rule, index) => (rule.triggers.some((t) => trigger.includes(t)) ? [index] : []));
    rulesByTrigger.set(trigger, enabled);
  }
  return { rules, anyTrigger: new RegExp(triggers.map(escapeRegExp).join('|'), 'gi'), rulesByTrigger };
}

const WITHOUT_IPS = planFor(SECRET_RULES.filter((rule) => !rule.onlyWithIps));
const WITH_IPS = planFor(SECRET_RULES);

/** The placeholder a secret is replaced with. */
export function placeholderFor(kind: RedactionKind): string {
  return `[REDACTED:${kind}]`;
}

/** Which rules have a trigger in `text`; undefined when none (the common, fast case). */
function triggeredRules(text: string, plan: RulePlan): boolean[] | undefined {
  const scan = plan.anyTrigger;
  scan.lastIndex = 0;
  let hit = scan.exec(text);
  if (hit === null) return undefined;
  const enabled = new Array<boolean>(plan.rules.length).fill(false);
  while (hit !== null) {
    const indexes = plan.rulesByTrigger.get(hit[0].toLowerCase());
    // A case-folding oddity we did not map: run every rule rather than miss one.
    if (indexes === undefined) return enabled.fill(true);
    for (const index of indexes) enabled[index] = true;
    scan.lastIndex = hit.index + 1;
    hit = scan.exec(text);
  }
  return enabled;
}

function applyRule(rule: SecretRule, text: string): string {
  let out = '';
  let copied = 0;
  for (const span of findSecretSpans(rule, text)) {
    out += `${text.slice(copied, span.start)}${placeholderFor(rule.kind)}`;
    copied = span.end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The rule's `requires` holds: one of its literals is in `text` (always, for a rule without). */
function meetsRequirement(rule: SecretRule, text: string): boolean {
  const required = rule.requires;
  if (required === undefined) return true;
  for (const literal of required) if (text.indexOf(literal) >= 0) return true;
  return false;
}

function runRules(text: string, plan: RulePlan): string {
  if (text.length === 0) return text;
  const enabled = triggeredRules(text, plan);
  if (enabled === undefined) return text;
  let out = text;
  // A prefilter is tested once for the rules that share it, until a rule changes the text.
  let prefilter: RegExp | undefined;
  let prefilterPassed = true;
  plan.rules.forEach((rule, index) => {
    // Checked on the text as the earlier rules left it: the text the regex would run on.
    if (!enabled[index] || !meetsRequirement(rule, out)) return;
    if (rule.prefilter !== undefined) {
      if (rule.prefilter !== prefilter) {
        prefilter = rule.prefilter;
        prefilterPassed = prefilter.test(out);
      }
      if (!prefilterPassed) return;
    }
    const before = out;
    out = applyRule(rule, out);
    // A changed text is tested afresh.
    if (out !== before) prefilter = undefined;
  });
  return out;
}

/**
 * Results remembered, per plan. Stack traces, user agents, and URLs and messages without ids
 * repeat across a run (a million records hold a few tens of thousands of distinct texts).
 * Redaction is a pure function of the text, so a remembered result is the result.
 *
 * Direct-mapped, like a CPU cache: a slot is picked from the length and a few sampled
 * characters, and a hit is confirmed by comparing the whole text. Each text is a fresh string,
 * and hashing it for a Map costs about as much as the trigger scan it would save; sampling and
 * comparing cost a fraction. A collision only costs a miss. Bounded: short texts in one table,
 * long ones (stack traces) in a smaller one, a few MB at most.
 */
interface ResultTable {
  texts: string[];
  results: string[];
  /** Slots - 1 (a power of two). */
  mask: number;
}

const SHORT_TEXT_MAX = 256;
const LONG_TEXT_MAX = 16 * 1024;

function newTable(slots: number): ResultTable {
  return { texts: new Array<string>(slots).fill(''), results: new Array<string>(slots).fill(''), mask: slots - 1 };
}

/** [short, long] per plan. */
const TABLES = new Map<RulePlan, [ResultTable, ResultTable]>([
  [WITHOUT_IPS, [newTable(4096), newTable(256)]],
  [WITH_IPS, [newTable(4096), newTable(256)]],
]);

/** Replaces every secret (and e-mail, and with `ips` every IP address) with `[REDACTED:<kind>]`. */
export function redactText(text: string, options: RedactOptions): string {
  const plan = options.ips ? WITH_IPS : WITHOUT_IPS;
  const length = text.length;
  if (length === 0 || length > LONG_TEXT_MAX) return runRules(text, plan);
  const table = TABLES.get(plan)![length <= SHORT_TEXT_MAX ? 0 : 1];
  const slot = sampledHash(text) & table.mask;
  if (table.texts[slot] === text) return table.results[slot]!;
  const redacted = runRules(text, plan);
  table.texts[slot] = text;
  table.results[slot] = redacted;
  return redacted;
}

/**
 * The previous value of each resource field (service, revision, instance, logName, selector) and
 * its redaction, per plan. A record's names mostly equal the previous record's, often as the very
 * same string: comparing them costs less than hashing them for the table (the run's hot path).
 */
const LAST_NAMES = new Map<RulePlan, { raw: string[]; out: string[] }>([
  [WITHOUT_IPS, { raw: ['', '', '', '', ''], out: ['', '', '', '', ''] }],
  [WITH_IPS, { raw: ['', '', '', '', ''], out: ['', '', '', '', ''] }],
]);

function redactName(text: string, field: number, options: RedactOptions): string {
  const last = LAST_NAMES.get(options.ips ? WITH_IPS : WITHOUT_IPS)!;
  if (text === last.raw[field]) return last.out[field]!;
  const out = redactText(text, options);
  last.raw[field] = text;
  last.out[field] = out;
  return out;
}

function redactHttp(http: HttpInfo, options: RedactOptions): HttpInfo {
  const url = redactText(http.url, options);
  const path = redactText(http.path, options);
  const userAgent = http.userAgent === undefined ? undefined : redactText(http.userAgent, options);
  if (url === http.url && path === http.path && userAgent === http.userAgent) return http;
  return userAgent === undefined ? { ...http, url, path } : { ...http, url, path, userAgent };
}

function redactAudit(audit: AuditInfo, options: RedactOptions): AuditInfo {
  const statusMessage = redactText(audit.statusMessage, options);
  const method = redactText(audit.method, options);
  const service = redactText(audit.service, options);
  if (statusMessage === audit.statusMessage && method === audit.method && service === audit.service) return audit;
  return { ...audit, service, method, statusMessage };
}

/** The optional fields: a resource selector (it quotes labels) and an audit call. */
function redactExtras(record: LogRecord, redacted: LogRecord, options: RedactOptions): LogRecord {
  const selector = record.selector === undefined ? undefined : redactName(record.selector, 4, options);
  const audit = record.audit === undefined ? undefined : redactAudit(record.audit, options);
  const context = record.context === undefined ? undefined : redactText(record.context, options);
  if (selector === record.selector && audit === record.audit && context === record.context) return redacted;
  const out = redacted === record ? { ...record } : redacted;
  if (selector !== undefined) out.selector = selector;
  if (audit !== undefined) out.audit = audit;
  if (context !== undefined) out.context = context;
  return out;
}

/**
 * Redacts every free-text field of a record: message, stack, errorType, sourceLocation, the
 * request's URL, path and user agent, the resource names and selector, an audit call's
 * status message and a re-assembled event's context lines. Returns the same object when nothing matched.
 */
export function redactRecord(record: LogRecord, options: RedactOptions): LogRecord {
  return redactExtras(record, redactCore(record, options), options);
}

function redactCore(record: LogRecord, options: RedactOptions): LogRecord {
  const message = redactText(record.message, options);
  const stack = redactText(record.stack, options);
  const errorType = redactText(record.errorType, options);
  const sourceLocation = redactText(record.sourceLocation, options);
  const http = record.http === undefined ? undefined : redactHttp(record.http, options);
  // Resource labels are posted too (issue titles, tables). They rarely hold a secret and come in
  // runs: each field's previous value is compared first, before the table of recent texts.
  const service = redactName(record.service, 0, options);
  const revision = redactName(record.revision, 1, options);
  const instance = redactName(record.instance, 2, options);
  const logName = redactName(record.logName, 3, options);
  if (
    service === record.service &&
    revision === record.revision &&
    instance === record.instance &&
    logName === record.logName &&
    message === record.message &&
    stack === record.stack &&
    errorType === record.errorType &&
    sourceLocation === record.sourceLocation &&
    http === record.http
  ) {
    return record;
  }
  const redacted: LogRecord = {
    ...record,
    service,
    revision,
    instance,
    logName,
    message,
    stack,
    errorType,
    sourceLocation,
  };
  if (http !== undefined) redacted.http = http;
  return redacted;
}

/**
 * Log text made safe to print to the runner's log (`core.info`): redacted, without control
 * characters or ANSI escapes, and with workflow commands (`::add-mask::`, `##[...]`) inert.
 * For markdown, use `redactText` and then safe-markdown's `safeText` / `codeBlock`.
 */
export function safeLogText(text: string, options: RedactOptions): string {
  return neutralizeWorkflowCommands(stripControl(redactText(text, options)));
}
