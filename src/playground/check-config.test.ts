import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../scenario/builtin';
import { checkConfig } from './check-config';

const ok =
  'events {}\nhttp {\n  server {\n    listen 80;\n    location / { proxy_pass http://app-a:8080; }\n  }\n}\n';

describe('checkConfig', () => {
  it('passes every scenario with its own backends and files', () => {
    for (const s of SCENARIOS) {
      expect(checkConfig(s.config, { backends: s.backends, files: s.files }), s.id).toBeNull();
    }
  });

  it('gives nginx’s message and line for a mistyped directive', () => {
    const text = ok.replace('proxy_pass', 'proxy_pas');
    expect(checkConfig(text, { backends: { 'app-a:8080': { name: 'app-a' } } })).toEqual({
      message: 'unknown directive "proxy_pas"',
      line: 5,
      file: 'nginx.conf',
      refusedBy: 'nginx',
    });
  });

  it('resolves the backends’ host names, and only those, as nginx on that machine would', () => {
    expect(checkConfig(ok, { backends: { 'app-a:8080': { name: 'app-a' } } })).toBeNull();
    expect(checkConfig(ok)).toMatchObject({
      message: 'host not found in upstream "app-a"',
      line: 5,
    });
  });

  it('has no line for what nginx notices after reading the whole file', () => {
    expect(checkConfig('http {}\n')).toEqual({
      message: 'no "events" section in configuration',
      line: null,
      file: 'nginx.conf',
      refusedBy: 'nginx',
    });
  });

  it('reads included files from the scene', () => {
    const text = 'events {}\nhttp { include extra.conf; }\n';
    expect(checkConfig(text, { files: { 'extra.conf': 'gzip of;\n' } })).toMatchObject({
      message: 'invalid value "of" in "gzip" directive, it must be "on" or "off"',
      file: 'extra.conf',
      line: 1,
    });
  });

  it('says when the sandbox, not nginx, refuses a config', () => {
    const text = 'events {}\nhttp {\n  server {\n    listen 80;\n    autoindex on;\n  }\n}\n';
    expect(checkConfig(text)?.refusedBy).toBe('sandbox');
  });
});
