/**
 * Which handlers run in which phase, in nginx's order. Each module names its
 * own handlers (DirectiveModule.phases, .bodyFilter); the module list gives
 * the order within a phase (limit_req before limit_conn, proxy_pass before
 * static files).
 */
import { MODULES } from './modules';
import { PHASES, type BodyFilter, type PhaseHandler } from './phases';

/** The handlers of each phase after the location is known, phase by phase. */
export const LOCATION_PHASES: readonly (readonly PhaseHandler[])[] = PHASES.map((phase) =>
  MODULES.flatMap((m) => m.phases?.[phase] ?? []),
);

/** Run over every response after the header filter (gzip). */
export const BODY_FILTERS: readonly BodyFilter[] = MODULES.flatMap((m) => m.bodyFilter ?? []);
