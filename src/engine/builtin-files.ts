/**
 * Files a stock nginx installation has that configs commonly include
 * (`include mime.types;`). The sandbox has no disk; these are its copies.
 */
import { MIME_TYPES_FILE, PROXY_PARAMS_FILE } from './http/mime-types-file';

const FILES: Record<string, string> = {
  'mime.types': MIME_TYPES_FILE,
  '/etc/nginx/mime.types': MIME_TYPES_FILE,
  proxy_params: PROXY_PARAMS_FILE,
  '/etc/nginx/proxy_params': PROXY_PARAMS_FILE,
};

export function builtinFile(path: string): string | undefined {
  return FILES[path];
}
