/**
 * The proxy engine's public surface: compile nginx configuration text, then
 * run requests through it. Pure TypeScript: no DOM, no worker globals, no
 * timers of its own.
 */
import type { Clock } from './clock';
import { compileConfig, type CompileOptions, type CompiledConfig } from './compile';
import { ProxyEngine } from './engine';
import type { Transport } from './upstream/transport';

export { ConfigError, isConfigError } from './errors';
export { compileConfig, type CompileOptions, type CompiledConfig } from './compile';
export { ProxyEngine, type HandleResult, type ProxyOptions } from './engine';
export { Cancellation, VirtualClock, createSystemClock, type Clock } from './clock';
export { clientRequest, splitUrl, type ClientRequestInit } from '../http/client-request';
export {
  toFetchResponse,
  bodyText,
  headerValue,
  headerValues,
  type EngineResponse,
  type HeaderList,
  type IncomingRequest,
} from '../http/message';
export type { TraceEvent, TraceType } from './trace';
export type {
  Transport,
  UpstreamOutcome,
  UpstreamRequest,
  UpstreamResponse,
} from './upstream/transport';
export type { ConfigNode, Context } from './config/node';
export { ConfigLexer, type ReadResult } from './config/lexer';
export { parseConfig } from './config/parser';
export type { Arity, DirectiveDef } from './directive';
export { allDirectives, lookupDirective } from './modules';
export { builtinFile } from './builtin-files';
export { MIME_TYPES_FILE } from './http/mime-types-file';
export { REASONS, STATUS_LINE_REASONS } from '../http/pages';

/** Compiles `text` and returns an engine ready to handle requests; throws a ConfigError for a bad config. */
export function createProxy(
  text: string,
  options: { clock: Clock; transport: Transport } & CompileOptions,
): ProxyEngine {
  const config: CompiledConfig = compileConfig(text, options);
  return new ProxyEngine(config, options);
}
