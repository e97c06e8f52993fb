import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { PlaygroundScenario } from './playground-scenario';
import {
  parseScenarioFile,
  readScenarioFile,
  scenarioFileName,
  scenarioFileText,
} from './scenario-file';
import { scenarioArbitrary } from './share.arbitrary';

const scenario: PlaygroundScenario = {
  title: 'Two apps',
  config: 'events {}\n',
  backends: { '127.0.0.1:3000': { name: 'app-a' }, '127.0.0.1:3001': { name: 'app-b' } },
  files: { '/var/www/index.html': '<h1>hi</h1>' },
};

const fileWith = (fields: Record<string, unknown>) =>
  JSON.stringify({ format: 'proxy-sandbox-scenario', version: 1, scenario, ...fields });

function message(text: string): string {
  const result = parseScenarioFile(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.message;
}

describe('scenarioFileName', () => {
  test('is the title as a slug', () => {
    expect(scenarioFileName(scenario)).toBe('proxy-sandbox-two-apps.json');
    expect(scenarioFileName({ ...scenario, title: '  Café: A/B tests! ' })).toBe(
      'proxy-sandbox-cafe-a-b-tests.json',
    );
  });

  test('falls back to "scenario" for a title without letters, and never names a path', () => {
    expect(scenarioFileName({ ...scenario, title: '' })).toBe('proxy-sandbox-scenario.json');
    expect(scenarioFileName({ ...scenario, title: '../../etc/passwd' })).toBe(
      'proxy-sandbox-etc-passwd.json',
    );
  });
});

describe('scenarioFileText and parseScenarioFile', () => {
  test('the file is the format, its version and the scenario, indented', () => {
    expect(JSON.parse(scenarioFileText(scenario))).toEqual({
      format: 'proxy-sandbox-scenario',
      version: 1,
      scenario,
    });
    expect(scenarioFileText(scenario)).toContain('\n  "version": 1,\n');
  });

  test('round-trips every generated scenario exactly', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (s) => {
        expect(parseScenarioFile(scenarioFileText(s))).toStrictEqual({ ok: true, scenario: s });
      }),
      { numRuns: 100 },
    );
  });
});

describe('parseScenarioFile refuses, in words', () => {
  test('text that is not JSON', () => {
    expect(message('{"format":')).toBe('This file is not a sandbox scenario: it is not JSON.');
  });

  test('JSON that is not a scenario file', () => {
    const expected =
      'This file is not a sandbox scenario: it has no "format": "proxy-sandbox-scenario".';
    expect(message('[]')).toBe(expected);
    expect(message('null')).toBe(expected);
    expect(message(JSON.stringify(scenario))).toBe(expected);
    expect(message(fileWith({ format: 'something-else' }))).toBe(expected);
  });

  test('a file from a newer version', () => {
    expect(message(fileWith({ version: 2 }))).toMatch(
      /^This file was made by a newer version of the sandbox\./,
    );
  });

  test('a version it never wrote', () => {
    expect(message(fileWith({ version: '1' }))).toBe(
      'This file is version "1", which the sandbox does not know.',
    );
  });

  test('fields beside the scenario', () => {
    expect(message(fileWith({ script: 'x' }))).toBe(
      'This file is not one the sandbox can open: unknown field "script" beside the scenario.',
    );
  });

  test('a scenario that breaks the schema, naming the field', () => {
    const bad = { ...scenario, backends: { '127.0.0.1:3000': { name: 'a', latencyMs: -1 } } };
    expect(message(fileWith({ scenario: bad }))).toBe(
      'This file’s scenario is not one the sandbox can open: backends["127.0.0.1:3000"].latencyMs: must be between 0 and 60000 (ms).',
    );
  });

  test('a __proto__ key', () => {
    const text = fileWith({}).replace('"title":', '"__proto__":{"polluted":true},"title":');
    expect(message(text)).toContain('__proto__: a key named __proto__ is not allowed');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('readScenarioFile', () => {
  test('reads a file the learner picked', async () => {
    const file = new Blob([scenarioFileText(scenario)], { type: 'application/json' });
    expect(await readScenarioFile(file)).toEqual({ ok: true, scenario });
  });

  test('refuses a file over 2 MB before reading it', async () => {
    const file = new Blob([' '.repeat(2 * 1024 * 1024 + 1)]);
    expect(await readScenarioFile(file)).toEqual({
      ok: false,
      message: 'This file is larger than 2 MB, more than a sandbox scenario can be.',
    });
  });
});
