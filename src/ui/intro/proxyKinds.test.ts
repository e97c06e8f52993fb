import { describe, expect, it } from 'vitest';
import { hopNarration, PROXY_KIND_NAMES, PROXY_KINDS } from './proxyKinds';

describe('proxy kinds content', () => {
  for (const name of PROXY_KIND_NAMES) {
    const kind = PROXY_KINDS[name];

    it(`${name}: every hop follows a drawn link between two drawn nodes`, () => {
      const ids = new Set(kind.nodes.map((n) => n.id));
      const links = new Set(kind.edges.flatMap(([a, b]) => [`${a}>${b}`, `${b}>${a}`]));
      for (const [a, b] of kind.edges) expect([ids.has(a), ids.has(b)]).toEqual([true, true]);
      for (const hop of kind.hops) expect(links).toContain(`${hop.from}>${hop.to}`);
    });

    it(`${name}: the trip ends where it started, and hops chain`, () => {
      expect(kind.hops.at(-1)?.to).toBe(kind.hops[0]?.from);
      kind.hops.slice(1).forEach((hop, i) => expect(hop.from).toBe(kind.hops[i]?.to));
    });
  }

  it('both tables answer the same questions, so they can be compared row by row', () => {
    const questions = PROXY_KIND_NAMES.map((n) => PROXY_KINDS[n].rows.map((r) => r.question));
    expect(questions[0]).toEqual(questions[1]);
  });

  it('narrates a hop with its position', () => {
    expect(hopNarration(PROXY_KINDS.forward, 0)).toMatch(/^Hop 1 of 6: Ana's laptop/);
    expect(hopNarration(PROXY_KINDS.forward, 6)).toBe('');
  });
});
