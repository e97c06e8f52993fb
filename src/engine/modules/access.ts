/** ngx_http_access_module: `allow` and `deny` rules, checked in order; the first match decides. */
import type { ConfigNode } from '../config/node';
import type { DirectiveDef, DirectiveModule } from '../directive';
import type { PhaseHandler } from '../phases';
import { emit } from '../request';
import { fail } from './slots';

export interface AccessRule {
  allow: boolean;
  /** `all`, an IPv4 address, or an IPv4 network in CIDR form. */
  text: string;
  network: number;
  mask: number;
  line: number;
}

function ipv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((acc, p) => ((acc << 8) | Number(p)) >>> 0, 0);
}

function parseRule(node: ConfigNode): AccessRule {
  const allow = node.directive === 'allow';
  const text = node.args[0]!;
  if (text === 'all') return { allow, text, network: 0, mask: 0, line: node.line };
  const [addr, bits] = text.split('/') as [string, string | undefined];
  const ip = ipv4(addr);
  if (ip === null) fail(node, `invalid parameter "${text}"`);
  const prefix = bits === undefined ? 32 : Number(bits);
  if (bits !== undefined && (!/^\d+$/.test(bits) || prefix > 32))
    fail(node, `invalid parameter "${text}"`);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { allow, text, network: (ip & mask) >>> 0, mask, line: node.line };
}

const contexts = ['http', 'server', 'location', 'lmt'] as const;

const directives: DirectiveDef[] = [
  {
    name: 'allow',
    contexts,
    args: [1],
    group: 'access',
    parse: parseRule,
    summary: 'Allow clients from an address or network (rules are checked in order).',
  },
  {
    name: 'deny',
    contexts,
    args: [1],
    group: 'access',
    parse: parseRule,
    summary: 'Refuse clients from an address or network with 403.',
  },
];

/** The first rule matching the client, or undefined when none does (then access is allowed). */
export function matchAccess(rules: readonly AccessRule[], client: string): AccessRule | undefined {
  const ip = ipv4(client);
  for (const rule of rules) {
    if (rule.mask === 0) return rule;
    if (ip !== null && (ip & rule.mask) >>> 0 === rule.network) return rule;
  }
  return undefined;
}

/** The access phase: the first allow/deny rule that matches the client decides; deny is 403. */
export const accessPhase: PhaseHandler = (r, location) => {
  const level = location?.level ?? r.server.level;
  const rules = level.all('access');
  if (rules.length === 0) return undefined;
  const rule = matchAccess(
    rules.map((n) => n.value as AccessRule),
    r.incoming.clientAddress,
  );
  if (!rule || rule.allow) return undefined;
  const reason = `deny ${rule.text} (line ${rule.line}) matches ${r.incoming.clientAddress}`;
  emit(r, { type: 'reject', status: 403, reason });
  return { kind: 'finish', finish: { status: 403, source: 'error', reason } };
};

const LIMIT_EXCEPT_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'MKCOL',
  'COPY',
  'MOVE',
  'OPTIONS',
  'PROPFIND',
  'PROPPATCH',
  'LOCK',
  'UNLOCK',
  'PATCH',
]);

/** `limit_except METHOD ...`: the methods the location serves normally; GET brings HEAD along. */
function parseLimitExcept(node: ConfigNode): ReadonlySet<string> {
  const methods = new Set<string>();
  for (const m of node.args) {
    const upper = m.toUpperCase();
    if (!LIMIT_EXCEPT_METHODS.has(upper)) fail(node, `invalid method "${m}"`);
    methods.add(upper);
    if (upper === 'GET') methods.add('HEAD');
  }
  return methods;
}

export const limitExceptModule: DirectiveModule = {
  name: 'limit-except',
  directives: [
    {
      name: 'limit_except',
      contexts: ['location'],
      args: { min: 1 },
      block: 'lmt',
      unique: true,
      parse: parseLimitExcept,
      summary: 'Rules (allow/deny, proxy_pass) for the methods NOT listed.',
    },
  ],
};

export const accessModule: DirectiveModule = {
  name: 'access',
  directives,
  phases: { access: accessPhase },
};
