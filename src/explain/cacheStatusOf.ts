/** `$upstream_cache_status` for a request (MISS, HIT, STALE...), or null when no cache was used. */
import type { Exchange } from '../runtime/types';
import { lastEvent } from './lastEvent';

export function cacheStatusOf(exchange: Pick<Exchange, 'trace'>): string | null {
  // The last word on the status; evictions are about other keys.
  const cache = lastEvent(exchange.trace, 'cache', (e) => e.step !== 'evict');
  return cache?.status || null;
}
