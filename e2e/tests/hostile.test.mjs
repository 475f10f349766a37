// Hostile and runaway scenarios never take the page down: a link whose run would carry a
// 200 KB payload through 25,000 events, and one whose ResultPath is 5,000 levels deep, end
// with a clear error (or a stopped run) while the page stays usable; and a page that opens
// after a visit ended mid-run does not run the scenario again on its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openApp, tid, until, statusText, waitForStatus, screenshot, REPO, TERMINAL } from '../lib/harness.mjs';
import { scenarioUrl } from '../lib/fixtures.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// The pass-loop fixture with `definition` as its machine and `input` as the run's input.
function loopScenario(title, definition, input) {
  const scenario = JSON.parse(fs.readFileSync(path.join(REPO, 'e2e/fixtures/pass-loop.json'), 'utf8'));
  scenario.title = title;
  scenario.accounts['111111111111'].stateMachines.Counter.definition = definition;
  scenario.execution.input = input;
  return scenario;
}

const HOSTILE = {
  'a 200 KB payload looping to the history limit': loopScenario('A heavy loop', {
    StartAt: 'Carry',
    States: {
      Carry: { Type: 'Pass', Next: 'Again' },
      Again: { Type: 'Choice', Choices: [{ Variable: '$.blob', IsPresent: true, Next: 'Carry' }], Default: 'Done' },
      Done: { Type: 'Succeed' },
    },
  }, { blob: 'a'.repeat(200_000) }),
  'a ResultPath 5,000 levels deep': loopScenario('A deep ResultPath', {
    StartAt: 'Deep',
    States: { Deep: { Type: 'Pass', Result: 1, ResultPath: `$${'.a'.repeat(5000)}`, End: true } },
  }, {}),
};

for (const [what, scenario] of Object.entries(HOSTILE)) {
  test(`a link to ${what} ends with an error and leaves the page usable`, async () => {
    const url = scenarioUrl(scenario);
    assert.ok(url.length < 2000, `the link is short (${url.length} characters)`);
    const { context, page } = await openApp(browser, { url });
    try {
      const ended = await until(async () => {
        const s = (await statusText(page)).toUpperCase();
        return ['STOPPED', 'INVALID', ...TERMINAL].find((t) => s.includes(t));
      }, 'the run to end', 120_000);
      assert.notEqual(ended, 'SUCCEEDED');
      const outcome = await page.locator('section.outcome').innerText();
      assert.match(outcome, /States\.|limit|stopped|memory|deep/i, `the outcome says why: ${outcome.slice(0, 300)}`);
      await screenshot(page, `hostile-${ended.toLowerCase()}`);
      // Still usable: back to the built-in scenario, which runs.
      page.once('dialog', (d) => d.accept());
      await tid(page, 'reset-button').click();
      await waitForStatus(page, 'SUCCEEDED', 60_000);
    } finally {
      await context.close();
    }
  });
}

test('a page opened after a visit ended mid-run shows the scenario without running it', async () => {
  const { context, page } = await openApp(browser);
  try {
    await waitForStatus(page, 'SUCCEEDED');
    // As if the tab had died during a run: the note of a run under way is still there.
    await page.evaluate(() => localStorage.setItem('sfn-playground.running.v1', '1'));
    await page.reload();
    await tid(page, 'run-button').waitFor({ state: 'visible' });
    await tid(page, 'error-banner').waitFor({ state: 'visible' });
    assert.match(await tid(page, 'error-banner').innerText(), /not run again/);
    // It stays unrun, and says so, until Run.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await statusText(page), 'NOT RUN');
    assert.match(await tid(page, 'run-cancelled').innerText(), /last visit ended while this scenario was running/);
    assert.equal(await page.evaluate(() => localStorage.getItem('sfn-playground.running.v1')), '1',
      'the note stays until the user runs');
    await screenshot(page, 'hostile-held-1440');
    await tid(page, 'run-button').click();
    await waitForStatus(page, 'SUCCEEDED');
    await until(async () => (await page.evaluate(() => localStorage.getItem('sfn-playground.running.v1'))) === null,
      'the note cleared once the run ended');
  } finally {
    await context.close();
  }
});
