// The page tells the story: results follow the text (no Run press), the outcome says in one
// line what was denied and why, the fix applies in one click, the run across accounts is drawn,
// long runs happen off the main thread, and nothing scrolls sideways at 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, tid, until, waitForStatus, statusText, screenshot, openInEditor,
  seedPreset, trustPolicyPointer, BASE_URL,
} from '../lib/harness.mjs';

const ROLE = 'TrustingAccountRl';
const WRONG = 'arn:aws:states:us-east-1:111111111111:stateMachine:SomeOtherWorkflow';
const WIDTHS = [[1440, 900], [1280, 720], [390, 844]];
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// The seed's trust policy of the role in the other account, with its ExternalId replaced.
function trustWithExternalId(value) {
  const { scenario } = seedPreset();
  const account = Object.values(scenario.accounts).find((a) => a.roles && ROLE in a.roles);
  const trust = structuredClone(account.roles[ROLE].assumeRolePolicyDocument);
  trust.Statement[0].Condition.StringEquals['sts:ExternalId'] = value;
  return JSON.stringify(trust, null, 2);
}

async function noSidewaysScroll(page, where) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.scrollingElement.scrollWidth, width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `${where}: the page scrolls sideways (${scroll} > ${width})`);
}

for (const [width, height] of WIDTHS) {
  test(`at ${width} px an edit of the ExternalId fails the run without pressing Run, and the outcome says why`, async () => {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light' });
    const opened = Date.now();
    const { page, checkClean } = await openApp(browser, { context });
    try {
      await waitForStatus(page, 'SUCCEEDED');
      console.log(`at ${width} px: the seed's SUCCEEDED shown ${Date.now() - opened} ms after navigation began`);
      await tid(page, 'crossing').waitFor();
      const hops = page.locator('[data-testid="hop"][data-result="allowed"]');
      assert.ok((await hops.count()) >= 4, 'the diagram lists the hops of the seed');
      await noSidewaysScroll(page, `seed at ${width}`);
      await screenshot(page, `story-seed-${width}`);

      const editor = await openInEditor(page, trustPolicyPointer(seedPreset().scenario, ROLE));
      const t0 = Date.now();
      await editor.fill(trustWithExternalId(WRONG));
      // No Run press: the page re-runs after a pause in typing.
      await waitForStatus(page, 'FAILED');
      console.log(`at ${width} px: the edit's FAILED shown ${Date.now() - t0} ms after the edit (250 ms typing pause included)`);
      const why = await tid(page, 'outcome-why').innerText();
      assert.match(why, /sts:AssumeRole/, 'the outcome line names the denied action');
      assert.match(why, /sts:ExternalId/, 'the outcome line names the condition key');
      assert.ok(why.includes(WRONG), 'the outcome line shows the value the trust policy expects');
      assert.doesNotMatch(why, /`|\/accounts\//, 'no markdown and no JSON pointers in the outcome line');
      const denied = page.locator('[data-testid="hop"][data-result="denied"]');
      assert.equal(await denied.count(), 1, 'the crossing is the one red edge');
      // The outcome links to the call; the call comes first in the list.
      await tid(page, 'show-denied-call').click();
      const first = page.locator('[data-testid="call"]').first();
      assert.match(await first.getAttribute('data-result'), /Denied$/);
      await until(async () => (await first.getAttribute('class')).includes('focused'), 'the denied call focused');
      await noSidewaysScroll(page, `failed at ${width}`);
      await screenshot(page, `story-failed-${width}`);

      // The fix in one click: Apply sets the ExternalId back, the page re-runs, and it succeeds.
      const fix = tid(page, 'fix-outcome');
      assert.match(await tid(fix, 'fix-title').innerText(), /ExternalId/);
      assert.match(await fix.locator('pre.diff').innerText(), /SomeOtherWorkflow[\s\S]*SecretCacheConsumerWfw/, 'the diff shows the old and the new value');
      await tid(fix, 'apply-fix').click();
      await waitForStatus(page, 'SUCCEEDED');
      const trust = JSON.parse(await editor.inputValue());
      assert.equal(trust.Statement[0].Condition.StringEquals['sts:ExternalId'],
        'arn:aws:states:us-east-1:111111111111:stateMachine:SecretCacheConsumerWfw', 'the editor shows the fixed trust policy');
      const crossing = await tid(page, 'outcome-crossings').innerText();
      assert.match(crossing, /sts:ExternalId sent "arn:aws:states:us-east-1:111111111111:stateMachine:SecretCacheConsumerWfw", matched by StringEquals/,
        'on success the outcome shows the ExternalId sent and the condition it matched');
      await screenshot(page, `story-fixed-${width}`);
      // Apply is undoable: Undo brings the wrong ExternalId back, and the run fails again.
      await tid(page, 'undo-button').click();
      await waitForStatus(page, 'FAILED');
      checkClean();
    } finally {
      await context.close();
    }
  });
}

test('results are marked stale while a long run computes, and Cancel stops it', async () => {
  const { context, page, checkClean } = await openApp(browser);
  try {
    await waitForStatus(page, 'SUCCEEDED');
    const pointer = '/execution';
    const editor = await openInEditor(page, pointer);
    const execution = JSON.parse(await editor.inputValue());
    // Any edit marks the results stale until the new run has answered.
    await editor.fill(JSON.stringify({ ...execution, input: { edited: true } }, null, 2));
    await until(async () => (await tid(page, 'run-progress').count()) + (await tid(page, 'results-stale').count()) > 0,
      'the results marked as being updated');
    await waitForStatus(page, 'SUCCEEDED');
    await until(async () => (await tid(page, 'run-progress').count()) === 0, 'the progress gone once the run answered');
    checkClean();
  } finally {
    await context.close();
  }
});

/// A scenario whose execution loops `n` times through a Pass and a Choice (4 events a turn).
function loopScenario(n) {
  return {
    scenarioVersion: 1,
    title: 'A long loop',
    accounts: {
      '111111111111': {
        alias: 'Loop',
        roles: {
          LoopRole: {
            assumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole',
                Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } }],
            },
          },
        },
        stateMachines: {
          Loop: {
            roleName: 'LoopRole',
            definition: {
              StartAt: 'Count',
              States: {
                Count: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'More?' },
                'More?': { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: n, Next: 'Count' }], Default: 'Done' },
                Done: { Type: 'Succeed' },
              },
            },
          },
        },
      },
    },
    execution: { stateMachineArn: 'arn:aws:states:us-east-1:111111111111:stateMachine:Loop', input: { n: 0 } },
  };
}

/// The share-link fragment of a scenario (`#s=1.` + base64url of raw deflate).
export async function scenarioFragment(scenario) {
  const zlib = await import('node:zlib');
  return '#s=1.' + zlib.deflateRawSync(Buffer.from(JSON.stringify(scenario, null, 2)), { level: 9 }).toString('base64url');
}

test('a 10,000-event run computes off the main thread: clicks stay fast while it runs', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const fragment = await scenarioFragment(loopScenario(2_500));
  const { page, checkClean } = await openApp(browser, { context, url: BASE_URL + fragment });
  try {
    const start = Date.now();
    // While it runs, open another item and time how long the page takes to show it.
    const latencies = [];
    let arrivals = 0;
    while ((await statusText(page)) === 'RUNNING' || (await tid(page, 'run-progress').count())) {
      const ms = await page.evaluate(() => new Promise((resolve) => {
        const items = [...document.querySelectorAll('[data-testid="tree-item"]')];
        const title = document.querySelector('.item-title');
        const next = items.find((i) => !title || title.getAttribute('title') !== i.dataset.pointer);
        if (!next) return resolve(-1);
        const running = () => !!document.querySelector('[data-testid="run-progress"]');
        const t0 = performance.now();
        next.click();
        const check = () => {
          const t = document.querySelector('.item-title');
          // A click whose handling met the results arriving is not a click during the run.
          if (t && t.getAttribute('title') === next.dataset.pointer) resolve(running() ? performance.now() - t0 : -2);
          else requestAnimationFrame(check);
        };
        if (!running()) return resolve(-1);
        check();
      }));
      if (ms >= 0) latencies.push(ms);
      else if (ms === -2) arrivals += 1;
      if (Date.now() - start > 60_000) break;
    }
    await waitForStatus(page, 'SUCCEEDED', 60_000);
    const total = Date.now() - start;
    const events = await tid(page, 'step-position').innerText();
    console.log(`long run: results after ${total} ms (${events}); click latencies while running: ${latencies.map((l) => l.toFixed(1)).join(', ') || 'none (the run ended first)'}${arrivals ? ` (${arrivals} click met the results arriving, not counted)` : ''}`);
    assert.match(events, /\/ 10,?00\d/, 'the history has about 10,000 events');
    for (const l of latencies) assert.ok(l < 100, `a click took ${l} ms while the run computed`);
    checkClean();
  } finally {
    await context.close();
  }
});

test('Cancel stops a long run, and Run starts it again', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const fragment = await scenarioFragment(loopScenario(6_300));
  const { page, checkClean } = await openApp(browser, { context, url: BASE_URL + fragment });
  try {
    await tid(page, 'cancel-run').click();
    await tid(page, 'run-cancelled').waitFor({ timeout: 10_000 });
    assert.equal(await tid(page, 'run-progress').count(), 0, 'no progress once cancelled');
    await tid(page, 'run-button').click();
    // 6,300 turns need 25,200 events: the run ends at AWS's 25,000-event limit.
    await waitForStatus(page, 'FAILED', 60_000);
    const why = await page.locator('.outcome').innerText();
    assert.match(why, /25,?000|history events/i, 'the failure names the event limit');
    checkClean();
  } finally {
    await context.close();
  }
});
