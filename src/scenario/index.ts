/** The scenario model: one schema for a scenario and one client request type (see scenario.ts). */
export * from './backend.ts';
export * from './request.ts';
export * from './scenario.ts';
export * from './url.ts';
export { KIB } from './fields.ts';
export { NOT_PROTO, noProtoKeys } from './no-proto-keys.ts';
