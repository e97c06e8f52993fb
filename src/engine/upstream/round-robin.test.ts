import { describe, expect, it } from 'vitest';
import { pickRoundRobin, releasePeer } from './round-robin';
import { buildUpstream, type PeerConf } from './upstream';

const peer = (address: string, extra: Partial<PeerConf> = {}): PeerConf => ({
  address,
  weight: 1,
  maxFails: 1,
  failTimeout: 10,
  backup: false,
  down: false,
  line: 1,
  ...extra,
});

function sequence(up: ReturnType<typeof buildUpstream>, n: number, nowSec = 0): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(pickRoundRobin(up, new Set(), nowSec).peer!.address);
  return out;
}

describe('smooth weighted round robin', () => {
  it('gives weights 5/1/1 the order nginx gives: a a b a c a a', () => {
    const up = buildUpstream('u', true, 1, [peer('a', { weight: 5 }), peer('b'), peer('c')]);
    expect(sequence(up, 7)).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a']);
  });

  it('skips down servers and uses backups only when no primary is left', () => {
    const up = buildUpstream('u', true, 1, [
      peer('a', { down: true }),
      peer('b'),
      peer('c', { backup: true }),
    ]);
    expect(sequence(up, 3)).toEqual(['b', 'b', 'b']);
    const allDown = buildUpstream('u', true, 1, [
      peer('a', { down: true }),
      peer('b', { down: true }),
      peer('c', { backup: true }),
    ]);
    expect(sequence(allDown, 2)).toEqual(['c', 'c']);
  });

  it('takes a failed server out for fail_timeout seconds, then lets it back', () => {
    const up = buildUpstream('u', true, 1, [peer('a', { failTimeout: 10 }), peer('b')]);
    const a = up.primary[0]!;
    releasePeer(up, a, true, 0);
    expect(sequence(up, 3, 5)).toEqual(['b', 'b', 'b']);
    expect(sequence(up, 4, 11)).toContain('a');
  });

  it('always chooses the single server of a group of one and never marks it failed', () => {
    const up = buildUpstream('u', false, 1, [peer('a')]);
    releasePeer(up, up.primary[0]!, true, 0);
    expect(pickRoundRobin(up, new Set(), 0)).toMatchObject({ single: true, peer: up.primary[0] });
    expect(up.primary[0]!.fails).toBe(0);
  });
});
