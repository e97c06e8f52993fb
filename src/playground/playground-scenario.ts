/**
 * The check every playground scenario arriving in a link or a file passes
 * before the page uses it, in words. Whatever arrives this way may have been
 * written by hand or by someone hostile, so the scenario schema is strict:
 * unknown fields, out-of-range numbers, oversized text and `__proto__` keys are
 * refused, and the message names the field. Nothing here makes HTML; the page
 * shows these values as text.
 */
import { sharedScenarioSchema, type SharedScenario } from '../scenario';

/** Everything the playground needs to rebuild what the learner had. */
export type PlaygroundScenario = SharedScenario;

export type CheckResult =
  { ok: true; scenario: PlaygroundScenario } | { ok: false; message: string };

/** `backends["127.0.0.1:3000"].routes[0].status`: where a problem is, as a reader finds it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part))
      text += text === '' ? part : `.${part}`;
    else text += `[${JSON.stringify(String(part))}]`;
  }
  return text;
}

/** How many problems a message lists before it says "and N more". */
const SHOWN_PROBLEMS = 3;

/**
 * Checks a value (already parsed from JSON) against the schema. The message
 * names each field at fault: `backends["127.0.0.1:3000"].failRate: must be between 0 and 1`.
 */
export function checkScenario(value: unknown): CheckResult {
  const result = sharedScenarioSchema.safeParse(value);
  if (result.success) return { ok: true, scenario: result.data };
  const problems = result.error.issues.map((issue) => {
    const where = fieldPath(issue.path);
    const what =
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`
        : issue.code === 'invalid_key'
          ? issue.issues.map((i) => i.message).join('; ')
          : issue.message;
    return where === '' ? what : `${where}: ${what}`;
  });
  const shown = problems.slice(0, SHOWN_PROBLEMS).join('; ');
  const more = problems.length - SHOWN_PROBLEMS;
  return refused(more > 0 ? `${shown}; and ${more} more` : shown);
}

/** A refusal, in the words the learner will read. */
export function refused(message: string): CheckResult {
  return { ok: false, message };
}

/** What a link or file made by a later version of the sandbox is told. */
export function newerVersionMessage(what: 'link' | 'file'): string {
  return `This ${what} was made by a newer version of the sandbox. Reload the page to get the latest version, then open it again.`;
}
