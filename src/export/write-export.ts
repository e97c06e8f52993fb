/** Node only: writes an export's files under `dir`, scripts executable. */
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXECUTABLES } from './export-scenario';

/** Refuses a folder that exists and is not empty, so nothing of the learner's is overwritten. */
export function writeExport(dir: string, files: Record<string, string>): void {
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new Error(`${dir} exists and is not empty: choose a new folder`);
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    if (EXECUTABLES.has(path)) chmodSync(target, 0o755);
  }
}
