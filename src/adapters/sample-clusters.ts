/**
 * The problems of a sample of the window, found with the product's own normaliser and clusterer
 * (so a problem peeled from the read is the problem the report shows), as peel candidates.
 */
import { createClusterer } from '../core/cluster/cluster.js';
import { isSkip, normalizeEntry } from '../core/normalize/normalize.js';
import type { PeelCandidate } from '../core/read/peel.js';

type Entry = Record<string, unknown>;

export function clusterSample(entries: Entry[]): {
  candidates: PeelCandidate[];
  sample: { entry: Entry; key: string }[];
} {
  const clusterer = createClusterer();
  const grouped: { entry: Entry; group: string; selector: string }[] = [];
  for (const entry of entries) {
    const record = normalizeEntry(entry);
    if (isSkip(record)) grouped.push({ entry, group: '', selector: '' });
    else grouped.push({ entry, group: clusterer.add(record), selector: record.selector ?? '' });
  }
  const identities = clusterer.finish();
  const byKey = new Map<string, PeelCandidate>();
  const selectors = new Map<string, Map<string, number>>();
  const sample = grouped.map(({ entry, group, selector }) => {
    const identity = group ? identities.get(group) : undefined;
    if (!identity) return { entry, key: '' };
    const key = identity.fingerprint;
    let candidate = byKey.get(key);
    if (!candidate) {
      candidate = {
        key,
        title: identity.title,
        kind: identity.kind === 'request' ? 'request' : 'text',
        selector,
        ...(identity.status !== undefined ? { status: identity.status } : {}),
        members: [],
      };
      byKey.set(key, candidate);
    }
    candidate.members.push(entry);
    const counts = selectors.get(key) ?? new Map<string, number>();
    counts.set(selector, (counts.get(selector) ?? 0) + 1);
    selectors.set(key, counts);
    return { entry, key };
  });
  // One clause scopes one resource: a problem seen on several is peeled where it floods most.
  for (const candidate of byKey.values()) {
    const counts = [...(selectors.get(candidate.key) ?? new Map<string, number>())];
    candidate.selector = counts.sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  }
  return { candidates: [...byKey.values()], sample };
}
