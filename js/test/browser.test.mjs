// The npm package's web build (target/js-package/web, written by scripts/package) in
// headless Chromium, as a page would load it: an ES module from localhost whose `init()`
// fetches the wasm beside it. Every function answers there as the Node build answers here,
// and a StateMachine runs in the page. Needs playwright-core (e2e/node_modules) and
// /usr/bin/chromium (scripts/e2e installs both); skipped with a message when either is absent,
// unless SFN_REQUIRE_BROWSER=1 (scripts/test), which makes their absence a failure.
// Run: scripts/package && node --test js/test/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const web = join(root, "target", "js-package", "web");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const playwrightDir = join(root, "e2e", "node_modules", "playwright-core");
const skip = !existsSync(playwrightDir)
  ? `${playwrightDir} is absent (npm ci in e2e/ installs it)`
  : !existsSync(chromiumPath)
    ? `${chromiumPath} is absent (scripts/e2e installs chromium)`
    : false;
if (skip && process.env.SFN_REQUIRE_BROWSER === "1") throw new Error(`the browser test cannot run: ${skip}`);
const engines = createRequire(import.meta.url)(join(root, "target", "js-package", "node", "engines.js"));

const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const page = `<!doctype html><meta charset="utf-8"><title>engines</title>
<script type="module">
import init, * as engines from "./engines.js";
await init();
window.engines = engines;
</script>`;
let server;
let browser;
let tab;

before(async () => {
  if (skip) return;
  server = createServer((req, res) => {
    const name = req.url === "/" ? null : req.url.slice(1);
    if (name === null) return res.writeHead(200, { "content-type": types[".html"] }).end(page);
    const file = join(web, name);
    if (!/^[\w.]+$/.test(name) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[name.slice(name.lastIndexOf("."))] ?? "application/octet-stream" })
      .end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { chromium } = createRequire(join(root, "e2e", "package.json"))("playwright-core");
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  tab = await browser.newPage();
  const errors = [];
  tab.on("pageerror", (e) => errors.push(e.message));
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => window.engines !== undefined, null, { timeout: 60_000 }).catch((e) => {
    throw new Error(`the web build did not start: ${errors.join("; ") || e.message}`);
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Calls `engines[name](...args)` in the page. */
const inPage = (name, ...args) => tab.evaluate(([n, a]) => window.engines[n](...a), [name, args]);

test("every function answers in the browser as in Node", { skip }, async () => {
  const definition = '{"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Result": {"greeting": "hi"}, "End": true}}}';
  const scenario = readFileSync(join(root, "crates", "sim", "presets", "cross-account-secret-cache.json"), "utf8");
  const calls = [
    ["runDefinition", definition, "{}", '{"seed": 3}'],
    ["runDefinition", definition, "{oops"],
    ["runScenario", scenario],
    ["validate", '{"StartAt": "Missing", "States": {}}'],
    ["authorize", JSON.stringify({
      request: { principal: "arn:aws:iam::111111111111:role/R", action: "s3:GetObject",
        resource: { resource: "arn:aws:s3:::b/k", accountId: "111111111111" } },
      identityPolicies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }],
    })],
    ["testState", JSON.stringify({ definition: '{"Type": "Pass", "Result": 1, "End": true}', input: "{}" })],
    ["evaluateJsonata", "$sum(a)", '{"a": [1, 2, 3]}'],
  ];
  for (const [name, ...args] of calls) {
    const here = engines[name](...args);
    const expectError = name === "validate" || (name === "runDefinition" && args[1] === "{oops");
    assert.equal(here.startsWith('{"error"') || here.startsWith("[{"), expectError, `${name}: ${here.slice(0, 200)}`);
    assert.equal(await inPage(name, ...args), here, `${name} answers the same in the browser`);
  }
  const ran = JSON.parse(await inPage("runScenario", scenario));
  assert.equal(ran.executions[0].status, "SUCCEEDED");
});

test("a StateMachine runs in the page, its events as in Node", { skip }, async () => {
  const definition = '{"StartAt": "Count", "States": {"Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "End": true}}}';
  const answers = await tab.evaluate((d) => {
    const machine = new window.engines.StateMachine(d);
    const out = [machine.error, machine.run('{"n": 1}'), machine.run('{"n": 41}')];
    machine.free();
    return out;
  }, definition);
  assert.equal(answers[0], undefined);
  assert.equal(answers[1], engines.runDefinition(definition, '{"n": 1}'));
  assert.deepEqual(JSON.parse(answers[2]).output, { n: 42 });
});
