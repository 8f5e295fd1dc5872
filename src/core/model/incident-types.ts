import type { Priority } from './cluster-types.js';

/**
 * What a problem is in a chain of failures, from its own text and kind: a cause (the service
 * cannot start, is out of memory, lost a dependency, threw), a caller's failed call, a
 * platform reaction (exit, probe, restart), a request answered with an error, or another message.
 */
export type ProblemRole =
  'startup' | 'oom' | 'dependency' | 'exception' | 'remote' | 'platform' | 'message' | 'request';

/** One link of an incident's chain: `to` is explained by `from`, for the reason in `evidence`. */
export interface IncidentLink {
  /** Fingerprint of the explaining problem. */
  from: string;
  /** Fingerprint of the symptom. */
  to: string;
  evidence: string;
}

/** Problems of one window correlated into one story: a root cause and the symptoms it explains. */
export interface Incident {
  /** Stable across windows: derived from the root's fingerprint. */
  id: string;
  /** The root's title. */
  title: string;
  /** The highest priority among the members. */
  priority: Priority;
  /** The root cause's fingerprint. */
  root: string;
  rootRole: ProblemRole;
  /** Fingerprints, the root first, then its symptoms in chain order. */
  members: string[];
  services: string[];
  firstSeen: number;
  lastSeen: number;
  links: IncidentLink[];
}

export function incidentId(rootFingerprint: string): string {
  return `inc:${rootFingerprint}`;
}
