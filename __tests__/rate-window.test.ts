import { RateWindow } from '../src/core/read/rate-window.js';

describe('RateWindow: at most N starts in any window', () => {
  it('lets the first N start at once, then waits until the oldest leaves the window', () => {
    const rate = new RateWindow(3, 60_000);
    const delays: number[] = [];
    for (const now of [0, 100, 200, 300]) {
      delays.push(rate.delay(now));
      if (delays.at(-1) === 0) rate.record(now);
    }
    expect(delays).toEqual([0, 0, 0, 59_700]);
    expect(rate.delay(60_000)).toBe(0);
  });

  it.each([
    ['50 requests in a burst never wait', 50, 0],
    ['the 51st waits for the first to be a minute old', 51, 60_000],
  ])('%s', (_name, count, lastDelay) => {
    const rate = new RateWindow(50, 60_000);
    let delay = 0;
    for (let i = 0; i < count; i++) {
      delay = rate.delay(0);
      if (delay === 0) rate.record(0);
    }
    expect(delay).toBe(lastDelay);
  });

  it('never allows more than N in any window of a long paced run', () => {
    const rate = new RateWindow(50, 60_000);
    const starts: number[] = [];
    let now = 0;
    for (let i = 0; i < 200; i++) {
      now += rate.delay(now);
      rate.record(now);
      starts.push(now);
      now += 300; // each request takes 0.3 s
    }
    for (const start of starts) {
      expect(starts.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(50);
    }
  });
});
