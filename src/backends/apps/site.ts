/** The `site` app: a small real website (pages, CSS, JS, SVG and PNG) with validators and cache headers. */
import { http, type HttpHandler } from 'msw';
import { textEncoder, type HeaderList } from '../../http/message';
import type { BackendSpec } from '../../scenario';
import { wireRequestOf } from '../wire';
import { answer } from './answer';
import type { BackendApp } from './app';
import { NOT_FOUND_PAGE, SITE_FILES, SITE_MODIFIED, type SiteFile } from './site-files';
import { etagOf, isNotModified } from './validators';

const CACHE_CONTROL: Record<SiteFile['kind'], string> = {
  page: 'no-cache',
  asset: 'public, max-age=3600',
};
const LAST_MODIFIED = new Date(SITE_MODIFIED * 1000).toUTCString();

interface Served {
  body: Uint8Array;
  headers: HeaderList;
  etag: string;
}

function bytesOf(file: SiteFile, backend: string): Uint8Array {
  if (file.base64 !== undefined) return Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  return textEncoder.encode((file.text ?? '').replaceAll('{{backend}}', backend));
}

function siteHandlers(address: string, spec: BackendSpec): HttpHandler[] {
  const served = new Map<string, Served>();
  for (const [path, file] of Object.entries(SITE_FILES)) {
    const body = bytesOf(file, spec.name);
    const etag = etagOf(body);
    served.set(path, {
      body,
      etag,
      headers: [
        ['content-type', file.contentType],
        ['cache-control', CACHE_CONTROL[file.kind]],
        ['last-modified', LAST_MODIFIED],
        ['etag', etag],
      ],
    });
  }
  const notFound = NOT_FOUND_PAGE.replaceAll('{{backend}}', spec.name);

  return [
    http.all(`http://${address}/*`, async ({ request }) => {
      const wire = await wireRequestOf(request);
      const path = new URL(request.url).pathname;
      const file = served.get(path.endsWith('/') ? `${path}index.html` : path);
      if (!file) {
        return answer(spec.name, wire.method, {
          status: 404,
          headers: [['content-type', 'text/html; charset=utf-8']],
          body: notFound,
        });
      }
      if (wire.method !== 'GET' && wire.method !== 'HEAD') {
        return answer(spec.name, wire.method, {
          status: 405,
          headers: [
            ['content-type', 'text/plain'],
            ['allow', 'GET, HEAD'],
          ],
          body: `${spec.name}: ${wire.method} is not allowed on a static page\n`,
        });
      }
      if (isNotModified(wire.headers, { mtime: SITE_MODIFIED, etag: file.etag })) {
        return answer(spec.name, wire.method, {
          status: 304,
          headers: file.headers.filter(([n]) => n !== 'content-type'),
        });
      }
      return answer(spec.name, wire.method, { headers: file.headers, body: file.body });
    }),
  ];
}

export const siteApp: BackendApp = { handlers: siteHandlers };
