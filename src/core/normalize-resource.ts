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

/** `projects/p/logs/run.googleapis.com%2Fstderr` → `run.googleapis.com/stderr`. */
export function shortLogName(logName: unknown): string {
  const full = str(logName);
  const at = full.indexOf('/logs/');
  const id = at < 0 ? full : full.slice(at + 6);
  if (id.indexOf('%') < 0) return id;
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}
