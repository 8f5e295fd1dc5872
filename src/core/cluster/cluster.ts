/**
 * The clusterer: dispatches each record to a strategy (exception, request, message), applies
 * the user's grouping rules, and resolves provisional keys to versioned fingerprints at the end.
 * Memory holds one entry per distinct key or masked template, never the records.
 */
import type { ClusterIdentity, ClusterKind, Clusterer, GroupingRule, SplitField } from '../model/cluster-types.js';
import { deriveExceptionKey, displayText } from './cluster-exception.js';
import {
  cutAtWord,
  forgetLongNumbers,
  observeValues,
  renderTemplateTitle,
  startValues,
  TITLE_MAX,
  type FormValues,
} from './miner/title-values.js';
import { FINGERPRINT_VERSION, hashFnv1a64, makeFingerprint, type FingerprintKind } from './fingerprint.js';
import type { LogRecord } from '../model/log-record.js';
import { sampledHash } from '../model/sampled-hash.js';
import { describeAudit } from '../normalize/normalize-proto.js';
import { isScannerProbe, statusKey, templateRoute } from '../normalize/route-template.js';
import { TemplateMiner, type MinedTemplate } from './miner/template-miner.js';

export { FINGERPRINT_VERSION };

export interface ClusterOptions {
  grouping?: GroupingRule[];
}

