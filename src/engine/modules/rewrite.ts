/**
 * ngx_http_rewrite_module: `return`, `rewrite`, `set`, `break`, `if`. Their
 * directives form a small script run in the server's and then the matched
 * location's rewrite phase; they are never inherited by inner levels.
 */
import type { ConfigNode } from '../config/node';
import type { LocationConf } from '../conf';
import type { DirectiveDef, DirectiveModule } from '../directive';
import { compileRegex, namedGroups } from '../regex';
import type { VariableTable } from '../variables';
import { ComplexValue, isReadOnlyBuiltin } from '../variables';
import { fail } from './slots';

export type Instruction =
  | { op: 'return'; line: number; status: number; text: ComplexValue | null }
  | {
      op: 'rewrite';
      line: number;
      regex: RegExp;
      pattern: string;
      replacement: ComplexValue;
      /** An internal rewrite's new URI: the replacement up to its first `?` (a trailing `?` removed). */
      uriPart: ComplexValue;
      /** What follows that `?`: the new query string; null when the replacement has none. */
      argsPart: ComplexValue | null;
      /** No trailing `?`: the request's own query string is appended. */
      addArgs: boolean;
      flag: RewriteFlag;
      redirect: boolean;
    }
  | { op: 'set'; line: number; name: string; value: ComplexValue }
  | { op: 'break'; line: number }
  | {
      op: 'if';
      line: number;
      condition: Condition;
      text: string;
      body: Script;
      /** Inside a location: the if block's own configuration, which the request takes on when the condition holds. */
      location: LocationConf | null;
    };

export type RewriteFlag = 'last' | 'break' | 'redirect' | 'permanent' | '';

export type Condition =
  | { kind: 'value'; value: ComplexValue }
  | { kind: 'compare'; value: ComplexValue; negate: boolean; other: ComplexValue }
  | { kind: 'match'; value: ComplexValue; negate: boolean; regex: RegExp }
  /** `-f` file, `-d` directory, `-e` either, `-x` executable (nothing on the virtual disk is). */
  | { kind: 'file'; test: 'f' | 'd' | 'e' | 'x'; negate: boolean; value: ComplexValue };

export type Script = Instruction[];

const RETURN_REDIRECT_PREFIXES = ['http://', 'https://', '$scheme'];

function parseReturn(node: ConfigNode): { status: number; text: string | null } {
  const [first, second] = node.args as [string, string | undefined];
  if (node.args.length === 1 && RETURN_REDIRECT_PREFIXES.some((p) => first.startsWith(p))) {
    return { status: 302, text: first };
  }
  if (!/^\d+$/.test(first)) fail(node, `invalid return code "${first}"`);
  const status = Number(first);
  if (status > 999) fail(node, `invalid return code "${first}"`);
  return { status, text: second ?? null };
}

function parseRewrite(node: ConfigNode): void {
  const flagArg = node.args[2];
  if (flagArg !== undefined && !['last', 'break', 'redirect', 'permanent'].includes(flagArg)) {
    fail(node, `invalid parameter "${flagArg}"`);
  }
}

function parseSet(node: ConfigNode): void {
  const name = node.args[0]!;
  if (!name.startsWith('$')) fail(node, `invalid variable name "${name}"`);
  if (name === '$') fail(node, 'invalid variable name "$"');
  if (isReadOnlyBuiltin(name.slice(1))) fail(node, `the duplicate "${name.slice(1)}" variable`);
}

const rewriteContexts = ['server', 'sif', 'location', 'lif'] as const;

const directives: DirectiveDef[] = [
  {
    name: 'return',
    contexts: rewriteContexts,
    args: [1, 2],
    inherit: 'own',
    parse: parseReturn,
    summary: 'Stop processing and answer with a status, a text or a redirect URL.',
  },
  {
    name: 'rewrite',
    contexts: rewriteContexts,
    args: [2, 3],
    inherit: 'own',
    parse: parseRewrite,
    summary: 'Change the URI with a regex (last, break, redirect, permanent).',
  },
  {
    name: 'set',
    contexts: rewriteContexts,
    args: [2],
    inherit: 'own',
    parse: parseSet,
    summary: 'Give a variable a value.',
  },
  {
    name: 'break',
    contexts: rewriteContexts,
    args: [0],
    inherit: 'own',
    summary: 'Stop running the rewrite directives of this level.',
  },
  {
    name: 'if',
    contexts: ['server', 'location'],
    args: { min: 1 },
    block: 'if',
    inherit: 'own',
    summary: 'Run the enclosed directives when a condition holds.',
  },
  {
    name: 'rewrite_log',
    contexts: ['http', 'server', 'sif', 'location', 'lif'],
    args: 'flag',
    unique: true,
    summary: 'Log rewrite decisions (the sandbox shows them in the trace anyway).',
  },
  {
    name: 'uninitialized_variable_warn',
    contexts: ['http', 'server', 'sif', 'location', 'lif'],
    args: 'flag',
    unique: true,
    summary: 'Warn about variables used before being set.',
  },
];

export const rewriteModule: DirectiveModule = { name: 'rewrite', directives };

