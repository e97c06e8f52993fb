/** An export as one .zip (for the browser's download): its files under `<name>-nginx/`, scripts executable. */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { EXECUTABLES, exportScenario, type ExportableScenario } from './export-scenario';

/** Unix file modes in the zip's external attributes (`mode << 16`), so unzip keeps start.sh runnable. */
const EXECUTABLE = 0o100755 * 0x10000;
const REGULAR = 0o100644 * 0x10000;
const UNIX = 3;

/** The zip's file name: `<name>-nginx.zip`, with the name reduced to letters, digits, `-` and `_`. */
export function exportZipName(name: string): string {
  const safe = name.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario';
  return `${safe}-nginx.zip`;
}

export function exportZip(scenario: ExportableScenario, name: string): Uint8Array {
  const folder = exportZipName(name).replace(/\.zip$/, '');
  const zippable: Zippable = {};
  for (const [path, text] of Object.entries(exportScenario(scenario, { name }))) {
    const attrs = EXECUTABLES.has(path) ? EXECUTABLE : REGULAR;
    zippable[`${folder}/${path}`] = [strToU8(text), { os: UNIX, attrs }];
  }
  return zipSync(zippable, { level: 6 });
}
