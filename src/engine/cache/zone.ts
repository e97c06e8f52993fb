/**
 * One cache zone (`keys_zone=name:size`): the keys nginx keeps in shared
 * memory, each with its use count and, once stored, the response. Keys are
 * kept in least-recently-used order, which is also the order in which
 * `inactive` and `max_size` remove them.
 */
import type { HeaderList } from '../../http/message';
import type { ZoneDef } from './directives';

/** A stored response, kept as the backend sent it; a HIT replays it. */
export interface StoredResponse {
  status: number;
  /** The backend's headers as received (shared, never copied or changed). */
  headers: HeaderList;
  body: Uint8Array;
  /** Epoch second the entry was stored. */
  date: number;
  /** Fresh while the current epoch second is <= validSec. */
  validSec: number;
  /** `stale-while-revalidate=` / `stale-if-error=` seconds from Cache-Control. */
  updatingSec: number;
  errorSec: number;
  /** For `proxy_cache_revalidate` (only kept for 200 and 206). */
  lastModified: string | null;
  etag: string | null;
  /** The backend's `Vary` (names lower-cased), and the variant this entry answers. */
  vary: string | null;
  variant: string | null;
}

/** A key the zone knows (nginx's ngx_http_file_cache_node_t). */
export interface CacheNode {
  key: string;
  /** Lookups of this key so far (`proxy_cache_min_uses`). */
  uses: number;
  /** Epoch second of the last lookup (`inactive` counts from it). */
  accessed: number;
  entry: StoredResponse | null;
  /** An error nginx generated itself (502, 504) and keeps like a response, until `errorValidSec`. */
  error: number;
  errorValidSec: number;
  /** A request is fetching this key (nginx's node->updating) until that virtual ms at the latest (lock_age). */
  updating: boolean;
  lockUntil: number;
}

/** nginx's slab allocator fits 32 nodes in a page and keeps some pages for itself. */
const NODES_PER_PAGE = 32;
const PAGE_SIZE = 4096;
const RESERVED_PAGES = 2;

/** How many keys a keys zone of this many bytes holds (measured on nginx 1.22 for small zones). */
export function keyCapacity(bytes: number): number {
  const pages = Math.floor(bytes / PAGE_SIZE);
  // Each page also needs a descriptor in the zone's header: about 1 page per 170.
  const descriptors = Math.ceil(pages / 170);
  return Math.max(0, (pages - RESERVED_PAGES - descriptors + 1) * NODES_PER_PAGE - 1);
}

export interface Removal {
  key: string;
  why: 'inactive' | 'max_size' | 'keys_zone';
}

export class CacheZone {
  /** Insertion order is recency: the first key is the least recently used. */
  private readonly nodes = new Map<string, CacheNode>();
  private storedBytes = 0;
  readonly capacity: number;

  constructor(readonly def: ZoneDef) {
    this.capacity = keyCapacity(def.keysZoneSize);
  }

  get size(): number {
    return this.nodes.size;
  }

  /** Bytes of stored bodies. */
  get bytes(): number {
    return this.storedBytes;
  }

  /** The node for a key without counting a use (for tests and the UI). */
  peek(key: string): CacheNode | undefined {
    return this.nodes.get(key);
  }

  /**
   * A lookup (ngx_http_file_cache_exists): counts a use, makes the key the
   * most recently used, and creates the node when it is new. Entries not
   * requested for `inactive` seconds are gone first, as the cache manager
   * would have removed them.
   */
  touch(key: string, nowSec: number, removed: Removal[] | null): CacheNode {
    this.expireInactive(nowSec, removed);
    let node = this.nodes.get(key);
    if (node) {
      this.nodes.delete(key);
      node.uses++;
    } else {
      if (this.nodes.size >= this.capacity) this.evictOldest('keys_zone', removed);
      node = {
        key,
        uses: 1,
        accessed: nowSec,
        entry: null,
        error: 0,
        errorValidSec: 0,
        updating: false,
        lockUntil: 0,
      };
    }
    node.accessed = nowSec;
    this.nodes.set(key, node);
    return node;
  }

  /** Stores (or replaces) the node's response, then trims to `max_size`. */
  store(node: CacheNode, entry: StoredResponse, removed: Removal[] | null): void {
    if (!this.nodes.has(node.key)) {
      // Evicted while the backend answered: the key comes back as new.
      if (this.nodes.size >= this.capacity) this.evictOldest('keys_zone', removed);
      this.nodes.set(node.key, node);
    }
    this.storedBytes += entry.body.length - (node.entry?.body.length ?? 0);
    node.entry = entry;
    node.error = 0;
    const max = this.def.maxSize;
    while (max > 0 && this.storedBytes > max && this.nodes.size > 0) {
      this.evictOldest('max_size', removed);
    }
  }

  /** Keeps an error nginx generated (502/504) for the key until `validSec`. */
  storeError(node: CacheNode, status: number, validSec: number): void {
    node.error = status;
    node.errorValidSec = Math.max(validSec, node.errorValidSec);
  }

  /** Forgets the key's error and stored response (nginx's "renew" of an expired error). */
  renew(node: CacheNode): void {
    this.storedBytes -= node.entry?.body.length ?? 0;
    node.entry = null;
    node.error = 0;
    node.errorValidSec = 0;
  }

  /** The inactive keys, oldest first: recency order is also the order they expire in. */
  private expireInactive(nowSec: number, removed: Removal[] | null): void {
    const inactive = this.def.inactive;
    for (const node of this.nodes.values()) {
      if (nowSec < node.accessed + inactive) return;
      this.remove(node);
      removed?.push({ key: node.key, why: 'inactive' });
    }
  }

  private evictOldest(why: Removal['why'], removed: Removal[] | null): void {
    const oldest = this.nodes.values().next();
    if (oldest.done) return;
    this.remove(oldest.value);
    removed?.push({ key: oldest.value.key, why });
  }

  private remove(node: CacheNode): void {
    this.nodes.delete(node.key);
    this.storedBytes -= node.entry?.body.length ?? 0;
  }
}
