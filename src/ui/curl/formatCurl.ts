/**
 * What curl 8 prints in a terminal for a run: the body by default, headers
 * with -i or -I, and with -v its `*` info lines and the `>` / `<` header
 * lines in the order they appear on screen (stderr and stdout interleaved).
 */
import { bodyText, headerValue, type EngineResponse } from '../../http/message';
import { statusLine } from '../../http/status-line';
import type { CurlCommand } from './curlCommand';
import { hostAndPort, type CurlHop, type CurlRun } from './runCurl';

/** curl checks the first 2,000 bytes it writes to a terminal for a NUL byte. */
const BINARY_SNIFF = 2000;
const BINARY_WARNING = [
  'Warning: Binary output can mess up your terminal. Use "--output -" to tell',
  'Warning: curl to output it to your terminal anyway, or consider "--output',
  'Warning: <FILE>" to save to a file.',
];

export function formatCurl(command: CurlCommand, run: CurlRun): string {
  const { output } = command;
  const lines: string[] = [];
  const info = (text: string) => {
    if (output.verbose) lines.push(`* ${text}`);
  };
  if (output.verbose) lines.push(...output.notes);

  let connection = 0;
  let open: string | null = null;
  run.hops.forEach((hop, index) => {
    const last = index === run.hops.length - 1;
    const { host, port } = hostAndPort(hop.spec.url);
    const ip = addressOf(host);
    const { response, sent } = hop.exchange;

    if (open === `${host}:${port}`) {
      info(`Re-using existing connection with host ${host}`);
    } else {
      info(`  Trying ${ip.includes(':') ? `[${ip}]` : ip}:${port}...`);
      if (!response && last && run.failure?.code === 7) {
        info(`connect to ${ip} port ${port} failed: Connection refused`);
        info(run.failure.message);
        info('Closing connection');
        return;
      }
      info(`Connected to ${host} (${ip}) port ${port}`);
    }
    if (!response) {
      if (run.failure) info(run.failure.message);
      info('Closing connection');
      return;
    }

    if (output.verbose) {
      lines.push(`> ${sent.method} ${sent.target} HTTP/${sent.httpVersion}`);
      for (const [name, value] of sent.headers) lines.push(`> ${name}: ${value}`);
      lines.push('> ');
      if (sent.body && sent.body.length > 0)
        info(`upload completely sent off: ${sent.body.length} bytes`);
    }

    const failed = last && run.failure?.code === 22;
    const headerLines = [
      statusLine(response.status),
      ...response.headers.map(([n, v]) => `${n}: ${v}`),
    ];
    const printHeaders = output.include || output.headOnly;
    for (const line of headerLines) {
      if (output.verbose) lines.push(`< ${line}`);
      if (printHeaders) lines.push(line);
    }
    if (!failed) {
      if (output.verbose) lines.push('< ');
      if (printHeaders) lines.push('');
    }

    if (failed) {
      info(run.failure!.message);
    } else if (last && !output.headOnly && !output.discardBody) {
      lines.push(...bodyLines(hop.body, output.silent));
    }

    const closes = failed || closesConnection(response);
    if (closes) {
      info('Closing connection');
      open = null;
      connection++;
    } else {
      info(`Connection #${connection} to host ${host} left intact`);
      open = `${host}:${port}`;
    }
    for (const note of hop.nextNotes) info(note);
  });

  if (run.failure && (!output.silent || output.showError)) {
    const code = run.failure.code === null ? '' : `(${run.failure.code}) `;
    lines.push(`curl: ${code}${run.failure.message}`);
  }
  if (output.writeOut !== null) lines.push(...writeOut(output.writeOut, run).split('\n'));
  return trimEnd(lines).join('\n');
}

/** The body as text, or curl's warning instead of binary bytes. */
function bodyLines(body: Uint8Array, silent: boolean): string[] {
  if (body.length === 0) return [];
  if (body.subarray(0, BINARY_SNIFF).includes(0)) return silent ? [] : BINARY_WARNING;
  const text = bodyText(body);
  // A terminal would run the next line on after a body without a final newline; the console starts it afresh.
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

function closesConnection(response: EngineResponse): boolean {
  return /\bclose\b/i.test(headerValue(response.headers, 'connection') ?? '');
}

/** Every name reaches the proxy; an address written in the URL is used as it is. */
function addressOf(host: string): string {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':') ? host : '127.0.0.1';
}

/** -w text with curl's `%{variable}`s and backslash escapes filled in. */
function writeOut(template: string, run: CurlRun): string {
  const last: CurlHop | undefined = run.hops.at(-1);
  const response = last?.exchange.response ?? null;
  const values: Record<string, string> = {
    http_code: String(response?.status ?? 0).padStart(3, '0'),
    response_code: String(response?.status ?? 0).padStart(3, '0'),
    url_effective: last?.spec.url ?? '',
    num_redirects: String(Math.max(0, run.hops.length - 1)),
    content_type: response ? (headerValue(response.headers, 'content-type') ?? '') : '',
    size_download: String(response && last ? last.body.length : 0),
    method: last?.spec.method ?? '',
    exitcode: String(run.failure?.code ?? 0),
    errormsg: run.failure?.message ?? '',
  };
  return template.replace(/%\{([^}]*)\}|%%|\\([nrt\\])/g, (whole, name?: string, esc?: string) => {
    if (whole === '%%') return '%';
    if (esc !== undefined) return { n: '\n', r: '\r', t: '\t', '\\': '\\' }[esc] ?? whole;
    return values[name!] ?? `curl: unknown --write-out variable: '${name}'\n`;
  });
}

function trimEnd(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '') end--;
  return lines.slice(0, end);
}
