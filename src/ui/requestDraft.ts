/** The request a learner composes in the form, before it becomes bytes on the wire. */
import type { HeaderPair } from './parseHeaderLines';

export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD'] as const;
export type Method = (typeof METHODS)[number];

/**
 * The addresses the learner can send from. Several, so lessons on ip_hash and
 * allow/deny can show one client being treated differently from another.
 */
/** https reaches a `listen 443 ssl` server the way a browser would; http stays plain. */
export const SCHEMES = ['http', 'https'] as const;
export type Scheme = (typeof SCHEMES)[number];

export const CLIENT_ADDRESSES = ['127.0.0.1', '127.0.0.2', '127.0.0.3'] as const;
export type ClientAddress = (typeof CLIENT_ADDRESSES)[number];

export interface RequestDraft {
  method: Method;
  scheme: Scheme;
  /** Where the client connects and what it sends as `Host` (`example.com`, `example.com:8080`). */
  host: string;
  path: string;
  headers: HeaderPair[];
  /** Null for methods that carry none. */
  body: string | null;
  client: ClientAddress;
}

export function carriesBody(method: Method): boolean {
  return method === 'POST' || method === 'PUT';
}
