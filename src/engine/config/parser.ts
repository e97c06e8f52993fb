/**
 * Turns configuration text into a tree of directives, checking each one
 * against its declaration at the moment nginx would (when its `;` or `{` is
 * read), so that the first error reported is the one nginx reports.
 */
import { ConfigError } from '../errors';
import type { DirectiveDef, ParseContext } from '../directive';
import { ConfigLexer, type Statement } from './lexer';
import type { ConfigNode, Context, DataBlock } from './node';

export interface ParseOptions {
  /** Looks up a directive's declarations by name. */
  lookup: (name: string) => readonly DirectiveDef[] | undefined;
  /** Reads an included file's text, or undefined when it does not exist. */
  readFile?: (path: string) => string | undefined;
  /** The files a wildcard `include` names (none is fine, as nginx's glob allows). */
  listFiles?: () => readonly string[];
  /** Called for a valid directive the sandbox does not simulate (the config is refused once nginx's own checks pass). */
  onUnsupported?: (node: ConfigNode) => void;
  /** Called after a block directive's contents were read (nginx finishes `http {}` there). */
  onBlockEnd?: (node: ConfigNode, def: DirectiveDef) => void;
  file?: string;
}

const MAX_INCLUDE_DEPTH = 16;

export function parseConfig(text: string, options: ParseOptions): ConfigNode[] {
  const parser = new Parser(options);
  return parser.parseFile(text, options.file ?? 'nginx.conf', 'main', [], 0);
}

class Parser {
  constructor(private readonly options: ParseOptions) {}

  parseFile(
    text: string,
    file: string,
    context: Context | DataBlock,
    parents: ConfigNode[],
    depth: number,
  ): ConfigNode[] {
    const lexer = new ConfigLexer(text, file);
    const nodes: ConfigNode[] = [];
    this.readBlock(lexer, file, context, parents, nodes, depth, false);
    return nodes;
  }

  /** Reads statements until the block's `}` (or the file's end for the main level and includes). */
  private readBlock(
    lexer: ConfigLexer,
    file: string,
    context: Context | DataBlock,
    parents: ConfigNode[],
    nodes: ConfigNode[],
    depth: number,
    inBlock: boolean,
  ): void {
    for (;;) {
      const st = lexer.next();
      if (st.end === 'eof') {
        if (inBlock) throw new ConfigError('unexpected end of file, expecting "}"', st.line, file);
        return;
      }
      if (st.end === '}') {
        if (!inBlock) throw new ConfigError('unexpected "}"', st.line, file);
        parents[parents.length - 1]!.endLine = st.line;
        return;
      }
      const node = toNode(st, file);
      if (node.directive === 'include' && context !== 'types' && context !== 'split_clients') {
        this.include(node, st, context, parents, nodes, depth);
        continue;
      }
      if (isDataBlock(context)) {
        if (st.end === '{') throw new ConfigError('unexpected "{"', st.line, file);
        nodes.push(node);
        continue;
      }
      const def = this.resolve(node, st, context, parents, nodes);
      nodes.push(node);
      if (def.block !== undefined) {
        const inner = def.block === 'if' ? (context === 'server' ? 'sif' : 'lif') : def.block;
        node.block = [];
        this.readBlock(lexer, file, inner, [...parents, node], node.block, depth, true);
        if (def.finish) node.value = def.finish(node);
        this.options.onBlockEnd?.(node, def);
      }
    }
  }

  /** Finds the declaration that applies here and checks it the way ngx_conf_handler does. */
  private resolve(
    node: ConfigNode,
    st: Statement,
    context: Context,
    parents: ConfigNode[],
    siblings: ConfigNode[],
  ): DirectiveDef {
    const name = node.directive;
    const defs = this.options.lookup(name);
    if (!defs) throw new ConfigError(`unknown directive "${name}"`, node.line, node.file);
    const def = defs.find((d) => d.contexts.includes(context));
    if (!def)
      throw new ConfigError(`"${name}" directive is not allowed here`, node.line, node.file);
    if (def.block === undefined && st.end !== ';') {
      throw new ConfigError(`directive "${name}" is not terminated by ";"`, node.line, node.file);
    }
    if (def.block !== undefined && st.end !== '{') {
      throw new ConfigError(`directive "${name}" has no opening "{"`, node.line, node.file);
    }
    if (!arityMatches(def, node.args.length)) {
      throw new ConfigError(
        `invalid number of arguments in "${name}" directive`,
        node.line,
        node.file,
      );
    }
    if (def.unique && siblings.some((s) => s.directive === name)) {
      throw new ConfigError(`"${name}" directive is duplicate`, node.line, node.file);
    }
    if (def.parse) {
      const ctx: ParseContext = { context, parents, siblings };
      node.value = def.parse(node, ctx);
    }
    if (def.unsupported) this.options.onUnsupported?.(node);
    return def;
  }

  private include(
    node: ConfigNode,
    st: Statement,
    context: Context | DataBlock,
    parents: ConfigNode[],
    nodes: ConfigNode[],
    depth: number,
  ): void {
    if (st.end !== ';')
      throw new ConfigError('directive "include" is not terminated by ";"', node.line, node.file);
    if (node.args.length !== 1)
      throw new ConfigError(
        'invalid number of arguments in "include" directive',
        node.line,
        node.file,
      );
    if (depth >= MAX_INCLUDE_DEPTH)
      throw new ConfigError(`include of "${node.args[0]}" nested too deeply`, node.line, node.file);
    const path = node.args[0]!;
    // A wildcard includes every matching file in name order, and matching none is no error.
    if (/[*?[]/.test(path)) {
      const glob = globRegex(path);
      const names = (this.options.listFiles?.() ?? []).filter((f) => glob.test(f)).sort();
      for (const name of names) {
        const lexer = new ConfigLexer(this.options.readFile?.(name) ?? '', name);
        this.readBlock(lexer, name, context, parents, nodes, depth + 1, false);
      }
      return;
    }
    const text = this.options.readFile?.(path);
    if (text === undefined) {
      throw new ConfigError(
        `open() "${path}" failed (2: No such file or directory)`,
        node.line,
        node.file,
      );
    }
    const lexer = new ConfigLexer(text, path);
    this.readBlock(lexer, path, context, parents, nodes, depth + 1, false);
  }
}

/** A glob(3) pattern as a RegExp: `*` and `?` stay within one path segment, `[...]` is a class. */
function globRegex(pattern: string): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const close = c === '[' ? pattern.indexOf(']', i + 2) : -1;
    if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else if (close !== -1) {
      const body = pattern
        .slice(i + 1, close)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      src += `[${body}]`;
      i = close;
    } else src += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${src}$`);
}

function isDataBlock(context: Context | DataBlock): context is DataBlock {
  return (
    context === 'types' || context === 'map' || context === 'split_clients' || context === 'geo'
  );
}

function toNode(st: Statement, file: string): ConfigNode {
  return {
    directive: st.words[0]!,
    args: st.words.slice(1),
    line: st.line,
    startLine: st.startLine,
    file,
    quoted: st.quoted.slice(1),
  };
}

function arityMatches(def: DirectiveDef, n: number): boolean {
  const a = def.args;
  if (a === 'any') return true;
  if (a === 'flag') return n === 1;
  if ('min' in a) return n >= a.min;
  return a.includes(n);
}
