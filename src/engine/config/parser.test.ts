import { describe, expect, it } from 'vitest';
import { compileConfig } from '../compile';
import { ConfigError } from '../errors';
import { lookupDirective } from '../modules';
import { parseConfig } from './parser';

function refusal(text: string): ConfigError {
  try {
    compileConfig(text);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('config loaded');
}

function errorOf(text: string): { message: string; line: number | null } {
  const e = refusal(text);
  return { message: e.message, line: e.line };
}

const wrap = (server: string) =>
  `events {}\nhttp {\n  server {\n    listen 80;\n${server}\n  }\n}\n`;

describe('parseConfig', () => {
  it('produces crossplane-shaped nodes with lines, quotes and escapes resolved', () => {
    const nodes = parseConfig(
      'events {}\nhttp {\n  # comment\n  map $a $b { default "x y"; }\n  log_format f \'a\\"b\' "c\\td";\n}\n',
      { lookup: lookupDirective },
    );
    expect(nodes.map((n) => n.directive)).toEqual(['events', 'http']);
    const http = nodes[1]!;
    expect(http.block!.map((n) => [n.directive, n.args, n.line])).toEqual([
      ['map', ['$a', '$b'], 4],
      ['log_format', ['f', 'a"b', 'c\td'], 5],
    ]);
    expect(http.block![0]!.block).toEqual([
      expect.objectContaining({ directive: 'default', args: ['x y'] }),
    ]);
  });

  it('keeps ${var} braces and unknown backslashes inside words', () => {
    const nodes = parseConfig('events {}\nhttp { map ${host}x $y { ~^a\\d+ 1; } }\n', {
      lookup: lookupDirective,
    });
    const map = nodes[1]!.block![0]!;
    expect(map.args).toEqual(['${host}x', '$y']);
    expect(map.block![0]!.directive).toBe('~^a\\d+');
  });
});

describe("config errors in nginx's words", () => {
  it.each([
    [
      'unknown directive',
      wrap('    proxy_pas http://127.0.0.1:3001;'),
      'unknown directive "proxy_pas"',
      5,
    ],
    [
      'missing semicolon before }',
      wrap('    location / {\n      proxy_pass http://127.0.0.1:3001\n    }'),
      'unexpected "}"',
      7,
    ],
    [
      'not allowed here',
      wrap('    proxy_pass http://127.0.0.1:3001;'),
      '"proxy_pass" directive is not allowed here',
      5,
    ],
    [
      'arity',
      wrap('    location / { add_header X-Only; }'),
      'invalid number of arguments in "add_header" directive',
      5,
    ],
    [
      'flag value',
      wrap('    location / { proxy_pass_request_body maybe; }'),
      'invalid value "maybe" in "proxy_pass_request_body" directive, it must be "on" or "off"',
      5,
    ],
    [
      'duplicate scalar',
      wrap('    location / { proxy_http_version 1.1; proxy_http_version 1.0; }'),
      '"proxy_http_version" directive is duplicate',
      5,
    ],
    ['block without {', 'events;\nhttp {}\n', 'directive "events" has no opening "{"', 1],
    ['value with {', wrap('    root html {'), 'directive "root" is not terminated by ";"', 5],
    ['lone semicolon', wrap('    ;'), 'unexpected ";"', 5],
    ['stray }', 'events {}\n}\n', 'unexpected "}"', 2],
    ['unclosed block', 'events {}\nhttp {\n', 'unexpected end of file, expecting "}"', 3],
    [
      'unterminated directive',
      'events {}\nhttp { server { listen 80',
      'unexpected end of file, expecting ";" or "}"',
      2,
    ],
    ['text right after a quote', wrap('    return 200 "a"b;'), 'unexpected "b"', 5],
    [
      'duplicate location',
      wrap('    location /a { }\n    location /a { }'),
      'duplicate location "/a"',
      6,
    ],
    [
      'bad upstream parameter',
      'events {}\nhttp {\n  upstream u { server 127.0.0.1:1 wieght=1; }\n}\n',
      'invalid parameter "wieght=1"',
      3,
    ],
    ['bad listen', wrap('    listen 80x;'), 'host not found in "80x" of the "listen" directive', 5],
    ['bad return code', wrap('    return abc;'), 'invalid return code "abc"', 5],
    [
      'nested location outside parent',
      wrap('    location /a { location /b { } }'),
      'location "/b" is outside location "/a"',
      5,
    ],
    [
      'unresolvable proxy_pass host',
      wrap('    location / { proxy_pass http://backend-pool; }'),
      'host not found in upstream "backend-pool"',
      5,
    ],
    [
      'missing file',
      wrap('    include missing.conf;'),
      'open() "missing.conf" failed (2: No such file or directory)',
      5,
    ],
  ])('%s', (_label, text, message, line) => {
    expect(errorOf(text)).toEqual({ message, line });
  });

  it('reports problems found after reading the file without a line', () => {
    expect(errorOf('http { }\n')).toEqual({
      message: 'no "events" section in configuration',
      line: null,
    });
    expect(errorOf(wrap('    location / { return 200 $request_idd; }'))).toEqual({
      message: 'unknown "request_idd" variable',
      line: null,
    });
  });

  it('finds the upstream a proxy_pass names wherever the upstream block is', () => {
    expect(() =>
      compileConfig(
        wrap('    location / { proxy_pass http://later; }').replace(
          /}\n$/,
          '  upstream later { server 127.0.0.1:3001; }\n}\n',
        ),
      ),
    ).not.toThrow();
  });

  it('refuses a URI part in proxy_pass inside a regex location', () => {
    expect(
      errorOf(wrap('    location ~ ^/x { proxy_pass http://127.0.0.1:3001/y; }')).message,
    ).toMatch(/^"proxy_pass" cannot have URI part in location given by regular expression/);
  });

  it('names real nginx directives the sandbox does not simulate yet, once nginx itself has no objection', () => {
    expect(errorOf(wrap('    gzip_static on;'))).toEqual({
      message: '"gzip_static" directive is not supported by the sandbox yet',
      line: 5,
    });
    expect(errorOf(wrap('    gzip_static on;\n    proxy_pas x;'))).toEqual({
      message: 'unknown directive "proxy_pas"',
      line: 6,
    });
    expect(refusal(wrap('    gzip_static on;')).refusedBy).toBe('sandbox');
    expect(refusal(wrap('    gzip_static maybe;')).refusedBy).toBe('nginx');
  });

  it('includes the built-in mime.types', () => {
    const config = compileConfig(
      'events {}\nhttp {\n  include mime.types;\n  server { listen 80; }\n}\n',
    );
    expect(config.http!.level.value<Map<string, string>>('types')!.get('css')).toBe('text/css');
  });
});
