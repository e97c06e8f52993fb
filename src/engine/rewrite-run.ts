/** Runs a rewrite-module script (the server's or a location's) against a request. */
import type { Finish } from './phases';
import { escapeArgs, escapeUri, unescapeRedirect } from './http/uri';
import type { Condition, Script } from './modules/rewrite';
import { emit, type Req } from './request';
import type { VirtualFs } from './vfs';

export interface ScriptResult {
  /** The request ends here with a response nginx writes (return, redirect). */
  finish?: Finish;
  /** A rewrite changed the URI. */
  uriChanged: boolean;
  /** `rewrite ... break` / `break`: keep the current location even though the URI changed. */
  stayInLocation: boolean;
}

function test(r: Req, c: Condition, files: VirtualFs): boolean {
  const value = c.value.evaluate(r);
  if (c.kind === 'value') return value !== '' && value !== '0';
  if (c.kind === 'file') {
    const stat = files.stat(value);
    const hit =
      c.test === 'f'
        ? stat === 'file'
        : c.test === 'd'
          ? stat === 'directory'
          : c.test === 'e'
            ? stat === 'file' || stat === 'directory'
            : false;
    return hit !== c.negate;
  }
  if (c.kind === 'compare') return (value === c.other.evaluate(r)) !== c.negate;
  const m = c.regex.exec(value);
  if (m) {
    r.captures = [...m].map((x) => x ?? '');
    for (const [k, v] of Object.entries(m.groups ?? {})) r.vars.set(k.toLowerCase(), v ?? '');
  }
  return (m !== null) !== c.negate;
}

export function runScript(
  r: Req,
  script: Script,
  level: 'server' | 'location',
  files: VirtualFs,
): ScriptResult {
  const result: ScriptResult = { uriChanged: false, stayInLocation: false };
  run(r, script, level, result, files);
  return result;
}

/** Returns true when the script stopped (return, break, last). */
function run(
  r: Req,
  script: Script,
  level: 'server' | 'location',
  result: ScriptResult,
  files: VirtualFs,
): boolean {
  for (const ins of script) {
    switch (ins.op) {
      case 'return': {
        // ngx_http_send_response sets the status before it evaluates the text ($status sees it).
        if (ins.text || ins.status < 400) r.status = ins.status;
        const text = ins.text?.evaluate(r);
        const isRedirect =
          ins.status === 301 ||
          ins.status === 302 ||
          ins.status === 303 ||
          ins.status === 307 ||
          ins.status === 308;
        emit(r, {
          type: 'return',
          line: ins.line,
          status: ins.status,
          reason: `return ${ins.status}${text !== undefined ? ` "${text}"` : ''} (line ${ins.line})`,
        });
        // Below 400 nginx always answers with a response of its own, with an empty text
        // when none was given: `return 301;` sends an empty Location, `return 200;` an empty body.
        const sent = text ?? (ins.status < 400 ? '' : undefined);
        result.finish = isRedirect
          ? {
              status: ins.status,
              location: sent ?? '',
              source: 'redirect',
              reason: `return ${ins.status} redirects to ${sent || '(an empty Location)'}`,
            }
          : {
              status: ins.status,
              text: sent,
              source: 'return',
              reason: `return ${ins.status} at line ${ins.line}`,
            };
        return true;
      }
      case 'set':
        r.vars.set(ins.name, ins.value.evaluate(r));
        break;
      case 'break':
        result.stayInLocation = true;
        return true;
      case 'if':
        if (!test(r, ins.condition, files)) break;
        if (ins.location) r.location = ins.location;
        if (run(r, ins.body, level, result, files)) return true;
        break;
      case 'rewrite': {
        const m = ins.regex.exec(r.uri);
        if (!m) break;
        r.captures = [...m].map((x) => x ?? '');
        for (const [k, v] of Object.entries(m.groups ?? {})) r.vars.set(k.toLowerCase(), v ?? '');
        const from = r.uri;
        if (ins.redirect) {
          // Captures are escaped when the request's path was, then the part before `?` unescaped
          // again the way nginx does for redirects; the request's query string follows.
          const escape = quotedTarget(r) ? escapeArgs : undefined;
          let target = ins.uriPart.evaluate(r, escape);
          if (ins.argsPart) target += '?' + ins.argsPart.evaluate(r, escape);
          target = unescapeRedirect(target);
          if (ins.addArgs && r.args) target += (ins.argsPart ? '&' : '?') + r.args;
          const status = ins.flag === 'permanent' ? 301 : 302;
          emit(r, {
            type: 'rewrite',
            directive: 'rewrite',
            line: ins.line,
            from,
            to: target,
            flag: ins.flag || 'redirect',
            reason: `rewrite ${ins.pattern} matched: ${status} redirect`,
          });
          result.finish = {
            status,
            location: target,
            source: 'redirect',
            reason: `rewrite ${ins.pattern} → ${target}`,
          };
          return true;
        }
        r.uri = ins.uriPart.evaluate(r);
        if (ins.argsPart) {
          // Captures in the query part are escaped when the request's path was (nginx's quoted_uri).
          const own = ins.argsPart.evaluate(r, quotedTarget(r) ? escapeArgs : undefined);
          r.args = ins.addArgs && r.args !== '' ? `${own}&${r.args}` : own;
        } else if (!ins.addArgs) {
          r.args = '';
        }
        // ngx_http_script_regex_end_code: a rewritten request counts as internal (it may enter `internal` locations).
        r.internal = true;
        r.uriChanged = true;
        r.quoted = r.quoted || escapeUri(r.uri) !== r.uri;
        result.uriChanged = true;
        emit(r, {
          type: 'rewrite',
          directive: 'rewrite',
          line: ins.line,
          from,
          to: r.uri + (r.args ? '?' + r.args : ''),
          flag: ins.flag,
          reason: `rewrite ${ins.pattern} matched`,
        });
        if (ins.flag === 'last') return true;
        if (ins.flag === 'break') {
          r.locationInvalid = true;
          result.stayInLocation = level === 'location';
          return true;
        }
        break;
      }
      default: {
        // A new kind of instruction must be handled above: the type checker names this place.
        const unhandled: never = ins;
        return unhandled;
      }
    }
  }
  return false;
}

/** The client's path had a `%` escape or a `+` (nginx's quoted_uri / plus_in_uri). */
function quotedTarget(r: Req): boolean {
  const target = r.incoming.target;
  for (let i = 0; i < target.length; i++) {
    const c = target[i];
    if (c === '?' || c === '#') return false;
    if (c === '%' || c === '+') return true;
  }
  return false;
}
