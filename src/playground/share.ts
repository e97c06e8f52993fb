/**
 * A playground scenario in a link: `v1.` then the JSON, deflated (raw) and in
 * base64url, so it survives chat apps and address bars unescaped. Decoding is
 * for text anyone may have written or cut: every failure is a message, never a
 * throw, and nothing inflates beyond MAX_SCENARIO_BYTES.
 */
import { deflateSync, Inflate } from 'fflate';
import {
  checkScenario,
  newerVersionMessage,
  refused,
  type CheckResult,
  type PlaygroundScenario,
} from './playground-scenario';
import { MAX_SCENARIO_BYTES } from '../scenario';

/** The version this build writes; a link names the version that wrote it. */
export const SHARE_VERSION = 1;

/** The query parameter of `#/playground?s=…` that carries the scenario. */
export const SHARE_PARAM = 's';

/**
 * The longest link text looked at: a scenario at the size limit, deflated at
 * worst a little larger, in base64 (4 characters per 3 bytes), with room over.
 */
const MAX_LINK_CHARS = Math.ceil((MAX_SCENARIO_BYTES * 4) / 3) + 64 * 1024;

/**
 * Compressed bytes handed to the inflater at a time: deflate expands by at
 * most about 1,032 to 1, so one chunk can overshoot the limit by at most 1 MB.
 */
const INFLATE_CHUNK = 1024;

export type DecodeResult = CheckResult;

/** The scenario as link text: `v1.<base64url of raw-deflated JSON>`. */
export function encodeScenario(scenario: PlaygroundScenario): string {
  const json = new TextEncoder().encode(JSON.stringify(scenario));
  return `v${SHARE_VERSION}.${toBase64Url(deflateSync(json, { level: 9 }))}`;
}

/** Reads link text back; a message in words for anything that is not a scenario this build can use. */
export function decodeScenario(text: string): DecodeResult {
  const trimmed = text.trim();
  if (trimmed.length > MAX_LINK_CHARS)
    return refused('This link is too long to be a sandbox link.');
  const versioned = /^v(0|[1-9]\d{0,8})\.(.*)$/s.exec(trimmed);
  if (versioned === null)
    return refused(`This is not a sandbox link: its scenario should start with v${SHARE_VERSION}.`);
  const version = Number(versioned[1]);
  if (version > SHARE_VERSION) return refused(newerVersionMessage('link'));
  if (version !== SHARE_VERSION)
    return refused(`This link is version ${version}, which the sandbox does not know.`);

  const bytes = fromBase64Url(versioned[2] ?? '');
  if (bytes === 'bad-characters')
    return refused(
      'This link is damaged: it contains characters a sandbox link never has. Was it changed?',
    );
  if (bytes === 'cut-short' || bytes.length === 0) return refused(CUT_SHORT);

  const inflated = inflateCapped(bytes, MAX_SCENARIO_BYTES);
  if (inflated === 'too-large')
    return refused('This link unpacks to more than 1 MB, more than a sandbox scenario can be.');
  if (inflated === 'cut-short') return refused(CUT_SHORT);
  if (inflated === 'damaged')
    return refused('This link is damaged: its contents cannot be unpacked. Was it changed?');

  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return refused('This link is damaged: its contents are not text. Was it changed?');
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return refused('This link is damaged: its contents are not valid JSON. Was it changed?');
  }
  const checked = checkScenario(value);
  return checked.ok
    ? checked
    : refused(`This link’s scenario is not one the sandbox can open: ${checked.message}.`);
}

const CUT_SHORT = 'This link is cut short. Copy the whole link and try again.';

/**
 * The address that opens the scenario in the playground: `base` with its hash
 * replaced by `#/playground?s=<encoded>`.
 */
export function shareUrl(
  scenario: PlaygroundScenario,
  base: { readonly href: string } = location,
): string {
  const url = new URL(base.href);
  url.hash = `/playground?${SHARE_PARAM}=${encodeScenario(scenario)}`;
  return url.href;
}

/**
 * Reads a link as someone pastes it: a whole address, its hash, or the
 * encoded scenario alone.
 */
export function readShareLink(text: string): DecodeResult {
  const trimmed = text.trim();
  const hash = trimmed.indexOf('#');
  if (hash === -1 && /^v\d/.test(trimmed)) return decodeScenario(trimmed);
  const fragment = hash === -1 ? trimmed : trimmed.slice(hash + 1);
  const query = fragment.indexOf('?');
  const encoded =
    query === -1 ? null : new URLSearchParams(fragment.slice(query + 1)).get(SHARE_PARAM);
  if (encoded === null || encoded === '')
    return refused(
      'This is not a sandbox link: it has no scenario in it (no s= after #/playground?).',
    );
  return decodeScenario(encoded);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | 'bad-characters' | 'cut-short' {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return 'bad-characters';
  // One character past a multiple of four carries under a byte: the end is missing.
  if (text.length % 4 === 1) return 'cut-short';
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Inflates raw deflate, giving up as soon as the output passes `limit` bytes. */
function inflateCapped(
  bytes: Uint8Array,
  limit: number,
): Uint8Array | 'too-large' | 'cut-short' | 'damaged' {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let i = 0; i < bytes.length && size <= limit; i += INFLATE_CHUNK) {
      const end = i + INFLATE_CHUNK;
      inflater.push(bytes.subarray(i, end), end >= bytes.length);
    }
  } catch (error) {
    if (size > limit) return 'too-large';
    return error instanceof Error && /unexpected EOF/.test(error.message) ? 'cut-short' : 'damaged';
  }
  if (size > limit) return 'too-large';
  if (!ended) return 'cut-short';
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
