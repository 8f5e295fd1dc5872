import { fileExclusion, queryWindow, resolveWindow } from '../src/core/read/window.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.UTC(2026, 10, 30, 10);
const none = { since: null, until: null, lookbackMs: HOUR };

describe('resolveWindow', () => {
  const span = { start: NOW - 3 * HOUR, end: NOW - 2 * HOUR };
  it.each([
    ['Cloud Logging: lookback ending now', { ...none, logsFile: '' }, span, { start: NOW - HOUR, end: NOW }],
    [
      'Cloud Logging: lookback ending at until',
      { ...none, logsFile: '', until: NOW - HOUR },
      null,
      { start: NOW - 2 * HOUR, end: NOW - HOUR },
    ],
    [
      'Cloud Logging: since and until',
      { ...none, logsFile: '', since: NOW - 5 * HOUR, until: NOW - HOUR },
      null,
      { start: NOW - 5 * HOUR, end: NOW - HOUR },
    ],
    [
      'a file: the span of its entries',
      { ...none, logsFile: 'x.json' },
      span,
      { start: span.start, end: span.end + 1 },
    ],
    [
      'a file: since/until win over the span',
      { ...none, logsFile: 'x.json', since: NOW - 4 * HOUR, until: NOW - HOUR },
      span,
      { start: NOW - 4 * HOUR, end: NOW - HOUR },
    ],
    ['a file with no entries: an instant at now', { ...none, logsFile: 'x.json' }, null, { start: NOW, end: NOW + 1 }],
  ])('%s', (_name, inputs, entries, expected) => {
    expect(resolveWindow(inputs, NOW, entries)).toEqual(expected);
  });

  it('Cloud Logging reads the window the run reports', () => {
    const inputs = { ...none, since: NOW - 2 * HOUR };
    expect(queryWindow(inputs, NOW)).toEqual(resolveWindow({ ...inputs, logsFile: '' }, NOW, null));
  });
});

describe('fileExclusion', () => {
  const file = { logsFile: 'x.json', since: NOW - HOUR, until: NOW, services: ['orders'] };
  it.each([
    ['inside', file, { timestamp: NOW - MINUTE, service: 'orders' }, ''],
    ['at since', file, { timestamp: NOW - HOUR, service: 'orders' }, ''],
    ['at until', file, { timestamp: NOW, service: 'orders' }, 'outside since/until'],
    ['another service', file, { timestamp: NOW - MINUTE, service: 'auth' }, 'not one of the services'],
    ['Cloud Logging filters in the query', { ...file, logsFile: '' }, { timestamp: 0, service: 'auth' }, ''],
  ])('%s', (_name, inputs, entry, expected) => {
    expect(fileExclusion(inputs)(entry)).toBe(expected);
  });
});
