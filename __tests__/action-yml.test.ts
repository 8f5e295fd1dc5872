import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { INPUT_DEFAULTS, OUTPUT_NAMES } from '../src/config/inputs.js';

const action = parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { description: string; default: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
};
const readme = readFileSync('README.md', 'utf8');

describe('action.yml', () => {
  it('runs on node24 from dist/index.js', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });
  it('declares exactly the inputs the code knows, with the same defaults', () => {
    const declared = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String(v.default)]));
    expect(declared).toEqual(INPUT_DEFAULTS);
  });
  it('declares exactly the outputs the code sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  });
  it.each(Object.keys(INPUT_DEFAULTS))('input %s has a description and a README row', (name) => {
    expect(action.inputs[name].description.length).toBeGreaterThan(15);
    expect(readme).toMatch(new RegExp(`\\|\\s*\`${name}\`\\s*\\|`));
  });
  it.each([...OUTPUT_NAMES])('output %s has a README row', (name) => {
    expect(readme).toMatch(new RegExp(`\\|\\s*\`${name}\`\\s*\\|`));
  });
});
