/**
 * The time window a run reads, in epoch ms (start inclusive, end exclusive), and for a logs-file
 * which entries fall outside what the inputs asked for. Takes the few config fields it needs, so
 * the core does not depend on the config module.
 */

export interface TimeWindow {
  start: number;
  end: number;
}

export interface WindowInputs {
  /** since/until in epoch ms; null when not given. */
  since: number | null;
  until: number | null;
  lookbackMs: number;
}

/** Cloud Logging: since/until, or lookback ending at until or now. */
export function queryWindow(inputs: WindowInputs, now: number): TimeWindow {
  const end = inputs.until ?? now;
  return { start: inputs.since ?? end - inputs.lookbackMs, end };
}

/** Cloud Logging as queryWindow; a file: since/until, or else the span of its entries. */
export function resolveWindow(
  inputs: WindowInputs & { logsFile: string },
  now: number,
  span: TimeWindow | null,
): TimeWindow {
  if (!inputs.logsFile) return queryWindow(inputs, now);
  const start = inputs.since ?? span?.start ?? now;
  const end = inputs.until ?? (span ? span.end + 1 : now);
  return { start, end: Math.max(end, start + 1) };
}

/**
 * A logs-file is read whole, so since/until and services are applied to its entries (Cloud
 * Logging applies them in the query). Returns why an entry is left out, or '' to keep it.
 */
export function fileExclusion(inputs: {
  logsFile: string;
  since: number | null;
  until: number | null;
  services: string[];
}): (entry: { timestamp: number; service: string }) => string {
  if (!inputs.logsFile) return () => '';
  const since = inputs.since ?? -Infinity;
  const until = inputs.until ?? Infinity;
  const services = new Set(inputs.services);
  return (entry) => {
    if (entry.timestamp < since || entry.timestamp >= until) return 'outside since/until';
    if (services.size > 0 && !services.has(entry.service)) return 'not one of the services';
    return '';
  };
}
