/**
 * ngx_http_ssl_module: TLS termination at the proxy. The sandbox does not
 * run a real handshake; a client request marked TLS arrives decrypted, with
 * `$scheme` https and `$https` on, and plain HTTP sent to an ssl port gets
 * nginx's special 400. Certificates are not read: any path is accepted (a
 * real nginx also needs the file to exist and the key to match it).
 */
import type { ConfigNode } from '../config/node';
import type { DirectiveDef, DirectiveModule, HttpBuild } from '../directive';
import { ConfigError } from '../errors';
import type { ServerConf } from '../conf';
import { listenGroups } from '../routing/server-select';
import { fail, flag, parseTime } from './slots';

const LEVELS = ['http', 'server'] as const;
const PROTOCOLS = new Set(['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);

const directives: DirectiveDef[] = [
  {
    name: 'ssl_certificate',
    contexts: LEVELS,
    args: [1],
    summary: 'The certificate (chain) a TLS server presents.',
  },
  {
    name: 'ssl_certificate_key',
    contexts: LEVELS,
    args: [1],
    summary: 'The private key of the certificate.',
  },
  {
    name: 'ssl',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Deprecated: TLS for all of the server’s ports; use "listen ... ssl".',
  },
  {
    name: 'ssl_protocols',
    contexts: LEVELS,
    args: { min: 1 },
    unique: true,
    parse: (node) => {
      for (const a of node.args) if (!PROTOCOLS.has(a)) fail(node, `invalid value "${a}"`);
    },
    summary: 'Which TLS versions are offered.',
  },
  {
    name: 'ssl_ciphers',
    contexts: LEVELS,
    args: [1],
    unique: true,
    summary: 'Which cipher suites are offered.',
  },
  {
    name: 'ssl_prefer_server_ciphers',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: "Prefer the server's cipher order to the client's.",
  },
  {
    name: 'ssl_session_cache',
    contexts: LEVELS,
    args: [1, 2],
    unique: true,
    parse: (node) => {
      for (const a of node.args)
        if (!/^(off|none|builtin(:\d+)?|shared:[^:]+:\d+[kKmM]?)$/.test(a))
          fail(node, `invalid session cache "${a}"`);
    },
    summary: 'Where TLS sessions are cached for resumption.',
  },
  {
    name: 'ssl_session_timeout',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: (node) => {
      if (parseTime(node.args[0]!) === null)
        fail(node, '"ssl_session_timeout" directive invalid value');
    },
    summary: 'How long a cached TLS session may be resumed.',
  },
  {
    name: 'ssl_session_tickets',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Resume sessions with TLS session tickets.',
  },
  {
    name: 'ssl_dhparam',
    contexts: LEVELS,
    args: [1],
    unique: true,
    summary: 'Diffie-Hellman parameters for DHE ciphers.',
  },
  {
    name: 'ssl_ecdh_curve',
    contexts: LEVELS,
    args: [1],
    unique: true,
    summary: 'Curves for ECDHE key exchange.',
  },
  {
    name: 'ssl_stapling',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Staple OCSP responses to the handshake.',
  },
  {
    name: 'ssl_stapling_verify',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Verify stapled OCSP responses.',
  },
  {
    name: 'ssl_trusted_certificate',
    contexts: LEVELS,
    args: [1],
    unique: true,
    summary: 'CA certificates for OCSP and client checks.',
  },
  {
    name: 'ssl_buffer_size',
    contexts: LEVELS,
    args: [1],
    unique: true,
    summary: 'Buffer size for sending TLS records.',
  },
];

/** Whether connections to this server are TLS: `listen ... ssl`, or the old `ssl on`. */
export function serverUsesTls(server: ServerConf): boolean {
  return server.listens.some((l) => l.ssl) || server.level.value<boolean>('ssl') === true;
}

/** When nginx merges server settings: every certificate needs a key (reported without a line). */
function checkCertificateKeys(servers: readonly ServerConf[]): void {
  for (const server of servers) {
    const certificates: readonly ConfigNode[] = server.level.all('ssl_certificate');
    const keys = server.level.all('ssl_certificate_key');
    if (keys.length < certificates.length) {
      const missing = certificates[keys.length]!;
      throw new ConfigError(
        `no "ssl_certificate_key" is defined for certificate "${missing.args[0]}"`,
        null,
      );
    }
  }
}

/**
 * After the ports are set up: the default server of every TLS port needs a
 * certificate; nginx reports it at that server block.
 */
function checkTlsPorts(servers: readonly ServerConf[], file: string): void {
  for (const group of listenGroups(servers)) {
    if (!group.ssl || group.defaultServer.level.all('ssl_certificate').length > 0) continue;
    throw new ConfigError(
      'no "ssl_certificate" is defined for the "listen ... ssl" directive',
      group.defaultServer.line,
      file,
    );
  }
}

export const sslModule: DirectiveModule = {
  name: 'ssl',
  directives,
  http: {
    servers: ({ conf }: HttpBuild) => checkCertificateKeys(conf.servers),
    ports: ({ node, conf }: HttpBuild) => checkTlsPorts(conf.servers, node.file),
  },
};
