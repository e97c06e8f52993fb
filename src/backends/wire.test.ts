import { getResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { takeWireResponse, wireResponse } from './wire';

describe('wire responses through MSW', () => {
  it('come back with what fetch cannot carry: Set-Cookie, repeated headers, any status', async () => {
    const handlers = [
      http.all('http://127.0.0.1:3001/*', () =>
        wireResponse({
          status: 101,
          headers: [
            ['set-cookie', 'a=1'],
            ['x-rep', 'one'],
            ['x-rep', 'two'],
          ],
          body: new Uint8Array([104, 105]),
        }),
      ),
    ];
    const response = await getResponse(handlers, new Request('http://127.0.0.1:3001/x'));
    expect(await takeWireResponse(response!)).toEqual({
      status: 101,
      headers: [
        ['set-cookie', 'a=1'],
        ['x-rep', 'one'],
        ['x-rep', 'two'],
      ],
      body: new Uint8Array([104, 105]),
    });
  });

  it('reads an ordinary Response from a handler that does not use the wire', async () => {
    const handlers = [
      http.get(
        'http://127.0.0.1:3001/*',
        () => new Response('ok', { status: 201, headers: { 'x-a': 'b' } }),
      ),
    ];
    const wire = await takeWireResponse(
      (await getResponse(handlers, new Request('http://127.0.0.1:3001/x')))!,
    );
    expect(wire.status).toBe(201);
    expect(wire.headers).toContainEqual(['x-a', 'b']);
    expect(new TextDecoder().decode(wire.body)).toBe('ok');
  });
});
