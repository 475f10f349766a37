// The WebAssembly memory our engines hold after one run of a workload file's definition
// with `input.n` = N, in a fresh instance (the memory grows to a run's peak and never
// shrinks): prints {"n", "peakBytes", "startBytes"}. The answer leaves out the events (as
// the native count does, the history is recorded, not serialized). Run once per N by
// scripts/bench.
//
// Usage: node bench/peer/memory.mjs WORKLOAD_FILE N
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ours = createRequire(import.meta.url)(join(root, 'target/js-package/node/engines.js'));
const [file, n] = process.argv.slice(2);
const { definition, input } = JSON.parse(readFileSync(file, 'utf8'));
const before = ours.memoryBytes();
const outcome = JSON.parse(ours.runDefinition(JSON.stringify(definition),
  JSON.stringify({ ...input, n: Number(n) }), '{"history": false}'));
if (outcome.status !== 'SUCCEEDED') throw new Error(JSON.stringify(outcome).slice(0, 300));
console.log(JSON.stringify({ n: Number(n), peakBytes: ours.memoryBytes(), startBytes: before }));
