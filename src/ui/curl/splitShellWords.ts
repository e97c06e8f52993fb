/**
 * Splits a command line into words the way a POSIX shell does before running
 * a program: quotes, backslash escapes, `$'…'` strings and line continuations.
 * Nothing is expanded (`$HOME` stays as written): the sandbox has no environment.
 */

export type SplitWords = { ok: true; words: string[] } | { ok: false; message: string };

// Unquoted, these start a pipe, a redirection or a second command, none of which the console runs.
const OPERATORS = new Set(['|', '&', ';', '<', '>']);
// Inside double quotes a backslash escapes only these (and a newline, which it removes).
const DOUBLE_QUOTE_ESCAPES = new Set(['$', '`', '"', '\\']);
const ANSI_C_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

export function splitShellWords(line: string): SplitWords {
  const words: string[] = [];
  let word = '';
  // A word exists once anything was written for it, even '' (so `curl ''` passes an empty argument).
  let inWord = false;
  let i = 0;
  const end = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };

  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      end();
      i++;
    } else if (c === '#' && !inWord) {
      // A comment runs to the end of its line.
      while (i < line.length && line[i] !== '\n') i++;
    } else if (c === '\\') {
      const next = line[i + 1];
      if (next === undefined) {
        i++;
      } else if (next === '\n') {
        i += 2;
      } else if (next === '\r' && line[i + 2] === '\n') {
        i += 3;
      } else {
        word += next;
        inWord = true;
        i += 2;
      }
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close === -1) return unclosed("'");
      word += line.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === '"') {
      i++;
      inWord = true;
      let closed = false;
      while (i < line.length) {
        const d = line[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && line[i + 1] === '\n') {
          i += 2;
        } else if (d === '\\' && DOUBLE_QUOTE_ESCAPES.has(line[i + 1] ?? '')) {
          word += line[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      if (!closed) return unclosed('"');
    } else if (c === '$' && line[i + 1] === "'") {
      const read = readAnsiC(line, i + 2);
      if (read === null) return unclosed("$'");
      word += read.text;
      inWord = true;
      i = read.next;
    } else if (OPERATORS.has(c)) {
      return {
        ok: false,
        message: `"${c}" is not supported here: the console runs one curl command, without pipes, redirections or ";"`,
      };
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  end();
  return { ok: true, words };
}

function unclosed(quote: string): SplitWords {
  return { ok: false, message: `a ${quote} quote is never closed` };
}

/** Reads the body of a `$'…'` string starting after its opening quote. */
function readAnsiC(line: string, start: number): { text: string; next: number } | null {
  let text = '';
  let i = start;
  while (i < line.length) {
    const c = line[i]!;
    if (c === "'") return { text, next: i + 1 };
    if (c !== '\\') {
      text += c;
      i++;
      continue;
    }
    const e = line[i + 1] ?? '';
    const hex = /^x([0-9a-fA-F]{1,2})/.exec(line.slice(i + 1, i + 4));
    const unicode = /^u([0-9a-fA-F]{1,4})/.exec(line.slice(i + 1, i + 6));
    const octal = /^[0-7]{1,3}/.exec(line.slice(i + 1, i + 4));
    if (hex) {
      text += String.fromCharCode(parseInt(hex[1]!, 16));
      i += 1 + hex[0].length;
    } else if (unicode) {
      text += String.fromCharCode(parseInt(unicode[1]!, 16));
      i += 1 + unicode[0].length;
    } else if (octal) {
      text += String.fromCharCode(parseInt(octal[0], 8));
      i += 1 + octal[0].length;
    } else if (e in ANSI_C_ESCAPES) {
      text += ANSI_C_ESCAPES[e];
      i += 2;
    } else {
      text += '\\' + e;
      i += 2;
    }
  }
  return null;
}
