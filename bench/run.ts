/**
 * `npm run bench`: runs every bench module and prints its figures as a table,
 * or with `--json` one `{"name","value","unit"}` object per line on stdout
 * (progress goes to stderr), for scripts that track figures over time.
 * Use `npm run -s bench -- --json` so npm's own banner stays off stdout.
 * Names pick modules: `npm run bench -- frames worker` runs only those two.
 *
 * To add figures, write a module exporting `() => Promise<Figure[]>` and
 * list it in MODULES under a name.
 */
import { meetsTarget, type BenchModule, type Figure } from './figure';
import { balanceBench } from './balance.bench';
import { budgetBench } from './budget.bench';
import { burstBench } from './burst.bench';
import { cacheBench } from './cache.bench';
import { framesBench } from './frames.bench';
import { handleBench } from './handle.bench';
import { heapBench } from './heap.bench';
import { parseBench } from './parse.bench';
import { workerBench } from './worker.bench';

const MODULES: Record<string, BenchModule> = {
  parse: parseBench,
  handle: handleBench,
  balance: balanceBench,
  cache: cacheBench,
  burst: burstBench,
  worker: workerBench,
  frames: framesBench,
  budget: budgetBench,
  heap: heapBench,
};

function format(value: number): string {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(3);
}

function table(figures: readonly Figure[]): string {
  const rows = [
    ['figure', 'value', 'unit', 'target', 'ok?'],
    ...figures.map((f) => {
      const ok = meetsTarget(f.value, f.target);
      return [
        f.name,
        format(f.value),
        f.unit,
        f.target ?? '',
        ok === undefined ? '' : ok ? 'yes' : 'NO',
      ];
    }),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)]
    .map((l) => l.trimEnd())
    .join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !(n in MODULES));
  if (unknown.length) {
    throw new Error(
      `no bench module ${unknown.join(', ')}; there are ${Object.keys(MODULES).join(', ')}`,
    );
  }
  const figures: Figure[] = [];
  for (const [name, run] of Object.entries(MODULES)) {
    if (names.length === 0 || names.includes(name)) figures.push(...(await run()));
  }
  if (json) {
    for (const f of figures) {
      process.stdout.write(JSON.stringify({ name: f.name, value: f.value, unit: f.unit }) + '\n');
    }
  } else {
    process.stdout.write(table(figures) + '\n');
  }
  // Missing a target is reported, not fatal: figures vary by machine.
}

await main();
