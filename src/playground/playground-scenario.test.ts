import { expect, test } from 'vitest';
import { checkScenario, fieldPath, type PlaygroundScenario } from './playground-scenario';

const scenario: PlaygroundScenario = {
  title: 'One app',
  config: 'events {}\n',
  backends: { '127.0.0.1:3000': { name: 'app' } },
  files: {},
};

test('a valid scenario comes back as it went in', () => {
  expect(checkScenario(scenario)).toEqual({ ok: true, scenario });
});

test('a scenario over 1 MB in all is refused, though each part is within its limit', () => {
  const files = Object.fromEntries(
    Array.from({ length: 11 }, (_, i) => [`/f${i}`, 'x'.repeat(100 * 1024)]),
  );
  expect(checkScenario({ ...scenario, files })).toEqual({
    ok: false,
    message: 'the scenario must be at most 1 MB in all',
  });
});

test('the 100 KB of config are counted in UTF-8 bytes, not characters', () => {
  const config = 'é'.repeat(60 * 1024);
  expect(checkScenario({ ...scenario, config })).toEqual({
    ok: false,
    message: 'config: must be at most 100 KB',
  });
});

test('numbers out of range name their field and the range', () => {
  const result = checkScenario({
    ...scenario,
    backends: {
      '127.0.0.1:3000': {
        name: 'app',
        latencyMs: 60_001,
        failStatus: 600,
        routes: [{ path: 'x' }],
      },
    },
  });
  expect(result).toEqual({
    ok: false,
    message:
      'backends["127.0.0.1:3000"].routes[0].path: must start with /; ' +
      'backends["127.0.0.1:3000"].latencyMs: must be between 0 and 60000 (ms); ' +
      'backends["127.0.0.1:3000"].failStatus: must be between 100 and 599',
  });
});

test('a long list of problems is cut after three', () => {
  const result = checkScenario({ title: 1, config: 2, backends: 3, files: 4, extra: 5 });
  expect(result.ok).toBe(false);
  expect(!result.ok && result.message).toMatch(/; and 2 more$/);
});

test('a request the Send panel cannot show is refused', () => {
  const result = checkScenario({
    ...scenario,
    request: {
      method: 'BREW',
      url: 'ftp://x/',
      headers: [['Bad Name', 'v']],
      body: null,
      client: '10.0.0.1',
    },
  });
  expect(result).toEqual({
    ok: false,
    message:
      'request.method: must be one of GET, POST, PUT, DELETE, HEAD; ' +
      'request.url: must be an http:// or https:// URL with a host; ' +
      'request.headers[0][0]: must be a header name: letters, digits and -; and 1 more',
  });
});

test('a name with a newline is refused, one with markup is kept as text', () => {
  expect(checkScenario({ ...scenario, backends: { '127.0.0.1:3000': { name: 'a\nb' } } })).toEqual({
    ok: false,
    message: 'backends["127.0.0.1:3000"].name: must be on one line, without control characters',
  });
  const markup = { ...scenario, backends: { '127.0.0.1:3000': { name: '<b>app</b>' } } };
  expect(checkScenario(markup)).toEqual({ ok: true, scenario: markup });
});

test('a file path that climbs out with .. is refused', () => {
  expect(checkScenario({ ...scenario, files: { '/var/www/../etc/passwd': '' } })).toEqual({
    ok: false,
    message:
      'files["/var/www/../etc/passwd"]: a file path must not contain .. (write the path it leads to)',
  });
});

test('fieldPath writes paths as a reader of the JSON finds them', () => {
  expect(fieldPath([])).toBe('');
  expect(fieldPath(['backends', '127.0.0.1:3000', 'routes', 0, 'headers', 'X-A'])).toBe(
    'backends["127.0.0.1:3000"].routes[0].headers["X-A"]',
  );
});
