/**
 * mulberry32, a small fast generator: one step from a 32-bit state to the
 * next state and a 32-bit output. The sandbox seeds it wherever it needs
 * chance that replays alike (random balancing, failing backends, figures).
 */
export function mulberry32(state: number): { state: number; value: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { state: next, value: (t ^ (t >>> 14)) >>> 0 };
}
