/**
 * `hash KEY` (ngx_http_upstream_hash_module, Cache::Memcached compatible):
 * the key's crc32 picks a weighted slot; when that server cannot take the
 * request the key is hashed again with a counter in front (`1KEY`, `2KEY`...)
 * and added on; after 20 such tries round robin decides.
 */
import { crc32 } from '../../http/crc32';
import type { ConfigNode } from '../config/node';
import { fail } from '../modules/slots';
import { MAX_PROBES, roundRobinFallback } from './fallback';
import { buildRing, pickConsistentHash } from './consistent-hash';
import type { Balancer, BalancingMethod } from './method';
import {
  hashKey,
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

declare module './method' {
  interface BalancerOptions {
    /** `hash KEY [consistent]`: the key is the directive's first argument, compiled with the config. */
    hash: { keyNode: ConfigNode; consistent: boolean };
  }
}

function parseHash(node: ConfigNode): boolean {
  const mode = node.args[1];
  if (mode !== undefined && mode !== 'consistent') fail(node, `invalid parameter "${mode}"`);
  return mode === 'consistent';
}

const consistent = (b: Balancer) => b.method === 'hash' && b.consistent;

export const hash: BalancingMethod = {
  method: 'hash',
  directive: {
    name: 'hash',
    contexts: ['upstream'],
    args: [1, 2],
    values: [0],
    parse: parseHash,
    summary: 'Pick the server by a hash of a key (`consistent`: on a ketama ring).',
  },
  allowsBackup: false,
  declare: (node) => ({ method: 'hash', keyNode: node, consistent: node.value as boolean }),
  pickerFor: (b) => (consistent(b) ? pickConsistentHash : pickHash),
  prepare: (up) => {
    if (consistent(up.balancer)) up.ring = buildRing(up.primary);
  },
};
