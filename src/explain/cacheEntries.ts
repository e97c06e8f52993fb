/**
 * The proxy cache as the trace has shown it: one entry per zone and key, with
 * the status last seen, when it was stored, its TTL and when it stops being
 * fresh. Seconds left are computed from a clock, so they count down.
 */
import type { TraceEvent } from '../engine';
import type { Exchange } from '../runtime/types';

type CacheEvent = Extract<TraceEvent, { type: 'cache' }>;

export interface CacheEntry {
  zone: string;
  key: string;
  /** `$upstream_cache_status` at the last event for this key (MISS, HIT, EXPIRED...). */
  status: string;
  /** Virtual ms of the last store; null when the answer was never stored. */
  storedAt: number | null;
  /** Seconds the entry was given; null when not stored. */
  ttl: number | null;
  /** Virtual ms from which the entry is no longer fresh; null when not stored. */
  staleAt: number | null;
  /** The reason the last event gave, in words. */
  reason: string;
}

/** The entries `exchanges` leave, starting from `from` (the entries known before them; not changed). */
export function collectCacheEntries(
  exchanges: readonly Exchange[],
  from: readonly CacheEntry[] = [],
): CacheEntry[] {
  const entries = new Map<string, CacheEntry>(
    from.map((entry) => [`${entry.zone}\n${entry.key}`, { ...entry }]),
  );
  for (const ex of exchanges) {
    for (const e of ex.trace) {
      if (e.type !== 'cache') continue;
      const id = `${e.zone}\n${e.key}`;
      if (e.step === 'evict') {
        entries.delete(id);
        continue;
      }
      const entry = entries.get(id) ?? blank(e);
      entry.status = e.status;
      entry.reason = e.reason;
      if (e.staleAt !== null) {
        entry.staleAt = e.staleAt;
        entry.ttl = e.ttl ?? entry.ttl;
        if (e.step === 'store' || e.step === 'revalidate') entry.storedAt = e.at;
      }
      // Re-inserting keeps the most recently touched entries last.
      entries.delete(id);
      entries.set(id, entry);
    }
  }
  return [...entries.values()];
}

function blank(e: CacheEvent): CacheEntry {
  return {
    zone: e.zone,
    key: e.key,
    status: e.status,
    storedAt: null,
    ttl: null,
    staleAt: null,
    reason: e.reason,
  };
}

/** Whole seconds until the entry goes stale (0 once it has); null when it was never stored. */
export function secondsLeft(entry: CacheEntry, now: number): number | null {
  if (entry.staleAt === null) return null;
  return Math.max(0, Math.ceil((entry.staleAt - now) / 1000));
}
