/**
 * One request as a client sends it: method, URL, headers, body and the
 * address it comes from. The form, the curl console, presets, lessons, quiz
 * checks, share links and the runtime all carry this one shape.
 */
import { z } from 'zod';
import { headerName, headerValue, KIB } from './fields.ts';
import { CLIENT_ADDRESSES, METHODS } from './form-values.ts';

export * from './form-values.ts';

/** An absolute http(s) URL; the target after the authority is sent verbatim. */
export const requestUrl = z
  .string()
  .max(8 * KIB, 'must be at most 8 KB')
  .regex(/^https?:\/\/[^/?#\s]+[^\s]*$/i, 'must be an http:// or https:// URL with a host');

/** A lesson writes headers as a map (`Name: value`) or, when order or repeats matter, a list. */
const headers = z.preprocess(
  (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.entries(value)
      : value,
  z
    .array(z.tuple([headerName, headerValue]), {
      error: 'must be a map (Name: value) or a list of [name, value]',
    })
    .max(100, 'must have at most 100 headers'),
);

/** The fields of a client request; what is left out takes the default a client would send. */
export const clientRequestFields = {
  method: z
    .string()
    .regex(/^[A-Z]+$/, 'must be an HTTP method in capitals: GET, POST, …')
    .default('GET'),
  url: requestUrl,
  /** In order, duplicates kept, as they go on the wire. */
  headers: headers.default([]),
  /** Null for a request without one. */
  body: z.string().nullable().default(null),
  /** The client's address (`$remote_addr`); curl's --interface may name any. */
  client: z
    .string()
    .regex(/^\d{1,3}(?:\.\d{1,3}){3}$/, 'must be an IPv4 address, like 127.0.0.2')
    .default('127.0.0.1'),
};

export const clientRequestSchema = z.strictObject(clientRequestFields);

/** One request as a client sends it. */
export type ClientRequest = z.output<typeof clientRequestSchema>;

/** An address the form offers, as lessons and scenarios send from. */
export const offeredClient = z
  .enum(CLIENT_ADDRESSES, { error: `must be one of ${CLIENT_ADDRESSES.join(', ')}` })
  .default('127.0.0.1');

/** A request the form can hold: a method and a client address it offers. */
export const formRequestSchema = z.strictObject({
  ...clientRequestFields,
  method: z.enum(METHODS, { error: `must be one of ${METHODS.join(', ')}` }).default('GET'),
  client: offeredClient,
});

export type FormRequest = z.output<typeof formRequestSchema>;
