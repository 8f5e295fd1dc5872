/** Worklog: per-service health — volume, severities, restarts, request error rate, revisions. */
import type { RunResult, ServiceStatus } from '../model/run-result.js';
import { safeText } from '../markdown/safe-markdown.js';
import { formatCount, formatNames, formatSeverityCounts, table } from '../markdown/format.js';

/** `38.6% (1,204 / 3,120)`, or `–` without request logs. */
export function formatErrorRate(status: Pick<ServiceStatus, 'requests' | 'serverErrors'>): string {
  if (status.requests <= 0) return '–';
  const rate = (status.serverErrors / status.requests) * 100;
  return `${rate.toFixed(1)}% (${formatCount(status.serverErrors)} / ${formatCount(status.requests)})`;
}

export function renderServiceStatus(result: RunResult): string {
  if (result.serviceStatus.length === 0) return '## Service status\n\n_No service-level data in this window._';
  const sorted = [...result.serviceStatus].sort((a, b) => b.entries - a.entries || a.service.localeCompare(b.service));
  const rows = sorted.map((s) => [
    s.service ? safeText(s.service, 80) : '_(unknown)_',
    formatCount(s.entries),
    formatSeverityCounts(s.bySeverity),
    formatCount(s.restarts),
    formatErrorRate(s),
    formatNames(s.revisions, 4),
  ]);
  return [
    '## Service status',
    '',
    table(['Service', 'Analysed entries', 'Severity', 'Restarts / exits', '5xx rate (of requests)', 'Revisions'], rows),
  ].join('\n');
}
