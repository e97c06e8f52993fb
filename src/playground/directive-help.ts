/** The editor's help on directives, from the engine's own declarations (the README's table uses the same). */
import { type Context, allDirectives } from '../engine';

export interface DirectiveHelp {
  name: string;
  /** One line; may hold `code` in backticks, as in the README. */
  summary: string;
  /** Where it may be written (nginx's contexts, as the engine declares them). */
  contexts: readonly Context[];
  /** The same in words: `http`, `server`, `if in location`. */
  where: string[];
  /** Whether it opens a block (`server { ... }`). */
  block: boolean;
}

const CONTEXT_WORDS: Record<Context, string> = {
  main: 'top level',
  events: 'events',
  http: 'http',
  server: 'server',
  location: 'location',
  upstream: 'upstream',
  sif: 'if in server',
  lif: 'if in location',
  lmt: 'limit_except',
};

/**
 * Every directive the sandbox simulates, in the engine's module order. A
 * name declared twice with different meanings (`server` in `http` and in
 * `upstream`) appears once per meaning.
 */
export function directiveHelp(): DirectiveHelp[] {
  return allDirectives()
    .filter(({ def }) => !def.unsupported)
    .map(({ def }) => ({
      name: def.name,
      summary: def.summary,
      contexts: def.contexts,
      where: def.contexts.map((c) => CONTEXT_WORDS[c]),
      block: def.block !== undefined,
    }));
}
