/** What a scenario is: a proxy config, the backends it talks to and a first request to send. */
import type { BackendMap } from '../backends/spec';
import type { RequestDraft } from '../ui/requestDraft';

/** The request the form starts with; the learner can change every part of it. */
export type ScenarioRequest = Pick<RequestDraft, 'method' | 'host' | 'path' | 'headers'>;

export interface Scenario {
  id: string;
  title: string;
  /** One or two plain sentences describing the set-up. */
  summary: string;
  /** nginx.conf, as the learner would write it. */
  config: string;
  backends: BackendMap;
  request: ScenarioRequest;
}
