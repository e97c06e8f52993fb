/**
 * Counts over many exchanges (a burst, or every request so far), each read
 * with outcomeOf and answeredBy: the map, the burst summary and the live
 * Distribution tab all count with this, so they cannot disagree.
 */
import type { Exchange } from '../runtime/types';
import { answeredBy } from './answeredBy';
import { lastEvent, type EventOf } from './lastEvent';
import { outcomeOf, type OutcomeKind } from './outcomeOf';

/** Where an answer nginx gave itself came from: the respond event's source. */
export type NginxSource = EventOf<'respond'>['source'];

export interface Tally {
  arrived: number;
  byOutcome: Partial<Record<OutcomeKind, number>>;
  /** The status the client got (`none` when no HTTP response came back). */
  byStatus: Record<string, number>;
  /** Requests each backend (by address) answered, in order of first answer. */
  answeredBy: Record<string, number>;
  /** The name each backend that answered gave itself (its `x-backend`), by address. */
  names: Record<string, string>;
  /** Tries a backend (by address) refused or let time out. */
  failedAt: Record<string, number>;
  /** Answers nginx gave itself, keyed `status source` (`200 cache`, `503 error`). */
  byNginx: Record<string, { status: number; source: NginxSource; count: number }>;
}

export function emptyTally(): Tally {
  return {
    arrived: 0,
    byOutcome: {},
    byStatus: {},
    answeredBy: {},
    names: {},
    failedAt: {},
    byNginx: {},
  };
}

/** Adds `exchanges` to a copy of `tally`, reading only their traces and responses. */
export function addToTally(
  tally: Tally,
  exchanges: readonly Pick<Exchange, 'trace' | 'connectionError' | 'upstreamResponse'>[],
): Tally {
  const next: Tally = {
    arrived: tally.arrived,
    byOutcome: { ...tally.byOutcome },
    byStatus: { ...tally.byStatus },
    answeredBy: { ...tally.answeredBy },
    names: { ...tally.names },
    failedAt: { ...tally.failedAt },
    byNginx: { ...tally.byNginx },
  };
  for (const exchange of exchanges) {
    next.arrived++;
    const outcome = outcomeOf(exchange);
    next.byOutcome[outcome.kind] = (next.byOutcome[outcome.kind] ?? 0) + 1;
    const status = outcome.status === null ? 'none' : String(outcome.status);
    next.byStatus[status] = (next.byStatus[status] ?? 0) + 1;
    for (const e of exchange.trace)
      if (e.type === 'backend' && e.outcome !== 'response')
        next.failedAt[e.address] = (next.failedAt[e.address] ?? 0) + 1;
    const backend = answeredBy(exchange);
    if (backend) {
      next.answeredBy[backend.address] = (next.answeredBy[backend.address] ?? 0) + 1;
      next.names[backend.address] ??= backend.name;
      continue;
    }
    const respond = lastEvent(exchange.trace, 'respond');
    if (outcome.status === null || !respond) continue;
    const { source } = respond;
    const key = `${outcome.status} ${source}`;
    const row = next.byNginx[key];
    next.byNginx[key] = { status: outcome.status, source, count: (row?.count ?? 0) + 1 };
  }
  return next;
}
