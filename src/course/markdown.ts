/**
 * Lesson text as HTML: Markdown rendered by marked, code highlighted by
 * highlight.js, and the result sanitised, so a lesson file can never put a
 * script or an event handler on the page. Runs at build time.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import http from 'highlight.js/lib/languages/http';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import nginx from 'highlight.js/lib/languages/nginx';
import shell from 'highlight.js/lib/languages/shell';
import xml from 'highlight.js/lib/languages/xml';
import { Marked, Parser, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { LessonSection } from './types.ts';

hljs.registerLanguage('nginx', nginx);
hljs.registerLanguage('http', http);
hljs.registerLanguage('bash', bash);
hljs.registerLanguage('shell', shell);
hljs.registerLanguage('json', json);
hljs.registerLanguage('xml', xml);
hljs.registerLanguage('javascript', javascript);

/** Code block languages shown as written, without highlighting. */
const PLAIN = new Set(['', 'text', 'plaintext', 'txt']);

const HEADINGS = ['h2', 'h3', 'h4', 'h5', 'h6'];

/** What lesson HTML may contain; everything else (scripts, handlers, styles, javascript: URLs) is dropped. */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    ...HEADINGS,
    'p',
    'a',
    'ul',
    'ol',
    'li',
    'code',
    'pre',
    'span',
    'em',
    'strong',
    'del',
    'kbd',
    'blockquote',
    'hr',
    'br',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    ...Object.fromEntries(HEADINGS.map((h) => [h, ['id']])),
    a: ['href', 'title'],
    ol: ['start'],
    // Code blocks scroll sideways: the focus lets a keyboard scroll them (axe: scrollable-region-focusable).
    pre: ['tabindex'],
    th: ['align'],
    td: ['align'],
  },
  // highlight.js marks tokens `hljs-keyword`, sub-scopes `function_`, embedded code `language-xml`.
  allowedClasses: {
    span: ['hljs-*', '*_', 'language-*'],
    code: ['hljs', 'language-*'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
};

/** The lesson's prose, rendered, with the `##` sections found in it. */
export interface RenderedMarkdown {
  html: string;
  sections: LessonSection[];
  /** What is wrong with the text (an unknown code language, a `#` heading, two sections with one slug). */
  problems: string[];
}

/** `Round robin: the default` → `round-robin-the-default`. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join('-');
}

const EXPLICIT_SLUG = /\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$/;

type Heading = Tokens.Heading & { slug?: string };

/** Renders a lesson's Markdown text: `##` headings get ids (their slug, or `{#slug}`) and become sections. */
export function renderMarkdown(markdown: string): RenderedMarkdown {
  const marked = new Marked({ gfm: true });
  const problems: string[] = [];
  const sections: LessonSection[] = [];
  const seen = new Set<string>();
  const tokens = marked.lexer(markdown);
  marked.walkTokens(tokens, (token) => {
    if (token.type === 'heading') nameHeading(token as Heading);
    if (token.type === 'code') checkLanguage(token as Tokens.Code);
  });

  function nameHeading(heading: Heading): void {
    const explicit = EXPLICIT_SLUG.exec(heading.text);
    if (explicit) {
      heading.text = heading.text.slice(0, explicit.index);
      heading.tokens = marked.Lexer.lexInline(heading.text);
    }
    const title = plainText(heading.tokens);
    if (heading.depth === 1) {
      problems.push(`"# ${title}": use ## for a section; the lesson's title is its only # heading`);
      return;
    }
    if (heading.depth !== 2 && !explicit) return;
    const slug = explicit ? explicit[1]! : slugify(title);
    if (slug === '') {
      problems.push(`"## ${title}": a heading needs a word for its slug, or an explicit {#slug}`);
      return;
    }
    if (seen.has(slug))
      problems.push(`two headings have the slug "${slug}"; give one an explicit {#slug}`);
    seen.add(slug);
    heading.slug = slug;
    if (heading.depth === 2) sections.push({ slug, title });
  }

  function checkLanguage(code: Tokens.Code): void {
    const lang = languageOf(code);
    if (!PLAIN.has(lang) && !hljs.getLanguage(lang))
      problems.push(
        `code block language "${lang}" is not highlighted; use nginx, http, shell, bash, json, xml, javascript or text`,
      );
  }

  marked.use({
    renderer: {
      heading(this: { parser: { parseInline(tokens: Token[]): string } }, heading: Heading) {
        const id = heading.slug ? ` id="${heading.slug}"` : '';
        return `<h${heading.depth}${id}>${this.parser.parseInline(heading.tokens)}</h${heading.depth}>\n`;
      },
      code(code: Tokens.Code) {
        const lang = languageOf(code);
        const known = !PLAIN.has(lang) && hljs.getLanguage(lang);
        const body = known
          ? hljs.highlight(code.text, { language: lang }).value
          : sanitizeHtml(code.text, { allowedTags: [], disallowedTagsMode: 'recursiveEscape' });
        const cls = known ? ` class="hljs language-${lang}"` : '';
        return `<pre tabindex="0"><code${cls}>${body}</code></pre>\n`;
      },
    },
  });
  const html = sanitizeHtml(marked.parser(tokens), SANITIZE);
  return { html, sections, problems };
}

/** Renders one line of inline Markdown (a prompt, a choice, a hint) to sanitised HTML. */
export function renderInline(markdown: string): string {
  return sanitizeHtml(new Marked({ gfm: true }).parseInline(markdown) as string, SANITIZE);
}

function languageOf(code: Tokens.Code): string {
  return (code.lang ?? '').trim().split(/\s+/)[0]!.toLowerCase();
}

/** A heading's words without their Markdown (`` `proxy_pass` `` → `proxy_pass`). */
function plainText(tokens: Token[]): string {
  const parser = new Parser();
  return parser.parseInline(tokens, parser.textRenderer).trim();
}
