import type { Priority } from '../model/cluster-types.js';
import { formatCount, formatDuration, formatIso } from '../markdown/format.js';
import { safeLink } from './issue-markup.js';
import { safeText } from '../markdown/safe-markdown.js';

/** Issue text gives times to the second and durations as inputs write them (`14d`); see markdown/format.ts. */
const TIME = { milliseconds: 'never' } as const;
const INPUT = { style: 'input' } as const;

/** Comments are for what a human should know changed; everything else is a silent body update. */

export type NotableChange =
  | { kind: 'escalated'; from: Priority; to: Priority; reasons: string[] }
  | { kind: 'volume'; previous: number; current: number }
  | { kind: 'regression'; quietSince: number; seenAgain: number }
  | { kind: 'new-service'; services: string[] };

function runLine(runUrl: string): string {
  const link = safeLink('workflow run', runUrl);
  return link ? `\n\nDetails: ${link}.` : '';
}

function describe(change: NotableChange): string {
  switch (change.kind) {
    case 'escalated':
      return `**Priority escalated** from ${change.from} to **${change.to}**${
        change.reasons.length
          ? `: ${change.reasons
              .slice(0, 5)
              .map((r) => safeText(r, 200))
              .join('; ')}`
          : ''
      }.`;
    case 'volume':
      return `**Volume jump**: ${formatCount(change.current)} occurrences in the latest window, up from ${formatCount(change.previous)} in the previous one.`;
    case 'regression':
      return `**Back after a quiet period**: not seen from ${formatIso(change.quietSince, TIME)} until ${formatIso(change.seenAgain, TIME)}.`;
    case 'new-service':
      return `**New service affected**: ${change.services
        .slice(0, 10)
        .map((s) => safeText(s, 100))
        .join(', ')}.`;
  }
}

export function renderChangeComment(changes: NotableChange[], runUrl: string): string {
  return `Log Gardener noticed a change:\n\n${changes.map((c) => `- ${describe(c)}`).join('\n')}\n\nThe issue body has the current counts and timeline.${runLine(runUrl)}`;
}

export function renderReopenComment(input: {
  closedAt: number;
  seenAgain: number;
  count: number;
  reopenWindowMs: number;
  runUrl: string;
}): string {
  return (
    `Reopening: this problem was seen again at ${formatIso(input.seenAgain, TIME)}, ` +
    `${formatDuration(input.seenAgain - input.closedAt, INPUT)} after this issue was closed (${formatIso(input.closedAt, TIME)}), ` +
    `within the reopen window of ${formatDuration(input.reopenWindowMs, INPUT)}. ` +
    `${formatCount(input.count)} occurrences in the latest window.` +
    `\n\nIf it is expected, add the mute label to keep this issue quiet, or close it as "not planned".${runLine(input.runUrl)}`
  );
}

export function renderStaleComment(input: {
  lastSeen: number;
  closeAfterMs: number;
  reopenWindowMs: number;
  runUrl: string;
}): string {
  return (
    `Closing: this problem has not been seen since ${formatIso(input.lastSeen, TIME)} ` +
    `(longer than close-after, ${formatDuration(input.closeAfterMs, INPUT)}). ` +
    `If it comes back within ${formatDuration(input.reopenWindowMs, INPUT)}, Log Gardener reopens this issue.${runLine(input.runUrl)}`
  );
}

export function renderDuplicateComment(input: { original: number; runUrl: string }): string {
  return (
    `Closing as a duplicate of #${input.original}, which tracks the same problem (same fingerprint) and is older. ` +
    `Two runs probably overlapped; a workflow \`concurrency\` group prevents this.${runLine(input.runUrl)}`
  );
}
