/**
 * `error_page`: which page answers for an error status, after
 * ngx_http_send_error_page. A URI or `@name` is fetched by an internal
 * redirect and sent with the error's status (or `=code`, or with `=` the
 * page's own status); anything else is a redirect to that URL.
 */
import type { ErrorPageConf } from './modules/core';
import { wireStatus } from '../http/pages';
import type { Req } from './request';
import { levelOf } from './response';

export type ErrorPage =
  | { kind: 'redirect'; status: number; location: string; reason: string }
  | {
      kind: 'internal';
      /** The status to send, or null to send the page's own status (`error_page 404 = /x`). */
      status: number | null;
      named: string | null;
      uri: string;
      args: string;
      /** How the trace names it. */
      target: string;
      reason: string;
    };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The page's status: `=code`, none with a bare `=`, else the error's (nginx's 494–497 are sent as 400). */
function pageStatus(conf: ErrorPageConf, status: number): number | null {
  return conf.overwriteToSame ? null : (conf.response ?? wireStatus(status));
}

export function findErrorPage(r: Req, status: number): ErrorPage | null {
  for (const node of levelOf(r).all('error_page')) {
    const conf = node.value as ErrorPageConf;
    if (!conf.codes.includes(status)) continue;
    const target = node.compiled?.get(-1)?.evaluate(r) ?? conf.uri;
    const reason = `error_page ${status} (line ${node.line}) → ${target}`;
    if (target.startsWith('@')) {
      return {
        kind: 'internal',
        status: pageStatus(conf, status),
        named: target,
        uri: r.uri,
        args: r.args,
        target,
        reason,
      };
    }
    if (target.startsWith('/')) {
      const q = target.indexOf('?');
      return {
        kind: 'internal',
        status: pageStatus(conf, status),
        named: null,
        uri: q === -1 ? target : target.slice(0, q),
        args: q === -1 ? '' : target.slice(q + 1),
        target,
        reason,
      };
    }
    const redirect =
      conf.response !== null && REDIRECT_STATUSES.has(conf.response) ? conf.response : 302;
    return { kind: 'redirect', status: redirect, location: target, reason };
  }
  return null;
}
