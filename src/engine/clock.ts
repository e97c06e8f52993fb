/**
 * Time, injected: the engine never reads the wall clock or sets timers of its
 * own, so the same config and requests give the same trace.
 */

/**
 * A cheap "stop waiting" flag passed along with an upstream request. It is
 * not a DOM AbortSignal on purpose: one is made per proxied request, and
 * AbortController costs more than the rest of the routing work together.
 */
export class Cancellation {
  private listeners: (() => void)[] | null = null;
  cancelled = false;

  onCancel(listener: () => void): void {
    if (this.cancelled) listener();
    else (this.listeners ??= []).push(listener);
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    const listeners = this.listeners;
    this.listeners = null;
    if (listeners) for (const l of listeners) l();
  }
}

/** Thrown into a sleeper whose wait was cancelled. */
export const CANCELLED = Object.freeze(new Error('cancelled'));

export interface Clock {
  /** Milliseconds since the sandbox started. */
  now(): number;
  /** The wall-clock moment (ms since 1970) that `now() === 0` stands for: logs and Date headers print dates. */
  readonly epochMs: number;
  /** Calls `fire` after `ms`; the returned function cancels it. */
  timer(ms: number, fire: () => void): () => void;
  /** Resolves after `ms`; rejects with CANCELLED when cancelled first. */
  sleep(ms: number, cancellation?: Cancellation): Promise<void>;
}

/** `sleep` built on `timer`, shared by both clocks. */
function sleepWith(
  clock: Pick<Clock, 'timer'>,
  ms: number,
  cancellation?: Cancellation,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (cancellation?.cancelled) return reject(CANCELLED);
    const stop = clock.timer(ms, resolve);
    cancellation?.onCancel(() => {
      stop();
      reject(CANCELLED);
    });
  });
}

/** Real time, for the sandbox a learner uses. */
export function createSystemClock(): Clock {
  const origin = performance.now();
  const clock: Clock = {
    epochMs: Date.now(),
    now: () => Math.floor(performance.now() - origin),
    timer: (ms, fire) => {
      const handle = setTimeout(fire, ms);
      return () => clearTimeout(handle);
    },
    sleep: (ms, cancellation) => sleepWith(clock, ms, cancellation),
  };
  return clock;
}

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

/**
 * Virtual time that jumps ahead: when every pending promise has settled (a
 * macrotask boundary), the earliest timer fires and the clock moves to its
 * time. A slow backend and a read timeout therefore race exactly as their
 * deadlines say, in no real time at all.
 */
export class VirtualClock implements Clock {
  /** Virtual time 0 is 2026-01-01 00:00:00 UTC, so recorded logs and dates are reproducible. */
  readonly epochMs = Date.UTC(2026, 0, 1, 0, 0, 0);
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

  timer(ms: number, fire: () => void): () => void {
    const timer: Timer = { at: this.time + Math.max(0, ms), seq: this.seq++, fire };
    this.timers.push(timer);
    this.schedule();
    return () => {
      const i = this.timers.indexOf(timer);
      if (i !== -1) this.timers.splice(i, 1);
    };
  }

  sleep(ms: number, cancellation?: Cancellation): Promise<void> {
    return sleepWith(this, ms, cancellation);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => this.fireNext(), 0);
  }

  private fireNext(): void {
    this.scheduled = false;
    if (this.timers.length === 0) return;
    let next = this.timers[0]!;
    for (const t of this.timers)
      if (t.at < next.at || (t.at === next.at && t.seq < next.seq)) next = t;
    this.timers.splice(this.timers.indexOf(next), 1);
    this.advanceTo(next.at);
    next.fire();
    if (this.timers.length > 0) this.schedule();
  }
}
