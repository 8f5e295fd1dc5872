import { tmpdir } from 'node:os';
import { ConfigError, parseConfig } from './config/config.js';
import { ConsoleReporter } from './adapters/console-reporter.js';
import { readIfExists } from './adapters/read-file.js';
import { describeErrorForLog } from './core/report/render-failure.js';
import { INPUT_DEFAULTS, INPUT_NAMES, type InputName } from './config/inputs.js';
import { runPipeline } from './pipeline.js';

const USAGE = `Usage: log-gardener --name value …  (the action's inputs, e.g. --logs-file samples/x.json --dry-run true)
Inputs:
${INPUT_NAMES.map((n) => `  --${n}${INPUT_DEFAULTS[n] ? `  (default ${INPUT_DEFAULTS[n]})` : ''}`).join('\n')}
Environment: GITHUB_TOKEN and GITHUB_REPOSITORY as on a runner; GOOGLE_APPLICATION_CREDENTIALS for ADC.`;

/** `--name value` or `--name=value` for every input of action.yml; anything else is an error naming it. */
export function parseArgs(argv: string[]): Partial<Record<InputName, string>> {
  const inputs: Partial<Record<InputName, string>> = {};
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match || !(INPUT_NAMES as string[]).includes(match[1])) {
      unknown.push(arg);
      continue;
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) unknown.push(`${arg} (needs a value)`);
    else inputs[match[1] as InputName] = value;
  }
  if (unknown.length > 0) throw new ConfigError(unknown.map((a) => `${a}: not an input; run with --help for the list`));
  return inputs;
}

export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const inputs = parseArgs(argv);
    const config = parseConfig({ get: (n) => inputs[n] ?? '', env, readFile: readIfExists, tmpDir: tmpdir() });
    const reporter = new ConsoleReporter({ summaryPath: env.GITHUB_STEP_SUMMARY });
    const { failMessage } = await runPipeline(config, {
      reporter,
      getIdToken: async () => {
        throw new Error(
          'workload-identity-provider needs a GitHub Actions OIDC token; from the command line use Application Default Credentials (gcloud auth application-default login)',
        );
      },
      mask: () => {},
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    for (const [name, value] of Object.entries(reporter.outputs)) process.stdout.write(`${name}=${value}\n`);
    if (failMessage) {
      process.stderr.write(`${failMessage}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    process.stderr.write(`error: ${describeErrorForLog(error)}\n`);
    return 2;
  }
}
