/**
 * Real nginx directives that the sandbox recognises but does not simulate
 * yet (gzip, rate and connection limits, TLS settings). They are declared
 * with their true contexts and arity, so a misplaced one still gets nginx's
 * own error; a well-placed one gets a clear "not supported" message rather
 * than a silent difference.
 */
import type { DirectiveDef, DirectiveModule } from '../directive';
import { flag } from './slots';

const LEVELS = ['http', 'server', 'location'] as const;
const LEVELS_IF = ['http', 'server', 'location', 'lif'] as const;

const directives: DirectiveDef[] = [
  {
    name: 'gzip',
    contexts: LEVELS_IF,
    args: 'flag',
    unique: true,
    parse: flag,
    unsupported: true,
    summary: 'Compress responses with gzip.',
  },
  {
    name: 'gzip_types',
    contexts: LEVELS,
    args: { min: 1 },
    unsupported: true,
    summary: 'Content types to compress besides text/html.',
  },
  {
    name: 'gzip_min_length',
    contexts: LEVELS,
    args: [1],
    unique: true,
    unsupported: true,
    summary: 'Smallest response (by Content-Length) to compress.',
  },
  {
    name: 'gzip_comp_level',
    contexts: LEVELS,
    args: [1],
    unique: true,
    unsupported: true,
    summary: 'Compression level 1–9.',
  },
  {
    name: 'gzip_proxied',
    contexts: LEVELS,
    args: { min: 1 },
    unsupported: true,
    summary: 'Whether to compress responses to requests that came through a proxy.',
  },
  {
    name: 'gzip_vary',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    unsupported: true,
    summary: 'Add Vary: Accept-Encoding.',
  },
  {
    name: 'gzip_disable',
    contexts: LEVELS,
    args: { min: 1 },
    unsupported: true,
    summary: 'No gzip for User-Agents matching a regex.',
  },
  {
    name: 'gzip_http_version',
    contexts: LEVELS,
    args: [1],
    unique: true,
    unsupported: true,
    summary: 'Lowest HTTP version of requests to compress for.',
  },
  {
    name: 'limit_req_zone',
    contexts: ['http'],
    args: [3, 4],
    unsupported: true,
    summary: 'A shared zone for request-rate limits: key and rate.',
  },
  {
    name: 'limit_req',
    contexts: LEVELS,
    args: [1, 2, 3],
    unsupported: true,
    summary: 'Limit the request rate (burst, nodelay, delay=).',
  },
  {
    name: 'limit_req_status',
    contexts: LEVELS,
    args: [1],
    unique: true,
    unsupported: true,
    summary: 'Status for rejected requests (503 by default).',
  },
  {
    name: 'limit_conn_zone',
    contexts: ['http'],
    args: [2],
    unsupported: true,
    summary: 'A shared zone for connection limits.',
  },
  {
    name: 'limit_conn',
    contexts: LEVELS,
    args: [2],
    unsupported: true,
    summary: 'Limit concurrent connections per key.',
  },
  {
    name: 'limit_conn_status',
    contexts: LEVELS,
    args: [1],
    unique: true,
    unsupported: true,
    summary: 'Status for refused connections (503 by default).',
  },
];

export const notYetModule: DirectiveModule = { name: 'not-yet', directives };
