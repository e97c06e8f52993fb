import { describe, expect, it } from 'vitest';
import { classicProxy } from './builtin/classic-proxy';
import { scenarioSchema, sharedScenarioSchema, type Scenario } from './scenario';

/** Every problem zod finds, as `path: message`, so a test reads what a person would be told. */
function problems(schema: typeof scenarioSchema | typeof sharedScenarioSchema, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const where = issue.path.map(String).join('.');
    const what =
      issue.code === 'unrecognized_keys'
        ? `unknown ${issue.keys.join(', ')}`
        : issue.code === 'invalid_key'
          ? issue.issues.map((i) => i.message).join('; ')
          : issue.message;
    return where ? `${where}: ${what}` : what;
  });
}

const scenario: Scenario = classicProxy;
const shared = {
  title: 'Two apps',
  config: 'events {}',
  backends: { '127.0.0.1:3001': { name: 'app-a' } },
  files: {},
};

describe('the scenario schema', () => {
  it('takes a built-in scenario and fills in what may be left out', () => {
    const { id, title, summary, config } = scenario;
    const sparse = { id, title, summary, config };
    expect(scenarioSchema.parse({ ...sparse, request: { url: 'http://a/' } })).toEqual({
      ...sparse,
      backends: {},
      files: {},
      presets: [],
      request: { method: 'GET', url: 'http://a/', headers: [], body: null, client: '127.0.0.1' },
    });
  });

  it('refuses a backend spec out of range, of an unknown app, or with a field it does not have', () => {
    const backends = {
      '127.0.0.1:3001': { name: 'a', failRate: 1.5 },
      '127.0.0.1:3002': { name: 'b', app: 'php' },
      '127.0.0.1:3003': { name: 'c', latency: 5 },
      '127.0.0.1:3004': { name: '' },
    };
    expect(problems(sharedScenarioSchema, { ...shared, backends })).toEqual([
      'backends.127.0.0.1:3001.failRate: must be between 0 and 1',
      'backends.127.0.0.1:3002.app: must be one of echo, site, api, slow, flaky, caching',
      'backends.127.0.0.1:3003: unknown latency',
      'backends.127.0.0.1:3004.name: must not be empty',
    ]);
  });

  it('refuses a backend address without a port, or with one out of range', () => {
    expect(problems(sharedScenarioSchema, { ...shared, backends: { app: { name: 'a' } } })).toEqual(
      ['backends.app: a backend is keyed by host:port, like 127.0.0.1:3001'],
    );
    expect(
      problems(sharedScenarioSchema, { ...shared, backends: { 'a:0': { name: 'a' } } }),
    ).toEqual(['backends.a:0: the port must be between 1 and 65535']);
  });

  it('refuses a request whose url is not an absolute http(s) URL with a host', () => {
    for (const url of ['example.com/', 'ftp://example.com/', 'http:///path', 'http://a b/'])
      expect(problems(sharedScenarioSchema, { ...shared, request: { url } }), url).toEqual([
        'request.url: must be an http:// or https:// URL with a host',
      ]);
  });

  it('refuses a starting request the form cannot hold', () => {
    expect(
      problems(sharedScenarioSchema, {
        ...shared,
        request: { url: 'http://a/', method: 'PATCH', client: '10.0.0.1' },
      }),
    ).toEqual([
      'request.method: must be one of GET, POST, PUT, DELETE, HEAD',
      'request.client: must be one of 127.0.0.1, 127.0.0.2, 127.0.0.3',
    ]);
  });

  it('refuses unknown fields at every level', () => {
    expect(
      problems(sharedScenarioSchema, {
        ...shared,
        script: 'alert(1)',
        request: { url: 'http://a/', cookies: 'x' },
      }),
    ).toEqual(['request: unknown cookies', 'unknown script']);
    expect(
      problems(scenarioSchema, {
        ...scenario,
        presets: [{ label: 'x', request: scenario.request, extra: 1 }],
      }),
    ).toEqual(['presets.0: unknown extra']);
  });

  it('refuses a __proto__ key anywhere, naming where, before anything reads it', () => {
    const top = JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(shared).slice(1)}`);
    expect(problems(sharedScenarioSchema, top)).toEqual([
      '__proto__: a key named __proto__ is not allowed',
    ]);
    const deep = JSON.parse(
      JSON.stringify({ ...shared, files: { '/a': 'x' } }).replace('"/a"', '"__proto__"'),
    );
    expect(problems(scenarioSchema, { ...scenario, files: deep.files })).toEqual([
      'files.__proto__: a key named __proto__ is not allowed',
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('takes a lesson’s headers as a map, values read as text', () => {
    const request = { url: 'http://a/', headers: { 'X-Count': 3, Accept: 'text/html' } };
    expect(sharedScenarioSchema.parse({ ...shared, request }).request?.headers).toEqual([
      ['X-Count', '3'],
      ['Accept', 'text/html'],
    ]);
  });
});
