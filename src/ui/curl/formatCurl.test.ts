import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { clientRequest, type EngineResponse } from '../../engine';
import type { Exchange } from '../../runtime/types';
import type { ClientRequest } from '../../scenario';
import { formatCurl } from './formatCurl';
import { parseCurl } from './parseCurl';
import { runCurl } from './runCurl';

const textEncoder = new TextEncoder();

type Answer = EngineResponse | { refused: string };

/** A stand-in for the runtime: answers each request with the next canned response. */
function fakeSend(...answers: Answer[]) {
  const sent: ClientRequest[] = [];
  const send = async (spec: ClientRequest): Promise<Exchange> => {
    sent.push(spec);
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    const refused = 'refused' in answer;
    return {
      requestId: String(sent.length),
      sent: clientRequest(spec),
      response: refused ? null : answer,
      connectionError: refused ? answer.refused : null,
      trace: [],
      upstreamRequest: null,
      upstreamResponse: null,
      accessLog: [],
    };
  };
  return { send, sent };
}

function ok(body: string, headers: [string, string][] = []): EngineResponse {
  return {
    status: 200,
    headers: [
      ['Server', 'nginx/1.22.1'],
      ['Content-Type', 'text/plain'],
      ['Content-Length', String(textEncoder.encode(body).length)],
      ['Connection', 'keep-alive'],
      ...headers,
    ],
    body: textEncoder.encode(body),
  };
}

function redirect(status: number, location: string): EngineResponse {
  return {
    status,
    headers: [
      ['Location', location],
      ['Content-Length', '0'],
      ['Connection', 'keep-alive'],
    ],
    body: new Uint8Array(),
  };
}

async function curl(line: string, ...answers: Answer[]) {
  const parsed = parseCurl(line);
  if (!parsed.ok) throw new Error(parsed.message);
  const { send, sent } = fakeSend(...answers);
  const text = formatCurl(parsed.command, await runCurl(parsed.command, send));
  return { text, sent };
}

describe('what curl prints', () => {
  test('the body only, by default', async () => {
    const { text } = await curl('curl http://example.com/', ok('hello\n'));
    expect(text).toBe('hello');
  });

  test('-i: status line, headers as sent, a blank line, the body', async () => {
    const { text } = await curl('curl -i http://example.com/', ok('hello\n'));
    expect(text).toBe(
      [
        'HTTP/1.1 200 OK',
        'Server: nginx/1.22.1',
        'Content-Type: text/plain',
        'Content-Length: 6',
        'Connection: keep-alive',
        '',
        'hello',
      ].join('\n'),
    );
  });

  test('-I: a HEAD request, and the headers alone', async () => {
    const { text, sent } = await curl('curl -I http://example.com/', {
      ...ok(''),
      headers: [['Content-Length', '6']],
    });
    expect(sent[0]!.method).toBe('HEAD');
    expect(text).toBe('HTTP/1.1 200 OK\nContent-Length: 6');
  });

  test('-v: connection, request and response lines around the body', async () => {
    const { text } = await curl('curl -v http://example.com/api/users', ok('[]\n'));
    expect(text).toBe(
      [
        '*   Trying 127.0.0.1:80...',
        '* Connected to example.com (127.0.0.1) port 80',
        '> GET /api/users HTTP/1.1',
        '> Host: example.com',
        '> User-Agent: curl/8.5.0',
        '> Accept: */*',
        '> Connection: close',
        '> ',
        '< HTTP/1.1 200 OK',
        '< Server: nginx/1.22.1',
        '< Content-Type: text/plain',
        '< Content-Length: 3',
        '< Connection: keep-alive',
        '< ',
        '[]',
        '* Connection #0 to host example.com left intact',
      ].join('\n'),
    );
  });

  test('-v with a body and a server that closes: upload line and Closing connection', async () => {
    const { text } = await curl('curl -v -X POST -d a=1 http://example.com:8080/f', {
      status: 201,
      headers: [['Connection', 'close']],
      body: new Uint8Array(),
    });
    expect(text.split('\n')).toEqual([
      'Note: Unnecessary use of -X or --request, POST is already inferred.',
      '*   Trying 127.0.0.1:8080...',
      '* Connected to example.com (127.0.0.1) port 8080',
      '> POST /f HTTP/1.1',
      '> Host: example.com:8080',
      '> User-Agent: curl/8.5.0',
      '> Accept: */*',
      '> Content-Length: 3',
      '> Content-Type: application/x-www-form-urlencoded',
      '> Connection: close',
      '> ',
      '* upload completely sent off: 3 bytes',
      '< HTTP/1.1 201 Created',
      '< Connection: close',
      '< ',
      '* Closing connection',
    ]);
  });

  test('-v -i: each header line twice, as a terminal shows stderr and stdout together', async () => {
    const { text } = await curl('curl -sv -i http://x/', {
      status: 204,
      headers: [['Server', 'nginx']],
      body: new Uint8Array(),
    });
    expect(text.split('\n').slice(-7)).toEqual([
      '< HTTP/1.1 204 No Content',
      'HTTP/1.1 204 No Content',
      '< Server: nginx',
      'Server: nginx',
      '< ',
      '',
      '* Connection #0 to host x left intact',
    ]);
  });

  test('a refused connection in curl words, and its verbose story', async () => {
    const refused = { refused: 'connection refused: nothing listens on port 8080' };
    expect((await curl('curl http://example.com:8080/', refused)).text).toBe(
      "curl: (7) Failed to connect to example.com port 8080 after 0 ms: Couldn't connect to server",
    );
    expect((await curl('curl -v http://example.com:8080/', refused)).text.split('\n')).toEqual([
      '*   Trying 127.0.0.1:8080...',
      '* connect to 127.0.0.1 port 8080 failed: Connection refused',
      "* Failed to connect to example.com port 8080 after 0 ms: Couldn't connect to server",
      '* Closing connection',
      "curl: (7) Failed to connect to example.com port 8080 after 0 ms: Couldn't connect to server",
    ]);
  });

  test('-s hides the error, -sS shows it', async () => {
    const refused = { refused: 'connection refused: nothing listens on port 81' };
    expect((await curl('curl -s http://x:81/', refused)).text).toBe('');
    expect((await curl('curl -sS http://x:81/', refused)).text).toMatch(/^curl: \(7\)/);
  });

  test('https to a plain-HTTP port fails the TLS handshake as OpenSSL words it', async () => {
    const { text } = await curl('curl -k https://example.com:80/', {
      refused: 'TLS handshake failed: port 80 speaks plain HTTP',
    });
    expect(text).toBe('curl: (35) error:0A00010B:SSL routines::wrong version number');
  });

  test('binary bodies get curl’s warning instead of bytes', async () => {
    const { text } = await curl('curl http://x/img', {
      status: 200,
      headers: [['Content-Type', 'image/png']],
      body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]),
    });
    expect(text).toBe(
      [
        'Warning: Binary output can mess up your terminal. Use "--output -" to tell',
        'Warning: curl to output it to your terminal anyway, or consider "--output',
        'Warning: <FILE>" to save to a file.',
      ].join('\n'),
    );
  });

  test('-f turns an error status into curl error 22, without the body', async () => {
    const notFound = { status: 404, headers: [], body: textEncoder.encode('nope') };
    expect((await curl('curl -f http://x/', notFound)).text).toBe(
      'curl: (22) The requested URL returned error: 404',
    );
  });

  test('-o /dev/null with -w prints only the write-out', async () => {
    const { text } = await curl(
      `curl -s -o /dev/null -w '%{http_code} %{content_type} %{num_redirects}\\n' http://x/`,
      ok('hello'),
    );
    expect(text).toBe('200 text/plain 0');
  });

  test('--compressed shows the decoded body', async () => {
    const { text, sent } = await curl('curl --compressed http://x/', {
      status: 200,
      headers: [['Content-Encoding', 'gzip']],
      body: new Uint8Array(gzipSync('squeezed\n')),
    });
    expect(sent[0]!.headers).toContainEqual(['Accept-Encoding', 'deflate, gzip, br, zstd']);
    expect(text).toBe('squeezed');
  });
});

