/** Helpers for the balancing tests: peers, a pick context without an engine, and an engine with echo backends. */
import { createBackendTransport, type BackendMap } from '../../backends';
import { VirtualClock } from '../clock';
import { compileConfig } from '../compile';
import { ProxyEngine } from '../engine';
import { clientRequest, type ClientRequestInit } from '../../http/client-request';
import type { Req } from '../request';
import { newPickContext, type PickContext } from './pick';
import { PEER_DEFAULTS, type PeerConf, type Upstream } from './upstream';

export function peer(address: string, extra: Partial<PeerConf> = {}): PeerConf {
  return { ...PEER_DEFAULTS, address, line: 1, ...extra };
}

/** A fresh request's pick state; `key` stands for the evaluated hash key. */
export function context(client = '127.0.0.1', key: string | null = null): PickContext {
  const ctx = newPickContext({ incoming: { clientAddress: client } } as Req);
  ctx.key = key;
  return ctx;
}

/** An engine on a virtual clock with the format's echo backends, and the upstream groups it compiled. */
export function proxyWith(config: string, backends: BackendMap) {
  const clock = new VirtualClock();
  const compiled = compileConfig(config, { hosts: [], stockFiles: false });
  const engine = new ProxyEngine(compiled, {
    clock,
    transport: createBackendTransport(backends, clock),
  });
  return {
    clock,
    upstream: (name: string): Upstream => compiled.http!.upstreams.get(name)!,
    send: (url: string, init: Omit<ClientRequestInit, 'url'> = {}) =>
      engine.handle(clientRequest({ url, ...init })),
  };
}

/** The `x-backend` header of a result: which backend answered. */
export function backendOf(result: Awaited<ReturnType<ReturnType<typeof proxyWith>['send']>>) {
  return result.response?.headers.find(([n]) => n === 'x-backend')?.[1] ?? null;
}
