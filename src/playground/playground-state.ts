/**
 * The playground's scenario as the learner edits it, and the checks its
 * editors make before a change reaches the proxy: a backend's address, its
 * name, a response header, a file's path.
 */
import type { BackendMap, BackendSpec, Preset, Scenario } from '../scenario';
import type { PlaygroundScenario } from './playground-scenario';

/** The form's request when a scenario names none. */
export const DEFAULT_REQUEST: Scenario['request'] = {
  method: 'GET',
  url: 'http://example.com/',
  headers: [],
  body: null,
  client: '127.0.0.1',
};

/** The id the sandbox knows the playground's scenario by. */
export const PLAYGROUND_ID = 'playground';

/** A scenario (the course's, a lesson's) as something to edit. */
export function editableScenario(scenario: Scenario): PlaygroundScenario {
  return {
    title: scenario.title,
    config: scenario.config,
    backends: structuredClone(scenario.backends),
    files: { ...scenario.files },
    request: structuredClone(scenario.request),
  };
}

/** What the sandbox runs for a draft, with `config` as the config to load. */
export function sandboxScenario(
  draft: PlaygroundScenario,
  config: string,
  presets: readonly Preset[] = [],
): Scenario {
  return {
    id: PLAYGROUND_ID,
    title: draft.title,
    summary:
      'Your own proxy: edit its config, backends and files; Apply reloads it the way nginx -s reload does.',
    config,
    backends: draft.backends,
    files: draft.files,
    request: draft.request ?? DEFAULT_REQUEST,
    presets: [...presets],
  };
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;

/**
 * Why `address` cannot be a backend's (`host:port`, as proxy_pass and
 * upstream servers name it), or null when it can. `taken` are the other
 * backends' addresses.
 */
export function addressProblem(address: string, taken: readonly string[] = []): string | null {
  const match = /^([^:]+):(\d{1,5})$/.exec(address);
  if (!match) return 'Write the address as host:port, like 127.0.0.1:3001.';
  const [, host = '', port = ''] = match;
  if (!HOST.test(host)) return `“${host}” is not a host name or an IPv4 address.`;
  const number = Number(port);
  if (number < 1 || number > 65535) return 'The port must be between 1 and 65535.';
  if (taken.includes(address)) return `Another backend already listens on ${address}.`;
  return null;
}

/** Why `name` cannot name a backend (it is sent as `x-backend`), or null when it can. */
export function nameProblem(name: string): string | null {
  if (name.trim() === '') return 'A backend needs a name.';
  if (!/^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/.test(name))
    return 'Use letters, digits and punctuation (the name is sent in a header).';
  return null;
}

/** Why a response header cannot be added, or null when it can. */
export function headerProblem(name: string, value: string): string | null {
  if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/i.test(name))
    return 'A header name is letters, digits and - (like X-Served-By).';
  if (/[\r\n\0]/.test(value)) return 'A header value is one line.';
  return null;
}

/** Why `path` cannot be a file on the proxy's disk, or null when it can. */
export function filePathProblem(path: string, taken: readonly string[] = []): string | null {
  if (!path.startsWith('/')) return 'A file’s path is absolute: it starts with /.';
  if (path.endsWith('/')) return 'That is a directory; name the file, like /srv/www/index.html.';
  const parts = path.slice(1).split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..'))
    return 'A path has no empty, . or .. parts.';
  if (/[\0\r\n]/.test(path)) return 'A path is one line.';
  if (taken.includes(path)) return `There is already a file at ${path}.`;
  return null;
}

/** The first free `127.0.0.1:<port>` from 3001 up, for a new backend. */
export function freeAddress(backends: BackendMap): string {
  for (let port = 3001; ; port++) {
    const address = `127.0.0.1:${port}`;
    if (!Object.hasOwn(backends, address)) return address;
  }
}

/** A name no backend has yet: `app`, `app-2`, … */
export function freeName(backends: BackendMap, base = 'app'): string {
  const names = new Set(Object.values(backends).map((b) => b.name));
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The record with one key renamed, in the same place. */
export function renameKey<T>(
  record: Record<string, T>,
  from: string,
  to: string,
): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
}

/** The record without one key. */
export function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

/** A backend with one setting changed; `undefined` drops the setting (the app's default applies). */
export function withSetting<K extends keyof BackendSpec>(
  spec: BackendSpec,
  key: K,
  value: BackendSpec[K] | undefined,
): BackendSpec {
  const next = { ...spec };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
