/**
 * What the request form offers (methods, schemes, client addresses) and the
 * little it needs to know of them, without zod: the form and a lesson's
 * starting request load with the lesson page, the schemas only when checked.
 */
/** The methods the form offers (and so what a scenario's starting request may use). */
export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD'] as const;
export type Method = (typeof METHODS)[number];

/** https reaches a `listen 443 ssl` server the way a browser would; http stays plain. */
export const SCHEMES = ['http', 'https'] as const;
export type Scheme = (typeof SCHEMES)[number];

/**
 * The addresses the learner can send from. Several, so lessons on ip_hash and
 * allow/deny can show one client being treated differently from another.
 */
export const CLIENT_ADDRESSES = ['127.0.0.1', '127.0.0.2', '127.0.0.3'] as const;
export type ClientAddress = (typeof CLIENT_ADDRESSES)[number];

export function isMethod(method: string): method is Method {
  return (METHODS as readonly string[]).includes(method);
}

export function carriesBody(method: string): boolean {
  return method === 'POST' || method === 'PUT';
}
