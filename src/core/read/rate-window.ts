/**
 * At most `limit` request starts in any `windowMs`: how long to wait before the next one.
 * Cloud Logging's entries.list quota is per project per minute, so requests spaced evenly cost
 * the same quota as a burst; only the count in the last minute matters. Pure: the caller owns
 * the clock and the sleep.
 */
export class RateWindow {
  private readonly starts: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds to wait before a request may start at `now` (0 when it may start at once). */
  delay(now: number): number {
    while (this.starts.length > 0 && this.starts[0]! <= now - this.windowMs) this.starts.shift();
    if (this.starts.length < this.limit) return 0;
    return this.starts[0]! + this.windowMs - now;
  }

  /** Records a request that starts at `now`. */
  record(now: number): void {
    this.starts.push(now);
  }
}
