/**
 * Value parsers shared by many directives, after nginx's ngx_conf_set_*_slot
 * handlers, with their messages.
 */
import type { ConfigNode } from '../config/node';
import { ConfigError } from '../errors';

export function fail(node: ConfigNode, message: string): never {
  throw new ConfigError(message, node.line, node.file);
}

/** `on` / `off` (ngx_conf_set_flag_slot). */
export function flag(node: ConfigNode): boolean {
  const v = node.args[0]!.toLowerCase();
  if (v === 'on') return true;
  if (v === 'off') return false;
  return fail(
    node,
    `invalid value "${node.args[0]}" in "${node.directive}" directive, it must be "on" or "off"`,
  );
}

/** One of a fixed set of words (ngx_conf_set_enum_slot). */
export function oneOf<T extends string>(values: readonly T[]) {
  return (node: ConfigNode): T => {
    const v = node.args[0]!;
    const found = values.find((x) => x === v.toLowerCase());
    if (found === undefined) fail(node, `invalid value "${v}"`);
    return found;
  };
}

const TIME_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  M: 2_592_000_000,
  y: 31_536_000_000,
};

/** nginx time syntax (`500ms`, `30s`, `1m30s`, a bare number is seconds); null if invalid. */
export function parseTime(text: string): number | null {
  if (text === '') return null;
  let total = 0;
  const re = /(\d+)(ms|[smhdwMy]?)/gy;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0] === '') break;
    total += Number(m[1]) * TIME_UNITS[m[2] || 's']!;
    consumed = re.lastIndex;
  }
  return consumed === text.length ? total : null;
}

/** A time in milliseconds (ngx_conf_set_msec_slot). */
export function msec(node: ConfigNode): number {
  const t = parseTime(node.args[0]!);
  if (t === null) fail(node, `"${node.directive}" directive invalid value`);
  return t;
}

/** A size in bytes: `512`, `10k`, `1m`, `1g` (ngx_conf_set_size_slot). */
export function parseSize(text: string): number | null {
  const m = /^(\d+)([kKmMgG]?)$/.exec(text);
  if (!m) return null;
  const mult = { '': 1, k: 1024, m: 1024 * 1024, g: 1024 * 1024 * 1024 }[m[2]!.toLowerCase()]!;
  return Number(m[1]) * mult;
}

export function size(node: ConfigNode): number {
  const s = parseSize(node.args[0]!);
  if (s === null) fail(node, `"${node.directive}" directive invalid value`);
  return s;
}

/** A whole number (ngx_conf_set_num_slot). */
export function num(node: ConfigNode): number {
  const v = node.args[0]!;
  if (!/^\d+$/.test(v)) fail(node, `"${node.directive}" directive invalid number`);
  return Number(v);
}
