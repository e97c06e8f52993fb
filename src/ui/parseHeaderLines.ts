/** One request header as typed by the learner: `[name, value]`, in the order given. */
export type HeaderPair = [name: string, value: string];

/** A header line that could not be read, with its 1-based line number. */
export interface HeaderLineError {
  line: number;
  message: string;
}

export type ParsedHeaderLines =
  { ok: true; headers: HeaderPair[] } | { ok: false; errors: HeaderLineError[] };

// RFC 9110 token characters: anything else in a name is refused by fetch's Headers too.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Reads `Name: value` lines, one header per line. Blank lines are skipped, a line is
 * split at its first colon (so values may contain colons), and repeated names are kept
 * in order, as HTTP allows. Every unreadable line is reported, not just the first.
 */
export function parseHeaderLines(text: string): ParsedHeaderLines {
  const headers: HeaderPair[] = [];
  const errors: HeaderLineError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const colon = raw.indexOf(':');
    if (colon === -1) {
      errors.push({ line, message: `no colon; write a header as "Name: value"` });
      return;
    }
    const name = raw.slice(0, colon).trim();
    if (!HEADER_NAME.test(name)) {
      errors.push({
        line,
        message: name
          ? `"${name}" is not a valid header name (letters, digits and - are safe)`
          : 'the header name before the colon is missing',
      });
      return;
    }
    headers.push([name, raw.slice(colon + 1).trim()]);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, headers };
}
