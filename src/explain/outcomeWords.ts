/** How a journey ended, in the plain words the callout shows when the packet is back. */
import type { BackendMap } from '../scenario';
import { cacheStatusOf } from './cacheStatusOf';
import type { Hop, Journey } from './hopsOf';
import type { OutcomeKind } from './outcomeOf';

/** `served by app-b`, `rejected: 503 rate limit`, `502: every backend refused`... */
export function outcomeWords(journey: Journey, backends: BackendMap): string {
  const { outcome, hops } = journey;
  const status = outcome.status;
  switch (outcome.kind) {
    case 'served':
      if (journey.answeredBy)
        return `served by ${backendName(journey.answeredBy.address, backends)}`;
      return `answered by the proxy itself: ${status}`;
    case 'served-from-cache':
      return cacheWords(journey);
    case 'served-static':
      return `served from the proxy's disk: ${status}`;
    case 'redirected':
      return `redirected: ${status}`;
    case 'rejected':
      return `rejected: ${status} ${rejectionCause(hops, status)}`;
    case 'upstream-failed': {
      const tries = backendTries(hops);
      if (tries.length === 0) return `${status}: no server could take the request`;
      if (tries.every((e) => e.outcome === 'refused')) return `${status}: every backend refused`;
      return `${status}: no backend gave an answer`;
    }
    case 'timed-out':
      return `${status ?? 504}: the backend did not answer in time`;
    case 'no-response':
      return `no response: ${outcome.reason}`;
    default: {
      const never: never = outcome.kind;
      throw new Error(`no words for outcome ${String(never)}`);
    }
  }
}

/** An outcome as a count reads it: `10 from the cache, 3 rejected by the proxy`. */
export const OUTCOME_COUNT_WORDS: Record<OutcomeKind, string> = {
  served: 'served',
  'served-from-cache': 'from the cache',
  'served-static': 'from disk',
  redirected: 'redirected',
  rejected: 'rejected by the proxy',
  'upstream-failed': 'failed at the backends',
  'timed-out': 'timed out',
  'no-response': 'no response',
};

/** The scenario's name for a backend, with its address: `app-b (127.0.0.1:3002)`. */
export function backendName(address: string, backends: BackendMap): string {
  const name = backends[address]?.name;
  return name ? `${name} (${address})` : address;
}

function cacheWords(journey: Journey): string {
  const status = cacheStatusOf({ trace: journey.hops.flatMap((h) => h.events) });
  if (status === 'STALE') return 'served from the cache: a stale copy, the backend gave no answer';
  if (status === 'REVALIDATED')
    return 'served from the cache: the backend said the copy was still good';
  return 'served from the cache: the backend was not asked';
}

function backendTries(hops: Hop[]) {
  return hops.flatMap((h) => h.events).flatMap((e) => (e.type === 'backend' ? [e] : []));
}

function rejectionCause(hops: Hop[], status: number | null): string {
  const limit = hops
    .flatMap((h) => h.events)
    .find((e) => e.type === 'limit' && e.decision === 'rejected');
  if (limit?.type === 'limit')
    return limit.directive === 'limit_req' ? 'rate limit' : 'connection limit';
  if (status === 403) return 'access denied';
  if (status === 413) return 'request body too large';
  return 'by the proxy';
}
