import { describe, expect, it } from 'vitest';
import { createBackendTransport } from '../backends';
import { clientRequest, createProxy, headerValue, VirtualClock } from '.';

describe('the Connection header nginx writes for the client', () => {
  const clock = new VirtualClock();
  const engine = createProxy(
    `events {}
http {
  server { listen 80; location / {
    proxy_http_version 1.1;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection upgrade;
    proxy_pass http://127.0.0.1:3000;
  } }
}
`,
    {
      clock,
      transport: createBackendTransport(
        {
          '127.0.0.1:3000': {
            name: 'chat',
            routes: [{ path: '/socket', status: 101, headers: { Upgrade: 'websocket' } }],
          },
        },
        clock,
      ),
    },
  );
  const connection = async (path: string, headers: [string, string][] = []) => {
    const { response } = await engine.handle(
      clientRequest({ url: `http://example.com${path}`, headers }),
    );
    return response && headerValue(response.headers, 'connection');
  };

  it('is upgrade on a 101, as ngx_http_header_filter writes it', async () => {
    expect(
      await connection('/socket', [
        ['Upgrade', 'websocket'],
        ['Connection', 'Upgrade'],
      ]),
    ).toBe('upgrade');
  });

  it('is keep-alive otherwise for a client that keeps its connection, close for one that does not', async () => {
    expect(await connection('/', [['Connection', 'keep-alive']])).toBe('keep-alive');
    expect(await connection('/', [['Connection', 'close']])).toBe('close');
  });
});
