/**
 * Which module handles which phase, in nginx's order. A module joins the
 * pipeline by adding its handler here.
 */
import { accessPhase } from './modules/access';
import type { BodyFilter, PhaseHandler } from './phases';
import { proxyContent } from './proxy-pass';

/** limit_req, limit_conn: after the location is known, before access rules. */
export const PREACCESS: readonly PhaseHandler[] = [];

/** allow / deny. */
export const ACCESS: readonly PhaseHandler[] = [accessPhase];

/** try_files. */
export const TRY_FILES: readonly PhaseHandler[] = [];

/** The first handler that answers produces the response: proxy_pass, then static files. */
export const CONTENT: readonly PhaseHandler[] = [proxyContent];

/** Run over every response after the header filter (gzip). */
export const BODY_FILTERS: readonly BodyFilter[] = [];
