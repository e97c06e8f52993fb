/**
 * Property-based tests of the config reader. A learner types arbitrary, often
 * half-finished text into the editor and the sandbox recompiles it on every
 * keystroke, so compileConfig must answer every text either with a compiled
 * config or with a ConfigError pointing at a real line: any other exception
 * would surface as a crash instead of nginx's error message.
 *
 * The texts are mutations of valid seed configs (test/engine/fixtures), so
 * most of them get deep into the parser and the directive checks rather than
 * failing on the first character.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  allDirectives,
  compileConfig,
  isConfigError,
  type ConfigNode,
  builtinFile,
} from '../../src/engine';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const SEEDS: readonly { name: string; text: string }[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.conf'))
  .sort()
  .map((name) => ({ name, text: readFileSync(new URL(name, FIXTURES), 'utf8') }));

const TIMEOUT_MS = 60_000;

/** Characters that matter to nginx's tokenizer, plus a few ordinary ones. */
const CHARS = [
  '{',
  '}',
  ';',
  '"',
  "'",
  '\\',
  '$',
  '#',
  '\n',
  '~',
  '^',
  '=',
  '*',
  ' ',
  '\t',
  '\r',
  '(',
  ')',
  '[',
  ']',
  '?',
  '+',
  '|',
  '<',
  '>',
  '%',
  '@',
  '/',
  ':',
  '.',
  'a',
  'x',
  'Z',
  '0',
  '9',
];

const DIRECTIVE_NAMES = [...new Set(allDirectives().map((d) => d.def.name))].sort();

/** Arguments that are meaningful to some directive somewhere. */
const ARGS = [
  'on',
  'off',
  '0',
  '1',
  '80',
  '200',
  '301',
  '10s',
  '1m',
  '/',
  '/x',
  '=',
  '~',
  '~*',
  '^~',
  '@named',
  '^/a/(.*)$',
  '^/(?<name>[a-z]+)$',
  '(?P<n>x)',
  '[a-',
  '\\d{2,}',
  '(a+)+$',
  '(',
  ')',
  '$host',
  '$1',
  '${uri}x',
  '$undefined_var',
  '"a b"',
  "''",
  'http://127.0.0.1:3001',
  'http://$host',
  'http://nowhere.invalid',
  'http://blue/',
  '127.0.0.1:3001',
  'unix:/tmp/s',
  'weight=0',
  'backup',
  'default',
  'default_server',
  'last',
  'break',
  'permanent',
  'always',
  'mime.types',
  'proxy_params',
  'missing.conf',
  'X-H',
];

const lineCount = (text: string) => text.split('\n').length;

/** Checks one text, naming it in the failure (fast-check shows only the seed and the mutations). */
function checkOutcome(text: string): void {
  try {
    checkCompile(text);
  } catch (e) {
    throw new Error(`for config ${JSON.stringify(text)}:\n${String(e)}`, { cause: e });
  }
}

function checkCompile(text: string): void {
  let error: unknown;
  try {
    compileConfig(text);
    return;
  } catch (e) {
    error = e;
  }
  if (!isConfigError(error)) {
    // With its stack: this is an engine bug, and the stack says where.
    throw new Error(
      `compileConfig threw a non-ConfigError: ${error instanceof Error ? error.stack : String(error)}`,
      { cause: error },
    );
  }
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  if (error.line !== null) {
    const source = error.file === 'nginx.conf' ? text : builtinFile(error.file);
    expect(source, `ConfigError names an unknown file ${error.file}`).toBeTypeOf('string');
    expect(Number.isInteger(error.line)).toBe(true);
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(lineCount(source!) + 1);
  }
}

// ---------------------------------------------------------------------------
// Mutations. Positions are drawn as plain integers and taken modulo the
// current length, so every mutation applies to any text and shrinks well.

interface Mutation {
  describe: string;
  apply: (text: string) => string;
}

/** Gives every mutation a readable form in fast-check's counterexample report. */
const named = (m: Mutation): Mutation =>
  Object.assign(m, { [fc.toStringMethod]: () => m.describe });

