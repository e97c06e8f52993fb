import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Rollup } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { courseLessons } from './vite-plugin';

const FIXTURES = 'test/fixtures/lessons';
let root = '';

afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Builds an entry that imports virtual:lessons, with lesson files copied from the fixtures. */
async function buildWith(fixtures: string[]): Promise<string> {
  root = mkdtempSync(join(tmpdir(), 'lessons-'));
  for (const f of fixtures) copyFileSync(join(FIXTURES, f), join(root, f));
  writeFileSync(
    join(root, 'entry.js'),
    "import lessons, { content } from 'virtual:lessons';\n" +
      'export { lessons };\n' +
      'export const valid = content.valid ? await content.valid() : null;\n',
  );
  const output = (await build({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [courseLessons({ dir: '.' })],
    build: { write: false, lib: { entry: 'entry.js', formats: ['es'], fileName: 'entry' } },
  })) as Rollup.RollupOutput[];
  return output[0]!.output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');
}

describe('virtual:lessons', () => {
  it('is the lessons as data, for the page: the list, and each lesson in a module of its own', async () => {
    const code = await buildWith(['01-valid.md']);
    expect(code).toMatch(/\bid: "valid"/);
    expect(code).toContain('file: "01-valid.md"');
    expect(code).toContain('<h2 id=\\"round-robin\\">Round robin</h2>');
  });

  it('fails the build with every problem, file and field', async () => {
    await expect(
      buildWith(['01-valid.md', '02-missing-title.md', '04-two-correct.md']),
    ).rejects.toThrow(
      '2 problems in the lessons:\n' +
        '02-missing-title.md: title: required\n' +
        '04-two-correct.md: quiz[2].choices: a single-choice question needs exactly one correct choice',
    );
  });
});
