/**
 * Lays nginx configuration out the usual way (two spaces per block, one
 * directive per line) without changing what nginx reads: words, quotes,
 * escapes and comments are copied as written, only the space between
 * tokens changes.
 */

/** A token with the raw text it was written as and what separated it from the one before. */
type Token =
  | { kind: 'word'; text: string; newlines: number; glued: boolean }
  | { kind: ';' | '{' | '}'; newlines: number }
  | { kind: 'comment'; text: string; newlines: number };

const INDENT = '  ';
/** Where a statement written over several lines continues, relative to its first line. */
const CONTINUATION = '    ';

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/**
 * Splits `text` where nginx's tokenizer (ngx_conf_read_token) would, keeping
 * each word's raw text. Returns null when nginx could not read the text
 * either (an unclosed quote, a character right after a closing quote): the
 * formatter then leaves the text alone rather than guess.
 */
function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let newlines = 0;
  let glued = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (isSpace(ch)) {
      if (ch === '\n') newlines++;
      glued = false;
      i++;
      continue;
    }
    if (ch === ';' || ch === '{' || ch === '}') {
      tokens.push({ kind: ch, newlines });
      newlines = 0;
      glued = false;
      i++;
      continue;
    }
    if (ch === '#') {
      let end = text.indexOf('\n', i);
      if (end === -1) end = text.length;
      tokens.push({ kind: 'comment', text: text.slice(i, end).replace(/\r$/, ''), newlines });
      newlines = 0;
      i = end;
      continue;
    }
    const end = wordEnd(text, i);
    if (end === null) return null;
    tokens.push({ kind: 'word', text: text.slice(i, end), newlines, glued });
    newlines = 0;
    i = end;
    // After a closing quote nginx only accepts a space, `;`, `{` or `)`; `)` starts the next word.
    const quoted = ch === '"' || ch === "'";
    if (quoted && i < text.length && text[i] === ')') glued = true;
    else if (quoted && i < text.length && !isSpace(text[i]!) && text[i] !== ';' && text[i] !== '{')
      return null;
    else glued = false;
  }
  return tokens;
}

/** The end of the word starting at `start`, or null when nginx would refuse it. */
function wordEnd(text: string, start: number): number | null {
  const first = text[start]!;
  if (first === '"' || first === "'") {
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === first) return i + 1;
    }
    return null;
  }
  // `${name}` keeps its braces inside the word; any other `{` ends it, as in nginx.
  let variable = first === '$';
  for (let i = first === '\\' ? start + 2 : start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '{' && variable) continue;
    variable = false;
    if (c === '\\') {
      i++;
      if (i >= text.length) return null;
    } else if (c === '$') variable = true;
    else if (isSpace(c) || c === ';' || c === '{') return i;
  }
  return first === '\\' && start + 1 >= text.length ? null : text.length;
}

/**
 * Re-indents nginx configuration by its braces, two spaces a level, one
 * directive per line. Comments and quoted strings are kept exactly, a
 * statement the author wrote over several lines keeps its line breaks, and
 * runs of blank lines become one. Formatting twice gives the same text.
 * Text nginx could not tokenize (an unclosed quote) is returned unchanged.
 */
export function formatConfig(text: string): string {
  const tokens = tokenize(text);
  if (tokens === null) return text;
  const lines: string[] = [];
  let depth = 0;
  /** Words read since the last `;`, `{` or `}`. */
  let inStatement = false;
  /** Whether the last line can take more on the same line (it does not end in a comment). */
  let open = false;
  /** The last line is `... {` with nothing after it yet, so `}` can close it as `{}`. */
  let emptyBlock = false;

  const indent = () => INDENT.repeat(depth);
  const startLine = (newlines: number, text: string) => {
    const last = lines.at(-1);
    if (newlines > 1 && last !== undefined && last !== '' && !last.endsWith('{')) lines.push('');
    lines.push(text);
  };
  const append = (text: string) => {
    lines[lines.length - 1] += text;
  };

  for (const token of tokens) {
    const wasEmptyBlock = emptyBlock;
    emptyBlock = false;
    switch (token.kind) {
      case 'word':
        if (!inStatement) startLine(token.newlines, indent() + token.text);
        else if (open && token.glued) append(token.text);
        else if (open && token.newlines === 0) append(' ' + token.text);
        else lines.push(indent() + CONTINUATION + token.text);
        inStatement = true;
        open = true;
        break;
      case ';':
      case '{':
        // Ends the statement on its line, unless a comment closed that line.
        if (inStatement && open) append(token.kind === '{' ? ' {' : ';');
        else if (inStatement) lines.push(indent() + CONTINUATION + token.kind);
        else startLine(token.newlines, indent() + token.kind);
        if (token.kind === '{') depth++;
        emptyBlock = token.kind === '{';
        inStatement = false;
        open = true;
        break;
      case '}':
        if (depth > 0) depth--;
        if (wasEmptyBlock) append('}');
        else {
          while (lines.at(-1) === '') lines.pop();
          lines.push(indent() + '}');
        }
        inStatement = false;
        open = true;
        break;
      case 'comment':
        if (open && token.newlines === 0 && lines.length > 0) append(' ' + token.text);
        else if (inStatement) lines.push(indent() + CONTINUATION + token.text);
        else startLine(token.newlines, indent() + token.text);
        open = false;
        break;
    }
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
