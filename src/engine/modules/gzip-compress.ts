/** Turning a response body into gzip bytes, without any platform-specific import. */

/** Compresses a whole body to the gzip format at `level` (gzip_comp_level, 1–9). */
export type GzipCompressor = (data: Uint8Array, level: number) => Promise<Uint8Array>;

/**
 * The default compressor: the web platform's `CompressionStream`, present in
 * browsers and in Node ≥ 18, so the engine needs no node-only module. It has
 * no level setting; the bytes differ from nginx's zlib output anyway, and
 * every client (and the conformance runner) only needs valid gzip.
 * `ProxyOptions.gzip` replaces it, e.g. with node's zlib at the configured
 * level: a synchronous compressor also keeps runs on a virtual clock
 * deterministic, where a stream finishes on the platform's own schedule.
 */
export const streamGzip: GzipCompressor = async (data) => {
  const stream = new CompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const written = writer.write(data as Uint8Array<ArrayBuffer>).then(() => writer.close());
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
  }
  await written;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
};
