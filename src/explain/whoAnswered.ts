/**
 * Who answered a set of requests (a burst, or every request so far): each
 * backend's count, the answers nginx gave itself (cached copies, rejections,
 * returns, files), the statuses. The burst panel and the Distribution tab
 * both show this, counted as the map counts (addToTally).
 */
import type { Exchange } from '../runtime/types';
import { addToTally, emptyTally, type NginxSource, type Tally } from './addToTally';

export interface WhoAnswered {
  total: number;
  /** Requests each backend answered, by the name it gave itself, in order of first answer. */
  byBackend: { name: string; count: number }[];
  /** Requests nginx answered itself, by status and where the answer came from. */
  byNginx: { status: number; source: NginxSource; count: number }[];
  /** The statuses the client got, lowest first. */
  byStatus: { status: number; count: number }[];
  /** No HTTP response at all (connection refused...). */
  noResponse: number;
}

/** Where nginx's own answer came from, in words: `200 from the cache × 10`. */
export const SOURCE_WORDS: Record<NginxSource, string> = {
  cache: 'from the cache',
  error: 'error page',
  return: 'return',
  redirect: 'redirect',
  static: 'static file',
  upstream: 'from a backend',
};

export function whoAnswered(
  exchanges: readonly Pick<Exchange, 'trace' | 'connectionError' | 'upstreamResponse'>[],
): WhoAnswered {
  return answersOf(addToTally(emptyTally(), exchanges));
}

/** The same, from a tally kept running (the sandbox's counts since its scenario loaded). */
export function answersOf(tally: Tally): WhoAnswered {
  return {
    total: tally.arrived,
    byBackend: Object.entries(tally.answeredBy).map(([address, count]) => ({
      name: tally.names[address] ?? address,
      count,
    })),
    byNginx: Object.values(tally.byNginx).sort(
      (a, b) => a.status - b.status || (a.source < b.source ? -1 : 1),
    ),
    byStatus: Object.entries(tally.byStatus)
      .filter(([status]) => status !== 'none')
      .map(([status, count]) => ({ status: Number(status), count }))
      .sort((a, b) => a.status - b.status),
    noResponse: tally.byStatus.none ?? 0,
  };
}
