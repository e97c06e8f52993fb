/**
 * Records what real nginx says about each config in
 * test/conformance/config-errors.json (`nginx -t` in a scratch prefix) and
 * writes it back as that entry's `nginx` field. Needs Debian's nginx
 * (`apt-get install -y nginx`); the tests only read the recorded answers.
 *
 *   npx tsx scripts/record-config-errors.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Entry {
  config: string;
  nginx?: { message: string; line: number | null } | null;
}

const file = 'test/conformance/config-errors.json';
const entries = JSON.parse(readFileSync(file, 'utf8')) as Entry[];
const prefix = mkdtempSync(join(tmpdir(), 'config-errors-'));
mkdirSync(join(prefix, 'logs'));
// TLS configs name cert.pem and key.pem relative to the prefix, as the conformance cases do.
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    join(prefix, 'key.pem'),
    '-out',
    join(prefix, 'cert.pem'),
    '-days',
    '3650',
    '-subj',
    '/CN=example.com',
  ],
  { stdio: 'ignore' },
);
const conf = join(prefix, 'nginx.conf');
for (const entry of entries) {
  writeFileSync(conf, entry.config);
  try {
    execFileSync(
      'nginx',
      [
        '-t',
        '-q',
        '-p',
        prefix + '/',
        '-c',
        conf,
        '-g',
        `pid ${prefix}/nginx.pid; error_log ${prefix}/logs/error.log;`,
      ],
      { stdio: 'pipe' },
    );
    entry.nginx = null;
  } catch (e) {
    const out = String((e as { stderr: Buffer }).stderr);
    const m = /\[emerg\] \d+#\d+: (.*?)(?: in \S*nginx\.conf:(\d+))?$/m.exec(out);
    if (!m) throw new Error(`unexpected nginx output: ${out}`, { cause: e });
    entry.nginx = { message: m[1]!.replaceAll(prefix + '/', ''), line: m[2] ? Number(m[2]) : null };
  }
}
writeFileSync(file, JSON.stringify(entries, null, 2) + '\n');
console.log(
  `recorded ${entries.length} answers from ${execFileSync('nginx', ['-v'], { stdio: 'pipe' }).toString() || 'nginx'}`,
);
