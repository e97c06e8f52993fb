/**
 * Details of client headers and statuses that nginx 1.22.1 showed in the
 * recorded cases headers-repeated-and-long and errors-special-statuses-pages.
 */
import { describe, expect, it } from 'vitest';
import { serveFiles } from '../../../test/support/serve-files';

const get = serveFiles(
  `events {}
http {
  server {
    listen 80;
    error_page 494 /err;
    add_header X-S $status always;
    location = /err { return 200 "page $status"; }
    location / { return 200 "[$http_x_a] [$proxy_add_x_forwarded_for]"; }
  }
}`,
  {},
);

describe('client header values', () => {
  it('lose the spaces around them, as nginx parses them', async () => {
    const res = await get('/', {
      headers: { 'x-a': '  spaced  ', 'x-forwarded-for': ' 9.9.9.9 ' },
    });
    expect(res.body).toBe('[spaced] [9.9.9.9, 127.0.0.1]');
  });
});

describe('error_page for nginx own 4xx codes', () => {
  it('sends a 494 page as 400, and add_header sees that status', async () => {
    const res = await get('/', { headers: { 'x-big': 'y'.repeat(9000) } });
    expect(res.status).toBe(400);
    expect(res.body).toBe('page 400');
    expect(res.headers['x-s']).toBe('400');
  });
});
