/** A lesson's scenario as the sandbox takes it: its requests become the form's presets. */
import type { Lesson, LessonRequest } from '../../course/types';
import type { Scenario, ScenarioPreset, ScenarioRequest } from '../../scenarios/scenario';
import { CLIENT_ADDRESSES, METHODS, type ClientAddress, type Method } from '../requestDraft';

/** What the form holds when a lesson gives no request at all (the loader normally makes one). */
const FALLBACK: ScenarioRequest = { method: 'GET', host: 'example.com', path: '/', headers: [] };

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

function presetOf(request: LessonRequest): ScenarioPreset {
  const form = formRequest(request);
  const from = form.client && form.client !== CLIENT_ADDRESSES[0] ? ` from ${form.client}` : '';
  return { label: request.label ?? `${form.method} ${form.path}${from}`, request: form };
}

/**
 * The form's fields for a lesson's request: `https://example.com:8443/x?y=1` is
 * scheme `https`, host `example.com:8443` and path `/x?y=1`, as written (a
 * lesson about `..` or `//` in paths needs them kept; a client does not send
 * the `#fragment`).
 */
export function formRequest(request: LessonRequest): ScenarioRequest {
  const [, scheme = '', host = '', target = ''] =
    /^([a-z]+):\/\/([^/?#]*)([^#]*)/i.exec(request.url) ?? [];
  return {
    method: isMethod(request.method) ? request.method : 'GET',
    scheme: scheme.toLowerCase() === 'https' ? 'https' : 'http',
    host,
    path: target.startsWith('/') ? target : `/${target}`,
    headers: request.headers.map(([name, value]) => [name, value]),
    body: request.body,
    client: isClient(request.client) ? request.client : CLIENT_ADDRESSES[0],
  };
}

function isMethod(method: string): method is Method {
  return (METHODS as readonly string[]).includes(method);
}

function isClient(client: string): client is ClientAddress {
  return (CLIENT_ADDRESSES as readonly string[]).includes(client);
}
