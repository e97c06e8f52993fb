/** For the machine tests: real journeys, from the engine and the backends as the runtime runs them. */
import type { BackendMap } from '../backends';
import { sandboxHarness, type HarnessRequest } from '../runtime/test-harness';
import { journeyOf, type Journey } from './hopsOf';

/** A proxy for `config` (the inside of `http {}`); `exchange` returns each exchange, numbered from 1, `send` its journey. */
export function scenario(
  config: string,
  backends: BackendMap = {},
  files?: Record<string, string>,
) {
  const { clock, exchange } = sandboxHarness(`events {}\nhttp {\n${config}\n}\n`, {
    backends,
    ...(files ? { files } : {}),
  });
  const send = async (url: string, init: HarnessRequest = {}): Promise<Journey> =>
    journeyOf(await exchange(url, init));
  return { clock, send, exchange };
}
