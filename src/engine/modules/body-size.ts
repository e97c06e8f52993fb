/**
 * `client_max_body_size`, checked where nginx checks it: as soon as the
 * location is known (ngx_http_core_find_config_phase), before the location's
 * rewrite directives, so even a location that only `return`s answers 413 to
 * a body announced too large. The body is then discarded, and the error
 * page's own request is not checked again.
 */
import type { LocationConf } from '../conf';
import type { Finish } from '../phases';
import { emit, type Req } from '../request';

const DEFAULT_MAX = 1024 * 1024;

export function bodyTooLarge(r: Req, location: LocationConf | null): Finish | null {
  if (r.bodyDiscarded) return null;
  const announced = r.headersIn.get('content-length')?.[0];
  const length = announced !== undefined ? Number(announced) : (r.incoming.body?.length ?? 0);
  if (!(length > 0)) return null;
  const max =
    (location?.level ?? r.server.level).value<number>('client_max_body_size') ?? DEFAULT_MAX;
  if (max === 0 || length <= max) return null;
  r.bodyDiscarded = true;
  const reason = `client_max_body_size ${max}: the client announced a body of ${length} bytes`;
  emit(r, { type: 'reject', status: 413, reason });
  return { status: 413, source: 'error', reason };
}
