/**
 * `proxy_redirect`: how the Location and Refresh headers of a backend
 * response are rewritten, so that a backend's own address does not leak to
 * the client. `default` replaces the proxy_pass URL with the location's
 * prefix; explicit rules match a prefix (case-sensitive) or a regex; the
 * first rule that matches wins.
 */
import type { ConfigNode } from '../config/node';
import type { ParseContext } from '../directive';
import { fail } from './slots';
import type { LocationConf } from '../conf';
import type { Req } from '../request';
import { compileRegex } from '../regex';
import type { ProxyPass } from './proxy';

export type RedirectRule =
  | { kind: 'off' }
  | { kind: 'default' }
  | { kind: 'prefix'; from: string }
  | { kind: 'regex'; regex: RegExp };

export function parseProxyRedirect(node: ConfigNode, ctx: ParseContext): RedirectRule {
  const [first, second] = node.args as [string, string | undefined];
  // `off` stands alone: nginx refuses any other proxy_redirect beside it at the same level.
  const earlier = ctx.siblings.filter((s) => s.directive === 'proxy_redirect');
  if (earlier.some((s) => s.args[0] === 'off') || (first === 'off' && earlier.length > 0)) {
    fail(node, '"proxy_redirect" directive is duplicate');
  }
  if (second === undefined) {
    if (first === 'off') return { kind: 'off' };
    if (first !== 'default') fail(node, `invalid parameter "${first}"`);
    // The default rule is made from proxy_pass, so nginx wants it written after it.
    if (!ctx.siblings.some((s) => s.directive === 'proxy_pass')) {
      fail(node, '"proxy_redirect default" should be placed after the "proxy_pass" directive');
    }
    return { kind: 'default' };
  }
  if (first.startsWith('~*'))
    return { kind: 'regex', regex: compileRegex(first.slice(2), true, node) };
  if (first.startsWith('~'))
    return { kind: 'regex', regex: compileRegex(first.slice(1), false, node) };
  return { kind: 'prefix', from: first };
}

/** Which arguments hold variables: the replacement always, the pattern unless it is a regex. */
export function proxyRedirectValues(node: ConfigNode): readonly number[] {
  if (node.args.length < 2) return [];
  return node.args[0]!.startsWith('~') ? [1] : [0, 1];
}

/** The rewritten URL, or null when no rule applies (the value is passed on as it is). */
export function rewriteRedirect(
  r: Req,
  loc: LocationConf,
  proxy: ProxyPass,
  url: string,
): string | null {
  const nodes = loc.level.all('proxy_redirect');
  if (nodes.length === 0) return defaultRule(loc, proxy, url);
  for (const node of nodes) {
    const rule = node.value as RedirectRule;
    if (rule.kind === 'off') return null;
    if (rule.kind === 'default') {
      const out = defaultRule(loc, proxy, url);
      if (out !== null) return out;
      continue;
    }
    const replacement = node.compiled?.get(1);
    if (rule.kind === 'prefix') {
      const from = node.compiled?.get(0)?.evaluate(r) ?? rule.from;
      if (url.startsWith(from)) return (replacement?.evaluate(r) ?? '') + url.slice(from.length);
      continue;
    }
    const m = rule.regex.exec(url);
    if (m) {
      r.captures = [...m].map((x) => x ?? '');
      return replacement?.evaluate(r) ?? '';
    }
  }
  return null;
}

/** `proxy_redirect default`: the proxy_pass URL becomes the location's prefix (not for variables or regex locations). */
function defaultRule(loc: LocationConf, proxy: ProxyPass, url: string): string | null {
  if (proxy.hasVariables || loc.regex) return null;
  const pattern = proxy.uri !== null ? proxy.text : proxy.text + '/';
  const replacement = proxy.uri !== null ? loc.name : '/';
  return url.startsWith(pattern) ? replacement + url.slice(pattern.length) : null;
}
