import { describe, expect, it } from 'vitest';
import { TEST_LESSONS } from './test-lessons';
import { formRequest, lessonScenario } from './lesson-scenario';
import type { LessonRequest } from './types';

const lesson = TEST_LESSONS[0]!;

function request(url: string, extra: Partial<LessonRequest> = {}): LessonRequest {
  return { method: 'GET', url, headers: [], body: null, client: '127.0.0.1', waitMs: 0, ...extra };
}

describe('formRequest', () => {
  it('keeps the host (with its port) and the path (with its query)', () => {
    expect(formRequest(request('http://example.com:8080/x?y=1'))).toEqual({
      method: 'GET',
      url: 'http://example.com:8080/x?y=1',
      headers: [],
      body: null,
      client: '127.0.0.1',
    });
  });

  it('keeps the path as written, drops the fragment, and gives a bare host the path /', () => {
    expect(formRequest(request('http://example.com/a/../b//c#top')).url).toBe(
      'http://example.com/a/../b//c',
    );
    expect(formRequest(request('http://example.com')).url).toBe('http://example.com/');
    expect(formRequest(request('http://example.com?q=1')).url).toBe('http://example.com/?q=1');
  });

  it('keeps the method, headers, body and client address', () => {
    const form = formRequest(
      request('http://api.example.com/items', {
        method: 'POST',
        headers: [['Content-Type', 'application/json']],
        body: '{"a":1}',
        client: '127.0.0.3',
      }),
    );
    expect(form).toEqual({
      method: 'POST',
      url: 'http://api.example.com/items',
      headers: [['Content-Type', 'application/json']],
      body: '{"a":1}',
      client: '127.0.0.3',
    });
  });

  it('keeps https, so a request reaches the TLS server', () => {
    expect(formRequest(request('https://example.com/login?next=/account'))).toMatchObject({
      url: 'https://example.com/login?next=/account',
    });
  });

  it('falls back to what the form can send for a method or client it does not offer', () => {
    const form = formRequest(
      request('http://example.com/', { method: 'PATCH', client: '10.0.0.1' }),
    );
    expect(form.method).toBe('GET');
    expect(form.client).toBe('127.0.0.1');
  });
});

describe('lessonScenario', () => {
  it('gives the sandbox the lesson’s config, backends and files, and its requests as presets', () => {
    const scenario = lessonScenario({
      ...lesson,
      scenario: { ...lesson.scenario, files: { '/var/www/index.html': '<h1>hi</h1>' } },
    });
    expect(scenario).toMatchObject({
      id: lesson.id,
      summary: lesson.summary,
      config: lesson.scenario.config,
      backends: lesson.scenario.backends,
      files: { '/var/www/index.html': '<h1>hi</h1>' },
      request: { url: 'http://example.com/', client: '127.0.0.1' },
    });
    expect(scenario.presets?.map((p) => p.label)).toEqual([
      'The home page',
      'An API call from another client',
    ]);
    expect(scenario.presets?.[1]?.request).toMatchObject({
      url: 'http://example.com/api/items?page=2',
      client: '127.0.0.2',
      headers: [['Accept', 'application/json']],
    });
  });

  it('names a preset without a label by its method, path and client', () => {
    const scenario = lessonScenario({
      ...lesson,
      scenario: {
        ...lesson.scenario,
        requests: [
          request('http://example.com/a'),
          request('http://example.com/b', { method: 'HEAD', client: '127.0.0.2' }),
        ],
      },
    });
    expect(scenario.presets?.map((p) => p.label)).toEqual(['GET /a', 'HEAD /b from 127.0.0.2']);
  });

  it('starts the form on GET http://example.com/ when the lesson has no request', () => {
    const scenario = lessonScenario({ ...lesson, scenario: { ...lesson.scenario, requests: [] } });
    expect(scenario.request).toEqual({
      method: 'GET',
      url: 'http://example.com/',
      headers: [],
      body: null,
      client: '127.0.0.1',
    });
    expect(scenario.presets).toEqual([]);
  });
});
