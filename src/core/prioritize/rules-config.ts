/**
 * The user's rules file (`config`, YAML already parsed): priority rules, ignore patterns,
 * custom grouping and per-service labels/assignees. Validation reports every error at once,
 * each naming the key path and the fix. Format: docs/rules.md.
 */
import { PRIORITIES, type ClusterKind } from '../model/cluster-types.js';
import { SEVERITIES, type Severity } from '../model/log-record.js';
import { DEFAULT_RULES } from './default-rules.js';
import type { IgnoreRule, PriorityRule, RuleMatch, RuleOutcome, RulesConfig, ServiceSettings } from './rule-types.js';
import {
  checkRegex,
  isDict,
  parseStatusRange,
  readGrouping,
  readIgnore,
  readList,
  readServices,
  readStrings,
  show,
  type Fail,
} from './rules-config-sections.js';

export { parseStatusRange };
export type { IgnoreRule, PriorityRule, RuleMatch, RuleOutcome, RulesConfig, ServiceSettings };

const KINDS: readonly ClusterKind[] = ['exception', 'request', 'message'];
const MATCH_KEYS = [
  'message',
  'errorType',
  'kind',
  'severity',
  'maxSeverity',
  'status',
  'service',
  'logName',
  'minCount',
  'persistent',
];
const RULE_KEYS = ['id', 'match', 'priority', 'reason', 'likelyCauses', 'recommendedActions', 'escalate', 'enabled'];
const TOP_KEYS = ['rules', 'ignore', 'grouping', 'services'];

export function defaultRulesConfig(): RulesConfig {
  return { rules: DEFAULT_RULES.map(copyRule), ignore: [], grouping: [], services: {} };
}

function copyRule(rule: PriorityRule): PriorityRule {
  return {
    ...rule,
    match: { ...rule.match },
    likelyCauses: [...rule.likelyCauses],
    recommendedActions: [...rule.recommendedActions],
  };
}

/** Validates a parsed YAML rules file; invalid entries are dropped and reported, the rest applies. */
export function parseRulesConfig(raw: unknown, source: string): { config: RulesConfig; errors: string[] } {
  const errors: string[] = [];
  const fail = ((path: string, message: string) => {
    errors.push(`${source}: ${path}: ${message}`);
    fail.count++;
  }) as Fail;
  fail.count = 0;
  const config = defaultRulesConfig();
  if (raw === null || raw === undefined) return { config, errors };
  if (!isDict(raw)) {
    fail('(top level)', `expected a mapping with keys ${TOP_KEYS.join(', ')}; got ${show(raw)}`);
    return { config, errors };
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.includes(key)) fail(key, `unknown key; use one of ${TOP_KEYS.join(', ')}`);
  }
  config.rules = mergeRules(
    readList(raw.rules, 'rules', fail).flatMap((item, i) => readRule(item, `rules[${i}]`, fail)),
    fail,
  );
  config.ignore = readList(raw.ignore, 'ignore', fail).flatMap((item, i) => readIgnore(item, `ignore[${i}]`, fail));
  config.grouping = readList(raw.grouping, 'grouping', fail).flatMap((item, i) =>
    readGrouping(item, `grouping[${i}]`, fail),
  );
  config.services = readServices(raw.services, fail);
  return { config, errors };
}

/** User rules first; a user rule with a default's id replaces it; `enabled: false` removes it. */
function mergeRules(user: (PriorityRule & { enabled?: boolean })[], fail: Fail): PriorityRule[] {
  const seen = new Set<string>();
  const active: PriorityRule[] = [];
  user.forEach((rule, i) => {
    if (seen.has(rule.id)) fail(`rules[${i}].id`, `duplicate id ${show(rule.id)}; give each rule its own id`);
    seen.add(rule.id);
    if (rule.enabled !== false) {
      const clean = { ...rule };
      delete clean.enabled;
      active.push(clean);
    }
  });
  return [...active, ...DEFAULT_RULES.filter((rule) => !seen.has(rule.id)).map(copyRule)];
}

