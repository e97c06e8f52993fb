/**
 * A scenario as a folder that runs on real nginx: the config as written, the
 * mock backends as a Node script, and the scripts and README to start them.
 * Pure: the browser zips the result, the CLI writes it to disk.
 */
import { BACKENDS_SCRIPT } from './backends-script';
import { composeFile } from './compose-file';
import { planExport, type ExportableScenario } from './export-plan';
import { readme } from './readme';
import { setupScript, startScript } from './shell-scripts';

export type { ExportableScenario } from './export-plan';

export interface ExportOptions {
  /** A short id for the export: the lesson or scenario id, or the zip's name. */
  name: string;
}

/** Relative path → content of every file of the export. Throws when a scenario file would leave the folder. */
export function exportScenario(
  scenario: ExportableScenario,
  { name }: ExportOptions,
): Record<string, string> {
  const plan = planExport(scenario);
  const out: Record<string, string> = {
    'nginx.conf': scenario.config,
    'backends.json': JSON.stringify(scenario.backends, null, 2) + '\n',
    'backends.mjs': BACKENDS_SCRIPT,
    'start.sh': startScript(scenario.title, plan),
  };
  const setup = setupScript(scenario.title, plan);
  if (setup !== null) out['setup.sh'] = setup;
  out['compose.yaml'] = composeFile(plan);
  out['README.md'] = readme(scenario.title, name, scenario.backends, plan);
  return { ...out, ...plan.files };
}

/** Files of an export that must be executable. */
export const EXECUTABLES: ReadonlySet<string> = new Set(['start.sh', 'setup.sh', 'backends.mjs']);
