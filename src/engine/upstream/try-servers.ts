/**
 * Sending a request to an upstream group: pick a server, send with the read
 * timeout, and on failure go on to the next server when nginx would
 * (proxy_next_upstream), recording every try for `$upstream_addr` and
 * `$upstream_status`.
 */
import { Cancellation } from '../clock';
import type { HeaderList } from '../http/message';
import type { Finish } from '../phases';
import { emit, type Req } from '../request';
import { pickRoundRobin, releasePeer } from './round-robin';
import type { UpstreamOutcome, UpstreamRequest } from './transport';
import type { Peer, Upstream } from './upstream';

/** The request as it goes to whichever server is picked. */
export type UpstreamMessage = Omit<UpstreamRequest, 'address'>;

export type TryResult =
  | { kind: 'response'; status: number; headers: HeaderList; body: Uint8Array; address: string }
  | { kind: 'finish'; finish: Finish };

/** Methods nginx does not repeat on another server once they were sent. */
const NON_IDEMPOTENT = new Set(['POST', 'LOCK', 'PATCH']);

export async function tryServers(
  r: Req,
  upstream: Upstream,
  message: UpstreamMessage,
  readTimeout: number,
  seen: { last: UpstreamRequest | null },
): Promise<TryResult> {
  const tried = new Set<Peer>();
  const maxTries = upstream.primary.length + upstream.backup.length;
  for (let attempt = 1; ; attempt++) {
    const nowSec = Math.floor(r.clock.now() / 1000);
    const pick = pickRoundRobin(upstream, tried, nowSec);
    const peer = pick.peer;
    emit(r, {
      type: 'balance',
      upstream: upstream.name,
      method: pick.single ? 'single server' : 'round robin',
      chosen: peer?.address ?? null,
      reason: pick.reason,
      candidates: pick.candidates.map((c) => ({
        address: c.peer.address,
        weight: c.peer.weight,
        comparedWeight: c.compared,
        effectiveWeight: c.effectiveWeight,
        state: c.state,
      })),
    });
    if (!peer) {
      if (r.upstreamTries.length === 0) r.upstreamName = upstream.name;
      return {
        kind: 'finish',
        finish: {
          status: 502,
          source: 'error',
          reason: `no live server in upstream ${upstream.name}`,
        },
      };
    }
    tried.add(peer);
    const request: UpstreamRequest = { ...message, address: peer.address };
    const { method, target, httpVersion, headers } = message;
    emit(r, {
      type: 'upstream',
      address: peer.address,
      attempt,
      method,
      uri: target,
      httpVersion,
      headers,
      reason: `proxy_pass to ${peer.address}`,
    });
    const started = r.clock.now();
    const outcome = await send(r, request, readTimeout);
    const elapsed = r.clock.now() - started;
    if (outcome.kind !== 'response') {
      const status = outcome.kind === 'refused' ? 502 : 504;
      // A timed-out request did reach the backend; a refused connection never got that far.
      if (outcome.kind === 'timeout') seen.last = request;
      emit(r, {
        type: 'backend',
        address: peer.address,
        outcome: outcome.kind,
        status: null,
        durationMs: elapsed,
      });
      r.upstreamTries.push({ address: peer.address, status, responseTimeMs: elapsed });
      releasePeer(upstream, peer, true, Math.floor(r.clock.now() / 1000));
      // Nothing was sent over a refused connection, so even a POST may go on to the next
      // server; after a timeout only requests that are safe to repeat may.
      const retriable = outcome.kind === 'refused' || !NON_IDEMPOTENT.has(method);
      if (!pick.single && attempt < maxTries && retriable) continue;
      const reason =
        outcome.kind === 'refused'
          ? `${peer.address} refused the connection`
          : `${peer.address} did not answer within proxy_read_timeout (${readTimeout} ms)`;
      return { kind: 'finish', finish: { status, source: 'error', reason } };
    }
    seen.last = request;
    emit(r, {
      type: 'backend',
      address: peer.address,
      outcome: 'response',
      status: outcome.status,
      durationMs: elapsed,
    });
    r.upstreamTries.push({
      address: peer.address,
      status: outcome.status,
      responseTimeMs: elapsed,
    });
    releasePeer(upstream, peer, false, Math.floor(r.clock.now() / 1000));
    return {
      kind: 'response',
      status: outcome.status,
      headers: outcome.headers,
      body: outcome.body,
      address: peer.address,
    };
  }
}

type SendOutcome = UpstreamOutcome | { kind: 'timeout' };

const TIMED_OUT: SendOutcome = Object.freeze({ kind: 'timeout' });

/** Sends with `proxy_read_timeout`: whichever comes first, the answer or the deadline. */
function send(r: Req, request: UpstreamRequest, timeoutMs: number): Promise<SendOutcome> {
  return new Promise<SendOutcome>((resolve, reject) => {
    const cancellation = new Cancellation();
    let settled = false;
    const stopTimer = r.clock.timer(timeoutMs, () => {
      if (settled) return;
      settled = true;
      cancellation.cancel();
      resolve(TIMED_OUT);
    });
    r.transport(request, cancellation).then(
      (outcome) => {
        if (settled) return;
        settled = true;
        stopTimer();
        resolve(outcome);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        stopTimer();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
