/**
 * Variables whose value depends on what happened to the request.
 * Checked against nginx 1.22.1 (recorded case logging-upstream-headers-and-lengths).
 */
import { describe, expect, it } from 'vitest';
import { serveFiles } from '../../test/support/serve-files';

const get = serveFiles(
  `events {}
http {
  server {
    listen 80;
    location /p { add_header X-Seen "[$upstream_http_x_backend]"; add_header X-Len $request_length; proxy_pass http://127.0.0.1:3001; }
    location /r { add_header X-Seen "[$upstream_http_x_backend]"; add_header X-Len $request_length; return 200; }
  }
}`,
  {},
);

describe('$upstream_http_*', () => {
  it('is a header of the upstream response, empty without one', async () => {
    expect((await get('/p')).headers['x-seen']).toBe('[app]');
    expect((await get('/r')).headers['x-seen']).toBe('[]');
  });
});

describe('$request_length', () => {
  it('counts the request line and headers, and the body only when nginx read it', async () => {
    // "GET /r HTTP/1.1\r\n" 17 + "Host: example.com\r\n" 19 + "Connection: close\r\n" 19 + 2
    expect((await get('/r')).headers['x-len']).toBe('57');
    // POST is one longer, + "Content-Length: 5\r\n" 19; return discards the body
    expect((await get('/r', { method: 'POST', body: 'hello' })).headers['x-len']).toBe('77');
    expect((await get('/p', { method: 'POST', body: 'hello' })).headers['x-len']).toBe('82');
  });
});
