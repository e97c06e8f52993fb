/**
 * The built site's Content-Security-Policy, delivered as a `<meta>` in the
 * built index.html (it travels with the files to any static host), as a
 * response header from `vite preview`, and as `dist/_headers` for hosts that
 * read one (Netlify, Cloudflare Pages): only a header can carry
 * `frame-ancestors`, which browsers ignore in a meta. The dev server gets
 * none: Vite's HMR client and error overlay need inline scripts.
 */
import type { Plugin } from 'vite';
import { policyText } from './policy-text.ts';

/**
 * Each directive as narrow as the app allows (test/e2e/csp.e2e.test.ts loads every page under it).
 * - script-src 'self': no inline script and no eval; the build emits only module files.
 * - style-src 'self': stylesheets are files, and no markup carries a `style` attribute;
 *   Svelte's `style:` directives set `style.cssText` and properties through the CSSOM, which
 *   CSP does not govern.
 * - style-src-elem adds 'unsafe-inline' for CodeMirror alone: its themes are `<style>`
 *   elements it writes at run time (style-mod), whose text changes as extensions mount, so
 *   no hash can name them, and a nonce on a static site would be a public constant. Styles
 *   cannot run code; script-src stays strict.
 * - img-src adds data: for the small SVG icons CodeMirror's lint gutter draws.
 * - connect-src, worker-src, frame-src 'self': the sandbox's requests, its service worker
 *   and the browser-frame view all stay on this origin; the sandbox never reaches out.
 *   frame-src also holds every navigation of the frame view, wherever its page points
 *   it (src/csp/frame-policy.ts).
 * - object-src and base-uri 'none': no plugins, and no <base> to re-point relative URLs.
 * - form-action 'self': the frame view's address bar never submits anywhere.
 */
export const POLICY: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'style-src-elem': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'frame-src': "'self'",
  'manifest-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
};

/** Header only: no page may frame the course but its own (the frame view frames this origin). */
export const HEADER_ONLY: Readonly<Record<string, string>> = { 'frame-ancestors': "'self'" };

export const CSP_HEADER = policyText({ ...POLICY, ...HEADER_ONLY });

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'proxy-sandbox:csp',
    config: () => ({ preview: { headers: { 'Content-Security-Policy': CSP_HEADER } } }),
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: '_headers',
        source: `/*\n  Content-Security-Policy: ${CSP_HEADER}\n`,
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler: (_html, context) =>
        // Only the build: the dev server's HMR client is an inline script.
        context.server
          ? []
          : [
              {
                tag: 'meta',
                attrs: { 'http-equiv': 'Content-Security-Policy', content: policyText(POLICY) },
                injectTo: 'head-prepend',
              },
            ],
    },
  };
}
