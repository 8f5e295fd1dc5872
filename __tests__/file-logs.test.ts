import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLogSource, LogsFileError } from '../src/adapters/file-logs.js';
import { JsonArraySplitter } from '../src/core/read/json-array-splitter.js';

const TRICKY = [
  { insertId: 'a', textPayload: 'brace } and bracket ] and comma , inside' },
  { insertId: 'b', textPayload: 'escaped \\" quote and backslash at end \\' },
  { insertId: 'c', jsonPayload: { nested: [{ deep: ['[', '{'] }], unicode: 'zürich ✓ 🚀' } },
  { insertId: 'd', textPayload: '"' },
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'file-logs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string): Promise<{ values: unknown[]; source: FileLogSource }> {
  const source = new FileLogSource(path);
  const values: unknown[] = [];
  for await (const value of source.read()) values.push(value);
  return { values, source };
}

describe('FileLogSource', () => {
  it.each<[string, string | Buffer, unknown[], Record<string, number>]>([
    ['pretty JSON array (gcloud --format=json)', JSON.stringify(TRICKY, null, 2) + '\n', TRICKY, {}],
    ['compact JSON array', JSON.stringify(TRICKY), TRICKY, {}],
    ['NDJSON with blank lines and no final newline', TRICKY.map((e) => JSON.stringify(e)).join('\n\n'), TRICKY, {}],
    ['NDJSON with CRLF line ends', TRICKY.map((e) => JSON.stringify(e)).join('\r\n') + '\r\n', TRICKY, {}],
    [
      'UTF-8 BOM before the array',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(TRICKY))]),
      TRICKY,
      {},
    ],
    ['empty file', '', [], { 'empty file': 1 }],
    ['whitespace only', '  \n\n', [], { 'empty file': 1 }],
    ['empty array', '[ ]', [], {}],
    [
      'bad NDJSON line among good ones',
      '{"insertId":"a"}\n{"insertId": tru\n{"insertId":"b"}\n',
      [{ insertId: 'a' }, { insertId: 'b' }],
      { 'bad JSON line': 1 },
    ],
    [
      'bad element in an array',
      '[{"insertId":"a"},{"insertId": tru},{"insertId":"b"}]',
      [{ insertId: 'a' }, { insertId: 'b' }],
      { 'bad JSON element': 1 },
    ],
    [
      'truncated mid-element',
      '[\n  {"insertId":"a"},\n  {"insertId":"b", "textPayload": "cut',
      [{ insertId: 'a' }],
      { 'truncated file: incomplete element at the end': 1 },
    ],
    ['truncated after a comma', '[{"insertId":"a"},', [{ insertId: 'a' }], { 'truncated file: array not closed': 1 }],
    ['a scalar top level', '"hello"', [], { 'top level is neither a JSON array nor JSON objects': 1 }],
    [
      'trailing garbage after the array',
      '[{"insertId":"a"}] oops',
      [{ insertId: 'a' }],
      { 'trailing content after the JSON array': 1 },
    ],
    [
      'scalar elements are passed on (normalize skips them)',
      '[1, "x", null, {"insertId":"a"}]',
      [1, 'x', null, { insertId: 'a' }],
      {},
    ],
  ])('%s', async (name, content, expected, unreadable) => {
    const path = write(`${name.replace(/\W+/g, '-')}.json`, content);
    const { values, source } = await readAll(path);
    expect(values).toEqual(expected);
    expect(source.info()).toMatchObject({
      source: `file:${path}`,
      query: '',
      sampleFraction: 1,
      requests: 0,
      unreadable,
    });
  });

  it.each([
    ['a missing file', () => join(dir, 'missing.json'), /logs-file: cannot read '.*missing\.json': ENOENT/],
    ['a directory', () => dir, /logs-file: '.*' is not a file/],
  ])('rejects %s with a LogsFileError naming the input and path', async (_name, path, pattern) => {
    const source = new FileLogSource(path());
    const reading = readAll(path());
    await expect(reading).rejects.toThrow(LogsFileError);
    await expect(readAll(path())).rejects.toThrow(pattern);
    expect(source.info().unreadable).toEqual({});
  });
});

describe('JsonArraySplitter', () => {
  const pretty = JSON.stringify(TRICKY, null, 2);
  const ndjson = TRICKY.map((e) => JSON.stringify(e)).join('\n') + '\n';

  it.each([1, 2, 3, 7, 16, 64])('splits a pretty array fed in %i-char chunks', (size) => {
    const splitter = new JsonArraySplitter();
    const texts: string[] = [];
    for (let i = 0; i < pretty.length; i += size) texts.push(...splitter.push(pretty.slice(i, i + size)));
    texts.push(...splitter.end());
    expect(texts.map((t) => JSON.parse(t))).toEqual(TRICKY);
    expect(splitter.problems).toEqual({});
  });

  it.each([1, 5, 33])('splits NDJSON fed in %i-char chunks', (size) => {
    const splitter = new JsonArraySplitter();
    const texts: string[] = [];
    for (let i = 0; i < ndjson.length; i += size) texts.push(...splitter.push(ndjson.slice(i, i + size)));
    texts.push(...splitter.end());
    expect(texts.map((t) => JSON.parse(t))).toEqual(TRICKY);
  });

  it('keeps memory bounded on a corrupt element (unterminated string)', () => {
    const splitter = new JsonArraySplitter();
    splitter.push('[{"a": "');
    const block = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 20; i++) splitter.push(block);
    expect(splitter.mode).toBe('failed');
    expect(Object.keys(splitter.problems)).toEqual([expect.stringMatching(/element larger than 16 MiB/)]);
  });
});
