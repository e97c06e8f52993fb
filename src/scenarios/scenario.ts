/** What a scenario is: a proxy config, the backends it talks to and a first request to send. */
import type { BackendMap } from '../backends/spec';
import type { RequestDraft } from '../ui/requestDraft';

/** The request the form starts with; the learner can change every part of it. */
export type ScenarioRequest = Pick<RequestDraft, 'method' | 'host' | 'path' | 'headers'> &
  Partial<Pick<RequestDraft, 'scheme' | 'body' | 'client'>>;

/** A request the learner can put in the form with one click. */
export interface ScenarioPreset {
  /** The button's words: "An API call from another client". */
  label: string;
  request: ScenarioRequest;
}

export interface Scenario {
  id: string;
  title: string;
  /** One or two plain sentences describing the set-up. */
  summary: string;
  /** nginx.conf, as the learner would write it. */
  config: string;
  backends: BackendMap;
  /** The proxy's virtual disk, for `root`, `alias` and `try_files`: absolute path → content. */
  files?: Record<string, string>;
  request: ScenarioRequest;
  /** Requests offered as buttons that fill the form. */
  presets?: ScenarioPreset[];
}
