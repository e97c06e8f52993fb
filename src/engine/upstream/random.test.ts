import { describe, expect, it } from 'vitest';
import { pickRandom } from './random';
import { context, peer } from './test-support';
import { buildUpstream } from './upstream';

const group = (name: string, two: boolean, weights = [1, 3]) =>
  buildUpstream(
    name,
    true,
    1,
    weights.map((w, i) => peer(`s${i}`, { weight: w })),
    { method: 'random', two },
  );
const draws = (up: ReturnType<typeof group>, n: number) =>
  Array.from({ length: n }, () => pickRandom(up, context(), 0).peer!.address);

describe('random', () => {
  it('replays the same picks for the same group, so a trace can be reproduced', () => {
    expect(draws(group('pool', false), 20)).toEqual(draws(group('pool', false), 20));
    expect(draws(group('pool', false), 20)).not.toEqual(draws(group('other', false), 20));
  });

  it('draws in proportion to the weights', () => {
    const picks = draws(group('pool', false), 4000);
    const share = picks.filter((p) => p === 's1').length / picks.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });

  it('draws again past servers that cannot take the request', () => {
    const up = buildUpstream('pool', true, 1, [peer('a', { down: true }), peer('b')], {
      method: 'random',
      two: false,
    });
    for (let i = 0; i < 20; i++) {
      const result = pickRandom(up, context(), 0);
      expect(result.peer!.address).toBe('b');
      expect(result.probes!.slice(0, -1).every((p) => p.state === 'down')).toBe(true);
    }
  });

  it('random two takes the less busy of two different servers', () => {
    const up = group('pool', true, [1, 1, 1]);
    up.primary[0]!.conns = 5;
    up.primary[1]!.conns = 5;
    for (let i = 0; i < 30; i++) {
      const result = pickRandom(up, context(), 0);
      const drawn = result.probes!.filter((p) => p.state === 'up').map((p) => p.address);
      expect(new Set(drawn).size).toBe(2);
      expect(result.peer!.address).toBe(drawn.includes('s2') ? 's2' : drawn[1]);
    }
  });

  it('random two with one usable server ends in round robin after 20 draws (recorded)', () => {
    const up = buildUpstream('r2', true, 1, [peer('b'), peer('d', { down: true })], {
      method: 'random',
      two: true,
    });
    const result = pickRandom(up, context(), 0);
    expect(result).toMatchObject({ method: 'random two → round robin', fallback: true });
    expect(result.peer!.address).toBe('b');
  });

  it('leaves a group with one primary to round robin', () => {
    const up = buildUpstream('rb', true, 1, [peer('bk', { backup: true }), peer('b')], {
      method: 'random',
      two: false,
    });
    expect(pickRandom(up, context(), 0)).toMatchObject({
      peer: up.primary[0],
      method: 'random → round robin',
    });
  });
});
