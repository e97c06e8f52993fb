import { describe, expect, it } from 'vitest';
import { extensionOf } from './content-type';

describe('the extension nginx sees', () => {
  it('is what follows the last dot of the last segment, lower-cased', () => {
    expect(extensionOf('/a/b.HTML')).toBe('html');
    expect(extensionOf('/a.tar.gz')).toBe('gz');
    expect(extensionOf('/v1.2/readme')).toBe('');
    expect(extensionOf('/docs/')).toBe('');
  });

  it('is empty for a dot that starts the segment (hidden files)', () => {
    expect(extensionOf('/.env')).toBe('');
    expect(extensionOf('/a/.htaccess')).toBe('');
    expect(extensionOf('/a/.env.txt')).toBe('txt');
  });
});
