/**
 * `npm run conformance [-- DIR]`: runs every case in DIR (default: the
 * project's own copy in test/conformance/cases) through the engine and prints
 * a diff for each failing case, CRASH for a case where the engine threw, and
 * `N passed, N failed` last. Exits 1 when anything failed.
 */
import { resolve } from 'node:path';
import { loadCases, runCase } from '../test/conformance/runner';

const dir = resolve(process.argv[2] ?? 'test/conformance/cases');
const cases = loadCases(dir);
let passed = 0;
let failed = 0;
for (const c of cases) {
  const outcome = await runCase(c);
  if (outcome.status === 'pass') {
    passed++;
    continue;
  }
  failed++;
  if (outcome.status === 'crash') {
    console.log(`CRASH ${outcome.name}: ${outcome.error}`);
  } else {
    console.log(`FAIL ${outcome.name}`);
    for (const d of outcome.differences.slice(0, 12)) console.log(`  ${d}`);
    if (outcome.differences.length > 12)
      console.log(`  ... ${outcome.differences.length - 12} more differences`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
