/**
 * `npm run export -- <lesson-id|scenario-id|scenario.json> <out-dir>`: writes
 * a folder that runs the scenario on real nginx (see src/export/). The
 * modules load through Vite, whose plugin bundles the backends script.
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { backendsScript } from '../src/export/vite-plugin.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [what, out, ...rest] = process.argv.slice(2);
if (!what || !out || rest.length > 0) {
  console.error('usage: npm run export -- <lesson-id|scenario-id|scenario.json> <out-dir>');
  process.exit(2);
}

const vite = await createServer({
  root: ROOT,
  configFile: false,
  logLevel: 'error',
  appType: 'custom',
  plugins: [backendsScript()],
  optimizeDeps: { noDiscovery: true },
  server: { middlewareMode: true, hmr: false, watch: null },
});
try {
  const { findScenario } = (await vite.ssrLoadModule(
    '/src/export/find-scenario.ts',
  )) as typeof import('../src/export/find-scenario');
  const { exportScenario } = (await vite.ssrLoadModule(
    '/src/export/export-scenario.ts',
  )) as typeof import('../src/export/export-scenario');
  const { writeExport } = (await vite.ssrLoadModule(
    '/src/export/write-export.ts',
  )) as typeof import('../src/export/write-export');
  const { name, scenario } = findScenario(what, process.cwd());
  const files = exportScenario(scenario, { name });
  writeExport(out, files);
  console.log(`wrote ${Object.keys(files).length} files to ${out} — see ${out}/README.md`);
} catch (error) {
  console.error(`export: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await vite.close();
}
