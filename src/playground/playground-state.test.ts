import { describe, expect, it } from 'vitest';
import { classicProxy } from '../scenario/builtin/classic-proxy';
import {
  addressProblem,
  editableScenario,
  filePathProblem,
  freeAddress,
  freeName,
  headerProblem,
  nameProblem,
  renameKey,
  sandboxScenario,
  withoutKey,
  withSetting,
} from './playground-state';

describe('a backend’s address', () => {
  it.each(['127.0.0.1:3001', 'localhost:80', 'api.internal:65535', 'app-b:8080'])(
    'takes %j',
    (address) => expect(addressProblem(address)).toBeNull(),
  );

  it.each([
    ['127.0.0.1', /host:port/],
    ['127.0.0.1:', /host:port/],
    [':80', /host:port/],
    ['http://a:80', /host:port/],
    ['a b:80', /not a host name/],
    ['-a:80', /not a host name/],
    ['a:0', /between 1 and 65535/],
    ['a:65536', /between 1 and 65535/],
  ])('refuses %j', (address, message) => expect(addressProblem(address)).toMatch(message));

  it('refuses an address another backend has', () => {
    expect(addressProblem('127.0.0.1:3001', ['127.0.0.1:3001'])).toMatch(/already/);
  });
});

describe('names, headers and paths', () => {
  it('takes a printable name and refuses an empty or multi-line one', () => {
    expect(nameProblem('app-b')).toBeNull();
    expect(nameProblem('blue app')).toBeNull();
    expect(nameProblem(' ')).toMatch(/needs a name/);
    expect(nameProblem('a\r\nX-Evil: 1')).toMatch(/header/);
  });

  it('takes a header token and a one-line value', () => {
    expect(headerProblem('X-Served-By', 'blue')).toBeNull();
    expect(headerProblem('X Served', 'blue')).toMatch(/header name/);
    expect(headerProblem('', 'blue')).toMatch(/header name/);
    expect(headerProblem('X-A', 'a\nb')).toMatch(/one line/);
  });

  it('takes absolute file paths only, once each', () => {
    expect(filePathProblem('/srv/www/index.html')).toBeNull();
    expect(filePathProblem('srv/index.html')).toMatch(/absolute/);
    expect(filePathProblem('/srv/')).toMatch(/directory/);
    expect(filePathProblem('/srv//a')).toMatch(/no empty/);
    expect(filePathProblem('/srv/../etc/passwd')).toMatch(/\.\./);
    expect(filePathProblem('/a', ['/a'])).toMatch(/already/);
  });
});

describe('editing the draft', () => {
  it('finds a free address and name for a new backend', () => {
    const backends = { '127.0.0.1:3001': { name: 'app' }, '127.0.0.1:3002': { name: 'app-2' } };
    expect(freeAddress(backends)).toBe('127.0.0.1:3003');
    expect(freeName(backends)).toBe('app-3');
    expect(freeName({})).toBe('app');
  });

  it('renames and removes keys in place', () => {
    const record = { a: 1, b: 2, c: 3 };
    expect(Object.entries(renameKey(record, 'b', 'z'))).toEqual([
      ['a', 1],
      ['z', 2],
      ['c', 3],
    ]);
    expect(withoutKey(record, 'b')).toEqual({ a: 1, c: 3 });
  });

  it('sets and drops one backend setting', () => {
    expect(withSetting({ name: 'a' }, 'latencyMs', 200)).toEqual({ name: 'a', latencyMs: 200 });
    expect(withSetting({ name: 'a', app: 'slow' }, 'app', undefined)).toEqual({ name: 'a' });
  });

  it('copies a scenario so edits leave the course’s own untouched, and runs it back', () => {
    const draft = editableScenario(classicProxy);
    draft.backends['127.0.0.1:3000']!.name = 'changed';
    expect(classicProxy.backends['127.0.0.1:3000']!.name).toBe('app');
    const scenario = sandboxScenario(draft, 'events {}');
    expect(scenario).toMatchObject({
      id: 'playground',
      title: classicProxy.title,
      config: 'events {}',
      request: {
        ...classicProxy.request,
        url: 'http://example.com/',
        body: null,
        client: '127.0.0.1',
      },
      files: {},
    });
    expect(draft.request).toEqual({
      method: 'GET',
      url: 'http://example.com/',
      headers: [],
      body: null,
      client: '127.0.0.1',
    });
  });
});
