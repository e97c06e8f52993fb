/**
 * What rewrite and return leave behind for later phases: the URI proxy_pass
 * sends after a rewrite, and $status while a response is being made.
 * Checked against nginx 1.22.1 (recorded cases proxy-pass-rewrite-then-new-location
 * and errors-status-variable-in-pages).
 */
import { describe, expect, it } from 'vitest';
import { serveFiles } from '../../test/support/serve-files';

const CONFIG = `events {}
http {
  server {
    listen 80;
    rewrite ^/srv/(.*)$ /new/$1 break;
    location /x/ { rewrite ^ /changed?z=1; proxy_pass http://127.0.0.1:3001; }
    location /y/ { rewrite ^/y/(.*) /new/$1 break; proxy_pass http://127.0.0.1:3001/b/; }
    location /new/ { proxy_pass http://127.0.0.1:3001/n/; }
    location /changed { proxy_pass http://127.0.0.1:3001/c; }
    location /r { return 201 "s=$status"; }
    location /a { error_page 404 =200 @n; return 404; }
    location /b { error_page 404 @n; return 404; }
    location /c { error_page 404 = @n; return 404; }
    location @n { return 202 "named s=$status"; }
  }
}`;

const get = serveFiles(CONFIG, {});

describe('the URI proxy_pass sends after a rewrite', () => {
  it('a rewrite without a flag finds a new location, whose prefix is then replaced', async () => {
    expect((await get('/x/foo?a=b')).upstream).toBe('/c?z=1&a=b');
  });

  it('after rewrite ... break the whole new URI is sent, in a location or in the server', async () => {
    expect((await get('/y/foo')).upstream).toBe('/new/foo');
    expect((await get('/srv/foo')).upstream).toBe('/new/foo');
  });
});

describe('$status', () => {
  it('return sets the status before its text is evaluated', async () => {
    expect((await get('/r')).body).toBe('s=201');
  });

  it('in an error page it is the status the page will be sent with', async () => {
    expect(await get('/a')).toMatchObject({ status: 200, body: 'named s=200' });
    expect(await get('/b')).toMatchObject({ status: 404, body: 'named s=404' });
    expect(await get('/c')).toMatchObject({ status: 202, body: 'named s=202' });
  });
});

describe('the rewritten URI and query string', () => {
  const rewrite = serveFiles(
    `events {}
http {
  server {
    listen 80;
    location /l/ { rewrite ^/l/(.*) /new/$1 last; }
    location /q/ { rewrite ^/q/(.*) /show?v=$1 last; }
    location /r/ { rewrite ^/r/(.*) /target/$1 permanent; }
    location /new/ { return 200 "uri=$uri args=$args"; }
    location /show { return 200 "args=$args"; }
  }
}`,
    {},
  );

  it('a ? that comes from a capture stays in the URI', async () => {
    expect((await rewrite('/l/q%3F')).body).toBe('uri=/new/q? args=');
  });

  it('captures in the query part are escaped when the path was', async () => {
    expect((await rewrite('/q/a%20b%26c?k=1')).body).toBe('args=v=a%20b%26c&k=1');
    expect((await rewrite('/q/plain?k=1')).body).toBe('args=v=plain&k=1');
  });

  it('a redirect escapes captures, then unescapes printable bytes before the ?', async () => {
    expect((await rewrite('/r/a%20b%41%3F?k=1')).headers.location).toBe(
      'http://example.com/target/a%20bA??k=1',
    );
  });
});
