/**
 * The node half of the frames bench: a Chrome trace of a page over CDP, and
 * what it says about the renderer's main thread — its busy time per frame and
 * its longest tasks.
 *
 * Main-thread work per frame: every top-level task (`toplevel` category,
 * ThreadControllerImpl::RunTask and its peers) on the page's CrRendererMain
 * thread, nested ones dropped, is cut at the main-thread frame boundaries
 * (BeginMainThreadFrame), and each frame interval sums the task time inside
 * it. Wall time, as DevTools shows tasks: it includes the time the thread
 * waits inside a task (the commit to the compositor thread, or being
 * descheduled on a busy machine), because the frame waits for it too. The
 * thread's CPU time (each task's `tdur`) is kept beside it for comparison.
 */
import type { CDPSession, Page } from 'playwright';
import { MARK } from './page';

/**
 * Only what the figures need: with `disabled-by-default-devtools.timeline`
 * (per-layer commit details and DOM stats) the tasks' wall time here grew by
 * ~60% while their CPU time stayed the same, so it is left out.
 */
const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline.frame'];

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  /** Microseconds. */
  ts: number;
  dur?: number;
  /** The thread's CPU clock at the event (B/E events), microseconds. */
  tts?: number;
  /** The thread's CPU time over the event (X events), microseconds. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { message?: string } };
}

/**
 * Starts tracing `page`; the function returned stops and hands back every event.
 * The events stay in the browser's buffer until then (ReturnAsStream): streaming
 * them out during the window would keep the browser and node busy on the same
 * few cores as the page being measured.
 */
export async function startTrace(page: Page): Promise<() => Promise<TraceEvent[]>> {
  const session: CDPSession = await page.context().newCDPSession(page);
  await session.send('Tracing.start', {
    // Room for a busy window many times over: a full buffer would drop the window's end.
    traceConfig: { includedCategories: CATEGORIES, traceBufferSizeInKb: 200_000 },
    transferMode: 'ReturnAsStream',
  });
  return async () => {
    const complete = new Promise<string>((resolve, reject) =>
      session.once('Tracing.tracingComplete', ({ stream, dataLossOccurred }) => {
        if (dataLossOccurred) reject(new Error('the trace lost events (its buffer filled)'));
        else if (!stream) reject(new Error('the trace came back without a stream'));
        else resolve(stream);
      }),
    );
    await session.send('Tracing.end');
    const stream = await complete;
    const chunks: string[] = [];
    for (;;) {
      const { data, eof, base64Encoded } = await session.send('IO.read', { handle: stream });
      chunks.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
      if (eof) break;
    }
    await session.send('IO.close', { handle: stream });
    await session.detach();
    const trace = JSON.parse(chunks.join('')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    return Array.isArray(trace) ? trace : trace.traceEvents;
  };
}

interface Task {
  start: number;
  end: number;
  cpu: number;
}

export interface MainThread {
  /** Main-thread frames in the trace (intervals between BeginMainThreadFrame). */
  frames: number;
  /** Wall time of tasks in each frame interval, ms. */
  workPerFrameMs: number[];
  /** The thread's CPU time in each frame interval (a task's share by its wall time), ms. */
  cpuPerFrameMs: number[];
  /** Every top-level task in the order they ran: its start (ms, the trace's clock) and wall time. */
  tasks: { start: number; ms: number }[];
  /** Inclusive wall time per frame of the timeline events worth naming (script, style...), ms. */
  breakdownMs: Record<string, number>;
}

/** Timeline events that say what the main thread was doing; nested ones overlap their parents. */
const NAMED = [
  'FireAnimationFrame',
  'FunctionCall',
  'TimerFire',
  'EventDispatch',
  'RunMicrotasks',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
];

const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;

/** The page's main thread: the CrRendererMain that began the most frames. */
function pageMainThread(events: readonly TraceEvent[]): string {
  const renderers = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map(key),
  );
  const frames = new Map<string, number>();
  for (const e of events) {
    if (e.name === 'BeginMainThreadFrame' && renderers.has(key(e)))
      frames.set(key(e), (frames.get(key(e)) ?? 0) + 1);
  }
  const best = [...frames].sort((a, b) => b[1] - a[1])[0];
  if (!best) throw new Error('the trace has no frames on a renderer main thread');
  return best[0];
}

