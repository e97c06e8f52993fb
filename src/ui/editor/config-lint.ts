/** nginx's verdict on the config as CodeMirror diagnostics, placed on the line nginx names. */
import type { Text } from '@codemirror/state';
import type { Diagnostic } from '@codemirror/lint';

/** A problem as the editor shows it: nginx's words, and the line (in nginx.conf) when nginx names one. */
export interface EditorProblem {
  message: string;
  line: number | null;
  /** Another file when the problem is in an included one. */
  file?: string;
  refusedBy?: 'nginx' | 'sandbox';
}

/**
 * The diagnostic for `problem` on the line it names: on the word nginx
 * quotes when the line has it, else on the whole line. At the end of the
 * text when nginx names no line (it noticed after reading the whole file)
 * or the line is in another file.
 */
export function problemDiagnostic(doc: Text, problem: EditorProblem, source: string): Diagnostic {
  const elsewhere = problem.file !== undefined && problem.file !== 'nginx.conf';
  const message =
    elsewhere && problem.line !== null
      ? `${problem.message} in ${problem.file}:${problem.line}`
      : problem.message;
  const severity = problem.refusedBy === 'sandbox' ? 'warning' : 'error';
  if (problem.line === null || elsewhere || problem.line > doc.lines || problem.line < 1) {
    return { from: doc.length, to: doc.length, severity, message, source };
  }
  const line = doc.line(problem.line);
  // nginx quotes what it objects to ("proxy_pas", "app-x"): underline that word when the line has it.
  const named = /"([^"]+)"/.exec(problem.message)?.[1] ?? '';
  const at = named === '' ? -1 : line.text.indexOf(named);
  if (at !== -1) {
    const from = line.from + at;
    return { from, to: from + named.length, severity, message, source };
  }
  const indent = /^\s*/.exec(line.text)![0].length;
  return { from: line.from + indent, to: line.to, severity, message, source };
}

/** Whether two problems say the same thing about the same place (shown once). */
export function sameProblem(a: EditorProblem, b: EditorProblem): boolean {
  return (
    a.message === b.message &&
    a.line === b.line &&
    (a.file ?? 'nginx.conf') === (b.file ?? 'nginx.conf')
  );
}
