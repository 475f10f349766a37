// The npm package's Node build (target/js-package/node, written by scripts/package) called
// as a user would: each function answers with the JSON `sfn-play` prints for the same input,
// and a malformed argument comes back as {"error": …}, never as an exception.
// Run: scripts/package && node --test js/test/
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkg = join(root, "target", "js-package");
const shared = join(root, "..", "shared");
const hasShared = existsSync(join(shared, "bench"));
const skipShared = hasShared ? false : `${shared} is absent: the shared workloads are not here`;
const engines = createRequire(import.meta.url)(join(pkg, "node", "engines.js"));
const sfnPlay = join(root, "target", "debug", "sfn-play");

before(() => {
  if (!existsSync(sfnPlay)) {
    execFileSync("cargo", ["build", "-q", "-p", "cli", "--bin", "sfn-play"], { cwd: root, stdio: "inherit" });
  }
});

/** What `sfn-play ARGS` prints on standard output (any exit status). */
function cli(args) {
  try {
    return execFileSync(sfnPlay, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    if (typeof e.stdout === "string" && e.stdout !== "") return e.stdout;
    throw e;
  }
}

function preset(id) {
  return readFileSync(join(root, "crates", "sim", "presets", `${id}.json`), "utf8");
}

test("package.json names the builds and the types", () => {
  const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
  assert.equal(manifest.name, "sfn-playground-engines");
  assert.match(manifest.version, /^\d+\.\d+\.\d+/);
  assert.equal(manifest.exports["."].node.default, "./node/engines.js");
  assert.equal(manifest.exports["."].browser.default, "./web/engines.js");
  for (const file of ["node/engines.d.ts", "web/engines.d.ts", "web/engines_bg.wasm", "README.md"]) {
    assert.ok(existsSync(join(pkg, file)), `${file} is in the package`);
  }
  const types = readFileSync(join(pkg, "node", "engines.d.ts"), "utf8");
  assert.match(types, /export function runDefinition\(definition: string, input: string, options\?: string \| null\): string;/);
  assert.match(types, /export class StateMachine \{/);
  assert.match(types, /run\(input: string\): string;/);
  assert.match(types, /readonly error: string \| undefined;/);
  assert.match(types, /export function memoryBytes\(\): number;/);
});

test("the web build (an ES module) starts from the wasm bytes and answers as the Node build", async () => {
  const web = await import(pathToFileURL(join(pkg, "web", "engines.js")).href);
  await web.default({ module_or_path: readFileSync(join(pkg, "web", "engines_bg.wasm")) });
  const text = '{"StartAt": "Missing", "States": {"Done": {"Type": "Succeed"}}}';
  assert.equal(web.validate(text), engines.validate(text));
  assert.notEqual(web.validate(text), "[]");
});

test("runDefinition on bench/small.json succeeds with the JSON sfn-play run prints", { skip: skipShared }, () => {
  const workload = JSON.parse(readFileSync(join(shared, "bench", "small.json"), "utf8"));
  const dir = mkdtempSync(join(tmpdir(), "sfn-js-"));
  const definition = JSON.stringify(workload.definition);
  const input = JSON.stringify(workload.input);
  writeFileSync(join(dir, "small.json"), definition);
  writeFileSync(join(dir, "input.json"), input);
  const ours = engines.runDefinition(definition, input, JSON.stringify({ name: "small" }));
  assert.equal(JSON.parse(ours).status, "SUCCEEDED");
  const theirs = cli(["run", "--definition", join(dir, "small.json"), "--input", join(dir, "input.json")]);
  assert.equal(ours, theirs.trimEnd());
  // Without the history: the same outcome, no events.
  const { events, ...outcome } = JSON.parse(ours);
  assert.ok(events.length > 0);
  const summary = engines.runDefinition(definition, input, JSON.stringify({ name: "small", history: false }));
  assert.deepEqual(JSON.parse(summary), outcome);
});

test("runDefinition answers the Tasks from a mock test case, as sfn-play run --mocks does", () => {
  const examples = join(root, "examples");
  const definition = readFileSync(join(examples, "retry.asl.json"), "utf8");
  const input = readFileSync(join(examples, "order.json"), "utf8");
  const mocks = JSON.parse(readFileSync(join(examples, "retry.mocks.json"), "utf8"));
  const options = { mocks, testCase: "FailTwiceThenSucceed", seed: 7, name: "retry.asl" };
  const ours = engines.runDefinition(definition, input, JSON.stringify(options));
  assert.equal(JSON.parse(ours).status, "SUCCEEDED");
  const theirs = cli(["run", "--definition", join(examples, "retry.asl.json"), "--input", join(examples, "order.json"),
    "--mocks", join(examples, "retry.mocks.json"), "--test-case", "FailTwiceThenSucceed", "--seed", "7"]);
  assert.equal(ours, theirs.trimEnd());
  const failing = JSON.parse(engines.runDefinition(definition, input, JSON.stringify({ ...options, testCase: "AlwaysFails" })));
  assert.equal(failing.status, "FAILED");
  const unknown = JSON.parse(engines.runDefinition(definition, input, JSON.stringify({ ...options, testCase: "NoSuchCase" })));
  assert.equal(unknown.error.kind, "InvalidMocks");
});

test("a StateMachine parses once and runs again and again as runDefinition does, mocks fresh each run", () => {
  const examples = join(root, "examples");
  const definition = readFileSync(join(examples, "retry.asl.json"), "utf8");
  const input = readFileSync(join(examples, "order.json"), "utf8");
  const mocks = JSON.parse(readFileSync(join(examples, "retry.mocks.json"), "utf8"));
  const options = JSON.stringify({ mocks, testCase: "FailTwiceThenSucceed", seed: 7, name: "retry.asl" });
  const machine = new engines.StateMachine(definition, options);
  assert.equal(machine.error, undefined);
  const once = engines.runDefinition(definition, input, options);
  // The test case fails twice then succeeds: a second run starts from its first answer again.
  assert.equal(machine.run(input), once);
  assert.equal(machine.run(input), once);
  assert.equal(JSON.parse(machine.run("{oops")).error.kind, "InvalidJson");
  machine.free();

  const invalid = new engines.StateMachine('{"StartAt": "Missing", "States": {}}');
  assert.equal(JSON.parse(invalid.error).error.kind, "InvalidDefinition");
  assert.equal(invalid.run("{}"), invalid.error);
  const badOptions = new engines.StateMachine(definition, '{"history": "no"}');
  assert.equal(JSON.parse(badOptions.error).error.kind, "InvalidArgument");
});

test("runScenario of the seed preset SUCCEEDS, as sfn-play run prints it", () => {
  const text = preset("cross-account-secret-cache");
  const ours = engines.runScenario(text);
  const report = JSON.parse(ours);
  assert.equal(report.executions[0].status, "SUCCEEDED");
  const dir = mkdtempSync(join(tmpdir(), "sfn-js-"));
  writeFileSync(join(dir, "seed.json"), text);
  assert.equal(ours, cli(["run", join(dir, "seed.json")]).trimEnd());
});

test("validate locates the problem of a broken definition", () => {
  const broken = '{\n  "StartAt": "Missing",\n  "States": {\n    "Done": {"Type": "Succeed"}\n  }\n}';
  const diagnostics = JSON.parse(engines.validate(broken));
  assert.ok(diagnostics.length > 0);
  const first = diagnostics[0];
  assert.equal(first.severity, "error");
  assert.equal(typeof first.line, "number");
  assert.equal(typeof first.column, "number");
  assert.deepEqual(JSON.parse(engines.validate('{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}')), []);
});

test("authorize answers Allowed for bench/iam_request.json, as sfn-play authorize does", { skip: skipShared }, () => {
  const file = join(shared, "bench", "iam_request.json");
  const ours = engines.authorize(readFileSync(file, "utf8"));
  assert.equal(JSON.parse(ours).result, "Allowed");
  assert.equal(ours, cli(["authorize", file]).trimEnd());
});

test("testState runs one state as the TestState API does", () => {
  const request = {
    definition: JSON.stringify({ Type: "Pass", Parameters: { "sum.$": "States.MathAdd($.a, 2)" }, End: true }),
    input: '{"a": 40}',
  };
  const response = JSON.parse(engines.testState(JSON.stringify(request)));
  assert.equal(response.status, "SUCCEEDED");
  assert.deepEqual(JSON.parse(response.output), { sum: 42 });
});

test("testState in a scenario answers the Task from the simulated account, as sfn-play test-state does", () => {
  const text = preset("cross-account-secret-cache");
  const machine = "arn:aws:states:us-east-1:111111111111:stateMachine:SecretCacheConsumerWfw";
  const request = { stateName: "FetchConfiguration", input: "{}" };
  const ours = engines.testState(JSON.stringify(request), JSON.stringify({ scenario: text, stateMachine: machine }));
  assert.equal(JSON.parse(ours).status, "SUCCEEDED", ours);
  const dir = mkdtempSync(join(tmpdir(), "sfn-js-"));
  writeFileSync(join(dir, "seed.json"), text);
  writeFileSync(join(dir, "input.json"), "{}");
  const theirs = cli(["test-state", "--scenario", join(dir, "seed.json"), "--machine", machine,
    "--state", "FetchConfiguration", "--input", join(dir, "input.json")]);
  assert.equal(ours, theirs.trimEnd());
  const unknown = JSON.parse(engines.testState(JSON.stringify(request), JSON.stringify({ scenario: text, stateMachine: `${machine}X` })));
  assert.equal(unknown.error.kind, "InvalidTestStateRequest");
  assert.match(unknown.error.message, /did you mean/);
});

test("evaluateJsonata gives results, undefined and JSONata's errors", () => {
  assert.deepEqual(JSON.parse(engines.evaluateJsonata("$sum(a) * $x", '{"a": [1, 2, 3]}', '{"x": 2}')), { result: 12 });
  assert.deepEqual(JSON.parse(engines.evaluateJsonata("nothing", "{}")), { undefined: true });
  assert.equal(JSON.parse(engines.evaluateJsonata("1 +")).error.code, "S0207");
});

test("malformed arguments come back as error JSON, not as exceptions", () => {
  const cases = [
    [() => engines.runDefinition('{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}', "{oops"), "InvalidJson"],
    [() => engines.runDefinition("not json", "{}"), "InvalidDefinition"],
    [() => engines.runDefinition('{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}', "{}", '{"seed": "x"}'), "InvalidArgument"],
    [() => engines.runDefinition('{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}', "{}", '{"testCase": "T"}'), "InvalidArgument"],
    [() => engines.runScenario('{"scenarioVersion": 1'), "InvalidScenario"],
    [() => engines.authorize("[{]"), "InvalidJson"],
    [() => engines.authorize('{"request": {}}'), "InvalidRequest"],
    [() => engines.testState('{"input": "{}"}'), "InvalidArgument"],
    [() => engines.testState('{"definition": "{\\"Type\\": \\"Nope\\"}"}'), "InvalidTestStateRequest"],
    [() => engines.evaluateJsonata("$", "[1,"), "InvalidJson"],
  ];
  for (const [call, kind] of cases) {
    const answer = JSON.parse(call());
    assert.equal(answer.error?.kind, kind, `${call}: ${JSON.stringify(answer)}`);
    assert.equal(typeof answer.error.message, "string");
  }
  const syntax = JSON.parse(engines.runDefinition('{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}', '{\n  "a": }'));
  assert.deepEqual([syntax.error.argument, syntax.error.line], ["input", 2]);
});
