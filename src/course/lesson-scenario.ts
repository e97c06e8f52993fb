/** A lesson's scenario as the sandbox takes it: its requests become the form's presets. */
// The zod-free parts of the model: this runs on the lesson page, which must not carry the schemas.
import { CLIENT_ADDRESSES, isMethod, type ClientAddress } from '../scenario/form-values.ts';
import type { FormRequest, Preset, Scenario } from '../scenario/index.ts';
import { urlOf, urlParts } from '../scenario/url.ts';
import type { Lesson, LessonRequest } from './types.ts';

/** What the form holds when a lesson gives no request at all (the loader normally makes one). */
const FALLBACK: FormRequest = {
  method: 'GET',
  url: 'http://example.com/',
  headers: [],
  body: null,
  client: CLIENT_ADDRESSES[0],
};

export function lessonScenario(lesson: Lesson): Scenario {
  const { config, backends, files, requests } = lesson.scenario;
  const presets = requests.map(presetOf);
  return {
    id: lesson.id,
    title: 'Try it in the sandbox',
    summary: lesson.summary,
    config,
    backends,
    files,
    request: presets[0]?.request ?? FALLBACK,
    presets,
  };
}

function presetOf(request: LessonRequest): Preset {
  const form = formRequest(request);
  const from = form.client !== CLIENT_ADDRESSES[0] ? ` from ${form.client}` : '';
  return {
    label: request.label ?? `${form.method} ${urlParts(form.url).path}${from}`,
    request: form,
  };
}

/**
 * A lesson's request as the form holds it: the URL as the form's fields
 * rebuild it (a client does not send the `#fragment`; a bare host gets the
 * path `/`), and GET or 127.0.0.1 for a method or address the form does not offer.
 */
export function formRequest(request: LessonRequest): FormRequest {
  return {
    method: isMethod(request.method) ? request.method : 'GET',
    url: urlOf(urlParts(request.url)),
    headers: request.headers.map(([name, value]) => [name, value]),
    body: request.body,
    client: isOffered(request.client) ? request.client : CLIENT_ADDRESSES[0],
  };
}

function isOffered(client: string): client is ClientAddress {
  return (CLIENT_ADDRESSES as readonly string[]).includes(client);
}
