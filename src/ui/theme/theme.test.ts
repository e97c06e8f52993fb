import { describe, expect, it } from 'vitest';
import {
  applyThemeChoice,
  loadThemeChoice,
  parseThemeChoice,
  saveThemeChoice,
  THEME_STORAGE_KEY,
  type ThemeStorage,
} from './theme';

function memoryStorage(entries: Record<string, string> = {}): ThemeStorage & {
  entries: Record<string, string>;
} {
  return {
    entries,
    getItem: (key) => entries[key] ?? null,
    setItem: (key, value) => {
      entries[key] = value;
    },
    removeItem: (key) => {
      delete entries[key];
    },
  };
}

const throwing: ThemeStorage = {
  getItem: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError');
  },
  removeItem: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
};

describe('parseThemeChoice', () => {
  it('keeps the three known choices', () => {
    expect(parseThemeChoice('system')).toBe('system');
    expect(parseThemeChoice('light')).toBe('light');
    expect(parseThemeChoice('dark')).toBe('dark');
  });

  it.each([null, undefined, '', 'Dark', ' dark', 'sepia', '{"theme":"dark"}', 1, {}])(
    'reads %j as system',
    (value) => {
      expect(parseThemeChoice(value)).toBe('system');
    },
  );
});

describe('loadThemeChoice', () => {
  it('is system with nothing stored', () => {
    expect(loadThemeChoice(memoryStorage())).toBe('system');
  });

  it('returns what was saved', () => {
    const storage = memoryStorage();
    saveThemeChoice('dark', storage);
    expect(loadThemeChoice(storage)).toBe('dark');
  });

  it('falls back to system for a corrupted entry', () => {
    expect(loadThemeChoice(memoryStorage({ [THEME_STORAGE_KEY]: 'dar' }))).toBe('system');
  });

  it('falls back to system when storage is missing or throws', () => {
    expect(loadThemeChoice(null)).toBe('system');
    expect(loadThemeChoice(throwing)).toBe('system');
  });

  it('works with no localStorage at all (node has none)', () => {
    expect(loadThemeChoice()).toBe('system');
  });
});

describe('saveThemeChoice', () => {
  it('stores light and dark, and removes the entry for system', () => {
    const storage = memoryStorage();
    saveThemeChoice('light', storage);
    expect(storage.entries).toEqual({ [THEME_STORAGE_KEY]: 'light' });
    saveThemeChoice('system', storage);
    expect(storage.entries).toEqual({});
  });

  it('does not throw when storage refuses', () => {
    expect(() => saveThemeChoice('dark', throwing)).not.toThrow();
    expect(() => saveThemeChoice('system', throwing)).not.toThrow();
    expect(() => saveThemeChoice('dark', null)).not.toThrow();
  });
});

describe('applyThemeChoice', () => {
  it('sets data-theme for light and dark and removes it for system', () => {
    const root = { dataset: {} as DOMStringMap };
    applyThemeChoice('dark', root);
    expect(root.dataset).toEqual({ theme: 'dark' });
    applyThemeChoice('light', root);
    expect(root.dataset).toEqual({ theme: 'light' });
    applyThemeChoice('system', root);
    expect(root.dataset).toEqual({});
  });
});
