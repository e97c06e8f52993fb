import { describe, expect, it } from 'vitest';
import { Cancellation, VirtualClock } from '../engine';
import { createBackendTransport } from '.';
import { BackendControls } from './controls';
import type { BackendMap } from '../scenario';
import { backendsFor } from './test-support';

const backends: BackendMap = {
  '127.0.0.1:3001': { name: 'app-a' },
  '127.0.0.1:3002': { name: 'app-b', app: 'api', down: true },
};

describe('backend controls', () => {
  it('start from the spec, then from the app', () => {
    const controls = new BackendControls({
      ...backends,
      '127.0.0.1:3003': { name: 'slow', app: 'slow' },
      '127.0.0.1:3004': { name: 'flaky', app: 'flaky', failStatus: 502 },
    });
    expect(controls.get('127.0.0.1:3001')).toEqual({
      down: false,
      latencyMs: 0,
      failRate: 0,
      failStatus: 503,
    });
    expect(controls.get('127.0.0.1:3002')?.down).toBe(true);
    expect(controls.get('127.0.0.1:3003')?.latencyMs).toBe(2000);
    expect(controls.get('127.0.0.1:3004')).toMatchObject({ failRate: 0.5, failStatus: 502 });
    expect(controls.get('127.0.0.1:9999')).toBeUndefined();
  });

  it('stop and start a backend while the scenario runs', async () => {
    const controls = new BackendControls(backends);
    const { send } = backendsFor(backends, controls);
    expect(await send('127.0.0.1:3002/api/health')).toEqual({ kind: 'refused' });
    controls.set('127.0.0.1:3002', { down: false });
    expect(await send('127.0.0.1:3002/api/health')).toMatchObject({
      kind: 'response',
      status: 200,
    });
    controls.set('127.0.0.1:3001', { down: true });
    expect(await send('127.0.0.1:3001/')).toEqual({ kind: 'refused' });
  });

  it('slow a backend down in virtual time, and let the proxy stop waiting', async () => {
    const controls = new BackendControls(backends);
    const clock = new VirtualClock();
    const transport = createBackendTransport(backends, clock, controls);
    const request = {
      address: '127.0.0.1:3001',
      method: 'GET',
      target: '/',
      httpVersion: '1.0' as const,
      headers: [],
      body: null,
    };
    controls.set('127.0.0.1:3001', { latencyMs: 750 });
    expect(await transport(request, new Cancellation())).toMatchObject({ status: 200 });
    expect(clock.now()).toBe(750);
    const cancellation = new Cancellation();
    const pending = Promise.resolve(transport(request, cancellation)).catch((e: unknown) => e);
    await clock.sleep(100);
    cancellation.cancel();
    expect(await pending).toBeInstanceOf(Error);
    controls.set('127.0.0.1:3001', { latencyMs: 0 });
    await transport(request, new Cancellation());
    expect(clock.now()).toBe(850);
  });

  it('fail a share of requests, the same ones for the same seed', async () => {
    const run = async (seed: number) => {
      const map: BackendMap = { '127.0.0.1:3001': { name: 'app-a', seed } };
      const controls = new BackendControls(map);
      const { send } = backendsFor(map, controls);
      controls.set('127.0.0.1:3001', { failRate: 0.3, failStatus: 502 });
      const out: number[] = [];
      for (let i = 0; i < 50; i++) {
        const o = await send('127.0.0.1:3001/');
        out.push(o.kind === 'response' ? o.status : 0);
      }
      return out;
    };
    const first = await run(1);
    expect(await run(1)).toEqual(first);
    expect(await run(2)).not.toEqual(first);
    const failed = first.filter((s) => s === 502).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(25);
    expect(first.every((s) => s === 200 || s === 502)).toBe(true);
  });

  it('answer a failure as the backend, or refuse the connection', async () => {
    const controls = new BackendControls(backends);
    const { send, answer } = backendsFor(backends, controls);
    controls.set('127.0.0.1:3001', { failRate: 1, failStatus: 500 });
    const failed = await answer('127.0.0.1:3001/');
    expect(failed.status).toBe(500);
    expect(failed.header('x-backend')).toBe('app-a');
    expect(failed.json()).toEqual({ backend: 'app-a', error: 'failing on purpose with 500' });
    controls.set('127.0.0.1:3001', { failStatus: 'refused' });
    expect(await send('127.0.0.1:3001/')).toEqual({ kind: 'refused' });
  });

  it('refuse changes that make no sense', () => {
    const controls = new BackendControls(backends);
    expect(() => controls.set('127.0.0.1:9', { down: true })).toThrow(/no backend at 127.0.0.1:9/);
    expect(() => controls.set('127.0.0.1:3001', { failRate: 2 })).toThrow(RangeError);
    expect(() => controls.set('127.0.0.1:3001', { latencyMs: -1 })).toThrow(RangeError);
  });
});