/**
 * Top-level tasks, outermost only (a nested run loop's tasks are inside their
 * parent's time). Most come as complete events (X); some as B/E pairs.
 */
function topLevelTasks(events: readonly TraceEvent[], thread: string): Task[] {
  const tasks: Task[] = [];
  const open: TraceEvent[] = [];
  const ordered = events
    .filter((e) => key(e) === thread && e.cat.split(',').includes('toplevel'))
    .sort((a, b) => a.ts - b.ts);
  for (const e of ordered) {
    if (e.ph === 'X' && (e.dur ?? 0) > 0) {
      tasks.push({ start: e.ts, end: e.ts + e.dur!, cpu: e.tdur ?? 0 });
    } else if (e.ph === 'B') {
      open.push(e);
    } else if (e.ph === 'E') {
      const begin = open.pop();
      if (begin && e.ts > begin.ts) {
        tasks.push({ start: begin.ts, end: e.ts, cpu: (e.tts ?? 0) - (begin.tts ?? 0) });
      }
    }
  }
  tasks.sort((a, b) => a.start - b.start);
  const outer: Task[] = [];
  for (const t of tasks) {
    const last = outer.at(-1);
    if (last && t.start < last.end) continue;
    outer.push(t);
  }
  return outer;
}

export function mainThread(events: readonly TraceEvent[]): MainThread {
  const thread = pageMainThread(events);
  const tasks = topLevelTasks(events, thread);
  const frameStarts = events
    .filter((e) => key(e) === thread && e.name === 'BeginMainThreadFrame')
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const first = frameStarts[0]!;
  const last = frameStarts.at(-1)!;
  const frames = frameStarts.length - 1;

  // Each task's CPU time is shared out over the frames it spans, in proportion to its wall time.
  const perFrame = frameStarts.slice(1).map((end, i) => {
    const start = frameStarts[i]!;
    let wall = 0;
    let cpu = 0;
    for (const t of tasks) {
      if (t.start >= end) break;
      const inside = Math.max(0, Math.min(end, t.end) - Math.max(start, t.start));
      wall += inside;
      cpu += (t.cpu * inside) / (t.end - t.start);
    }
    return { wall: wall / 1000, cpu: cpu / 1000 };
  });

  const breakdownMs: Record<string, number> = {};
  for (const e of events) {
    if (key(e) !== thread || e.ph !== 'X' || !NAMED.includes(e.name)) continue;
    if (e.ts < first || e.ts >= last) continue;
    breakdownMs[e.name] = (breakdownMs[e.name] ?? 0) + (e.dur ?? 0) / 1000 / frames;
  }

  return {
    frames,
    workPerFrameMs: perFrame.map((f) => f.wall),
    cpuPerFrameMs: perFrame.map((f) => f.cpu),
    tasks: tasks.map((t) => ({ start: t.start / 1000, ms: (t.end - t.start) / 1000 })),
    breakdownMs,
  };
}

/** The trace's clock minus the page's (ms), from a stamp `mark` left (page.ts) while tracing. */
export function pageToTraceMs(events: readonly TraceEvent[]): number {
  const stamp = events.find(
    (e) => e.name === 'TimeStamp' && e.args?.data?.message?.startsWith(`${MARK} `),
  );
  if (!stamp) throw new Error('the trace has no stamp: mark() was not called while tracing');
  return stamp.ts / 1000 - Number(stamp.args!.data!.message!.slice(MARK.length + 1));
}
