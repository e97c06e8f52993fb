/**
 * Sending a request to an upstream group: the group's method picks a server,
 * the request goes out with the read timeout, and a failed try goes on to
 * the next server when proxy_next_upstream allows it, recording every try
 * for `$upstream_addr` and `$upstream_status`.
 */
import { Cancellation } from '../clock';
import type { HeaderList } from '../../http/message';
import { backendReason, requestLength, responseLength } from '../http/wire-size';
import type { Finish } from '../phases';
import { emit, type Req, type TraceInput } from '../request';
import {
  allows,
  countsAsFailure,
  DEFAULT_NEXT_UPSTREAM,
  FT,
  maskName,
  statusMask,
  type NextUpstream,
} from './next-upstream';
import { newPickContext, type PickResult } from './pick';
import { methodOf } from './methods';
import { releasePeer } from './round-robin';
import type { UpstreamOutcome, UpstreamRequest } from './transport';
import type { UpstreamSeen } from '../phases';
import type { Upstream } from './upstream';

/** The request as it goes to whichever server is picked. */
export type UpstreamMessage = Omit<UpstreamRequest, 'address'>;

type BalanceInput = Extract<TraceInput, { type: 'balance' }>;

export type TryResult =
  | {
      kind: 'response';
      status: number;
      reason?: string;
      headers: HeaderList;
      body: Uint8Array;
      address: string;
    }
  | { kind: 'finish'; finish: Finish };

export async function tryServers(
  r: Req,
  upstream: Upstream,
  message: UpstreamMessage,
  readTimeout: number,
  seen: UpstreamSeen,
  next: NextUpstream = DEFAULT_NEXT_UPSTREAM,
): Promise<TryResult> {
  const pick = methodOf(upstream.balancer).pickerFor(upstream.balancer);
  const ctx = newPickContext(r);
  const startedAt = r.clock.now();
  // nginx's u->peer.tries: every server not marked down, capped by proxy_next_upstream_tries.
  let tries = next.tries && upstream.tries > next.tries ? next.tries : upstream.tries;
  let why = `proxy_pass to ${upstream.explicit ? `upstream ${upstream.name}` : upstream.name}`;
  const nextTimeoutSpent = () => next.timeout > 0 && r.clock.now() - startedAt >= next.timeout;
  for (let attempt = 1; ; attempt++) {
    const nowSec = Math.floor(r.clock.now() / 1000);
    const picked = pick(upstream, ctx, nowSec);
    emitBalance(r, upstream, picked);
    const peer = picked.peer;
    if (!peer) {
      // nginx logs the group's name for a try that found no live server.
      r.upstreamTries.push({
        address: upstream.name,
        status: 502,
        responseTimeMs: 0,
        connectTimeMs: null,
        headerTimeMs: null,
        bytesSent: 0,
        bytesReceived: 0,
      });
      return {
        kind: 'finish',
        finish: {
          status: 502,
          source: 'error',
          reason: `no live server in upstream ${upstream.name}`,
        },
      };
    }
    ctx.tried.add(peer);
    peer.conns++;
    const { method, target, httpVersion, headers } = message;
    const request: UpstreamRequest = {
      address: peer.address,
      method,
      target,
      httpVersion,
      headers,
      body: message.body,
    };
    emit(r, {
      type: 'upstream',
      address: peer.address,
      attempt,
      method,
      uri: target,
      httpVersion,
      headers,
      reason: why,
    });
    const started = r.clock.now();
    let outcome: SendOutcome;
    try {
      // An outcome known at once is handled before any other request runs, as nginx does.
      const pending = send(r, request, readTimeout);
      outcome = pending instanceof Promise ? await pending : pending;
    } catch (error) {
      releasePeer(upstream, peer, false, Math.floor(r.clock.now() / 1000));
      throw error;
    }
    const elapsed = r.clock.now() - started;
    const doneSec = Math.floor(r.clock.now() / 1000);
    if (outcome.kind !== 'response') {
      const status = outcome.kind === 'refused' ? 502 : 504;
      // A timed-out request did reach the backend; a refused connection never got that far.
      const sent = outcome.kind === 'timeout';
      if (sent) seen.last = request;
      emit(r, {
        type: 'backend',
        address: peer.address,
        outcome: outcome.kind,
        status: null,
        durationMs: elapsed,
      });
      // A refused connection sent nothing; a timed-out one was connected at once and sent the request.
      r.upstreamTries.push({
        address: peer.address,
        status,
        responseTimeMs: elapsed,
        connectTimeMs: sent ? 0 : null,
        headerTimeMs: null,
        bytesSent: sent ? messageLength(request) : 0,
        bytesReceived: 0,
      });
      r.upstreamHeaders = null;
      releasePeer(upstream, peer, true, doneSec);
      tries = picked.single ? 0 : tries - 1;
      const kind = outcome.kind === 'refused' ? FT.error : FT.timeout;
      const failure =
        outcome.kind === 'refused'
          ? `${peer.address} refused the connection`
          : `${peer.address} did not answer within proxy_read_timeout (${readTimeout} ms)`;
      const stop = stopReason(tries, next, kind, method, sent, nextTimeoutSpent());
      if (stop === null) {
        why = `proxy_next_upstream (${maskName(kind)}): ${failure}, so the next server is tried`;
        continue;
      }
      return { kind: 'finish', finish: { status, source: 'error', reason: `${failure}; ${stop}` } };
    }
    seen.last = request;
    seen.response = {
      address: peer.address,
      status: outcome.status,
      headers: outcome.headers,
      body: outcome.body,
    };
    if (outcome.reason !== undefined) seen.response.reason = outcome.reason;
    emit(r, {
      type: 'backend',
      address: peer.address,
      outcome: 'response',
      status: outcome.status,
      durationMs: elapsed,
    });
    // The whole answer arrives at once: its header came when it did (a backend's delay is before it).
    r.upstreamTries.push({
      address: peer.address,
      status: outcome.status,
      responseTimeMs: elapsed,
      connectTimeMs: 0,
      headerTimeMs: elapsed,
      bytesSent: messageLength(request),
      bytesReceived: responseLength(
        outcome.status,
        outcome.reason ?? backendReason(outcome.status),
        outcome.headers,
        outcome.body,
      ),
    });
    r.upstreamHeaders = outcome.headers;
    const kind = statusMask(outcome.status);
    // A listed status goes on only while another try is left; the last answer is passed on as it is.
    if (kind !== 0 && tries > 1 && allows(next, kind, method, true) && !nextTimeoutSpent()) {
      const failed = countsAsFailure(kind);
      releasePeer(upstream, peer, failed, doneSec);
      tries--;
      why = `proxy_next_upstream (${maskName(kind)}): ${peer.address} answered ${outcome.status}${failed ? ', which counts as a failure' : ', which does not count as a failure'}, so the next server is tried`;
      continue;
    }
    releasePeer(upstream, peer, false, doneSec);
    return {
      kind: 'response',
      status: outcome.status,
      reason: outcome.reason,
      headers: outcome.headers,
      body: outcome.body,
      address: peer.address,
    };
  }
}

