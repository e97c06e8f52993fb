import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BEGIN, directivesMarkdown, END, renderReadme } from '../scripts/directives-markdown';

describe('README directive table', () => {
  it('is the one generated from the directive declarations', async () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(await renderReadme(readme)).toBe(readme);
  });

  it('lists simulated and not-yet-simulated directives apart', () => {
    const md = directivesMarkdown();
    expect(md.startsWith(BEGIN) && md.endsWith(END)).toBe(true);
    const [simulated, later] = md.split('recognises but does not simulate yet');
    expect(simulated).toContain('| `proxy_pass` |');
    expect(later).toContain('| `gzip_static` |');
    expect(simulated).not.toContain('| `gzip_static` |');
  });
});
