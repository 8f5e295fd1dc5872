import type { ConfigEnvironment } from '../src/config/config.js';
import type { InputName } from '../src/config/inputs.js';

/** A ConfigEnvironment over plain objects: inputs by name, files by path. */
export function configSource(
  inputs: Partial<Record<InputName, string>>,
  options: { env?: Record<string, string>; files?: Record<string, string> } = {},
): ConfigEnvironment {
  return {
    get: (name) => inputs[name] ?? '',
    env: { GITHUB_REPOSITORY: 'acme/shop', GITHUB_TOKEN: 'test-token', RUNNER_TEMP: '/runner/tmp', ...options.env },
    readFile: (path) => options.files?.[path] ?? null,
    tmpDir: '/tmp',
  };
}
