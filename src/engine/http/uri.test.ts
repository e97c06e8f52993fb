import { describe, expect, it } from 'vitest';
import { escapeUri, normalizePath, parseTarget } from './uri';

describe('parseTarget', () => {
  it('decodes, merges slashes and resolves dot segments; keeps the query raw', () => {
    expect(parseTarget('/a//b/./c/../d%41?x=%41&y')).toEqual({
      path: '/a/b/dA',
      args: 'x=%41&y',
      quoted: true,
    });
  });

  it('refuses what nginx answers 400 to', () => {
    expect(parseTarget('/../etc/passwd')).toBeNull();
    expect(parseTarget('/a/%2e%2e/%2e%2e/x')).toBeNull();
    expect(parseTarget('/bad%zz')).toBeNull();
    expect(parseTarget('/nul%00')).toBeNull();
    expect(parseTarget('relative')).toBeNull();
  });
});

describe('normalizePath', () => {
  it.each([
    ['/', '/'],
    ['//', '/'],
    ['/a/', '/a/'],
    ['/a/.', '/a/'],
    ['/a/..', '/'],
    ['/a/b/..', '/a/'],
    ['/a/./b', '/a/b'],
  ])('%s → %s', (input, output) => {
    expect(normalizePath(input)).toBe(output);
  });
});

describe('escapeUri', () => {
  it('escapes as NGX_ESCAPE_URI does: controls, space, #, %, ?, DEL and bytes above 0x7f', () => {
    expect(escapeUri('/a b#c%d?e\u007f\u00e9/ok-_.~!$&')).toBe(
      '/a%20b%23c%25d%3Fe%7F%E9/ok-_.~!$&',
    );
  });
});
