/**
 * gzip through the engine: which responses are compressed and for whom, the
 * headers that change, the injected compressor, and the config errors. The
 * expected answers were recorded from nginx 1.22.1 (the recorded
 * compression-* conformance cases, and `curl -I` for HEAD, which the
 * conformance format cannot hold).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createBackendTransport } from '../../backends';
import {
  clientRequest,
  compileConfig,
  createProxy,
  headerValue,
  headerValues,
  VirtualClock,
} from '..';
import type { TraceEvent } from '../trace';
import { acceptsGzip } from './gzip';
import { streamGzip, type GzipCompressor } from './gzip-compress';
import { refusalOf } from '../../../test/support/config-error';

const BODY = 'hello compression '.repeat(20);

function setup(http: string, options: { gzip?: GzipCompressor } = {}) {
  const config = `events {}
http {
  gzip on;
  ${http}
  server {
    listen 80;
    location / { proxy_pass http://127.0.0.1:3001; }
    location = /ret { return 200 "${BODY}"; }
  }
}
`;
  const clock = new VirtualClock();
  const transport = createBackendTransport(
    {
      '127.0.0.1:3001': {
        name: 'app',
        routes: [
          { path: '/text', headers: { 'content-type': 'text/plain' }, body: BODY },
          { path: '/html', headers: { 'content-type': 'text/html', etag: '"v1"' }, body: BODY },
          {
            path: '/vary',
            headers: { 'content-type': 'text/html', vary: 'Origin' },
            body: BODY,
          },
          { path: '/error', status: 500, headers: { 'content-type': 'text/html' }, body: BODY },
        ],
      },
    },
    clock,
  );
  const engine = createProxy(config, { clock, transport, stockFiles: false, ...options });
  const send = async (
    path: string,
    headers: Record<string, string> = { 'Accept-Encoding': 'gzip' },
    method = 'GET',
  ) => {
    const result = await engine.handle(
      clientRequest({ method, url: `http://example.com${path}`, headers }),
    );
    const compress = result.trace.find(
      (e): e is Extract<TraceEvent, { type: 'compress' }> => e.type === 'compress',
    );
    return { response: result.response!, compress };
  };
  return { send };
}

const zlib: GzipCompressor = (data, level) => Promise.resolve(gzipSync(data, { level }));

describe('gzip', () => {
  it('compresses a listed type: Content-Encoding added, Content-Length dropped, ETag weakened', async () => {
    const { send } = setup('', { gzip: zlib });
    const { response, compress } = await send('/html');
    expect(headerValue(response.headers, 'content-encoding')).toBe('gzip');
    expect(headerValue(response.headers, 'content-length')).toBeUndefined();
    expect(headerValue(response.headers, 'etag')).toBe('W/"v1"');
    expect(gunzipSync(response.body).toString()).toBe(BODY);
    expect(compress).toMatchObject({
      compressed: true,
      sizeBefore: BODY.length,
      sizeAfter: response.body.length,
      level: 1,
    });
    expect(compress!.ratio).toBeGreaterThan(5);
  });

  it('hands gzip_comp_level to the injected compressor', async () => {
    const levels: number[] = [];
    const spy: GzipCompressor = (data, level) => {
      levels.push(level);
      return zlib(data, level);
    };
    const { send } = setup('gzip_comp_level 9;', { gzip: spy });
    await send('/html');
    expect(levels).toEqual([9]);
  });

  it('makes valid gzip with the platform CompressionStream by default', async () => {
    const { send } = setup('gzip_types text/plain;');
    const { response } = await send('/text');
    expect(gunzipSync(response.body).toString()).toBe(BODY);
    const direct = await streamGzip(new TextEncoder().encode('abc'), 6);
    expect(gunzipSync(direct).toString()).toBe('abc');
  });

  it('leaves unlisted types alone, and says why', async () => {
    const { send } = setup('');
    const { response, compress } = await send('/text');
    expect(headerValue(response.headers, 'content-encoding')).toBeUndefined();
    expect(compress).toMatchObject({ compressed: false, vary: false });
    expect(compress!.reason).toContain('not in gzip_types');
  });

  it('compresses only 200, 403 and 404', async () => {
    const { send } = setup('');
    const { response, compress } = await send('/error');
    expect(response.status).toBe(500);
    expect(headerValue(response.headers, 'content-encoding')).toBeUndefined();
    expect(compress!.reason).toContain('status 500');
  });

  it('compresses what nginx writes itself: return text with gzip_types, its own 404 page', async () => {
    const { send } = setup('gzip_types text/plain;', { gzip: zlib });
    const ret = await send('/ret');
    expect(headerValue(ret.response.headers, 'content-encoding')).toBe('gzip');
    expect(gunzipSync(ret.response.body).toString()).toBe(BODY);
  });

  it('sends a HEAD response the headers of a compressed one, and no body', async () => {
    const { send } = setup('gzip_vary on;', { gzip: zlib });
    const { response } = await send('/html', { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(headerValue(response.headers, 'content-encoding')).toBe('gzip');
    expect(headerValue(response.headers, 'content-length')).toBeUndefined();
    expect(headerValue(response.headers, 'vary')).toBe('Accept-Encoding');
    expect(response.body.length).toBe(0);
  });

  it('adds Vary with gzip_vary even when this client gets plain text, before the backend’s Vary', async () => {
    const { send } = setup('gzip_vary on;', { gzip: zlib });
    const plain = await send('/html', {});
    expect(headerValues(plain.response.headers, 'vary')).toEqual(['Accept-Encoding']);
    expect(plain.compress!.reason).toContain('no Accept-Encoding');
    const both = await send('/vary');
    expect(headerValues(both.response.headers, 'vary')).toEqual(['Accept-Encoding', 'Origin']);
  });

  it('does not compress for a request that came through a proxy unless gzip_proxied allows it', async () => {
    const { send } = setup('');
    const { response, compress } = await send('/html', {
      'Accept-Encoding': 'gzip',
      Via: '1.1 cdn',
    });
    expect(headerValue(response.headers, 'content-encoding')).toBeUndefined();
    expect(compress!.reason).toContain('gzip_proxied is off');
  });

  it('refuses MSIE 4–6 with msie6, and User-Agents matching a gzip_disable regex (caseless)', async () => {
    const { send } = setup('gzip_disable msie6; gzip_disable "curl/\\d";');
    const ie6 = await send('/html', {
      'Accept-Encoding': 'gzip',
      'User-Agent': 'Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)',
    });
    expect(ie6.compress!.reason).toContain('msie6');
    const curl = await send('/html', { 'Accept-Encoding': 'gzip', 'User-Agent': 'CURL/8' });
    expect(curl.compress!.reason).toContain('gzip_disable "curl/\\d"');
  });
});

describe('Accept-Encoding as nginx reads it', () => {
  // Each answer was recorded from nginx 1.22.1 (probe in the compression cases).
  it.each([
    ['gzip', true],
    ['GZIP', true],
    ['gzip, deflate', true],
    ['deflate,gzip', true],
    ['br, gzip', true],
    ['gzip;q=0.5', true],
    ['gzip; q=0', false],
    ['gzip;q=0.000', false],
    ['gzip ;q=0', false],
    ['gzip;Q=0', false],
    ['gzip;q=1.001', false],
    ['gzip;q=0.0001', false],
    ['deflate, gzip;q=0', false],
    ['x-gzip', false],
    ['gzipx', false],
    ['*', false],
    ['identity;q=1, *;q=0', false],
    ['gzip;level=1', false],
    ['gzip, gzip;q=0', true],
    ['gzip;q=0, gzip', false],
  ])('%s → %s', (header, accepted) => {
    expect(acceptsGzip(header)).toBe(accepted);
  });
});

describe('gzip config errors, as nginx -t words them', () => {
  it.each([
    ['gzip_window 3k;', '"gzip_window" directive must be 512, 1k, 2k, 4k, 8k, 16k, or 32k'],
    [
      'gzip_hash 256k;',
      '"gzip_hash" directive must be 512, 1k, 2k, 4k, 8k, 16k, 32k, 64k, or 128k',
    ],
    ['gzip_comp_level 10;', 'value must be between 1 and 9'],
    ['gzip_comp_level x;', '"gzip_comp_level" directive invalid number'],
    ['gzip_min_length 1x;', '"gzip_min_length" directive invalid value'],
    ['gzip_min_length 10k; gzip_min_length 1;', '"gzip_min_length" directive is duplicate'],
    ['gzip_proxied sometimes;', 'invalid value "sometimes"'],
    ['gzip_http_version 2.0;', 'invalid value "2.0"'],
    ['gzip_buffers 0 4k;', '"gzip_buffers" directive invalid value'],
    ['gzip_buffers 16;', 'invalid number of arguments in "gzip_buffers" directive'],
    ['gzip_disable "(";', 'pcre2_compile() failed: missing closing parenthesis in "("'],
  ])('%s → %s', (http, message) => {
    const config = `events {}\nhttp {\n${http}\n  server { listen 80; location / { return 200; } }\n}\n`;
    expect(refusalOf(config)).toMatchObject({ message, line: 3 });
  });

  it('accepts repeated gzip_types, gzip_proxied and gzip_disable lines, and the tuning directives', () => {
    const http =
      'gzip_types text/css; gzip_types text/plain; gzip_proxied any; gzip_proxied expired; gzip_disable a; gzip_disable b; gzip_vary on; gzip_buffers 16 8k; gzip_window 16k; gzip_hash 64k; gzip_no_buffer on;';
    const config = `events {}\nhttp {\n${http}\n  server { listen 80; location / { return 200; } }\n}\n`;
    expect(() => compileConfig(config, { stockFiles: false })).not.toThrow();
  });
});