const at = (n: number, length: number) => (length === 0 ? 0 : n % (length + 1));

const splitLines = (text: string) => text.split('\n');

/** Words and the whitespace between them, so tokens can be swapped without touching layout. */
const splitWords = (text: string) => text.split(/(\s+)/);

const insertChar = fc.tuple(fc.nat(), fc.constantFrom(...CHARS)).map(([pos, ch]): Mutation => ({
  describe: `insert ${JSON.stringify(ch)} at ${pos}`,
  apply: (t) => {
    const p = at(pos, t.length);
    return t.slice(0, p) + ch + t.slice(p);
  },
}));

const deleteChars = fc
  .tuple(fc.nat(), fc.integer({ min: 1, max: 4 }))
  .map(([pos, len]): Mutation => ({
    describe: `delete ${len} at ${pos}`,
    apply: (t) => {
      const p = at(pos, t.length);
      return t.slice(0, p) + t.slice(p + len);
    },
  }));

const duplicateChars = fc
  .tuple(fc.nat(), fc.integer({ min: 1, max: 24 }))
  .map(([pos, len]): Mutation => ({
    describe: `duplicate ${len} at ${pos}`,
    apply: (t) => {
      const p = at(pos, t.length);
      return t.slice(0, p + len) + t.slice(p);
    },
  }));

const truncate = fc.nat().map((pos): Mutation => ({
  describe: `truncate at ${pos}`,
  apply: (t) => t.slice(0, at(pos, t.length)),
}));

const swapTokens = fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => ({
  describe: `swap words ${a} and ${b}`,
  apply: (t) => {
    const parts = splitWords(t);
    const words = parts.flatMap((p, i) => (p.trim() === '' ? [] : [i]));
    if (words.length < 2) return t;
    const i = words[a % words.length]!;
    const j = words[b % words.length]!;
    [parts[i], parts[j]] = [parts[j]!, parts[i]!];
    return parts.join('');
  },
}));

const duplicateLine = fc.nat().map((n): Mutation => ({
  describe: `duplicate line ${n}`,
  apply: (t) => {
    const lines = splitLines(t);
    const i = n % lines.length;
    lines.splice(i, 0, lines[i]!);
    return lines.join('\n');
  },
}));

const deleteLine = fc.nat().map((n): Mutation => ({
  describe: `delete line ${n}`,
  apply: (t) => {
    const lines = splitLines(t);
    lines.splice(n % lines.length, 1);
    return lines.join('\n');
  },
}));

const directiveName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...DIRECTIVE_NAMES, 'include', 'types', 'if') },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z_]{1,12}$/) },
);

const directiveText = fc
  .tuple(
    directiveName,
    fc.array(fc.constantFrom(...ARGS), { maxLength: 4 }),
    fc.constantFrom('; ', ' { ', ' {} ', ' { return 200; } '),
  )
  .map(([name, args, end]) => [name, ...args].join(' ') + end);

const insertDirective = fc.tuple(fc.nat(), directiveText).map(([n, d]): Mutation => ({
  describe: `insert line ${n}: ${d}`,
  apply: (t) => {
    const lines = splitLines(t);
    lines.splice(n % (lines.length + 1), 0, d);
    return lines.join('\n');
  },
}));

/** Wraps a run of lines in a new block, or closes one early: random nesting. */
const nest = fc
  .tuple(
    fc.nat(),
    fc.nat({ max: 12 }),
    directiveName,
    fc.array(fc.constantFrom(...ARGS), { maxLength: 2 }),
  )
  .map(([n, span, name, args]): Mutation => ({
    describe: `wrap ${span} lines from ${n} in ${name} {}`,
    apply: (t) => {
      const lines = splitLines(t);
      const start = n % (lines.length + 1);
      const end = Math.min(lines.length, start + span);
      lines.splice(end, 0, '}');
      lines.splice(start, 0, `${[name, ...args].join(' ')} {`);
      return lines.join('\n');
    },
  }));

