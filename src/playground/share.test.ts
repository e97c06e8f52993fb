import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { scenarioArbitrary } from './share.arbitrary';
import type { PlaygroundScenario } from './playground-scenario';
import { decodeScenario, encodeScenario, readShareLink, shareUrl } from './share';

const scenario: PlaygroundScenario = {
  title: 'Two apps',
  config:
    'events {}\nhttp {\n  server { listen 80; location / { proxy_pass http://127.0.0.1:3000; } }\n}\n',
  backends: {
    '127.0.0.1:3000': { name: 'app-a', app: 'echo', routes: [{ path: '/x', status: 201 }] },
    '127.0.0.1:3001': { name: 'app-b', app: 'flaky', failRate: 0.5, failStatus: 'refused' },
  },
  files: { '/var/www/index.html': '<h1>hi</h1>' },
  request: {
    method: 'GET',
    url: 'http://example.com/',
    headers: [['Accept', '*/*']],
    body: null,
    client: '127.0.0.1',
  },
};

/** Link text for arbitrary bytes, as a hand-made or tampered link would carry them. */
const linkOf = (bytes: Uint8Array, version = 'v1') =>
  `${version}.${Buffer.from(bytes).toString('base64url')}`;
const deflated = (text: string) => deflateSync(new TextEncoder().encode(text));
const linkOfJson = (value: unknown) => linkOf(deflated(JSON.stringify(value)));

function message(text: string): string {
  const result = decodeScenario(text);
  if (result.ok) throw new Error('expected the link to be refused');
  return result.message;
}

describe('encodeScenario and decodeScenario', () => {
  test('a link is v1. and URL-safe characters only', () => {
    expect(encodeScenario(scenario)).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
  });

  test('round-trips a scenario exactly', () => {
    expect(decodeScenario(encodeScenario(scenario))).toEqual({ ok: true, scenario });
  });

  test('round-trips every generated scenario exactly', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (s) => {
        expect(decodeScenario(encodeScenario(s))).toStrictEqual({ ok: true, scenario: s });
      }),
      { numRuns: 200 },
    );
  });

  test('ignores spaces around the link, as a paste brings them', () => {
    expect(decodeScenario(`  ${encodeScenario(scenario)}\n`)).toEqual({ ok: true, scenario });
  });
});

