import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Checks the fake GitHub server's responses against GitHub's published OpenAPI description
 * (@octokit/openapi, api.github.com), so the fake cannot drift from the real API.
 * A small JSON-schema subset: $ref, type, properties, required, nullable, anyOf, oneOf
 * (as "at least one": GitHub's oneOf branches overlap, e.g. public/private user), allOf,
 * items, enum. Formats and additionalProperties are not checked.
 */
type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  enum?: unknown[];
};

type Spec = {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema }> }> }>
  >;
  components: Record<string, Record<string, unknown>>;
};

let cached: Spec | undefined;

function loadSpec(): Spec {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('@octokit/openapi/package.json'));
    cached = JSON.parse(readFileSync(path.join(dir, 'generated', 'api.github.com.json'), 'utf8')) as Spec;
  }
  return cached;
}

function resolve(spec: Spec, ref: string): unknown {
  let node: unknown = spec;
  for (const part of ref.replace(/^#\//, '').split('/'))
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return node;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

export function validate(spec: Spec, schema: Schema, value: unknown, at: string, errors: string[], depth = 0): void {
  if (depth > 40) return;
  if (schema.$ref) return validate(spec, resolve(spec, schema.$ref) as Schema, value, at, errors, depth + 1);
  if (value === null) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (schema.nullable || types.includes('null')) return;
    if (!schema.anyOf && !schema.oneOf && !schema.allOf) {
      errors.push(`${at}: null is not allowed`);
      return;
    }
  }
  if (schema.allOf) for (const sub of schema.allOf) validate(spec, sub, value, at, errors, depth + 1);
  for (const alternatives of [schema.anyOf, schema.oneOf]) {
    if (!alternatives) continue;
    const attempts = alternatives.map((sub) => {
      const sink: string[] = [];
      validate(spec, sub, value, at, sink, depth + 1);
      return sink;
    });
    if (!attempts.some((sink) => sink.length === 0)) {
      errors.push(
        `${at}: matches none of ${alternatives.length} alternatives (${attempts.map((s) => s[0]).join(' | ')})`,
      );
    }
  }
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, typeOf(value)))) {
      errors.push(`${at}: expected ${types.join('|')}, got ${typeOf(value)}`);
      return;
    }
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) errors.push(`${at}: missing required ${key}`);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in object) validate(spec, sub, object[key], `${at}.${key}`, errors, depth + 1);
    }
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((item, i) => validate(spec, schema.items as Schema, item, `${at}[${i}]`, errors, depth + 1));
}

/**
 * Validates one response: `pathTemplate` as in the spec (`/repos/{owner}/{repo}/issues`).
 * Returns a list of problems; empty when the response matches, or when the spec has no JSON
 * schema for that status (e.g. 204).
 */
export function checkResponse(method: string, pathTemplate: string, status: number, body: unknown): string[] {
  const spec = loadSpec();
  const operation = spec.paths[pathTemplate]?.[method.toLowerCase()];
  if (!operation) return [`${method} ${pathTemplate}: no such operation in the OpenAPI description`];
  let response = operation.responses?.[String(status)];
  if (!response) return [`${method} ${pathTemplate}: status ${status} is not documented`];
  if (response.$ref) response = resolve(spec, response.$ref) as typeof response;
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) return [];
  const errors: string[] = [];
  validate(spec, schema, body, `${method} ${pathTemplate} ${status}`, errors);
  return errors;
}
