/**
 * Runs the action in a worker thread whose V8 young generation is capped.
 *
 * Why: streaming a big logs-file allocates gigabytes of short-lived objects, and V8 answers by
 * growing the young generation to its default maximum (two 64 MiB semi-spaces, and as much
 * again for young large objects): ~100 MB of RSS that holds nothing but garbage (the live heap
 * after a 1,000,000-entry run is ~40 MB). A node flag (`--max-semi-space-size`) would cap it,
 * but action.yml cannot pass node flags, and `v8.setFlagsFromString` after start-up does not
 * resize an existing heap. A worker's `resourceLimits` is the documented way to size a heap
 * from inside the process. Measured by bench/pipeline.ts: same speed, ~100 MB less peak RSS.
 *
 * Everything else stays as it was: one process, the worker's stdout/stderr are the process's,
 * process.env and argv are copied in, and the worker's exit code (core.setFailed sets
 * process.exitCode) becomes the process's.
 */
import { Worker } from 'node:worker_threads';

/** V8 sizes the young generation as 3 semi-spaces: 16 MiB semi-spaces, as `--max-semi-space-size=16`. */
export const YOUNG_GENERATION_MB = 48;

/**
 * Starts `entry` (a module URL or path) in a worker and resolves with its exit code, or with
 * null when no worker could be started (the caller then runs in this thread).
 */
export function runInWorker(entry: URL | string, argv: string[] = process.argv.slice(2)): Promise<number | null> {
  let worker: Worker;
  try {
    worker = new Worker(entry, { argv, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  } catch {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    // An uncaught error ends the worker (exit code 1): print it as node would have.
    worker.on('error', (error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? String(error)) : String(error);
      process.stderr.write(`${text}\n`);
    });
    worker.on('exit', (code) => resolve(code));
  });
}
