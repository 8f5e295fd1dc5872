/**
 * Building blocks of the realistic incident hours: services on Cloud Run and GKE, LogEntry shapes as
 * `gcloud logging read --format=json` prints them, and the ground truth recorded beside every entry.
 * Written from how services log in production, not from what the product handles.
 */
import { createRng, Ids, setPayload, sortKeys } from '../sample-entry.js';

export const PROJECT = 'shop-prod';
export const REGION = 'europe-west1';
const RUN_HASH = 'x3kq7pd2ma';

export type Priority = 'P0' | 'P1' | 'P2' | 'P3' | 'ignore';
export type LogEntry = Record<string, unknown>;

/** The truth about one entry. */
export interface EntryTruth {
  /** Stable problem id across the two hours of a kind (`orders-api/import-error`); null for plain traffic. */
  problem: string | null;
  /** The true incident this entry belongs to; null for noise and traffic. */
  incident: string | null;
  /** True when the entry's problem is its incident's root cause. */
  root: boolean;
  /** Priorities an on-call engineer would accept for the entry's problem; `ignore` = no issue. */
  priorities: Priority[];
  /** Whether the entry should be analysed at min-severity WARNING. */
  analyse: boolean;
  /** Id of the multi-line event this entry is one line of (split stderr output). */
  event?: string;
}

export interface ProblemTruth {
  id: string;
  title: string;
  service: string;
  priorities: Priority[];
  incident: string | null;
  root: boolean;
  /** Noise: acceptable to get no issue at all. */
  noise: boolean;
}

export interface IncidentTruth {
  id: string;
  title: string;
  root: string;
  problems: string[];
  /** The root's acceptable priorities all get an issue (P0–P3, not ignore). */
  expectIssue: boolean;
}

export interface HourTruth {
  kind: string;
  hour: 1 | 2;
  seed: number;
  window: { start: string; end: string };
  /** The bad-deploy hour: when the new revision took traffic. */
  deploy?: {
    minute: number;
    time: string;
    service: string;
    revision: string;
    previousRevision: string;
    commit: string;
  };
  /** The flood hour: the problems of the rare errors, and the flood's problem. */
  rare?: string[];
  flood?: { problem: string; count: number };
  problems: Record<string, ProblemTruth>;
  incidents: IncidentTruth[];
  /** By insertId. */
  entries: Record<string, EntryTruth>;
}

export interface GeneratedHour {
  /** Newest first, as `gcloud logging read` prints them. */
  entries: LogEntry[];
  truth: HourTruth;
}

export interface Service {
  name: string;
  platform: 'run' | 'gke';
  revision: string;
  /** Cloud Run instance ids, or GKE pod names. */
  instances: string[];
  host: string;
  /** Extra entry labels (Cloud Build's `commit-sha` and friends). */
  labels?: Record<string, string>;
  namespace?: string;
  node?: string;
  podHash?: string;
}

export interface ProblemSpec {
  id: string;
  title: string;
  service: string;
  priorities: Priority[];
  /** Omitted: the problem is its own incident (unless noise). */
  incident?: string | null;
  root?: boolean;
  noise?: boolean;
}

const RANK: Record<string, number> = {
  DEFAULT: 0,
  DEBUG: 100,
  INFO: 200,
  NOTICE: 300,
  WARNING: 400,
  ERROR: 500,
  CRITICAL: 600,
  ALERT: 700,
  EMERGENCY: 800,
};

export interface Emit {
  severity?: string;
  text?: string;
  json?: Record<string, unknown>;
  http?: Record<string, unknown>;
  trace?: string;
  /** Log stream: stderr, stdout, requests, varlog/system (Cloud Run), events (GKE). */
  log?: string;
  /** Override the default rule (severity ≥ WARNING). */
  analyse?: boolean;
  event?: string;
  /** '' = no instance (Cloud Run answered itself). */
  instance?: string;
}

/** FNV-1a: a kind name to a seed component. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
];

/** One generated hour under construction. */
export class HourBuilder {
  /** Per hour: ids, times and numbers. */
  readonly ids: Ids;
  /** Per kind and seed, the same in both hours: revisions, hosts, commit. */
  readonly fixed: Ids;
  /** Start of the hour, microseconds since the epoch. */
  readonly t0: number;
  private readonly rows: { us: number; entry: LogEntry }[] = [];
  private readonly truths: Record<string, EntryTruth> = {};
  private readonly problems = new Map<string, ProblemTruth>();
  private readonly incidentTitles = new Map<string, string>();
  private seq = 0;
  deploy?: HourTruth['deploy'];
  rare?: string[];
  flood?: HourTruth['flood'];

