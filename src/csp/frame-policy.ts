/**
 * The lock on the browser frame. Its pages come from the scenario's backends
 * and files, which a shared link or an uploaded file can fill with anything,
 * and they live on the app's own origin (the service worker must control
 * them), so they get two locks: a Content-Security-Policy on every framed
 * response and a `sandbox` on the `<iframe>`. Nothing a page names may leave
 * the browser, and no page may reach the app (test/e2e/frame-lock.e2e.test.ts).
 */
import { policyText } from './policy-text';

/**
 * Every kind of fetch CSP governs, named one by one (a directive left to
 * default-src is one a later reader has to look up), each to the site's own
 * origin: the frame's pages, styles, images, fonts and media all come through
 * the proxy there, and anything else would be a request to the world.
 * - script-src 'none' (with its -elem and -attr forms): no script at all, inline
 *   or from a file or a handler; a `<script>` in a shared page must not reach
 *   the learner's progress or the sandbox. Without script, `<link rel=preload>`
 *   of a module and worker-src have nothing to start either.
 * - style-src adds 'unsafe-inline': a page's own `<style>` and `style=` are part of
 *   what the learner writes; whatever they load (url(), @import, @font-face) is
 *   still held by img-src, style-src and font-src.
 * - connect-src also governs `<a ping>` beacons and `<link rel=prefetch>`.
 * - form-action 'self': a form posts through the proxy or nowhere.
 * - frame-src and child-src 'self': a page's own `<iframe>` stays on the site.
 * - frame-ancestors 'self': only the app frames these pages.
 * - object-src and base-uri 'none': no plugins, no `<base>` to re-point relative URLs.
 * A frame navigating itself (a link, a form, a meta refresh, a redirect) is held by the
 * app's own frame-src 'self' (src/csp/vite-plugin.ts), which the browser applies to
 * every navigation of a frame the app embeds: CSP has no navigate-to in Chromium.
 */
export const FRAME_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'none'",
  'script-src-elem': "'none'",
  'script-src-attr': "'none'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self'",
  'font-src': "'self'",
  'media-src': "'self'",
  'connect-src': "'self'",
  'manifest-src': "'self'",
  'worker-src': "'self'",
  'frame-src': "'self'",
  'child-src': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
};

/** The header every framed response carries, added to whatever policy the backend sent (both apply). */
export const FRAME_POLICY = policyText(FRAME_DIRECTIVES);

/**
 * The `<iframe>`'s sandbox: no scripts, popups, top navigation, downloads or
 * modals, so a page can neither open a window to the world nor take the app's
 * own page away.
 * - allow-same-origin: without it the frame's origin is opaque and the service
 *   worker no longer controls it, so its pages would never reach the proxy.
 *   Safe because no script runs there to use the origin.
 * - allow-forms: a form in a page posts through the proxy like any request the
 *   learner sends; form-action and frame-src keep it on the site.
 */
export const FRAME_SANDBOX = 'allow-same-origin allow-forms';
