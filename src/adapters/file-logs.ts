/** `logs-file`: an exported JSON array or NDJSON file, read a chunk at a time (flat memory on any size). */
import { statSync } from 'node:fs';
import { readChunks } from './file-chunks.js';
import { JsonArraySplitter } from '../core/read/json-array-splitter.js';
import type { LogSource, SourceInfo } from '../ports.js';

/** The `logs-file` input names a file that cannot be read. */
export class LogsFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LogsFileError';
  }
}

/** One read: few reads, and the next is read ahead while this one is parsed (file-chunks.ts). */
const READ_BYTES = 1024 * 1024;
/**
 * Bytes decoded into one string. Below V8's large-object size (128 KiB), so each string is an
 * ordinary young object that dies young, rather than a large object that lives until the next
 * scavenge and counts toward growing the young generation.
 */
const DECODE_BYTES = 64 * 1024;

/** The texts of the elements (or NDJSON lines) completed by one decoded piece of the file. */
interface TextBatch {
  texts: string[];
  ndjson: boolean;
}

export class FileLogSource implements LogSource {
  private readonly unreadable: Record<string, number> = {};
  private readonly notes: string[] = [];

  constructor(private readonly path: string) {}

  /**
   * Entries one at a time, as LogSource promises. Hand-written rather than an async generator:
   * a generator costs several promises and microtask turns per entry (a million of them); this
   * returns an already-resolved promise per entry and awaits only once per decoded piece.
   */
  read(): AsyncIterable<unknown> {
    return { [Symbol.asyncIterator]: () => this.entries(this.textBatches()) };
  }

  /**
   * The same entries, in arrays of a few dozen (the lines of one decoded piece): a consumer that
   * loops over each array pays one await per batch instead of one per entry.
   */
  async *readBatches(): AsyncGenerator<unknown[]> {
    for await (const batch of this.textBatches()) {
      const values: unknown[] = [];
      for (const text of batch.texts) {
        const value = this.parse(text, batch.ndjson);
        if (value !== undefined) values.push(value);
      }
      if (values.length > 0) yield values;
    }
  }

  private entries(batches: AsyncGenerator<TextBatch>): AsyncIterator<unknown> {
    let batch: TextBatch = { texts: [], ndjson: true };
    let index = 0;
    /** The next parsable entry of the current batch, undefined when it has none left. */
    const take = (): unknown => {
      while (index < batch.texts.length) {
        const value = this.parse(batch.texts[index++]!, batch.ndjson);
        if (value !== undefined) return value;
      }
      return undefined;
    };
    const refill = async (): Promise<IteratorResult<unknown>> => {
      for (;;) {
        const next = await batches.next();
        if (next.done) return { value: undefined, done: true };
        batch = next.value;
        index = 0;
        const value = take();
        if (value !== undefined) return { value, done: false };
      }
    };
    return {
      // For await asks for one entry at a time; nothing here supports overlapping calls.
      next: () => {
        const value = take();
        return value !== undefined ? Promise.resolve({ value, done: false }) : refill();
      },
      return: async () => {
        batch = { texts: [], ndjson: true };
        await batches.return(undefined);
        return { value: undefined, done: true };
      },
    };
  }

  private async *textBatches(): AsyncGenerator<TextBatch> {
    this.checkReadable();
    const splitter = new JsonArraySplitter();
    // ignoreBOM keeps a byte-order mark in the text: the splitter skips it itself.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    try {
      // A chunk's buffer is read into again once the next chunk is asked for: every piece is decoded (copied) first.
      for await (const chunk of readChunks(this.path, READ_BYTES)) {
        for (let at = 0; at < chunk.length; at += DECODE_BYTES) {
          const text = decoder.decode(chunk.subarray(at, at + DECODE_BYTES), { stream: true });
          const texts = splitter.push(text);
          if (texts.length > 0) yield { texts, ndjson: splitter.mode === 'ndjson' };
        }
      }
      // An incomplete character at the very end becomes U+FFFD, as it did with encoding: 'utf8'.
      const last = decoder.decode();
      if (last !== '') yield { texts: splitter.push(last), ndjson: splitter.mode === 'ndjson' };
    } catch (error) {
      throw new LogsFileError(`logs-file: reading '${this.path}' failed: ${describe(error)}`, { cause: error });
    }
    yield { texts: splitter.end(), ndjson: splitter.mode === 'ndjson' };
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

  private checkReadable(): void {
    let isFile = false;
    try {
      // statSync, not fs/promises: one call, and fs/promises loads readline (~4 ms of start-up).
      isFile = statSync(this.path).isFile();
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

  private parse(text: string, ndjson: boolean): unknown {
    try {
      return JSON.parse(text);
    } catch {
      this.count(ndjson ? 'bad JSON line' : 'bad JSON element');
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
