/** How a request ended, from the trace's last word on it: the one reading every panel shows. */
import type { Exchange } from '../runtime/types';
import { lastEvent } from './lastEvent';

export type OutcomeKind =
  | 'served'
  | 'served-from-cache'
  | 'served-static'
  | 'redirected'
  | 'rejected'
  | 'upstream-failed'
  | 'timed-out'
  | 'no-response';

export interface Outcome {
  kind: OutcomeKind;
  /** The status the client got; null when no HTTP response came back. */
  status: number | null;
  reason: string;
}

export function outcomeOf(exchange: Pick<Exchange, 'trace' | 'connectionError'>): Outcome {
  const { trace } = exchange;
  const respond = lastEvent(trace, 'respond');
  if (!respond) {
    const reason =
      exchange.connectionError ?? lastEvent(trace, 'reject')?.reason ?? 'no response came back';
    return { kind: 'no-response', status: null, reason };
  }
  const outcome = (kind: OutcomeKind): Outcome => ({
    kind,
    status: respond.status,
    reason: respond.reason,
  });
  // A cached copy answers even when every backend failed first (proxy_cache_use_stale): the cache served it.
  if (respond.source === 'cache') return outcome('served-from-cache');

  const reject = lastEvent(trace, 'reject');
  if (reject && reject.status !== null) return { ...outcome('rejected'), reason: reject.reason };

  const lastBackend = lastEvent(trace, 'backend');
  const noServer = trace.some((e) => e.type === 'balance' && e.chosen === null);
  if (lastBackend && lastBackend.outcome !== 'response')
    return outcome(lastBackend.outcome === 'timeout' ? 'timed-out' : 'upstream-failed');
  if (noServer && respond.source === 'error') return outcome('upstream-failed');

  switch (respond.source) {
    case 'static':
      return outcome('served-static');
    case 'redirect':
      return outcome('redirected');
    case 'upstream':
    case 'return':
      return outcome('served');
    case 'error':
      if (respond.status === 504) return outcome('timed-out');
      if (respond.status === 502) return outcome('upstream-failed');
      return outcome(trace.some((e) => e.type === 'static') ? 'served-static' : 'rejected');
    default: {
      const never: never = respond.source;
      throw new Error(`unknown response source ${String(never)}`);
    }
  }
}
