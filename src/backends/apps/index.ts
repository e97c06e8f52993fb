/** Every backend app by the name a scenario gives in `app`. */
import type { AppName } from '../../scenario';
import { apiApp } from './api';
import type { BackendApp } from './app';
import { cachingApp } from './caching';
import { echoBackend } from '../echo';
import { flakyApp } from './flaky';
import { siteApp } from './site';
import { slowApp } from './slow';

export type { BackendApp } from './app';

export const BACKEND_APPS: Record<AppName, BackendApp> = {
  echo: { handlers: echoBackend },
  site: siteApp,
  api: apiApp,
  slow: slowApp,
  flaky: flakyApp,
  caching: cachingApp,
};
