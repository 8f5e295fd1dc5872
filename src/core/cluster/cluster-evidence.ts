/**
 * What correlation (src/core/correlate) needs to know of a cluster's members beyond statistics,
 * collected while streaming and bounded whatever the volume: a consistent sample of trace ids and
 * the hosts the messages name.
 */

/** Trace ids kept per group and cluster: enough to find shared requests, flat in memory. */
export const MAX_TRACES = 128;
const MAX_MENTIONS = 10;
/** Members scanned for hosts: the members of one problem name the same hosts. */
const MENTION_SCAN = 64;

/**
 * The trace id's own hash: a Cloud Trace id is 32 random hex digits, so its last 8 are already
 * uniform; anything else is hashed (FNV-1a).
 */
export function traceHash(id: string): number {
  if (id.length >= 8 && /^[0-9a-f]{8}$/i.test(id.slice(-8))) return parseInt(id.slice(-8), 16);
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A bottom-k sample: the MAX_TRACES trace ids with the smallest hashes. Two clusters that share
 * requests keep the same ids of them, so shared ids survive sampling in both.
 */
export class TraceSketch {
  private readonly ids = new Map<string, number>();
  private max = -1;

  add(trace: string): void {
    const slash = trace.lastIndexOf('/');
    const id = slash >= 0 ? trace.slice(slash + 1) : trace;
    if (id === '' || this.ids.has(id)) return;
    const hash = traceHash(id);
    if (this.ids.size < MAX_TRACES) {
      this.ids.set(id, hash);
      if (hash > this.max) this.max = hash;
      return;
    }
    if (hash >= this.max) return;
    for (const [key, h] of this.ids)
      if (h === this.max) {
        this.ids.delete(key);
        break;
      }
    this.ids.set(id, hash);
    this.max = Math.max(...this.ids.values());
  }

  merge(other: TraceSketch): void {
    for (const id of other.ids.keys()) this.add(id);
  }

  list(): string[] {
    return [...this.ids.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  }
}

const HOST = /\bhttps?:\/\/([a-z0-9][a-z0-9.-]{0,200}[a-z0-9])(?=[:/\s'"`),\]}]|$)/gi;

/** Hosts named in URLs of the first members' message and stack. */
export class MentionSet {
  private readonly hosts = new Set<string>();
  private scanned = 0;

  add(message: string, stack: string): void {
    if (this.scanned >= MENTION_SCAN || this.hosts.size >= MAX_MENTIONS) return;
    this.scanned++;
    for (const text of [message, stack]) {
      if (text.indexOf('://') < 0) continue;
      for (const m of text.slice(0, 4000).matchAll(HOST)) {
        if (this.hosts.size >= MAX_MENTIONS) return;
        this.hosts.add(m[1]!.toLowerCase());
      }
    }
  }

  merge(other: MentionSet): void {
    for (const h of other.hosts) if (this.hosts.size < MAX_MENTIONS) this.hosts.add(h);
  }

  list(): string[] {
    return [...this.hosts].sort();
  }
}
