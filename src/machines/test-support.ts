/** For the machine tests: real journeys, from the engine and the backends as the runtime runs them. */
import { createBackendTransport, type BackendMap } from '../backends';
import { clientRequest, createProxy, VirtualClock, type ClientRequestInit } from '../engine';
import type { Exchange } from '../runtime/types';
import { journeyOf, type Journey } from './hops';

/** A proxy for `config` (the inside of `http {}`); `send` returns each exchange's journey, numbered from 1. */
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
  const send = async (url: string, init: Omit<ClientRequestInit, 'url'> = {}): Promise<Journey> => {
    const sent = clientRequest({ url, ...init });
    const exchange: Exchange = {
      requestId: String(nextId++),
      sent,
      ...(await engine.handle(sent)),
    };
    return journeyOf(exchange);
  };
  return { clock, send };
}
