/** For the machine tests: real journeys, from the engine and the backends as the runtime runs them. */
import type { BackendMap } from '../backends';
import type { Exchange } from '../runtime/types';
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

/** Three backends, the second stopped, behind one upstream group: a burst shows answers and refusals. */
const THREE: BackendMap = {
  '127.0.0.1:3001': { name: 'app-a' },
  '127.0.0.1:3002': { name: 'app-b', down: true },
  '127.0.0.1:3003': { name: 'app-c' },
};
const POOL = `upstream pool { server 127.0.0.1:3001; server 127.0.0.1:3002; server 127.0.0.1:3003; }
  server { listen 80; location / { proxy_pass http://pool; } }`;

/** `count` requests for `/`, one after another, through `config` (round robin over THREE by default). */
export async function burst(count: number, config = POOL): Promise<Exchange[]> {
  const { exchange } = scenario(config, THREE);
  const out: Exchange[] = [];
  for (let i = 0; i < count; i++) out.push(await exchange('http://example.com/'));
  return out;
}
