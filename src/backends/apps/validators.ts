/** The validators the site and caching apps send (ETag, Last-Modified), and when a request already has the body. */
import { precondition, type Validators } from '../../http/conditional';
import type { HeaderList } from '../../http/message';
import { CRC32_INIT, crc32Final, crc32Update } from '../../http/crc32';

/** A strong ETag made from the bytes, so equal bodies share it across backends. */
export function etagOf(body: Uint8Array): string {
  return `"${crc32Final(crc32Update(CRC32_INIT, body)).toString(16)}-${body.length.toString(16)}"`;
}

/** Whether the request's If-None-Match / If-Modified-Since say the client's copy is current (answer 304). */
export function isNotModified(headers: HeaderList, validators: Validators): boolean {
  const byName = new Map<string, string[]>();
  for (const [n, v] of headers) {
    const key = n.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), v.trim()]);
  }
  return precondition(byName, validators, 'before') === 'not-modified';
}
