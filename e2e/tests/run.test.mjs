// Running the seed preset, breaking its trust policy, and running from the keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, tid, until, run, waitForStatus, statusText, screenshot, openInEditor,
  seedPreset, secretStrings, secretMarkers, trustPolicyPointer,
} from '../lib/harness.mjs';

const ROLE = 'TrustingAccountRl';
const EMPTY_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [] }, null, 2);
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('first visit runs the seed preset to SUCCEEDED and shows the secret', async () => {
  const { scenario, file } = seedPreset();
  const secrets = secretStrings(scenario);
  assert.ok(secrets.length, `the seed preset ${file} has no secretString`);
  const { context, page, checkClean } = await openApp(browser);
  try {
    assert.equal(await tid(page, 'error-banner').isVisible(), false, 'no error banner on a clean first visit');
    // No click: the first visit runs the seed by itself.
    await waitForStatus(page, 'SUCCEEDED');
    const output = tid(page, 'run-output');
    const shown = await until(async () => {
      const text = await output.innerText();
      return secrets.some((s) => secretMarkers(s).some((m) =>
        Array.isArray(m) ? m.every((leaf) => text.includes(leaf)) : text.includes(m))) && text;
    }, `run-output showing the secret of ${file}`);
    assert.ok(shown);
    const announced = await tid(page, 'run-announcer').innerText();
    assert.match(announced, /SUCCEEDED|succeeded/i, 'the run-announcer live region tells the result');
    console.log(`screenshot: ${await screenshot(page, 'first-visit')}`);
    checkClean();
  } finally {
    await context.close();
  }
});

test(`removing the trust policy's statement fails the run, explaining which role denied it`, async () => {
  const pointer = trustPolicyPointer(seedPreset().scenario, ROLE);
  const { context, page, checkClean } = await openApp(browser);
  try {
    const editor = await openInEditor(page, pointer);
    await editor.fill(EMPTY_TRUST);
    await run(page, 'FAILED');
    const denied = page.locator('[data-testid="call"][data-result$="Denied"]');
    // The explanation may sit folded (in a closed <details>): match its text, then unfold it
    // as a person would, by its summary, and see it.
    const call = await until(async () => {
      for (const c of await denied.all()) {
        if ((await tid(c, 'call-explanation').textContent()).includes(ROLE)) return c;
      }
      return false;
    }, `a denied call whose explanation names ${ROLE}`);
    assert.match(await call.getAttribute('data-result'), /^(Implicitly|Explicitly)Denied$/);
    assert.match(await tid(call, 'call-summary').innerText(), new RegExp(ROLE), 'the summary names the role');
    const explanation = tid(call, 'call-explanation');
    if (!(await explanation.isVisible()) && (await call.locator('summary').count())) {
      await call.locator('summary').first().click();
    }
    await explanation.waitFor({ state: 'visible', timeout: 5_000 });
    assert.match(await explanation.innerText(), new RegExp(ROLE), 'the unfolded explanation names the role');
    await call.scrollIntoViewIfNeeded();
    console.log(`screenshot: ${await screenshot(page, 'denied-call')}`);
    checkClean();
  } finally {
    await context.close();
  }
});

test('Ctrl+Enter runs the scenario', async () => {
  const pointer = trustPolicyPointer(seedPreset().scenario, ROLE);
  const { context, page, checkClean } = await openApp(browser);
  try {
    const editor = await openInEditor(page, pointer);
    await editor.fill(EMPTY_TRUST);
    assert.notEqual(await statusText(page), 'FAILED', 'nothing has run the edit yet');
    await editor.focus();
    await page.keyboard.press('Control+Enter');
    await waitForStatus(page, 'FAILED');
    checkClean();
  } finally {
    await context.close();
  }
});
