/** The request a lesson's sandbox starts with when the lesson names none. */
import { ConfigLexer } from '../engine';
import { urlOf } from '../scenario';
import type { LessonRequest } from './types.ts';

interface FirstServer {
  name?: string;
  port?: number;
  tls?: boolean;
}

/**
 * A GET of `/` on the first `server` block's first plain `server_name` (not
 * `_`, a wildcard or a regex) and first `listen`, so the form starts with a
 * request the config answers; `http://example.com/` when there is none. A
 * config nginx refuses is reported elsewhere: this reads what it can.
 */
export function defaultRequest(config: string): LessonRequest {
  const server: FirstServer = {};
  try {
    readFirstServer(config, server);
  } catch {
    // A syntax error ends the reading: what was found so far stands.
  }
  const scheme = server.tls ? 'https' : 'http';
  const port = server.port ?? (server.tls ? 443 : 80);
  const host = server.name ?? 'example.com';
  const authority = port === (server.tls ? 443 : 80) ? host : `${host}:${port}`;
  return {
    method: 'GET',
    url: urlOf({ scheme, host: authority, path: '/' }),
    headers: [],
    body: null,
    client: '127.0.0.1',
    waitMs: 0,
  };
}

function readFirstServer(config: string, found: FirstServer): void {
  const lexer = new ConfigLexer(config);
  const blocks: string[] = [];
  for (;;) {
    const read = lexer.next();
    if (read.end === 'eof') return;
    if (read.end === '}') {
      if (blocks.pop() === 'server' && blocks.at(-1) === 'http') return;
      continue;
    }
    const [directive = '', ...args] = read.words;
    if (read.end === '{') blocks.push(directive);
    else if (blocks.at(-1) === 'server' && blocks.at(-2) === 'http') {
      if (directive === 'server_name') found.name ??= args.find(isPlainName);
      if (directive === 'listen' && found.port === undefined) {
        found.port = portOf(args[0]);
        found.tls = args.includes('ssl');
      }
    }
  }
}

/** `example.com`, `localhost`: not `_`, `*.example.com`, `~^www` or `""`. */
function isPlainName(name: string): boolean {
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/i.test(name);
}

/** `80`, `127.0.0.1:8080`, `[::]:443` → the port; a unix socket has none. */
function portOf(arg: string | undefined): number | undefined {
  const m = /(?:^|:)(\d+)$/.exec(arg ?? '');
  return m ? Number(m[1]) : undefined;
}
