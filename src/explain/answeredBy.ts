/**
 * Which backend really answered this request. A cached copy (HIT, STALE,
 * REVALIDATED) replays the original's headers, `x-backend` included, but it
 * was the cache that answered: only the trace says who did.
 */
import { headerValue } from '../http/message';
import type { Exchange } from '../runtime/types';
import { lastEvent } from './lastEvent';

export interface AnsweredBy {
  address: string;
  /** The name the backend gave itself (`x-backend` on its own answer), else its address. */
  name: string;
}

/** The backend whose answer the client got, or null when nginx answered itself (cache, error, return, file). */
export function answeredBy(
  exchange: Pick<Exchange, 'trace' | 'upstreamResponse'>,
): AnsweredBy | null {
  const respond = lastEvent(exchange.trace, 'respond');
  if (respond?.source !== 'upstream') return null;
  const backend = lastEvent(exchange.trace, 'backend', (e) => e.outcome === 'response');
  if (!backend) return null;
  const sent = exchange.upstreamResponse;
  const name =
    sent?.address === backend.address ? headerValue(sent.headers, 'x-backend') : undefined;
  return { address: backend.address, name: name ?? backend.address };
}
