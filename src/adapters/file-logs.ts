/** `logs-file`: an exported JSON array or NDJSON file, read as a stream (flat memory on any size). */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { JsonArraySplitter } from '../core/json-array-splitter.js';
import type { LogSource, SourceInfo } from '../ports.js';

/** The `logs-file` input names a file that cannot be read. */
export class LogsFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LogsFileError';
  }
}

const CHUNK_BYTES = 262144;

export class FileLogSource implements LogSource {
  private readonly unreadable: Record<string, number> = {};
  private readonly notes: string[] = [];

  constructor(private readonly path: string) {}

  async *read(): AsyncIterable<unknown> {
    await this.checkReadable();
    const splitter = new JsonArraySplitter();
    const stream = createReadStream(this.path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
    try {
      for await (const chunk of stream as AsyncIterable<string>) {
        for (const text of splitter.push(chunk)) {
          const value = this.parse(text, splitter.mode);
          if (value !== undefined) yield value;
        }
      }
    } catch (error) {
      throw new LogsFileError(`logs-file: reading '${this.path}' failed: ${describe(error)}`, { cause: error });
    } finally {
      stream.destroy();
    }
    for (const text of splitter.end()) {
      const value = this.parse(text, splitter.mode);
      if (value !== undefined) yield value;
    }
    for (const [reason, count] of Object.entries(splitter.problems)) this.count(reason, count);
    if (splitter.mode === 'ndjson') this.notes.push(`Read ${this.path} as newline-delimited JSON.`);
    else if (splitter.mode === 'array' || splitter.mode === 'after-array')
      this.notes.push(`Read ${this.path} as a JSON array.`);
  }

  info(): SourceInfo {
    return {
      source: `file:${this.path}`,
      query: '',
      sampleFraction: 1,
      unreadable: { ...this.unreadable },
      notes: [...this.notes],
      requests: 0,
    };
  }

  private async checkReadable(): Promise<void> {
    let isFile = false;
    try {
      isFile = (await stat(this.path)).isFile();
    } catch (error) {
      throw new LogsFileError(
        `logs-file: cannot read '${this.path}': ${describe(error)}. Check the path (relative paths start at the working directory).`,
        {
          cause: error,
        },
      );
    }
    if (!isFile)
      throw new LogsFileError(
        `logs-file: '${this.path}' is not a file. Give the path of an exported JSON or NDJSON file.`,
      );
  }

  private parse(text: string, mode: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      this.count(mode === 'ndjson' ? 'bad JSON line' : 'bad JSON element');
      return undefined;
    }
  }

  private count(reason: string, by = 1): void {
    this.unreadable[reason] = (this.unreadable[reason] ?? 0) + by;
  }
}

/** `ENOENT: no such file or directory` without the syscall noise (errors may come from another realm). */
function describe(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    const text = typeof message === 'string' ? message.replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '') : '';
    return text === '' ? code : `${code}: ${text}`;
  }
  return typeof message === 'string' ? message : String(error);
}
