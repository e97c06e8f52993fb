/** The Content-Type nginx gives its own responses: by the URI's extension, else `default_type`. */
import type { Level } from '../conf';

/** What nginx uses when no `types {}` block is in effect. */
const BUILTIN_TYPES = new Map([
  ['html', 'text/html'],
  ['gif', 'image/gif'],
  ['jpg', 'image/jpeg'],
]);

/** The extension nginx sees: after the last `.` of the last path segment. */
export function extensionOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  const dot = uri.lastIndexOf('.');
  return dot > slash ? uri.slice(dot + 1).toLowerCase() : '';
}

export function contentTypeFor(level: Level, uri: string): string {
  const types = level.value<Map<string, string>>('types') ?? BUILTIN_TYPES;
  const ext = extensionOf(uri);
  return (ext && types.get(ext)) || level.first('default_type')?.args[0] || 'text/plain';
}
