// The engines' JavaScript API on the built page: Trunk puts the page module's exports on
// window.wasmBindings; each function forwards to a worker of its own and resolves with the
// text the npm package's function returns (js/test/ checks the package itself). A page
// script runs a definition, the seed scenario and an authorization this way while the
// playground stays as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openApp, until, waitForStatus, REPO } from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a script in the page calls the engines through window.wasmBindings', async () => {
  const { context, page } = await openApp(browser);
  try {
    await waitForStatus(page, 'SUCCEEDED');
    const names = await page.evaluate(() => Object.keys(window.wasmBindings ?? {}));
    for (const name of ['runDefinition', 'runScenario', 'validate', 'authorize', 'testState', 'evaluateJsonata']) {
      assert.ok(names.includes(name), `window.wasmBindings.${name} is exported (has: ${names.join(', ')})`);
    }
    const definition = JSON.stringify({
      StartAt: 'Add', States: { Add: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, End: true } },
    });
    const ran = JSON.parse(await page.evaluate((d) => window.wasmBindings.runDefinition(d, '{"n": 41}'), definition));
    assert.equal(ran.status, 'SUCCEEDED');
    assert.deepEqual(ran.output, { n: 42 });
    assert.deepEqual(ran.events.map((e) => e.type),
      ['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);

    const invalid = JSON.parse(await page.evaluate(() => window.wasmBindings.runDefinition('{"StartAt": "X", "States": {}}', '{}')));
    assert.equal(invalid.error.kind, 'InvalidDefinition');

    const scenario = fs.readFileSync(path.join(REPO, 'crates/sim/presets/cross-account-secret-cache.json'), 'utf8');
    const [report, diagnostics, jsonata] = await page.evaluate(async (s) => Promise.all([
      window.wasmBindings.runScenario(s),
      window.wasmBindings.validate('{"StartAt": "Missing", "States": {}}'),
      window.wasmBindings.evaluateJsonata('$sum(a)', '{"a": [1, 2, 3]}'),
    ]), scenario);
    assert.equal(JSON.parse(report).executions[0].status, 'SUCCEEDED');
    assert.ok(JSON.parse(diagnostics).length > 0, 'validate finds the missing StartAt state');
    assert.deepEqual(JSON.parse(jsonata), { result: 6 });

    const request = fs.readFileSync(path.join(REPO, 'e2e/fixtures/authorize-request.json'), 'utf8');
    const decision = JSON.parse(await page.evaluate((r) => window.wasmBindings.authorize(r), request));
    assert.equal(decision.result, 'Allowed');
    // The page's own run is untouched.
    await waitForStatus(page, 'SUCCEEDED');
  } finally {
    await context.close();
  }
});
