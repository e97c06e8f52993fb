import { describe, expect, it } from 'vitest';
import { pickRoundRobin, releasePeer } from './round-robin';
import { context, peer } from './test-support';
import { buildUpstream, type Upstream } from './upstream';

function sequence(up: Upstream, n: number, nowSec = 0): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(pickRoundRobin(up, context(), nowSec).peer!.address);
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

  it('stays with the backups for the rest of a request once it switched to them', () => {
    const up = buildUpstream('u', true, 1, [peer('a'), peer('b', { backup: true })]);
    const ctx = context();
    releasePeer(up, up.primary[0]!, true, 0);
    expect(pickRoundRobin(up, ctx, 0).peer!.address).toBe('b');
    ctx.tried.add(up.backup[0]!);
    // `a` is usable again after its fail_timeout, but this request has moved on to the backups.
    expect(pickRoundRobin(up, ctx, 20).peer).toBeNull();
    expect(ctx.inBackup).toBe(true);
  });

  it('takes a failed server out for fail_timeout seconds, then lets it back', () => {
    const up = buildUpstream('u', true, 1, [peer('a', { failTimeout: 10 }), peer('b')]);
    const a = up.primary[0]!;
    releasePeer(up, a, true, 0);
    expect(sequence(up, 3, 5)).toEqual(['b', 'b', 'b']);
    expect(sequence(up, 4, 11)).toContain('a');
  });

  it('skips a server at its max_conns', () => {
    const up = buildUpstream('u', true, 1, [peer('a', { maxConns: 1 }), peer('b')]);
    up.primary[0]!.conns = 1;
    expect(sequence(up, 2)).toEqual(['b', 'b']);
  });

  it('always chooses the single server of a group of one and never marks it failed', () => {
    const up = buildUpstream('u', false, 1, [peer('a')]);
    releasePeer(up, up.primary[0]!, true, 0);
    expect(pickRoundRobin(up, context(), 0)).toMatchObject({
      single: true,
      peer: up.primary[0],
      method: 'single server',
    });
    expect(up.primary[0]!.fails).toBe(0);
  });

  it('counts only the servers not marked down as tries, backups included', () => {
    const up = buildUpstream('u', true, 1, [
      peer('a'),
      peer('b', { down: true }),
      peer('c', { backup: true }),
    ]);
    expect(up.tries).toBe(2);
    expect(up.single).toBe(false);
  });
});
