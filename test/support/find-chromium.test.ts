import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findChromium, NO_CHROMIUM_MESSAGE } from './find-chromium';

const dir = mkdtempSync(join(tmpdir(), 'find-chromium-'));
const fakeChrome = join(dir, 'chrome');
writeFileSync(fakeChrome, '');
const missing = join(dir, 'missing');

describe('findChromium', () => {
  test('prefers CHROMIUM_PATH over every other place', () => {
    expect(findChromium({ CHROMIUM_PATH: fakeChrome }, ['/usr/bin/chromium'])).toBe(fakeChrome);
  });

  test('reports a CHROMIUM_PATH that points nowhere instead of falling back', () => {
    expect(() => findChromium({ CHROMIUM_PATH: missing }, [fakeChrome])).toThrow(
      `CHROMIUM_PATH=${missing} does not exist`,
    );
  });

  test('takes the first system path that exists', () => {
    expect(findChromium({}, [missing, fakeChrome])).toBe(fakeChrome);
  });

  test("without a system browser, uses Playwright's own or says how to install one", () => {
    // Which of the two happens depends on the machine; both are the documented outcome.
    let found: string;
    try {
      found = findChromium({}, [missing]);
    } catch (error) {
      expect(error).toEqual(new Error(NO_CHROMIUM_MESSAGE));
      return;
    }
    expect(existsSync(found)).toBe(true);
  });
});
