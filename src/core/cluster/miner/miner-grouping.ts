/**
 * Groups distinct masked token sequences into templates after the streaming pass, in the
 * manner of Brain (Yu et al., 2023): within rows of equal length, the tokens of one event share
 * one frequency (every line of the event has them), so each row's most common token frequency
 * picks out its constant part; tokens more frequent than that are constants shared with other
 * events; less frequent positions are variables unless they hold only a few distinct words, in
 * which case they distinguish events and split the group. Everything is computed from the whole
 * set of rows, so the result does not depend on the order the rows arrived in.
 */
import { VARIABLE } from './mask.js';
import { mergeGroups, type MinedGroup } from './miner-merge.js';

export type { MinedGroup };

export interface GroupingTuning {
  /** A low-frequency position with at most this many distinct words splits the group. */
  maxSplitValues: number;
}

export const DEFAULT_TUNING: GroupingTuning = { maxSplitValues: 6 };

function mergeTokens(rows: string[][], members: number[]): string[] {
  const out = rows[members[0]!]!.slice();
  for (const m of members) {
    const r = rows[m]!;
    for (let p = 0; p < out.length; p++) if (out[p] !== r[p]) out[p] = VARIABLE;
  }
  return out;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Splits one partition of equal-length rows into event groups. */
function groupPartition(rows: string[][], counts: number[], members: number[], tuning: GroupingTuning): number[][] {
  const width = rows[members[0]!]!.length;
  const freq: Map<string, number>[] = [];
  for (let p = 0; p < width; p++) freq.push(new Map());
  for (const m of members) {
    const r = rows[m]!;
    for (let p = 0; p < width; p++) {
      const t = r[p]!;
      if (t !== VARIABLE) freq[p]!.set(t, (freq[p]!.get(t) ?? 0) + counts[m]!);
    }
  }
  // Constant part of each row: positions whose frequency is at least the row's modal frequency.
  const patternOf = new Map<number, boolean[]>();
  for (const m of members) {
    const r = rows[m]!;
    const tally = new Map<number, number>();
    for (let p = 0; p < width; p++) {
      if (r[p] === VARIABLE) continue;
      const f = freq[p]!.get(r[p]!)!;
      tally.set(f, (tally.get(f) ?? 0) + 1);
    }
    let modal = Infinity;
    let best = 0;
    for (const [f, n] of tally) if (n > best || (n === best && f > modal)) [modal, best] = [f, n];
    patternOf.set(
      m,
      r.map((t, p) => t !== VARIABLE && freq[p]!.get(t)! >= modal),
    );
  }
  const keyOf = (m: number): string => rows[m]!.map((t, p) => (patternOf.get(m)![p] ? t : '\u0000')).join('\u0001');
  const out: number[][] = [];
  for (const group of groupBy(members, keyOf).values()) {
    // Low-frequency positions with few distinct words name different events: split by them.
    const pattern = patternOf.get(group[0]!)!;
    const splitPositions: number[] = [];
    for (let p = 0; p < width; p++) {
      if (pattern[p]) continue;
      const values = new Set<string>();
      for (const m of group) values.add(rows[m]![p]!);
      if (values.size > 1 && values.size <= tuning.maxSplitValues && !values.has(VARIABLE)) splitPositions.push(p);
    }
    if (splitPositions.length === 0) out.push(group);
    else
      for (const sub of groupBy(group, (m) => splitPositions.map((p) => rows[m]![p]).join('\u0001')).values())
        out.push(sub);
  }
  return out;
}

export function groupTemplates(
  rows: string[][],
  counts: number[],
  tuning: GroupingTuning = DEFAULT_TUNING,
): MinedGroup[] {
  const all = rows.map((_, i) => i);
  const groups: MinedGroup[] = [];
  for (const members of groupBy(all, (i) => String(rows[i]!.length)).values()) {
    for (const g of groupPartition(rows, counts, members, tuning))
      groups.push({ tokens: mergeTokens(rows, g), members: g });
  }
  return mergeGroups(groups);
}
