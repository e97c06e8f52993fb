/**
 * A playground scenario as a file to keep: `proxy-sandbox-<slug>.json` holding
 * `{ format: 'proxy-sandbox-scenario', version: 1, scenario }`. An opened file
 * passes the same check as a shared link, and is told apart from any other JSON.
 */
import {
  checkScenario,
  newerVersionMessage,
  refused,
  type CheckResult,
  type PlaygroundScenario,
} from './playground-scenario';
import { MAX_SCENARIO_BYTES } from '../scenario';

export const SCENARIO_FILE_FORMAT = 'proxy-sandbox-scenario';
export const SCENARIO_FILE_VERSION = 1;

/**
 * The largest file read at all: a scenario at the limit, indented, with room
 * over. Past this a file is refused before it is read.
 */
const MAX_FILE_BYTES = 2 * MAX_SCENARIO_BYTES;

/** What a file holds: the scenario, marked so it is told apart from other JSON. */
export interface ScenarioFile {
  format: typeof SCENARIO_FILE_FORMAT;
  version: typeof SCENARIO_FILE_VERSION;
  scenario: PlaygroundScenario;
}

/** `proxy-sandbox-two-apps.json` for "Two apps"; `proxy-sandbox-scenario.json` when the title has no letters. */
export function scenarioFileName(scenario: PlaygroundScenario): string {
  const slug = scenario.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `proxy-sandbox-${slug || 'scenario'}.json`;
}

/** The file's text: indented JSON, so it reads and diffs well. */
export function scenarioFileText(scenario: PlaygroundScenario): string {
  const file: ScenarioFile = {
    format: SCENARIO_FILE_FORMAT,
    version: SCENARIO_FILE_VERSION,
    scenario,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads a file's text back; a message in words for anything that is not a scenario this build can use. */
export function parseScenarioFile(text: string): CheckResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refused('This file is not a sandbox scenario: it is not JSON.');
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !Object.hasOwn(value, 'format') ||
    (value as { format: unknown }).format !== SCENARIO_FILE_FORMAT
  )
    return refused(
      `This file is not a sandbox scenario: it has no "format": "${SCENARIO_FILE_FORMAT}".`,
    );
  const { version, scenario, ...rest } = value as Record<string, unknown>;
  if (typeof version === 'number' && version > SCENARIO_FILE_VERSION)
    return refused(newerVersionMessage('file'));
  if (version !== SCENARIO_FILE_VERSION)
    return refused(
      `This file is version ${JSON.stringify(version)}, which the sandbox does not know.`,
    );
  const extra = Object.keys(rest).filter((key) => key !== 'format');
  if (extra.length > 0)
    return refused(
      `This file is not one the sandbox can open: unknown field${extra.length > 1 ? 's' : ''} ${extra.map((k) => JSON.stringify(k)).join(', ')} beside the scenario.`,
    );
  const checked = checkScenario(scenario);
  return checked.ok
    ? checked
    : refused(`This file’s scenario is not one the sandbox can open: ${checked.message}.`);
}

/** Reads a file the learner picked, refusing one too large before reading it. */
export async function readScenarioFile(file: Blob): Promise<CheckResult> {
  if (file.size > MAX_FILE_BYTES)
    return refused('This file is larger than 2 MB, more than a sandbox scenario can be.');
  let text: string;
  try {
    text = await file.text();
  } catch {
    return refused('This file could not be read. Try opening it again.');
  }
  return parseScenarioFile(text);
}

/** Saves the scenario as a file through the browser's download; returns the file's name. */
export function downloadScenario(scenario: PlaygroundScenario, doc: Document = document): string {
  const name = scenarioFileName(scenario);
  const url = URL.createObjectURL(
    new Blob([scenarioFileText(scenario)], { type: 'application/json' }),
  );
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has started from the click; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return name;
}