const KIND_SHORT: Record<ClusterKind, FingerprintKind> = { exception: 'exc', request: 'req', message: 'msg' };
const KIND_RANK: Record<ClusterKind, number> = { exception: 3, request: 2, message: 1 };
/** Distinct exception shapes remembered (a power of two); each holds at most 16 K characters of text. */
const EXCEPTION_SHAPE_SLOTS = 1024;
const RULE_TEXT_MAX = 65536;
/** Reason phrases for the server errors a title names. */
const STATUS_TEXT: Record<number, string> = {
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

interface CompiledRule {
  index: number;
  pattern: RegExp;
  rule: GroupingRule;
}

function compileRules(rules: GroupingRule[] | undefined): CompiledRule[] {
  return (rules ?? []).map((rule, index) => ({ index, pattern: new RegExp(rule.match), rule }));
}

/** `auth-database-unreachable` → `Auth database unreachable`: a merge rule's title when it gives none. */
function humanize(name: string): string {
  const words = name.replace(/[-_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function slug(text: string): string {
  const s = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return s.slice(0, 64) || hashFnv1a64(text);
}

function splitValue(record: LogRecord, field: SplitField): string {
  if (field === 'status') return String(record.http?.status ?? '');
  return String(record[field] ?? '');
}

export function classifyRecord(record: LogRecord): ClusterKind {
  if (record.stack !== '' || record.errorType !== '') return 'exception';
  if (record.http) return 'request';
  return 'message';
}

/** What the clusterer remembers: one entry per distinct key or rule, never the records. */
interface ClustererState {
  /** Identity per exception / request key ('e…', 'r…'), fixed when first seen (it depends only on the key). */
  fixed: Map<string, ClusterIdentity>;
  keyByCanonical: Map<string, string>;
  /** Merge rules: kind seen, by rule index. */
  mergeKinds: Map<number, ClusterKind>;
  /** Split keys → base key, rule, value. */
  splits: Map<string, { base: string; rule: CompiledRule; value: string }>;
  /** With rules, the base keys returned as themselves (a split base may never be). */
  direct: Set<string>;
  /** Exception texts by shape (long numbers as `#`) → key, and the text first seen: a direct-mapped table. */
  exceptionShapes: (ExceptionShape | undefined)[];
  /** Keys whose records carried an Error Reporting group id: that id is their identity. */
  errorGroups: Map<string, string>;
  /** Per exception key: the message's values across members, for a title without `<*>`. */
  exceptionTitles: Map<string, { form: FormValues; head: string; tail: string }>;
}

export function createClusterer(options: ClusterOptions = {}): Clusterer {
  return new RecordClusterer(compileRules(options.grouping));
}

class RecordClusterer implements Clusterer {
  private readonly miner = new TemplateMiner();
  private readonly state: ClustererState = {
    fixed: new Map(),
    keyByCanonical: new Map(),
    mergeKinds: new Map(),
    splits: new Map(),
    direct: new Set(),
    exceptionTitles: new Map(),
    exceptionShapes: new Array<ExceptionShape | undefined>(EXCEPTION_SHAPE_SLOTS).fill(undefined),
    errorGroups: new Map(),
  };

  constructor(private readonly rules: CompiledRule[]) {}

  /** The provisional key of a record's cluster; `finish()` resolves keys to identities. */
  add(record: LogRecord): string {
    const kind = classifyRecord(record);
    const rule = this.matchingRule(record);
    const { mergeKinds, splits, direct } = this.state;
    if (rule?.rule.fingerprint !== undefined) {
      const seen = mergeKinds.get(rule.index);
      if (seen === undefined || KIND_RANK[kind] > KIND_RANK[seen]) mergeKinds.set(rule.index, kind);
      return `u${rule.index}`;
    }
    const base = this.baseKey(record, kind);
    if (record.errorGroup && !this.state.errorGroups.has(base)) this.state.errorGroups.set(base, record.errorGroup);
    if (rule?.rule.splitBy) {
      const value = splitValue(record, rule.rule.splitBy);
      const key = `${base}|${rule.index}|${value}`;
      if (!splits.has(key)) splits.set(key, { base, rule, value });
      return key;
    }
    if (this.rules.length > 0) direct.add(base);
    return base;
  }

  finish(): Map<string, ClusterIdentity> {
    const out = new Map<string, ClusterIdentity>(this.state.fixed);
    for (const [key, t] of this.state.exceptionTitles) {
      const message = displayText(renderTemplateTitle(t.form.masked, [t.form]));
      const title = `${cutAtWord(`${t.head}${message}`, TITLE_MAX - t.tail.length)}${t.tail}`;
      out.set(key, { ...out.get(key)!, title });
    }
    this.miner.finish().forEach((mined, id) => out.set(`m${id}`, messageIdentity(mined)));
    for (const [key, group] of this.state.errorGroups) out.set(key, errorGroupIdentity(out.get(key)!, group));
    for (const [index, kind] of this.state.mergeKinds) out.set(`u${index}`, mergeIdentity(this.rules[index]!, kind));
    for (const [key, split] of this.state.splits) out.set(key, splitIdentity(out.get(split.base)!, split));
    // A split's base key that no record got directly must not show up as an empty cluster.
    for (const split of this.state.splits.values()) if (!this.state.direct.has(split.base)) out.delete(split.base);
    return out;
  }

  private internFixed(
    kind: ClusterKind,
    canonical: string,
    build: () => Omit<ClusterIdentity, 'fingerprint' | 'kind'>,
  ): string {
    const { keyByCanonical, fixed } = this.state;
    const full = `${kind}\n${canonical}`;
    let key = keyByCanonical.get(full);
    if (key === undefined) {
      key = `${kind[0]}${keyByCanonical.size}`;
      keyByCanonical.set(full, key);
      fixed.set(key, { fingerprint: makeFingerprint(KIND_SHORT[kind], canonical), kind, ...build() });
    }
    return key;
  }

  /**
   * A cache in front of the exception strategy, which parses the trace, keyed by the text's shape
   * (every run of 4+ digits as `#`: message ids, request numbers), since a flood repeats one trace
   * with other ids. Neither the key (numbers are variables, codes of up to 3 digits are kept) nor
   * the frames depend on long numbers, so the shape decides the key.
   */
  private exceptionKey(record: LogRecord): string {
    if (record.stack.length + record.message.length >= 16384) return this.deriveException(record);
    const errorType = record.errorType;
    const message = withoutLongNumbers(record.message);
    const stack = withoutLongNumbers(record.stack);
    const shapes = this.state.exceptionShapes;
    // Texts of one trace differ in a value, mostly at the end of the message and of the stack.
    const stackHash = sampledHash(stack, 16, 0, 16);
    const slot = sampledHash(message, 16, stackHash ^ errorType.length, 16) & (shapes.length - 1);
    const known = shapes[slot];
    // Without long numbers the shape is the stack itself: its hash is the signature's.
    const stackSample = stack === record.stack ? stackHash : sampledHash(record.stack, 16, 0, 16);
    if (known === undefined || known.stack !== stack || known.message !== message || known.errorType !== errorType) {
      const key = this.deriveException(record);
      shapes[slot] = { errorType, message, stack, key, firstMessage: record.message, stackSample };
      return key;
    }
    // Another text of the same shape: its long numbers differ, so the title names them.
    if (known.firstMessage !== record.message || known.stackSample !== stackSample)
      forgetLongNumbers(this.state.exceptionTitles.get(known.key)!.form);
    return known.key;
  }

  private deriveException(record: LogRecord): string {
    const ex = deriveExceptionKey(record);
    const key = this.internFixed('exception', ex.canonical, () => ({
      template: ex.message,
      title: ex.title,
      grouping: ex.grouping,
      errorType: ex.errorType,
      frames: ex.frames,
    }));
    const titled = this.state.exceptionTitles.get(key);
    if (titled) observeValues(titled.form, ex.rawTokens);
    else
      this.state.exceptionTitles.set(key, {
        form: startValues(ex.maskedTokens, ex.rawTokens),
        head: ex.titleHead,
        tail: ex.titleTail,
      });
    return key;
  }

  /**
   * Server errors (5xx, no response) group by service and exact status, every route together:
   * an outage answers 502 on every route, and that is one problem for whoever is on call, not
   * one issue per route (the routes are listed in the cluster). Client errors and the rest stay
   * per method and route: a broken link or a health-check 404 is about that route.
   */
  private requestKey(record: LogRecord): string {
    const http = record.http!;
    const status = statusKey(http.status);
    if (http.status >= 500 || http.status <= 0) {
      const text =
        http.status <= 0
          ? 'no response'
          : `HTTP ${http.status}${STATUS_TEXT[http.status] ? ` ${STATUS_TEXT[http.status]}` : ''}`;
      return this.internFixed('request', `${record.service}\n*\n*\n${status}`, () => ({
        template: text,
        title: `${text} on requests`,
        grouping: `request: service "${record.service}", status ${status}, all routes together (server errors; the routes are listed)`,
        status: http.status > 0 ? http.status : undefined,
      }));
    }
    // isScannerProbe reads only the statuses a probe gets (4xx).
    if (isScannerProbe(http)) {
      return this.internFixed('request', `${record.service}\nscanner\n*\n${http.status}`, () => ({
        template: `scanner probes → ${http.status}`,
        title: `Scanner probes → ${http.status}`,
        grouping: `request: service "${record.service}", status ${http.status}, scanner probes of well-known files, all paths together (the paths are listed)`,
        status: http.status,
      }));
    }
    const method = (http.method || 'GET').toUpperCase();
    const route = templateRoute(http.path || http.url || '/');
    const canonical = `${record.service}\n${method}\n${route}\n${status}`;
    return this.internFixed('request', canonical, () => ({
      template: `${method} ${route}`,
      // The service is not in the title: the issue title and every table name it already.
      title: `${method} ${route} → ${status === 'no-response' ? 'no response' : status}`,
      grouping: `request: service "${record.service}", method ${method}, route template ${route}, status ${status} (4xx exact, others by class)`,
      route,
      method,
      status: http.status >= 400 ? http.status : undefined,
    }));
  }

  private baseKey(record: LogRecord, kind: ClusterKind): string {
    if (kind === 'exception') return this.exceptionKey(record);
    if (kind === 'request') return this.requestKey(record);
    // An audited call is one problem per API, method and status code: its method name, with
    // version segments like `v1`, is the problem's name, never a variable.
    if (record.audit) {
      const audit = describeAudit(record.audit);
      return this.internFixed('message', audit.canonical, () => ({
        template: audit.title,
        title: cutAtWord(audit.title, TITLE_MAX),
        grouping: audit.grouping,
      }));
    }
    return `m${this.miner.add(record.message)}`;
  }

  private matchingRule(record: LogRecord): CompiledRule | undefined {
    if (this.rules.length === 0) return undefined;
    const text = record.stack ? `${record.message}\n${record.stack}` : record.message;
    const bounded = text.length > RULE_TEXT_MAX ? text.slice(0, RULE_TEXT_MAX) : text;
    return this.rules.find((r) => r.pattern.test(bounded));
  }
}

const LONG_NUMBER = /\d{4,}/g;

/**
 * Where the shape of an exception text was seen: its parts, its key, and a small stand-in for
 * the first text, to tell whether another text of the same shape differs (then its long numbers
 * vary): the table keeps no second copy of every trace.
 */
interface ExceptionShape {
  errorType: string;
  message: string;
  stack: string;
  key: string;
  firstMessage: string;
  /** The first stack's length, last characters and characters spread over it (sampledHash). */
  stackSample: number;
}

function withoutLongNumbers(text: string): string {
  return text.replace(LONG_NUMBER, '#');
}

function messageIdentity(mined: MinedTemplate): ClusterIdentity {
  return {
    fingerprint: makeFingerprint('msg', mined.canonical),
    kind: 'message',
    template: mined.template,
    title: mined.title || '(empty message)',
    grouping: `message: masked template "${mined.template.slice(0, 300)}" (numbers, ids, hex, IPs, key=value values masked; variable positions found across all entries)`,
  };
}

/**
 * Error Reporting groups entries across renderings and deploys; entries sharing its group id are
 * one problem, so the id replaces the key in the fingerprint (groups with one fingerprint are
 * merged by the aggregator). Cloud Logging attaches the id to every entry Error Reporting
 * grouped, so a problem that has it in one window has it in every window.
 */
function errorGroupIdentity(base: ClusterIdentity, group: string): ClusterIdentity {
  return {
    ...base,
    fingerprint: makeFingerprint(KIND_SHORT[base.kind], `error-group\n${group}`),
    grouping: `${base.grouping}; Error Reporting group ${group}`,
  };
}

function mergeIdentity({ index, rule }: CompiledRule, kind: ClusterKind): ClusterIdentity {
  const name = rule.fingerprint!;
  return {
    fingerprint: `${FINGERPRINT_VERSION}:usr:${slug(name)}`,
    kind,
    template: `/${rule.match}/`,
    title: rule.title || humanize(name),
    grouping: `grouping rule #${index + 1}: every entry matching /${rule.match}/ is merged under fingerprint "${name}"`,
  };
}

function splitIdentity(base: ClusterIdentity, split: { rule: CompiledRule; value: string }): ClusterIdentity {
  const field = split.rule.rule.splitBy!;
  return {
    ...base,
    fingerprint: makeFingerprint(KIND_SHORT[base.kind], `${base.fingerprint}\n${field}=${split.value}`),
    title: `${base.title} [${field}: ${split.value || 'none'}]`,
    grouping: `${base.grouping}; split by ${field} = "${split.value}" (grouping rule #${split.rule.index + 1})`,
  };
}
