/** Where an entry came from: monitored resource labels and entry labels → service / revision / instance. */

export interface ResourceInfo {
  resourceType: string;
  service: string;
  revision: string;
  instance: string;
}

type Dict = Record<string, unknown>;

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function asDict(value: unknown): Dict | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Dict) : undefined;
}

/**
 * Reads the resource per monitored-resource type
 * (https://cloud.google.com/logging/docs/api/v2/resource-list).
 * Cloud Run puts the instance id in the entry's `labels.instanceId`.
 */
export function readResource(resource: unknown, entryLabels: unknown): ResourceInfo {
  const res = asDict(resource);
  const labels = asDict(res?.labels) ?? {};
  const entry = asDict(entryLabels) ?? {};
  const resourceType = str(res?.type);
  let service = '';
  let revision = '';
  let instance = str(entry.instanceId) || str(entry['run.googleapis.com/instanceId']);
  switch (resourceType) {
    case 'cloud_run_revision':
      service = str(labels.service_name);
      revision = str(labels.revision_name);
      break;
    case 'cloud_run_job':
      service = str(labels.job_name);
      revision = str(entry['run.googleapis.com/execution_name']);
      break;
    case 'k8s_container':
    case 'k8s_pod':
      service = str(labels.container_name) || str(entry['k8s-pod/app']) || str(labels.pod_name);
      revision = str(labels.pod_name);
      instance ||= str(labels.pod_name);
      break;
    case 'cloud_function':
      service = str(labels.function_name);
      instance ||= str(entry.instance_id) || str(entry.execution_id);
      break;
    case 'gae_app':
      service = str(labels.module_id);
      revision = str(labels.version_id);
      instance ||= str(entry['appengine.googleapis.com/instance_name']);
      break;
    case 'gce_instance':
      service = str(entry['compute.googleapis.com/resource_name']) || str(labels.instance_id);
      instance ||= str(labels.instance_id);
      break;
    default:
      service =
        str(labels.service_name) ||
        str(labels.service) ||
        str(labels.function_name) ||
        str(labels.job_name) ||
        str(labels.container_name) ||
        str(labels.module_id);
      revision = str(labels.revision_name) || str(labels.version_id) || str(labels.version);
  }
  return { resourceType, service: service || resourceType, revision, instance };
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
  if (id.indexOf('%') < 0) return id;
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}
