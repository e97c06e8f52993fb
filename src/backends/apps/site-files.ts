/**
 * The `site` app's pages and assets, as data. Links are relative (no
 * leading slash) so the site still hangs together when a frame loads it
 * under a proxy prefix. `{{backend}}` in a page becomes the backend's name.
 */

export interface SiteFile {
  contentType: string;
  /** Pages are revalidated on every visit; assets may be kept for an hour. */
  kind: 'page' | 'asset';
  /** Text, or base64 for binary files. */
  text?: string;
  base64?: string;
}

/** When every file was last changed (Last-Modified), seconds since 1970. */
export const SITE_MODIFIED = Date.UTC(2025, 11, 1, 9, 0, 0) / 1000;

const page = (title: string, main: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title} · Sandbox Shop</title>
<link rel="stylesheet" href="style.css">
<link rel="icon" href="logo.svg">
</head>
<body>
<header>
<img src="logo.svg" alt="Sandbox Shop logo" width="48" height="48">
<nav><a href="index.html">Home</a> <a href="products.html">Products</a> <a href="about.html">About</a></nav>
</header>
<main>
${main}
</main>
<footer>Served by <strong class="backend">{{backend}}</strong></footer>
</body>
</html>
`;

export const SITE_FILES: Record<string, SiteFile> = {
  '/index.html': {
    contentType: 'text/html; charset=utf-8',
    kind: 'page',
    text: page(
      'Home',
      `<h1>Welcome to the Sandbox Shop</h1>
<p>This page, its stylesheet, its script and its images all came through the proxy.</p>
<p><img src="img/dot.png" alt="a green dot" width="16" height="16"> Open the trace to see each request.</p>`,
    ),
  },
  '/products.html': {
    contentType: 'text/html; charset=utf-8',
    kind: 'page',
    text: page(
      'Products',
      `<h1>Products</h1>
<ul class="products">
<li><img src="img/dot.png" alt="" width="16" height="16"> Round-robin rug</li>
<li><img src="img/dot.png" alt="" width="16" height="16"> Least-connections lamp</li>
<li><img src="img/dot.png" alt="" width="16" height="16"> Upstream umbrella</li>
</ul>`,
    ),
  },
  '/about.html': {
    contentType: 'text/html; charset=utf-8',
    kind: 'page',
    text: page(
      'About',
      `<h1>About</h1>
<p>A small static site run by a mock backend. Reload to see which backend answers.</p>`,
    ),
  },
  '/style.css': {
    contentType: 'text/css',
    kind: 'asset',
    text: `body { font-family: system-ui, sans-serif; margin: 0; color: #1d2b36; }
header { display: flex; align-items: center; gap: 1rem; padding: 0.5rem 1rem; background: #e8f5ee; }
nav a { margin-right: 0.75rem; color: #00783c; }
main { padding: 1rem; }
footer { padding: 0.5rem 1rem; font-size: 0.85rem; color: #52616b; border-top: 1px solid #d0d7de; }
.backend { color: #00963a; }
.products { list-style: none; padding: 0; }
`,
  },
  '/app.js': {
    contentType: 'application/javascript',
    kind: 'asset',
    text: `document.getElementById('loaded').textContent = 'page script ran at ' + new Date().toLocaleTimeString();
`,
  },
  '/logo.svg': {
    contentType: 'image/svg+xml',
    kind: 'asset',
    text: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48">
<rect width="48" height="48" rx="10" fill="#00963a"/>
<path d="M12 30c0 5 5 8 12 8s12-3 12-8-5-7-12-8-12-3-12-8 5-8 12-8 12 3 12 8" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round"/>
</svg>
`,
  },
  '/img/dot.png': {
    contentType: 'image/png',
    kind: 'asset',
    // A 16×16 RGB PNG of a green dot.
    base64:
      'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAANUlEQVR42mP4TyJgoIIGhmmWcERAA7JSXNoYCKpG00OuBvyqkfUMXg20DyVyIo6cpEGT1AoAr9MI/6yXVtkAAAAASUVORK5CYII=',
  },
};

export const NOT_FOUND_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>404 Not Found</h1><p>{{backend}} has no such page. <a href="index.html">Home</a></p></body>
</html>
`;
