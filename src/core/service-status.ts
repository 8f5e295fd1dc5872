import type { LogRecord } from './log-record.js';
import type { ServiceStatus } from './run-result.js';

/** Messages Cloud Run writes when an instance exits, restarts or fails to start. */
const RESTART =
  /Container called exit|STARTUP (TCP|HTTP) probe failed|failed to start and (then )?listen|Application exec likely failed|instance (was|has been) (terminated|restarted)|Container terminated|OOMKilled|Memory limit of .* exceeded/i;

/** Per-service health over every entry read (not only the analysed ones). */
export class ServiceStatusTracker {
  private readonly services = new Map<string, ServiceStatus & { revisionSet: Set<string> }>();

  add(record: LogRecord): void {
    const name = record.service || record.resourceType || 'unknown';
    let s = this.services.get(name);
    if (!s) {
      s = {
        service: name,
        entries: 0,
        bySeverity: {},
        requests: 0,
        serverErrors: 0,
        restarts: 0,
        revisions: [],
        revisionSet: new Set(),
      };
      this.services.set(name, s);
    }
    s.entries++;
    s.bySeverity[record.severity] = (s.bySeverity[record.severity] ?? 0) + 1;
    if (record.http) {
      s.requests++;
      if (record.http.status >= 500 || record.http.status === 0) s.serverErrors++;
    }
    if (record.message && RESTART.test(record.message)) s.restarts++;
    if (record.revision && s.revisionSet.size < 20) s.revisionSet.add(record.revision);
  }

  /** Statuses sorted by name; counts scaled when the read was sampled. */
  list(sampleFraction: number): ServiceStatus[] {
    const scale = sampleFraction > 0 && sampleFraction < 1 ? 1 / sampleFraction : 1;
    const round = (n: number) => Math.round(n * scale);
    return [...this.services.values()]
      .map(({ revisionSet, ...s }) => ({
        ...s,
        entries: round(s.entries),
        requests: round(s.requests),
        serverErrors: round(s.serverErrors),
        restarts: round(s.restarts),
        bySeverity: Object.fromEntries(Object.entries(s.bySeverity).map(([k, v]) => [k, round(v)])),
        revisions: [...revisionSet].sort(),
      }))
      .sort((a, b) => a.service.localeCompare(b.service));
  }
}
