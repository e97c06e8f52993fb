/**
 * One page's sandbox inside the worker: its proxy, and the port that carries
 * its exchanges and notices. Messages wait in `pending` while the page has no
 * port (before it connects, or after the worker restarted), so none is lost.
 */
import type { PortMessage, ReconnectMessage } from '../runtime/protocol';
import { SandboxCore } from '../runtime/sandbox-core';
import type { RuntimeNotice } from '../runtime/types';
import { loadSession, saveSession } from './store';
import { sw } from './sw-global';

export const RESET_NOTICE: RuntimeNotice = {
  kind: 'state-reset',
  message:
    // Not "idle": the browser also stops a worker to save memory, or while a burst is running.
    'The browser stopped the sandbox worker and started it again. Your scenario and backend ' +
    'changes were restored; request counters, the cache and rate-limit state start fresh.',
};

export class Session {
  readonly core = new SandboxCore();
  clientId: string | null = null;
  private port: MessagePort | null = null;
  private pending: PortMessage[] = [];

  constructor(readonly id: string) {}

  post(message: PortMessage): void {
    if (this.port) this.port.postMessage(message);
    else this.pending.push(message);
  }

  connect(port: MessagePort, clientId: string | null): void {
    this.port?.close();
    this.port = port;
    if (clientId) this.clientId = clientId;
    const waiting = this.pending;
    this.pending = [];
    for (const message of waiting) port.postMessage(message);
  }

  private saving: Promise<void> | null = null;

  /**
   * Saves once for however many requests finish in the same turn: the next
   * request id must survive a restart (ids are never reused within a page),
   * but a burst of a thousand needs one write, not a thousand.
   */
  saveSoon(): Promise<void> {
    this.saving ??= Promise.resolve().then(() => {
      this.saving = null;
      return this.save();
    });
    return this.saving;
  }

  save(): Promise<void> {
    return saveSession({
      session: this.id,
      clientId: this.clientId,
      savedAt: Date.now(),
      ...this.core.snapshot(),
    });
  }
}

const sessions = new Map<string, Promise<Session>>();

/** The page's sandbox; after a restart, rebuilt from IndexedDB (and the page told what was reset). */
export function sessionFor(id: string): Promise<Session> {
  let session = sessions.get(id);
  if (!session) {
    session = restore(id);
    sessions.set(id, session);
  }
  return session;
}

async function restore(id: string): Promise<Session> {
  const session = new Session(id);
  const record = await loadSession(id).catch(() => undefined);
  if (!record) return session;
  session.clientId = record.clientId;
  const loaded = session.core.restore(record);
  session.post({
    type: 'notice',
    notice: loaded.ok
      ? RESET_NOTICE
      : {
          kind: 'error',
          message: `The sandbox worker restarted and could not load your scenario again: ${loaded.problem.message}`,
        },
  });
  // The page's old port died with the previous worker: ask the page for a new one.
  if (record.clientId) {
    const client = await sw.clients.get(record.clientId);
    const message: ReconnectMessage = { type: 'sandbox-reconnect', session: id };
    client?.postMessage(message);
  }
  return session;
}
