/** nginx regexes (PCRE2) as JavaScript RegExps, with PCRE2's wording when one does not compile. */
import type { ConfigNode } from './config/node';
import { ConfigError } from './errors';

/** Translates the PCRE-only spellings people use in configs: `(?P<name>` and a leading `(?i)`. */
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
    const why = e instanceof Error ? e.message : String(e);
    throw new ConfigError(
      `pcre2_compile() failed: ${pcreMessage(source, why)}`,
      node.line,
      node.file,
    );
  }
}

/** Where PCRE2 stops reading the pattern for an error, as nginx shows it (` at "rest"`). */
function at(source: string, offset: number): string {
  return offset >= 0 && offset < source.length ? ` at "${source.slice(offset)}"` : '';
}

/** Indexes of characters outside character classes and escapes. */
function plainIndexes(source: string): number[] {
  const out: number[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else out.push(i);
  }
  return out;
}

/** PCRE2's message for the common mistakes; anything else keeps the JavaScript engine's wording. */
function pcreMessage(source: string, jsMessage: string): string {
  const what = `in "${source}"`;
  if (/Unterminated group/.test(jsMessage)) return `missing closing parenthesis ${what}`;
  if (/Unterminated character class/.test(jsMessage))
    return `missing terminating ] for character class ${what}`;
  if (/Nothing to repeat/.test(jsMessage)) {
    const i = plainIndexes(source).find(
      (k) => '*+?'.includes(source[k]!) && (k === 0 || '(|'.includes(source[k - 1]!)),
    );
    return `quantifier does not follow a repeatable item ${what}${at(source, i ?? -1)}`;
  }
  if (/Unmatched '\)'/.test(jsMessage)) {
    let depth = 0;
    for (const k of plainIndexes(source)) {
      if (source[k] === '(') depth++;
      else if (source[k] === ')' && --depth < 0)
        return `unmatched closing parenthesis ${what}${at(source, k)}`;
    }
  }
  if (/Duplicate capture group name/.test(jsMessage)) {
    const seen = new Set<string>();
    const named = /\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g;
    let m: RegExpExecArray | null;
    while ((m = named.exec(source)) !== null) {
      if (seen.has(m[1]!))
        return `two named subpatterns have the same name (PCRE2_DUPNAMES not set) ${what}${at(source, named.lastIndex)}`;
      seen.add(m[1]!);
    }
  }
  return `${jsMessage.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')} ${what}`;
}

/** Names of the regex's named groups, in order (they become variables). */
export function namedGroups(re: RegExp): string[] {
  const names: string[] = [];
  const scan = /\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g;
  let m: RegExpExecArray | null;
  while ((m = scan.exec(re.source)) !== null) names.push(m[1]!);
  return names;
}
