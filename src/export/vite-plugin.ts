/**
 * `virtual:backends-script`: the export's `backends.mjs` as text, bundled at
 * build time from `backends-server.ts` and the sandbox's own backend apps into
 * one Node script that needs no packages. The browser's export zip takes the
 * text as it is; nothing runs Node in the page.
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin, type Rolldown } from 'vite';

const ID = 'virtual:backends-script';
const RESOLVED = `\0${ID}`;
const ENTRY = fileURLToPath(new URL('./backends-server.ts', import.meta.url));

const BANNER = `#!/usr/bin/env node
// The sandbox's mock backends as real HTTP servers, for an exported scenario: one server per
// address in backends.json, answering like the sandbox's apps (echo, site, api, slow, flaky,
// caching). Node 20 or later, no packages. Usage: node backends.mjs [backends.json]
// Generated from src/backends/ of Proxy Sandbox by src/export/vite-plugin.ts: do not edit.`;

/** Bundles the script: every import inlined but Node's own modules. */
export async function bundleBackendsScript(): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    // The public-suffix list inside msw's cookie library is most of its weight and tells
    // nothing about the sandbox's hosts (the service worker leaves it out the same way).
    resolve: {
      alias: [
        {
          find: /^tldts$/,
          replacement: fileURLToPath(new URL('../sw/registrable-domain.ts', import.meta.url)),
        },
      ],
    },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: ENTRY,
      write: false,
      minify: false,
      sourcemap: false,
      target: 'node20',
      rolldownOptions: { output: { format: 'es', codeSplitting: false } },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const [first] = Array.isArray(output) ? output : [output];
  const chunk = first?.output.find((o): o is Rolldown.OutputChunk => o.type === 'chunk');
  if (!chunk) throw new Error('backends.mjs: the bundle has no code');
  return `${BANNER}\n${chunk.code}`;
}

export function backendsScript(): Plugin {
  let script: Promise<string> | null = null;
  return {
    name: 'proxy-sandbox:backends-script',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      script ??= bundleBackendsScript();
      return `export default ${JSON.stringify(await script)};`;
    },
  };
}
