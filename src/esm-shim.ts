// ncc's ESM output keeps bare `__dirname`/`__filename` references from CommonJS dependencies
// (google-gax reads its protos relative to __dirname). Define them before anything else loads.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const g = globalThis as { __dirname?: string; __filename?: string };
g.__filename ??= fileURLToPath(import.meta.url);
g.__dirname ??= dirname(g.__filename);
