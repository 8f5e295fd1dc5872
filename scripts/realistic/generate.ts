/**
 * The realistic, ground-truth incident hours (issues 12, 13, 14): each kind as two consecutive hours,
 * deterministic for a seed, as `gcloud logging read --format=json` prints them, with the truth of
 * every entry in a sidecar.
 */
import { HourBuilder, type GeneratedHour } from './core.js';
import { overlapHour, symptomHour, traceLinkedHour } from './hours-incidents.js';
import { floodHour, hostileHour, noisyHour } from './hours-noise.js';
import { badDeployHour, oomHour, outageHour } from './hours-outage.js';

export type { EntryTruth, GeneratedHour, HourTruth, IncidentTruth, LogEntry, Priority, ProblemTruth } from './core.js';

export const HOUR_KINDS = [
  'outage',
  'oom',
  'bad-deploy',
  'flood',
  'noisy-but-healthy',
  'hostile',
  'overlap',
  'symptom-outlives-root',
  'trace-linked',
] as const;
export type HourKind = (typeof HOUR_KINDS)[number];

/** The kinds issue 13 adds: their incidents are what the incident metrics are about. */
export const INCIDENT_KINDS: readonly HourKind[] = [
  'outage',
  'oom',
  'bad-deploy',
  'overlap',
  'symptom-outlives-root',
  'trace-linked',
];

export interface HourOptions {
  /** Other seeds: other ids, instances, times and numbers. Default 1. */
  seed?: number;
  /** Start of hour 1. Default 2026-11-30T09:00:00Z. */
  start?: Date;
  /** The flood hour's count of the repeated error. Default 50,000. */
  floodCount?: number;
  /** The noisy hour: extra INFO requests (for the speed bench). Default 0. */
  extraTraffic?: number;
}

export const DEFAULT_START = new Date('2026-11-30T09:00:00Z');

export function generateRealisticHour(kind: HourKind, hour: 1 | 2, options: HourOptions = {}): GeneratedHour {
  const h = new HourBuilder(kind, hour, options.seed ?? 1, options.start ?? DEFAULT_START);
  switch (kind) {
    case 'outage':
      outageHour(h);
      break;
    case 'oom':
      oomHour(h);
      break;
    case 'bad-deploy':
      badDeployHour(h);
      break;
    case 'flood':
      floodHour(h, options.floodCount ?? 50_000);
      break;
    case 'noisy-but-healthy':
      noisyHour(h, options.extraTraffic ?? 0);
      break;
    case 'hostile':
      hostileHour(h);
      break;
    case 'overlap':
      overlapHour(h);
      break;
    case 'symptom-outlives-root':
      symptomHour(h);
      break;
    case 'trace-linked':
      traceLinkedHour(h);
      break;
  }
  return h.finish();
}
