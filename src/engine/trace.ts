/**
 * Trace events: every decision the engine makes, with the facts behind it, so
 * the UI can explain a request without re-deriving anything.
 */
import type { HeaderList } from './http/message';

interface Base {
  /** Virtual milliseconds since the sandbox started. */
  at: number;
  requestId: number;
}

export interface LocationCandidate {
  location: string;
  line: number;
  /** `=`, `^~`, `~`, `~*` or '' for a plain prefix. */
  modifier: string;
  matched: boolean;
}

export type TraceEvent =
  | (Base & {
      type: 'receive';
      method: string;
      target: string;
      host: string;
      client: string;
      port: number;
      tls: boolean;
    })
  /** The request ends early: with an error status, or (status null) without any HTTP response at all. */
  | (Base & { type: 'reject'; status: number | null; reason: string })
  | (Base & {
      type: 'server';
      port: number;
      host: string;
      server: string;
      line: number;
      reason: string;
    })
  | (Base & {
      type: 'match';
      uri: string;
      location: string | null;
      line: number | null;
      reason: string;
      candidates: LocationCandidate[];
    })
  | (Base & {
      type: 'rewrite';
      directive: string;
      line: number;
      from: string;
      to: string;
      flag: string;
      reason: string;
    })
  | (Base & { type: 'return'; line: number; status: number; reason: string })
  | (Base & { type: 'internal-redirect'; to: string; reason: string })
  | (Base & {
      type: 'balance';
      upstream: string;
      method: string;
      /** The server picked, or null when none could be. */
      chosen: string | null;
      reason: string;
      candidates: {
        address: string;
        weight: number;
        /** What the smooth weighted pick compared (current + effective weight); null when not in the running. */
        comparedWeight: number | null;
        effectiveWeight: number;
        state: 'up' | 'down' | 'failed' | 'tried' | 'backup';
      }[];
    })
  | (Base & {
      type: 'upstream';
      address: string;
      attempt: number;
      method: string;
      uri: string;
      httpVersion: string;
      headers: HeaderList;
      reason: string;
    })
  | (Base & {
      type: 'backend';
      address: string;
      outcome: 'response' | 'refused' | 'timeout';
      status: number | null;
      durationMs: number;
    })
  | (Base & { type: 'headers'; added: HeaderList; hidden: string[]; reason: string })
  | (Base & {
      type: 'respond';
      status: number;
      source: 'upstream' | 'cache' | 'return' | 'error' | 'redirect' | 'static';
      reason: string;
    })
  | (Base & { type: 'log'; line: string });

export type TraceType = TraceEvent['type'];
