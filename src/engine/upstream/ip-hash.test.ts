import { describe, expect, it } from 'vitest';
import { clientOctets, ipHashStep, pickIpHash } from './ip-hash';
import { releasePeer } from './round-robin';
import { context, peer } from './test-support';
import { buildUpstream } from './upstream';

const ipHash = { method: 'ip_hash' } as const;
const three = (extra: Parameters<typeof peer>[1] = {}) =>
  buildUpstream('pool', true, 1, [peer('a', extra), peer('b'), peer('c')], ipHash);
const pick = (up: ReturnType<typeof three>, client: string) =>
  pickIpHash(up, context(client), 0).peer?.address;

describe('ip_hash', () => {
  it('hashes the first three octets from 89: (h * 113 + octet) % 6271', () => {
    expect(clientOctets('127.1.0.200')).toEqual([127, 1, 0]);
    expect(ipHashStep(89, [127, 0, 0])).toBe(4040);
    expect(ipHashStep(89, [127, 1, 0])).toBe(4153);
  });

  it('keeps a /24 on one server (balancing-ip-hash)', () => {
    const up = three();
    expect(
      ['127.0.0.1', '127.0.0.99', '127.1.0.1', '127.2.0.1', '127.1.0.200'].map((c) => pick(up, c)),
    ).toEqual(['c', 'c', 'b', 'a', 'b']);
  });

  it('reports the octets, the hash and the slot', () => {
    const result = pickIpHash(three(), context('127.0.0.1'), 0);
    expect(result).toMatchObject({
      method: 'ip_hash',
      octets: [127, 0, 0],
      probes: [{ value: 4040, slot: 2, address: 'c', state: 'up' }],
    });
    expect(result.reason).toBe(
      'ip_hash: client 127.0.0 (the first three octets) hashes to 4040; 4040 % total weight 3 = slot 2, which is c',
    );
  });

  it('lets a down server keep its slot: only its own clients move', () => {
    const up = three({ down: true });
    expect(pick(up, '127.0.0.1')).toBe('c');
    expect(pick(up, '127.1.0.1')).toBe('b');
    const moved = pickIpHash(up, context('127.2.0.1'), 0);
    expect(moved.probes![0]).toMatchObject({ address: 'a', state: 'down' });
    expect(moved.peer!.address).not.toBe('a');
  });

  it('hashes on from where it stopped when the chosen server failed', () => {
    const up = three();
    releasePeer(up, up.primary[0]!, true, 0);
    const result = pickIpHash(up, context('127.2.0.1'), 0);
    const second = ipHashStep(4266, [127, 2, 0]);
    expect(result.probes!.map((p) => p.value)).toEqual([
      4266,
      second,
      ipHashStep(second, [127, 2, 0]),
    ]);
    expect(result.probes!.map((p) => p.state)).toEqual(['failed', 'failed', 'up']);
    // A retry in the same request goes on from the hash that picked c.
    const again = pickIpHash(
      up,
      Object.assign(context('127.2.0.1'), { hash: result.probes![2]!.value }),
      0,
    );
    expect(again.probes![0]!.value).toBe(ipHashStep(result.probes![2]!.value, [127, 2, 0]));
  });

  it('looks at 21 positions before round robin decides (recorded with twelve servers, ten down)', () => {
    const servers = Array.from({ length: 12 }, (_, i) =>
      peer(`127.0.0.1:${3001 + i}`, { down: i !== 3 && i !== 9 }),
    );
    const up = buildUpstream('ih', true, 1, servers, ipHash);
    const result = pickIpHash(up, context('127.0.204.1'), 0);
    expect(result.probes).toHaveLength(21);
    expect(result.peer!.address).toBe('127.0.0.1:3010');
    const unlucky = pickIpHash(up, context('127.0.204.1'), 0);
    expect(unlucky.peer!.address).toBe('127.0.0.1:3010');
  });

  it('falls back to round robin after that', () => {
    const up = buildUpstream(
      'ih',
      true,
      1,
      [peer('a', { down: true }), peer('b', { down: true }), peer('c')],
      ipHash,
    );
    const ctx = context('127.0.0.1');
    ctx.tried.add(up.primary[2]!);
    const result = pickIpHash(up, ctx, 0);
    expect(result).toMatchObject({ peer: null, fallback: true, method: 'ip_hash → round robin' });
    expect(result.probes).toHaveLength(21);
  });
});
