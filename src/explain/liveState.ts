/**
 * What the live panels show, kept running as exchanges arrive instead of
 * recomputed from every exchange ever seen: the counts since the scenario
 * loaded, the cache's entries and the limit_req buckets. The sandbox keeps
 * this and a short window of recent exchanges, so its memory stays flat
 * however many bursts a learner sends.
 */
import type { Exchange } from '../runtime/types';
import { addToTally, emptyTally, type Tally } from './addToTally';
import { collectCacheEntries, type CacheEntry } from './cacheEntries';
import { collectLimitBuckets, type LimitBucket } from './limitBuckets';

/** The last requests each limit_req bucket keeps for its timeline. */
const BUCKET_TIMELINE = 100;

export interface LiveState {
  /** Every request since the scenario loaded, counted as the map counts. */
  tally: Tally;
  cache: CacheEntry[];
  buckets: LimitBucket[];
  /** Access log lines written since the scenario loaded. */
  logLines: number;
}

export function emptyLive(): LiveState {
  return { tally: emptyTally(), cache: [], buckets: [], logLines: 0 };
}

/** `live` with `exchanges` added; `live` itself is left as it was. */
export function addToLive(live: LiveState, exchanges: readonly Exchange[]): LiveState {
  return {
    tally: addToTally(live.tally, exchanges),
    cache: collectCacheEntries(exchanges, live.cache),
    buckets: collectLimitBuckets(exchanges, BUCKET_TIMELINE, live.buckets),
    logLines: exchanges.reduce((lines, e) => lines + e.accessLog.length, live.logLines),
  };
}
