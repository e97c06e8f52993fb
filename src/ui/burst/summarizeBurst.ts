/**
 * What a burst of requests came to: how many each backend answered, the
 * statuses, and how many never got an HTTP response. Read from the
 * exchanges themselves (the trace and the response), never re-derived.
 */
import { headerValue } from '../../http/message';
import type { Exchange } from '../../runtime/types';

export interface BurstSummary {
  total: number;
  /** Requests answered by each backend (by the `x-backend` name it put on its answer), in order of first appearance. */
  byBackend: [name: string, count: number][];
  /** Requests nginx answered itself (rejected, cached, returned), by status. */
  byStatus: [status: number, count: number][];
  /** No HTTP response at all (connection refused...). */
  failedConnections: number;
  /** Wall-clock milliseconds from the first send to the last answer. */
  elapsedMs: number;
}

export function summarizeBurst(exchanges: readonly Exchange[], elapsedMs: number): BurstSummary {
  const backends = new Map<string, number>();
  const statuses = new Map<number, number>();
  let failedConnections = 0;
  for (const ex of exchanges) {
    if (!ex.response) {
      failedConnections++;
      continue;
    }
    statuses.set(ex.response.status, (statuses.get(ex.response.status) ?? 0) + 1);
    const backend = headerValue(ex.response.headers, 'x-backend');
    if (backend !== undefined) backends.set(backend, (backends.get(backend) ?? 0) + 1);
  }
  return {
    total: exchanges.length,
    byBackend: [...backends],
    byStatus: [...statuses].sort((a, b) => a[0] - b[0]),
    failedConnections,
    elapsedMs,
  };
}

/** Runs a burst and measures it, from the first send to the last answer. */
export async function timed<T>(
  burst: () => Promise<T[]>,
): Promise<{ results: T[]; elapsedMs: number }> {
  const start = performance.now();
  const results = await burst();
  return { results, elapsedMs: performance.now() - start };
}
