import { describe, expect, it } from 'vitest';
import { backendsFor } from '../test-support';

async function statuses(seed?: number): Promise<(number | 'refused')[]> {
  const { send } = backendsFor({ '127.0.0.1:6000': { name: 'shaky', app: 'flaky', seed } });
  const out: (number | 'refused')[] = [];
  for (let i = 0; i < 40; i++) {
    const o = await send('127.0.0.1:6000/');
    out.push(o.kind === 'response' ? o.status : 'refused');
  }
  return out;
}

describe('the flaky app', () => {
  it('fails about half its requests with 503, the same ones on every run', async () => {
    const run = await statuses();
    expect(await statuses()).toEqual(run);
    const failed = run.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(30);
    expect(run.every((s) => s === 200 || s === 503)).toBe(true);
    expect(await statuses(7)).not.toEqual(run);
  });

  it('names itself in successes and failures alike', async () => {
    const { answer } = backendsFor({ '127.0.0.1:6000': { name: 'shaky', app: 'flaky' } });
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const a = await answer('127.0.0.1:6000/x');
      expect(a.header('x-backend')).toBe('shaky');
      expect(a.json()['backend']).toBe('shaky');
      seen.add(String(a.status));
    }
    expect(seen).toEqual(new Set(['200', '503']));
  });

  it('fails on demand with /fail/STATUS and refuses the connection at /refuse', async () => {
    const { answer, send } = backendsFor({
      '127.0.0.1:6000': { name: 'shaky', app: 'flaky', failRate: 0 },
    });
    expect((await answer('127.0.0.1:6000/fail/502')).status).toBe(502);
    expect((await answer('127.0.0.1:6000/fail/abc')).status).toBe(400);
    expect(await send('127.0.0.1:6000/refuse')).toEqual({ kind: 'refused' });
    expect((await answer('127.0.0.1:6000/ok')).json()).toEqual({
      backend: 'shaky',
      ok: true,
      uri: '/ok',
    });
  });

  it('refuses connections at its rate when told to', async () => {
    const { send } = backendsFor({
      '127.0.0.1:6000': { name: 'shaky', app: 'flaky', failRate: 1, failStatus: 'refused' },
    });
    expect(await send('127.0.0.1:6000/')).toEqual({ kind: 'refused' });
  });
});
