/**
 * CRC-32 as nginx computes it (ngx_crc32: the zlib polynomial), in the
 * init / update / final steps the hash balancers use to extend a running
 * value (the ketama ring hashes `HOST \0 PORT` once, then each point).
 */

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export const CRC32_INIT = 0xffffffff;

/** Feeds bytes into a running (not yet finalised) CRC. */
export function crc32Update(crc: number, bytes: ArrayLike<number>): number {
  let c = crc;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c >>> 0;
}

export function crc32Final(crc: number): number {
  return (crc ^ 0xffffffff) >>> 0;
}

const encoder = new TextEncoder();

/** The CRC-32 of a string's UTF-8 bytes (the bytes nginx hashes). */
export function crc32(text: string): number {
  return crc32Final(crc32Update(CRC32_INIT, encoder.encode(text)));
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
