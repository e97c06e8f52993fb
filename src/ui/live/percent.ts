/** Shares of a whole for the Distribution tab's rows. */

/** `34%`, rounded; `<1%` rather than a misleading 0%. */
export function percent(count: number, total: number): string {
  if (total === 0) return '0%';
  const p = (100 * count) / total;
  return p > 0 && p < 1 ? '<1%' : `${Math.round(p)}%`;
}
