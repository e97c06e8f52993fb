/**
 * How long the sandbox takes to read a realistic configuration: the learner's
 * editor recompiles on every change, so parse + compile of a ~200-line file
 * must stay well under a frame.
 */
import { readFileSync } from 'node:fs';
import { compileConfig } from '../src/engine';
import { median, progress, type Figure } from './figure';

const FIXTURE = new URL('./fixtures/large.conf', import.meta.url);

const WARMUP_ITERATIONS = 200;
const MIN_ITERATIONS = 300;
const MAX_MS = 3000;

export async function parseBench(): Promise<Figure[]> {
  const text = readFileSync(FIXTURE, 'utf8');
  const lines = text.split('\n').length;
  // A fixture that stopped compiling would time the error path instead.
  compileConfig(text);
  progress(`parse: ${lines}-line config, warming up`);
  for (let i = 0; i < WARMUP_ITERATIONS; i++) compileConfig(text);

  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < MIN_ITERATIONS || performance.now() - start < MAX_MS / 3) {
    const t0 = performance.now();
    compileConfig(text);
    samples.push(performance.now() - t0);
    if (performance.now() - start > MAX_MS) break;
  }
  return [
    {
      name: `parse+compile ${Math.round(lines / 50) * 50}-line config`,
      value: median(samples),
      unit: 'ms',
      target: '< 5',
    },
  ];
}
