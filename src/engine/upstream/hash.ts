/**
 * `hash KEY` (ngx_http_upstream_hash_module, Cache::Memcached compatible):
 * the key's crc32 picks a weighted slot; when that server cannot take the
 * request the key is hashed again with a counter in front (`1KEY`, `2KEY`...)
 * and added on; after 20 such tries round robin decides.
 */
import { crc32 } from './crc32';
import { MAX_PROBES, roundRobinFallback } from './fallback';
import {
  markPicked,
  peerState,
  slotOwner,
  snapshot,
  STATE_WORDS,
  type PickContext,
  type PickResult,
  type Probe,
} from './pick';
import type { Upstream } from './upstream';

/** The hash key of this request, evaluated once (nginx evaluates it when the upstream starts). */
export function hashKey(up: Upstream, ctx: PickContext): string {
  if (ctx.key === null) {
    const balancer = up.balancer;
    ctx.key =
      balancer.method === 'hash' ? (balancer.keyNode.compiled?.get(0)?.evaluate(ctx.r) ?? '') : '';
  }
  return ctx.key;
}

/** The value a try adds: bits 16..30 of crc32 of the key, with the rehash count in front after the first. */
export function hashPart(key: string, rehash: number): number {
  return (crc32(rehash > 0 ? `${rehash}${key}` : key) >>> 16) & 0x7fff;
}

export function pickHash(up: Upstream, ctx: PickContext, nowSec: number): PickResult {
  const key = hashKey(up, ctx);
  if (up.single || key === '' || ctx.probes > MAX_PROBES)
    return hashFallback(up, ctx, nowSec, key, []);
  const probes: Probe[] = [];
  for (;;) {
    // The accumulated value wraps as nginx's uint32_t does.
    const value = ((ctx.hash ?? 0) + hashPart(key, ctx.rehash)) >>> 0;
    ctx.hash = value;
    ctx.rehash++;
    const slot = value % up.totalWeight;
    const peer = up.primary[slotOwner(up.primary, slot)]!;
    const state = peerState(peer, ctx.tried, nowSec);
    probes.push({ value, slot, address: peer.address, state });
    if (state === 'up') {
      markPicked(peer, nowSec);
      const skipped =
        probes.length > 1
          ? ` (after ${probes
              .slice(0, -1)
              .map((p) => `${p.address}, ${STATE_WORDS[p.state]}`)
              .join('; ')}: re-hashed ${probes.length - 1} time${probes.length > 2 ? 's' : ''})`
          : '';
      return {
        peer,
        method: 'hash',
        candidates: snapshot(up, ctx, nowSec),
        single: false,
        reason: `hash: key "${key}" gives ${value}; ${value} % total weight ${up.totalWeight} = slot ${slot}, which is ${peer.address}${skipped}`,
        key,
        probes,
      };
    }
    if (++ctx.probes > MAX_PROBES) return hashFallback(up, ctx, nowSec, key, probes);
  }
}

function hashFallback(
  up: Upstream,
  ctx: PickContext,
  nowSec: number,
  key: string,
  probes: Probe[],
): PickResult {
  const why = key === '' ? 'the key is empty' : `no available server in ${MAX_PROBES} tries`;
  return roundRobinFallback(up, ctx, nowSec, 'hash', `hash: ${why}`, { key, probes });
}
