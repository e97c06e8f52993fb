import { describe, expect, it } from 'vitest';
import { directiveHelp } from './directive-help';

describe('directiveHelp', () => {
  const help = directiveHelp();

  it('describes proxy_pass in one line with where it may go', () => {
    const proxyPass = help.find((h) => h.name === 'proxy_pass');
    expect(proxyPass?.summary).toMatch(/^[^\n]+$/);
    expect(proxyPass?.contexts).toEqual(['location', 'lif', 'lmt']);
    expect(proxyPass?.where).toEqual(['location', 'if in location', 'limit_except']);
    expect(proxyPass?.block).toBe(false);
  });

  it('lists server once for http and once for upstream, since they mean different things', () => {
    expect(help.filter((h) => h.name === 'server').map((h) => h.where)).toEqual([
      ['http'],
      ['upstream'],
    ]);
  });

  it('leaves out directives the sandbox does not simulate yet', () => {
    expect(help.some((h) => h.name === 'autoindex')).toBe(false);
  });

  it('gives every directive a summary', () => {
    expect(help.filter((h) => h.summary.trim() === '')).toEqual([]);
  });
});
