import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickRoundRobin } from './round-robin';
import { backendOf, context, peer, proxyWith } from './test-support';
import { buildUpstream } from './upstream';

const weights = fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 6 });

/** How many times each index appears in every full cycle of sum(weights) picks. */
function cycleCounts(picks: readonly number[], n: number, cycle: number): number[][] {
  const out: number[][] = [];
  for (let start = 0; start + cycle <= picks.length; start += cycle) {
    const counts = new Array<number>(n).fill(0);
    for (const i of picks.slice(start, start + cycle)) counts[i]!++;
    out.push(counts);
  }
  return out;
}

describe('smooth weighted round robin, for any weights', () => {
  it('serves each server exactly its weight in every full cycle of picks', () => {
    fc.assert(
      fc.property(weights, fc.integer({ min: 1, max: 6 }), (ws, cycles) => {
        const up = buildUpstream(
          'u',
          true,
          1,
          ws.map((w, i) => peer(`s${i}`, { weight: w })),
        );
        const total = ws.reduce((a, b) => a + b, 0);
        const picks: number[] = [];
        for (let k = 0; k < total * cycles; k++)
          picks.push(up.primary.indexOf(pickRoundRobin(up, context(), 0).peer!));
        for (const counts of cycleCounts(picks, ws.length, total)) expect(counts).toEqual(ws);
      }),
      { numRuns: 300 },
    );
  });

  it('does the same through the engine, whatever the requests look like', async () => {
    const request = fc.record({
      path: fc.stringMatching(/^\/[a-z0-9/]{0,12}$/),
      client: fc.tuple(fc.nat(255), fc.nat(255)).map(([b, c]) => `127.${b}.${c}.1`),
    });
    await fc.assert(
      fc.asyncProperty(
        weights,
        fc.array(request, { minLength: 1, maxLength: 60 }),
        async (ws, requests) => {
          const servers = ws
            .map((w, i) => `    server 127.0.0.1:${3001 + i} weight=${w};`)
            .join('\n');
          const proxy = proxyWith(
            `events {}\nhttp {\n  upstream pool {\n${servers}\n  }\n  server { listen 80; location / { proxy_pass http://pool; } }\n}\n`,
            Object.fromEntries(
              ws.map((_, i) => [`127.0.0.1:${3001 + i}`, { name: `s${i}`, routes: [] }]),
            ),
          );
          const total = ws.reduce((a, b) => a + b, 0);
          const picks: number[] = [];
          const full = Math.max(1, Math.floor(requests.length / total)) * total;
          for (let k = 0; k < full; k++) {
            const q = requests[k % requests.length]!;
            const result = await proxy.send(`http://example.com${q.path}`, { client: q.client });
            picks.push(Number(backendOf(result)!.slice(1)));
          }
          for (const counts of cycleCounts(picks, ws.length, total)) expect(counts).toEqual(ws);
        },
      ),
      { numRuns: 25 },
    );
  });
});
