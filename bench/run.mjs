// Runs every benchmark script in sequence with the same Node (`node --import tsx`) and prints
// their tables. Add a bench by appending its path to BENCHES.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHES = [
  'bench/accuracy.ts',
  'bench/rare-beside-frequent.ts',
  'bench/shuffle-stability.ts',
  'bench/incident-stability.ts',
  'bench/cluster-speed.ts',
  // Redaction and markdown neutralisation on 256 KiB lines and adversarial inputs (no backtracking).
  'bench/redaction-adversarial.ts',
  // The realistic incident hours (scripts/realistic) through the bundle, scored against their ground truth: ~2 min. Needs `npm run build`.
  'bench/realistic.ts',
  // 200,000 realistic entries (a 50,000× traceback flood among them): the bundle vs read + JSON.parse, ~1 min. Needs `npm run build`.
  'bench/realistic-speed.ts',
  // 1,000,000 entries (~900 MB in the temp directory, removed afterwards unless KEEP=1): ~1.5 min.
  'bench/pipeline.ts',
  // The bundle against the fake GitHub, writes spaced as in production: ~2 min. Needs `npm run build`.
  'bench/issue-lifecycle.ts',
  // The bundle reading 50,000 entries from the loopback Google fakes, with real backoff: ~30 s.
  'bench/cloud-logging-read.ts',
  // Issue 15: a flood hour and a 1,000,000-entry window through the bundle, peeled, and in Log Analytics mode: ~2 min, ~2 GB. Needs `npm run build`.
  'bench/flood-read.ts',
];

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
let failed = 0;
for (const bench of BENCHES) {
  console.log(`\n# ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', bench], { cwd: repo, stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.log(`\n${bench} exited with ${result.status ?? result.signal}`);
  }
}
// Benchmarks report figures, they do not gate: a failing script is reported above, not fatal.
if (failed > 0) console.log(`\n${failed} benchmark script(s) failed.`);
