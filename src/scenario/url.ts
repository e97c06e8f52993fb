/**
 * A request URL's parts, as the form shows them and curl's Host header needs
 * them. Nothing is normalised (unlike `new URL`, which would resolve `..`): a
 * lesson about `..` or `//` in paths needs them kept as written.
 */
import type { Scheme } from './request.ts';

export interface UrlParts {
  scheme: Scheme;
  /** Where the client connects and what it sends as `Host`: `example.com`, `example.com:8080`. */
  host: string;
  /** The target as sent, query included, without the `#fragment` a client keeps to itself. */
  path: string;
}

/** `https://example.com:8443/x?y=1#top` → https, `example.com:8443`, `/x?y=1`. */
export function urlParts(url: string): UrlParts {
  const [, scheme = '', host = '', target = ''] = /^([a-z]+):\/\/([^/?#]*)([^#]*)/i.exec(url) ?? [];
  return {
    scheme: scheme.toLowerCase() === 'https' ? 'https' : 'http',
    host,
    path: target.startsWith('/') ? target : `/${target}`,
  };
}

/** The URL the parts make: `SCHEME://HOST/PATH`. */
export function urlOf({ scheme, host, path }: UrlParts): string {
  return `${scheme}://${host}${path}`;
}

/** The `Host` a client sends for the URL: its authority, without the scheme's default port. */
export function hostHeader(url: string): string {
  const { scheme, host } = urlParts(url);
  const defaultPort = scheme === 'https' ? ':443' : ':80';
  return host.endsWith(defaultPort) ? host.slice(0, -defaultPort.length) : host;
}
