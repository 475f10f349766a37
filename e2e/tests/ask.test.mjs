// Ask the engines one question: test one state alone (TestState) and simulate one request
// (the IAM policy simulator), both wired into the scenario being edited; a misspelt action
// is marked in the policy editor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, tid, until, waitForStatus, screenshot, openInEditor, seedPreset,
} from '../lib/harness.mjs';

const TASK = 'GetSecretCrossAccount';
const WIDTHS = [[1440, 900], [1280, 720], [390, 844]];
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function testStatus(page, want) {
  const status = tid(page, 'test-status');
  await until(async () => (await status.count()) > 0 && (await status.getAttribute('data-status')) === want,
    `TestState status ${want}`, 20_000);
}

async function simResult(page, want) {
  const result = tid(page, 'sim-result');
  await until(async () => (await result.count()) > 0 && (await result.getAttribute('data-result')) === want,
    `simulator result ${want}`, 20_000);
}

async function noSidewaysScroll(page, where) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.scrollingElement.scrollWidth, width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `${where}: the page scrolls sideways (${scroll} > ${width})`);
}

for (const [width, height] of WIDTHS) {
  test(`at ${width} px the seed's cross-account Task runs alone: in the world, then with a mocked error, then caught`, async () => {
    const context = await browser.newContext({ viewport: { width, height } });
    const { page, checkClean } = await openApp(browser, { context });
    try {
      await waitForStatus(page, 'SUCCEEDED');
      await page.locator(`[data-testid="graph-node"][data-state="${TASK}"]`).click();
      await tid(page, 'test-state-button').click();
      const drawer = tid(page, 'ask-drawer');
      await drawer.waitFor();
      assert.equal(await tid(page, 'test-state-name').inputValue(), TASK);
      const input = JSON.parse(await tid(page, 'test-input').inputValue());
      assert.ok(input.Configuration, 'the input is the one the state had in the run');
      // The simulated world answers: the role is assumed across accounts, IAM enforced.
      await testStatus(page, 'SUCCEEDED');
      const calls = await page.locator('[data-testid="test-call"]').allInnerTexts();
      assert.ok(calls.some((c) => /^sts:AssumeRole allowed/.test(c)), `the calls: ${calls.join(' | ')}`);

      // A mocked error: the state has no Catch, so TestState says FAILED, with inspection data.
      await tid(page, 'answer-error').check();
      await tid(page, 'mock-error').fill('States.TaskFailed');
      await tid(page, 'mock-cause').fill('the other account is down');
      await testStatus(page, 'FAILED');
      assert.match(await tid(page, 'test-error').innerText(), /States\.TaskFailed: the other account is down/);
      const stages = await page.locator('[data-testid="inspection-data"] li').evaluateAll(
        (items) => items.map((li) => li.dataset.stage));
      assert.ok(stages.includes('input') && stages.includes('afterParameters'), `inspection data: ${stages}`);
      await noSidewaysScroll(page, `TestState at ${width}`);
      await screenshot(page, `ask-test-state-${width}`);

      if (width === 1440) {
        // Edit the definition: a Catch makes the same mocked error CAUGHT_ERROR, live.
        const { scenario } = seedPreset();
        const pointer = '/accounts/111111111111/stateMachines/SecretCacheConsumerWfw';
        const editor = await openInEditor(page, pointer);
        const machine = structuredClone(scenario.accounts['111111111111'].stateMachines.SecretCacheConsumerWfw);
        machine.definition.States.Recover = { Type: 'Pass', End: true };
        machine.definition.States[TASK].Catch = [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }];
        await editor.fill(JSON.stringify(machine, null, 2));
        await testStatus(page, 'CAUGHT_ERROR');
        assert.match(await tid(page, 'test-next-state').innerText(), /Recover/);
        await screenshot(page, `ask-test-state-caught-${width}`);
      }
      await checkClean();
    } finally {
      await context.close();
    }
  });

  test(`at ${width} px the simulator opened from the seed's AssumeRole allows it, and a changed ExternalId is denied by its condition`, async () => {
    const context = await browser.newContext({ viewport: { width, height } });
    const { page, checkClean } = await openApp(browser, { context });
    try {
      await waitForStatus(page, 'SUCCEEDED');
      const call = page.locator('[data-testid="call"]', { has: page.locator('code.resource', { hasText: 'arn:aws:iam::222222222222:role/' }) })
        .filter({ has: page.locator('code.action', { hasText: /^sts:AssumeRole$/ }) });
      await call.first().locator('[data-testid="open-in-simulator"]').click();
      await tid(page, 'ask-drawer').waitFor();
      assert.equal(await tid(page, 'sim-action').inputValue(), 'sts:AssumeRole');
      await simResult(page, 'Allowed');
      assert.match(await tid(page, 'sim-headline').innerText(), /^sts:AssumeRole allowed/);
      const keys = page.locator('[data-testid="sim-context-key"]');
      const names = await keys.evaluateAll((inputs) => inputs.map((i) => i.value));
      const at = names.indexOf('sts:ExternalId');
      assert.ok(at >= 0, `the ExternalId the call sent is prefilled: ${names}`);
      await screenshot(page, `ask-simulator-allowed-${width}`);
      await page.locator('[data-testid="sim-context-value"]').nth(at).fill('arn:aws:states:us-east-1:111111111111:stateMachine:Impostor');
      await simResult(page, 'ImplicitlyDenied');
      const headline = await tid(page, 'sim-headline').innerText();
      assert.match(headline, /sts:ExternalId/, headline);
      assert.match(headline, /Impostor/, headline);
      await noSidewaysScroll(page, `simulator at ${width}`);
      await screenshot(page, `ask-simulator-denied-${width}`);
      await checkClean();
    } finally {
      await context.close();
    }
  });
}

test('a misspelt action in a policy is marked in the editor', async () => {
  const { context, page, checkClean } = await openApp(browser);
  try {
    await waitForStatus(page, 'SUCCEEDED');
    const { scenario } = seedPreset();
    const pointer = '/accounts/222222222222/roles/SecretCacheWfwRl/policies/SecretCache';
    const policy = structuredClone(scenario.accounts['222222222222'].roles.SecretCacheWfwRl.policies.SecretCache);
    policy.Statement[0].Action = ['secretsmanager:GetSecretVaule'];
    const editor = await openInEditor(page, pointer);
    await editor.fill(JSON.stringify(policy, null, 2));
    const line = JSON.stringify(policy, null, 2).split('\n').findIndex((l) => l.includes('GetSecretVaule')) + 1;
    const mark = page.locator(`[data-testid="editor-mark"][data-line="${line}"]`);
    await until(async () => (await mark.count()) > 0, `a mark on line ${line}`, 20_000);
    const title = await mark.first().getAttribute('title');
    assert.match(title, /GetSecretVaule/, title);
    assert.match(title, /GetSecretValue/, `the mark suggests the right name: ${title}`);
    await screenshot(page, 'ask-misspelt-action');
    await checkClean();
  } finally {
    await context.close();
  }
});
