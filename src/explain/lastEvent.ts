/** The trace's last event of one type: its last word on that stage. */
import type { TraceEvent } from '../engine';

export type EventOf<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

export function lastEvent<T extends TraceEvent['type']>(
  trace: readonly TraceEvent[],
  type: T,
  where: (event: EventOf<T>) => boolean = () => true,
): EventOf<T> | undefined {
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i]!;
    if (e.type === type && where(e as EventOf<T>)) return e as EventOf<T>;
  }
  return undefined;
}
