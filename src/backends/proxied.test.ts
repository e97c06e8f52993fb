import { describe, expect, it } from 'vitest';
import {
  bodyText,
  clientRequest,
  createProxy,
  headerValue,
  VirtualClock,
  type ClientRequestInit,
} from '../engine';
import { BackendControls, createBackendTransport, type BackendMap } from '.';

/** The apps behind the real engine, as a learner's scenario runs them. */
function scenario(config: string, backends: BackendMap) {
  const clock = new VirtualClock();
  const controls = new BackendControls(backends);
  const engine = createProxy(`events {}\nhttp {\n${config}\n}\n`, {
    clock,
    transport: createBackendTransport(backends, clock, controls),
    hosts: [],
  });
  const send = async (url: string, init: Omit<ClientRequestInit, 'url'> = {}) => {
    const { response } = await engine.handle(clientRequest({ url, ...init }));
    if (!response) throw new Error(`no response for ${url}`);
    return {
      status: response.status,
      header: (name: string) => headerValue(response.headers, name),
      text: () => bodyText(response.body),
    };
  };
  return { clock, controls, send };
}

describe('the apps through the proxy', () => {
  it('serve a whole site with the right content types', async () => {
    const { send } = scenario(
      `server { listen 80; location /shop/ { proxy_pass http://127.0.0.1:3000/; } }`,
      { '127.0.0.1:3000': { name: 'web-1', app: 'site' } },
    );
    const page = await send('http://example.com/shop/');
    expect(page.status).toBe(200);
    expect(page.header('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text()).toContain('web-1');
    const types: Record<string, string> = {
      'style.css': 'text/css',
      'app.js': 'application/javascript',
      'logo.svg': 'image/svg+xml',
      'img/dot.png': 'image/png',
    };
    // Every relative link on the page resolves under /shop/ and reaches the backend.
    for (const [, link] of page.text().matchAll(/(?:href|src)="([^"]+)"/g)) {
      const asset = await send(`http://example.com/shop/${link}`);
      expect(asset.status, link).toBe(200);
      if (types[link!]) expect(asset.header('content-type')).toBe(types[link!]);
      expect(asset.header('x-backend')).toBe('web-1');
    }
  });

  it('reach the API through location /api/, with the client address forwarded', async () => {
    const { send } = scenario(
      `server {
        listen 80;
        location /api/ {
          proxy_pass http://127.0.0.1:4000;
          proxy_set_header X-Real-IP $remote_addr;
          proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }
        location / { return 200 "front\\n"; }
      }`,
      { '127.0.0.1:4000': { name: 'api-1', app: 'api' } },
    );
    const users = await send('http://example.com/api/users/1', { client: '192.0.2.9' });
    expect(users.status).toBe(200);
    expect(JSON.parse(users.text())).toMatchObject({
      backend: 'api-1',
      user: { id: 1 },
      seen: { 'x-real-ip': '192.0.2.9', 'x-forwarded-for': '192.0.2.9' },
    });
    expect((await send('http://example.com/other')).text()).toBe('front\n');
  });

  it('let nginx retry a flaky backend on the next server', async () => {
    const { send, controls } = scenario(
      `upstream pool { server 127.0.0.1:6001; server 127.0.0.1:6002; }
      server {
        listen 80;
        location / { proxy_pass http://pool; proxy_next_upstream error http_503; }
      }`,
      {
        '127.0.0.1:6001': { name: 'shaky', app: 'flaky', failRate: 1 },
        '127.0.0.1:6002': { name: 'steady', app: 'flaky', failRate: 0 },
      },
    );
    for (let i = 0; i < 4; i++) {
      const r = await send('http://example.com/');
      expect(r.status).toBe(200);
      expect(r.header('x-backend')).toBe('steady');
    }
    controls.set('127.0.0.1:6002', { down: true });
    expect((await send('http://example.com/')).status).toBe(502);
  });

  it('time out on a slow backend and answer once it is fast again', async () => {
    const { send, controls, clock } = scenario(
      `server { listen 80; location / { proxy_pass http://127.0.0.1:5000; proxy_read_timeout 1s; } }`,
      { '127.0.0.1:5000': { name: 'slowpoke', app: 'slow' } },
    );
    expect((await send('http://example.com/')).status).toBe(504);
    expect(clock.now()).toBe(1000);
    controls.set('127.0.0.1:5000', { latencyMs: 10 });
    expect((await send('http://example.com/')).status).toBe(200);
  });
});
