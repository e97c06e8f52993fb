/** nginx regexes (PCRE2) as JavaScript RegExps, with PCRE2's wording when one does not compile. */
import type { ConfigNode } from './config/node';
import { ConfigError } from './errors';

/** Translates the PCRE-only spellings people use in configs: `(?P<name>` and a leading `(?i)`. */
export function compileRegex(source: string, caseless: boolean, node: ConfigNode): RegExp {
  const early = pcreOnlyError(source);
  if (early) throw new ConfigError(`pcre2_compile() failed: ${early}`, node.line, node.file);
  let src = posixClasses(source.replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>'));
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

/** POSIX classes inside brackets (`[[:alpha:]]`), as JavaScript character ranges. */
const POSIX: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  xdigit: '0-9A-Fa-f',
  space: '\\t\\n\\v\\f\\r ',
  blank: ' \\t',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
  ascii: '\\x00-\\x7f',
};

function posixClasses(source: string): string {
  if (!source.includes('[:')) return source;
  return source.replace(/\[:([a-z]+):\]/g, (all, name: string) => POSIX[name] ?? all);
}

/**
 * PCRE2 errors for patterns JavaScript reads differently (it takes `\k<x>` without groups
 * and `[[:foo:]]` literally) or words its own way, with the offset PCRE2 reports.
 */
function pcreOnlyError(source: string): string | null {
  const what = `in "${source}"`;
  const names = new Set<string>();
  for (const m of source.matchAll(/\(\?P?<([^>=!]*)>/g)) {
    const name = m[1]!;
    if (/^\d/.test(name))
      return `subpattern name must start with a non-digit ${what}${at(source, m.index + m[0].length - name.length - 1)}`;
    names.add(name);
  }
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const ref = /^\\k[<{]([A-Za-z_]\w*)[>}]/.exec(source.slice(i));
      if (ref && !inClass && !names.has(ref[1]!))
        return `reference to non-existent subpattern ${what}${at(source, i + 3)}`;
      i++;
      continue;
    }
    if (inClass) {
      const posix = /^\[:([a-z]+):\]/.exec(source.slice(i));
      if (posix && POSIX[posix[1]!] === undefined)
        return `unknown POSIX class name ${what}${at(source, i + 2)}`;
      if (posix) i += posix[0].length - 1;
      else if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
    } else if (c === '(' && source[i + 1] === '?') {
      const next = source[i + 2];
      if (next !== undefined && !/[:=!<>|#'PCR&+\-imnsxJUX^()0-9]/.test(next))
        return `unrecognized character after (? or (?- ${what}${at(source, i + 2)}`;
    } else if (c === '*' && i > 0 && '*+?'.includes(source[i - 1]!) && source[i - 2] !== '\\') {
      return `quantifier does not follow a repeatable item ${what}${at(source, i)}`;
    }
  }
  return null;
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
  if (/Range out of order/.test(jsMessage))
    return `range out of order in character class ${what}${at(source, reversedRangeEnd(source))}`;
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

/** The index of the end of the first class range written backwards (`[z-a]` → the `a`), or -1. */
function reversedRangeEnd(source: string): number {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (!inClass) {
      if (c === '[') inClass = true;
      continue;
    }
    if (c === ']') inClass = false;
    else if (source[i + 1] === '-' && i + 2 < source.length && source[i + 2] !== ']') {
      if (source[i + 2]! < c) return i + 2;
      i += 2;
    }
  }
  return -1;
}

/** Names of the regex's named groups, in order (they become variables). */
export function namedGroups(re: RegExp): string[] {
  const names: string[] = [];
  const scan = /\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g;
  let m: RegExpExecArray | null;
  while ((m = scan.exec(re.source)) !== null) names.push(m[1]!);
  return names;
}
