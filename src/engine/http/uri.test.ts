import { describe, expect, it } from 'vitest';
import { escapeArgs, escapeUri, normalizePath, parseTarget, unescapeRedirect } from './uri';

describe('parseTarget', () => {
  it('decodes, merges slashes and resolves dot segments; keeps the query raw', () => {
    expect(parseTarget('/a//b/./c/../d%41?x=%41&y')).toEqual({
      path: '/a/b/dA',
      args: 'x=%41&y',
      quoted: true,
    });
  });

  it('ends the path and the query string at a #, which may come before any ?', () => {
    expect(parseTarget('/x?a=1#fr?ag&a=2')).toEqual({ path: '/x', args: 'a=1', quoted: false });
    expect(parseTarget('/a#b/../c?d')).toEqual({ path: '/a', args: '', quoted: false });
    expect(parseTarget('/%41#%zz')).toEqual({ path: '/A', args: '', quoted: true });
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

describe('escapeArgs and unescapeRedirect', () => {
  it('escapes what nginx escapes in a query string', () => {
    expect(escapeArgs('a b&c+d;e?f#g%h/i=j')).toBe('a%20b%26c%2Bd%3Be%3Ff%23g%25h/i=j');
  });

  it('decodes printable escapes above % up to the first ?, keeps the rest', () => {
    expect(unescapeRedirect('/xA%41%20y%3f?q=%41')).toBe('/xAA%20y??q=%41');
    expect(unescapeRedirect('/x%3F%41')).toBe('/x?%41');
    expect(unescapeRedirect('/t/A%2541%zz%4')).toBe('/t/A%2541zz');
  });
});
