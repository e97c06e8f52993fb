/**
 * root, alias, index and the static content handler, through the engine.
 * Every status, header and body here was checked against nginx 1.22.1.
 */
import { describe, expect, it } from 'vitest';
import { reasons, serveFiles } from '../../../test/support/serve-files';

const FILES = {
  'html/index.html': 'home\n',
  'html/file.txt': '0123456789\n',
  'html/docs/index.html': 'docs\n',
  'html/noindex/x.txt': 'x\n',
  'html/multi/b.html': 'b\n',
  'html/my dir/index.html': 'spaced\n',
  'html/idxdir/index.html/inner.txt': 'inner\n',
  'public/app.js': 'app\n',
  'publicapp.js': 'no slash\n',
  'media/logo.txt': 'logo\n',
  'media/img/logo.txt': 'img logo\n',
  '/var/www/site/abs.txt': 'absolute\n',
};

const CONFIG = `events {}
http {
  types { text/html html; text/plain txt; application/javascript js; }
  server {
    listen 80;
    root html/;
    location /multi/ { index a.html b.html; }
    location /abs-index/ { index missing.html /file.txt; }
    location /static/ { alias public/; }
    location /noslash/ { alias public; }
    location /st { alias public/; }
    location ~ ^/img/(.+\\.txt)$ { alias media/$1; }
    location ~ \\.css$ { alias public/; }
    location /nest/ { alias media/; location /nest/img/ { } }
    location /site/ { root /var/www; }
  }
}
`;

const get = serveFiles(CONFIG, FILES);

describe('root: the file is root + URI', () => {
  it('serves a file with its type, length and validators', async () => {
    const res = await get('/file.txt');
    expect(res.status).toBe(200);
    expect(res.body).toBe('0123456789\n');
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['content-length']).toBe('11');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['etag']).toMatch(/^"[0-9a-f]+-b"$/);
    expect(res.headers['last-modified']).toMatch(/ GMT$/);
    expect(reasons(res.trace, 'static')).toEqual([
      'html/file.txt is a file: 200 (root html (line 6))',
    ]);
  });

  it('maps an absolute root to keys written with that absolute path', async () => {
    expect((await get('/site/abs.txt')).body).toBe('absolute\n');
    expect(reasons((await get('/site/nope.txt')).trace, 'static')).toEqual([
      '/var/www/site/nope.txt does not exist: 404 (root /var/www (line 15))',
    ]);
  });

  it('answers 404 for a missing file and for a file used as a directory', async () => {
    expect((await get('/nope.txt')).status).toBe(404);
    expect((await get('/file.txt/')).status).toBe(404);
  });

  it('redirects a directory without its slash to URI/ with the args, escaped', async () => {
    const res = await get('/docs?x=1&y');
    expect(res.status).toBe(301);
    expect(res.headers['location']).toBe('http://example.com/docs/?x=1&y');
    expect(reasons(res.trace, 'static')[0]).toBe(
      'html/docs is a directory: 301 to /docs/?x=1&y (root html (line 6))',
    );
    expect((await get('/my%20dir')).headers['location']).toBe('http://example.com/my%20dir/');
  });

  it('drops the body of HEAD but keeps the headers', async () => {
    const res = await get('/file.txt', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(res.headers['content-length']).toBe('11');
  });
});

describe('methods', () => {
  it('refuses anything but GET, HEAD and POST with 405, whether or not the file exists', async () => {
    expect((await get('/missing', { method: 'PUT', body: 'a' })).status).toBe(405);
    expect((await get('/file.txt', { method: 'DELETE' })).status).toBe(405);
  });

  it('looks up POST first: 404 when missing, 301 for a directory, 405 for a file', async () => {
    expect((await get('/missing', { method: 'POST', body: 'a' })).status).toBe(404);
    expect((await get('/docs', { method: 'POST', body: 'a' })).status).toBe(301);
    expect((await get('/file.txt', { method: 'POST', body: 'a' })).status).toBe(405);
  });

  it('follows index for POST too, then refuses the file (405) or the listing (403)', async () => {
    expect((await get('/docs/', { method: 'POST', body: 'a' })).status).toBe(405);
    expect((await get('/noindex/', { method: 'POST', body: 'a' })).status).toBe(403);
  });
});

