import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SITE_FILES } from '../backends/apps/site-files';
import { MIME_TYPES_FILE } from '../engine';
import { configNeeds } from './config-needs';
import { exportScenario, type ExportableScenario } from './export-scenario';

const echo = { '127.0.0.1:3000': { name: 'app' } };

function scenario(config: string, extra: Partial<ExportableScenario> = {}): ExportableScenario {
  return { title: 'A test', config, backends: echo, files: {}, ...extra };
}

describe('exportScenario', () => {
  it('keeps nginx.conf exactly as written and ships the backends with their spec', () => {
    const config =
      'events {}\nhttp {\n  server { listen 80; location / { proxy_pass http://127.0.0.1:3000; } }\n}\n';
    const files = exportScenario(scenario(config), { name: 'plain' });
    expect(files['nginx.conf']).toBe(config);
    expect(JSON.parse(files['backends.json']!)).toEqual(echo);
    // One file with no packages: everything it imports is Node's own.
    const imports = [...files['backends.mjs']!.matchAll(/\bfrom\s*["']([^"']+)["']/g)].map(
      ([, from]) => from,
    );
    expect(imports).toContain('node:http');
    expect(imports.filter((from) => !from!.startsWith('node:'))).toEqual([]);
    expect(files['backends.mjs']).not.toMatch(/\brequire\(|\bimport\(/);
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'backends.json',
      'backends.mjs',
      'compose.yaml',
      'nginx.conf',
      'start.sh',
    ]);
    expect(files['start.sh']).toContain(`-g "$globals"`);
    expect(files['start.sh']).toContain("globals='daemon off; pid logs/nginx.pid;'");
    expect(files['start.sh']).toContain('wait_for 127.0.0.1 3000');
    expect(files['README.md']).toContain(
      'curl -i --resolve localhost:80:127.0.0.1 http://localhost/',
    );
  });

  it('puts absolute files under files/ and has setup.sh copy them there, saying so in the README', () => {
    const files = exportScenario(
      scenario(
        'events {}\nhttp { server { listen 8080; root /var/www/shop; location /media/ { alias /srv/media/; } } }\n',
        {
          files: { '/var/www/shop/index.html': '<h1>shop</h1>', 'html/local.txt': 'here' },
        },
      ),
      { name: 'static' },
    );
    expect(files['files/var/www/shop/index.html']).toBe('<h1>shop</h1>');
    expect(files['html/local.txt']).toBe('here');
    expect(files['setup.sh']).toContain(
      'place files/var/www/shop/index.html /var/www/shop/index.html',
    );
    expect(files['start.sh']).toContain('for path in /var/www/shop/index.html; do');
    expect(files['README.md']).toContain(
      '`/var/www/shop/index.html` — a copy of `files/var/www/shop/index.html`',
    );
    expect(files['README.md']).toContain('`/srv/media/`');
    expect(files['README.md']).toContain(
      '- create the paths setup.sh makes somewhere you may write',
    );
    const compose = parse(files['compose.yaml']!);
    // /srv/media has no files in the scenario: nothing to mount, and the README says it serves 404s.
    expect(compose.services.nginx.volumes).toEqual([
      './:/export',
      './host/var/www/shop:/var/www/shop',
    ]);
    expect(compose.services.nginx.command).toEqual([
      'sh',
      '-c',
      'mkdir -p logs && exec nginx -p /export/ -c /export/nginx.conf -e logs/error.log -g "daemon off; pid logs/nginx.pid;"',
    ]);
    expect(compose.services.backends.command).toEqual(['node', 'backends.mjs']);
  });

  it('provides stock includes and makes certificates where the config expects them', () => {
    const files = exportScenario(
      scenario(`events {}
http {
  include mime.types;
  proxy_cache_path /var/cache/nginx keys_zone=pages:10m;
  server { listen 443 ssl; server_name shop.test; ssl_certificate cert.pem; ssl_certificate_key key.pem; }
  server { listen 8443 ssl; server_name api.test; ssl_certificate /etc/ssl/api.crt; ssl_certificate_key /etc/ssl/api.key; }
}
`),
      { name: 'tls' },
    );
    expect(files['mime.types']).toBe(MIME_TYPES_FILE);
    expect(files['start.sh']).toContain('-subj /CN=shop.test');
    expect(files['start.sh']).toContain('-keyout key.pem -out cert.pem');
    expect(files['setup.sh']).toContain(
      '-keyout "$ROOT"/etc/ssl/api.key -out "$ROOT"/etc/ssl/api.crt',
    );
    expect(files['setup.sh']).toContain('folder /var/cache/nginx');
    expect(files['README.md']).toContain(
      'curl -ik --resolve shop.test:443:127.0.0.1 https://shop.test/',
    );
    expect(files['README.md']).toContain('sudo ./start.sh');
  });

  it('says what an ordinary user must change, and nothing when the config needs no root', () => {
    const needsRoot = exportScenario(
      scenario(
        'events {}\nhttp { proxy_cache_path cache keys_zone=c:1m; server { listen 80; } }\n',
      ),
      { name: 'root' },
    )['README.md'];
    expect(needsRoot).toContain('sudo ./start.sh');
    expect(needsRoot).toContain('on port 80 to ports above 1024');
    expect(needsRoot).toContain('add `access_log logs/access.log;`');
    expect(needsRoot).toContain('add `proxy_temp_path temp;`');
    const asIs = exportScenario(
      scenario('events {}\nhttp { access_log logs/access.log; server { listen 8080; } }\n'),
      { name: 'user' },
    )['README.md'];
    expect(asIs).not.toContain('sudo ./start.sh');
    expect(asIs).not.toContain('Without root');
  });

  it('leaves main directives the config sets to the config', () => {
    const files = exportScenario(scenario('pid run/my.pid;\ndaemon off;\nevents {}\nhttp {}\n'), {
      name: 'own',
    });
    expect(files['start.sh']).toContain("globals=''");
  });

  it('refuses a scenario file that would land outside the export or on a file it writes', () => {
    expect(() =>
      exportScenario(scenario('events {}\nhttp {}\n', { files: { '../x': '' } }), { name: 'x' }),
    ).toThrow('cannot leave the export');
    expect(() =>
      exportScenario(scenario('events {}\nhttp {}\n', { files: { 'start.sh': '' } }), {
        name: 'x',
      }),
    ).toThrow('a name the export needs');
  });

  it('ships the site app inside backends.mjs, with no file of its own', () => {
    const files = exportScenario(
      scenario('events {}\nhttp {}\n', {
        backends: { '127.0.0.1:3000': { name: 's', app: 'site' } },
      }),
      {
        name: 'site',
      },
    );
    expect(files['site-files.json']).toBeUndefined();
    for (const path of Object.keys(SITE_FILES))
      expect(files['backends.mjs']).toContain(JSON.stringify(path));
  });
});

describe('configNeeds', () => {
  it('pairs certificates per block and finds ports, folders and names', () => {
    const needs = configNeeds(`events {}
http {
  access_log logs/proxy.log;
  server {
    listen 127.0.0.1:8080; listen [::]:443 ssl;
    server_name example.com *.example.com;
    ssl_certificate a.crt; ssl_certificate_key a.key;
    error_log /var/log/nginx/site.log;
    root $document_root_var;
  }
}
`);
    expect(needs.certificates).toEqual([
      { cert: 'a.crt', key: 'a.key', commonName: 'example.com' },
    ]);
    expect(needs.listens.map((l) => [l.port, l.ssl])).toEqual([
      [8080, false],
      [443, true],
    ]);
    expect(needs.directories).toEqual(['logs', '/var/log/nginx']);
    expect(needs.serverNames).toEqual(['example.com']);
    expect(needs.contentRoots).toEqual([]);
  });
});
