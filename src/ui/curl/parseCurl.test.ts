import { describe, expect, test } from 'vitest';
import type { CurlCommand } from './curlCommand';
import { parseCurl } from './parseCurl';

function parse(line: string, client?: string): CurlCommand {
  const parsed = parseCurl(line, client === undefined ? {} : { client });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.command;
}

function refusal(line: string): string {
  const parsed = parseCurl(line);
  if (parsed.ok) throw new Error(`accepted: ${line}`);
  return parsed.message;
}

const DEFAULTS: [string, string][] = [
  ['Host', 'example.com'],
  ['User-Agent', 'curl/8.5.0'],
  ['Accept', '*/*'],
];

describe('the request', () => {
  test('a bare URL is a GET with curl 8 default headers, in curl order', () => {
    expect(parse('curl http://example.com/api/users?x=1').spec).toEqual({
      method: 'GET',
      url: 'http://example.com/api/users?x=1',
      headers: DEFAULTS,
      body: null,
      client: '127.0.0.1',
    });
  });

  test('a URL without a scheme is http, and its fragment is not sent', () => {
    expect(parse('curl example.com:8080/a#top').spec).toMatchObject({
      url: 'http://example.com:8080/a',
      headers: [['Host', 'example.com:8080'], ...DEFAULTS.slice(1)],
    });
  });

  test('the default port is left out of Host, as curl does', () => {
    expect(parse('curl https://example.com:443/').spec.headers[0]).toEqual(['Host', 'example.com']);
  });

  test('-H adds headers after the defaults; -H Host replaces the URL host in first place', () => {
    const { spec } = parse(
      `curl -H 'X-Test: 1' -H "Host: api.example.com" -H 'X-Two:  two' http://example.com/`,
    );
    expect(spec.headers).toEqual([
      ['Host', 'api.example.com'],
      ['User-Agent', 'curl/8.5.0'],
      ['Accept', '*/*'],
      ['X-Test', '1'],
      ['X-Two', 'two'],
    ]);
  });

  test('-H replaces a default header, "Name:" removes it and "Name;" sends it empty', () => {
    const { spec } = parse(`curl -H 'Accept: text/html' -H 'User-Agent:' -H 'X-Empty;' x.test`);
    expect(spec.headers).toEqual([
      ['Host', 'x.test'],
      ['Accept', 'text/html'],
      ['X-Empty', ''],
    ]);
  });

  test('-d makes a form POST; repeated -d join with &', () => {
    const { spec } = parse('curl -d a=1 --data b=2 http://example.com/form');
    expect(spec).toMatchObject({ method: 'POST', body: 'a=1&b=2' });
    expect(spec.headers.slice(3)).toEqual([
      ['Content-Length', '7'],
      ['Content-Type', 'application/x-www-form-urlencoded'],
    ]);
  });

  test('a Content-Type given with -H wins, and Content-Length counts bytes', () => {
    const { spec } = parse(
      `curl --data-binary '{"n":"é"}' -H 'Content-Type: application/json' http://x/`,
    );
    expect(spec.headers.slice(3)).toEqual([
      ['Content-Type', 'application/json'],
      ['Content-Length', '10'],
    ]);
  });

  test('-d @file is refused clearly; --data-raw sends the @ as it is', () => {
    expect(refusal('curl -d @body.json http://x/')).toMatch(
      /^curl: -d @body.json reads a file, and the sandbox has no files to read/,
    );
    expect(refusal('curl --data-binary @f http://x/')).toMatch(/--data-binary @f reads a file/);
    expect(parse('curl --data-raw @me http://x/').spec.body).toBe('@me');
  });

  test('--data-urlencode encodes the value like curl_easy_escape', () => {
    expect(
      parse(`curl --data-urlencode "q=a b&c!" --data-urlencode '=x/y' http://x/`).spec.body,
    ).toBe('q=a%20b%26c%21&x%2Fy');
  });

  test('--json sends JSON with its Content-Type and Accept', () => {
    const { spec } = parse(`curl --json '{"a":1}' -H 'X-A: 1' http://x/`);
    expect(spec.method).toBe('POST');
    expect(spec.headers).toEqual([
      ['Host', 'x'],
      ['User-Agent', 'curl/8.5.0'],
      ['X-A', '1'],
      ['Content-Type', 'application/json'],
      ['Accept', 'application/json'],
      ['Content-Length', '7'],
    ]);
  });

  test('-G moves the data into the query string', () => {
    expect(parse('curl -G -d a=1 -d b=2 http://x/s?q=z').spec).toMatchObject({
      method: 'GET',
      url: 'http://x/s?q=z&a=1&b=2',
      body: null,
    });
  });

  test('-X sets the method, with or without a space', () => {
    expect(parse('curl -X DELETE http://x/a').spec.method).toBe('DELETE');
    expect(parse('curl -XPUT -d v http://x/a').spec).toMatchObject({ method: 'PUT', body: 'v' });
    expect(parse('curl --request PATCH http://x/a').spec.method).toBe('PATCH');
  });

  test('-X with the method curl would use anyway earns its verbose note', () => {
    expect(parse('curl -X POST -d a http://x/').output.notes).toEqual([
      'Note: Unnecessary use of -X or --request, POST is already inferred.',
    ]);
  });

  test('-I sends HEAD and asks for headers only', () => {
    const command = parse('curl -I http://x/');
    expect(command.spec.method).toBe('HEAD');
    expect(command.output.headOnly).toBe(true);
  });

  test('-I with -d is refused the way curl refuses it', () => {
    expect(refusal('curl -I -d a http://x/')).toBe(
      'Warning: You can only select one HTTP request method! You asked for both POST \nWarning: (-d, --data) and HEAD (-I, --head).',
    );
  });

  test('-A, -b, -u and --compressed add their headers in curl order', () => {
    const { spec } = parse(
      `curl -H 'X-A: 1' --compressed -b 'a=1; b=2' -A 'demo/1' -u bob:pw http://x/`,
    );
    expect(spec.headers).toEqual([
      ['Host', 'x'],
      ['Authorization', 'Basic Ym9iOnB3'],
      ['User-Agent', 'demo/1'],
      ['Accept', '*/*'],
      ['Accept-Encoding', 'deflate, gzip, br, zstd'],
      ['Cookie', 'a=1; b=2'],
      ['X-A', '1'],
    ]);
  });

  test('credentials in the URL become Basic authorization and leave the URL', () => {
    const { spec } = parse('curl http://bob:pw@x/');
    expect(spec.url).toBe('http://x/');
    expect(spec.headers[1]).toEqual(['Authorization', 'Basic Ym9iOnB3']);
  });

  test('the client address comes from the console, or from --interface', () => {
    expect(parse('curl http://x/', '127.0.0.3').spec.client).toBe('127.0.0.3');
    expect(parse('curl --interface 127.0.0.2 http://x/', '127.0.0.3').spec.client).toBe(
      '127.0.0.2',
    );
    expect(refusal('curl --interface eth0 http://x/')).toMatch(
      /--interface takes the client address/,
    );
  });
});

