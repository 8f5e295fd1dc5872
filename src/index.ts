import './esm-shim.js';
import { isMainThread } from 'node:worker_threads';
import { runInWorker } from './run-in-worker.js';

// The main thread only starts the worker (see run-in-worker.ts for why); main.js is imported
// where it runs, so this thread never loads the action's dependencies.
const code = isMainThread ? await runInWorker(new URL(import.meta.url)) : null;
if (code === null) {
  const { run } = await import('./main.js');
  await run();
} else {
  process.exitCode = code;
}
