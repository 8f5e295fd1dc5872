import type { Priority } from '../model/cluster-types.js';
import { PRIORITIES } from '../model/cluster-types.js';

/** A label as `POST /repos/{owner}/{repo}/labels` wants it (colour: 6 hex digits, no `#`). */
export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

/** Red for "wake someone up" down to grey for "when convenient" (GitHub's palette). */
const PRIORITY_LABELS: Record<Priority, LabelSpec> = {
  P0: { name: 'P0', color: 'b60205', description: 'Log Gardener: outage or data loss, act now' },
  P1: { name: 'P1', color: 'd93f0b', description: 'Log Gardener: serious, user-facing errors' },
  P2: { name: 'P2', color: 'fbca04', description: 'Log Gardener: errors to fix soon' },
  P3: { name: 'P3', color: 'c5def5', description: 'Log Gardener: warnings and noise to tidy up' },
};

export function priorityLabel(priority: Priority): string {
  return PRIORITY_LABELS[priority].name;
}

export function isPriorityLabel(name: string): boolean {
  return (PRIORITIES as readonly string[]).includes(name);
}

/** Spec for any label the action sets: priority labels get their colours, others a neutral one. */
export function labelSpec(name: string): LabelSpec {
  if (isPriorityLabel(name)) return PRIORITY_LABELS[name as Priority];
  return { name, color: '0e8a16', description: 'Filed by GCP Log Gardener' };
}

/** Specs for these names, plus all four priority labels, de-duplicated, in a stable order. */
export function labelSet(names: string[]): LabelSpec[] {
  const all = [...names, ...PRIORITIES];
  return [...new Set(all)].map(labelSpec);
}

/** Swaps the priority label only when the priority changed, so a human's relabel otherwise stays. */
export function relabel(labels: string[], from: Priority, to: Priority): string[] | undefined {
  if (from === to) return undefined;
  return [...labels.filter((l) => !isPriorityLabel(l)), priorityLabel(to)];
}
