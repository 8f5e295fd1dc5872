/**
 * What a problem is in a chain of failures, read from its own text and kind (never from other
 * problems): the correlator's first fact about each cluster.
 */
import type { RankedCluster } from '../model/cluster-types.js';
import type { ProblemRole } from '../model/incident-types.js';

const OOM =
  /OutOfMemoryError|out of memory|OOMKilled|Memory limit of .{1,40} exceeded|heap out of memory|\bMemoryError\b/i;
const STARTUP = new RegExp(
  [
    'ImportError',
    'ModuleNotFoundError',
    'No module named',
    'ClassNotFoundException',
    'NoClassDefFoundError',
    'Cannot find module',
    'ERR_MODULE_NOT_FOUND',
    'Worker failed to boot',
    'Application startup failed',
    'APPLICATION FAILED TO START',
    'failed to start and listen on the port',
    'exec format error',
    'exec user process caused',
    'required key .{1,80} missing',
    'missing required (?:env|environment|config)',
    'ValidationError.{0,40}Settings',
    'validation errors? for Settings',
    'panic: config',
  ].join('|'),
  'i',
);
const PLATFORM =
  /Container called exit|Container terminated|terminated on signal|probe failed|instance was not started|Back-off restarting|CrashLoopBackOff|no available instance|exited with code|Shutting down: Master|could not start|failed to start/i;
const REMOTE =
  /socket hang up|ECONNRESET|status code [45]\d\d|with status [45]\d\d|responded (?:with )?(?:status )?[45]\d\d|returned (?:status )?[45]\d\d|Bad Gateway|upstream|AxiosError|FetchError|HTTPError|Request failed/i;
const DEPENDENCY =
  /ECONNREFUSED|connection refused|ETIMEDOUT|EHOSTUNREACH|unreachable|no route to host|(?:could not|couldn't|can't|cannot|unable to|failed to) connect|dial (?:tcp|error)|deadline exceeded|i\/o timeout|timed? ?out|too many connections|getaddrinfo|name resolution/i;

/** The text a role is read from: title, template and the first sample's message and stack head. */
function roleText(cluster: RankedCluster): string {
  const sample = cluster.samples[0];
  return [cluster.title, cluster.template, sample?.message ?? '', (sample?.stack ?? '').slice(0, 2000)].join('\n');
}

export function problemRole(cluster: RankedCluster): ProblemRole {
  if (cluster.kind === 'request') return 'request';
  const text = roleText(cluster);
  if (OOM.test(text)) return 'oom';
  if (STARTUP.test(text)) return 'startup';
  if (PLATFORM.test(text)) return 'platform';
  if (REMOTE.test(text)) return 'remote';
  if (DEPENDENCY.test(text)) return 'dependency';
  if (cluster.kind === 'exception' || cluster.errorType) return 'exception';
  return 'message';
}

/** Cause kinds: what can be an incident's root while it has symptoms (DESIGN §1 step 5). */
export function isCause(role: ProblemRole): boolean {
  return role === 'startup' || role === 'oom' || role === 'dependency' || role === 'exception';
}

/** Within one service: which role explains which (a cause explains a caller's error, which explains its 5xx). */
export const SAME_SERVICE_RANK: Record<ProblemRole, number> = {
  startup: 7,
  oom: 7,
  dependency: 6,
  exception: 5,
  remote: 4,
  message: 3,
  platform: 2,
  request: 1,
};

/** Across services, a caller's failed call is explained by anything of its callee, even a 5xx. */
export const CROSS_SERVICE_RANK: Record<ProblemRole, number> = { ...SAME_SERVICE_RANK, remote: 0 };

/** A Cloud Run/GKE/App Engine service's name as a workload: a GKE pod name loses its pod hash. */
export function workloadOf(service: string): string {
  return service.replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}$/, '');
}

/** Whether a cluster's entries are request logs answered with a server error. */
export function isServerError(cluster: RankedCluster): boolean {
  return cluster.kind === 'request' && cluster.statuses.some((s) => s >= 500);
}