  constructor(
    readonly kind: string,
    readonly hour: 1 | 2,
    readonly seed: number,
    start: Date,
  ) {
    this.fixed = new Ids(createRng((hashString(kind) ^ Math.imul(seed, 0x9e3779b1)) >>> 0));
    this.ids = new Ids(createRng((hashString(`${kind}/${hour}`) ^ Math.imul(seed, 0x85ebca6b)) >>> 0));
    this.t0 = (start.getTime() + (hour - 1) * 3_600_000) * 1000;
  }

  /** Microseconds at minute m (may be fractional) of this hour, plus jitter within `spreadSeconds`. */
  at(minute: number, spreadSeconds = 0): number {
    return this.t0 + Math.floor(minute * 60_000_000 + this.ids.rng() * spreadSeconds * 1_000_000);
  }

  /** A random moment in [fromMinute, toMinute). */
  between(fromMinute: number, toMinute: number): number {
    return this.t0 + Math.floor((fromMinute + this.ids.rng() * (toMinute - fromMinute)) * 60_000_000);
  }

  get end(): number {
    return this.t0 + 3_600_000_000;
  }

  incident(id: string, title: string): void {
    this.incidentTitles.set(id, title);
  }

  problem(spec: ProblemSpec): string {
    const noise = spec.noise ?? false;
    const incident = spec.incident === undefined ? (noise ? null : spec.id) : spec.incident;
    if (incident !== null && !this.incidentTitles.has(incident)) this.incidentTitles.set(incident, spec.title);
    this.problems.set(spec.id, {
      id: spec.id,
      title: spec.title,
      service: spec.service,
      priorities: spec.priorities,
      incident,
      root: spec.root ?? (incident !== null && spec.incident === undefined),
      noise,
    });
    return spec.id;
  }

  runService(name: string, revisionNumber: number, instances: number, labels?: Record<string, string>): Service {
    return {
      name,
      platform: 'run',
      revision: `${name}-${String(revisionNumber).padStart(5, '0')}-${this.fixed.letters(3)}`,
      instances: Array.from({ length: instances }, () => this.instanceId()),
      host: `${name}-${RUN_HASH}-ew.a.run.app`,
      labels,
    };
  }

  gkeService(name: string, namespace: string, pods: number): Service {
    const podHash = `${this.fixed.int(5, 9)}${this.fixed.hex(9)}`;
    return {
      name,
      platform: 'gke',
      revision: podHash,
      instances: Array.from({ length: pods }, () => `${name}-${podHash}-${this.ids.letters(5)}`),
      host: `${name}.${namespace}.svc.cluster.local`,
      namespace,
      node: `gke-prod-cluster-default-pool-${this.fixed.hex(8)}-${this.fixed.letters(4)}`,
      podHash,
    };
  }

  /** A new revision of a Cloud Run service (a deploy): new number, new suffix, new instances. */
  redeploy(svc: Service, revisionNumber: number, labels?: Record<string, string>): Service {
    return { ...this.runService(svc.name, revisionNumber, svc.instances.length, labels) };
  }

  instanceId(): string {
    return '00' + this.ids.hex(110);
  }

  commitSha(): string {
    return this.fixed.hex(40);
  }

  buildLabels(commit: string): Record<string, string> {
    return {
      'commit-sha': commit,
      'gcb-build-id': this.fixed.uuid(),
      'gcb-trigger-id': this.fixed.uuid(),
      'managed-by': 'gcp-cloud-build-deploy-cloud-run',
    };
  }

  newTrace(): string {
    return `projects/${PROJECT}/traces/${this.ids.hex(32)}`;
  }

  agent(): string {
    return this.ids.pick(AGENTS);
  }

