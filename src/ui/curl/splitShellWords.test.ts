import { expect, test } from 'vitest';
import { splitShellWords } from './splitShellWords';

const words = (line: string) => {
  const split = splitShellWords(line);
  if (!split.ok) throw new Error(split.message);
  return split.words;
};

test('splits on blanks and keeps quoted blanks', () => {
  expect(words(`curl  -H 'Host: a b'  "x y"`)).toEqual(['curl', '-H', 'Host: a b', 'x y']);
});

test('single quotes keep everything literal, backslashes included', () => {
  expect(words(`'a\\n$b"c'`)).toEqual(['a\\n$b"c']);
});

test('double quotes let a backslash escape only $ ` " and \\', () => {
  expect(words(`"a\\"b\\\\c\\$d\\xe"`)).toEqual(['a"b\\c$d\\xe']);
});

test('an unquoted backslash escapes the next character', () => {
  expect(words('a\\ b \\"c')).toEqual(['a b', '"c']);
});

test('a backslash before a newline continues the line, in and out of double quotes', () => {
  expect(words('curl \\\n  -i \\\r\n  "http://x\\\n/y"')).toEqual(['curl', '-i', 'http://x/y']);
});

test('quoted pieces join into one word, and an empty quote is a word', () => {
  expect(words(`a'b'"c" '' d`)).toEqual(['abc', '', 'd']);
});

test("$'…' strings understand C escapes", () => {
  expect(words(`$'a\\nb\\x41\\t\\'q'`)).toEqual(["a\nbA\t'q"]);
});

test('a comment runs to the end of the line', () => {
  expect(words('curl -i # the headers too\nhttp://x/')).toEqual(['curl', '-i', 'http://x/']);
});

test('an unclosed quote is an error that names it', () => {
  expect(splitShellWords(`curl 'abc`)).toEqual({ ok: false, message: "a ' quote is never closed" });
  expect(splitShellWords('curl "abc')).toEqual({ ok: false, message: 'a " quote is never closed' });
});

test('pipes and redirections are refused, quoted ones are text', () => {
  const piped = splitShellWords('curl http://x/ | jq');
  expect(piped.ok).toBe(false);
  expect(!piped.ok && piped.message).toMatch(/"\|" is not supported/);
  expect(words(`curl -d 'a=1&b=2' "x>y"`)).toEqual(['curl', '-d', 'a=1&b=2', 'x>y']);
});