describe('decodeScenario refuses, in words', () => {
  test('a link from a newer version', () => {
    const newer = encodeScenario(scenario).replace(/^v1\./, 'v2.');
    expect(message(newer)).toMatch(/^This link was made by a newer version of the sandbox\./);
  });

  test('a version it never wrote', () => {
    expect(message(encodeScenario(scenario).replace(/^v1\./, 'v0.'))).toBe(
      'This link is version 0, which the sandbox does not know.',
    );
  });

  test('text without a version', () => {
    expect(message('hello')).toBe('This is not a sandbox link: its scenario should start with v1.');
    expect(message('')).toBe('This is not a sandbox link: its scenario should start with v1.');
  });

  test('text far longer than any scenario makes, before decoding it', () => {
    expect(message(`v1.${'A'.repeat(2 * 1024 * 1024)}`)).toBe(
      'This link is too long to be a sandbox link.',
    );
  });

  test('a version written another way than the sandbox writes it', () => {
    expect(message(encodeScenario(scenario).replace(/^v1\./, 'v01.'))).toBe(
      'This is not a sandbox link: its scenario should start with v1.',
    );
  });

  test('a link cut short, wherever it was cut', () => {
    const whole = encodeScenario(scenario);
    for (let keep = 3; keep < whole.length - 1; keep += 7)
      expect(message(whole.slice(0, keep)), `kept ${keep}`).toBe(
        'This link is cut short. Copy the whole link and try again.',
      );
  });

  test('characters that are not base64url', () => {
    expect(message('v1.abc$def')).toMatch(/^This link is damaged: it contains characters/);
    expect(message('v1.ab+/cd==')).toMatch(/^This link is damaged: it contains characters/);
  });

  test('bytes that are not deflate', () => {
    expect(message(linkOf(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x00, 0x01])))).toBe(
      'This link is damaged: its contents cannot be unpacked. Was it changed?',
    );
  });

  test('contents that are not UTF-8 text', () => {
    expect(message(linkOf(deflateSync(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))))).toBe(
      'This link is damaged: its contents are not text. Was it changed?',
    );
  });

  test('contents that are not JSON', () => {
    expect(message(linkOf(deflated('{"title": "x",')))).toBe(
      'This link is damaged: its contents are not valid JSON. Was it changed?',
    );
  });

  test('a scenario that breaks the schema, naming the field', () => {
    const bad = {
      ...scenario,
      backends: { '127.0.0.1:3000': { name: 'a', failRate: 2 } },
    };
    expect(message(linkOfJson(bad))).toBe(
      'This link’s scenario is not one the sandbox can open: backends["127.0.0.1:3000"].failRate: must be between 0 and 1.',
    );
  });

  test('a field the format does not have', () => {
    expect(message(linkOfJson({ ...scenario, script: 'alert(1)' }))).toContain(
      'unknown field "script"',
    );
  });

  test('contents that unpack to more than 1 MB, without unpacking them all', () => {
    const bomb = linkOf(deflateSync(new Uint8Array(16 * 1024 * 1024).fill(0x20), { level: 9 }));
    expect(message(bomb)).toBe(
      'This link unpacks to more than 1 MB, more than a sandbox scenario can be.',
    );
  });

  test('a config over 100 KB', () => {
    expect(message(linkOfJson({ ...scenario, config: '#'.repeat(100 * 1024 + 1) }))).toContain(
      'config: must be at most 100 KB',
    );
  });

  test('a __proto__ key, anywhere, and nothing is polluted', () => {
    const top = `{"__proto__":{"polluted":true},${JSON.stringify(scenario).slice(1)}`;
    expect(message(linkOf(deflated(top)))).toContain(
      '__proto__: a key named __proto__ is not allowed',
    );

    const inHeaders = JSON.stringify({
      ...scenario,
      backends: { '127.0.0.1:3000': { name: 'a', routes: [{ path: '/', headers: { X: 'y' } }] } },
    }).replace('"X":"y"', '"__proto__":{"polluted":true}');
    expect(message(linkOf(deflated(inHeaders)))).toContain(
      'backends["127.0.0.1:3000"].routes[0].headers.__proto__: a key named __proto__ is not allowed',
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('a header value that would add a header of its own', () => {
    const bad = {
      ...scenario,
      backends: {
        '127.0.0.1:3000': {
          name: 'a',
          routes: [{ path: '/', headers: { X: 'y\r\nSet-Cookie: z' } }],
        },
      },
    };
    expect(message(linkOfJson(bad))).toContain(
      'backends["127.0.0.1:3000"].routes[0].headers.X: must be on one line',
    );
  });

  test('addresses, paths and apps that are not what the format says', () => {
    expect(message(linkOfJson({ ...scenario, backends: { app: { name: 'a' } } }))).toContain(
      'backends.app: a backend is keyed by host:port, like 127.0.0.1:3001',
    );
    expect(
      message(linkOfJson({ ...scenario, backends: { '127.0.0.1:70000': { name: 'a' } } })),
    ).toContain('the port must be between 1 and 65535');
    expect(message(linkOfJson({ ...scenario, files: { 'www/x': '' } }))).toContain(
      'files["www/x"]: a file path must be absolute',
    );
    expect(
      message(
        linkOfJson({ ...scenario, backends: { '127.0.0.1:3000': { name: 'a', app: 'php' } } }),
      ),
    ).toContain(
      'backends["127.0.0.1:3000"].app: must be one of echo, site, api, slow, flaky, caching',
    );
  });

  test('a value of the wrong kind at the top', () => {
    expect(message(linkOfJson([1, 2]))).toContain('expected object');
    expect(message(linkOfJson(null))).toContain('expected object');
  });
});

test('a backend named <script> is kept as the plain text it is', () => {
  const name = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const s = { ...scenario, title: name, backends: { '127.0.0.1:3000': { name } } };
  const result = decodeScenario(encodeScenario(s));
  expect(result).toEqual({ ok: true, scenario: s });
  expect(result.ok && result.scenario.backends['127.0.0.1:3000']?.name).toBe(name);
});

describe('shareUrl and readShareLink', () => {
  test('the playground address on the same page, whatever hash it had', () => {
    const url = shareUrl(scenario, { href: 'https://example.org/sandbox/?x=1#/lesson/caching' });
    expect(url).toBe(`https://example.org/sandbox/?x=1#/playground?s=${encodeScenario(scenario)}`);
    expect(readShareLink(url)).toEqual({ ok: true, scenario });
  });

  test('a pasted hash or bare link text reads as well', () => {
    const encoded = encodeScenario(scenario);
    expect(readShareLink(`#/playground?s=${encoded}`)).toEqual({ ok: true, scenario });
    expect(readShareLink(encoded)).toEqual({ ok: true, scenario });
  });

  test('an address without a scenario says so', () => {
    const result = readShareLink('https://example.org/#/playground');
    expect(result).toEqual({
      ok: false,
      message: 'This is not a sandbox link: it has no scenario in it (no s= after #/playground?).',
    });
  });
});
