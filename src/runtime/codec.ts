/**
 * Exchanges as JSON text, for the `/sandbox/request` answers the worker
 * sends the page: bodies travel as base64 so any status, header and body
 * survive a trip that fetch's own Response could not make (101, Set-Cookie).
 */
import type { Exchange } from './types';

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

/** An exchange as JSON carries it: every body as base64 text. */
type Encoded<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | null };
interface WireExchange extends Omit<
  Exchange,
  'sent' | 'response' | 'upstreamRequest' | 'upstreamResponse'
> {
  sent: Encoded<Exchange['sent'], 'body'>;
  response: Encoded<NonNullable<Exchange['response']>, 'body'> | null;
  upstreamRequest: Encoded<NonNullable<Exchange['upstreamRequest']>, 'body'> | null;
  upstreamResponse: Encoded<NonNullable<Exchange['upstreamResponse']>, 'body'> | null;
}

export type ExchangeEnvelope = { ok: true; exchange: Exchange } | { ok: false; error: string };
type WireEnvelope = { ok: true; exchange: WireExchange } | { ok: false; error: string };

const encodeBody = (body: Uint8Array | null) => (body ? toBase64(body) : null);
const decodeBody = (body: string | null) => (body === null ? null : fromBase64(body));

/**
 * Only the four bodies need converting, so they are converted by name
 * rather than by a JSON replacer and reviver: those run for every key of
 * every trace event, and made each answer several times slower.
 */
export function encodeEnvelope(envelope: ExchangeEnvelope): string {
  if (!envelope.ok) return JSON.stringify(envelope);
  const { sent, response, upstreamRequest, upstreamResponse } = envelope.exchange;
  const exchange: WireExchange = {
    ...envelope.exchange,
    sent: { ...sent, body: encodeBody(sent.body) },
    response: response && { ...response, body: toBase64(response.body) },
    upstreamRequest: upstreamRequest && {
      ...upstreamRequest,
      body: encodeBody(upstreamRequest.body),
    },
    upstreamResponse: upstreamResponse && {
      ...upstreamResponse,
      body: toBase64(upstreamResponse.body),
    },
  };
  return JSON.stringify({ ok: true, exchange } satisfies WireEnvelope);
}

/** Many exchanges (a burst) in one JSON text. */
export function encodeBurst(exchanges: readonly Exchange[]): string {
  return `[${exchanges.map((exchange) => encodeEnvelope({ ok: true, exchange })).join(',')}]`;
}

export function decodeBurst(text: string): Exchange[] {
  return (JSON.parse(text) as WireEnvelope[]).map((envelope) => {
    const decoded = decodeWire(envelope);
    if (!decoded.ok) throw new Error(decoded.error);
    return decoded.exchange;
  });
}

export function decodeEnvelope(text: string): ExchangeEnvelope {
  return decodeWire(JSON.parse(text) as WireEnvelope);
}

function decodeWire(envelope: WireEnvelope): ExchangeEnvelope {
  if (!envelope.ok) return envelope;
  const { sent, response, upstreamRequest, upstreamResponse } = envelope.exchange;
  return {
    ok: true,
    exchange: {
      ...envelope.exchange,
      sent: { ...sent, body: decodeBody(sent.body) },
      response: response && { ...response, body: fromBase64(response.body ?? '') },
      upstreamRequest: upstreamRequest && {
        ...upstreamRequest,
        body: decodeBody(upstreamRequest.body),
      },
      upstreamResponse: upstreamResponse && {
        ...upstreamResponse,
        body: fromBase64(upstreamResponse.body ?? ''),
      },
    },
  };
}
