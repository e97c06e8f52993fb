/**
 * nginx's configuration tokenizer (ngx_conf_read_token), reproduced closely so
 * that words, quotes, escapes and the positions of syntax errors come out as
 * nginx sees them.
 */
import { ConfigError } from '../errors.ts';

export type Token =
  | { kind: 'word'; value: string; line: number; quoted: boolean }
  | { kind: ';' | '{' | '}'; line: number }
  | { kind: 'eof'; line: number };

/** One statement as the tokenizer hands it over: its words and how it ended. */
export interface Statement {
  words: string[];
  /** Whether each word was written in quotes (nginx treats `"~"` differently from `~` in a few places). */
  quoted: boolean[];
  /** 1-based line where the statement's first word starts. */
  startLine: number;
  /** The line nginx is on when it acts on the statement (where `;` or `{` was read). */
  line: number;
  end: ';' | '{';
}

export type ReadResult = Statement | { end: '}'; line: number } | { end: 'eof'; line: number };

/**
 * Reads statements the way nginx does: it returns at each `;`, `{`, `}` or
 * the end of the file, and stops at the first syntax error with nginx's
 * own wording.
 */
export class ConfigLexer {
  private pos = 0;
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly file = 'nginx.conf',
  ) {}

  private fail(message: string): never {
    throw new ConfigError(message, this.line, this.file);
  }

  next(): ReadResult {
    const text = this.text;
    const words: string[] = [];
    const quotedFlags: boolean[] = [];
    let startLine = this.line;
    let lastSpace = true;
    let needSpace = false;
    let sharpComment = false;
    let escaped = false;
    let dQuoted = false;
    let sQuoted = false;
    let variable = false;
    let start = 0;

    for (;;) {
      if (this.pos >= text.length) {
        if (words.length > 0 || !lastSpace) {
          this.fail('unexpected end of file, expecting ";" or "}"');
        }
        return { end: 'eof', line: this.line };
      }
      const ch = text[this.pos++]!;
      if (ch === '\n') {
        this.line++;
        if (sharpComment) sharpComment = false;
      }
      if (sharpComment) continue;
      if (escaped) {
        escaped = false;
        continue;
      }
      if (needSpace) {
        if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
          lastSpace = true;
          needSpace = false;
          continue;
        }
        if (ch === ';') return this.statement(words, quotedFlags, startLine, ';');
        if (ch === '{') return this.statement(words, quotedFlags, startLine, '{');
        if (ch === ')') {
          lastSpace = true;
          needSpace = false;
        } else {
          this.fail(`unexpected "${ch}"`);
        }
      }
      if (lastSpace) {
        start = this.pos - 1;
        if (words.length === 0) startLine = this.line;
        if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') continue;
        switch (ch) {
          case ';':
          case '{':
            if (words.length === 0) this.fail(`unexpected "${ch}"`);
            return this.statement(words, quotedFlags, startLine, ch);
          case '}':
            if (words.length !== 0) this.fail('unexpected "}"');
            return { end: '}', line: this.line };
          case '#':
            sharpComment = true;
            continue;
          case '\\':
            escaped = true;
            lastSpace = false;
            continue;
          case '"':
            start++;
            dQuoted = true;
            lastSpace = false;
            continue;
          case "'":
            start++;
            sQuoted = true;
            lastSpace = false;
            continue;
          case '$':
            variable = true;
            lastSpace = false;
            continue;
          default:
            lastSpace = false;
        }
      } else {
        if (ch === '{' && variable) continue;
        variable = false;
        if (ch === '\\') {
          escaped = true;
          continue;
        }
        if (ch === '$') {
          variable = true;
          continue;
        }
        let found = false;
        let wasQuoted = false;
        if (dQuoted) {
          if (ch === '"') {
            dQuoted = false;
            needSpace = true;
            found = true;
            wasQuoted = true;
          }
        } else if (sQuoted) {
          if (ch === "'") {
            sQuoted = false;
            needSpace = true;
            found = true;
            wasQuoted = true;
          }
        } else if (
          ch === ' ' ||
          ch === '\t' ||
          ch === '\r' ||
          ch === '\n' ||
          ch === ';' ||
          ch === '{'
        ) {
          lastSpace = true;
          found = true;
        }
        if (found) {
          words.push(unescape(text.slice(start, this.pos - 1)));
          quotedFlags.push(wasQuoted);
          if (ch === ';' || ch === '{') return this.statement(words, quotedFlags, startLine, ch);
        }
      }
    }
  }

  private statement(
    words: string[],
    quoted: boolean[],
    startLine: number,
    end: ';' | '{',
  ): Statement {
    return { words, quoted, startLine, line: this.line, end };
  }
}

/** The escapes nginx resolves while copying a word; any other backslash stays. */
function unescape(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length) {
      const n = raw[i + 1]!;
      if (n === '"' || n === "'" || n === '\\') {
        out += n;
        i++;
        continue;
      }
      if (n === 't' || n === 'r' || n === 'n') {
        out += n === 't' ? '\t' : n === 'r' ? '\r' : '\n';
        i++;
        continue;
      }
    }
    out += c;
  }
  return out;
}
