import { describe, expect, it } from 'vitest';
import { scenario } from '../../machines/test-support';
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
});
