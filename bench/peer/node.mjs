// Times the workloads on Node (see timing.mjs): our engines' npm package
// (target/js-package/node, built by scripts/package) and the peer, aws-local-stepfunctions.
// Prints one JSON line per workload and engine: {"where": "node", "workload", "engine", "ms"}.
//
// Usage: node bench/peer/node.mjs WORKLOAD_FILE...   (each {definition, input})
import { readFileSync } from 'node:fs';
import { basename, join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { StateMachine } from 'aws-local-stepfunctions';
import { timeWorkload } from './timing.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ours = createRequire(import.meta.url)(join(root, 'target/js-package/node/engines.js'));

for (const file of process.argv.slice(2)) {
  const { definition, input } = JSON.parse(readFileSync(file, 'utf8'));
  const workload = { name: basename(file, '.json'), definition, input };
  for (const row of await timeWorkload(workload, ours, StateMachine)) {
    console.log(JSON.stringify({ where: 'node', ...row }));
  }
}