describe('-L', () => {
  test('follows redirects, 301 turning a POST into a GET, and -i shows every hop', async () => {
    const { text, sent } = await curl(
      `curl -i -L -d a=1 -H 'Host: shop.test' http://example.com/login`,
      redirect(301, '/home'),
      ok('welcome\n'),
    );
    expect(sent.map((s) => `${s.method} ${s.url} ${s.body}`)).toEqual([
      'POST http://example.com/login a=1',
      'GET http://example.com/home null',
    ]);
    expect(sent[1]!.headers).toEqual([
      ['Host', 'shop.test'],
      ['User-Agent', 'curl/8.5.0'],
      ['Accept', '*/*'],
    ]);
    expect(text).toBe(
      [
        'HTTP/1.1 301 Moved Permanently',
        'Location: /home',
        'Content-Length: 0',
        'Connection: keep-alive',
        '',
        'HTTP/1.1 200 OK',
        'Server: nginx/1.22.1',
        'Content-Type: text/plain',
        'Content-Length: 8',
        'Connection: keep-alive',
        '',
        'welcome',
      ].join('\n'),
    );
  });

  test('-v tells which URL comes next and reuses the connection', async () => {
    const { text } = await curl(
      'curl -sv -L -d a=1 http://x/a',
      redirect(302, 'http://x/b'),
      ok(''),
    );
    expect(text).toContain(
      [
        '< ',
        '* Connection #0 to host x left intact',
        "* Issue another request to this URL: 'http://x/b'",
        '* Switch from POST to GET',
        '* Re-using existing connection with host x',
        '> GET /b HTTP/1.1',
      ].join('\n'),
    );
  });

  test('307 keeps the method and body; another host drops a -H Host', async () => {
    const { sent } = await curl(
      `curl -sL -H 'Host: a.test' -d v http://x/`,
      redirect(307, 'http://other.test:8080/next'),
      ok(''),
    );
    expect(sent[1]).toMatchObject({
      method: 'POST',
      body: 'v',
      url: 'http://other.test:8080/next',
    });
    expect(sent[1]!.headers[0]).toEqual(['Host', 'other.test:8080']);
  });

  test('without -L a redirect is printed, not followed', async () => {
    const { sent } = await curl('curl http://x/', redirect(301, '/y'));
    expect(sent).toHaveLength(1);
  });

  test('gives up after --max-redirs with curl error 47', async () => {
    const { text, sent } = await curl(
      'curl -L --max-redirs 2 http://x/',
      redirect(302, '/1'),
      redirect(302, '/2'),
      redirect(302, '/3'),
    );
    expect(sent).toHaveLength(3);
    expect(text).toBe('curl: (47) Maximum (2) redirects followed');
  });
});

test('a sandbox that fails to send is reported, not thrown', async () => {
  const { text } = await curl('curl http://x/');
  expect(text).toBe('curl: the sandbox could not send this: no more answers');
});
