/** Autocomplete of directive names at the start of a statement, with what each does and where it goes. */
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
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
    where.textContent = `Allowed in: ${help.contexts.join(', ')}`;
    return box;
  };
}

const options: Completion[] = directiveHelp().map((help) => ({
  label: help.name,
  type: help.block ? 'class' : 'keyword',
  detail: help.block ? '{ … }' : undefined,
  info: info(help),
}));

/** Offers directives where one can start: at a line's start or after `;`, `{` or `}`. */
export function completeDirective(context: CompletionContext): CompletionResult | null {
  const typed = context.matchBefore(/\w+/);
  if (!typed && !context.explicit) return null;
  const from = typed?.from ?? context.pos;
  const line = context.state.doc.lineAt(from);
  const before = line.text.slice(0, from - line.from);
  if (!/(^|[;{}])\s*$/.test(before)) return null;
  return { from, options, validFor: /^\w*$/ };
}
