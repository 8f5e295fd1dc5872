/**
 * Strict mode (`redact: strict`, DESIGN §7): the last look at text about to leave the
 * process. If a known secret pattern survived redaction — a renderer forgot to redact, or a
 * rule missed a variant — the post is refused and the run fails, naming where and what kind,
 * never the secret.
 *
 * The text checked is rendered markdown, so it is first read back the way GitHub shows it:
 * markdown backslash escapes, HTML entities and our invisible joiners are undone, or
 * `ghp\_…` (escaped by safeText) would slip past the patterns.
 */
import { findSecretSpans, SECRET_RULES, type SecretRule } from './secret-patterns.js';

export interface SurvivingSecret {
  kind: string;
  /** Offset in the checked text where the match starts. */
  index: number;
}

export class SecretLeakError extends Error {
  override readonly name = 'SecretLeakError';
  constructor(
    readonly where: string,
    readonly kinds: readonly string[],
  ) {
    super(
      `Refusing to post ${where}: text matching a secret pattern (${kinds.join(', ')}) survived redaction ` +
        '(redact: strict). Report this as a bug with the kind named here; the text was not posted.',
    );
  }
}

const STRICT_RULES: readonly SecretRule[] = SECRET_RULES.filter((rule) => rule.strict);

const ENTITY = /&(?:(amp|lt|gt|quot|apos|#39|nbsp)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/y;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", nbsp: ' ' };

function isAsciiPunctuation(code: number): boolean {
  return (
    (code >= 33 && code <= 47) ||
    (code >= 58 && code <= 64) ||
    (code >= 91 && code <= 96) ||
    (code >= 123 && code <= 126)
  );
}

function decodeEntity(named: string | undefined, decimal: string | undefined, hex: string | undefined): string {
  if (named) return NAMED[named] ?? '';
  const code = decimal ? Number(decimal) : Number.parseInt(hex ?? '', 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
}

const SPECIAL = /[\\&\u200b-\u200d\u2060\ufeff]/g;

/** The text as GitHub displays it, with a map from each of its units back to the source. */
function readAsDisplayed(text: string): { shown: string; origin: Int32Array } {
  const parts: string[] = [];
  const origin = new Int32Array(text.length + 1);
  let length = 0;
  const emit = (chunk: string, from: number, sequential: boolean): void => {
    parts.push(chunk);
    for (let k = 0; k < chunk.length; k += 1) origin[length + k] = sequential ? from + k : from;
    length += chunk.length;
  };
  let copied = 0;
  SPECIAL.lastIndex = 0;
  for (let hit = SPECIAL.exec(text); hit !== null; hit = SPECIAL.exec(text)) {
    const i = hit.index;
    if (i < copied) continue;
    emit(text.slice(copied, i), copied, true);
    const code = text.charCodeAt(i);
    if (code === 92) {
      const next = text.charCodeAt(i + 1);
      const escapes = i + 1 < text.length && isAsciiPunctuation(next);
      emit(escapes ? text[i + 1] : '\\', i, false);
      copied = i + (escapes ? 2 : 1);
    } else if (code === 38) {
      ENTITY.lastIndex = i;
      const entity = ENTITY.exec(text);
      emit(entity ? decodeEntity(entity[1], entity[2], entity[3]) : '&', i, false);
      copied = i + (entity ? entity[0].length : 1);
    } else {
      copied = i + 1; // an invisible joiner: dropped
    }
    SPECIAL.lastIndex = copied;
  }
  emit(text.slice(copied), copied, true);
  return { shown: parts.join(''), origin };
}

function needsDecoding(text: string): boolean {
  return /[\\&\u200b-\u200d\u2060\ufeff]/.test(text);
}

/** Every known secret pattern still present in `text` (strict mode), in text order. */
export function findSurvivingSecrets(text: string): SurvivingSecret[] {
  const decoded = needsDecoding(text);
  const { shown, origin } = decoded ? readAsDisplayed(text) : { shown: text, origin: new Int32Array(0) };
  const lower = shown.toLowerCase();
  const found: SurvivingSecret[] = [];
  for (const rule of STRICT_RULES) {
    if (!rule.triggers.some((trigger) => lower.includes(trigger))) continue;
    for (const { start } of findSecretSpans(rule, shown)) {
      found.push({ kind: rule.kind, index: decoded ? (origin[start] ?? start) : start });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Throws SecretLeakError, naming `where` and the kinds found, if a secret pattern survived. */
export function assertPostable(text: string, where: string): void {
  const found = findSurvivingSecrets(text);
  if (found.length > 0) throw new SecretLeakError(where, [...new Set(found.map((f) => f.kind))]);
}
