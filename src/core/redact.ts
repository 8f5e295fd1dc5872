/**
 * Secret and personal-data redaction (DESIGN §7), run on every record before clustering
 * picks samples, so a secret cannot reach a template, an issue, the worklog or the log.
 *
 * Hot path: a million records. A record whose fields contain none of the rules' literal
 * triggers costs one case-insensitive regex scan per non-empty field and is returned as the
 * same object; only fields that contain a trigger run the (few) rules that trigger matched.
 */
import type { HttpInfo, LogRecord } from './log-record.js';
import { findSecretSpans, SECRET_RULES, type RedactionKind, type SecretRule } from './secret-patterns.js';
import { neutralizeWorkflowCommands } from './workflow-commands.js';
import { stripControl } from './safe-markdown.js';

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

function runRules(text: string, plan: RulePlan): string {
  if (text.length === 0) return text;
  const enabled = triggeredRules(text, plan);
  if (enabled === undefined) return text;
  let out = text;
  plan.rules.forEach((rule, index) => {
    if (enabled[index]) out = applyRule(rule, out);
  });
  return out;
}

/** Replaces every secret (and e-mail, and with `ips` every IP address) with `[REDACTED:<kind>]`. */
export function redactText(text: string, options: RedactOptions): string {
  return runRules(text, options.ips ? WITH_IPS : WITHOUT_IPS);
}

function redactHttp(http: HttpInfo, options: RedactOptions): HttpInfo {
  const url = redactText(http.url, options);
  const path = redactText(http.path, options);
  const userAgent = http.userAgent === undefined ? undefined : redactText(http.userAgent, options);
  if (url === http.url && path === http.path && userAgent === http.userAgent) return http;
  return userAgent === undefined ? { ...http, url, path } : { ...http, url, path, userAgent };
}

/**
 * Redacts every free-text field of a record: message, stack, errorType, sourceLocation and
 * the request's URL, path and user agent. Returns the same object when nothing matched.
 */
export function redactRecord(record: LogRecord, options: RedactOptions): LogRecord {
  const message = redactText(record.message, options);
  const stack = redactText(record.stack, options);
  const errorType = redactText(record.errorType, options);
  const sourceLocation = redactText(record.sourceLocation, options);
  const http = record.http === undefined ? undefined : redactHttp(record.http, options);
  if (
    message === record.message &&
    stack === record.stack &&
    errorType === record.errorType &&
    sourceLocation === record.sourceLocation &&
    http === record.http
  ) {
    return record;
  }
  const redacted: LogRecord = { ...record, message, stack, errorType, sourceLocation };
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
