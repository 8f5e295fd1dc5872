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

/**
 * What redaction keeps per plan (with and without IP addresses): the tables of recent texts,
 * short and long, and each resource field's previous value with its redaction. A record's names
 * mostly equal the previous record's, often as the very same string: comparing them costs less
 * than hashing them for the table (the run's hot path). Picked once per record.
 */
interface Memory {
  plan: RulePlan;
  short: ResultTable;
  long: ResultTable;
  lastRaw: string[];
  lastOut: string[];
}

/** The resource fields remembered, by slot in Memory.lastRaw / lastOut. */
const SERVICE = 0;
const REVISION = 1;
const INSTANCE = 2;
const LOG_NAME = 3;
const SELECTOR = 4;

function newMemory(plan: RulePlan): Memory {
  const names = () => ['', '', '', '', ''];
  return { plan, short: newTable(4096), long: newTable(256), lastRaw: names(), lastOut: names() };
}

const WITHOUT_IPS_MEMORY = newMemory(WITHOUT_IPS);
const WITH_IPS_MEMORY = newMemory(WITH_IPS);

function memoryFor(options: RedactOptions): Memory {
  return options.ips ? WITH_IPS_MEMORY : WITHOUT_IPS_MEMORY;
}

/** Replaces every secret (and e-mail, and with `ips` every IP address) with `[REDACTED:<kind>]`. */
export function redactText(text: string, options: RedactOptions): string {
  return redactWith(text, memoryFor(options));
}

/**
 * A text with nothing to redact comes back as the very string given, also from the table: the
 * callers then see that nothing changed by identity, without comparing the text once more.
 */
function redactWith(text: string, m: Memory): string {
  const length = text.length;
  if (length === 0 || length > LONG_TEXT_MAX) return runRules(text, m.plan);
  const table = length <= SHORT_TEXT_MAX ? m.short : m.long;
  const slot = sampledHash(text) & table.mask;
  if (table.texts[slot] === text) {
    const result = table.results[slot]!;
    return result === table.texts[slot] ? text : result;
  }
  const redacted = runRules(text, m.plan);
  table.texts[slot] = text;
  table.results[slot] = redacted;
  return redacted;
}

function redactName(text: string, field: number, m: Memory): string {
  if (text === m.lastRaw[field]) {
    const out = m.lastOut[field]!;
    return out === m.lastRaw[field] ? text : out;
  }
  const out = redactWith(text, m);
  m.lastRaw[field] = text;
  m.lastOut[field] = out;
  return out;
}

function redactHttp(http: HttpInfo, m: Memory): HttpInfo {
  const url = redactWith(http.url, m);
  const path = redactWith(http.path, m);
  const userAgent = http.userAgent === undefined ? undefined : redactWith(http.userAgent, m);
  if (url === http.url && path === http.path && userAgent === http.userAgent) return http;
  return userAgent === undefined ? { ...http, url, path } : { ...http, url, path, userAgent };
}

function redactAudit(audit: AuditInfo, m: Memory): AuditInfo {
  const statusMessage = redactWith(audit.statusMessage, m);
  const method = redactWith(audit.method, m);
  const service = redactWith(audit.service, m);
  if (statusMessage === audit.statusMessage && method === audit.method && service === audit.service) return audit;
  return { ...audit, service, method, statusMessage };
}

/** The optional fields: a resource selector (it quotes labels) and an audit call. */
function redactExtras(record: LogRecord, redacted: LogRecord, m: Memory): LogRecord {
  const selector = record.selector === undefined ? undefined : redactName(record.selector, SELECTOR, m);
  const audit = record.audit === undefined ? undefined : redactAudit(record.audit, m);
  const context = record.context === undefined ? undefined : redactWith(record.context, m);
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
  const m = memoryFor(options);
  return redactExtras(record, redactCore(record, m), m);
}

function redactCore(record: LogRecord, m: Memory): LogRecord {
  const message = redactWith(record.message, m);
  const stack = redactWith(record.stack, m);
  const errorType = redactWith(record.errorType, m);
  const sourceLocation = redactWith(record.sourceLocation, m);
  const http = record.http === undefined ? undefined : redactHttp(record.http, m);
  // Resource labels are posted too (issue titles, tables). They rarely hold a secret and come in
  // runs: each field's previous value is compared first, before the table of recent texts.
  const service = redactName(record.service, SERVICE, m);
  const revision = redactName(record.revision, REVISION, m);
  const instance = redactName(record.instance, INSTANCE, m);
  const logName = redactName(record.logName, LOG_NAME, m);
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
