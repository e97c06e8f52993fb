/**
 * Time, injected: the engine never reads the wall clock or sets timers of its
 * own, so the same config and requests give the same trace.
 */
export interface Clock {
  /** Milliseconds since the sandbox started. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real time, for the sandbox a learner uses. */
export function createSystemClock(): Clock {
  const origin = performance.now();
  return {
    now: () => Math.floor(performance.now() - origin),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason as Error);
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(signal.reason as Error);
          },
          { once: true },
        );
      }),
  };
}

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * Virtual time that jumps ahead: when every pending promise has settled (a
 * macrotask boundary), the earliest sleeper wakes and the clock moves to its
 * time. A slow backend and a read timeout therefore race exactly as their
 * deadlines say, in no real time at all.
 */
export class VirtualClock implements Clock {
  private time = 0;
  private seq = 0;
  private timers: Timer[] = [];
  private scheduled = false;

  now(): number {
    return this.time;
  }

  /** Moves time forward (never back), e.g. to the next scheduled request. */
  advanceTo(ms: number): void {
    if (ms > this.time) this.time = ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = { at: this.time + Math.max(0, ms), seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          reject(signal.reason as Error);
        },
        { once: true },
      );
      timer.resolve = () => resolve();
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => this.fire(), 0);
  }

  private fire(): void {
    this.scheduled = false;
    if (this.timers.length === 0) return;
    let next = this.timers[0]!;
    for (const t of this.timers)
      if (t.at < next.at || (t.at === next.at && t.seq < next.seq)) next = t;
    this.timers = this.timers.filter((t) => t !== next);
    this.advanceTo(next.at);
    next.resolve();
    if (this.timers.length > 0) this.schedule();
  }
}
