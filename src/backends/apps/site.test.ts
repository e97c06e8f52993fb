import { describe, expect, it } from 'vitest';
import { backendsFor } from '../test-support';

const { answer } = backendsFor({ '127.0.0.1:3000': { name: 'web-1', app: 'site' } });

describe('the site app', () => {
  it('serves its home page as HTML naming the backend, with relative links to its assets', async () => {
    const page = await answer('127.0.0.1:3000/');
    expect(page.status).toBe(200);
    expect(page.header('content-type')).toBe('text/html; charset=utf-8');
    expect(page.header('cache-control')).toBe('no-cache');
    expect(page.header('x-backend')).toBe('web-1');
    expect(page.header('content-length')).toBe(String(page.body.length));
    expect(page.text()).toContain('Served by <strong class="backend">web-1</strong>');
    for (const link of ['href="style.css"', 'src="logo.svg"', 'src="img/dot.png"'])
      expect(page.text()).toContain(link);
    expect(page.text()).not.toMatch(/(href|src)="\//);
    expect((await answer('127.0.0.1:3000/index.html')).text()).toBe(page.text());
  });

  it.each([
    ['/style.css', 'text/css', 'body {'],
    ['/app.js', 'application/javascript', 'document.getElementById'],
    ['/logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"'],
  ])('serves %s as %s, cacheable for an hour', async (path, type, start) => {
    const asset = await answer(`127.0.0.1:3000${path}`);
    expect(asset.header('content-type')).toBe(type);
    expect(asset.header('cache-control')).toBe('public, max-age=3600');
    expect(asset.header('last-modified')).toBe('Mon, 01 Dec 2025 09:00:00 GMT');
    expect(asset.text().startsWith(start)).toBe(true);
  });

  it('serves a real PNG', async () => {
    const png = await answer('127.0.0.1:3000/img/dot.png');
    expect(png.header('content-type')).toBe('image/png');
    expect([...png.body.slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.body.length).toBe(110);
  });

  it('answers 304 to a client that has the current ETag or date', async () => {
    const first = await answer('127.0.0.1:3000/style.css');
    const etag = first.header('etag')!;
    const again = await answer('127.0.0.1:3000/style.css', {
      headers: [['If-None-Match', etag]],
    });
    expect(again).toMatchObject({ status: 304, body: new Uint8Array(0) });
    expect(again.header('etag')).toBe(etag);
    const byDate = await answer('127.0.0.1:3000/style.css', {
      headers: [['If-Modified-Since', first.header('last-modified')!]],
    });
    expect(byDate.status).toBe(304);
    const changed = await answer('127.0.0.1:3000/style.css', {
      headers: [['If-None-Match', '"other"']],
    });
    expect(changed.status).toBe(200);
  });

  it('answers HEAD without a body, 405 to other methods, and 404 with a page for unknown paths', async () => {
    const head = await answer('127.0.0.1:3000/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.header('content-length'))).toBeGreaterThan(0);
    const post = await answer('127.0.0.1:3000/about.html', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.header('allow')).toBe('GET, HEAD');
    const missing = await answer('127.0.0.1:3000/nope.html');
    expect(missing.status).toBe(404);
    expect(missing.header('x-backend')).toBe('web-1');
    expect(missing.text()).toContain('web-1 has no such page');
  });
});
