/**
 * HTTP dates as nginx reads them (ngx_parse_http_time): RFC 1123
 * `Sun, 06 Nov 1994 08:49:37 GMT`, RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`
 * and asctime `Sun Nov  6 08:49:37 1994`. Whatever follows the time (the
 * zone name) is not checked, as in nginx.
 */

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

const FORMATS: { re: RegExp; twoDigitYear: boolean }[] = [
  {
    re: /^[^, ]*, *(?<d>\d\d) (?<mon>[A-Z][a-z]{2}) (?<y>\d{4}) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d)/,
    twoDigitYear: false,
  },
  {
    re: /^[^, ]*, *(?<d>\d\d)-(?<mon>[A-Z][a-z]{2})-(?<y>\d\d) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d)/,
    twoDigitYear: true,
  },
  {
    re: /^[^, ]* +(?<mon>[A-Z][a-z]{2}) {1,2}(?<d>\d{1,2}) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d) (?<y>\d{4})/,
    twoDigitYear: false,
  },
];

/** Seconds since 1970, or null when nginx would not accept the text as a date. */
export function parseHttpDate(text: string): number | null {
  for (const { re, twoDigitYear } of FORMATS) {
    const g = re.exec(text)?.groups;
    if (!g) continue;
    const mon = MONTHS[g.mon!];
    let year = Number(g.y);
    if (twoDigitYear) year += year < 70 ? 2000 : 1900;
    const [d, h, m, s] = [Number(g.d), Number(g.h), Number(g.m), Number(g.s)];
    if (mon === undefined || h > 23 || m > 59 || s > 59 || d < 1) return null;
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    if (d > [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mon]!) return null;
    return Date.UTC(year, mon, d, h, m, s) / 1000;
  }
  return null;
}
