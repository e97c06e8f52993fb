/**
 * The editor in the page's colours: every colour is one of app.css's theme
 * variables, so light and dark both follow the header's theme switch, and
 * text colours are ones the app already holds to 4.5:1 on the panel.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

const selection = 'color-mix(in srgb, var(--focus) 28%, transparent)';

export const editorTheme = EditorView.theme({
  '&': {
    color: 'var(--fg)',
    backgroundColor: 'var(--panel)',
    border: '1px solid var(--border)',
    borderRadius: '0.5rem',
    fontSize: '0.8125rem',
  },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
    { backgroundColor: selection },
  '.cm-gutters': {
    backgroundColor: 'var(--panel)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
    borderRadius: '0.5rem 0 0 0.5rem',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--focus) 5%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--fg)' },
  '.cm-matchingBracket': { outline: '1px solid var(--muted)', backgroundColor: 'transparent' },
  '.cm-tooltip': {
    color: 'var(--fg)',
    backgroundColor: 'var(--panel)',
    border: '1px solid var(--border)',
    borderRadius: '0.375rem',
  },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    color: 'var(--panel)',
    backgroundColor: 'var(--focus)',
  },
  '.cm-completionInfo': { maxWidth: '24rem', padding: '0.25rem 0.5rem' },
  '.directive-info p': { margin: '0.25rem 0' },
  '.directive-contexts': { color: 'var(--muted)' },
  '.cm-completionDetail': { color: 'inherit', fontStyle: 'normal', opacity: '1' },
  '.cm-diagnostic': { padding: '0.25rem 0.5rem' },
  '.cm-diagnostic-error': { borderLeft: '4px solid var(--error)' },
  '.cm-diagnostic-warning': { borderLeft: '4px solid var(--warn)' },
  '.cm-lintRange-error': {
    backgroundImage: 'none',
    textDecoration: 'underline wavy var(--error)',
    textUnderlineOffset: '3px',
  },
  '.cm-lintRange-warning': {
    backgroundImage: 'none',
    textDecoration: 'underline wavy var(--warn)',
    textUnderlineOffset: '3px',
  },
  '.cm-panels': { color: 'var(--fg)', backgroundColor: 'var(--panel)' },
  '.cm-panel.cm-panel-lint ul [aria-selected]': { backgroundColor: selection },
});

export const nginxHighlighting = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.definitionKeyword, color: 'var(--proxy)', fontWeight: '700' },
    { tag: tags.keyword, color: 'var(--proxy)' },
    { tag: [tags.variableName, tags.special(tags.variableName)], color: 'var(--backend)' },
    { tag: tags.string, color: 'var(--client)' },
    { tag: tags.operator, color: 'var(--client)', fontWeight: '700' },
    { tag: tags.lineComment, color: 'var(--muted)', fontStyle: 'italic' },
    { tag: [tags.brace, tags.punctuation], color: 'var(--muted)' },
  ]),
);
