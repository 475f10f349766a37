// Hostile and runaway scenarios never take the page down (issue 15): links whose run would
// carry a 200 KB payload through 25,000 events, build a ResultPath 5,000 levels deep, start
// executions without end through a Map, record 1,000 Lambda calls of 100 KB, or build a
// result of 20,000 copies of a 250 KB string end with the run's error while the page stays
// usable; a glob pattern of 20,000 characters against 100,000 is decided at once; a pasted
// policy of 3,000 statements leaves the editor responsive; and a page that opens after a
// visit ended mid-run does not run the scenario again on its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openApp, tid, until, statusText, waitForStatus, screenshot, openInEditor, REPO, TERMINAL } from '../lib/harness.mjs';
import { scenarioUrl } from '../lib/fixtures.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// The pass-loop fixture with `definition` as its machine and `input` as the run's input.
function loopScenario(title, definition, input) {
  const scenario = JSON.parse(fs.readFileSync(path.join(REPO, 'e2e/fixtures/pass-loop.json'), 'utf8'));
  scenario.title = title;
  scenario.description = 'A hostile scenario of the end-to-end tests: it must end with its error, the page usable.';
  scenario.accounts['111111111111'].stateMachines.Counter.definition = definition;
  scenario.execution.input = input;
  return scenario;
}

/// A role `Worker` that Step Functions assumes, allowed what these scenarios call.
function withWorker(scenario, machine) {
  const account = scenario.accounts['111111111111'];
  account.roles.Worker = {
    assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    policies: { Work: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*', Action: [
      'lambda:InvokeFunction', 'states:StartExecution', 'states:DescribeExecution', 'states:StopExecution',
      'events:PutTargets', 'events:PutRule', 'events:DescribeRule'] }] } },
  };
  account.lambdaFunctions = { Echo: { behavior: { echo: true } } };
  account.stateMachines.Counter.roleName = 'Worker';
  account.stateMachines.Counter.definition = machine;
  return scenario;
}

