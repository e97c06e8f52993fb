/**
 * The worker's memory across restarts: the browser stops an idle service
 * worker after about 30 s, and its globals go with it. Each page's scenario
 * and backend changes are kept in IndexedDB so the next request finds the
 * same proxy again.
 */
import type { CoreSnapshot } from '../runtime/sandbox-core';

export interface SessionRecord extends CoreSnapshot {
  session: string;
  /** The page's window client, to ask it to reconnect after a restart. */
  clientId: string | null;
  savedAt: number;
}

const DB = 'proxy-sandbox-worker';
const STORE = 'sessions';
/** Records of pages long gone are dropped when the worker starts. */
const KEEP_MS = 24 * 60 * 60 * 1000;

let db: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  db ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'session' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return db;
}

function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>) {
  return open().then(
    (database) =>
      new Promise<T>((resolve, reject) => {
        const tx = database.transaction(STORE, mode);
        const req = work(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

export function loadSession(session: string): Promise<SessionRecord | undefined> {
  return run('readonly', (s) => s.get(session) as IDBRequest<SessionRecord | undefined>);
}

export function saveSession(record: SessionRecord): Promise<void> {
  return run('readwrite', (s) => s.put(record)).then(() => undefined);
}

export async function pruneSessions(now = Date.now()): Promise<void> {
  const database = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = database.transaction(STORE, 'readwrite');
    const cursor = tx.objectStore(STORE).openCursor();
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      if (now - (c.value as SessionRecord).savedAt > KEEP_MS) c.delete();
      c.continue();
    };
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}
