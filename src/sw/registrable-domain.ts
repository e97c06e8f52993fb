/**
 * Stands in for `tldts` in the production worker build (see vite.sw.config.ts).
 * msw's cookie library asks it for a cookie domain's registrable part, and
 * the full public-suffix list it carries is 250 KB, most of the worker. The
 * sandbox's hosts are IP addresses and made-up names, so "the last two
 * labels" answers the same for every host a lesson uses; it only differs for
 * multi-label suffixes such as `co.uk`.
 */
export function getDomain(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.includes(':') || /^\d+(\.\d+){3}$/.test(host)) return null;
  const labels = host.split('.');
  return labels.length >= 2 ? labels.slice(-2).join('.') : null;
}