const COUNTER = 'arn:aws:states:us-east-1:111111111111:stateMachine:Counter';
const BIG = 'x'.repeat(250_000);

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
  'a Map whose every item starts its own machine again': withWorker(loopScenario('Executions without end', null, { items: [1, 2, 3] }), {
    StartAt: 'Each',
    States: { Each: { Type: 'Map', ItemsPath: '$.items', End: true, ItemProcessor: { StartAt: 'Again', States: {
      Again: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', End: true,
        Parameters: { StateMachineArn: COUNTER, Input: { 'items.$': '$$.Execution.Input.items' } } } } } } },
  }),
  '1,000 Lambda calls carrying 100 KB each': withWorker(loopScenario('Heavy Lambda calls', null, { big: 'x'.repeat(100_000) }), {
    StartAt: 'Items',
    States: {
      Items: { Type: 'Pass', Parameters: { 'big.$': '$.big', 'items.$': 'States.ArrayRange(1, 1000, 1)' }, Next: 'Each' },
      Each: { Type: 'Map', ItemsPath: '$.items', End: true,
        ItemSelector: { 'big.$': '$.big', 'i.$': '$$.Map.Item.Value' },
        ItemProcessor: { StartAt: 'Call', States: {
          Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true,
            Parameters: { FunctionName: 'Echo', 'Payload.$': '$' }, ResultPath: null, OutputPath: '$.i' } } } },
    },
  }),
  'a JSONata Output of 20,000 copies of a 250 KB string': loopScenario('A result of 5 GB', {
    QueryLanguage: 'JSONata',
    StartAt: 'Copies',
    States: { Copies: { Type: 'Pass', End: true,
      Output: '{% $merge([1..20000].{"k" & $string($): $states.input.s}) %}' } },
  }, { s: BIG }),
  'Parameters of 20,000 keys copying a 250 KB string': loopScenario('Parameters of 5 GB', {
    StartAt: 'Copies',
    States: { Copies: { Type: 'Pass', End: true,
      Parameters: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}.$`, '$.s'])) } },
  }, { s: BIG }),
};

/// The links that must carry many distinct keys are longer than the others.
const LONG_LINK = { 'Parameters of 20,000 keys copying a 250 KB string': 200_000 };

for (const [what, scenario] of Object.entries(HOSTILE)) {
  test(`a link to ${what} ends with an error and leaves the page usable`, async () => {
    const url = scenarioUrl(scenario);
    const most = LONG_LINK[what] ?? 2000;
    assert.ok(url.length < most, `the link is short (${url.length} characters)`);
    const { context, page } = await openApp(browser, { url });
    try {
      const ended = await until(async () => {
        const s = (await statusText(page)).toUpperCase();
        return ['STOPPED', 'INVALID', ...TERMINAL].find((t) => s.includes(t));
      }, 'the run to end', 120_000);
      assert.notEqual(ended, 'SUCCEEDED');
      assert.match(await tid(page, 'preset-description').innerText(), new RegExp(scenario.title),
        'the page describes the scenario on screen, not the preset');
      assert.equal(await tid(page, 'preset-select').locator('option:checked').innerText(), scenario.title,
        'the scenario picker names the scenario on screen');
      const outcome = await page.locator('section.outcome').innerText();
      assert.match(outcome, /States\.|limit|stopped|memory|deep/i, `the outcome says why: ${outcome.slice(0, 300)}`);
      await screenshot(page, `hostile-${ended.toLowerCase()}`, { fullPage: false });
      // Still usable: back to the built-in scenario, which runs.
      page.once('dialog', (d) => d.accept());
      await tid(page, 'reset-button').click();
      await waitForStatus(page, 'SUCCEEDED', 60_000);
    } finally {
      await context.close();
    }
  });
}

test('a glob of 20,000 characters against a text of 100,000 is decided at once (no backtracking)', async () => {
  const pattern = `*${'a'.repeat(20_000)}b`;
  const scenario = loopScenario('A long glob', {
    StartAt: 'Match',
    States: {
      Match: { Type: 'Choice', Choices: [{ Variable: '$.text', StringMatches: pattern, Next: 'Matched' }], Default: 'Missed' },
      Matched: { Type: 'Succeed' },
      Missed: { Type: 'Fail', Error: 'Missed', Cause: 'no match' },
    },
  }, { text: `${'a'.repeat(100_000)}b` });
  const { context, page } = await openApp(browser, { url: scenarioUrl(scenario) });
  try {
    // Backtracking took 17.8 s natively on this pair; linear matching takes milliseconds.
    await waitForStatus(page, 'SUCCEEDED', 10_000);
    await tid(page, 'run-button').click();
    await waitForStatus(page, 'SUCCEEDED', 10_000);
  } finally {
    await context.close();
  }
});

/// What a key costs the browser itself in a bare textarea holding `text` (wrap off, the
/// editor's size), pressed and painted as the test below measures the editor's: the slowest
/// of two, after two that warm it up (the first key lays the whole text out: 0.5-0.7 s).
async function bareKey(text) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
  try {
    const page = await context.newPage();
    await page.setContent('<textarea wrap="off" style="width: 700px; height: 700px; font: 13px monospace"></textarea>');
    await page.locator('textarea').evaluate((area, text) => {
      area.value = text;
      area.focus();
      area.setSelectionRange(text.length - 2, text.length - 2);
    }, text);
    let slowest = 0;
    for (const [i, key] of ['x', 'Backspace', 'y', 'Backspace'].entries()) {
      const t0 = Date.now();
      await page.keyboard.press(key);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      if (i >= 2) slowest = Math.max(slowest, Date.now() - t0);
    }
    return slowest;
  } finally {
    await context.close();
  }
}

test('a pasted policy of 3,000 statements leaves the editor responsive', async (t) => {
  const statements = Array.from({ length: 3000 }, (_, i) => ({
    Sid: `S${i}`, Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'],
    Resource: `arn:aws:s3:::bucket-${i}/*`, Condition: { StringLike: { 's3:prefix': [`home/${i}/*`] } },
  }));
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  // Measured first, so that the keys below still meet what the paste leaves to do.
  const bare = await bareKey(text);
  const scenario = loopScenario('A long policy', { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }, {});
  scenario.accounts['111111111111'].roles.LoopRole.policies.Big = { Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }] };
  const { context, page } = await openApp(browser, { url: scenarioUrl(scenario) });
  try {
    await waitForStatus(page, 'SUCCEEDED', 60_000);
    const editor = await openInEditor(page, '/accounts/111111111111/roles/LoopRole/policies/Big');
    // Pasted: the text replaced at once, as a paste does (Playwright's fill types it through
    // the browser's editing pipeline, which takes minutes for 920 KB even in a bare textarea).
    const pasted = await editor.evaluate(async (area, text) => {
      const t0 = performance.now();
      area.value = text;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      area.focus();
      area.setSelectionRange(area.value.length - 2, area.value.length - 2);
      return performance.now() - t0;
    }, text);
    // Drawn whole, the 36,000 lines took 4.6 s to paint here after the paste, and every
    // keystroke 1.2 s (3.4 s when the issue was filed); drawn in view, 0.3-0.8 s, and up to
    // 1.6 s for the key during which the validation of the ones before landed. With the
    // problems placed once per check (not per key) and 200 of their 3,001 listed, 0.27-0.49 s
    // on a machine where a bare textarea holding the same text takes 0.16 s a key; on
    // another, whose engines run half as fast, 0.35-0.78 s with a bare key at 0.15-0.25 s.
    // A key is bounded by what the browser itself needs there: 1.5 s or six bare keys, the
    // keys during which the check and the run of the ones before land included.
    assert.ok(pasted < 3000, `the paste was painted in ${Math.round(pasted)} ms`);
    // What the paste leaves to do (the caret's scroll to the end lays the text out again, the
    // check and the run are sent, their answers drawn) is done before the keys are timed: a
    // frame then comes at once.
    const t0 = Date.now();
    await until(async () => {
      const frame = Date.now();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      return Date.now() - frame < 100;
    }, 'the page settling after the paste', 20_000);
    const settled = Date.now() - t0;
    assert.ok(settled < 10_000, `the page settled ${settled} ms after the paste`);
    const bound = Math.max(1500, 6 * bare);
    const took = [];
    for (const key of ['x', 'Backspace', 'y', 'Backspace']) {
      const t0 = Date.now();
      await page.keyboard.press(key);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      took.push(Date.now() - t0);
    }
    t.diagnostic(`paste ${Math.round(pasted)} ms, settled ${settled} ms later; keys ${took.join(', ')} ms; a bare textarea's key ${bare} ms`);
    assert.ok(took.every((ms) => ms < bound), `the keys were handled and painted in ${took.join(', ')} ms (bound ${bound} ms; a bare textarea: ${bare} ms)`);
    assert.ok((await editor.inputValue()) === text, 'the keys edited the text and left it as pasted');
    // Only the lines in view are drawn.
    const drawn = await page.locator('.je-line').count();
    assert.ok(drawn < 1000, `${drawn} lines drawn of 36,000`);
    await waitForStatus(page, 'SUCCEEDED', 60_000);
    assert.equal(await tid(page, 'run-button').isEnabled(), true);
    // The problems: 200 listed, the rest a click away.
    await tid(page, 'problems-more').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await page.locator('[data-testid="problem"]').count(), 200);
    const more = await tid(page, 'problems-more').innerText();
    const total = Number(/List all (\d+)/.exec(more)?.[1]);
    assert.ok(total > 3000, `the list offers all its problems: ${more}`);
    await screenshot(page, 'hostile-long-policy', { fullPage: false });
    await tid(page, 'problems-more').locator('button').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="problem"]').length === n, total);
    assert.equal(await tid(page, 'problems-more').count(), 0);
  } finally {
    await context.close();
  }
});

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