describe('the output options', () => {
  test('combined short flags each count', () => {
    expect(parse('curl -sSLiv http://x/').output).toMatchObject({
      silent: true,
      showError: true,
      follow: true,
      include: true,
      verbose: true,
    });
  });

  test('a short option takes the rest of its bundle as its argument', () => {
    const command = parse('curl -sXPOST -HX-A:1 -o/dev/null http://x/');
    expect(command.spec.method).toBe('POST');
    expect(command.spec.headers).toContainEqual(['X-A', '1']);
    expect(command.output).toMatchObject({ silent: true, discardBody: true });
  });

  test('long names work as well as short ones', () => {
    const { output, fail } = parse(
      'curl --include --verbose --silent --show-error --location --fail --insecure --http1.1 http://x/',
    );
    expect(output).toMatchObject({ include: true, verbose: true, silent: true, follow: true });
    expect(fail).toBe(true);
  });

  test('-w keeps its template; --max-redirs its number', () => {
    const command = parse(`curl -w '%{http_code}\\n' --max-redirs 3 http://x/`);
    expect(command.output.writeOut).toBe('%{http_code}\\n');
    expect(command.maxRedirects).toBe(3);
  });

  test('-o writes nowhere but /dev/null', () => {
    expect(refusal('curl -o page.html http://x/')).toMatch(/-o page.html writes a file/);
  });
});

describe('what curl refuses', () => {
  test('an unknown option is named, as curl names it', () => {
    expect(refusal('curl --bogus http://x/')).toBe(
      "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information",
    );
    expect(refusal('curl -sZ http://x/')).toMatch(/^curl: option -sZ: is unknown/);
    expect(refusal('curl --request=POST http://x/')).toMatch(/option --request=POST: is unknown/);
  });

  test('real curl options the sandbox cannot do say why', () => {
    expect(refusal('curl -x http://proxy:3128 http://x/')).toBe(
      'curl: option -x: is not supported in the sandbox: there is no proxy to go through: the sandbox is the proxy',
    );
    expect(refusal('curl --http2 http://x/')).toMatch(/HTTP\/1.1 only/);
    expect(refusal('curl -F a=1 http://x/')).toMatch(/multipart forms/);
  });

  test('an option without its argument', () => {
    expect(refusal('curl http://x/ -H')).toMatch(/^curl: option -H: requires parameter/);
  });

  test('no URL, two URLs, other schemes and hostless URLs', () => {
    expect(refusal('curl -i')).toMatch(/^curl: no URL specified!/);
    expect(refusal('curl http://a/ http://b/')).toMatch(/one URL at a time/);
    expect(refusal('curl ftp://x/')).toBe('curl: (1) Protocol "ftp" not supported');
    expect(refusal('curl http:///path')).toBe('curl: (3) URL rejected: No host part in the URL');
  });

  test('a header without a colon, a cookie file, a password prompt', () => {
    expect(refusal('curl -H Broken http://x/')).toMatch(/-H 'Broken' is not a header/);
    expect(refusal('curl -b cookies.txt http://x/')).toMatch(/reads cookies from a file/);
    expect(refusal('curl -u bob http://x/')).toMatch(/ask for a password/);
  });

  test('something other than curl, or nothing at all', () => {
    expect(refusal('wget http://x/')).toMatch(/^wget: command not found/);
    expect(refusal('   ')).toMatch(/Type a curl command/);
    expect(refusal(`curl 'http://x/`)).toMatch(/quote is never closed/);
  });

  test('a pasted prompt is skipped', () => {
    expect(parse('$ curl http://x/').spec.url).toBe('http://x/');
  });

  test('multi-line commands with continuations', () => {
    const command = parse("curl -i \\\n  -H 'X-Test: 1' \\\n  http://example.com/api/users");
    expect(command.output.include).toBe(true);
    expect(command.spec.headers).toContainEqual(['X-Test', '1']);
  });

  test('never throws, whatever is typed', () => {
    for (const line of [
      'curl -',
      'curl --',
      'curl -H',
      "curl $'",
      'curl -w',
      'curl \\',
      '-i',
      '"',
    ]) {
      expect(() => parseCurl(line)).not.toThrow();
    }
  });
});
