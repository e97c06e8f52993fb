import { describe, expect, it } from 'vitest';
import { defaultRequest } from './load-default-request';

const server = (inside: string) => `events {}\nhttp {\n  server {\n${inside}\n  }\n}\n`;

describe('defaultRequest', () => {
  it.each([
    [
      'the first plain server_name',
      server('listen 80; server_name _ *.x.org app.test www.app.test;'),
      'http://app.test/',
    ],
    [
      'its listen port',
      server('listen 127.0.0.1:8080; server_name app.test;'),
      'http://app.test:8080/',
    ],
    [
      'https when the server listens with ssl',
      server('listen 443 ssl; server_name app.test;'),
      'https://app.test/',
    ],
    ['example.com without a server_name', server('listen 80;'), 'http://example.com/'],
    [
      'example.com for a config that does not parse',
      'events {}\nhttp { server { server_name "a',
      'http://example.com/',
    ],
    [
      'the first server block only',
      server('listen 80;') + 'http { server { server_name late.test; } }',
      'http://example.com/',
    ],
  ])('uses %s', (_what, config, url) => {
    expect(defaultRequest(config)).toEqual({
      method: 'GET',
      url,
      headers: [],
      body: null,
      client: '127.0.0.1',
      waitMs: 0,
    });
  });
});
