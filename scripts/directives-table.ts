/**
 * The README's table of directives, generated from the engine's directive
 * declarations so it cannot drift from what the sandbox accepts.
 *
 *   npx tsx scripts/directives-table.ts          # rewrites the README section
 *   npx tsx scripts/directives-table.ts --check  # exits 1 when the README is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReadme } from './directives-markdown';

const readme = readFileSync('README.md', 'utf8');
const updated = await renderReadme(readme);
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md directive table is stale: run npx tsx scripts/directives-table.ts');
    process.exitCode = 1;
  }
} else {
  writeFileSync('README.md', updated);
}
