/**
 * Which module handles which phase, in nginx's order. A module joins the
 * pipeline by adding its handler here.
 */
import { accessPhase } from './modules/access';
import { gzipFilter } from './modules/gzip';
import { limitConnPhase } from './modules/limit-conn';
import { limitReqPhase } from './modules/limit-req';
import type { BodyFilter, PhaseHandler } from './phases';
import { proxyContent } from './proxy-pass';
import { staticContent } from './modules/static';
import { tryFilesPhase } from './modules/try-files';

/** limit_req, then limit_conn (nginx runs them in that order): after the location is known, before access rules. */
export const PREACCESS: readonly PhaseHandler[] = [limitReqPhase, limitConnPhase];

/** allow / deny. */
export const ACCESS: readonly PhaseHandler[] = [accessPhase];

/** try_files. */
export const TRY_FILES: readonly PhaseHandler[] = [tryFilesPhase];

/** The first handler that answers produces the response: proxy_pass, then static files. */
export const CONTENT: readonly PhaseHandler[] = [proxyContent, staticContent];

/** Run over every response after the header filter (gzip). */
export const BODY_FILTERS: readonly BodyFilter[] = [gzipFilter];