function messageLength(m: UpstreamRequest): number {
  return requestLength(m.method, m.target, m.httpVersion, m.headers, m.body);
}

/** Why a failed try is not repeated on another server, or null when it is. */
function stopReason(
  tries: number,
  next: NextUpstream,
  kind: number,
  method: string,
  sent: boolean,
  timeoutSpent: boolean,
): string | null {
  if (tries === 0) return 'no tries left';
  if ((next.mask & kind) !== kind) return `proxy_next_upstream does not list ${maskName(kind)}`;
  if (!allows(next, kind, method, sent))
    return `a ${method} that reached the backend is not repeated without non_idempotent`;
  if (timeoutSpent) return `proxy_next_upstream_timeout (${next.timeout} ms) has passed`;
  return null;
}

function emitBalance(r: Req, upstream: Upstream, pick: PickResult): void {
  const event: BalanceInput = {
    type: 'balance',
    upstream: upstream.name,
    method: pick.method,
    chosen: pick.peer?.address ?? null,
    reason: pick.reason,
    candidates: pick.candidates.map((c) => ({
      address: c.peer.address,
      weight: c.peer.weight,
      comparedWeight: c.compared,
      effectiveWeight: c.effectiveWeight,
      activeConnections: c.conns,
      state: c.state,
    })),
  };
  // Method facts are set only when there are some: round robin, the common case, carries none.
  if (pick.octets) event.octets = pick.octets;
  if (pick.key !== undefined) event.key = pick.key;
  if (pick.keyHash !== undefined) event.keyHash = pick.keyHash;
  if (pick.probes) event.probes = pick.probes;
  if (pick.fallback) event.fallback = true;
  emit(r, event);
}

type SendOutcome = UpstreamOutcome | { kind: 'timeout' };

const TIMED_OUT: SendOutcome = Object.freeze({ kind: 'timeout' });

/**
 * Sends with `proxy_read_timeout`: whichever comes first, the answer or the
 * deadline. An outcome the transport knew at once comes back as it is.
 */
function send(
  r: Req,
  request: UpstreamRequest,
  timeoutMs: number,
): SendOutcome | Promise<SendOutcome> {
  const cancellation = new Cancellation();
  let expire = () => {};
  // The deadline is set before the request goes out, so it wins a tie with a backend's delay.
  const stopTimer = r.clock.timer(timeoutMs, () => expire());
  let answer: UpstreamOutcome | Promise<UpstreamOutcome>;
  try {
    answer = r.transport(request, cancellation);
  } catch (error) {
    stopTimer();
    throw error;
  }
  if (!(answer instanceof Promise)) {
    stopTimer();
    return answer;
  }
  return new Promise<SendOutcome>((resolve, reject) => {
    let settled = false;
    expire = () => {
      if (settled) return;
      settled = true;
      cancellation.cancel();
      resolve(TIMED_OUT);
    };
    answer.then(
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