const mutation: fc.Arbitrary<Mutation> = fc
  .oneof(
    { weight: 3, arbitrary: insertChar },
    { weight: 2, arbitrary: deleteChars },
    { weight: 2, arbitrary: duplicateChars },
    { weight: 1, arbitrary: truncate },
    { weight: 2, arbitrary: swapTokens },
    { weight: 2, arbitrary: duplicateLine },
    { weight: 2, arbitrary: deleteLine },
    { weight: 3, arbitrary: insertDirective },
    { weight: 2, arbitrary: nest },
  )
  .map(named);

const seed = fc.constantFrom(...SEEDS);

describe('compileConfig on mutated configs', () => {
  test('the seed configs are valid', () => {
    expect(SEEDS.length).toBeGreaterThanOrEqual(4);
    for (const s of SEEDS) expect(() => compileConfig(s.text), s.name).not.toThrow();
  });

  test(
    'returns or throws a ConfigError with a message and a real line, nothing else',
    () => {
      fc.assert(
        fc.property(seed, fc.array(mutation, { minLength: 1, maxLength: 4 }), (s, mutations) => {
          checkOutcome(mutations.reduce((t, m) => m.apply(t), s.text));
        }),
        { numRuns: 2000 },
      );
    },
    TIMEOUT_MS,
  );

  test(
    'survives arbitrary text made of the characters the tokenizer cares about',
    () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.oneof(fc.constantFrom(...CHARS), fc.constantFrom(...ARGS, ...DIRECTIVE_NAMES)),
            {
              maxLength: 60,
            },
          ),
          (pieces) => checkOutcome(pieces.join('')),
        ),
        { numRuns: 500 },
      );
    },
    TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------
// Layout does not matter: whitespace and comments between tokens change no
// directive and no argument.

/**
 * Splits a config into tokens the way nginx's tokenizer delimits them: words
 * (quoted, or running to whitespace, `;` or a `{` not opening `${`), `;`,
 * `{` and `}`. Whitespace and comments are dropped. Only needs to be right for
 * the seed configs, which the first test below checks.
 */
function tokens(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  while (i < text.length) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === ';' || c === '{' || c === '}') {
      out.push(c);
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out.push(text.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length) {
        const d = text[j]!;
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (isSpace(d) || d === ';' || (d === '{' && text[j - 1] !== '$')) break;
        j++;
      }
      out.push(text.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** What a config means, without where it was written. */
function shape(nodes: readonly ConfigNode[]): unknown[] {
  return nodes.map((n) => [n.directive, n.args, n.quoted, n.block ? shape(n.block) : null]);
}

const whitespace = fc
  .array(fc.constantFrom(' ', '\t', '\n', '\r\n', '  '), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(''));

const comment = fc
  .array(fc.constantFrom(...CHARS.filter((c) => c !== '\n'), 'comment', ' '), { maxLength: 8 })
  .map((parts) => ` #${parts.join('')}\n`);

/** Never empty: a separator always ends the previous token. */
const separator = fc
  .array(fc.oneof({ weight: 3, arbitrary: whitespace }, { weight: 1, arbitrary: comment }), {
    minLength: 1,
    maxLength: 3,
  })
  .map((parts) => parts.join(''));

describe('compileConfig ignores layout', () => {
  test('the tokenizer of this test reproduces each seed', () => {
    for (const s of SEEDS) {
      const rejoined = tokens(s.text).join(' ');
      expect(shape(compileConfig(rejoined).nodes), s.name).toEqual(
        shape(compileConfig(s.text).nodes),
      );
    }
  });

  test(
    'whitespace and comments inserted between tokens change nothing',
    () => {
      fc.assert(
        fc.property(
          seed.chain((s) => {
            const toks = tokens(s.text);
            return fc.tuple(
              fc.constant(s),
              fc.constant(toks),
              fc.array(separator, { minLength: toks.length, maxLength: toks.length }),
            );
          }),
          ([s, toks, seps]) => {
            const text = toks.map((t, i) => t + seps[i]!).join('');
            expect(shape(compileConfig(text).nodes)).toEqual(shape(compileConfig(s.text).nodes));
          },
        ),
        { numRuns: 500 },
      );
    },
    TIMEOUT_MS,
  );
});
