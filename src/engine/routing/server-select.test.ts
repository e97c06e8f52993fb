/**
 * Which server a connection to 127.0.0.1:port reaches, by listen address.
 * Checked against nginx 1.22.1 (recorded case routing-listen-address-wins).
 */
import { describe, expect, it } from 'vitest';
import { bodyText, clientRequest, createProxy, VirtualClock } from '..';

const CONFIG = `events {}
http {
  server { listen 80; server_name a.test; return 200 "wildcard"; }
  server { listen 127.0.0.1:80; server_name b.test; return 200 "address"; }
  server { listen 127.0.0.2:8081; return 200 "other address"; }
  server { listen 8081; return 200 "wildcard 8081"; }
  server { listen localhost:8082; return 200 "localhost"; }
  server { listen 0.0.0.0:8082 default_server; return 200 "wildcard 8082"; }
  server { listen [::]:8083; return 200 "ipv6"; }
}`;

const engine = createProxy(CONFIG, {
  clock: new VirtualClock(),
  transport: async () => {
    throw new Error('no backend');
  },
  files: {},
  stockFiles: false,
});

async function body(url: string): Promise<string | null> {
  const result = await engine.handle(clientRequest({ url }));
  return result.response ? bodyText(result.response.body) : null;
}

describe('listen addresses', () => {
  it('a listen on 127.0.0.1 takes the connection from the wildcard servers, whatever the Host', async () => {
    expect(await body('http://a.test/')).toBe('address');
    expect(await body('http://b.test/')).toBe('address');
  });

  it('another address is not reached; localhost is 127.0.0.1', async () => {
    expect(await body('http://x:8081/')).toBe('wildcard 8081');
    expect(await body('http://x:8082/')).toBe('localhost');
  });

  it('an IPv6-only port refuses an IPv4 connection', async () => {
    expect(await body('http://x:8083/')).toBeNull();
  });
});
