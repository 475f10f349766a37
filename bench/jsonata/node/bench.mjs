// Times the workloads of bench/jsonata/*.json with the JSONata reference implementation
// (npm jsonata): checks each gives its `expect`ed value, then prints one JSON line per
// workload, {"workload", "ms"}, the median time of one evaluation over 15 batches of about
// 60 ms. Each expression is compiled once, outside the measurement. Usage: node bench.mjs DIR
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import jsonata from 'jsonata';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench.mjs DIR (the folder of the workloads, bench/jsonata)');
  process.exit(2);
}
const read = (f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
const now = () => Number(process.hrtime.bigint()) / 1e6;

let failed = false;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const workload = read(file);
  if (workload.expression === undefined) continue;
  const name = path.basename(file, '.json');
  try {
    const input = read(workload.inputFile);
    const expr = jsonata(workload.expression);
    // The result as plain JSON (jsonata marks sequences with extra properties).
    assert.deepStrictEqual(JSON.parse(JSON.stringify(await expr.evaluate(input))), workload.expect);
    const start = now();
    let calibration = 0;
    while (now() - start < 200) {
      await expr.evaluate(input);
      calibration++;
    }
    const per = (now() - start) / calibration;
    const batch = Math.max(1, Math.floor(60 / per));
    const samples = [];
    for (let s = 0; s < 15; s++) {
      const t = now();
      for (let i = 0; i < batch; i++) await expr.evaluate(input);
      samples.push((now() - t) / batch);
    }
    samples.sort((a, b) => a - b);
    console.log(JSON.stringify({ workload: name, ms: samples[Math.floor(samples.length / 2)] }));
  } catch (e) {
    console.error(`${name}: ${e.message ?? e}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
