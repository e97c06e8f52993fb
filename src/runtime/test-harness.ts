/**
 * For tests: the proxy and its backends built the one way the app builds them
 * (SandboxCore), on a virtual clock unless a test asks for real time, so a
 * test sees what the learner would, request ids included.
 */
import type { BackendMap } from '../backends';
import { VirtualClock, type Clock, type ClientRequestInit } from '../engine';
import { SandboxCore } from './sandbox-core';
import type { ClientRequest } from '../scenario';
import type { Exchange } from './types';

/** A request as a test writes it: the URL, and whatever differs from a plain GET from 127.0.0.1. */
export type HarnessRequest = Omit<ClientRequestInit, 'url' | 'body'> & { body?: string | null };

export interface HarnessOptions<C extends Clock> {
  backends?: BackendMap;
  /** The virtual disk `root` and `alias` read. */
  files?: Record<string, string>;
  /** A VirtualClock unless given (a browser test that animates in real time passes the system clock). */
  clock?: C;
}

/** The sandbox for `config` (a whole nginx.conf); a config nginx refuses fails the test at once, in its words. */
export function sandboxHarness<C extends Clock = VirtualClock>(
  config: string,
  options: HarnessOptions<C> = {},
) {
  const clock = options.clock ?? (new VirtualClock() as Clock as C);
  const core = new SandboxCore(clock);
  const loaded = core.load({
    config,
    backends: options.backends ?? {},
    ...(options.files ? { files: options.files } : {}),
  });
  if (!loaded.ok) throw new Error(`the test's config was refused: ${loaded.problem.message}`);
  /** Sends one request through the proxy; each exchange is numbered from 1, as the runtime numbers them. */
  const exchange = (url: string, init: HarnessRequest = {}): Promise<Exchange> =>
    core.send(sendSpec(url, init));
  return { clock, core, exchange };
}

/** A test's request as SandboxCore takes it: headers given as an object become pairs, in order. */
function sendSpec(url: string, init: HarnessRequest): ClientRequest {
  const headers: [string, string][] = Array.isArray(init.headers)
    ? init.headers.map(([name, value]) => [name, value])
    : Object.entries(init.headers ?? {}).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]),
      );
  return {
    method: init.method ?? 'GET',
    url,
    headers,
    body: init.body ?? null,
    client: init.client ?? '127.0.0.1',
  };
}
