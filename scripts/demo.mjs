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
// One block per incident, root cause first: what an on-call engineer reads first in the worklog.
const byFingerprint = new Map(report.clusters.map((c) => [c.fingerprint, c]));
const line = (c, indent) => {
  const where = c.services.length === 1 ? c.services[0] : `${c.services.length} services`;
  const issue = c.issue && c.issue.action !== 'none' ? ` → would ${c.issue.action} an issue` : '';
  return `${indent}[${c.priority}] ${String(c.count).padStart(5)}  ${pct(c.share).padStart(6)}  ${where.padEnd(13)} ${c.title.slice(0, 64)}${issue}`;
};
for (const [i, incident] of (report.incidents ?? []).entries()) {
  const [root, ...symptoms] = incident.members.map((fp) => byFingerprint.get(fp)).filter(Boolean);
  console.log(`Incident ${i + 1} (${incident.priority}): ${incident.title.slice(0, 90)}`);
  console.log(line(root, '  root    '));
  for (const c of symptoms.slice(0, 8)) console.log(line(c, '  symptom '));
  if (symptoms.length > 8) console.log(`          … and ${symptoms.length - 8} more symptoms`);
  console.log('');
}
const alone = report.clusters.filter((c) => !c.incident && !c.ignored);
for (const c of alone.slice(0, 6)) console.log(line(c, '  '));
console.log(`\nWorklog: ${out}/worklog.md\nReport:  ${out}/report.json\n(dry run: no issue was written)`);
