/** fast-check arbitraries for valid playground scenarios, for the round-trip properties. */
import fc from 'fast-check';
import { APP_NAMES, CLIENT_ADDRESSES, METHODS } from '../scenario';
import type { PlaygroundScenario } from './playground-scenario';

// eslint-disable-next-line no-control-regex
const oneLine = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);

/** Any text at all, lone surrogates included: JSON escapes them, so they must survive too. */
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
const lineText = fc.string({ unit: 'grapheme', maxLength: 30 }).filter(oneLine);
const token = fc
  .stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/)
  .filter((t) => t !== '__proto__');
const headerValue = fc.string({ unit: 'grapheme', maxLength: 30 }).filter(oneLine);
const path = fc
  .stringMatching(/^\/[A-Za-z0-9._~%/-]{0,20}$/)
  .filter((p) => !p.split('/').includes('..'));
/** -0 becomes 0 in JSON; the sandbox never needs it. */
const nonNegative = (max: number) =>
  fc.double({ min: 0, max, noNaN: true }).map((n) => (n === 0 ? 0 : n));
const status = fc.integer({ min: 100, max: 599 });

const route = fc.record(
  {
    path,
    status,
    headers: fc.dictionary(token, headerValue, { maxKeys: 3, noNullPrototype: true }),
    body: anyText,
    delayMs: nonNegative(60_000),
  },
  { requiredKeys: ['path'], noNullPrototype: true },
);

const backend = fc.record(
  {
    name: lineText.filter((n) => n.length > 0 && n.length <= 100),
    app: fc.constantFrom(...APP_NAMES),
    down: fc.boolean(),
    routes: fc.array(route, { maxLength: 3 }),
    latencyMs: nonNegative(60_000),
    failRate: nonNegative(1),
    failStatus: fc.oneof(status, fc.constant('refused' as const)),
    seed: fc.maxSafeInteger(),
    headers: fc.dictionary(token, headerValue, { maxKeys: 3, noNullPrototype: true }),
  },
  { requiredKeys: ['name'], noNullPrototype: true },
);

const address = fc
  .tuple(fc.oneof(fc.ipV4(), fc.domain()), fc.integer({ min: 1, max: 65_535 }))
  .map(([host, port]) => `${host}:${port}`);

const request = fc.record(
  {
    method: fc.constantFrom(...METHODS),
    url: fc.webUrl().filter((u) => /^https?:\/\/[^/?#\s]+[^\s]*$/i.test(u) && u.length <= 8192),
    headers: fc.array(fc.tuple(token, headerValue), { maxLength: 4 }),
    body: fc.option(anyText, { nil: null }),
    client: fc.constantFrom(...CLIENT_ADDRESSES),
  },
  { noNullPrototype: true },
);

export const scenarioArbitrary: fc.Arbitrary<PlaygroundScenario> = fc.record(
  {
    title: lineText,
    config: anyText,
    backends: fc.dictionary(address, backend, { maxKeys: 4, noNullPrototype: true }),
    files: fc.dictionary(path, anyText, { maxKeys: 3, noNullPrototype: true }),
    request,
  },
  { requiredKeys: ['title', 'config', 'backends', 'files'], noNullPrototype: true },
);
