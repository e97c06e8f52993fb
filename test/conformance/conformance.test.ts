/**
 * Holds the engine to the recorded real-nginx behaviour: every visible case
 * must pass unless it is on the known-gap list, and a listed case that starts
 * passing must be taken off the list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCases, runCase } from './runner';

const here = import.meta.dirname;
// `cases/` mirrors the shared recorded cases; `recorded/` holds cases this project recorded itself with the same oracle.
const cases = [...loadCases(join(here, 'cases')), ...loadCases(join(here, 'recorded'))];
const gaps = new Set(
  readFileSync(join(here, 'known-gaps.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#')),
);

describe('conformance with recorded nginx behaviour', () => {
  it('knows every case on the gap list', () => {
    const names = new Set(cases.map((c) => c.name));
    expect([...gaps].filter((g) => !names.has(g))).toEqual([]);
  });

  for (const c of cases) {
    const known = gaps.has(c.name);
    it(`${c.name}${known ? ' (known gap: must still fail)' : ''}`, async () => {
      const outcome = await runCase(c);
      if (known) {
        expect(outcome.status, `${c.name} passes now: remove it from known-gaps.txt`).not.toBe(
          'pass',
        );
      } else {
        expect(
          outcome.status === 'pass'
            ? []
            : outcome.status === 'crash'
              ? [`CRASH ${outcome.error}`]
              : outcome.differences,
        ).toEqual([]);
      }
    });
  }
});
