/**
 * Where an entry came from: monitored resource labels and entry labels → the service a human
 * names, its revision and instance, and the Logging query that selects it.
 */
import { cleanText } from './clean-text.js';
import type { AuditInfo } from '../model/log-record.js';
import { quote } from '../read/logging-query.js';

export interface ResourceInfo {
  resourceType: string;
  service: string;
  revision: string;
  instance: string;
  /** Logging query clauses selecting this resource and service; '' when there is no resource type. */
  selector: string;
}

type Dict = Record<string, unknown>;

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function asDict(value: unknown): Dict | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Dict) : undefined;
}

/** What the service is named from, and the query field (left side with operator) that selects it. */
interface Naming {
  service: string;
  revision: string;
  instance: string;
  /** Up to two `field=` / `field=~` / `log_id(` keys with their values. */
  key1: string;
  value1: string;
  key2: string;
  value2: string;
}

/**
 * Reads the resource per monitored-resource type
 * (https://cloud.google.com/logging/docs/api/v2/resource-list). The service never carries a
 * pod hash, a deploy version or an instance id, so it (and every fingerprint that includes it)
 * is the same in every window:
 * - `cloud_run_revision`: service_name; `cloud_run_job`: job_name; `cloud_function`: function_name
 * - `k8s_container`: `namespace/container`; `k8s_pod`: `namespace/workload`, the pod name
 *   without its ReplicaSet and pod hash (`payments-api-7d9f8b6c5d-x7k2p` → `payments-api`) or
 *   StatefulSet ordinal (`redis-0` → `redis`)
 * - `gae_app`: the module; the version is the revision (it changes on every deploy)
 * - `gce_instance`: the instance name (`compute.googleapis.com/resource_name`), else its id
 * - `http_load_balancer` and the `*_lb_rule` types: backend service, else URL map, else forwarding rule
 * - `cloudsql_database`: the instance of `project:instance`
 * - audit logs, on any resource type (`audited_resource`, `project`, `gcs_bucket`, …): the API called
 *   (`storage.googleapis.com`)
 * - `global` (and `project` without an audit log): the log's short id
 * Cloud Run puts the instance id in the entry's `labels.instanceId`.
 */
export function readResource(resource: unknown, entryLabels: unknown, logName = '', audit?: AuditInfo): ResourceInfo {
  const res = asDict(resource);
  const labels = asDict(res?.labels) ?? {};
  const entry = asDict(entryLabels) ?? {};
  const resourceType = str(res?.type);
  // One scratch object, reset per entry: this runs on every entry.
  const naming = SCRATCH;
  naming.service = '';
  naming.revision = '';
  naming.instance = str(entry.instanceId) || str(entry['run.googleapis.com/instanceId']);
  naming.key1 = '';
  naming.value1 = '';
  naming.key2 = '';
  naming.value2 = '';
  nameByType(resourceType, labels, entry, logName, naming);
  if (audit && (audit.service !== '' || audit.method !== '')) {
    naming.service = audit.service || naming.service;
    naming.key1 = 'protoPayload.serviceName=';
    naming.value1 = audit.service;
    naming.key2 = 'protoPayload.methodName=';
    naming.value2 = audit.method;
  }
  return {
    resourceType,
    service: cleanName(naming.service, 0) || resourceType,
    revision: cleanName(naming.revision, 1),
    // An instance is counted, never shown: no cleaning for it (it is also the one that changes most).
    instance: naming.instance,
    selector: resourceType === '' ? '' : selectorFor(resourceType, naming),
  };
}

const SCRATCH: Naming = { service: '', revision: '', instance: '', key1: '', value1: '', key2: '', value2: '' };

/** cleanText of a name, remembering the last per slot (service, revision): names come in runs. */
const lastRaw = ['', ''];
const lastClean = ['', ''];

function cleanName(value: string, slot: number): string {
  if (value === lastRaw[slot]) return lastClean[slot]!;
  const clean = cleanText(value);
  lastRaw[slot] = value;
  lastClean[slot] = clean;
  return clean;
}

