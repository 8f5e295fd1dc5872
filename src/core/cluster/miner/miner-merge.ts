/**
 * Post-pass over mined groups (after miner-grouping.ts), in two order-independent steps:
 * 1. runs of variables collapse to one `<*>`, and groups whose collapsed templates are equal
 *    merge — `0 bytes sent` and `1190 bytes (1.16 KB) sent` are one event;
 * 2. a template that is an instance of a more general one (the general one's `<*>` covers its
 *    extra words) merges into the most specific such template — `for ns.example.com [<*>]`
 *    joins `for <*> [<*>]` when another window's hosts happened to contain digits.
 */
import { VARIABLE } from './mask.js';

export interface MinedGroup {
  /** Template tokens: the members' common token, or `<*>` where they differ. */
  tokens: string[];
  /** Indices of the masked forms in this group. */
  members: number[];
}

export function collapseVariables(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) if (!(t === VARIABLE && out[out.length - 1] === VARIABLE)) out.push(t);
  return out;
}

function constantCount(tokens: readonly string[]): number {
  let n = 0;
  for (const t of tokens) if (t !== VARIABLE) n++;
  return n;
}

/**
 * True when `general`'s constants equal `specific`'s tokens in order and each `<*>` covers one
 * or more tokens of which at most one is a constant word: `for <*> failed` covers
 * `for ns.example.com <*> failed`, but `for <*> from` does not cover `for invalid user <*> from`.
 */
export function coversTemplate(general: readonly string[], specific: readonly string[]): boolean {
  const g = general.length;
  const s = specific.length;
  // reach[j]: general[0..i) matches specific[0..j)
  let reach = new Array<boolean>(s + 1).fill(false);
  reach[0] = true;
  for (let i = 0; i < g; i++) {
    const next = new Array<boolean>(s + 1).fill(false);
    const token = general[i]!;
    for (let j = 0; j < s; j++) {
      if (!reach[j]) continue;
      if (token !== VARIABLE) {
        if (specific[j] === token) next[j + 1] = true;
        continue;
      }
      let constants = 0;
      for (let k = j; k < s; k++) {
        if (specific[k] !== VARIABLE && ++constants > 1) break;
        next[k + 1] = true;
      }
    }
    reach = next;
  }
  return reach[s]!;
}

/** A general template must keep enough constant words to be a real event, not a catch-all. */
function canGeneralise(tokens: readonly string[]): boolean {
  const constants = constantCount(tokens);
  return constants >= 2 && constants * 2 >= tokens.length;
}

export function mergeGroups(groups: MinedGroup[]): MinedGroup[] {
  // Step 1: equal collapsed templates.
  const byTemplate = new Map<string, MinedGroup>();
  for (const g of groups) {
    const tokens = collapseVariables(g.tokens);
    const key = tokens.join(' ');
    const existing = byTemplate.get(key);
    if (existing) existing.members.push(...g.members);
    else byTemplate.set(key, { tokens, members: g.members.slice() });
  }
  // Step 2: instances of more general templates. Candidates are indexed by their first constant.
  const templates = [...byTemplate.entries()];
  const byFirstConstant = new Map<string, number[]>();
  templates.forEach(([, g], index) => {
    if (!canGeneralise(g.tokens)) return;
    const first = g.tokens.find((t) => t !== VARIABLE)!;
    const list = byFirstConstant.get(first);
    if (list) list.push(index);
    else byFirstConstant.set(first, [index]);
  });
  const parent = templates.map((_, i) => i);
  templates.forEach(([, g], index) => {
    let best = -1;
    let bestConstants = -1;
    const seen = new Set<string>();
    for (const t of g.tokens) {
      if (t === VARIABLE || seen.has(t)) continue;
      seen.add(t);
      for (const candidate of byFirstConstant.get(t) ?? []) {
        if (candidate === index) continue;
        const [candidateKey, cg] = templates[candidate]!;
        if (cg.tokens.length > g.tokens.length) continue;
        if (!coversTemplate(cg.tokens, g.tokens)) continue;
        const constants = constantCount(cg.tokens);
        if (constants > bestConstants || (constants === bestConstants && candidateKey < templates[best]![0])) {
          best = candidate;
          bestConstants = constants;
        }
      }
    }
    if (best >= 0) parent[index] = best;
  });
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  const merged = new Map<number, MinedGroup>();
  templates.forEach(([, g], index) => {
    const r = root(index);
    const target = merged.get(r);
    if (target) target.members.push(...g.members);
    else merged.set(r, { tokens: templates[r]![1].tokens, members: g.members.slice() });
  });
  return [...merged.values()];
}
