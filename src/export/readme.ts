/** README.md of an export: what is inside, what to run, and where the real machine differs from the sandbox. */
import type { BackendMap } from '../scenario';
import { needsSetup, type ExportPlan } from './export-plan';

function backendRow(address: string, spec: BackendMap[string]): string {
  const notes = [
    spec.down ? 'down: nothing listens' : '',
    spec.latencyMs ? `answers after ${spec.latencyMs} ms` : '',
    spec.failRate ? `fails ${Math.round(spec.failRate * 100)}% of requests` : '',
    spec.routes?.length ? `${spec.routes.length} fixed route(s)` : '',
  ].filter(Boolean);
  return `| \`${address}\` | ${spec.name} | ${spec.app ?? 'echo'} | ${notes.join(', ')} |`;
}

function tryCommands(plan: ExportPlan): string[] {
  const host = plan.needs.serverNames[0] ?? 'localhost';
  const lines: string[] = [];
  for (const listen of plan.needs.listens) {
    const port = listen.port;
    if (lines.some((l) => l.includes(`:${port}:`))) continue;
    const scheme = listen.ssl ? 'https' : 'http';
    const authority = port === (listen.ssl ? 443 : 80) ? host : `${host}:${port}`;
    lines.push(
      `curl -i${listen.ssl ? 'k' : ''} --resolve ${host}:${port}:127.0.0.1 ${scheme}://${authority}/`,
    );
  }
  return lines;
}

/** What to change in nginx.conf to run it as an ordinary user, or nothing when it runs as is. */
function withoutRoot(plan: ExportPlan): string {
  const changes = [
    plan.privilegedPorts.length > 0
      ? `change the \`listen\` lines on port ${plan.privilegedPorts.join(', ')} to ports above 1024 (say 8080), and use those below`
      : '',
    plan.needs.setsAccessLog
      ? ''
      : "add `access_log logs/access.log;` inside `http {}` (nginx's own default log, under /var/log/nginx, is root's)",
    plan.needs.declaresCache
      ? "add `proxy_temp_path temp;` inside `http {}`: answers are cached through it, and the default, under /var/lib/nginx, is root's"
      : '',
    needsSetup(plan)
      ? 'create the paths setup.sh makes somewhere you may write, and point nginx.conf at them'
      : '',
  ].filter(Boolean);
  if (changes.length === 0) return '';
  return `\nWithout root, edit nginx.conf yourself first:\n\n${changes.map((c) => `- ${c}`).join('\n')}\n`;
}

export function readme(
  title: string,
  name: string,
  backends: BackendMap,
  plan: ExportPlan,
): string {
  const setup = needsSetup(plan);
  const hostList = [
    ...Object.entries(plan.hostFiles).map(([p, from]) => `- \`${p}\` — a copy of \`${from}\``),
    ...plan.hostCertificates.map(
      (c) => `- \`${c.cert}\` and \`${c.key}\` — a self-signed certificate for ${c.commonName}`,
    ),
    ...plan.hostDirectories.map((d) => `- \`${d}/\` — a folder nginx writes to`),
  ];
  const sections: string[] = [
    `# ${title} — on real nginx

Exported from Proxy Sandbox (\`${name}\`). \`nginx.conf\` is the config exactly as it was in the
sandbox; the rest is what a real machine needs to run it: the mock backends as a small Node
script, and scripts that start them and nginx on the same addresses and ports.

## What is inside

| file | what it is |
| --- | --- |
| \`nginx.conf\` | the config, unchanged |
| \`backends.mjs\` | the sandbox's backends as real HTTP servers (Node 20+, no packages) |
| \`backends.json\` | which backend listens where, and how it behaves (edit it to change them) |
| \`start.sh\` | starts the backends, then nginx in the foreground; Ctrl-C stops both |
${setup ? '| `setup.sh` | creates what nginx.conf names outside this folder (absolute paths) |\n' : ''}${
      Object.keys(plan.files).length > 0
        ? `| ${Object.keys(plan.files)
            .map((f) => `\`${f}\``)
            .join(', ')} | files the config reads |\n`
        : ''
    }| \`compose.yaml\` | the same with Docker instead |

## Backends

| address | name | app | notes |
| --- | --- | --- | --- |
${Object.entries(backends)
  .map(([a, s]) => backendRow(a, s))
  .join('\n')}

Every answer carries \`x-backend: NAME\`. The \`echo\` app answers with a JSON description of the
request it received (method, uri, headers, body), unless a fixed route matches the path.`,
  ];

  sections.push(`## Run it

You need nginx (Debian/Ubuntu: \`sudo apt-get install -y nginx\`; macOS: \`brew install nginx\`),
Node 20 or later${plan.localCertificates.length + plan.hostCertificates.length > 0 ? ', and openssl (for the self-signed certificates)' : ''}.
The system's nginx service need not run${plan.privilegedPorts.length > 0 ? ` — but nothing else may listen on port ${plan.privilegedPorts.join(', ')}` : ''}.
`);

  if (setup)
    sections.push(`### Paths outside this folder

nginx.conf names absolute paths. Rather than change what the config means, \`setup.sh\` creates
them on this machine (it needs root, and keeps any existing file that differs, saying so):

${hostList.join('\n')}

\`\`\`sh
sudo ./setup.sh
\`\`\`

To see what it would write first, \`DESTDIR=host ./setup.sh\` puts everything under \`./host\`
instead. Remove them afterwards with \`sudo rm\` of the paths above.
`);
  if (plan.emptyHostRoots.length > 0)
    sections.push(`The config also serves files from ${plan.emptyHostRoots.map((r) => `\`${r}\``).join(', ')}; the
scenario had no files there, so nginx answers 404 for them until you put some in.
`);

  sections.push(`### Start

\`\`\`sh
${withoutRoot(plan) ? 'sudo ' : ''}./start.sh
\`\`\`
${withoutRoot(plan)}
nginx runs with this folder as its prefix (\`-p\`), so relative paths in nginx.conf${plan.localCertificates.length > 0 ? ' (including the certificates start.sh generates)' : ''}
resolve here, and its error log is \`logs/error.log\`. To check the config only (\`nginx -t\`): \`./start.sh -t\`.

### Try it

From another terminal:

\`\`\`sh
${tryCommands(plan).join('\n')}
\`\`\`

\`--resolve\` sends the request to this machine with the right \`Host\` (and TLS name) without
editing \`/etc/hosts\`.${plan.localCertificates.length + plan.hostCertificates.length > 0 ? ' The certificate is self-signed, hence `-k`.' : ''}
`);

  sections.push(`## With Docker instead

\`\`\`sh
${setup ? 'DESTDIR=host ./setup.sh\n' : ''}${plan.localCertificates.length > 0 ? './start.sh  # once, for the certificates; then Ctrl-C\n' : ''}docker compose up
\`\`\`

The containers use the host's network (Linux only), so the ports are the same as above.

## Not quite the sandbox

- Time is real: slow backends, timeouts and cache lifetimes take as long as they say.
- Backends that fail at a rate fail the same requests as in the sandbox after a fresh start
  (the same seeded generator), but only if the requests come in the same order.
- A refused connection (\`/refuse\` of the flaky app, \`failStatus: "refused"\`) is a connection
  closed at once here: nginx treats both as an error and tries the next server.
`);
  return sections.map((section) => section.trim()).join('\n\n') + '\n';
}
