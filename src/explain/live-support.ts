/** For the live panel tests: real exchanges from the engine over virtual time. */
import type { VirtualClock } from '../engine';
import { sandboxHarness } from '../runtime/test-harness';
import type { Exchange } from '../runtime/types';

export const LIVE_CONFIG = `events {}
http {
  proxy_cache_path cache keys_zone=pages:1m;
  limit_req_zone $remote_addr zone=perip:1m rate=2r/s;
  log_format short '$remote_addr "$request" $status $upstream_cache_status';
  access_log logs/access.log short;
  upstream app { server 127.0.0.1:3001; server 127.0.0.1:3002; server 127.0.0.1:3003; }
  server {
    listen 80;
    location / { proxy_pass http://app; }
    location /cached/ { proxy_cache pages; proxy_cache_valid 200 10s; proxy_pass http://app; }
    location /limited/ { limit_req zone=perip burst=3 nodelay; proxy_pass http://app; }
    location /quiet/ { access_log off; proxy_pass http://app; }
  }
}
`;

export function liveProxy(config = LIVE_CONFIG) {
  const { clock, exchange } = sandboxHarness(config, {
    backends: {
      '127.0.0.1:3001': { name: 'app-a' },
      '127.0.0.1:3002': { name: 'app-b' },
      '127.0.0.1:3003': { name: 'app-c' },
    },
  });
  /** Sends GET `path` at virtual `at` ms (or now, if later); resolves with the whole exchange. */
  const send = (path: string, at = clock.now()): Promise<Exchange> => {
    clock.advanceTo(at);
    return exchange(`http://example.com${path}`);
  };
  return { clock, send };
}

/** A session to show: 6 round-robin requests, a cache MISS then HIT, and 10 at once over a burst of 3. */
export async function sampleSession(): Promise<{ exchanges: Exchange[]; clock: VirtualClock }> {
  const { clock, send } = liveProxy();
  const exchanges: Exchange[] = [];
  for (let i = 0; i < 6; i++) exchanges.push(await send('/'));
  exchanges.push(await send('/cached/page', 1000));
  exchanges.push(await send('/cached/page', 3000));
  exchanges.push(
    ...(await Promise.all(Array.from({ length: 10 }, () => send('/limited/x', 4000)))),
  );
  return { exchanges, clock };
}