  /** Adds one entry and its truth. `problem` null = plain traffic. Returns the insertId. */
  emit(svc: Service, at: number, problem: string | null, e: Emit): string {
    const ids = this.ids;
    // Inside the hour: the next hour is another window.
    const us = Math.min(Math.max(at, this.t0), this.end - 1);
    const insertId = svc.platform === 'run' ? ids.hex(24) : `${ids.hex(16)}${ids.letters(2)}`;
    const instance = e.instance ?? ids.pick(svc.instances);
    const log = e.log ?? (e.http ? 'requests' : 'stderr');
    const entry: LogEntry = {
      insertId,
      receiveTimestamp: stamp(us + ids.int(15_000, 900_000)),
      timestamp: stamp(us),
    };
    if (svc.platform === 'run') {
      entry.logName = `projects/${PROJECT}/logs/run.googleapis.com%2F${log.replace('/', '%2F')}`;
      entry.resource = {
        type: 'cloud_run_revision',
        labels: {
          configuration_name: svc.name,
          location: REGION,
          project_id: PROJECT,
          revision_name: svc.revision,
          service_name: svc.name,
        },
      };
      const labels: Record<string, string> = { ...(svc.labels ?? {}) };
      if (instance !== '') labels.instanceId = instance;
      if (Object.keys(labels).length > 0) entry.labels = labels;
    } else if (log === 'events') {
      entry.logName = `projects/${PROJECT}/logs/events`;
      entry.resource = {
        type: 'k8s_pod',
        labels: {
          cluster_name: 'prod-cluster',
          location: REGION,
          namespace_name: svc.namespace,
          pod_name: instance,
          project_id: PROJECT,
        },
      };
    } else {
      entry.logName = `projects/${PROJECT}/logs/${log}`;
      entry.resource = {
        type: 'k8s_container',
        labels: {
          cluster_name: 'prod-cluster',
          container_name: svc.name,
          location: REGION,
          namespace_name: svc.namespace,
          pod_name: instance,
          project_id: PROJECT,
        },
      };
      entry.labels = {
        'compute.googleapis.com/resource_name': svc.node,
        'k8s-pod/app': svc.name,
        'k8s-pod/pod-template-hash': svc.podHash,
      };
    }
    setPayload(
      entry,
      { severity: e.severity, textPayload: e.text, jsonPayload: e.json, httpRequest: e.http, trace: e.trace },
      ids,
    );
    this.rows.push({ us, entry: sortKeys(entry) as LogEntry });
    const p = problem === null ? undefined : this.problems.get(problem);
    if (problem !== null && !p) throw new Error(`unknown problem ${problem}`);
    const analyse = e.analyse ?? RANK[e.severity ?? 'DEFAULT']! >= RANK.WARNING!;
    const truth: EntryTruth = {
      problem,
      incident: p?.incident ?? null,
      root: p?.root ?? false,
      priorities: p?.priorities ?? [],
      analyse,
    };
    if (e.event) truth.event = e.event;
    this.truths[insertId] = truth;
    return insertId;
  }

  /** A Cloud Run request log (or a GKE access log lifted to httpRequest), severity from the status. */
  request(
    svc: Service,
    us: number,
    problem: string | null,
    method: string,
    path: string,
    status: number,
    opts: { latency?: number; trace?: string; ua?: string; instance?: string; text?: string; remoteIp?: string } = {},
  ): string {
    const ids = this.ids;
    const latency = opts.latency ?? 0.004 + ids.rng() * (status >= 500 ? 2 : 0.25);
    const http: Record<string, unknown> = {
      latency: `${latency.toFixed(6).replace(/0+$/, '').replace(/\.$/, '')}s`,
      protocol: ids.chance(0.7) ? 'HTTP/1.1' : 'H2C',
      remoteIp: opts.remoteIp ?? `${ids.int(1, 223)}.${ids.int(0, 255)}.${ids.int(0, 255)}.${ids.int(1, 254)}`,
      requestMethod: method,
      requestSize: String(ids.int(250, 1900)),
      requestUrl: `https://${svc.host}${path}`,
      responseSize: String(status >= 400 ? ids.int(90, 600) : ids.int(400, 52000)),
      serverIp: `216.239.${ids.pick([32, 34, 36, 38])}.53`,
      status,
      userAgent: opts.ua ?? this.agent(),
    };
    const severity = status >= 500 ? 'ERROR' : status >= 400 ? 'WARNING' : 'INFO';
    return this.emit(svc, us, problem, {
      log: svc.platform === 'run' ? 'requests' : 'stdout',
      severity,
      http,
      trace: opts.trace ?? this.newTrace(),
      instance: opts.instance,
      text: opts.text,
    });
  }

  /**
   * One multi-line report printed line by line on stderr (Cloud Run and GKE make each line an
   * entry): consecutive timestamps a few microseconds to milliseconds apart, on one instance.
   */
  lines(
    svc: Service,
    us: number,
    instance: string,
    problem: string | null,
    lines: string[],
    opts: { severity?: string; analyse?: boolean; event?: string; stepUs?: number } = {},
  ): number {
    const event = opts.event ?? (problem !== null ? `${problem}#${this.seq++}` : undefined);
    let t = us;
    for (const line of lines) {
      if (line === '') continue; // empty stderr lines produce no entry
      this.emit(svc, t, problem, {
        log: 'stderr',
        text: line,
        severity: opts.severity,
        instance,
        analyse: opts.analyse ?? problem !== null,
        event,
      });
      t += opts.stepUs ?? this.ids.int(20, 900);
    }
    return t;
  }

