import { describe, expect, it } from 'vitest';
import { scenario } from './test-support';
import { answeredBy } from './answeredBy';
import { journeyOf } from './hopsOf';
import { outcomeOf } from './outcomeOf';
import { outcomeWords } from './outcomeWords';

describe('outcomeWords', () => {
  it('names a rate-limit rejection and the status', async () => {
    const backends = { '127.0.0.1:3000': { name: 'app' } };
    const { send } = scenario(
      `limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;
      server { listen 80; location / { limit_req zone=one; proxy_pass http://127.0.0.1:3000; } }`,
      backends,
    );
    expect(outcomeWords(await send('http://example.com/'), backends)).toBe(
      'served by app (127.0.0.1:3000)',
    );
    expect(outcomeWords(await send('http://example.com/'), backends)).toBe(
      'rejected: 503 rate limit',
    );
  });

  it('says every backend refused when none would take the connection', async () => {
    const backends = {
      '127.0.0.1:3001': { name: 'a', down: true },
      '127.0.0.1:3002': { name: 'b', down: true },
    };
    const { send } = scenario(
      `upstream pool { server 127.0.0.1:3001; server 127.0.0.1:3002; }
      server { listen 80; location / { proxy_pass http://pool; } }`,
      backends,
    );
    expect(outcomeWords(await send('http://example.com/'), backends)).toBe(
      '502: every backend refused',
    );
  });

  it('access denied and a request the proxy answers itself', async () => {
    const { send } = scenario(
      `server { listen 80; location /no { deny all; } location / { return 200 hi; } }`,
    );
    expect(outcomeWords(await send('http://example.com/no'), {})).toBe(
      'rejected: 403 access denied',
    );
    expect(outcomeWords(await send('http://example.com/'), {})).toBe(
      'answered by the proxy itself: 200',
    );
  });

  it("a stale copy served when every backend refused is the cache's answer, not a 200 failure", async () => {
    const backends = {
      '127.0.0.1:3001': { name: 'up' },
      '127.0.0.1:3002': { name: 'down', down: true },
    };
    // Both locations share one cache key: /fresh fills it, /broken can only be answered from it.
    const { clock, exchange } = scenario(
      `proxy_cache_path cache keys_zone=pages:1m;
      server {
        listen 80;
        proxy_cache pages; proxy_cache_key page; proxy_cache_valid 200 1s;
        proxy_cache_use_stale error;
        location /fresh { proxy_pass http://127.0.0.1:3001; }
        location /broken { proxy_pass http://127.0.0.1:3002; }
      }`,
      backends,
    );
    await exchange('http://example.com/fresh');
    clock.advanceTo(clock.now() + 5000);
    const stale = await exchange('http://example.com/broken');
    expect(stale.response?.status).toBe(200);
    expect(outcomeOf(stale).kind).toBe('served-from-cache');
    expect(answeredBy(stale)).toBeNull();
    expect(outcomeWords(journeyOf(stale), backends)).toBe(
      'served from the cache: a stale copy, the backend gave no answer',
    );
  });
});
