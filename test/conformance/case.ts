/** The conformance case format (see README.md in this folder). */
import type { BackendMap } from '../../src/scenario';

export type HeaderMap = Record<string, string | string[]>;

export interface CaseRequest {
  at: number;
  method: string;
  url: string;
  headers: Record<string, string | string[]>;
  body: string | null;
  client?: string;
}

export interface CaseExpectation {
  status: number;
  backend: string | null;
  upstream: { method: string; uri: string; httpVersion: string; headers: HeaderMap } | null;
  headers: HeaderMap;
  body: string;
  encoded?: 'gzip';
}

export interface ConformanceCase {
  name: string;
  topic: string;
  description: string;
  files?: Record<string, string>;
  config: string;
  backends?: BackendMap;
  requests?: CaseRequest[];
  expect?: CaseExpectation[];
  accessLog?: string[];
  expectError?: { line: number | null; message: string };
  oracle?: string;
}
