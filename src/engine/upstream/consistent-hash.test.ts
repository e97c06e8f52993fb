import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRing, findPoint, pickConsistentHash } from './consistent-hash';
import { crc32 } from '../../http/crc32';
import { context, peer } from './test-support';
import { buildUpstream, type Balancer, type Upstream } from './upstream';

const consistent = { method: 'hash', keyNode: null!, consistent: true } as unknown as Balancer;
const ring = (count: number, down: (i: number) => boolean = () => false) =>
  buildUpstream(
    'ring',
    true,
    1,
    Array.from({ length: count }, (_, i) =>
      peer(`127.0.0.1:${3001 + i}`, { written: `127.0.0.1:${3001 + i}`, down: down(i) }),
    ),
    consistent,
  );
const owner = (up: Upstream, key: string) =>
  pickConsistentHash(up, context('127.0.0.1', key), 0).peer!.address;

describe('hash KEY consistent', () => {
  it('puts 160 points per unit of weight on the ring, sorted', () => {
    const up = buildUpstream(
      'ring',
      true,
      1,
      [peer('127.0.0.1:3001', { weight: 2 }), peer('127.0.0.1:3002')],
      consistent,
    );
    expect(up.ring).toHaveLength(480);
    expect(up.ring!.every((p, i) => i === 0 || p.hash > up.ring![i - 1]!.hash)).toBe(true);
  });

  it('finds the first point at or after the key, wrapping past the end', () => {
    const points = [
      { hash: 10, server: 'a' },
      { hash: 20, server: 'b' },
    ];
    expect([0, 10, 11, 20, 21].map((h) => findPoint(points, h))).toEqual([0, 0, 1, 1, 2]);
  });

  it('sends each key to the owner of its point (balancing-hash-plain-and-consistent)', () => {
    const up = ring(3);
    expect(['alice', 'bob', 'carol', 'dave', 'erin'].map((k) => owner(up, k).slice(-1))).toEqual([
      '2',
      '2',
      '1',
      '1',
      '1',
    ]);
  });

  it('reports the key, its crc32 and the point', () => {
    const result = pickConsistentHash(ring(3), context('127.0.0.1', 'alice'), 0);
    expect(result).toMatchObject({
      method: 'hash consistent',
      key: 'alice',
      keyHash: crc32('alice'),
    });
    expect(result.probes![0]!.value).toBeGreaterThanOrEqual(crc32('alice'));
  });

  it('walks 21 points before round robin decides (recorded with twelve servers, ten down)', () => {
    const up = ring(12, (i) => i !== 3 && i !== 9);
    for (const key of ['k170', 'k939']) {
      const result = pickConsistentHash(up, context('127.0.0.1', key), 0);
      expect(result.probes).toHaveLength(21);
      expect(result.peer!.address).toBe('127.0.0.1:3010');
    }
  });

  it('moves only the keys of a server that is added', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 40 }), (keys) => {
        const before = ring(3);
        const after = ring(4);
        for (const key of keys.filter((k) => k !== '')) {
          const now = owner(after, key);
          if (now !== '127.0.0.1:3004') expect(now).toBe(owner(before, key));
        }
      }),
    );
  });

  it('splits HOST and PORT at the last colon followed by digits only', () => {
    const withName = buildRing([peer('127.0.0.1:3001', { written: 'localhost:3001' })] as never);
    const withIp = buildRing([peer('127.0.0.1:3001', { written: '127.0.0.1:3001' })] as never);
    expect(withName[0]!.server).toBe('localhost:3001');
    expect(withName.map((p) => p.hash)).not.toEqual(withIp.map((p) => p.hash));
  });
});
