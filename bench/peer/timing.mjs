// How the harnesses time one workload, in Node and in the page alike: a warm-up of at
// least 300 ms, then 11 batches (each about half the warm-up's count of runs); the median
// batch's milliseconds per execution.

/** Median milliseconds per call of the async or sync `run`. */
export async function msPerRun(run) {
  const until = performance.now() + 300;
  let count = 0;
  while (performance.now() < until || count < 3) {
    await run();
    count++;
  }
  const perBatch = Math.max(1, Math.round(count / 2));
  const samples = [];
  for (let b = 0; b < 11; b++) {
    const start = performance.now();
    for (let i = 0; i < perBatch; i++) await run();
    samples.push((performance.now() - start) / perBatch);
  }
  samples.sort((a, b) => a - b);
  return samples[5];
}

/**
 * Times `workload` ({name, definition, input}) with our engines (`ours`, the package's
 * exports) and, for a JSONPath definition, with the peer's `StateMachine` (`Peer`). Each
 * definition is parsed once, outside the timing: ours a `StateMachine` answering the
 * outcome alone (`ours`) or with its events as JSON (`ours+events`), the peer's built with
 * its validation. Checks that both succeed with the same output. Returns rows
 * {workload, engine, ms}.
 */
export async function timeWorkload(workload, ours, Peer) {
  const { name, definition, input } = workload;
  const definitionText = JSON.stringify(definition);
  const inputText = JSON.stringify(input);
  const summary = JSON.parse(ours.runDefinition(definitionText, inputText, '{"history": false}'));
  if (summary.status !== 'SUCCEEDED') {
    throw new Error(`${name}: ours ended ${JSON.stringify(summary).slice(0, 300)}`);
  }
  const rows = [];
  for (const [engine, options] of [['ours', '{"history": false}'], ['ours+events', '{}']]) {
    const machine = new ours.StateMachine(definitionText, options);
    const ms = await msPerRun(() => machine.run(inputText));
    machine.free();
    rows.push({ workload: name, engine, ms });
  }
  if (definition.QueryLanguage !== 'JSONata') {
    const machine = new Peer(definition, { validationOptions: { checkArn: false } });
    const theirs = await machine.run(input).result;
    if (JSON.stringify(theirs) !== JSON.stringify(summary.output)) {
      throw new Error(`${name}: outputs differ: peer ${JSON.stringify(theirs).slice(0, 200)}, ours ${JSON.stringify(summary.output).slice(0, 200)}`);
    }
    rows.push({ workload: name, engine: 'peer', ms: await msPerRun(() => machine.run(input).result) });
  }
  return rows;
}
