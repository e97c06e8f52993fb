import { describe, expect, it } from 'vitest';
import { contextAt } from './directive-completion';

describe('contextAt', () => {
  it('follows the blocks as nginx’s parser does', () => {
    expect(contextAt('')).toBe('main');
    expect(contextAt('events {}\nhttp {\n  ')).toBe('http');
    expect(contextAt('http { server { listen 80; ')).toBe('server');
    expect(contextAt('http { server { location / { ')).toBe('location');
    expect(contextAt('http { server { location / { } ')).toBe('server');
    expect(contextAt('http { upstream app { ')).toBe('upstream');
    expect(contextAt('http { server { if ($a) { ')).toBe('sif');
    expect(contextAt('http { server { location / { if ($a) { ')).toBe('lif');
    expect(contextAt('http { server { location / { limit_except GET { ')).toBe('lmt');
  });

  it('knows map and types hold data, not directives', () => {
    expect(contextAt('http { map $a $b { default 0; ')).toBe('data');
    expect(contextAt('http { types { text/html html; ')).toBe('data');
  });

  it('gives up (offer everything) when a statement before is unfinished or a block misspelt', () => {
    expect(contextAt('http { server { locaton / { ')).toBeNull();
    expect(contextAt('http { server { locaton / { } ')).toBe('server');
    expect(contextAt('http { server { listen 80\n  ')).toBeNull();
    expect(contextAt('http { return "open ')).toBeNull();
  });
});
