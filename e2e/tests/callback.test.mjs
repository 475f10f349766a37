// A Task waiting for its token: the page shows it paused with its token and message, and
// answering it (as a role of the scenario) adds a `callbacks` entry and re-runs: denied
// from the other account directly, allowed through a role of the machine's account.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, tid, until, statusText, waitForStatus, screenshot } from '../lib/harness.mjs';
import { scenarioUrl, presetScenario, SIZES } from '../lib/fixtures.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// The cross-account callback preset with no answer and no timeout: the run pauses.
function unanswered() {
  const scenario = presetScenario('cross-account-callback');
  delete scenario.callbacks;
  delete scenario.accounts['111111111111'].stateMachines.ApprovalWfw.definition.States.RequestApproval.TimeoutSeconds;
  return scenario;
}

async function paused(page) {
  await until(async () => (await statusText(page)).includes('RUNNING') && !(await tid(page, 'run-progress').count()), 'run-status RUNNING');
  const task = tid(page, 'paused-task').first();
  await task.waitFor({ state: 'visible', timeout: 10_000 });
  return task;
}

test('a paused Task shows its token and is answered from the page', async () => {
  const { context, page, checkClean } = await openApp(browser, { url: scenarioUrl(unanswered()) });
  try {
    const task = await paused(page);
    assert.match(await tid(task, 'paused-token').innerText(), /^[0-9a-f]{64}$/);
    assert.match(await task.innerText(), /RequestApproval is waiting for its task token/);
    assert.match(await task.innerText(), /waiting since 0 s after the execution started/);
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await task.scrollIntoViewIfNeeded();
      console.log(`screenshot: ${await screenshot(page, `paused-callback-${width}`)}`);
      const box = await tid(task, 'answer-form').boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= width + 1, `the answer form fits at ${width}px`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    // Directly from the other account: denied (no resource policy on a state machine).
    await tid(task, 'answer-principal').selectOption('arn:aws:iam::222222222222:role/ApprovalConsumerRl');
    assert.ok(await tid(task, 'answer-cross-hint').isVisible(), 'the form says why a cross-account answer needs a role');
    await tid(task, 'answer-submit').click();
    const denied = page.locator('[data-testid="call"][data-result$="Denied"]');
    await until(async () => {
      for (const c of await denied.all()) if ((await c.textContent()).includes('states:SendTaskSuccess')) return true;
      return false;
    }, 'a denied states:SendTaskSuccess call');
    const still = await paused(page);
    // Through CallbackResponderRl in the machine's account, with the external id its trust asks for.
    await tid(still, 'answer-principal').selectOption('arn:aws:iam::222222222222:role/ApprovalConsumerRl');
    await tid(still, 'answer-assume').selectOption('arn:aws:iam::111111111111:role/CallbackResponderRl');
    await tid(still, 'answer-external-id').fill('approvals-consumer');
    await tid(still, 'answer-output').fill('{"approved": true}');
    await tid(still, 'answer-submit').click();
    await waitForStatus(page, 'SUCCEEDED');
    assert.match(await tid(page, 'run-output').innerText(), /"approved": true/);
    checkClean();
  } finally {
    await context.close();
  }
});
