// Who can reach what: the access view draws and lists the paths (the seed's Express workflow is
// reached by the consumer's role only through the ExternalId-conditioned AssumeRole), each hop
// opens its statement, the least privilege from the run applies as an undoable edit, and
// external access is listed with the problems.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  launch, openApp, tid, until, waitForStatus, screenshot, ARTIFACTS, BASE_URL, openInEditor, seedPreset, trustPolicyPointer,
} from '../lib/harness.mjs';
import { scaleScenario } from '../lib/scale.mjs';

const WFW = 'arn:aws:states:us-east-1:222222222222:stateMachine:SecretCacheWfw';
const CONSUMER = 'arn:aws:iam::111111111111:role/TrustedAccountRl';
const WIDTHS = [[1440, 900], [1280, 720], [390, 844]];
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function noSidewaysScroll(page, where) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.scrollingElement.scrollWidth, width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `${where}: the page scrolls sideways (${scroll} > ${width})`);
}

/// Every hop's number keeps clear of the text after it ("10service …" ran together).
async function hopNumbersApart(page, where) {
  const touching = await page.locator('[data-testid="hop"] .n').evaluateAll((ns) => ns
    .filter((n) => {
      // The digits' own extent (a range over the text), not the number's box.
      const digits = document.createRange();
      digits.selectNodeContents(n);
      const text = document.createRange();
      text.selectNodeContents(n.nextElementSibling);
      return text.getBoundingClientRect().left - digits.getBoundingClientRect().right < 3;
    })
    .map((n) => n.parentElement.textContent.slice(0, 40)));
  assert.deepEqual(touching, [], `${where}: hop numbers run into their text`);
}

async function openAccess(page, where) {
  await tid(page, 'tools-button').click();
  await tid(page, 'tab-access').click();
  const resource = tid(page, 'access-resource');
  await until(async () => (await resource.locator(`option[value="${WFW}"]`).count()) > 0, 'the resources to pick');
  if (where) {
    // Every path of the seed, numbered past 9.
    const drawn = tid(page, 'access-diagram').locator('[data-testid="hop"]');
    await until(async () => (await drawn.count()) >= 10, 'ten paths or more drawn');
    await hopNumbersApart(page, where);
  }
  await resource.selectOption(WFW);
  await tid(page, 'access-principal').selectOption(CONSUMER);
  const reach = page.locator(`[data-testid="reach"][data-principal="${CONSUMER}"][data-resource="${WFW}"]`);
  await until(async () => (await page.locator('[data-testid="reach"]').count()) === 1 && (await reach.count()) === 1,
    'one reach entry: the consumer role to the Express workflow');
  return reach;
}

for (const [width, height] of WIDTHS) {
  test(`at ${width} px the seed's Express workflow is reached by the consumer's role only through the ExternalId`, async () => {
    const context = await browser.newContext({ viewport: { width, height } });
    const { page, checkClean } = await openApp(browser, { context });
    try {
      await waitForStatus(page, 'SUCCEEDED');
      const reach = await openAccess(page, `access at ${width}`);
      const hops = reach.locator('[data-testid="reach-hop"]');
      assert.match(await hops.first().innerText(), /sts:AssumeRole/);
      const conditions = await hops.first().locator('[data-testid="reach-conditions"]').innerText();
      assert.match(conditions, /sts:ExternalId StringEquals arn:aws:states:us-east-1:111111111111:stateMachine:SecretCacheConsumerWfw/, conditions);
      assert.match(await hops.last().innerText(), /states:StartSyncExecution/);
      assert.ok((await tid(page, 'access-diagram').locator('[data-testid="hop"]').count()) >= 2, 'the path is drawn');
      await noSidewaysScroll(page, `access at ${width}`);
      await page.screenshot({ path: path.join(ARTIFACTS, `access-${width}.png`) });
      // A hop opens the statement that allows it.
      await hops.first().locator('[data-testid="reach-statement"]').first().click();
      const editor = page.locator('[data-testid="editor-textarea"]');
      await until(async () => /TrustingAccountRl\/assumeRolePolicyDocument/.test(await editor.getAttribute('data-pointer') ?? ''),
        'the trust policy open in the editor');
      await checkClean();
    } finally {
      await context.close();
    }
  });
}

