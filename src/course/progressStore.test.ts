import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  emptyProgress,
  PROGRESS_STORAGE_KEY,
  UNREADABLE_NOTICE,
  withVisit,
  writeProgress,
} from './progress';
import { browserStorage, ProgressStore, type ProgressStorage } from './progressStore.svelte';

/** A Map behind the Storage methods the store uses. */
function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  } satisfies ProgressStorage & { items: Map<string, string> };
}

const refusing: ProgressStorage = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  removeItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
};

afterEach(() => vi.unstubAllGlobals());

describe('ProgressStore', () => {
  it('loads what was saved and saves every change', () => {
    const storage = memoryStorage({
      [PROGRESS_STORAGE_KEY]: writeProgress(withVisit(emptyProgress(), 'intro')),
    });
    const store = new ProgressStore(storage);
    expect(store.progress.last).toBe('intro');
    expect(store.notice).toBeNull();
    expect(store.saving).toBe(true);

    store.visit('caching');
    store.answer('caching', 'q', { correct: true, value: ['0'] });
    const again = new ProgressStore(storage);
    expect(again.progress).toEqual(store.progress);
    expect(again.progress.last).toBe('caching');
    expect(again.progress.lessons['caching']?.answers['q']).toEqual({
      correct: true,
      value: ['0'],
    });
  });

  it('does not write when a lesson opened again is already the one to resume', () => {
    const storage = memoryStorage();
    const store = new ProgressStore(storage);
    store.visit('intro');
    const setItem = vi.spyOn(storage, 'setItem');
    store.visit('intro');
    expect(setItem).not.toHaveBeenCalled();
  });

  it('says once that unreadable progress starts afresh, and replaces it', () => {
    const storage = memoryStorage({ [PROGRESS_STORAGE_KEY]: '{not json' });
    const store = new ProgressStore(storage);
    expect(store.notice).toBe(UNREADABLE_NOTICE);
    expect(store.progress).toEqual(emptyProgress());
    expect(storage.items.get(PROGRESS_STORAGE_KEY)).toBe(writeProgress(emptyProgress()));
    expect(new ProgressStore(storage).notice).toBeNull();

    store.dismissNotice();
    expect(store.notice).toBeNull();
  });

  it('saves a migrated v0 record in the current format', () => {
    const storage = memoryStorage({ [PROGRESS_STORAGE_KEY]: '{"visited":["intro"]}' });
    const store = new ProgressStore(storage);
    expect(store.notice).toBeNull();
    expect(JSON.parse(storage.items.get(PROGRESS_STORAGE_KEY)!)).toMatchObject({
      version: 1,
      lessons: { intro: { visited: true } },
    });
  });

  it('resets: nothing visited, nothing answered, nothing to resume, nothing stored', () => {
    const storage = memoryStorage();
    const store = new ProgressStore(storage);
    store.visit('intro');
    store.answer('intro', 'q', { correct: false, value: [] });
    store.reset();
    expect(store.progress).toEqual(emptyProgress());
    expect(storage.items.has(PROGRESS_STORAGE_KEY)).toBe(false);
    expect(new ProgressStore(storage).progress).toEqual(emptyProgress());
  });

  it('keeps progress in memory when there is no storage at all', () => {
    const store = new ProgressStore(null);
    expect(store.saving).toBe(false);
    store.visit('intro');
    expect(store.progress.last).toBe('intro');
    store.reset();
    expect(store.progress).toEqual(emptyProgress());
  });

  it('keeps progress in memory when the storage refuses to be read', () => {
    const store = new ProgressStore(refusing);
    expect(store.saving).toBe(false);
    expect(store.notice).toBeNull();
    store.visit('intro');
    expect(store.progress.last).toBe('intro');
  });

  it('goes on in memory when a save fails (storage full), and says it no longer saves', () => {
    const storage = memoryStorage();
    const store = new ProgressStore(storage);
    vi.spyOn(storage, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    store.visit('intro');
    expect(store.progress.last).toBe('intro');
    expect(store.saving).toBe(false);
    store.visit('caching');
    expect(store.progress.last).toBe('caching');
  });

  it('goes on in memory when a reset cannot remove the saved record', () => {
    const storage = memoryStorage();
    const store = new ProgressStore(storage);
    store.visit('intro');
    vi.spyOn(storage, 'removeItem').mockImplementation(() => {
      throw new Error('no');
    });
    store.reset();
    expect(store.progress).toEqual(emptyProgress());
    expect(store.saving).toBe(false);
  });
});

describe('browserStorage', () => {
  it('is null where reading localStorage throws', () => {
    vi.stubGlobal('window', {
      get localStorage(): Storage {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    expect(browserStorage()).toBeNull();
  });

  it('is localStorage where there is one', () => {
    const localStorage = memoryStorage();
    vi.stubGlobal('window', { localStorage });
    expect(browserStorage()).toBe(localStorage);
  });
});
