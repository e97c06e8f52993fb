/**
 * What the page and the service worker say to each other.
 *
 * Page → worker: everything is a fetch under `/sandbox/` (a fetch starts a
 * stopped worker; a message on an old MessagePort would be lost with it).
 *   POST /sandbox/request   body: ClientRequest  → ExchangeEnvelope
 *   POST /sandbox/control   body: ControlRequest → ControlReply
 *   ANY  /sandbox/site/<session>/<host>/<path>   → the proxied site, for frames
 * Each carries the page's session id (a header, or the site path), because
 * one worker serves every tab and each tab has its own proxy.
 *
 * Worker → page: a MessagePort the page transfers when it connects. Chosen
 * over BroadcastChannel because a port belongs to one page (no exchange or
 * notice leaks into another tab's sandbox) and delivers in order.
 */
import type {
  BackendChange,
  BackendStates,
  Exchange,
  LoadMode,
  LoadResult,
  RuntimeNotice,
  RuntimeScenario,
} from './types';

export const SANDBOX_PREFIX = '/sandbox/';
export const SESSION_HEADER = 'x-sandbox-session';
/** Set on every answer the worker gives, so the page can tell it from the dev server's 404. */
export const WORKER_HEADER = 'x-sandbox-worker';

export type ControlRequest =
  | { type: 'load'; scenario: RuntimeScenario; mode?: LoadMode }
  | { type: 'set-backend'; address: string; change: BackendChange }
  | { type: 'backends' }
  | { type: 'ping' };

export type ControlReply =
  { ok: true; load?: LoadResult; backends?: BackendStates } | { ok: false; error: string };

/** Sent to the worker with `controller.postMessage` (the connect one transfers a port). */
export type PageMessage = { type: 'connect'; session: string } | { type: 'claim' };

/** Posted on the page's port. */
export type PortMessage =
  { type: 'exchange'; exchange: Exchange } | { type: 'notice'; notice: RuntimeNotice };

/** Posted to the page's window client when the worker has no live port for its session (it was restarted). */
export interface ReconnectMessage {
  type: 'sandbox-reconnect';
  session: string;
}

export function sitePath(session: string, host: string, path: string): string {
  const rest = path.startsWith('/') ? path.slice(1) : path;
  return `${SANDBOX_PREFIX}site/${encodeURIComponent(session)}/${host}/${rest}`;
}

/** `/sandbox/site/<session>/<host>/<rest>` → its parts, or null for any other path. */
export function parseSitePath(
  pathname: string,
): { session: string; host: string; path: string } | null {
  const m = /^\/sandbox\/site\/([^/]+)\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!m) return null;
  return { session: decodeURIComponent(m[1]!), host: m[2]!, path: m[3] ?? '/' };
}
