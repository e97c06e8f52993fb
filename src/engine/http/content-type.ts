/** The Content-Type nginx gives a response it writes itself: by the URI's extension, else `default_type`. */
import type { Level } from '../conf';

/** What nginx uses when no `types {}` block is in effect. */
const BUILTIN_TYPES: ReadonlyMap<string, string> = new Map([
  ['html', 'text/html'],
  ['gif', 'image/gif'],
  ['jpg', 'image/jpeg'],
]);

/**
 * The extension nginx sees (ngx_http_set_exten): what follows the last `.`
 * of the last path segment, unless that dot starts the segment (`/.env` has
 * none). Lower-cased, as the types map is looked up.
 */
export function extensionOf(uri: string): string {
  for (let i = uri.length - 1; i > 1; i--) {
    const c = uri.charCodeAt(i);
    if (c === 0x2f) return '';
    if (c === 0x2e && uri.charCodeAt(i - 1) !== 0x2f) return uri.slice(i + 1).toLowerCase();
  }
  return '';
}

/** By the `types` in effect (a `types {}` block, `include mime.types`, else the built-in three), then `default_type`. */
export function contentTypeFor(level: Level, uri: string): string {
  const ext = extensionOf(uri);
  const types = level.value<Map<string, string>>('types') ?? BUILTIN_TYPES;
  return (ext && types.get(ext)) || level.first('default_type')?.args[0] || 'text/plain';
}
