import type { LogRecord } from '../model/log-record.js';
import type { ServiceStatus } from '../model/run-result.js';

/** Messages Cloud Run writes when an instance exits, restarts or fails to start. */
const RESTART =
  /Container called exit|STARTUP (TCP|HTTP) probe failed|failed to start and (then )?listen|Application exec likely failed|instance (was|has been) (terminated|restarted)|Container terminated|OOMKilled|Memory limit of .* exceeded/i;

type Tracked = ServiceStatus & { revisionSet: Set<string>; lastRevision: string };

/** Per-service health over every entry read (not only the analysed ones). */
export class ServiceStatusTracker {
  private readonly services = new Map<string, Tracked>();
  /**
   * The previous record's service. Names are fresh strings on every entry and hashing one for
   * the Map costs more than comparing it with the last (runs of one service are the rule).
   */
  private lastName = '';
  private last: Tracked | undefined;

  add(record: LogRecord): void {
    const name = record.service || record.resourceType || 'unknown';
    let s = name === this.lastName ? this.last : this.services.get(name);
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
        lastRevision: '',
      };
      this.services.set(name, s);
    }
    this.lastName = name;
    this.last = s;
    s.entries++;
    s.bySeverity[record.severity] = (s.bySeverity[record.severity] ?? 0) + 1;
    if (record.http) {
      s.requests++;
      if (record.http.status >= 500 || record.http.status === 0) s.serverErrors++;
    }
    if (record.message && RESTART.test(record.message)) s.restarts++;
    // The same revision as this service's previous record is in the set already (or the set was full).
    if (record.revision && record.revision !== s.lastRevision && s.revisionSet.size < 20) {
      s.revisionSet.add(record.revision);
      s.lastRevision = record.revision;
    }
  }

  /** Statuses sorted by name; counts scaled when the read was sampled. */
  list(sampleFraction: number): ServiceStatus[] {
    const scale = sampleFraction > 0 && sampleFraction < 1 ? 1 / sampleFraction : 1;
    const round = (n: number) => Math.round(n * scale);
    return [...this.services.values()]
      .map(({ revisionSet, lastRevision: _last, ...s }) => ({
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
