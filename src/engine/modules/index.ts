/** Every directive module, in nginx's order, and the one table of directive declarations built from them. */
import type { DirectiveDef, DirectiveModule } from '../directive';
import { accessModule, limitExceptModule } from './access';
import { coreModule } from './core';
import { gzipModule } from './gzip';
import { headersModule } from './headers';
import { limitConnModule } from './limit-conn';
import { limitReqModule } from './limit-req';
import { logModule } from './log';
import { mapModule } from './map';
import { notYetModule } from './not-yet';
import { proxyModule } from './proxy';
import { rewriteModule } from './rewrite';
import { sslModule } from './ssl';
import { staticModule } from './static';
import { tryFilesModule } from './try-files';
import { upstreamModule } from '../upstream/upstream';
import { cacheModule } from '../cache/directives';

/**
 * In nginx's order, which is the order of their phase handlers within a phase
 * (limit_req before limit_conn, proxy_pass before static files) and of their
 * steps once `http {}` is read (upstream groups before the map variables and
 * log formats; implicit upstreams before cache zones).
 */
export const MODULES: readonly DirectiveModule[] = [
  coreModule,
  rewriteModule,
  accessModule,
  limitExceptModule,
  proxyModule,
  cacheModule,
  headersModule,
  limitReqModule,
  limitConnModule,
  gzipModule,
  staticModule,
  tryFilesModule,
  upstreamModule,
  mapModule,
  logModule,
  sslModule,
  notYetModule,
];

const table = new Map<string, DirectiveDef[]>();
for (const mod of MODULES) {
  for (const def of mod.directives) {
    const list = table.get(def.name);
    if (list) list.push(def);
    else table.set(def.name, [def]);
  }
}

/** The declarations of a directive name (more than one when contexts differ, like `server`). */
export function lookupDirective(name: string): readonly DirectiveDef[] | undefined {
  return table.get(name);
}

/** All declarations, module by module (for the README and the editor). */
export function allDirectives(): { module: string; def: DirectiveDef }[] {
  return MODULES.flatMap((m) => m.directives.map((def) => ({ module: m.name, def })));
}
