/** For the machine tests: real journeys, from the engine and the backends as the runtime runs them. */
import { createBackendTransport, type BackendMap } from '../backends';
import { clientRequest, createProxy, VirtualClock, type ClientRequestInit } from '../engine';
import type { Exchange } from '../runtime/types';
import { journeyOf, type Journey } from './hopsOf';

/** A proxy for `config` (the inside of `http {}`); `exchange` returns each exchange, numbered from 1, `send` its journey. */
export function scenario(
  config: string,
  backends: BackendMap = {},
  files?: Record<string, string>,
) {
  const clock = new VirtualClock();
  const engine = createProxy(`events {}\nhttp {\n${config}\n}\n`, {
    clock,
    transport: createBackendTransport(backends, clock),
    hosts: [],
    files,
  });
  let nextId = 1;
  const exchange = async (
    url: string,
    init: Omit<ClientRequestInit, 'url'> = {},
  ): Promise<Exchange> => {
    const sent = clientRequest({ url, ...init });
    return { requestId: String(nextId++), sent, ...(await engine.handle(sent)) };
  };
  const send = async (url: string, init: Omit<ClientRequestInit, 'url'> = {}): Promise<Journey> =>
    journeyOf(await exchange(url, init));
  return { clock, send, exchange };
}
