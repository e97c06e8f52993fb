/** nginx regexes (PCRE) as JavaScript RegExps, with nginx's error wording when one does not compile. */
import type { ConfigNode } from './config/node';
import { ConfigError } from './errors';

/** Translates the PCRE-only spellings people use in configs: `(?P<name>` and `(?i)`. */
export function compileRegex(source: string, caseless: boolean, node: ConfigNode): RegExp {
  let src = source.replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>');
  let flags = caseless ? 'i' : '';
  if (src.startsWith('(?i)')) {
    src = src.slice(4);
    flags = 'i';
  }
  try {
    return new RegExp(src, flags);
  } catch (e) {
    const why =
      e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e);
    throw new ConfigError(`pcre2_compile() failed: ${why} in "${source}"`, node.line, node.file);
  }
}

/** Names of the regex's named groups, in order (they become variables). */
export function namedGroups(re: RegExp): string[] {
  const names: string[] = [];
  const scan = /\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g;
  let m: RegExpExecArray | null;
  while ((m = scan.exec(re.source)) !== null) names.push(m[1]!);
  return names;
}
