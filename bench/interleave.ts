/**
 * Measures several loops in interleaved short rounds, rotating which goes
 * first, and reports medians: machine drift (thermal, other processes, GC)
 * then hits all of them alike, and ratios are taken per round so each pair
 * was measured under the same conditions.
 */
import { median, progress } from './figure';

export interface Loop {
  name: string;
  /** Runs `n` operations; returns a number derived from their results so none can be optimised away. */
  batch: (n: number) => Promise<number>;
}

const BATCH = 20;
let sink = 0;

/** Operations per second of `loop` over about `ms` milliseconds. */
async function rate(loop: Loop, ms: number): Promise<number> {
  let ops = 0;
  const start = performance.now();
  let elapsed: number;
  do {
    sink += await loop.batch(BATCH);
    ops += BATCH;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (ops * 1000) / elapsed;
}

export interface Interleaved {
  /** Median operations per second of each loop. */
  rates: Map<string, number>;
  /** Median of the per-round ratio numerator/denominator. */
  ratio: number;
}

export async function interleave(
  label: string,
  loops: readonly Loop[],
  ratioOf: [numerator: string, denominator: string],
  { rounds = 10, roundMs = 300, warmupMs = 500 } = {},
): Promise<Interleaved> {
  progress(`${label}: warming up`);
  for (const loop of loops) await rate(loop, warmupMs);
  const all = new Map<string, number[]>(loops.map((l) => [l.name, []]));
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const measured = new Map<string, number>();
    for (let k = 0; k < loops.length; k++) {
      const loop = loops[(round + k) % loops.length]!;
      const r = await rate(loop, roundMs);
      measured.set(loop.name, r);
      all.get(loop.name)!.push(r);
    }
    ratios.push(measured.get(ratioOf[0])! / measured.get(ratioOf[1])!);
    progress(
      `${label}: round ${round + 1}/${rounds} ` +
        [...measured].map(([n, r]) => `${n}=${Math.round(r)}/s`).join(' '),
    );
  }
  progress(`${label}: done (checksum ${sink})`);
  return { rates: new Map([...all].map(([n, rs]) => [n, median(rs)])), ratio: median(ratios) };
}

/**
 * The bare stack underneath the engine: MSW's getResponse on the same
 * handlers, reading the body as the transport does. `headers` are the ones
 * the backend receives through the proxy, so the backend does the same work
 * in both loops; the headerless variant is kept as a second reference.
 */
export function bareLoops(
  getResponse: (request: Request) => Promise<Response | undefined>,
  readBody: (response: Response) => Promise<{ body: Uint8Array }>,
  nextUrl: () => string,
  headers: [string, string][],
): Loop[] {
  const loop = (name: string, withHeaders: [string, string][]): Loop => ({
    name,
    batch: async (n) => {
      let sink = 0;
      for (let i = 0; i < n; i++) {
        const response = await getResponse(new Request(nextUrl(), { headers: withHeaders }));
        sink += (await readBody(response!)).body.length;
      }
      return sink;
    },
  });
  return [loop('msw', headers), loop('msw (no headers)', [])];
}
