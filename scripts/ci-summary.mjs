// Turns Vitest's JSON report into the one line CI reads: "N passed, N failed".
// Plain JavaScript so CI can run it with node alone. Usage: node scripts/ci-summary.mjs <test exit code>
import { existsSync, readFileSync } from 'node:fs';

const REPORT = 'test-results/vitest.json';
const testExitCode = Number(process.argv[2] ?? 0);

/**
 * @param {number} passed
 * @param {number} failed
 */
function finish(passed, failed) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

if (!existsSync(REPORT)) {
  // Vitest never ran: the test command stopped at type or lint errors. That is one failure.
  finish(0, 1);
}

/** @type {{ numPassedTests: number, numFailedTests: number, success: boolean,
 *   testResults: { status: string, assertionResults: unknown[] }[] }} */
const report = JSON.parse(readFileSync(REPORT, 'utf8'));
// A file that failed to load has no tests to count, but it is a failure all the same.
const brokenFiles = report.testResults.filter(
  (file) => file.status === 'failed' && file.assertionResults.length === 0,
).length;
let failed = report.numFailedTests + brokenFiles;
// Errors outside any test (a browser that would not start, an unhandled rejection)
// fail the run without failing a test; they still have to show in the count.
if (failed === 0 && (testExitCode !== 0 || !report.success)) failed = 1;
finish(report.numPassedTests, failed);
