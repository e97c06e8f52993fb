import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown, slugify } from './markdown';

describe('slugify', () => {
  it.each([
    ['Round robin', 'round-robin'],
    ['What’s a reverse proxy?', 'whats-a-reverse-proxy'],
    ['`proxy_pass` and its URI', 'proxy-pass-and-its-uri'],
    ['  HTTP/1.1 keep-alive  ', 'http-1-1-keep-alive'],
  ])('%s → %s', (title, slug) => expect(slugify(title)).toBe(slug));
});

describe('renderMarkdown', () => {
  it('makes each ## heading a section, with an explicit {#slug} removed from its title', () => {
    const { html, sections, problems } = renderMarkdown(
      '## Round robin\n\ntext\n\n## The `weight` parameter {#weights}\n\n### Smaller\n',
    );
    expect(problems).toEqual([]);
    expect(sections).toEqual([
      { slug: 'round-robin', title: 'Round robin' },
      { slug: 'weights', title: 'The weight parameter' },
    ]);
    expect(html).toBe(
      '<h2 id="round-robin">Round robin</h2>\n<p>text</p>\n' +
        '<h2 id="weights">The <code>weight</code> parameter</h2>\n<h3>Smaller</h3>\n',
    );
  });

  it('reports two headings with one slug', () => {
    expect(renderMarkdown('## Caching\n\n## caching!\n').problems).toEqual([
      'two headings have the slug "caching"; give one an explicit {#slug}',
    ]);
  });

  it('highlights http and shell, and leaves text blocks plain but escaped', () => {
    const { html, problems } = renderMarkdown(
      '```http\nGET / HTTP/1.1\n```\n\n```shell\n$ curl -i http://example.com/\n```\n\n```\n<b>&</b>\n```\n',
    );
    expect(problems).toEqual([]);
    expect(html).toContain(
      '<code class="hljs language-http"><span class="hljs-keyword">GET</span>',
    );
    expect(html).toContain(
      '<code class="hljs language-shell"><span class="hljs-meta prompt_">$ </span>',
    );
    expect(html).toContain('<pre tabindex="0"><code>&lt;b&gt;&amp;&lt;/b&gt;</code></pre>');
  });

  it('keeps tables, lists, emphasis and links, and drops styles and unknown attributes', () => {
    const { html } = renderMarkdown(
      '| a | b |\n|:-|-:|\n| *x* | **y** |\n\n- [one](https://nginx.org/ "nginx")\n\n<div style="color:red" class="x">hi</div>\n',
    );
    expect(html).toContain('<th align="left">a</th>');
    expect(html).toContain('<td align="left"><em>x</em></td>');
    expect(html).toContain('<td align="right"><strong>y</strong></td>');
    expect(html).toContain('<li><a href="https://nginx.org/" title="nginx">one</a></li>');
    expect(html).toContain('hi');
    expect(html).not.toMatch(/div|style|class="x"/);
  });
});

describe('renderInline', () => {
  it('renders inline Markdown without a paragraph, and sanitises it', () => {
    expect(renderInline('Use `proxy_pass` *here*')).toBe(
      'Use <code>proxy_pass</code> <em>here</em>',
    );
    expect(
      renderInline('<img src=x onerror=alert(1)>[x](javascript:alert(1))<script>1</script>'),
    ).toBe('<a>x</a>');
  });
});
