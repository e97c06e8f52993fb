/**
 * What every bench module reports: named figures, each with an optional
 * target (`< 5`, `>= 0.70`) that run.ts checks and prints beside it.
 * A new benchmark is a module exporting an async function that returns
 * Figure[], listed in run.ts.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** A comparison and a number in the figure's unit: `< 5`, `<= 10`, `> 1000`, `>= 0.70`. */
  target?: string;
}

export type BenchModule = () => Promise<Figure[]>;

/** Whether `value` meets `target`; undefined when there is no target (or it cannot be read). */
export function meetsTarget(value: number, target: string | undefined): boolean | undefined {
  if (target === undefined) return undefined;
  const m = /^\s*(<=|>=|<|>|≤|≥)\s*(-?[\d.]+)/.exec(target);
  if (!m) return undefined;
  const limit = Number(m[2]);
  switch (m[1]) {
    case '<':
      return value < limit;
    case '<=':
    case '≤':
      return value <= limit;
    case '>':
      return value > limit;
    default:
      return value >= limit;
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank percentile `p` (0–100) of `values`; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

/** Progress goes to stderr so that stdout stays machine-readable with --json. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}
