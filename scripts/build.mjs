// Bundles src/index.ts into dist/ with ncc. --no-cache keeps dist/ reproducible, so CI can
// check that the committed dist/ is exactly what the sources build.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const ncc = 'node_modules/@vercel/ncc/dist/ncc/cli.js';
execFileSync(
  process.execPath,
  [ncc, 'build', 'src/index.ts', '-o', 'dist', '--no-cache', '--license', 'licenses.txt', '--target', 'es2023'],
  {
    stdio: 'inherit',
  },
);
