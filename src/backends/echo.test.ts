import { describe, expect, it } from 'vitest';
import { Cancellation, VirtualClock } from '../engine';
import { createBackendTransport } from '.';
import { describeRequest } from './echo';

describe('the echo app', () => {
  it('describes the request as the format says: sorted lower-case names, repeats as arrays, values trimmed', () => {
    const text = describeRequest('app', {
      method: 'POST',
      target: '/a/../b?x=%41',
      httpVersion: '1.0',
      headers: [
        ['X-Z', ' last '],
        ['Host', 'h'],
        ['x-rep', 'one'],
        ['X-Rep', '\ttwo'],
      ],
      body: new TextEncoder().encode('héllo'),
    });
    expect(text).toBe(
      '{"backend":"app","method":"POST","uri":"/a/../b?x=%41","httpVersion":"1.0","headers":{"host":"h","x-rep":["one","two"],"x-z":"last"},"body":"héllo"}',
    );
  });

  it('answers routes after their delay, refuses for down backends, echoes the rest', async () => {
    const clock = new VirtualClock();
    const transport = createBackendTransport(
      {
        '127.0.0.1:3001': {
          name: 'app',
          routes: [
            { path: '/slow', status: 201, headers: { 'x-r': '1' }, body: 'late', delayMs: 500 },
          ],
        },
        '127.0.0.1:3002': { name: 'dead', down: true },
      },
      clock,
    );
    const request = {
      address: '127.0.0.1:3001',
      method: 'GET',
      target: '/slow?q=1',
      httpVersion: '1.0' as const,
      headers: [],
      body: null,
    };
    const slow = await transport(request, new Cancellation());
    expect(slow).toMatchObject({
      kind: 'response',
      status: 201,
      headers: [
        ['x-r', '1'],
        ['x-backend', 'app'],
        ['content-length', '4'],
      ],
    });
    expect(clock.now()).toBe(500);
    expect(await transport({ ...request, address: '127.0.0.1:3002' }, new Cancellation())).toEqual({
      kind: 'refused',
    });
    const echo = await transport({ ...request, target: '/other' }, new Cancellation());
    expect(echo.kind === 'response' && JSON.parse(new TextDecoder().decode(echo.body)).uri).toBe(
      '/other',
    );
  });

  it('stops waiting when the proxy cancels', async () => {
    const clock = new VirtualClock();
    const transport = createBackendTransport(
      { '127.0.0.1:3001': { name: 'app', routes: [{ path: '/slow', delayMs: 5000 }] } },
      clock,
    );
    const cancellation = new Cancellation();
    const pending = Promise.resolve(
      transport(
        {
          address: '127.0.0.1:3001',
          method: 'GET',
          target: '/slow',
          httpVersion: '1.0',
          headers: [],
          body: null,
        },
        cancellation,
      ),
    ).catch((e: unknown) => e);
    await clock.sleep(100);
    cancellation.cancel();
    await pending;
    await clock.sleep(1);
    expect(clock.now()).toBe(101);
  });
});

describe('targets fetch cannot carry', () => {
  it('still reach the echo app unchanged (an escape that is not UTF-8 would make MSW throw)', async () => {
    const transport = createBackendTransport(
      { '127.0.0.1:3001': { name: 'app' } },
      new VirtualClock(),
    );
    const base = {
      address: '127.0.0.1:3001',
      method: 'GET',
      httpVersion: '1.0' as const,
      headers: [],
      body: null,
    };
    for (const target of ['/%A0', '/a%ZZb', '/x#frag', '/a/../b?q=%zz']) {
      const out = await transport({ ...base, target }, new Cancellation());
      expect(out.kind === 'response' && JSON.parse(new TextDecoder().decode(out.body)).uri).toBe(
        target,
      );
    }
  });
});