/**
 * Turns a level's rewrite directives into its script. `ifLocation` makes the
 * configuration of an `if` block inside a location (nginx gives every such
 * block a location of its own, inheriting from the enclosing one).
 */
export function compileScript(
  nodes: readonly ConfigNode[],
  vars: VariableTable,
  ifLocation?: (node: ConfigNode) => LocationConf,
): Script {
  const script: Script = [];
  for (const node of nodes) {
    switch (node.directive) {
      case 'return': {
        const v = node.value as { status: number; text: string | null };
        script.push({
          op: 'return',
          line: node.line,
          status: v.status,
          text: v.text === null ? null : ComplexValue.compile(v.text, vars, node.line, node.file),
        });
        break;
      }
      case 'rewrite': {
        const regex = compileRegex(node.args[0]!, false, node);
        for (const name of namedGroups(regex)) vars.declare(name);
        const flag = (node.args[2] ?? '') as RewriteFlag;
        const replacement = node.args[1]!;
        const redirect =
          flag === 'redirect' ||
          flag === 'permanent' ||
          RETURN_REDIRECT_PREFIXES.some((p) => replacement.startsWith(p));
        // nginx splits at the replacement's own `?`: one produced by a capture or variable stays in the URI.
        const addArgs = !replacement.endsWith('?');
        const text = addArgs ? replacement : replacement.slice(0, -1);
        const q = text.indexOf('?');
        const compiled = ComplexValue.compile(replacement, vars, node.line, node.file);
        script.push({
          op: 'rewrite',
          line: node.line,
          regex,
          pattern: node.args[0]!,
          replacement: compiled,
          uriPart:
            q === -1 && addArgs
              ? compiled
              : ComplexValue.compile(
                  q === -1 ? text : text.slice(0, q),
                  vars,
                  node.line,
                  node.file,
                ),
          argsPart:
            q === -1 ? null : ComplexValue.compile(text.slice(q + 1), vars, node.line, node.file),
          addArgs,
          flag,
          redirect,
        });
        break;
      }
      case 'set': {
        const name = node.args[0]!.slice(1);
        vars.declare(name);
        script.push({
          op: 'set',
          line: node.line,
          name: name.toLowerCase(),
          value: ComplexValue.compile(node.args[1]!, vars, node.line, node.file),
        });
        break;
      }
      case 'break':
        script.push({ op: 'break', line: node.line });
        break;
      case 'if':
        script.push({
          op: 'if',
          line: node.line,
          condition: compileCondition(node, vars),
          text: node.args.join(' '),
          body: compileScript(node.block ?? [], vars, ifLocation),
          location: ifLocation ? ifLocation(node) : null,
        });
        break;
    }
  }
  return script;
}

/** Parses `($var)`, `($a = b)`, `($a != b)`, `($a ~ re)`, `($a !~* re)`; nginx splits the parentheses off the words. */
/**
 * The condition of `if (...)`, read the way ngx_http_rewrite_if_condition
 * reads it: the parentheses are cut off the first and last words, then
 * `$var`, `$var = value`, `$var != value`, `$var ~ regex` (`~*`, `!~`, `!~*`)
 * or `-f`/`-d`/`-e`/`-x` (and `!-f`...) followed by one value.
 */
function compileCondition(node: ConfigNode, vars: VariableTable): Condition {
  // The words as nginx cuts them in place: `($uri` loses its `(` before the `)` check sees it.
  const words = node.args.slice();
  const invalid = (word: string): never => fail(node, `invalid condition "${word}"`);
  if (!words[0]!.startsWith('(')) invalid(words[0]!);
  let cur = 0;
  if (words[0]!.length === 1) cur = 1;
  else words[0] = words[0]!.slice(1);
  let last = words.length - 1;
  if (!words[last]!.endsWith(')')) invalid(words[last]!);
  if (words[last]!.length === 1) last--;
  else words[last] = words[last]!.slice(0, -1);
  const word = (i: number) => words[i]!;
  const subject = word(cur);
  const compile = (text: string) => ComplexValue.compile(text, vars, node.line, node.file);
  if (subject.length > 1 && subject.startsWith('$')) {
    if (cur !== last && cur + 2 !== last) invalid(subject);
    const subjectValue = compile(subject);
    if (cur === last) return { kind: 'value', value: subjectValue };
    const op = word(cur + 1);
    const operand = word(last);
    if (op === '=' || op === '!=') {
      return { kind: 'compare', value: subjectValue, negate: op === '!=', other: compile(operand) };
    }
    if (op === '~' || op === '~*' || op === '!~' || op === '!~*') {
      const regex = compileRegex(operand, op.endsWith('*'), node);
      for (const name of namedGroups(regex)) vars.declare(name);
      return { kind: 'match', value: subjectValue, negate: op.startsWith('!'), regex };
    }
    return fail(node, `unexpected "${op}" in condition`);
  }
  const fileTest = /^(!?)-(.)$/.exec(subject);
  if (fileTest) {
    if (cur + 1 !== last) invalid(subject);
    const test = fileTest[2]!;
    if (test !== 'f' && test !== 'd' && test !== 'e' && test !== 'x') return invalid(subject);
    return { kind: 'file', test, negate: fileTest[1] === '!', value: compile(word(last)) };
  }
  return invalid(subject);
}
