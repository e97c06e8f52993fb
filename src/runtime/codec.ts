/**
 * Exchanges as JSON text, for the `/sandbox/…` answers the worker sends the
 * page: bytes (bodies) travel as base64 so any status, header and body
 * survive a trip that fetch's own Response could not make (101, Set-Cookie).
 */
import type { Exchange } from './types';

const BYTES = '$bytes';

interface Base64Bytes {
  toBase64(): string;
}
interface Base64Ctor {
  fromBase64?(text: string): Uint8Array;
}

function toBase64(bytes: Uint8Array): string {
  const native = (bytes as unknown as Partial<Base64Bytes>).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const native = (Uint8Array as unknown as Base64Ctor).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function replacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { [BYTES]: toBase64(value) } : value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && BYTES in value) {
    const text = (value as Record<string, unknown>)[BYTES];
    if (typeof text === 'string') return fromBase64(text);
  }
  return value;
}

/** JSON with every Uint8Array as `{"$bytes": base64}`. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, replacer);
}

export function decodeJson<T>(text: string): T {
  return JSON.parse(text, reviver) as T;
}

export type ExchangeEnvelope = { ok: true; exchange: Exchange } | { ok: false; error: string };
