import { describe, expect, it } from 'vitest';
import type { ZoneDef } from './directives';
import { CacheZone, keyCapacity, type Removal, type StoredResponse } from './zone';

function zone(over: Partial<ZoneDef> = {}): CacheZone {
  return new CacheZone({
    name: 'z',
    path: 'cache',
    keysZoneSize: 1024 * 1024,
    inactive: 600,
    maxSize: 0,
    line: 1,
    file: 'nginx.conf',
    ...over,
  });
}

function entry(bytes: number, validSec = 100): StoredResponse {
  return {
    status: 200,
    headers: [],
    body: new Uint8Array(bytes),
    date: 0,
    validSec,
    updatingSec: 0,
    errorSec: 0,
    lastModified: null,
    etag: null,
    vary: null,
    variant: null,
  };
}

describe('keyCapacity', () => {
  it('matches what nginx 1.22 holds in a keys zone of that size', () => {
    // Measured: the key stored before these many others is still a HIT, one more and it is gone.
    expect(keyCapacity(16 * 1024)).toBe(63);
    expect(keyCapacity(32 * 1024)).toBe(191);
    expect(keyCapacity(64 * 1024)).toBe(447);
    expect(keyCapacity(128 * 1024)).toBe(959);
    expect(keyCapacity(1024 * 1024)).toBe(8095);
  });
});

describe('CacheZone', () => {
  it('counts uses per key', () => {
    const z = zone();
    expect(z.touch('a', 0, null).uses).toBe(1);
    expect(z.touch('a', 0, null).uses).toBe(2);
    expect(z.touch('b', 0, null).uses).toBe(1);
  });

  it('forgets keys not requested for `inactive` seconds, counting from the last request', () => {
    const z = zone({ inactive: 10 });
    const removed: Removal[] = [];
    z.store(z.touch('a', 0, null), entry(5), null);
    z.touch('b', 0, null);
    z.touch('a', 8, null);
    expect(z.touch('c', 10, removed).uses).toBe(1);
    expect(removed).toEqual([{ key: 'b', why: 'inactive' }]);
    expect(z.peek('a')?.entry).not.toBeNull();
    z.touch('d', 18, removed);
    expect(z.peek('a')).toBeUndefined();
    expect(z.bytes).toBe(0);
  });

  it('keeps stored bodies within max_size by removing the least recently used', () => {
    const z = zone({ maxSize: 100 });
    const removed: Removal[] = [];
    z.store(z.touch('a', 0, null), entry(40), null);
    z.store(z.touch('b', 0, null), entry(40), null);
    z.touch('a', 0, null);
    z.store(z.touch('c', 0, null), entry(40), removed);
    expect(removed).toEqual([{ key: 'b', why: 'max_size' }]);
    expect(z.bytes).toBe(80);
    expect(z.peek('a')).toBeDefined();
  });

  it('replacing an entry adjusts the stored size', () => {
    const z = zone();
    const node = z.touch('a', 0, null);
    z.store(node, entry(40), null);
    z.store(node, entry(10), null);
    expect(z.bytes).toBe(10);
  });

  it('lets the least recently used key go when the keys zone is full', () => {
    const z = zone({ keysZoneSize: 16 * 1024 });
    const removed: Removal[] = [];
    for (let i = 0; i < 63; i++) z.touch(`k${i}`, 0, removed);
    expect(removed).toEqual([]);
    z.touch('k0', 0, removed);
    z.touch('new', 0, removed);
    expect(removed).toEqual([{ key: 'k1', why: 'keys_zone' }]);
    expect(z.size).toBe(63);
  });

  it('keeps an error until its time, and renew forgets it', () => {
    const z = zone();
    const node = z.touch('a', 0, null);
    z.storeError(node, 502, 10);
    expect(node).toMatchObject({ error: 502, errorValidSec: 10 });
    z.renew(node);
    expect(node).toMatchObject({ error: 0, entry: null });
  });
});
