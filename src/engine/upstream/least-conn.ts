/**
 * `least_conn` (ngx_http_upstream_least_conn_module): the server with the
 * fewest requests in flight per unit of weight; servers that tie share by
 * smooth weighted round robin, so one request at a time looks like plain
 * weighted round robin.
 */
import type { BalancingMethod } from './method';
import { pickRoundRobin } from './round-robin';
import { markPicked, peerState, snapshot, type PickContext, type PickResult } from './pick';
import type { Peer, Upstream } from './upstream';

/** a.conns / a.weight < b.conns / b.weight, without division (as nginx compares). */
const fewer = (a: Peer, b: Peer) => a.conns * b.weight < b.conns * a.weight;
const same = (a: Peer, b: Peer) => a.conns * b.weight === b.conns * a.weight;

export function pickLeastConn(up: Upstream, ctx: PickContext, nowSec: number): PickResult {
  if (up.single) return pickRoundRobin(up, ctx, nowSec);
  const peers = ctx.inBackup ? up.backup : up.primary;
  let best: Peer | null = null;
  let bestIndex = 0;
  let many = false;
  for (let i = 0; i < peers.length; i++) {
    const p = peers[i]!;
    if (peerState(p, ctx.tried, nowSec) !== 'up') continue;
    if (best === null || fewer(p, best)) {
      best = p;
      bestIndex = i;
      many = false;
    } else if (same(p, best)) {
      many = true;
    }
  }
  if (best === null) {
    if (!ctx.inBackup && up.backup.length) {
      ctx.inBackup = true;
      return pickLeastConn(up, ctx, nowSec);
    }
    return {
      peer: null,
      method: 'least_conn',
      candidates: snapshot(up, ctx, nowSec),
      single: false,
      reason: `least_conn: no server of ${up.name} can take the request (down, failed or already tried)`,
    };
  }
  const fewest = best;
  let compared: Map<Peer, number> | null = null;
  let total = 0;
  if (many) {
    // The tied servers, from the first of them on, share by smooth weighted round robin.
    compared = new Map();
    for (let i = bestIndex; i < peers.length; i++) {
      const p = peers[i]!;
      if (peerState(p, ctx.tried, nowSec) !== 'up' || !same(p, fewest)) continue;
      p.currentWeight += p.effectiveWeight;
      total += p.effectiveWeight;
      if (p.effectiveWeight < p.weight) p.effectiveWeight++;
      compared.set(p, p.currentWeight);
      if (p.currentWeight > best.currentWeight) best = p;
    }
    best.currentWeight -= total;
  }
  markPicked(best, nowSec);
  const candidates = snapshot(up, ctx, nowSec, compared);
  const active = (p: Peer) =>
    `${p.conns} active connection${p.conns === 1 ? '' : 's'}${p.weight > 1 ? ` (weight ${p.weight})` : ''}`;
  const backup = ctx.inBackup ? 'no primary server is available, so among the backups: ' : '';
  const reason = compared
    ? `least_conn: ${backup}${[...compared.keys()].map((p) => p.address).join(', ')} tie at ${active(fewest)} per weight; smooth weighted round robin among them (current weights ${[
        ...compared,
      ]
        .map(([p, w]) => `${p.address}=${w}`)
        .join(', ')}) chooses ${best.address}`
    : `least_conn: ${backup}${best.address} has the fewest, ${active(best)}`;
  return { peer: best, method: 'least_conn', candidates, single: false, reason };
}

declare module './method' {
  interface BalancerOptions {
    least_conn: Record<never, never>;
  }
}

export const leastConn: BalancingMethod = {
  method: 'least_conn',
  directive: {
    name: 'least_conn',
    contexts: ['upstream'],
    args: [0],
    summary: 'Send to the server with the fewest active connections (per weight).',
  },
  allowsBackup: true,
  declare: () => ({ method: 'least_conn' }),
  pickerFor: () => pickLeastConn,
};
