/** ngx_http_headers_module: `add_header` (with `always`) and `expires`. */
import type { ConfigNode } from '../config/node';
import type { DirectiveDef, DirectiveModule } from '../directive';
import { fail } from './slots';

export interface AddHeader {
  name: string;
  value: string;
  always: boolean;
}

function parseAddHeader(node: ConfigNode): AddHeader {
  const [name, value, always] = node.args as [string, string, string | undefined];
  if (always !== undefined && always !== 'always') fail(node, `invalid parameter "${always}"`);
  return { name, value, always: always === 'always' };
}

/**
 * Statuses `add_header` applies to without `always` (ngx_http_headers_filter):
 * 200, 201, 204, 206, 301, 302, 303, 304, 307, 308.
 */
export const ADD_HEADER_STATUSES = new Set([200, 201, 204, 206, 301, 302, 303, 304, 307, 308]);

const directives: DirectiveDef[] = [
  {
    name: 'add_header',
    contexts: ['http', 'server', 'location', 'lif'],
    args: [2, 3],
    values: [1],
    parse: parseAddHeader,
    summary: 'Add a response header (only to successful and redirect responses unless "always").',
  },
  {
    name: 'expires',
    contexts: ['http', 'server', 'location', 'lif'],
    args: [1, 2],
    unique: true,
    unsupported: true,
    summary: 'Set Expires and Cache-Control max-age on responses.',
  },
];

export const headersModule: DirectiveModule = { name: 'headers', directives };
