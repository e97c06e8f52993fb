/**
 * How an exported scenario maps onto a real machine: which of the config's
 * paths live inside the export (nginx runs with `-p <export>`, so relative
 * paths resolve there) and which are absolute paths on the machine that
 * `setup.sh` creates, and what the start script passes nginx.
 */
import { builtinFile } from '../engine';
import type { Scenario } from '../scenario';
import { configNeeds, isAbsolute, type ConfigNeeds } from './config-needs';

/** A scenario as the export takes it: its files may also be relative to nginx's prefix. */
export type ExportableScenario = Pick<Scenario, 'title' | 'config' | 'backends'> & {
  files?: Record<string, string>;
};

export interface ExportPlan {
  needs: ConfigNeeds;
  /** Export-relative path → content of the scenario's files and the stock files the config includes. */
  files: Record<string, string>;
  /** Absolute machine paths → the export-relative file setup.sh copies there. */
  hostFiles: Record<string, string>;
  /** Certificates start.sh makes inside the export. */
  localCertificates: ConfigNeeds['certificates'];
  /** Certificates setup.sh makes at absolute paths. */
  hostCertificates: ConfigNeeds['certificates'];
  /** Directories start.sh makes inside the export (logs/ always). */
  localDirectories: string[];
  /** Directories setup.sh makes on the machine. */
  hostDirectories: string[];
  /** Content folders at absolute paths the scenario has no files for: served empty (404s) unless the learner fills them. */
  emptyHostRoots: string[];
  /** What start.sh adds with `-g`: only what the config does not set itself. */
  globals: string;
  /** Addresses of the backends that listen (not down). */
  listening: string[];
  /** Ports below 1024: binding them needs root. */
  privilegedPorts: number[];
}

/** Names the export writes itself; a scenario file with one of these names goes under files/. */
export const GENERATED = new Set([
  'nginx.conf',
  'backends.mjs',
  'backends.json',
  'start.sh',
  'setup.sh',
  'compose.yaml',
  'README.md',
]);

function checkRelative(path: string): string {
  const clean = path.replace(/^\.\//, '');
  if (clean.split('/').includes('..') || clean === '')
    throw new Error(`a file path cannot leave the export: ${path}`);
  return clean;
}

export function planExport(scenario: ExportableScenario): ExportPlan {
  const needs = configNeeds(scenario.config);
  const files: Record<string, string> = {};
  const hostFiles: Record<string, string> = {};

  for (const [path, content] of Object.entries(scenario.files ?? {})) {
    if (isAbsolute(path)) {
      const inExport = `files${path}`;
      files[inExport] = content;
      hostFiles[path] = inExport;
    } else {
      const clean = checkRelative(path);
      if (GENERATED.has(clean) || clean.startsWith('files/'))
        throw new Error(`a file of the scenario has a name the export needs: ${path}`);
      files[clean] = content;
    }
  }
  for (const include of needs.includes) {
    const stock = builtinFile(include);
    if (stock === undefined || Object.hasOwn(scenario.files ?? {}, include)) continue;
    if (isAbsolute(include)) {
      files[`files${include}`] = stock;
      hostFiles[include] = `files${include}`;
    } else files[checkRelative(include)] = stock;
  }

  const hostDirectories = needs.directories.filter(isAbsolute);
  const localDirectories = [
    'logs',
    ...needs.directories.filter((d) => !isAbsolute(d) && d !== '.'),
  ];
  const hasFilesUnder = (root: string) =>
    Object.keys(hostFiles).some((p) => p.startsWith(root.endsWith('/') ? root : `${root}/`));
  const emptyHostRoots = [
    ...new Set(needs.contentRoots.filter((r) => isAbsolute(r) && !hasFilesUnder(r))),
  ];
  const globals = [
    needs.mainDirectives.has('daemon') ? '' : 'daemon off;',
    needs.mainDirectives.has('pid') ? '' : 'pid logs/nginx.pid;',
  ]
    .filter(Boolean)
    .join(' ');
  const backends = Object.entries(scenario.backends);
  return {
    needs,
    files,
    hostFiles,
    localCertificates: needs.certificates.filter((c) => !isAbsolute(c.cert)),
    hostCertificates: needs.certificates.filter((c) => isAbsolute(c.cert)),
    localDirectories: [...new Set(localDirectories)],
    hostDirectories,
    emptyHostRoots,
    globals,
    listening: backends.filter(([, spec]) => !spec.down).map(([address]) => address),
    privilegedPorts: [...new Set(needs.listens.map((l) => l.port).filter((p) => p < 1024))],
  };
}

/** Whether setup.sh has anything to do. */
export function needsSetup(plan: ExportPlan): boolean {
  return (
    Object.keys(plan.hostFiles).length > 0 ||
    plan.hostCertificates.length > 0 ||
    plan.hostDirectories.length > 0
  );
}
