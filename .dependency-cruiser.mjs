// The import boundaries of docs/ARCHITECTURE.md, checked by dependency-cruiser in `npm run lint`.

/**
 * Which other top-level folders of src/ each folder's code may import values from.
 * Type-only imports are free (they vanish when compiled, so they cannot make a load-order
 * cycle); tests are free too, since nothing imports a test. The table itself has no cycle
 * (test/boundaries checks that), so neither can the value imports it allows.
 * Folders marked "being built" appear as issue 12 lands.
 */
export const mayImport = {
  http: [],
  csp: [],
  engine: ['http'],
  scenario: ['http'],
  explain: ['engine', 'http', 'scenario'],
  backends: ['engine', 'http', 'scenario'],
  runtime: ['engine', 'backends', 'scenario', 'http'],
  sw: ['runtime', 'engine', 'backends', 'scenario', 'http', 'csp'],
  // Still reaches into ui for three widgets (LazyPart, JourneyView, ConfigView): in the known violations.
  quiz: ['engine', 'http', 'scenario', 'explain', 'backends', 'runtime', 'machines'],
  course: ['engine', 'http', 'scenario', 'explain', 'backends', 'runtime', 'quiz'],
  machines: ['engine', 'http', 'scenario', 'explain', 'backends', 'runtime'],
  export: ['engine', 'http', 'scenario', 'explain', 'backends', 'course'],
  playground: ['engine', 'http', 'scenario', 'explain', 'backends', 'runtime', 'course'],
  // Not runtime: components reach it through the sandbox controller in src/machines.
  ui: [
    'engine',
    'http',
    'scenario',
    'explain',
    'course',
    'quiz',
    'machines',
    'export',
    'playground',
    'csp',
  ],
};

/** Files nothing else imports: they may reach further than the code they test. */
const TESTS = '(\\.test\\.ts|[/-]support\\.ts|\\.arbitrary\\.ts)$';

/**
 * Only type-only imports, which are erased when compiled.
 * @type {import('dependency-cruiser').DependencyType[]}
 */
const TYPE_ONLY = ['type-only', 'type-import'];

/**
 * Test code outside src/engine that tests the engine itself and so may import its
 * internals: the parser's property tests and the conformance runner.
 */
const ENGINE_TESTS = '^test/(engine|conformance)/';

/** @type {import('dependency-cruiser').IRegularForbiddenRuleType[]} */
const layerRules = Object.entries(mayImport).map(([folder, allowed]) => ({
  name: `layer-${folder}`,
  severity: 'error',
  comment: `src/${folder} may import values only from ${allowed.length > 0 ? allowed.join(', ') : 'none of our folders'} (docs/ARCHITECTURE.md)`,
  from: { path: `^src/${folder}/`, pathNot: TESTS },
  to: {
    path: '^src/[^/]+/',
    pathNot: `^src/(${[folder, ...allowed].join('|')})/`,
    dependencyTypesNot: TYPE_ONLY,
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...layerRules,
    {
      name: 'engine-only-through-index',
      severity: 'error',
      comment: 'Outside src/engine the engine is reached through src/engine/index.ts only',
      from: { pathNot: ['^src/engine/', ENGINE_TESTS] },
      to: { path: '^src/engine/', pathNot: '^src/engine/index\\.ts$' },
    },
    {
      name: 'engine-knows-only-http',
      severity: 'error',
      comment:
        'The engine knows no screen, worker, backend, scenario or lesson: of ours it imports src/http only',
      from: { path: '^src/engine/', pathNot: TESTS },
      to: { path: '^(src|test|bench|scripts)/', pathNot: '^src/(engine|http)/' },
    },
    {
      name: 'http-imports-nothing-of-ours',
      severity: 'error',
      comment: 'src/http is what everyone shares about HTTP, so it depends on none of them',
      from: { path: '^src/http/', pathNot: TESTS },
      to: { path: '^(src|test|bench|scripts)/', pathNot: '^src/http/' },
    },
  ],
  options: {
    // See imports that compile away (`import type`), so the rules can tell them apart.
    tsPreCompilationDeps: true,
    // The code is ES modules only; analyses no rule asks for are skipped (lint stays quick).
    moduleSystems: ['es6'],
    skipAnalysisNotInRules: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules/', '^test/boundaries/fixture/'] },
    // .svelte files are compiled with the project's svelte before their imports are read.
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.svelte', '.json'] },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
