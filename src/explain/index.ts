/**
 * The only reader of a trace: who answered, how a request ended, its hops
 * and their words, counts over many requests. Every panel, the map, the quiz
 * and the inspector ask here; none re-derives a decision.
 */
export { addToTally, emptyTally, type NginxSource, type Tally } from './addToTally';
export { answeredBy, type AnsweredBy } from './answeredBy';
export { cacheStatusOf } from './cacheStatusOf';
export { describeEvent, describeTrace } from './describeTrace';
export { headerChangeWords, markHeaderChanges, type HeaderMark } from './headerChanges';
export { hopsOf, journeyOf, type Hop, type HopKind, type Journey, type NodeName } from './hopsOf';
export { lastEvent, type EventOf } from './lastEvent';
export { observedWords } from './observedWords';
export { outcomeOf, type Outcome, type OutcomeKind } from './outcomeOf';
export { backendName, OUTCOME_COUNT_WORDS, outcomeWords } from './outcomeWords';
export { answersOf, SOURCE_WORDS, whoAnswered, type WhoAnswered } from './whoAnswered';
export { addToLive, emptyLive, type LiveState } from './liveState';
export { tailAccessLog, type AccessLogTail } from './accessLog';
export { collectCacheEntries, secondsLeft, type CacheEntry } from './cacheEntries';
export * from './compareMessages';
export * from './limitBuckets';
