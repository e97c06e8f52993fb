/** Autocomplete of directive names at the start of a statement, with what each does and where it goes. */
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { ConfigLexer, type ReadResult, type Context, lookupDirective } from '../../engine';
import { directiveHelp, type DirectiveHelp } from '../../playground/directive-help';

/** The summary's `code` spans as <code>, the rest as text (never HTML). */
function summaryNode(summary: string): HTMLElement {
  const p = document.createElement('p');
  summary.split('`').forEach((part, i) => {
    if (i % 2 === 1) p.appendChild(document.createElement('code')).textContent = part;
    else p.append(part);
  });
  return p;
}

function info(help: DirectiveHelp): () => Node {
  return () => {
    const box = document.createElement('div');
    box.className = 'directive-info';
    box.append(summaryNode(help.summary));
    const where = box.appendChild(document.createElement('p'));
    where.className = 'directive-contexts';
    where.textContent = `Allowed in: ${help.where.join(', ')}`;
    return box;
  };
}

const HELP = directiveHelp();
const OPTIONS = new Map<DirectiveHelp, Completion>(
  HELP.map((help) => [
    help,
    {
      label: help.name,
      type: help.block ? 'class' : 'keyword',
      detail: help.block ? '{ … }' : undefined,
      info: info(help),
    },
  ]),
);
const ALL = [...OPTIONS.values()];

/** A block's inside: a context, data lines (`map`, `types`), or unknown (a misspelt block). */
type Inside = Context | 'data' | 'unknown';

/**
 * The context a statement at the end of `text` is in, found as nginx's
 * parser finds it (each block's directive decides what its inside is);
 * `data` inside `map` or `types`; null when that cannot be told (a
 * statement before is unfinished, a block is misspelt), so that every
 * directive is offered.
 */
export function contextAt(text: string): Context | 'data' | null {
  const lexer = new ConfigLexer(text);
  const outer: Inside[] = [];
  let context: Inside = 'main';
  try {
    for (let st: ReadResult = lexer.next(); st.end !== 'eof'; st = lexer.next()) {
      if (st.end === '}') context = outer.pop() ?? 'main';
      else if (st.end === '{') {
        outer.push(context);
        context = inside(st.words[0]!, context);
      }
    }
  } catch {
    return null;
  }
  return context === 'unknown' ? null : context;
}

function inside(name: string, context: Inside): Inside {
  if (context === 'data' || context === 'unknown') return context;
  const block = lookupDirective(name)?.find((d) => d.contexts.includes(context))?.block;
  if (block === 'if') return context === 'server' ? 'sif' : 'lif';
  if (block === 'map' || block === 'types' || block === 'geo' || block === 'split_clients')
    return 'data';
  return block ?? 'unknown';
}

/**
 * Offers directives where one can start (a line's start, or after `;`, `{`
 * or `}`), those allowed where the cursor is; none inside `map` or `types`.
 */
export function completeDirective(context: CompletionContext): CompletionResult | null {
  const typed = context.matchBefore(/\w+/);
  if (!typed && !context.explicit) return null;
  const from = typed?.from ?? context.pos;
  const line = context.state.doc.lineAt(from);
  const before = line.text.slice(0, from - line.from);
  if (!/(^|[;{}])\s*$/.test(before)) return null;
  const where = contextAt(context.state.sliceDoc(0, from));
  if (where === 'data') return null;
  const options =
    where === null
      ? ALL
      : HELP.filter((h) => h.contexts.includes(where)).map((h) => OPTIONS.get(h)!);
  return { from, options, validFor: /^\w*$/ };
}
