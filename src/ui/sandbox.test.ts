import { describe, expect, test } from 'vitest';
import { bodyText } from '../engine';
import { classicProxy } from '../scenarios/classic-proxy';
import type { Scenario } from '../scenarios/scenario';
import type { RequestDraft } from './requestDraft';
import { createInPageSandbox } from './sandbox';

const draft: RequestDraft = {
  method: 'GET',
  host: 'example.com',
  path: '/hello?x=1',
  headers: [['X-Test', '1']],
  body: null,
  client: '127.0.0.2',
};

function ready(scenario: Scenario) {
  const sandbox = createInPageSandbox(scenario);
  if (sandbox.kind !== 'ready') throw new Error(`config error: ${sandbox.error.toString()}`);
  return sandbox;
}

describe('createInPageSandbox', () => {
  test('passes the request through the proxy to the scenario backend', async () => {
    const { sent, result } = await ready(classicProxy).send(draft);
    expect(sent.headers).toContainEqual(['Host', 'example.com']);
    expect(result.response?.status).toBe(200);
    const echoed = JSON.parse(bodyText(result.response!.body));
    expect(echoed).toMatchObject({
      backend: 'app',
      uri: '/hello?x=1',
      headers: { host: 'example.com', 'x-real-ip': '127.0.0.2', 'x-test': '1' },
    });
    expect(result.upstreamRequest?.address).toBe('127.0.0.1:3000');
  });

  test('sends a body for methods that carry one', async () => {
    const { result } = await ready(classicProxy).send({ ...draft, method: 'POST', body: 'hi' });
    expect(JSON.parse(bodyText(result.response!.body))).toMatchObject({ body: 'hi' });
  });

  test('refuses connections to a backend the scenario marks as down', async () => {
    const scenario = {
      ...classicProxy,
      backends: { '127.0.0.1:3000': { name: 'app', down: true } },
    };
    const { result } = await ready(scenario).send(draft);
    expect(result.response?.status).toBe(502);
  });

  test('reports a config nginx would refuse, with its line', () => {
    const config = classicProxy.config.replace('proxy_pass ', 'proxy_pas ');
    const sandbox = createInPageSandbox({ ...classicProxy, config });
    expect(sandbox.kind).toBe('config-error');
    expect(sandbox.kind === 'config-error' && sandbox.error.toString()).toBe(
      'unknown directive "proxy_pas" in nginx.conf:7',
    );
  });
});
