import { describe, expect, it } from 'vitest';
import { bodyText } from '../http/message';
import { VirtualFs } from './vfs';

const fs = new VirtualFs({
  'html/index.html': 'home',
  'html/docs/guide.txt': 'guide',
  'media/logo.txt': 'logo',
  '/var/www/site/a.txt': 'absolute',
  'html/café.txt': 'accent',
});

describe('the virtual disk', () => {
  it('has the files of the map, and a directory above each of them', () => {
    expect(fs.stat('html/index.html')).toBe('file');
    expect(fs.stat('html')).toBe('directory');
    expect(fs.stat('html/docs')).toBe('directory');
    expect(fs.stat('html/nope.html')).toBe('ENOENT');
    expect(fs.stat('public')).toBe('ENOENT');
    expect(fs.size).toBe(5);
  });

  it('keeps absolute keys apart from prefix-relative ones', () => {
    expect(fs.stat('/var/www/site/a.txt')).toBe('file');
    expect(fs.stat('/var/www')).toBe('directory');
    expect(fs.stat('var/www/site/a.txt')).toBe('ENOENT');
    expect(fs.stat('/html/index.html')).toBe('ENOENT');
  });

  it('resolves paths as open(2) does: repeated slashes, `.`, and a trailing slash that needs a directory', () => {
    expect(fs.stat('html//index.html')).toBe('file');
    expect(fs.stat('./html/./docs/')).toBe('directory');
    expect(fs.stat('html/index.html/')).toBe('ENOTDIR');
    expect(fs.stat('html/index.html/x')).toBe('ENOTDIR');
    expect(fs.stat('')).toBe('directory');
  });

  it('follows `..` only through directories that exist, and never above the prefix', () => {
    expect(fs.stat('html/../media/logo.txt')).toBe('file');
    expect(fs.stat('html/missing/../index.html')).toBe('ENOENT');
    expect(fs.stat('html/index.html/../index.html')).toBe('ENOTDIR');
    expect(fs.stat('../html/index.html')).toBe('ENOENT');
    expect(fs.stat('/../var/www/site/a.txt')).toBe('file');
  });

  it('reads files by the bytes of their names, as request paths are', () => {
    // `/café.txt` arrives as UTF-8 bytes, one character each.
    expect(bodyText(fs.read('html/caf\u00c3\u00a9.txt')!)).toBe('accent');
    expect(fs.read('html/café.txt')).toBeUndefined();
    expect(fs.read('html/docs')).toBeUndefined();
    expect(bodyText(fs.read('html/../html/docs/guide.txt')!)).toBe('guide');
  });
});
