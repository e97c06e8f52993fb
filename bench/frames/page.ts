/**
 * The in-page half of the frames bench, shared by its pages: a rAF loop that
 * keeps every frame's timestamp (the frame intervals come from these), long
 * tasks as the browser reports them, and the `window.frameBench` API that
 * frames.bench.ts drives.
 */

/** What every frames page exposes once it is ready. */
export interface FrameBenchPage {
  /** Sets the animation going (for the sandbox page: nothing, the bench clicks). */
  start(): Promise<void>;
  /** Packets drawn now. */
  packets(): number;
  /**
   * `performance.now()` in the page, to mark the start of a window; also
   * stamped into a trace being recorded (console.timeStamp), which lines the
   * trace's clock up with the page's.
   */
  mark(): number;
  /** Every rAF timestamp since `since`, and the packets counted every few frames meanwhile. */
  framesSince(since: number): { stamps: number[]; packets: number[] };
  /** Long tasks (PerformanceObserver 'longtask') that started at or after `since`. */
  longTasksSince(since: number): { start: number; duration: number }[];
  /** Where the proxy runs, on pages that run one. */
  runtime?: 'page' | 'worker';
}

declare global {
  interface Window {
    frameBench?: FrameBenchPage;
    frameBenchError?: string;
  }
}

/** How the stamps `mark` leaves in a trace begin; the page time follows. */
export const MARK = 'frameBench';

/** Counting packets costs a query; every 15th frame (4 a second) is enough to see the level. */
const COUNT_EVERY = 15;

/**
 * Starts the recorder and publishes `window.frameBench`. `packets` counts what
 * the page draws; `start` sets its animation going. The rAF loop runs from
 * here on, so it costs the same in every window the bench measures.
 */
export function publish(
  packets: () => number,
  start: () => Promise<void> = async () => {},
): FrameBenchPage {
  const stamps: number[] = [];
  const counts: { at: number; n: number }[] = [];
  const frame = (t: number) => {
    stamps.push(t);
    if (stamps.length % COUNT_EVERY === 0) counts.push({ at: t, n: packets() });
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  const longTasks: { start: number; duration: number }[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });

  const api: FrameBenchPage = {
    start,
    packets,
    mark: () => {
      const at = performance.now();
      console.timeStamp(`${MARK} ${at}`);
      return at;
    },
    framesSince: (since) => ({
      stamps: stamps.filter((t) => t >= since),
      packets: counts.filter((c) => c.at >= since).map((c) => c.n),
    }),
    longTasksSince: (since) => longTasks.filter((t) => t.start >= since),
  };
  window.frameBench = api;
  return api;
}

/** Runs a page's set-up, publishing the API when it worked and the error when it did not. */
export async function setUp(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    window.frameBenchError =
      error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
}
