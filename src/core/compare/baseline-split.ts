/**
 * A logs-file is read whole, once: the entries of the baseline window (just before `since`) go to
 * the baseline's tally instead of being left out, and the file's first entry is remembered, so the
 * baseline's rates are per minute of the part of it the file covers.
 */
import type { LogRecord } from '../model/log-record.js';
import type { TimeWindow } from '../read/window.js';
import type { WindowTally } from './window-tally.js';

export class FileBaselineSplit {
  /** The file's earliest entry (any window), Infinity until one is seen. */
  first = Infinity;
  private readonly services: Set<string>;

  constructor(
    readonly window: TimeWindow,
    services: string[],
    private readonly tally: WindowTally,
  ) {
    this.services = new Set(services);
  }

  /** Called on every readable entry of the file; true when the baseline took it. */
  take(record: LogRecord, raw: unknown): boolean {
    if (record.timestamp < this.first) this.first = record.timestamp;
    if (record.timestamp < this.window.start || record.timestamp >= this.window.end) return false;
    if (this.services.size > 0 && !this.services.has(record.service)) return false;
    this.tally.add(record, raw);
    return true;
  }
}
