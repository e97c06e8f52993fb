import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findScenario } from './find-scenario';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'export-find-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('findScenario', () => {
  it('finds a lesson by id, with its title, config, backends and files', () => {
    const { name, scenario } = findScenario('static-files', ROOT);
    expect(name).toBe('static-files');
    expect(scenario.config).toContain('include mime.types;');
    expect(Object.keys(scenario.files ?? {})).toContain('/var/www/shop/index.html');
  });

  it('finds a playground scenario by id', () => {
    const { name, scenario } = findScenario('round-robin', ROOT);
    expect(name).toBe('round-robin');
    expect(Object.keys(scenario.backends)).toHaveLength(3);
  });

  it('reads a scenario file, named after the file', () => {
    const path = file('mine.json', {
      config: 'events {}\nhttp {}\n',
      backends: { '127.0.0.1:3000': { name: 'app' } },
    });
    expect(findScenario(path, ROOT)).toEqual({
      name: 'mine',
      scenario: {
        title: 'mine',
        config: 'events {}\nhttp {}\n',
        backends: { '127.0.0.1:3000': { name: 'app' } },
        files: {},
      },
    });
  });

  it('says what exists when the id is unknown, and what is wrong with a bad file', () => {
    expect(() => findScenario('nope', ROOT)).toThrow(
      /no lesson, scenario or file "nope"[^]*lessons: what-is-a-proxy/,
    );
    expect(() => findScenario(file('bad.json', '{'), ROOT)).toThrow('is not JSON');
    expect(() => findScenario(file('no-config.json', { backends: {} }), ROOT)).toThrow(
      '"config" must be',
    );
    expect(() =>
      findScenario(file('no-name.json', { config: '', backends: { a: {} } }), ROOT),
    ).toThrow('backend "a" needs a "name"');
    expect(() => findScenario(join(dir, 'missing.json'), ROOT)).toThrow('no such file');
  });
});
