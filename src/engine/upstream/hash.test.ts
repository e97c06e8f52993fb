import { describe, expect, it } from 'vitest';
import { crc32 } from '../../http/crc32';
import { hashPart, pickHash } from './hash';
import { releasePeer } from './round-robin';
import { context, peer } from './test-support';
import { buildUpstream, type Balancer } from './upstream';

// The key is set on the context in these tests, so the directive node is never read.
const hash = { method: 'hash', keyNode: null!, consistent: false } as unknown as Balancer;
const group = (weights = [1, 1, 1]) =>
  buildUpstream(
    'modulo',
    true,
    1,
    weights.map((w, i) => peer(`127.0.0.1:${3001 + i}`, { weight: w })),
    hash,
  );

describe('hash KEY', () => {
  it('uses crc32 as zlib computes it', () => {
    expect(crc32('alice')).toBe(663665735);
    expect(crc32('')).toBe(0);
  });

  it('takes bits 16..30 of crc32 of the key, then of "1KEY", "2KEY"...', () => {
    expect(hashPart('alice', 0)).toBe((663665735 >>> 16) & 0x7fff);
    expect(hashPart('alice', 1)).toBe((crc32('1alice') >>> 16) & 0x7fff);
  });

  it('sends each key to its slot (balancing-hash-plain-and-consistent)', () => {
    const up = group();
    const picks = ['alice', 'bob', 'carol', 'dave', 'erin'].map((k) =>
      pickHash(up, context('127.0.0.1', k), 0).peer!.address.slice(-1),
    );
    expect(picks).toEqual(['2', '3', '1', '1', '2']);
  });

  it('re-hashes past a failed server, adding to the value (recorded: dave with weights 1/2/1)', () => {
    const up = group([1, 2, 1]);
    releasePeer(up, up.primary[0]!, true, 0);
    const result = pickHash(up, context('127.0.0.1', 'dave'), 0);
    expect(result.peer!.address).toBe('127.0.0.1:3003');
    expect(result.probes!.map((p) => [p.address, p.state])).toEqual([
      ['127.0.0.1:3001', 'failed'],
      ['127.0.0.1:3003', 'up'],
    ]);
    expect(result.probes![1]!.value).toBe(hashPart('dave', 0) + hashPart('dave', 1));
  });

  it('looks at 21 positions before round robin decides (recorded with twelve servers, ten down)', () => {
    const up = buildUpstream(
      'hm',
      true,
      1,
      Array.from({ length: 12 }, (_, i) =>
        peer(`127.0.0.1:${3001 + i}`, { down: i !== 3 && i !== 9 }),
      ),
      hash,
    );
    const result = pickHash(up, context('127.0.0.1', 'k34'), 0);
    expect(result.probes).toHaveLength(21);
    expect(result.peer!.address).toBe('127.0.0.1:3010');
  });

  it('uses round robin for an empty key', () => {
    const up = group();
    const result = pickHash(up, context('127.0.0.1', ''), 0);
    expect(result).toMatchObject({ method: 'hash → round robin', fallback: true, key: '' });
    expect(result.peer!.address).toBe('127.0.0.1:3001');
  });
});
