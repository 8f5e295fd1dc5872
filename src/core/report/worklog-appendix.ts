/** Worklog closing sections: run notes, the exact query, and what was ignored as noise. */
import type { RunResult } from '../model/run-result.js';
import { codeBlock, safeText } from '../markdown/safe-markdown.js';
import { buildLoggingQuery, LoggingQueryError } from '../read/logging-query.js';
import { formatClusterCount } from '../markdown/format.js';

export function renderNotes(result: RunResult): string {
  const notes = [...result.source.notes, ...result.notes];
  const body = notes.length ? notes.map((n) => `- ${safeText(n, 500)}`).join('\n') : 'No waits, retries or failures.';
  return ['## Notes', '', body].join('\n');
}

/**
 * For a file source no query runs; the engineer still wants the query to reproduce the window
 * in Logs Explorer, so we show the one a Cloud Logging read would use (without the user's
 * `filter`, which RunResult does not carry).
 */
export function describeEquivalentQuery(result: RunResult): string | null {
  try {
    return buildLoggingQuery({
      services: result.services,
      filter: '',
      minSeverity: result.minSeverity,
      start: result.window.start,
      end: result.window.end,
    });
  } catch (error) {
    if (error instanceof LoggingQueryError) return null;
    throw error;
  }
}

export function renderQuery(result: RunResult): string {
  const heading = '## Query';
  if (result.source.query) {
    return [heading, '', 'The exact Cloud Logging query used:', '', codeBlock(result.source.query, 'text')].join('\n');
  }
  const equivalent = describeEquivalentQuery(result);
  if (equivalent === null)
    return [heading, '', 'Entries came from an exported file, so no Cloud Logging query ran.'].join('\n');
  return [
    heading,
    '',
    'Entries came from an exported file, so no Cloud Logging query ran. The same window would be read from Cloud Logging with:',
    '',
    codeBlock(equivalent, 'text'),
  ].join('\n');
}

export function renderIgnored(result: RunResult): string {
  const ignored = result.clusters.filter((c) => c.ignored);
  if (ignored.length === 0) return '';
  const items = ignored.map(
    (c) =>
      `- ${safeText(c.title, 160)} — ${formatClusterCount(c)} entries (${safeText(c.reasons[0] ?? `rule ${c.rule}`, 160)})`,
  );
  return ['## Ignored as noise (no issue)', '', ...items].join('\n');
}
