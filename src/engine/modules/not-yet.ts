/**
 * Real nginx directives that the sandbox recognises but does not simulate
 * yet (precompressed and decompressed gzip). They are declared
 * with their true contexts and arity, so a misplaced one still gets nginx's
 * own error; a well-placed one gets a clear "not supported" message rather
 * than a silent difference.
 */
import type { DirectiveDef, DirectiveModule } from '../directive';
import { flag, oneOf } from './slots';

const LEVELS = ['http', 'server', 'location'] as const;

const directives: DirectiveDef[] = [
  {
    name: 'gzip_static',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: oneOf(['on', 'off', 'always'] as const),
    unsupported: true,
    summary: 'Serve a precompressed `.gz` file next to the requested one.',
  },
  {
    name: 'autoindex',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    unsupported: true,
    summary: 'List a directory that has no index file.',
  },
  {
    name: 'gunzip',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    unsupported: true,
    summary: 'Decompress gzip responses for clients that do not accept gzip.',
  },
];

export const notYetModule: DirectiveModule = { name: 'not-yet', directives };