  /** Plain healthy traffic: INFO requests and some app INFO lines. */
  traffic(svc: Service, perMinute: number, routes: string[], fromMinute = 0, toMinute = 60, appLine?: string): void {
    const n = Math.round(perMinute * (toMinute - fromMinute));
    for (let i = 0; i < n; i++) {
      const us = this.between(fromMinute, toMinute);
      const trace = this.newTrace();
      const route = fill(this.ids.pick(routes), this.ids);
      const [method, path] = route.includes(' ') ? route.split(' ', 2) : ['GET', route];
      const instance = this.ids.pick(svc.instances);
      this.request(svc, us, null, method!, path!, method === 'POST' ? 201 : 200, { trace, instance });
      if (appLine && this.ids.chance(0.35))
        this.emit(svc, us - this.ids.int(200, 30_000), null, {
          log: 'stdout',
          severity: 'INFO',
          json: { message: fill(appLine, this.ids), severity: 'INFO' },
          trace,
          instance,
        });
    }
  }

  finish(): GeneratedHour {
    const incidents: IncidentTruth[] = [];
    for (const [id, title] of this.incidentTitles) {
      const members = [...this.problems.values()].filter((p) => p.incident === id);
      if (members.length === 0) continue;
      const roots = members.filter((p) => p.root);
      if (roots.length !== 1) throw new Error(`incident ${id} has ${roots.length} roots`);
      const root = roots[0]!;
      incidents.push({
        id,
        title,
        root: root.id,
        problems: [root.id, ...members.filter((p) => p !== root).map((p) => p.id)],
        expectIssue: root.priorities.length > 0 && !root.priorities.includes('ignore'),
      });
    }
    // Only problems with entries in this hour.
    const present = new Set(Object.values(this.truths).map((t) => t.problem));
    const problems = Object.fromEntries([...this.problems].filter(([id]) => present.has(id)));
    this.rows.sort((a, b) => b.us - a.us);
    return {
      entries: this.rows.map((r) => r.entry),
      truth: {
        kind: this.kind,
        hour: this.hour,
        seed: this.seed,
        window: { start: new Date(this.t0 / 1000).toISOString(), end: new Date(this.end / 1000).toISOString() },
        ...(this.deploy ? { deploy: this.deploy } : {}),
        ...(this.rare ? { rare: this.rare.filter((r) => present.has(r)) } : {}),
        ...(this.flood ? { flood: this.flood } : {}),
        problems,
        incidents: incidents
          .map((i) => ({ ...i, problems: i.problems.filter((p) => present.has(p)) }))
          .filter((i) => present.has(i.root)),
        entries: this.truths,
      },
    };
  }
}

/** RFC 3339 with microseconds, as Cloud Logging prints them. */
export function stamp(us: number): string {
  const ms = Math.floor(us / 1000);
  const micro = String(((us % 1000) + 1000) % 1000).padStart(3, '0');
  return new Date(ms).toISOString().replace('Z', `${micro}Z`);
}

/** Fills `{n}`, `{uuid}`, `{p}`, `{h}`, `{sku}` in a route with fresh ids. */
export function fill(route: string, ids: Ids): string {
  return route
    .replace(/\{n\}/g, () => String(ids.int(1000, 99999)))
    .replace(/\{uuid\}/g, () => ids.uuid())
    .replace(/\{p\}/g, () => String(ids.int(1, 12)))
    .replace(/\{h\}/g, () => ids.hex(8))
    .replace(/\{sku\}/g, () => `SKU-${ids.int(10000, 99999)}`);
}

/** gunicorn's own log line format. */
export function gunicorn(us: number, pid: number, level: string, text: string): string {
  const s = new Date(Math.floor(us / 1000))
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' +0000');
  return `[${s}] [${pid}] [${level}] ${text}`;
}

export type Frame = [file: string, line: number, fn: string, code: string];

/** A Python traceback, with chained exceptions (`cause`: `raise … from …`; `context`: during handling). */
export function pyTraceback(chain: { frames: Frame[]; exc: string }[], link: 'cause' | 'context' = 'cause'): string[] {
  const out: string[] = [];
  chain.forEach((part, i) => {
    if (i > 0)
      out.push(
        '',
        link === 'cause'
          ? 'The above exception was the direct cause of the following exception:'
          : 'During handling of the above exception, another exception occurred:',
        '',
      );
    out.push('Traceback (most recent call last):');
    for (const [file, line, fn, code] of part.frames)
      out.push(`  File "${file}", line ${line}, in ${fn}`, `    ${code}`);
    out.push(...part.exc.split('\n'));
  });
  return out;
}

/** A Java stack trace with `Caused by:` sections (the root cause is the last one). */
export function javaTrace(chain: { exc: string; frames: string[]; more?: number }[]): string {
  return chain
    .map(
      (part, i) =>
        `${i > 0 ? 'Caused by: ' : ''}${part.exc}\n` +
        part.frames.map((f) => `\tat ${f}`).join('\n') +
        (part.more ? `\n\t... ${part.more} common frames omitted` : ''),
    )
    .join('\n');
}
