/**
 * Runs a scenario's proxy and backends inside the page. A service worker will
 * take this job later; the page only needs `send`, whichever runs the engine.
 */
import { createBackendTransport } from '../backends';
import {
  clientRequest,
  createProxy,
  createSystemClock,
  isConfigError,
  type ConfigError,
  type HandleResult,
  type IncomingRequest,
} from '../engine';
import type { Scenario } from '../scenarios/scenario';
import type { RequestDraft } from './requestDraft';

/** One request through the proxy: what the client sent and everything that followed. */
export interface Exchange {
  sent: IncomingRequest;
  result: HandleResult;
}

export type Sandbox =
  | { kind: 'ready'; send: (draft: RequestDraft) => Promise<Exchange> }
  /** The config does not load, as `nginx -t` would refuse it; nothing can be sent. */
  | { kind: 'config-error'; error: ConfigError };

export function createInPageSandbox(scenario: Scenario): Sandbox {
  const clock = createSystemClock();
  const transport = createBackendTransport(scenario.backends, clock);
  let engine: ReturnType<typeof createProxy>;
  try {
    engine = createProxy(scenario.config, { clock, transport, hosts: [] });
  } catch (error) {
    if (isConfigError(error)) return { kind: 'config-error', error };
    throw error;
  }
  return {
    kind: 'ready',
    send: async (draft) => {
      const sent = toClientRequest(draft);
      return { sent, result: await engine.handle(sent) };
    },
  };
}

/** The draft as curl would send it: `curl -X METHOD http://HOST/PATH` from the client's address. */
export function toClientRequest(draft: RequestDraft): IncomingRequest {
  return clientRequest({
    method: draft.method,
    url: `http://${draft.host}${draft.path}`,
    headers: draft.headers,
    body: draft.body,
    client: draft.client,
  });
}