describe('index', () => {
  it('redirects internally to the first index that exists (index.html by default)', async () => {
    const res = await get('/docs/');
    expect(res.body).toBe('docs\n');
    expect(res.headers['content-type']).toBe('text/html');
    expect(reasons(res.trace, 'static')[0]).toBe(
      'index: html/docs/index.html exists → internal redirect to /docs/index.html',
    );
    expect((await get('/multi/')).body).toBe('b\n');
  });

  it('answers 403 for an existing directory without an index, 404 when the directory is missing', async () => {
    const forbidden = await get('/noindex/');
    expect(forbidden.status).toBe(403);
    expect(reasons(forbidden.trace, 'static')[0]).toContain('autoindex is off');
    expect((await get('/nodir/')).status).toBe(404);
  });

  it('checks the directory before trying an absolute index', async () => {
    // /abs-index/ is not a directory: nginx stops at 404 before reaching /file.txt.
    expect((await get('/abs-index/')).status).toBe(404);
    const files = { 'html/abs-index/x': '', 'html/file.txt': 'f\n' };
    const withDir = serveFiles(CONFIG, files);
    expect((await withDir('/abs-index/')).body).toBe('f\n');
  });

  it('takes a directory named like the index as found (then redirects it to its slash)', async () => {
    const res = await get('/idxdir/');
    expect(res.status).toBe(301);
    expect(res.headers['location']).toBe('http://example.com/idxdir/index.html/');
  });

  it('evaluates variables in index names; an absolute result is a URI', async () => {
    const v = serveFiles(
      'events {} http { server { listen 80; location /v/ { index $arg_i; index two.html; } } }',
      { 'html/v/one.html': 'one\n', 'html/file.txt': 'file\n' },
    );
    expect((await v('/v/?i=one.html')).body).toBe('one\n');
    expect((await v('/v/?i=/file.txt')).body).toBe('file\n');
    // An empty name finds the directory itself: nginx loops until it gives up with 500.
    expect((await v('/v/')).status).toBe(500);
  });
});

describe('alias: the location prefix is replaced', () => {
  it('serves /static/app.js from public/app.js, and 404s what is missing', async () => {
    const res = await get('/static/app.js');
    expect(res.body).toBe('app\n');
    expect(res.headers['content-type']).toBe('application/javascript');
    expect((await get('/static/missing.js')).status).toBe(404);
  });

  it('glues an alias without a trailing slash to the rest of the URI', async () => {
    expect((await get('/noslash/app.js')).body).toBe('no slash\n');
  });

  it('lets a prefix without a slash climb out of the alias (the alias traversal)', async () => {
    expect((await get('/st../media/logo.txt')).body).toBe('logo\n');
  });

  it('in a regex location, is the whole path: captures pick the file', async () => {
    expect((await get('/img/logo.txt')).body).toBe('logo\n');
    // Without captures every URI maps to the alias itself, a directory.
    const res = await get('/x/y.css');
    expect(res.status).toBe(301);
    expect(res.headers['location']).toBe('http://example.com/x/y.css/');
  });

  it('is inherited by a nested location with the outer prefix', async () => {
    expect((await get('/nest/img/logo.txt')).body).toBe('img logo\n');
  });

  it('redirects a directory to URI/ with args', async () => {
    const sub = serveFiles(CONFIG, { 'public/sub/a.txt': '' });
    expect((await sub('/static/sub?a=b')).headers['location']).toBe(
      'http://example.com/static/sub/?a=b',
    );
  });
});

