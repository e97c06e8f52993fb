/**
 * `hash KEY consistent` (ngx_http_upstream_hash_module's ketama ring,
 * Cache::Memcached::Fast compatible): every server owns 160 points per unit
 * of weight on a ring of crc32 values; a request takes the first point at or
 * after crc32(KEY), moving on to the next point while that server cannot
 * take it, and after 20 such moves round robin decides. Adding or removing a
 * server only moves the keys next to its points.
 */
import { crc32, crc32Final, crc32Update, CRC32_INIT, utf8 } from '../../http/crc32';
import { MAX_PROBES, roundRobinFallback } from './fallback';
import {
  hashKey,
  markPicked,
  peerState,
  snapshot,
  STATE_WORDS,
  type PickContext,
  type PickResult,
  type Probe,
} from './pick';
import type { Peer, Upstream } from './upstream';

export interface RingPoint {
  hash: number;
  /** The server line's address as written: the points of peers that share it are theirs together. */
  server: string;
}

const POINTS_PER_WEIGHT = 160;

const serverText = (p: Peer) => p.written ?? p.address;

/** The ring of the primaries, sorted by hash, one point per hash value. */
export function buildRing(primary: readonly Peer[]): RingPoint[] {
  const points: RingPoint[] = [];
  const prev = new Uint8Array(4);
  for (const peer of primary) {
    const server = serverText(peer);
    // `HOST \0 PORT`, split at a last `:` that only digits follow.
    const m = /^(.*):(\d*)$/.exec(server);
    const host = m ? m[1]! : server;
    const port = m ? m[2]! : '';
    const base = crc32Update(crc32Update(crc32Update(CRC32_INIT, utf8(host)), [0]), utf8(port));
    prev.fill(0);
    for (let j = 0; j < POINTS_PER_WEIGHT * peer.weight; j++) {
      const hash = crc32Final(crc32Update(base, prev));
      points.push({ hash, server });
      prev[0] = hash & 0xff;
      prev[1] = (hash >>> 8) & 0xff;
      prev[2] = (hash >>> 16) & 0xff;
      prev[3] = hash >>> 24;
    }
  }
  points.sort((a, b) => a.hash - b.hash);
  return points.filter((p, i) => i === 0 || p.hash !== points[i - 1]!.hash);
}

/** Index of the first point whose hash is >= `hash` (may be the ring's length: it wraps). */
export function findPoint(ring: readonly RingPoint[], hash: number): number {
  let i = 0;
  let j = ring.length;
  while (i < j) {
    const k = (i + j) >>> 1;
    if (hash > ring[k]!.hash) i = k + 1;
    else if (hash < ring[k]!.hash) j = k;
    else return k;
  }
  return i;
}

export function pickConsistentHash(up: Upstream, ctx: PickContext, nowSec: number): PickResult {
  const key = hashKey(up, ctx);
  const keyHash = crc32(key);
  const ring = up.ring!;
  if (up.single || key === '' || ctx.probes > MAX_PROBES)
    return ringFallback(up, ctx, nowSec, key, keyHash, []);
  // The request starts at the key's point and keeps moving on from there.
  let index = ctx.hash ?? findPoint(ring, keyHash);
  const probes: Probe[] = [];
  for (;;) {
    ctx.hash = index;
    const slot = index % ring.length;
    const point = ring[slot]!;
    // Peers written with the same address share its points, by smooth weighted round robin.
    let best: Peer | null = null;
    let total = 0;
    let state: Probe['state'] = 'down';
    for (const p of up.primary) {
      if (serverText(p) !== point.server) continue;
      const s = peerState(p, ctx.tried, nowSec);
      if (s !== 'up') {
        if (best === null) state = s;
        continue;
      }
      p.currentWeight += p.effectiveWeight;
      total += p.effectiveWeight;
      if (p.effectiveWeight < p.weight) p.effectiveWeight++;
      if (best === null || p.currentWeight > best.currentWeight) best = p;
    }
    probes.push({
      value: point.hash,
      slot,
      address: best?.address ?? addressOf(point.server, up),
      state: best ? 'up' : state,
    });
    if (best) {
      best.currentWeight -= total;
      markPicked(best, nowSec);
      const skipped =
        probes.length > 1
          ? `; the points before it belong to ${probes
              .slice(0, -1)
              .map((p) => `${p.address} (${STATE_WORDS[p.state]})`)
              .join(', ')}`
          : '';
      return {
        peer: best,
        method: 'hash consistent',
        candidates: snapshot(up, ctx, nowSec),
        single: false,
        reason: `hash consistent: key "${key}" has crc32 ${keyHash}; the first ring point at or after it is ${point.hash} (point ${slot + 1} of ${ring.length}), owned by ${best.address}${skipped}`,
        key,
        keyHash,
        probes,
      };
    }
    index++;
    ctx.hash = index;
    if (++ctx.probes > MAX_PROBES) return ringFallback(up, ctx, nowSec, key, keyHash, probes);
  }
}

/** The dialled address of the peer whose server text owns a point. */
function addressOf(server: string, up: Upstream): string {
  return up.primary.find((p) => serverText(p) === server)?.address ?? server;
}

function ringFallback(
  up: Upstream,
  ctx: PickContext,
  nowSec: number,
  key: string,
  keyHash: number,
  probes: Probe[],
): PickResult {
  const why = key === '' ? 'the key is empty' : `no available server in ${MAX_PROBES} ring points`;
  return roundRobinFallback(up, ctx, nowSec, 'hash consistent', `hash consistent: ${why}`, {
    key,
    keyHash,
    probes,
  });
}