function nameByType(type: string, labels: Dict, entry: Dict, logName: string, n: Naming): void {
  switch (type) {
    case 'cloud_run_revision':
      return name(n, 'resource.labels.service_name=', str(labels.service_name), str(labels.revision_name));
    case 'cloud_run_job':
      return name(
        n,
        'resource.labels.job_name=',
        str(labels.job_name),
        str(entry['run.googleapis.com/execution_name']),
      );
    case 'cloud_function':
      n.instance ||= str(entry.instance_id) || str(entry.execution_id);
      return name(n, 'resource.labels.function_name=', str(labels.function_name), '');
    case 'k8s_container':
    case 'k8s_pod':
      return nameKubernetes(type, labels, entry, n);
    case 'gae_app':
      n.instance ||= str(entry['appengine.googleapis.com/instance_name']);
      return name(n, 'resource.labels.module_id=', str(labels.module_id), str(labels.version_id));
    case 'gce_instance': {
      const id = str(labels.instance_id);
      const instanceName = str(entry['compute.googleapis.com/resource_name']);
      n.instance ||= id;
      if (instanceName !== '') return name(n, 'labels."compute.googleapis.com/resource_name"=', instanceName, '');
      return name(n, 'resource.labels.instance_id=', id, '');
    }
    case 'cloudsql_database': {
      const databaseId = str(labels.database_id);
      name(n, 'resource.labels.database_id=', databaseId, '');
      n.service = databaseId.slice(databaseId.indexOf(':') + 1);
      return;
    }
    case 'global':
    case 'project':
      return name(n, 'log_id(', logName, '');
    default:
      return type.endsWith('load_balancer') || type.endsWith('_lb_rule')
        ? nameLoadBalancer(labels, n)
        : nameOther(labels, n);
  }
}

function name(n: Naming, key: string, service: string, revision: string): void {
  n.service = service;
  n.revision = revision;
  if (service !== '') {
    n.key1 = key;
    n.value1 = service;
  }
}

const LB_LABELS = ['backend_service_name', 'backend_target_name', 'url_map_name', 'forwarding_rule_name'];
const OTHER_SERVICE_LABELS = ['service_name', 'service', 'function_name', 'job_name', 'container_name', 'module_id'];

function nameLoadBalancer(labels: Dict, n: Naming): void {
  for (const label of LB_LABELS) {
    const value = str(labels[label]);
    if (value !== '') return name(n, `resource.labels.${label}=`, value, '');
  }
}

function nameOther(labels: Dict, n: Naming): void {
  for (const label of OTHER_SERVICE_LABELS) {
    const value = str(labels[label]);
    if (value !== '') {
      name(n, `resource.labels.${label}=`, value, '');
      break;
    }
  }
  n.revision = str(labels.revision_name) || str(labels.version_id) || str(labels.version);
}

/** `namespace/container` (`namespace/workload` for a pod); the revision is the pod's ReplicaSet. */
function nameKubernetes(type: string, labels: Dict, entry: Dict, n: Naming): void {
  const namespace = str(labels.namespace_name);
  const pod = str(labels.pod_name);
  const parts = podParts(pod);
  let workload: string;
  if (type === 'k8s_container') {
    workload = str(labels.container_name) || str(entry['k8s-pod/app']) || parts.workload;
    if (str(labels.container_name) !== '') {
      n.key2 = 'resource.labels.container_name=';
      n.value2 = str(labels.container_name);
    }
  } else {
    workload = parts.workload;
    if (pod !== '') {
      n.key2 = parts.workload === pod ? 'resource.labels.pod_name=' : 'resource.labels.pod_name=~';
      n.value2 = parts.workload === pod ? pod : `^${parts.workload.replace(/[.]/g, '\\.')}-`;
    }
  }
  n.service = namespace !== '' && workload !== '' ? `${namespace}/${workload}` : workload;
  n.revision = parts.replicaSet || pod;
  n.instance ||= pod;
  if (namespace !== '') {
    n.key1 = 'resource.labels.namespace_name=';
    n.value1 = namespace;
  }
}

/** Characters of Kubernetes' generated names (k8s.io/apimachinery rand: no vowels, no 0, 1, 3). */
const K8S_RAND = /^[bcdfghjklmnpqrstvwxz2456789]+$/;
const LOWER_ALNUM = /^[a-z0-9]+$/;
const DIGITS = /^[0-9]+$/;

/**
 * A pod name's workload and ReplicaSet: `payments-api-7d9f8b6c5d-x7k2p` → `payments-api`,
 * `payments-api-7d9f8b6c5d`; a DaemonSet's or Job's `fluentd-x7k2p` → `fluentd`; a CronJob's
 * `backup-28372910-x7k2p` → `backup`; a StatefulSet's `redis-0` → `redis`. Anything else is
 * its own workload.
 */
