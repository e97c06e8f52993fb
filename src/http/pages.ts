/** The responses nginx writes itself: reason phrases and the built-in error pages. */
import { NGINX_VERSION } from './nginx-version';

export const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Authorization Required',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Time-out',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Large',
  415: 'Unsupported Media Type',
  416: 'Requested Range Not Satisfiable',
  421: 'Misdirected Request',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
  505: 'HTTP Version Not Supported',
  507: 'Insufficient Storage',
};

/**
 * The reason phrases of nginx's status lines (ngx_http_status_lines). They
 * differ from the page titles above in a few places: `302 Moved Temporarily`
 * on the wire but "302 Found" in the page, `401 Unauthorized` against
 * "Authorization Required".
 */
export const STATUS_LINE_REASONS: Record<number, string> = {
  ...REASONS,
  302: 'Moved Temporarily',
  401: 'Unauthorized',
};

/** nginx's own 4xx codes that are sent as 400 with an explanatory page. */
const SPECIAL_400: Record<number, string> = {
  494: 'Request Header Or Cookie Too Large',
  495: 'The SSL certificate error',
  496: 'No required SSL certificate was sent',
  497: 'The plain HTTP request was sent to HTTPS port',
};

/** Statuses nginx has a built-in page for (others are sent with an empty body). */
export function hasBuiltinPage(status: number): boolean {
  return (
    (status >= 301 && status !== 304 && REASONS[status] !== undefined) ||
    SPECIAL_400[status] !== undefined
  );
}

/** The status actually sent for one of nginx's internal codes (497 → 400). */
export function wireStatus(status: number): number {
  return SPECIAL_400[status] !== undefined ? 400 : status;
}

/** The HTML nginx sends for an error or redirect status, byte for byte. */
export function builtinPage(status: number, serverTokens: 'on' | 'off' | 'build'): string {
  const footer = serverTokens === 'off' ? 'nginx' : `nginx/${NGINX_VERSION}`;
  const special = SPECIAL_400[status];
  const title = special ? `400 ${special}` : `${status} ${REASONS[status] ?? ''}`;
  const h1 = special ? '400 Bad Request' : title;
  const extra = special ? `<center>${special}</center>\r\n` : '';
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${h1}</h1></center>\r\n${extra}<hr><center>${footer}</center>\r\n</body>\r\n</html>\r\n`;
}
