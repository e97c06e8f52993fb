/**
 * Test harness for exports on real nginx: finds the binary, writes an export
 * to a temporary folder, and moves what the config names on the machine (ports,
 * absolute paths) somewhere private, so tests need no free port 80 and leave
 * nothing behind. Only the harness rewrites; the export itself never does.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from '../../src/http/crc32';
import type { ClientRequest } from '../../src/scenario';
import { exportScenario, type ExportableScenario } from '../../src/export/export-scenario';
import { writeExport } from '../../src/export/write-export';

/** The nginx binary, or null: `/usr/sbin/nginx`, else the one on PATH. */
export function findNginx(): string | null {
  if (existsSync('/usr/sbin/nginx')) return '/usr/sbin/nginx';
  try {
    return execFileSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `export-${label}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

const PATH_DIRECTIVES =
  /^(\s*(?:ssl_certificate|ssl_certificate_key|proxy_cache_path|access_log|error_log|root|alias|include|\w+_temp_path)\s+)\//gm;

/** The scenario with every absolute path it names under `host` (config and virtual files alike). */
export function relocate(scenario: ExportableScenario, host: string): ExportableScenario {
  return {
    ...scenario,
    config: scenario.config.replace(PATH_DIRECTIVES, `$1${host}/`),
    files: Object.fromEntries(
      Object.entries(scenario.files ?? {}).map(([p, text]) => [
        p.startsWith('/') ? `${host}${p}` : p,
        text,
      ]),
    ),
  };
}

/** A port nothing listens on right now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface Moved {
  scenario: ExportableScenario;
  /** Old listen port → new port. */
  ports: Map<number, number>;
}

/**
 * The scenario on free ports: `listen N` becomes `listen 127.0.0.1:M`, each
 * backend moves to a free port (keeping its failure seed, which comes from its
 * address), so several runs and other programs never collide.
 */
export async function moveToFreePorts(scenario: ExportableScenario): Promise<Moved> {
  let config = scenario.config;
  const ports = new Map<number, number>();
  for (const match of config.matchAll(/^\s*listen\s+(\d+)\b/gm)) {
    const port = Number(match[1]);
    if (!ports.has(port)) ports.set(port, await freePort());
  }
  config = config.replace(/^(\s*listen\s+)(\d+)\b/gm, (_all, head: string, port: string) => {
    return `${head}127.0.0.1:${ports.get(Number(port))}`;
  });
  const backends: ExportableScenario['backends'] = {};
  for (const [address, spec] of Object.entries(scenario.backends)) {
    const moved = `127.0.0.1:${await freePort()}`;
    config = config.replaceAll(address, moved);
    backends[moved] = { ...spec, seed: spec.seed ?? crc32(address) };
  }
  return { scenario: { ...scenario, config, backends }, ports };
}

/** Writes the export of `scenario` into `dir` and runs its setup.sh (its paths are under `dir` already). */
export function writeAndSetUp(dir: string, scenario: ExportableScenario, name: string): void {
  const files = exportScenario(scenario, { name });
  writeExport(dir, files);
  if (files['setup.sh']) execFileSync('bash', [join(dir, 'setup.sh')], { stdio: 'pipe' });
}

/** `./start.sh -t` with the given nginx: what it printed (nginx -t writes to stderr), and whether it passed. */
export function checkExport(dir: string, nginx: string): { ok: boolean; output: string } {
  const run = spawnSync('bash', [join(dir, 'start.sh'), '-t'], {
    env: { ...process.env, NGINX_BIN: nginx },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

export interface Running {
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Runs the export's start.sh in its own process group; stop() ends the group (backends and nginx). */
export function startExport(dir: string, nginx: string): Running {
  const child = spawn('bash', [join(dir, 'start.sh')], {
    detached: true,
    // One process as the test's user: workers would run as nobody, who cannot enter the private
    // temporary folders (mode 700) that hold the cache and the relocated files.
    env: { ...process.env, NGINX_BIN: nginx, NGINX_GLOBALS: 'master_process off;' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
      }
    },
  };
}

/** Waits until something accepts connections on the port (a bare connection: no request, so no balancer moves). */
export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing answered on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface RealAnswer {
  status: number;
  backend: string | null;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Sends a sandbox request to real nginx on `port` (the URL's host becomes Host, and the TLS
 * name for https, whose self-signed certificate is not checked), from the request's client address.
 */
export function sendReal(spec: ClientRequest, port: number): Promise<RealAnswer> {
  const authority = spec.url.replace(/^[a-z]+:\/\//, '').split('/')[0]!;
  const target = spec.url.slice(spec.url.indexOf(authority) + authority.length) || '/';
  const headers: [string, string][] = [['Host', authority], ...spec.headers];
  if (spec.body !== null) headers.push(['Content-Length', String(Buffer.byteLength(spec.body))]);
  headers.push(['Connection', 'close']);
  const https = spec.url.startsWith('https:');
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)({
      ...(https ? { servername: new URL(spec.url).hostname, rejectUnauthorized: false } : {}),
      host: '127.0.0.1',
      port,
      localAddress: spec.client,
      method: spec.method,
      path: target,
      setHost: false,
      headers: headers.flat(),
      timeout: 30_000,
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          backend: (res.headers['x-backend'] as string | undefined) ?? null,
          headers: res.headers,
        }),
      );
    });
    // A 101 to a WebSocket handshake arrives as an upgrade; the answer is all the test needs.
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({
        status: res.statusCode ?? 0,
        backend: (res.headers['x-backend'] as string | undefined) ?? null,
        headers: res.headers,
      });
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`no answer from nginx for ${spec.url}`)));
    req.end(spec.body ?? undefined);
  });
}