export function podParts(pod: string): { workload: string; replicaSet: string } {
  const parts = pod.split('-');
  const last = parts[parts.length - 1] ?? '';
  if (parts.length >= 2 && last.length === 5 && LOWER_ALNUM.test(last)) {
    const hash = parts.length >= 3 ? parts[parts.length - 2]! : '';
    // Kubernetes' own hashes use a vowel-free alphabet; tools that template names use hex.
    const isHash =
      hash.length >= 6 &&
      hash.length <= 10 &&
      (K8S_RAND.test(hash) || (DIGITS.test(hash) && hash.length >= 8) || /^(?=.*\d)[0-9a-f]{8,10}$/.test(hash));
    if (isHash) return { workload: parts.slice(0, -2).join('-'), replicaSet: parts.slice(0, -1).join('-') };
    if (K8S_RAND.test(last)) return { workload: parts.slice(0, -1).join('-'), replicaSet: '' };
  }
  if (parts.length >= 2 && last.length <= 4 && DIGITS.test(last)) {
    return { workload: parts.slice(0, -1).join('-'), replicaSet: '' };
  }
  return { workload: pod, replicaSet: '' };
}

/**
 * The selectors built last, and what each was built from: a run interleaves a handful of
 * resources, and comparing a few strings costs less than quoting and joining them again.
 */
const RECENT_SELECTORS = 4;
const recentSelectors = Array.from({ length: RECENT_SELECTORS }, () => ({
  type: '',
  key1: '',
  value1: '',
  key2: '',
  value2: '',
  text: '',
}));
let nextSelector = 0;

function selectorFor(type: string, n: Naming): string {
  for (const s of recentSelectors) {
    if (s.type === type && s.value1 === n.value1 && s.value2 === n.value2 && s.key1 === n.key1 && s.key2 === n.key2) {
      return s.text;
    }
  }
  let text = `resource.type=${quoteFast(type)}`;
  if (n.key1 !== '') text += ` ${clause(n.key1, n.value1)}`;
  if (n.key2 !== '') text += ` ${clause(n.key2, n.value2)}`;
  const slot = recentSelectors[nextSelector]!;
  nextSelector = (nextSelector + 1) % RECENT_SELECTORS;
  slot.type = type;
  slot.key1 = n.key1;
  slot.value1 = n.value1;
  slot.key2 = n.key2;
  slot.value2 = n.value2;
  slot.text = text;
  return text;
}

/** `quote`, without its two regex replacements when there is nothing to escape (always, for labels). */
function quoteFast(value: string): string {
  return value.indexOf('"') < 0 && value.indexOf('\\') < 0 ? `"${value}"` : quote(value);
}

function clause(key: string, value: string): string {
  return key.endsWith('(') ? `${key}${quoteFast(value)})` : `${key}${quoteFast(value)}`;
}

/**
 * A run has a handful of log names, interleaved. Each entry's logName is a fresh string, and
 * hashing it for a Map lookup costs more than decoding it, so the few latest are compared
 * first (a string comparison stops at the first difference); the Map, capped against a
 * hostile file with millions of names, catches the rest.
 */
const RECENT = 4;
const recentFull: string[] = new Array<string>(RECENT).fill('');
const recentShort: string[] = new Array<string>(RECENT).fill('');
let recentNext = 0;
const LOG_NAME_CACHE_MAX = 1024;
let logNameCache = new Map<string, string>();

/** `projects/p/logs/run.googleapis.com%2Fstderr` → `run.googleapis.com/stderr`. Cached: it runs on every entry. */
export function shortLogName(logName: unknown): string {
  const full = str(logName);
  for (let i = 0; i < RECENT; i++) if (recentFull[i] === full) return recentShort[i]!;
  let short = logNameCache.get(full);
  if (short === undefined) {
    short = decodeLogName(full);
    if (logNameCache.size >= LOG_NAME_CACHE_MAX) logNameCache = new Map();
    logNameCache.set(full, short);
  }
  recentFull[recentNext] = full;
  recentShort[recentNext] = short;
  recentNext = (recentNext + 1) % RECENT;
  return short;
}

function decodeLogName(full: string): string {
  const at = full.indexOf('/logs/');
  const id = at < 0 ? full : full.slice(at + 6);
  if (id.indexOf('%') < 0) return cleanText(id);
  try {
    return cleanText(decodeURIComponent(id));
  } catch {
    return cleanText(id);
  }
}

/** `projects/P/logs/…` → `P`: the project an exported entry was logged in; '' when it does not say. */
export function projectOfEntry(raw: unknown): string {
  const logName = (raw as { logName?: unknown } | null)?.logName;
  const match = typeof logName === 'string' ? /^projects\/([a-z][a-z0-9-]{4,28}[a-z0-9])\/logs\//.exec(logName) : null;
  return match ? match[1]! : '';
}
