import { describe, expect, it } from 'vitest';
import { observedWords } from './observedWords';

describe('observedWords', () => {
  it('says what each observation saw, and what "none" means for it', () => {
    expect(observedWords('backend', 'app-a')).toBe('app-a answered.');
    expect(observedWords('backend', 'none')).toBe('No backend answered.');
    expect(observedWords('status', '429')).toBe('The status was 429.');
    expect(observedWords('status', 'none')).toBe('No response came back.');
    expect(observedWords('cache', 'HIT')).toBe('The cache status was HIT.');
    expect(observedWords('cache', 'none')).toBe('The cache was not used.');
    expect(observedWords('header:X-Cache-Status', 'MISS')).toBe(
      "The response's X-Cache-Status header was MISS.",
    );
    expect(observedWords('header:Vary', 'none')).toBe('The response had no Vary header.');
    expect(observedWords('upstream-header:Host', '127.0.0.1:3000')).toBe(
      'The backend received Host: 127.0.0.1:3000.',
    );
    expect(observedWords('upstream-header:X-Real-IP', 'none')).toBe(
      'The backend received no X-Real-IP header.',
    );
  });
});
