/**
 * try_files decisions, through the engine. Every outcome here was checked
 * against nginx 1.22.1.
 */
import { describe, expect, it } from 'vitest';
import { reasons, serveFiles } from '../../../test/support/serve-files';

const FILES = {
  'html/hello.txt': 'hello\n',
  'html/dir/index.html': 'dir index\n',
  'html/spa/index.html': 'spa\n',
  'html/fb.html': 'fallback\n',
  'public/app.js': 'app\n',
  'public/index.html': 'public index\n',
  'media/a.txt': 'media a\n',
};

const CONFIG = `events {}
http {
  server {
    listen 80;
    root html;
    try_files $uri /fb.html;
    location / { try_files $uri $uri/ @app; }
    location @app { return 200 "named $uri $args\\n"; }
    location /plain/ { }
    location /spa/ { try_files $uri /spa/index.html; }
    location /args/ { try_files $uri /app/x?fixed=1; }
    location /noargs/ { try_files $uri /app/y; }
    location /keepargs/ { try_files $uri /app/z$is_args$args; }
    location /app/ { proxy_pass http://127.0.0.1:3001; }
    location /strict/ { try_files $uri =404; }
    location /teapot/ { try_files $uri =418; }
    location /st/ { alias public/; try_files $uri $uri/ =404; }
    location /st2/ { alias public/; try_files /app.js =404; }
    location ~ ^/rx/(.*)$ { alias media/$1; try_files $uri =404; }
    location = /exact { try_files /nothing =410; error_page 410 /hello.txt; }
  }
}
`;

const get = serveFiles(CONFIG, FILES);

describe('try_files', () => {
  it('serves the first candidate that exists, in the current location', async () => {
    const res = await get('/hello.txt');
    expect(res.status).toBe(200);
    expect(res.body).toBe('hello\n');
    expect(reasons(res.trace, 'static')).toEqual([
      'try_files: $uri → html/hello.txt is a file: served here as /hello.txt (root html (line 5))',
      'html/hello.txt is a file: 200 (root html (line 5))',
    ]);
    expect(res.trace.filter((e) => e.type === 'internal-redirect')).toEqual([]);
  });

  it('falls back to a named location, which sees the original URI and args', async () => {
    const res = await get('/api/users?id=3');
    expect(res.body).toBe('named /api/users id=3\n');
    expect(reasons(res.trace, 'static')).toEqual([
      'try_files: $uri → html/api/users is missing, $uri/ → html/api/users is missing, so named location @app',
    ]);
  });

  it('takes $uri/ only for a directory, and without its slash: /dir is redirected, /dir/ gets the index', async () => {
    const bare = await get('/dir');
    expect(bare.status).toBe(301);
    expect(bare.headers['location']).toBe('http://example.com/dir/');
    expect((await get('/dir/')).body).toBe('dir index\n');
  });

  it('redirects internally to the last URI, whose own ?args replace the request args', async () => {
    expect((await get('/spa/deep/link?tab=2')).body).toBe('spa\n');
    expect((await get('/args/q?orig=1')).upstream).toBe('/app/x?fixed=1');
    expect((await get('/noargs/q?orig=1')).upstream).toBe('/app/y');
    expect((await get('/keepargs/q?orig=1')).upstream).toBe('/app/z?orig=1');
  });

  it('ends with =code, which error_page may answer', async () => {
    expect((await get('/strict/nothing')).status).toBe(404);
    const teapot = await get('/teapot/x');
    expect(teapot.status).toBe(418);
    expect(teapot.body).toBe('');
    expect(teapot.headers['content-type']).toBeUndefined();
    const gone = await get('/exact');
    expect(gone.status).toBe(410);
    expect(gone.body).toBe('hello\n');
  });

  it('in server {} applies only where no location matched: locations do not inherit it', async () => {
    const s = serveFiles(CONFIG.replace('    location / {', '    location /x/ {'), FILES);
    expect((await s('/nothing-here')).body).toBe('fallback\n');
    expect((await get('/plain/missing')).status).toBe(404);
  });

  it('with alias, strips the location prefix from candidates that hold variables', async () => {
    expect((await get('/st/app.js')).body).toBe('app\n');
    expect((await get('/st/')).body).toBe('public index\n');
    // A literal candidate keeps its text: public/ + /app.js.
    expect((await get('/st2/whatever')).body).toBe('app\n');
  });

  it('with alias in a regex location, appends $uri to the alias (so it rarely finds anything)', async () => {
    const res = await get('/rx/a.txt');
    expect(res.status).toBe(404);
    expect(reasons(res.trace, 'static')[0]).toContain('media/a.txt/rx/a.txt is missing');
  });

  it('refuses a bad =code when the config loads', () => {
    expect(() =>
      serveFiles('events {} http { server { location / { try_files $uri =abc; } } }', {}),
    ).toThrow('invalid code "=abc"');
  });
});