describe('conditional and range requests on files', () => {
  it('answers 304 without type or length to If-None-Match *', async () => {
    const res = await get('/file.txt', { headers: { 'If-None-Match': '*' } });
    expect(res.status).toBe(304);
    expect(res.body).toBe('');
    expect(res.headers['content-type']).toBeUndefined();
    expect(res.headers['etag']).toBeDefined();
  });

  it('answers 304 to If-Modified-Since equal to the Last-Modified it sent', async () => {
    const first = await get('/file.txt');
    const again = await get('/file.txt', {
      headers: { 'If-Modified-Since': first.headers['last-modified']! },
    });
    expect(again.status).toBe(304);
  });

  it('answers 412 when If-Match names another ETag', async () => {
    expect((await get('/file.txt', { headers: { 'If-Match': '"nope"' } })).status).toBe(412);
  });

  it('sends one range as 206 with Content-Range, and 416 with bytes */size when unsatisfiable', async () => {
    const part = await get('/file.txt', { headers: { Range: 'bytes=-3' } });
    expect(part.status).toBe(206);
    expect(part.body).toBe('89\n');
    expect(part.headers['content-range']).toBe('bytes 8-10/11');
    const none = await get('/file.txt', { headers: { Range: 'bytes=50-' } });
    expect(none.status).toBe(416);
    expect(none.headers['content-range']).toBe('bytes */11');
    expect(none.headers['content-type']).toBe('text/html');
  });

  it('sends several ranges as multipart/byteranges with a counter for boundary', async () => {
    const g = serveFiles(CONFIG, FILES);
    const one = await g('/file.txt', { headers: { Range: 'bytes=2-3,5-6' } });
    expect(one.headers['content-type']).toBe('multipart/byteranges; boundary=00000000000000000001');
    expect(one.body).toBe(
      '\r\n--00000000000000000001\r\nContent-Type: text/plain\r\nContent-Range: bytes 2-3/11\r\n\r\n23' +
        '\r\n--00000000000000000001\r\nContent-Type: text/plain\r\nContent-Range: bytes 5-6/11\r\n\r\n56' +
        '\r\n--00000000000000000001--\r\n',
    );
    const two = await g('/file.txt', { headers: { Range: 'bytes=0-0,2-2' } });
    expect(two.headers['content-type']).toContain('boundary=00000000000000000002');
  });
});

describe('expires', () => {
  const e = serveFiles(
    `events {}
http {
  server {
    listen 80;
    location /max/ { alias html/; expires max; }
    location /epoch/ { alias html/; expires epoch; add_header Cache-Control private; }
    location /hour/ { alias html/; expires 1h; }
    location /neg/ { alias html/; expires -1; }
    location /mod/ { alias html/; expires modified 2h; }
    location /app/ { expires max; proxy_pass http://127.0.0.1:3001/; }
  }
}
`,
    { 'html/file.txt': 'x\n' },
  );

  it('sets Expires and Cache-Control for max and epoch, before add_header', async () => {
    const max = await e('/max/file.txt');
    expect(max.headers['expires']).toBe('Thu, 31 Dec 2037 23:55:55 GMT');
    expect(max.headers['cache-control']).toBe('max-age=315360000');
    const epoch = await e('/epoch/file.txt');
    expect(epoch.headers['expires']).toBe('Thu, 01 Jan 1970 00:00:01 GMT');
    expect(epoch.all.filter(([n]) => n === 'cache-control').map(([, v]) => v)).toEqual([
      'no-cache',
      'private',
    ]);
  });

  it('counts a time from now, or from Last-Modified with `modified`; negative is no-cache', async () => {
    const hour = await e('/hour/file.txt');
    expect(hour.headers['cache-control']).toBe('max-age=3600');
    expect(Date.parse(hour.headers['expires']!) - Date.parse(hour.headers['date']!)).toBe(3600_000);
    expect((await e('/neg/file.txt')).headers['cache-control']).toBe('no-cache');
    const mod = await e('/mod/file.txt');
    expect(Date.parse(mod.headers['expires']!) - Date.parse(mod.headers['last-modified']!)).toBe(
      7200_000,
    );
  });

  it('replaces the Cache-Control and Expires of a backend', async () => {
    const proxied = serveFiles(
      'events {} http { server { listen 80; location / { expires epoch; proxy_pass http://127.0.0.1:3001; } } }',
      {},
      {
        routes: [
          { path: '/cc', status: 200, headers: { 'Cache-Control': 'public', Expires: '0' } },
        ],
      },
    );
    const res = await proxied('/cc');
    expect(res.all.filter(([n]) => n === 'cache-control' || n === 'expires')).toEqual([
      ['cache-control', 'no-cache'],
      ['expires', 'Thu, 01 Jan 1970 00:00:01 GMT'],
    ]);
  });

  it('leaves error statuses alone', async () => {
    const missing = await e('/max/missing');
    expect(missing.status).toBe(404);
    expect(missing.headers['expires']).toBeUndefined();
  });
});
