// The demo: the CLI analyses a generated hour of a Cloud Run outage (samples/), in dry-run, and
// prints where the worklog is with a one-screen summary. Nothing is sent to Google or GitHub.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const out = resolve('demo-output');
const env = { ...process.env, METADATA_SERVER_DETECTION: 'none' };
delete env.GITHUB_TOKEN;
delete env.GITHUB_REPOSITORY;
delete env.GITHUB_STEP_SUMMARY;
const args = [
  '--import',
  'tsx',
  'src/cli-run.ts',
  '--logs-file',
  'samples/cloud-run-outage.json',
  '--dry-run',
  'true',
  '--worklog-path',
  `${out}/worklog.md`,
  '--report-path',
  `${out}/report.json`,
  '--upload-artifact',
  'false',
  '--config',
  'samples/log-gardener.yml',
];
const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
if (run.status !== 0 && run.status !== 1) process.exit(run.status ?? 1);

const report = JSON.parse(readFileSync(`${out}/report.json`, 'utf8'));
const pct = (n) => `${(n * 100).toFixed(1)}%`;
console.log(
  `\nGCP Log Gardener demo — ${report.totals.entries.toLocaleString('en-US')} entries read, ${report.totals.analysed.toLocaleString('en-US')} analysed, ${report.clusters.length} clusters\n`,
);
for (const c of report.clusters.slice(0, 12)) {
  const issue = c.issue ? ` → would ${c.issue.action}` : '';
  const where = c.services.length === 1 ? c.services[0] : `${c.services.length} services`;
  console.log(
    `  [${c.priority}] ${String(c.count).padStart(6)}  ${pct(c.share).padStart(6)}  ${where.padEnd(13)} ${c.title.slice(0, 70)}${issue}`,
  );
}
if (report.clusters.length > 12) console.log(`  … and ${report.clusters.length - 12} more in the worklog`);
console.log(`\nWorklog: ${out}/worklog.md\nReport:  ${out}/report.json\n(dry run: no issue was written)`);
