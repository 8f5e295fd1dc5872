import { parseConfig } from '../src/config/config.js';
import { FileLogSource } from '../src/adapters/file-logs.js';
import { readIfExists } from '../src/adapters/read-file.js';
import { parseRulesConfig } from '../src/core/prioritize/rules-config.js';
import type { RunResult } from '../src/core/model/run-result.js';
import { runGarden } from '../src/garden.js';
import type { InputName } from '../src/config/inputs.js';
import { configSource } from './config-source.js';

/** The whole pipeline in process on a logs-file, dry run, no GitHub: for tests of what it finds. */
export async function gardenFile(file: string, inputs: Partial<Record<InputName, string>> = {}): Promise<RunResult> {
  const source = configSource({ 'logs-file': file, 'dry-run': 'true', ...inputs }, { env: { GITHUB_TOKEN: '' } });
  const config = parseConfig({ ...source, readFile: readIfExists });
  const { config: rules } = parseRulesConfig(config.rules ?? {}, 'test');
  return runGarden(config, rules, {
    source: new FileLogSource(file),
    tracker: null,
    clock: { now: () => Date.UTC(2026, 10, 30, 12) },
    log: () => {},
  });
}
