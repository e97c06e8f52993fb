import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lessonFiles, readLessonSources } from '../course/load-files';
import { loadLessons } from '../course/load-lessons';
import {
  ConfigLexer,
  type ReadResult,
  type ConfigNode,
  parseConfig,
  lookupDirective,
} from '../engine';
import { SCENARIOS } from '../scenario/builtin';
import { formatConfig } from './format-config';

/** What nginx's tokenizer reads, without line numbers: what formatting must not change. */
function statements(text: string): unknown[] {
  const lexer = new ConfigLexer(text);
  const out: unknown[] = [];
  try {
    for (let st: ReadResult = lexer.next(); st.end !== 'eof'; st = lexer.next()) {
      out.push(st.end === '}' ? '}' : { words: st.words, quoted: st.quoted, end: st.end });
    }
  } catch (error) {
    out.push({ refused: (error as Error).message });
  }
  return out;
}

/** The parsed tree as directives and arguments only. */
function tree(nodes: readonly ConfigNode[]): unknown[] {
  return nodes.map((n) => ({
    directive: n.directive,
    args: n.args,
    quoted: n.quoted,
    ...(n.block ? { block: tree(n.block) } : {}),
  }));
}

/** The tree, or nginx's message for a config it refuses (a fix question starts from one). */
function parse(text: string): unknown {
  try {
    return tree(parseConfig(text, { lookup: lookupDirective, readFile: () => '' }));
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

/** Formatting keeps nginx's tokens and parsed tree, and a second pass changes nothing. */
function expectSameMeaningAndStable(text: string) {
  const formatted = formatConfig(text);
  expect(statements(formatted)).toEqual(statements(text));
  expect(parse(formatted)).toEqual(parse(text));
  expect(formatConfig(formatted)).toBe(formatted);
}

const course = loadLessons(readLessonSources(lessonFiles('lessons')));
const configs: [string, string][] = [
  ...SCENARIOS.map((s) => [`scenario ${s.id}`, s.config] as [string, string]),
  ...course.lessons.flatMap((lesson) => [
    [`${lesson.file} scenario`, lesson.scenario.config] as [string, string],
    ...lesson.quiz.flatMap((q) =>
      q.kind === 'fix'
        ? [
            [`${lesson.file} ${q.id} config`, q.config] as [string, string],
            [`${lesson.file} ${q.id} solution`, q.solution] as [string, string],
          ]
        : [],
    ),
  ]),
];

describe('formatConfig on the course’s own configs', () => {
  it('has configs to check', () => {
    expect(configs.length).toBeGreaterThan(20);
  });

  it.each(configs)(
    '%s: same directives and arguments, and formatting twice changes nothing',
    (_, text) => expectSameMeaningAndStable(text),
  );
});

describe('formatConfig on generated text', () => {
  const pieces = [
    'server',
    'listen',
    '80',
    ' ',
    '  ',
    '\n',
    '\n\n\n',
    '\t',
    '{',
    '}',
    ';',
    '"a b"',
    "'# c'",
    '"x{"',
    '# note\n',
    '$x',
    '${y}z',
    'a\\ b',
    '~',
    '^/a{2}$',
    '(',
    ')',
    '"q"',
    'x#y',
  ];
  it('never changes what nginx reads, and a second pass changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const formatted = formatConfig(text);
        expect(statements(formatted)).toEqual(statements(text));
        expect(formatConfig(formatted)).toBe(formatted);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatConfig', () => {
  it('indents by braces, two spaces a level, one directive per line', () => {
    const text =
      'events {}\nhttp {\nupstream app { server 127.0.0.1:3001; server 127.0.0.1:3002; }\n' +
      '      server { listen 80; location / { proxy_pass http://app; } }\n}\n';
    expect(formatConfig(text)).toBe(
      [
        'events {}',
        'http {',
        '  upstream app {',
        '    server 127.0.0.1:3001;',
        '    server 127.0.0.1:3002;',
        '  }',
        '  server {',
        '    listen 80;',
        '    location / {',
        '      proxy_pass http://app;',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('keeps comments where they were, own line or after a directive', () => {
    const text = '# top\nhttp {\n    # inside\n  gzip on;   # trailing  \n} # end\n';
    expect(formatConfig(text)).toBe(
      '# top\nhttp {\n  # inside\n  gzip on; # trailing  \n} # end\n',
    );
  });

  it('keeps a comment in the middle of a statement from swallowing the rest', () => {
    const text = 'http { add_header X-A # why\n "b"; }';
    const formatted = formatConfig(text);
    expect(formatted).toBe('http {\n  add_header X-A # why\n      "b";\n}\n');
    expect(statements(formatted)).toEqual(statements(text));
  });

  it('keeps the line breaks of a statement written over several lines', () => {
    const text = "http {\nlog_format main '$remote_addr'\n  '$status';\n}\n";
    expect(formatConfig(text)).toBe(
      "http {\n  log_format main '$remote_addr'\n      '$status';\n}\n",
    );
  });

  it('collapses runs of blank lines to one and drops them at the edges of a block', () => {
    const text = 'http {\n\n  gzip on;\n\n\n\n  gzip_vary on;\n\n}\n\n\n';
    expect(formatConfig(text)).toBe('http {\n  gzip on;\n\n  gzip_vary on;\n}\n');
  });

  const tricky: [string, string][] = [
    ['a quoted brace', 'http { server { location / { return 200 "{ not a block }"; } } }'],
    [
      'a # inside quotes',
      'http { server { location / { return 200 \'a # b\'; add_header X "#"; } } }',
    ],
    [
      'a regex location with braces',
      'http { server { location ~ "^/a{2}$" { return 204; } location ~* \\.(png|jpg)$ { return 204; } } }',
    ],
    [
      'a multi-line map block',
      'http {\n map $http_x $y {\n   default   0;\n   "~^a{1,2}"   1;\n   "b c"  2;\n }\n server { listen 80; return 200 $y; } }',
    ],
    [
      'variables in braces',
      'http { server { location / { return 200 "${host}x" ; set $a ${uri}b; } } }',
    ],
    [
      'escapes',
      'http { server { location / { return 200 a\\ b\\;c; add_header X "q\\"uote"; } } }',
    ],
    ['an if with a quoted comparison', 'http { server { if ($host = "x") { return 404; } } }'],
    ['multi-line quoted text', 'http { server { location / { return 200 "one\n   two\n"; } } }'],
    ['tabs and CRLF', 'http {\r\n\tserver {\r\n\t\tlisten 80;\r\n\t}\r\n}\r\n'],
  ];

  it.each(tricky)('%s: nginx reads the same tokens, and a second pass changes nothing', (_, text) =>
    expectSameMeaningAndStable(text),
  );

  it('glues ) to a closing quote as it was written', () => {
    expect(formatConfig('if ($a = "b") {}')).toBe('if ($a = "b") {}\n');
  });

  it('leaves text nginx cannot tokenize alone', () => {
    expect(formatConfig('http { return 200 "unclosed; }')).toBe('http { return 200 "unclosed; }');
    expect(formatConfig('return "a"b;')).toBe('return "a"b;');
  });

  it('still re-indents a config with a mistake nginx reports later (a missing ;)', () => {
    expect(formatConfig('http {\nserver {\nlisten 80\n}\n}')).toBe(
      'http {\n  server {\n    listen 80\n  }\n}\n',
    );
  });

  it('gives empty text for empty text', () => {
    expect(formatConfig('')).toBe('');
    expect(formatConfig('\n\n')).toBe('');
  });
});
