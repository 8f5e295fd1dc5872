import { codeBlock, safeText } from '../markdown/safe-markdown.js';
import { redactText } from '../redact/redact.js';

/** The worklog of a run that stopped: what failed and what to do, never the secret that may be in the error. */
export function renderFailure(error: unknown, context: { source: string }): string {
  const message = describeErrorForLog(error);
  return [
    '# Log Gardener worklog: run failed',
    '',
    `The run stopped before it finished. Source: ${safeText(context.source)}. No issue was changed after this point.`,
    '',
    '## Error',
    '',
    codeBlock(message),
    '',
  ].join('\n');
}

/** Message of anything thrown, Error or not; never loses a non-Error throw. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return `Non-Error thrown: ${JSON.stringify(error)}`;
  } catch {
    return `Non-Error thrown: ${String(error)}`;
  }
}

/**
 * The message to print in a log or worklog. Errors that redacted what they quote from outside
 * (`preRedacted`, e.g. GoogleSetupError) print as they are: running the secret patterns over the
 * whole text would hide the fix (`id-token: write`, the service account in a gcloud command).
 */
export function describeErrorForLog(error: unknown): string {
  const preRedacted = error instanceof Error && (error as { preRedacted?: unknown }).preRedacted === true;
  return preRedacted ? describeError(error) : redactText(describeError(error), { ips: false });
}
