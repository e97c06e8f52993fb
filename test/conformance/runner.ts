/**
 * Runs conformance cases through the engine: the config is compiled, the
 * echo backends are wired up as MSW handlers, the requests run one after
 * another on a virtual clock, and everything recorded from real nginx is
 * compared as the format's comparison rules say.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createBackendTransport } from '../../src/backends';
import {
  clientRequest,
  compileConfig,
  isConfigError,
  ProxyEngine,
  VirtualClock,
  type EngineResponse,
  type UpstreamRequest,
} from '../../src/engine';
import type { CaseExpectation, ConformanceCase, HeaderMap } from './case';

/** Response headers the format never compares (wall clock, banner, framing, file metadata). */
const EXCLUDED = new Set([
  'date',
  'server',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'etag',
  'last-modified',
  'accept-ranges',
]);

export type CaseOutcome =
  | { name: string; status: 'pass' }
  | { name: string; status: 'fail'; differences: string[] }
  | { name: string; status: 'crash'; error: string };

export function loadCases(dir: string): ConformanceCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ConformanceCase);
}

function toMap(headers: [string, string][]): HeaderMap {
  const map: HeaderMap = {};
  for (const [n, v] of headers) {
    const key = n.toLowerCase();
    const prev = map[key];
    map[key] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return map;
}

function withoutExcluded(map: HeaderMap): HeaderMap {
  const out: HeaderMap = {};
  for (const [k, v] of Object.entries(map))
    if (!EXCLUDED.has(k.toLowerCase())) out[k.toLowerCase()] = v;
  return out;
}

function sameMap(a: HeaderMap, b: HeaderMap): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && JSON.stringify(a[k]) === JSON.stringify(b[k]))
  );
}

function mapDiff(label: string, expected: HeaderMap, actual: HeaderMap): string[] {
  const out: string[] = [];
  for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const e = JSON.stringify(expected[k]);
    const a = JSON.stringify(actual[k]);
    if (e !== a) out.push(`${label} ${k}: expected ${e ?? '(absent)'}, got ${a ?? '(absent)'}`);
  }
  return out;
}

function decodeBody(res: EngineResponse): { text: string; encoded: boolean } {
  const enc = res.headers.find(([n]) => n.toLowerCase() === 'content-encoding')?.[1];
  if (enc === 'gzip') return { text: gunzipSync(res.body).toString('utf8'), encoded: true };
  return { text: new TextDecoder().decode(res.body), encoded: false };
}

function compare(
  i: number,
  exp: CaseExpectation,
  res: EngineResponse | null,
  upstream: UpstreamRequest | null,
): string[] {
  const d: string[] = [];
  const at = `request #${i + 1}:`;
  if (!res) return [`${at} no response (connection failed)`];
  if (res.status !== exp.status) d.push(`${at} status expected ${exp.status}, got ${res.status}`);
  const backend = res.headers.find(([n]) => n.toLowerCase() === 'x-backend')?.[1] ?? null;
  if (backend !== exp.backend)
    d.push(`${at} backend expected ${JSON.stringify(exp.backend)}, got ${JSON.stringify(backend)}`);
  if (exp.upstream === null || upstream === null) {
    if (exp.upstream !== upstream)
      d.push(
        `${at} upstream expected ${JSON.stringify(exp.upstream)}, got ${JSON.stringify(upstream && { method: upstream.method, uri: upstream.target })}`,
      );
  } else {
    if (exp.upstream.method !== upstream.method)
      d.push(`${at} upstream method expected ${exp.upstream.method}, got ${upstream.method}`);
    if (exp.upstream.uri !== upstream.target)
      d.push(`${at} upstream uri expected ${exp.upstream.uri}, got ${upstream.target}`);
    if (exp.upstream.httpVersion !== upstream.httpVersion)
      d.push(
        `${at} upstream httpVersion expected ${exp.upstream.httpVersion}, got ${upstream.httpVersion}`,
      );
    const actual = toMap(upstream.headers);
    if (!sameMap(exp.upstream.headers, actual))
      d.push(...mapDiff(`${at} upstream header`, exp.upstream.headers, actual));
  }
  const actualHeaders = withoutExcluded(toMap(res.headers));
  const expectedHeaders = withoutExcluded(exp.headers);
  if (!sameMap(expectedHeaders, actualHeaders))
    d.push(...mapDiff(`${at} response header`, expectedHeaders, actualHeaders));
  const body = decodeBody(res);
  if (body.text !== exp.body)
    d.push(`${at} body expected ${JSON.stringify(exp.body)}, got ${JSON.stringify(body.text)}`);
  if (body.encoded !== (exp.encoded === 'gzip'))
    d.push(
      `${at} encoded expected ${exp.encoded ?? '(none)'}, got ${body.encoded ? 'gzip' : '(none)'}`,
    );
  return d;
}

export async function runCase(c: ConformanceCase): Promise<CaseOutcome> {
  try {
    const backends = c.backends ?? {};
    if (c.expectError) {
      try {
        compileConfig(c.config, { files: c.files, hosts: [], stockFiles: false });
      } catch (e) {
        if (!isConfigError(e)) throw e;
        const d: string[] = [];
        if (e.message !== c.expectError.message)
          d.push(
            `error message expected ${JSON.stringify(c.expectError.message)}, got ${JSON.stringify(e.message)}`,
          );
        if (e.line !== c.expectError.line)
          d.push(`error line expected ${c.expectError.line}, got ${e.line}`);
        return d.length
          ? { name: c.name, status: 'fail', differences: d }
          : { name: c.name, status: 'pass' };
      }
      return {
        name: c.name,
        status: 'fail',
        differences: [
          `expected the config to be refused with "${c.expectError.message}", but it loaded`,
        ],
      };
    }
    const clock = new VirtualClock();
    const transport = createBackendTransport(backends, clock);
    let config;
    try {
      config = compileConfig(c.config, { files: c.files, hosts: [], stockFiles: false });
    } catch (e) {
      // A refused config is a mismatch with nginx (which loaded it), not an engine crash.
      if (isConfigError(e))
        return {
          name: c.name,
          status: 'fail',
          differences: [`the engine refused the config: ${e.toString()}`],
        };
      throw e;
    }
    // zlib, synchronous, at gzip_comp_level: virtual time cannot move while a body is compressed.
    const gzip = async (data: Uint8Array, level: number) =>
      new Uint8Array(gzipSync(data, { level }));
    const engine = new ProxyEngine(config, { clock, transport, gzip });
    const differences: string[] = [];
    const log: string[] = [];
    const requests = c.requests ?? [];
    for (let i = 0; i < requests.length; i++) {
      const q = requests[i]!;
      clock.advanceTo(q.at);
      const result = await engine.handle(
        clientRequest({
          method: q.method,
          url: q.url,
          headers: q.headers,
          body: q.body,
          client: q.client,
        }),
      );
      log.push(...result.accessLog.map((l) => l.line));
      const exp = c.expect?.[i];
      if (exp) differences.push(...compare(i, exp, result.response, result.upstreamRequest));
    }
    if (c.accessLog) {
      const n = Math.max(c.accessLog.length, log.length);
      for (let i = 0; i < n; i++) {
        if (c.accessLog[i] !== log[i])
          differences.push(
            `access log line ${i + 1}: expected ${JSON.stringify(c.accessLog[i])}, got ${JSON.stringify(log[i])}`,
          );
      }
    }
    return differences.length
      ? { name: c.name, status: 'fail', differences }
      : { name: c.name, status: 'pass' };
  } catch (e) {
    return {
      name: c.name,
      status: 'crash',
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    };
  }
}
