import { countNew, mergeWindows, parseMarker, renderMarker } from '../src/core/issues/marker.js';
import type { MarkerState } from '../src/core/issues/marker.js';

const state: MarkerState = {
  fp: 'v1:exc:3f2a',
  first: 1_000_000,
  last: 2_000_000,
  total: 42,
  lastCount: 40,
  p: 'P1',
  svc: ['checkout'],
  windows: [[0, 3_600_000]],
};

describe('marker', () => {
  it('round-trips through a body whose last line it is', () => {
    expect(parseMarker(`# Title\n\nsome text\n\n${renderMarker(state)}\n`)).toEqual(state);
  });

  it('escapes characters that could close the comment early', () => {
    const line = renderMarker({ ...state, svc: ['evil --> <b>x</b> & co'] });
    expect(line.slice(0, -4)).not.toMatch(/-->|<b>/);
    expect(parseMarker(line)?.svc).toEqual(['evil --> <b>x</b> & co']);
  });

  it.each([
    ['no marker', 'just text'],
    ['marker not on the last line', `${renderMarker(state)}\n\nhuman text after it`],
    ['marker quoted inside a code block', `\`\`\`\n${renderMarker(state)}\n\`\`\``],
    ['unknown format version', renderMarker(state).replace('log-gardener:v1', 'log-gardener:v9')],
    ['broken JSON', '<!-- log-gardener:v1 {"fp": -->'],
    ['missing fields', '<!-- log-gardener:v1 {"fp":"v1:x"} -->'],
    ['bad priority', renderMarker(state).replace('"P1"', '"P7"')],
    ['inverted window', renderMarker({ ...state, windows: [[5, 1]] })],
  ])('rejects %s', (_name, body) => {
    expect(parseMarker(body)).toBeNull();
  });

  it.each([
    [
      'adjacent windows merge',
      [
        [0, 10],
        [10, 20],
      ],
      [[0, 20]],
    ],
    [
      'overlapping windows merge',
      [
        [0, 15],
        [10, 20],
      ],
      [[0, 20]],
    ],
    [
      'gaps stay separate',
      [
        [20, 30],
        [0, 10],
      ],
      [
        [0, 10],
        [20, 30],
      ],
    ],
  ] as [string, [number, number][], [number, number][]][])('mergeWindows: %s', (_name, input, expected) => {
    expect(mergeWindows(input)).toEqual(expected);
  });

  it('keeps only the newest 24 windows', () => {
    const many = Array.from({ length: 30 }, (_, i) => [i * 100, i * 100 + 50] as [number, number]);
    const merged = mergeWindows(many);
    expect(merged).toHaveLength(24);
    expect(merged[23]).toEqual([2900, 2950]);
  });

  const H = 3_600_000;
  const perMinute = new Map<number, number>(
    Array.from({ length: 60 }, (_, i) => [H + i * 60_000, 2] as [number, number]),
  );
  it.each([
    ['a window nothing counted yet counts in full', [[0, H]], { start: H, end: 2 * H }, 120],
    ['the same window again adds nothing', [[H, 2 * H]], { start: H, end: 2 * H }, 0],
    ['a window inside a counted one adds nothing', [[0, 3 * H]], { start: H, end: 2 * H }, 0],
    ['an unaligned re-run adds nothing', [[H + 30_000, 2 * H + 30_000]], { start: H + 30_000, end: 2 * H + 30_000 }, 0],
    ['half overlap counts the uncounted half', [[0, H + 30 * 60_000]], { start: H, end: 2 * H }, 60],
  ] as [string, [number, number][], { start: number; end: number }, number][])(
    'countNew: %s',
    (_name, windows, window, expected) => {
      expect(countNew(windows, window, 120, perMinute)).toBe(expected);
    },
  );
});
