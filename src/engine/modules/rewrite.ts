/**
 * ngx_http_rewrite_module: `return`, `rewrite`, `set`, `break`, `if`. Their
 * directives form a small script run in the server's and then the matched
 * location's rewrite phase; they are never inherited by inner levels.
 */
import type { ConfigNode } from '../config/node';
import type { DirectiveDef, DirectiveModule } from '../directive';
import { compileRegex, namedGroups } from '../regex';
import type { VariableTable } from '../variables';
import { ComplexValue } from '../variables';
import { fail } from './slots';

export type Instruction =
  | { op: 'return'; line: number; status: number; text: ComplexValue | null }
  | {
      op: 'rewrite';
      line: number;
      regex: RegExp;
      pattern: string;
      replacement: ComplexValue;
      flag: RewriteFlag;
      redirect: boolean;
    }
  | { op: 'set'; line: number; name: string; value: ComplexValue }
  | { op: 'break'; line: number }
  | { op: 'if'; line: number; condition: Condition; text: string; body: Script };

export type RewriteFlag = 'last' | 'break' | 'redirect' | 'permanent' | '';

export type Condition =
  | { kind: 'value'; value: ComplexValue }
  | { kind: 'compare'; value: ComplexValue; negate: boolean; other: ComplexValue }
  | { kind: 'match'; value: ComplexValue; negate: boolean; regex: RegExp };

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

/** Turns a level's rewrite directives into its script, declaring `set` variables and regex captures. */
export function compileScript(nodes: readonly ConfigNode[], vars: VariableTable): Script {
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
        script.push({
          op: 'rewrite',
          line: node.line,
          regex,
          pattern: node.args[0]!,
          replacement: ComplexValue.compile(replacement, vars, node.line, node.file),
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
          body: compileScript(node.block ?? [], vars),
        });
        break;
    }
  }
  return script;
}

/** Parses `($var)`, `($a = b)`, `($a != b)`, `($a ~ re)`, `($a !~* re)`; nginx splits the parentheses off the words. */
function compileCondition(node: ConfigNode, vars: VariableTable): Condition {
  const words = [...node.args];
  if (words.length === 0 || !words[0]!.startsWith('('))
    fail(node, `invalid condition "${words.join(' ')}"`);
  words[0] = words[0]!.slice(1);
  const last = words.length - 1;
  if (!words[last]!.endsWith(')')) fail(node, `invalid condition "${node.args.join(' ')}"`);
  words[last] = words[last]!.slice(0, -1);
  const args = words.filter((w, i) => w !== '' || (i > 0 && i < last));
  const subject = args[0];
  if (subject === undefined || !subject.startsWith('$')) {
    if (
      subject === '-f' ||
      subject === '!-f' ||
      subject === '-d' ||
      subject === '!-d' ||
      subject === '-e' ||
      subject === '!-e'
    ) {
      fail(node, `"${node.directive}" file checks are not supported by the sandbox yet`);
    }
    fail(node, `invalid condition "${node.args.join(' ')}"`);
  }
  const value = ComplexValue.compile(subject, vars, node.line, node.file);
  if (args.length === 1) return { kind: 'value', value };
  if (args.length !== 3) fail(node, `invalid condition "${node.args.join(' ')}"`);
  const op = args[1]!;
  const operand = args[2]!;
  if (op === '=' || op === '!=') {
    return {
      kind: 'compare',
      value,
      negate: op === '!=',
      other: ComplexValue.compile(operand, vars, node.line, node.file),
    };
  }
  if (op === '~' || op === '~*' || op === '!~' || op === '!~*') {
    const regex = compileRegex(operand, op.endsWith('*'), node);
    for (const name of namedGroups(regex)) vars.declare(name);
    return { kind: 'match', value, negate: op.startsWith('!'), regex };
  }
  return fail(node, `unexpected "${op}" in condition`);
}
