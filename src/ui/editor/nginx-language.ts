/**
 * nginx.conf for CodeMirror: tokens split where nginx's tokenizer splits
 * them, and a statement's first word is a directive, marked when the engine
 * declares it. (The legacy nginx mode guesses from a 2010 word list and
 * highlights C comments nginx does not have.)
 */
import { StreamLanguage, type StringStream } from '@codemirror/language';
import { lookupDirective } from '../../engine';

interface State {
  /** Inside a quoted string: its quote character. */
  quote: '"' | "'" | null;
  /** The next word starts a statement. */
  atStart: boolean;
  /** The current statement's directive (decides what its `{` opens). */
  directive: string | null;
  /** One entry per open block: whether its lines are data (`map`, `types`) rather than directives. */
  blocks: boolean[];
}

const DATA_BLOCKS = new Set(['map', 'types', 'geo', 'split_clients']);
const OPERATORS = new Set(['=', '~', '~*', '^~', '!~', '!~*', '!=', '-f', '!-f', '-d', '!-d']);
const VARIABLE = /^\$(\{\w*\}?|\w+)/;

function word(stream: StringStream): string {
  let text = '';
  while (!stream.eol()) {
    const c = stream.peek()!;
    if (/\s/.test(c) || c === ';' || c === '$' || (c === '{' && !text.endsWith('$'))) break;
    stream.next();
    text += c;
    if (c === '\\' && !stream.eol()) text += stream.next();
  }
  return text;
}

function quoted(stream: StringStream, state: State): string {
  if (stream.match(VARIABLE)) return 'variableName.special';
  while (!stream.eol()) {
    const c = stream.peek();
    if (c === '$' && stream.match(VARIABLE, false)) break;
    stream.next();
    if (c === '\\') stream.next();
    else if (c === state.quote) {
      state.quote = null;
      break;
    }
  }
  return 'string';
}

export const nginxLanguage = StreamLanguage.define<State>({
  name: 'nginx',
  startState: () => ({ quote: null, atStart: true, directive: null, blocks: [] }),
  copyState: (s) => ({ ...s, blocks: [...s.blocks] }),
  token(stream, state) {
    if (state.quote) return quoted(stream, state);
    if (stream.eatSpace()) return null;
    const c = stream.peek()!;
    if (c === '#') {
      stream.skipToEnd();
      return 'lineComment';
    }
    if (c === ';' || c === '{' || c === '}') {
      stream.next();
      if (c === '{') state.blocks.push(DATA_BLOCKS.has(state.directive ?? ''));
      if (c === '}') state.blocks.pop();
      state.atStart = true;
      state.directive = null;
      return c === ';' ? 'punctuation' : 'brace';
    }
    const first = state.atStart;
    state.atStart = false;
    if (c === '"' || c === "'") {
      stream.next();
      state.quote = c;
      return quoted(stream, state);
    }
    if (stream.match(VARIABLE)) return 'variableName';
    const text = word(stream);
    if (text === '') {
      stream.next();
      return null;
    }
    const inData = state.blocks.at(-1) === true;
    if (first && !inData) {
      state.directive = text;
      const defs = lookupDirective(text);
      if (!defs) return null;
      return defs.some((d) => d.block !== undefined) ? 'definitionKeyword' : 'keyword';
    }
    if (OPERATORS.has(text)) return 'operator';
    if (/^\d+(\.\d+)?[a-z%]*$/i.test(text)) return 'number';
    return null;
  },
  indent(state, textAfter, cx) {
    const depth = state.blocks.length - (/^\s*\}/.test(textAfter) ? 1 : 0);
    return Math.max(0, depth) * cx.unit;
  },
  languageData: {
    commentTokens: { line: '#' },
    indentOnInput: /^\s*\}$/,
  },
});
