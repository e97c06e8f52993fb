import { describe, expect, it } from 'vitest';
import { accessPhase } from './modules/access';
import { gzipFilter } from './modules/gzip';
import { limitConnPhase } from './modules/limit-conn';
import { limitReqPhase } from './modules/limit-req';
import { staticContent } from './modules/static';
import { tryFilesPhase } from './modules/try-files';
import { BODY_FILTERS, LOCATION_PHASES } from './pipeline';
import { proxyContent } from './proxy-pass';

describe('the phases modules register', () => {
  it('run in nginx order: limit_req before limit_conn, access, try_files, proxy_pass before static files', () => {
    expect(LOCATION_PHASES).toEqual([
      [limitReqPhase, limitConnPhase],
      [accessPhase],
      [tryFilesPhase],
      [proxyContent, staticContent],
    ]);
    expect(BODY_FILTERS).toEqual([gzipFilter]);
  });
});
