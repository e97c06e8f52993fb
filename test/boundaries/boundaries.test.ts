// The import-boundary rules of `npm run lint` fire on a fixture tree that breaks each one, and stay
// quiet on what docs/ARCHITECTURE.md allows.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import config, { mayImport } from '../../.dependency-cruiser.mjs';

const fixture = fileURLToPath(new URL('fixture', import.meta.url));
const src = fileURLToPath(new URL('../../src', import.meta.url));

async function violationsIn(baseDir: string): Promise<string[]> {
  const { output } = await cruise(['src'], {
    ...config.options,
    cache: false,
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  return (output as ICruiseResult).summary.violations
    .map(({ rule, from, to }) => `${rule.name}: ${from} -> ${to}`)
    .sort();
}

describe('the boundary check', () => {
  it('reports each broken rule in the fixture, and nothing it allows', async () => {
    expect(await violationsIn(fixture)).toEqual(
      [
        'engine-knows-only-http: src/engine/knows-ui.ts -> src/ui/widget.ts',
        'layer-engine: src/engine/knows-ui.ts -> src/ui/widget.ts',
        'http-imports-nothing-of-ours: src/http/status.ts -> src/backends/app.ts',
        'layer-http: src/http/status.ts -> src/backends/app.ts',
        // Read from a .svelte file: the check sees components' imports too.
        'engine-only-through-index: src/ui/Panel.svelte -> src/engine/inner.ts',
        'layer-ui: src/ui/start.ts -> src/runtime/start.ts',
        'layer-playground: src/playground/state.ts -> src/ui/widget.ts',
      ].sort(),
    );
  }, 60_000);
});

describe('the table of what each folder may import', () => {
  it('has no cycle, so the value imports it allows have none either', () => {
    const done = new Set<string>();
    const visiting: string[] = [];
    const visit = (folder: string): void => {
      if (done.has(folder)) return;
      expect(visiting, `cycle through ${folder}`).not.toContain(folder);
      visiting.push(folder);
      for (const next of mayImport[folder as keyof typeof mayImport] ?? []) visit(next);
      visiting.pop();
      done.add(folder);
    };
    Object.keys(mayImport).forEach(visit);
    expect(done.size).toBe(Object.keys(mayImport).length);
  });

  it('names only folders it has a row for', () => {
    const folders = Object.keys(mayImport);
    for (const allowed of Object.values(mayImport)) {
      for (const folder of allowed) expect(folders).toContain(folder);
    }
  });

  it('has a row for every folder in src/, so none escapes the layer rules', () => {
    const inSrc = readdirSync(src, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    for (const folder of inSrc) expect(Object.keys(mayImport)).toContain(folder);
  });
});
