/**
 * Deep links into Logs Explorer. Its URL keeps the query in matrix parameters
 * (`/logs/query;query=…;startTime=…;endTime=…?project=…`), so `;`, `=`, `(` and `)` in the query
 * must be percent-encoded or the console cuts the query at the first one.
 */
import { CLOUD_RUN_RESOURCE, quote } from './logging-query.js';

const CONSOLE_LOGS_URL = 'https://console.cloud.google.com/logs/query';

export function logsExplorerUrl(projectId: string, query: string, start: number, end: number): string {
  return (
    `${CONSOLE_LOGS_URL};query=${encodeMatrixValue(query)}` +
    `;startTime=${new Date(start).toISOString()};endTime=${new Date(end).toISOString()}` +
    `?project=${encodeURIComponent(projectId)}`
  );
}

/** What of a cluster narrows a query to it; a structural subset of Cluster. */
export interface ClusterQueryHint {
  services?: string[];
  errorType?: string;
  template: string;
  route?: string;
  status?: number;
  /** The members' resources (Cluster.resources): type and the query clauses selecting each. */
  resources?: { type: string; selector: string }[];
}

/** At most this many resources are ORed into a link's query; more would make a URL too long to open. */
const MAX_LINK_RESOURCES = 10;

/**
 * The base query narrowed to one cluster: its services, and one distinctive text of it — the
 * exception type when known, else the longest constant token of the template — searched in all
 * fields (a bare quoted string in the query language). A request cluster narrows by status and
 * route instead. The result may show a few neighbours of the cluster: it is for a human to look at,
 * never for counting.
 */
export function clusterLogsQuery(baseFilter: string, cluster: ClusterQueryHint): string {
  const resources = (cluster.resources ?? []).slice(0, MAX_LINK_RESOURCES);
  if (resources.length > 0 && !resources.every(isCloudRunService))
    return resourceLogsQuery(baseFilter, cluster, resources);
  const clauses = [baseFilter.trim()];
  const services = cluster.services ?? [];
  if (services.length === 1) clauses.push(`resource.labels.service_name=${quote(services[0]!)}`);
  if (services.length > 1) clauses.push(`resource.labels.service_name=(${services.map(quote).join(' OR ')})`);
  if (cluster.status !== undefined && cluster.status > 0) {
    clauses.push(`httpRequest.status=${cluster.status}`);
    const path = constantRoutePrefix(cluster.route ?? '');
    if (path) clauses.push(`httpRequest.requestUrl:${quote(path)}`);
    return clauses.filter(Boolean).join('\n');
  }
  const text = cluster.errorType?.trim() || longestConstantToken(cluster.template);
  if (text) clauses.push(quote(text));
  return clauses.filter(Boolean).join('\n');
}

/** A Cloud Run service selected by its name alone: the base query's own resource type fits it. */
function isCloudRunService(resource: { type: string; selector: string }): boolean {
  return resource.type === CLOUD_RUN_RESOURCE && resource.selector.indexOf('protoPayload.') < 0;
}

/**
 * A cluster with entries from other resources (GKE, App Engine, load balancers, audit logs, …):
 * the base query's Cloud Run scope is replaced by the members' own resource types and labels. An
 * audit call is selected by its service and method already (its title is not text of the entry);
 * an App Engine request log keeps its status and path in protoPayload, not in httpRequest.
 */
function resourceLogsQuery(
  baseFilter: string,
  cluster: ClusterQueryHint,
  resources: { type: string; selector: string }[],
): string {
  const base = baseFilter
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith(`resource.type="${CLOUD_RUN_RESOURCE}"`))
    .filter((line) => !line.startsWith('resource.labels.service_name='))
    .join('\n');
  const clauses = [base];
  clauses.push(
    resources.length === 1 ? resources[0]!.selector : `(${resources.map((r) => `(${r.selector})`).join(' OR ')})`,
  );
  if (cluster.status !== undefined && cluster.status > 0) {
    const appEngine = resources.every((r) => r.type === 'gae_app');
    clauses.push(`${appEngine ? 'protoPayload.status' : 'httpRequest.status'}=${cluster.status}`);
    const path = constantRoutePrefix(cluster.route ?? '');
    if (path) clauses.push(`${appEngine ? 'protoPayload.resource' : 'httpRequest.requestUrl'}:${quote(path)}`);
    return clauses.filter(Boolean).join('\n');
  }
  if (resources.every((r) => r.selector.indexOf('protoPayload.methodName=') >= 0)) {
    return clauses.filter(Boolean).join('\n');
  }
  const text = cluster.errorType?.trim() || longestConstantToken(cluster.template);
  if (text) clauses.push(quote(text));
  return clauses.filter(Boolean).join('\n');
}

/**
 * Longest run of words in the template without a placeholder. Masked parts look like `<*>`,
 * `<NUM>`, `{id}` or `*`; a token containing any of `<>{}*`, or a `[REDACTED:…]`, is variable.
 */
export function longestConstantToken(template: string): string {
  let best = '';
  for (const line of template.split('\n')) {
    let run: string[] = [];
    for (const word of line.split(/\s+/)) {
      // A redaction placeholder is not text of the entry either: the entry holds the secret.
      if (word === '' || /[<>{}*]|\[REDACTED/.test(word)) {
        best = pickLonger(best, run.join(' '));
        run = [];
      } else {
        run.push(word);
      }
    }
    best = pickLonger(best, run.join(' '));
  }
  // The "has" operator matches whole tokens; trailing punctuation of a phrase would not match.
  return best.replace(/^[^\w]+|[^\w]+$/g, '').slice(0, 200);
}

function pickLonger(a: string, b: string): string {
  return b.length > a.length ? b : a;
}

/** `/api/users/:id/orders` → `/api/users/`: the part of a route template that is literal. */
function constantRoutePrefix(route: string): string {
  const cut = route.search(/[:<{*]/);
  const prefix = cut === -1 ? route : route.slice(0, cut);
  return prefix.length > 1 ? prefix : '';
}

/** encodeURIComponent leaves `()!'*` alone; Logs Explorer's matrix syntax needs them encoded. */
function encodeMatrixValue(value: string): string {
  return encodeURIComponent(value.toWellFormed()).replace(
    /[()!'*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Each cluster's Logs Explorer link, by fingerprint: the window's query narrowed to the cluster. */
export function clusterLogsLinks(
  projectId: string,
  baseQuery: string,
  clusters: readonly (ClusterQueryHint & { fingerprint: string })[],
  window: { start: number; end: number },
): Record<string, string> {
  return Object.fromEntries(
    clusters.map((c) => [
      c.fingerprint,
      logsExplorerUrl(projectId, clusterLogsQuery(baseQuery, c), window.start, window.end),
    ]),
  );
}
