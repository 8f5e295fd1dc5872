/**
 * Message template miner. Streaming: each message is tokenised and masked (mask.ts) and its
 * masked form gets a provisional id — memory grows with distinct masked forms, never with
 * messages. finish() then groups the masked forms (miner-grouping.ts), which sees them all
 * at once, so the result does not depend on the order they arrived in.
 */
import { tokenizeMasked } from './tokenize.js';
import { groupTemplates, type MinedGroup } from './miner-grouping.js';
import { observeValues, renderTemplateTitle, startValues, type FormValues } from './title-values.js';

/** Messages up to this length are remembered verbatim to skip masking on repeats. */
const CACHE_MAX_LENGTH = 512;
const CACHE_MAX_ENTRIES = 65536;

export interface MinedTemplate {
  /** Masked template of the group, variable positions as `<*>`. */
  template: string;
  /** Canonical form hashed into the fingerprint. */
  canonical: string;
  /** The template as a title: constant values shown, varying ones named (`{id}`), never `<*>`. */
  title: string;
}

export class TemplateMiner {
  private readonly idsByMasked = new Map<string, number>();
  private readonly tokens: string[][] = [];
  private readonly forms: FormValues[] = [];
  private readonly counts: number[] = [];
  private cache = new Map<string, number>();

  /** Returns the provisional id of the message's masked form. */
  add(message: string): number {
    const short = message.length <= CACHE_MAX_LENGTH;
    if (short) {
      const hit = this.cache.get(message);
      if (hit !== undefined) {
        this.counts[hit]!++;
        return hit;
      }
    }
    const raws: string[] = [];
    const tokens = tokenizeMasked(message, undefined, raws);
    const masked = tokens.join(' ');
    let id = this.idsByMasked.get(masked);
    if (id === undefined) {
      id = this.tokens.length;
      this.idsByMasked.set(masked, id);
      this.tokens.push(tokens);
      this.forms.push(startValues(tokens, raws));
      this.counts.push(0);
    } else {
      observeValues(this.forms[id]!, raws);
    }
    this.counts[id]!++;
    if (short) {
      // A bounded cache: when full it starts over rather than tracking recency per hit.
      if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache = new Map();
      this.cache.set(message, id);
    }
    return id;
  }

  get size(): number {
    return this.tokens.length;
  }

  /** Resolves every provisional id to its group's template and canonical form. */
  finish(): MinedTemplate[] {
    const groups: MinedGroup[] = groupTemplates(this.tokens, this.counts);
    const out: MinedTemplate[] = new Array(this.tokens.length);
    for (const g of groups) {
      const template = g.tokens.join(' ');
      const title = renderTemplateTitle(
        g.tokens,
        g.members.map((m) => this.forms[m]!),
      );
      const resolved = { template, canonical: template, title };
      for (const member of g.members) out[member] = resolved;
    }
    return out;
  }
}
