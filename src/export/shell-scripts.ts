/** The export's shell scripts: start.sh (backends and nginx, in the foreground) and setup.sh (paths outside the export). */
import type { CertificatePair } from './config-needs';
import { needsSetup, type ExportPlan } from './export-plan';

/** A word for the shell, quoted when it needs to be. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

function makeCertificate(c: CertificatePair, prefix: string): string {
  const cert = `${prefix}${shellWord(c.cert)}`;
  const key = `${prefix}${shellWord(c.key)}`;
  return `if [ ! -f ${cert} ] || [ ! -f ${key} ]; then
  mkdir -p "$(dirname ${cert})" "$(dirname ${key})"
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj ${shellWord(`/CN=${c.commonName}`)} \\
    -addext ${shellWord(`subjectAltName=DNS:${c.commonName}`)} -keyout ${key} -out ${cert} 2>/dev/null
  chmod 600 ${key}
  echo "made a self-signed certificate: ${c.cert} (key ${c.key})"
fi
`;
}

export function startScript(title: string, plan: ExportPlan): string {
  const hostPaths = [
    ...Object.keys(plan.hostFiles),
    ...plan.hostCertificates.flatMap((c) => [c.cert, c.key]),
    ...plan.hostDirectories,
  ];
  const waits = plan.listening
    .filter((a) => /^[\d.]+:\d+$/.test(a))
    .map((a) => {
      const [host, port] = a.split(':');
      return `wait_for ${host} ${port}`;
    });
  return `#!/usr/bin/env bash
# Starts the backends and nginx for "${title.replaceAll('\n', ' ')}" in the foreground; Ctrl-C stops both.
# nginx runs with this folder as its prefix (-p), so relative paths in nginx.conf resolve here.
# ./start.sh -t checks the config only. NGINX_BIN picks the binary (default: nginx); NGINX_GLOBALS adds main directives (e.g. "master_process off;").
set -euo pipefail
cd "$(dirname "$0")"
DIR="$(pwd)"
nginx_bin="\${NGINX_BIN:-nginx}"

mkdir -p ${plan.localDirectories.map(shellWord).join(' ')}
${plan.localCertificates.map((c) => makeCertificate(c, '')).join('')}${
    hostPaths.length > 0
      ? `
# nginx has the last word (the config may have been edited since); this only says what is missing.
missing=0
for path in ${hostPaths.map(shellWord).join(' ')}; do
  if [ ! -e "$path" ]; then echo "missing: $path" >&2; missing=1; fi
done
if [ "$missing" = 1 ]; then
  echo "nginx.conf names paths outside this folder: create them with sudo ./setup.sh (see README.md)" >&2
fi
`
      : ''
  }${
    plan.privilegedPorts.length > 0
      ? `
if [ "$(id -u)" != 0 ]; then
  echo "note: nginx.conf listens on port ${plan.privilegedPorts.join(', ')}, which needs root: run sudo ./start.sh" >&2
fi
`
      : ''
  }
globals=${shellWord(plan.globals)}
if [ -n "\${NGINX_GLOBALS:-}" ]; then globals="$globals $NGINX_GLOBALS"; fi
args=(-p "$DIR/" -c "$DIR/nginx.conf" -e logs/error.log)
if [ -n "$globals" ]; then args+=(-g "$globals"); fi

# ./start.sh -t: only check the config, as nginx -t does.
if [ "\${1:-}" = "-t" ]; then exec "$nginx_bin" -t "\${args[@]}"; fi

nginx=""
node backends.mjs &
backends=$!
# Whichever way the script ends, nothing it started keeps running (or is left unreaped).
stop() {
  kill $nginx $backends 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

wait_for() {
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "backend $1:$2 did not start" >&2
  exit 1
}
${waits.join('\n')}${waits.length > 0 ? '\n' : ''}
echo "starting nginx (logs in $DIR/logs)"
"$nginx_bin" "\${args[@]}" &
nginx=$!
wait "$nginx"
`;
}

/** setup.sh, or null when nginx.conf names nothing outside the export. */
export function setupScript(title: string, plan: ExportPlan): string | null {
  if (!needsSetup(plan)) return null;
  const lines: string[] = [];
  for (const [target, source] of Object.entries(plan.hostFiles))
    lines.push(`place ${shellWord(source)} ${shellWord(target)}`);
  for (const dir of plan.hostDirectories) lines.push(`folder ${shellWord(dir)}`);
  const certs = plan.hostCertificates.map((c) => makeCertificate(c, '"$ROOT"')).join('');
  return `#!/usr/bin/env bash
# Creates what nginx.conf for "${title.replaceAll('\n', ' ')}" names outside this folder: the
# scenario's files at their absolute paths, certificates and directories. Needs root: sudo ./setup.sh
# DESTDIR=some/dir ./setup.sh puts everything under some/dir instead (for compose.yaml, or to look first).
# An existing file that differs is kept, never overwritten: the script says so.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="\${DESTDIR:-}"
if [ -n "$ROOT" ]; then mkdir -p "$ROOT"; ROOT="$(cd "$ROOT" && pwd)"; fi

place() {
  local target="$ROOT$2"
  if [ -e "$target" ]; then
    if cmp -s "$1" "$target"; then return 0; fi
    echo "kept $target: it exists and differs from $1 (compare them)"
    return 0
  fi
  mkdir -p "$(dirname "$target")"
  cp "$1" "$target"
  chmod a+r "$target"
  echo "wrote $target"
}

folder() {
  mkdir -p "$ROOT$1"
  echo "folder $ROOT$1"
}

${lines.join('\n')}
${certs}`;
}
