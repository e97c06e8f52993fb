import { describe, expect, it } from 'vitest';
import { backendsFor } from '../test-support';

describe('the slow app', () => {
  it('answers after 2 s by default, plus ?delay=MS for one request', async () => {
    const { answer, clock } = backendsFor({ '127.0.0.1:5000': { name: 'slowpoke', app: 'slow' } });
    const first = await answer('127.0.0.1:5000/report');
    expect(clock.now()).toBe(2000);
    expect(first.header('x-backend')).toBe('slowpoke');
    expect(first.json()).toEqual({ backend: 'slowpoke', uri: '/report', answeredAtMs: 2000 });
    await answer('127.0.0.1:5000/report?delay=500');
    expect(clock.now()).toBe(4500);
  });

  it('takes the delay its spec gives', async () => {
    const { answer, clock } = backendsFor({
      '127.0.0.1:5000': { name: 'slowpoke', app: 'slow', latencyMs: 300 },
    });
    await answer('127.0.0.1:5000/');
    expect(clock.now()).toBe(300);
  });
});
