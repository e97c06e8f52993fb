/**
 * What every balancing method shares: the state one request keeps across its
 * tries (nginx's per-request peer data), whether a peer may be picked, and
 * the shape of a pick with the facts the trace shows.
 */
import type { Req } from '../request';
import type { BalanceProbe } from '../trace';
import type { Peer, Upstream } from './upstream';

/** Why a peer can or cannot take the request right now. */
export type PeerState = 'up' | 'down' | 'failed' | 'busy' | 'tried' | 'backup';

/** One request's balancing state, kept across its tries. */
export interface PickContext {
  readonly r: Req;
  /** Peers this request already tried (nginx's `tried` bitmap). */
  readonly tried: Set<Peer>;
  /** The primaries gave nothing: picks now come from the backups (nginx's rrp->peers = peers->next). */
  inBackup: boolean;
  /** Hash, ip_hash and random positions looked at so far; past 20 the method falls back to round robin. */
  probes: number;
  /** ip_hash's running hash, hash's accumulated value, or the ring point reached; null before the first pick. */
  hash: number | null;
  /** hash: how many times the key was re-hashed. */
  rehash: number;
  /** The hash key, evaluated once per request. */
  key: string | null;
}

export function newPickContext(r: Req): PickContext {
  return { r, tried: new Set(), inBackup: false, probes: 0, hash: null, rehash: 0, key: null };
}

export interface CandidateSnapshot {
  peer: Peer;
  state: PeerState;
  /** The weight the smooth pick compared (current + effective weight); null when not compared. */
  compared: number | null;
  effectiveWeight: number;
  /** Requests in flight to the peer when the pick was made. */
  conns: number;
}

/** A position a hash, ip_hash or random pick looked at, in order. */
export type Probe = BalanceProbe;

export interface PickResult {
  peer: Peer | null;
  /** How the pick was made, for the trace (`round robin`, `ip_hash`, `hash → round robin`...). */
  method: string;
  /** Every server's state at the moment of the pick. */
  candidates: CandidateSnapshot[];
  /** Whether the group has a single server (always chosen, never marked failed). */
  single: boolean;
  /** The decision in words. */
  reason: string;
  /** ip_hash: the octets hashed. */
  octets?: number[];
  /** hash methods: the key as evaluated. */
  key?: string;
  /** hash consistent: crc32 of the key, the position looked up on the ring. */
  keyHash?: number;
  /** hash, ip_hash, random: the positions looked at, in order. */
  probes?: Probe[];
  /** The method gave up after 20 positions and round robin chose. */
  fallback?: boolean;
}

/** The hash key of this request, evaluated once (nginx evaluates it when the upstream starts); empty for methods without one. */
export function hashKey(up: Upstream, ctx: PickContext): string {
  if (ctx.key === null) {
    const balancer = up.balancer;
    ctx.key =
      'keyNode' in balancer ? (balancer.keyNode.compiled?.get(0)?.evaluate(ctx.r) ?? '') : '';
  }
  return ctx.key;
}

/** Chooses a peer for the next try of a request; every method has this shape. */
export type Picker = (up: Upstream, ctx: PickContext, nowSec: number) => PickResult;

/** Whether a peer may take the request (nginx's checks, in its order). */
export function peerState(p: Peer, tried: ReadonlySet<Peer>, nowSec: number): PeerState {
  if (tried.has(p)) return 'tried';
  if (p.down) return 'down';
  if (p.maxFails > 0 && p.fails >= p.maxFails && nowSec - p.checked <= p.failTimeout)
    return 'failed';
  if (p.maxConns > 0 && p.conns >= p.maxConns) return 'busy';
  return 'up';
}

/** Words for a state that kept a peer out. */
export const STATE_WORDS: Record<PeerState | 'again', string> = {
  up: 'available',
  down: 'marked down',
  failed: 'failed within fail_timeout',
  busy: 'at max_conns',
  tried: 'already tried',
  backup: 'a backup',
  again: 'drawn again',
};

/**
 * Every server of the group as the pick saw it: the primaries with their
 * state, the backups as `backup` until the primaries are exhausted.
 */
export function snapshot(
  up: Upstream,
  ctx: PickContext,
  nowSec: number,
  compared: ReadonlyMap<Peer, number> | null = null,
): CandidateSnapshot[] {
  const out: CandidateSnapshot[] = [];
  for (const peer of up.primary) out.push(entry(peer, peerState(peer, ctx.tried, nowSec)));
  for (const peer of up.backup)
    out.push(entry(peer, ctx.inBackup ? peerState(peer, ctx.tried, nowSec) : 'backup'));
  return out;

  function entry(peer: Peer, state: PeerState): CandidateSnapshot {
    return {
      peer,
      state,
      compared: compared?.get(peer) ?? null,
      effectiveWeight: peer.effectiveWeight,
      conns: peer.conns,
    };
  }
}

/** Records the pick on the peer: `checked` moves on once the fail window is over. */
export function markPicked(peer: Peer, nowSec: number): void {
  if (nowSec - peer.checked > peer.failTimeout) peer.checked = nowSec;
}

/** The primary that owns weighted slot `w` (0 <= w < total weight), walking peers by weight. */
export function slotOwner(peers: readonly Peer[], slot: number): number {
  let w = slot;
  let i = 0;
  while (w >= peers[i]!.weight) {
    w -= peers[i]!.weight;
    i++;
  }
  return i;
}
