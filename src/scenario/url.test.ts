import { describe, expect, it } from 'vitest';
import { hostHeader, urlOf, urlParts } from './url';

describe('a request URL’s parts', () => {
  it('splits scheme, host with its port, and the path with its query', () => {
    expect(urlParts('https://example.com:8443/x?y=1')).toEqual({
      scheme: 'https',
      host: 'example.com:8443',
      path: '/x?y=1',
    });
  });

  it('keeps the path as written, drops the fragment, and gives a bare host the path /', () => {
    expect(urlParts('http://example.com/a/../b//c#top').path).toBe('/a/../b//c');
    expect(urlParts('http://example.com').path).toBe('/');
    expect(urlParts('http://example.com?q=1').path).toBe('/?q=1');
    expect(urlParts('HTTPS://example.com/').scheme).toBe('https');
  });

  it('joins the parts back into the URL they came from', () => {
    for (const url of ['http://example.com/', 'https://[::1]:8443/a?b=c', 'http://a:81/x//y'])
      expect(urlOf(urlParts(url))).toBe(url);
  });

  it('gives the Host header without the scheme’s default port', () => {
    expect(hostHeader('http://example.com:80/')).toBe('example.com');
    expect(hostHeader('https://example.com:443/')).toBe('example.com');
    expect(hostHeader('https://example.com:80/')).toBe('example.com:80');
    expect(hostHeader('http://example.com:8080/')).toBe('example.com:8080');
  });
});