function readRule(item: unknown, path: string, fail: Fail): (PriorityRule & { enabled?: boolean })[] {
  if (!isDict(item)) {
    fail(path, `expected a mapping with id, match and priority; got ${show(item)}`);
    return [];
  }
  const before = fail.count;
  for (const key of Object.keys(item))
    if (!RULE_KEYS.includes(key)) fail(`${path}.${key}`, `unknown key; use one of ${RULE_KEYS.join(', ')}`);
  const id = typeof item.id === 'string' && item.id.trim() !== '' ? item.id.trim() : '';
  if (id === '') fail(`${path}.id`, 'required: a short unique name, e.g. `payments-timeout`');
  const enabled = item.enabled === undefined ? true : item.enabled;
  if (typeof enabled !== 'boolean') fail(`${path}.enabled`, `expected true or false; got ${show(enabled)}`);
  if (enabled === false && id !== '') {
    return fail.count === before
      ? [
          {
            id,
            match: {},
            priority: 'P3',
            reason: '',
            likelyCauses: [],
            recommendedActions: [],
            escalate: false,
            enabled: false,
          },
        ]
      : [];
  }
  const match = readMatch(item.match, `${path}.match`, fail);
  const priority = typeof item.priority === 'string' ? item.priority.trim() : item.priority;
  if (!(PRIORITIES as readonly unknown[]).includes(priority) && priority !== 'ignore') {
    fail(`${path}.priority`, `${show(priority)} is not one of ${PRIORITIES.join(', ')} (or ignore)`);
  }
  const reason = item.reason === undefined ? `matched rule ${id}` : item.reason;
  if (typeof reason !== 'string') fail(`${path}.reason`, `expected text; got ${show(reason)}`);
  const likelyCauses = readStrings(item.likelyCauses, `${path}.likelyCauses`, fail);
  const recommendedActions = readStrings(item.recommendedActions, `${path}.recommendedActions`, fail);
  const escalate = item.escalate === undefined ? true : item.escalate;
  if (typeof escalate !== 'boolean') fail(`${path}.escalate`, `expected true or false; got ${show(escalate)}`);
  if (fail.count !== before || !match) return [];
  return [
    {
      id,
      match,
      priority: priority as RuleOutcome,
      reason: reason as string,
      likelyCauses,
      recommendedActions,
      escalate: escalate as boolean,
    },
  ];
}

function readMatch(value: unknown, path: string, fail: Fail): RuleMatch | undefined {
  if (!isDict(value) || Object.keys(value).length === 0) {
    fail(path, `required: a mapping with at least one of ${MATCH_KEYS.join(', ')}`);
    return undefined;
  }
  const match: RuleMatch = {};
  for (const [key, v] of Object.entries(value)) {
    const at = `${path}.${key}`;
    switch (key) {
      case 'message':
      case 'errorType':
      case 'service':
      case 'logName':
        if (checkRegex(v, at, fail)) match[key] = v as string;
        break;
      case 'kind':
        if ((KINDS as readonly unknown[]).includes(v)) match.kind = v as ClusterKind;
        else fail(at, `${show(v)} is not one of ${KINDS.join(', ')}`);
        break;
      case 'severity':
      case 'maxSeverity': {
        const upper = typeof v === 'string' ? v.toUpperCase() : v;
        if ((SEVERITIES as readonly unknown[]).includes(upper)) match[key] = upper as Severity;
        else fail(at, `${show(v)} is not one of ${SEVERITIES.join(', ')}`);
        break;
      }
      case 'status': {
        const range = parseStatusRange(v);
        if (range) match.status = range;
        else fail(at, `${show(v)} is not a status: use 503, "5xx", "500-599" or [500, 599]`);
        break;
      }
      case 'minCount':
        if (typeof v === 'number' && Number.isInteger(v) && v >= 1) match.minCount = v;
        else fail(at, `${show(v)} is not a whole number of at least 1`);
        break;
      case 'persistent':
        if (typeof v === 'boolean') match.persistent = v;
        else fail(at, `${show(v)} is not true or false`);
        break;
      default:
        fail(at, `unknown condition; use one of ${MATCH_KEYS.join(', ')}`);
    }
  }
  return match;
}
