/**
 * `ip_hash` (ngx_http_upstream_ip_hash_module): the first three octets of
 * the client's IPv4 address pick a weighted slot, so a /24 sticks to one
 * server. A server that cannot take the request sends the hash round again
 * (from where it stopped); after 20 such tries round robin decides. A
 * `down` server keeps its slot, so the other clients keep their servers.
 */
import { MAX_PROBES, roundRobinFallback } from './fallback';
import type { BalancingMethod } from './method';
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

const START = 89;

/** The bytes nginx hashes: three octets of an IPv4 address (zeros for anything else). */
export function clientOctets(address: string): number[] {
  const m = /^(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(address);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
}

/** One more round of the hash over the octets. */
export function ipHashStep(hash: number, octets: readonly number[]): number {
  let h = hash;
  for (const o of octets) h = (h * 113 + o) % 6271;
  return h;
}

export function pickIpHash(up: Upstream, ctx: PickContext, nowSec: number): PickResult {
  if (up.single || ctx.probes > MAX_PROBES) return ipHashFallback(up, ctx, nowSec, null, []);
  const octets = clientOctets(ctx.r.incoming.clientAddress);
  // The hash goes on from where the last pick of this request left it.
  let hash = ctx.hash ?? START;
  const probes: Probe[] = [];
  for (;;) {
    hash = ipHashStep(hash, octets);
    const slot = hash % up.totalWeight;
    const peer = up.primary[slotOwner(up.primary, slot)]!;
    const state = peerState(peer, ctx.tried, nowSec);
    probes.push({ value: hash, slot, address: peer.address, state });
    if (state === 'up') {
      ctx.hash = hash;
      markPicked(peer, nowSec);
      const skipped = probes.length > 1 ? ` after ${describeSkips(probes)}` : '';
      return {
        peer,
        method: 'ip_hash',
        candidates: snapshot(up, ctx, nowSec),
        single: false,
        reason: `ip_hash: client ${octets.join('.')} (the first three octets) hashes to ${hash}; ${hash} % total weight ${up.totalWeight} = slot ${slot}, which is ${peer.address}${skipped}`,
        octets,
        probes,
      };
    }
    if (++ctx.probes > MAX_PROBES) return ipHashFallback(up, ctx, nowSec, octets, probes);
  }
}

function describeSkips(probes: readonly Probe[]): string {
  return probes
    .slice(0, -1)
    .map((p) => `${p.address} (${STATE_WORDS[p.state]})`)
    .join(', ');
}

function ipHashFallback(
  up: Upstream,
  ctx: PickContext,
  nowSec: number,
  octets: number[] | null,
  probes: Probe[],
): PickResult {
  const why = `ip_hash found no available server in ${MAX_PROBES} tries`;
  return roundRobinFallback(
    up,
    ctx,
    nowSec,
    'ip_hash',
    why,
    octets ? { octets, probes } : { probes },
  );
}

declare module './method' {
  interface BalancerOptions {
    ip_hash: Record<never, never>;
  }
}

export const ipHash: BalancingMethod = {
  method: 'ip_hash',
  directive: {
    name: 'ip_hash',
    contexts: ['upstream'],
    args: [0],
    summary: 'Keep each client (by the first three octets of its IPv4 address) on one server.',
  },
  allowsBackup: false,
  declare: () => ({ method: 'ip_hash' }),
  pickerFor: () => pickIpHash,
};