test('the least privilege the run needed replaces the role\'s policies, undoably, and the run still succeeds', async () => {
  const { context, page, checkClean } = await openApp(browser);
  try {
    await waitForStatus(page, 'SUCCEEDED');
    await openAccess(page);
    const role = page.locator(`[data-testid="least-role"][data-role="${CONSUMER}"]`);
    await role.locator('summary').click();
    const used = JSON.parse(await role.locator('[data-testid="least-used"]').innerText());
    const actions = used.Statement.flatMap((s) => [s.Action].flat()).sort();
    assert.deepEqual(actions, ['ssm:GetParameter', 'sts:AssumeRole']);
    assert.ok((await role.locator('[data-testid="least-unused"]').count()) >= 1, 'the ssm actions granted and never used');
    await screenshot(page, 'access-least');
    await role.locator('[data-testid="apply-fix"]').click();
    await waitForStatus(page, 'SUCCEEDED');
    await tid(page, 'undo-button').click();
    await checkClean();
  } finally {
    await context.close();
  }
});

test('access from another account is listed with the problems, at its statement', async () => {
  const { context, page, checkClean } = await openApp(browser);
  try {
    await waitForStatus(page, 'SUCCEEDED');
    const finding = page.locator('[data-testid="problem"].finding');
    await until(async () => (await finding.count()) > 0, 'an access finding');
    const texts = await finding.allInnerTexts();
    assert.ok(texts.some((t) => /EXTERNAL_ACCESS/.test(t) && /111111111111/.test(t)), texts.join('\n'));
    await checkClean();
  } finally {
    await context.close();
  }
});

test('10 accounts, 200 roles and 500 resources: the page analyses every reach (the figure is logged)', async () => {
  const text = JSON.stringify(scaleScenario());
  const url = `${BASE_URL}#s=1.${zlib.deflateRawSync(text).toString('base64url')}`;
  const { context, page, checkClean } = await openApp(browser, { url });
  try {
    await waitForStatus(page, 'SUCCEEDED', 60_000);
    const t0 = Date.now();
    await tid(page, 'tools-button').click();
    await tid(page, 'tab-access').click();
    const more = page.getByText(/^The first 100 of \d+;/);
    await until(async () => (await more.count()) > 0, 'the reach of the whole scenario', 60_000);
    console.log(`scale: every reach of 10 accounts, 200 roles, 500 resources shown ${Date.now() - t0} ms after Tools (includes a run for least privilege); ${await more.innerText()}`);
    assert.match(await more.innerText(), /of 7607;/, 'the same reach as the native bench');
    await checkClean();
  } finally {
    await context.close();
  }
});

test('an edit that trusts another account shows the access it gains, and the not-granted check names it', async () => {
  const { context, page, checkClean } = await openApp(browser);
  try {
    await waitForStatus(page, 'SUCCEEDED');
    await tid(page, 'tools-button').click();
    await tid(page, 'tab-access').click();
    await tid(page, 'access-compare').click();
    await tid(page, 'access-unchanged').waitFor();
    const { scenario } = seedPreset();
    const pointer = trustPolicyPointer(scenario, 'TrustingAccountRl');
    const trust = structuredClone(scenario.accounts['222222222222'].roles.TrustingAccountRl.assumeRolePolicyDocument);
    trust.Statement.push({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Action: 'sts:AssumeRole' });
    const editor = await openInEditor(page, pointer);
    await editor.fill(JSON.stringify(trust, null, 2));
    const gained = page.locator('[data-testid="access-gained"][data-principal="arn:aws:iam::333333333333:root"]');
    await until(async () => (await gained.count()) > 0, 'access gained by 333333333333');
    assert.match(await gained.first().innerText(), /external/);
    await tid(page, 'check-account').selectOption('222222222222');
    await tid(page, 'check-actions').fill('states:StartSyncExecution');
    const granted = page.locator('[data-testid="check-granted"][data-principal="arn:aws:iam::333333333333:root"]');
    await until(async () => (await granted.count()) > 0, 'the check names the outsider');
    await page.screenshot({ path: path.join(ARTIFACTS, 'access-diff-1440.png') });
    await tid(page, 'check-actions').fill('dynamodb:DeleteTable');
    await tid(page, 'check-passed').waitFor();
    await checkClean();
  } finally {
    await context.close();
  }
});
