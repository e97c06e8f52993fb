/** compose.yaml: the export run by Docker (nginx and Node images) instead of a local nginx and Node. */
import { needsSetup, type ExportPlan } from './export-plan';

/** The fewest folders that hold every path setup.sh creates (one mount each). */
function hostMounts(plan: ExportPlan): string[] {
  const folders = [
    ...Object.keys(plan.hostFiles).map((p) => p.slice(0, p.lastIndexOf('/')) || '/'),
    ...plan.hostCertificates.flatMap((c) =>
      [c.cert, c.key].map((p) => p.slice(0, p.lastIndexOf('/'))),
    ),
    ...plan.hostDirectories,
  ].sort();
  const kept: string[] = [];
  for (const f of folders) if (!kept.some((k) => f === k || f.startsWith(`${k}/`))) kept.push(f);
  return kept;
}

export function composeFile(plan: ExportPlan): string {
  const mounts = needsSetup(plan)
    ? hostMounts(plan)
        .map((m) => `      - ./host${m}:${m}\n`)
        .join('')
    : '';
  const globals = plan.globals ? ` -g "${plan.globals}"` : '';
  const nginx = `mkdir -p ${plan.localDirectories.join(' ')} && exec nginx -p /export/ -c /export/nginx.conf -e logs/error.log${globals}`;
  return `# docker compose up: the backends and nginx on the host's network (Linux), on the ports nginx.conf says.
${needsSetup(plan) ? '# First run DESTDIR=host ./setup.sh: it fills ./host with what nginx.conf names outside this folder.\n' : ''}services:
  backends:
    image: node:20-alpine
    network_mode: host
    working_dir: /export
    volumes:
      - ./:/export:ro
    command: ['node', 'backends.mjs']
  nginx:
    image: nginx:1.22
    network_mode: host
    depends_on: [backends]
    volumes:
      - ./:/export
${mounts}    working_dir: /export
    command: ['sh', '-c', ${JSON.stringify(nginx)}]
`;
}
