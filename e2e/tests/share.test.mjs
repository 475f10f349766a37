// Share links: what they bring back (preset, item open, its exact text, execution, step), how
// the copy is confirmed or, when the clipboard is refused, offered by hand, how short they are,
// and that links in the first format still open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import {
  BASE_URL, launch, openApp, tid, notices, until, waitForStatus, openInEditor, editorJson, seedPreset, trustPolicyPointer,
} from '../lib/harness.mjs';

const JSONATA = 'cross-account-secret-cache-jsonata';
const WORKFLOW = '/accounts/222222222222/stateMachines/SecretCacheWfw/definition';
const TRUST = trustPolicyPointer(seedPreset().scenario, 'TrustingAccountRl');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// A context whose clipboard works (Chromium asks for these permissions).
async function clipboardContext() {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BASE_URL).origin });
  return context;
}

/// "4 / 27" → [4, 27].
async function stepPosition(page) {
  return (await tid(page, 'step-position').innerText()).split('/').map((s) => parseInt(s, 10));
}

/// Clicks Share in a context with a clipboard: the status says "Link copied"; returns the link.
async function share(page) {
  await tid(page, 'share-button').click();
  const status = notices(page).filter({ hasText: 'Link copied' });
  await status.waitFor({ state: 'visible', timeout: 10_000 });
  const url = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(url.startsWith(BASE_URL), `the link ${url} stays under ${BASE_URL}`);
  return url;
}

test('a share link brings back the preset, the item open with its text, the execution and the step', async () => {
  const first = await openApp(browser, { url: `${BASE_URL}#p=${JSONATA}`, context: await clipboardContext() });
  let url;
  let want;
  try {
    await waitForStatus(first.page, 'SUCCEEDED');
    // A definition pasted with "Type" first in every state (the preset writes it elsewhere).
    const editor = await openInEditor(first.page, WORKFLOW);
    const definition = await editorJson(editor);
    const states = Object.fromEntries(Object.entries(definition.States).map(([name, state]) => {
      const { Type, ...rest } = state;
      return [name, { Type, ...rest, Comment: `state ${name}` }];
    }));
    const pasted = JSON.stringify({ ...definition, States: states }, null, 2);
    await editor.fill(pasted);
    await tid(first.page, 'run-button').click();
    await waitForStatus(first.page, 'SUCCEEDED');
    await first.page.getByLabel('Execution shown').selectOption({ index: 1 });
    await until(async () => (await stepPosition(first.page))[1] > 3, 'the nested execution shown');
    await tid(first.page, 'step-prev').click();
    await tid(first.page, 'step-prev').click();
    const [at, of] = await stepPosition(first.page);
    assert.equal(at, of - 2);
    await openInEditor(first.page, WORKFLOW);
    want = { pasted, at, of, execution: await first.page.getByLabel('Execution shown').inputValue() };
    url = await share(first.page);
    first.checkClean();
  } finally {
    await first.context.close();
  }
  const second = await openApp(browser, { url });
  try {
    assert.equal(await tid(second.page, 'preset-select').inputValue(), JSONATA, 'the preset, not the default one');
    const editor = second.page.locator(`[data-testid="editor-textarea"][data-pointer="${WORKFLOW}"]`);
    await editor.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await editor.inputValue(), want.pasted, 'the item open, its text exactly as pasted (Type first)');
    await waitForStatus(second.page, 'SUCCEEDED');
    assert.equal(await second.page.getByLabel('Execution shown').inputValue(), want.execution, 'the execution shown');
    assert.deepEqual(await stepPosition(second.page), [want.at, want.of], 'the step');
    assert.equal(await tid(second.page, 'error-banner').isVisible(), false, 'no error banner');
    second.checkClean();
  } finally {
    await second.context.close();
  }
});

test('links are short: a preset by id plus the changes made to it', async () => {
  const { context, page, checkClean } = await openApp(browser, { context: await clipboardContext() });
  try {
    await waitForStatus(page, 'SUCCEEDED');
    const unchanged = await share(page);
    const editor = await openInEditor(page, TRUST);
    const trust = await editorJson(editor);
    trust.Statement[0].Condition.StringEquals['sts:ExternalId'] = 'arn:aws:states:us-east-1:111111111111:stateMachine:Another';
    await editor.fill(JSON.stringify(trust, null, 2));
    // The confirmation of the first copy may still be shown: wait for it to go.
    await until(async () => (await notices(page).innerText()).trim() === '', 'the first notice to go', 10_000);
    const edited = await share(page);
    const lengths = { unchanged: unchanged.length - BASE_URL.length, edited: edited.length - BASE_URL.length };
    console.log(`share link fragments: seed unchanged ${lengths.unchanged} chars, one ExternalId edited ${lengths.edited} chars`);
    assert.ok(lengths.unchanged < 100, `the unchanged seed: ${unchanged}`);
    assert.ok(lengths.edited < 400, `one edit: ${edited}`);
    const back = await openApp(browser, { url: edited });
    try {
      const reopened = await editorJson(await openInEditor(back.page, TRUST));
      assert.deepEqual(reopened, trust, 'the edit is in the link');
      back.checkClean();
    } finally {
      await back.context.close();
    }
    checkClean();
  } finally {
    await context.close();
  }
});

test('when the clipboard is refused, the link is shown selected in a field', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) },
    });
  });
  const { page, checkClean } = await openApp(browser, { context });
  try {
    await tid(page, 'share-button').click();
    const field = tid(page, 'share-url');
    await field.waitFor({ state: 'visible', timeout: 10_000 });
    const url = await field.inputValue();
    assert.ok(url.startsWith(BASE_URL) && new URL(url).hash.startsWith('#s='), `the link ${url}`);
    const selected = await field.evaluate((el) => document.activeElement === el && el.value.slice(el.selectionStart, el.selectionEnd));
    assert.equal(selected, url, 'the field has focus and the whole link is selected');
    assert.match(await notices(page).innerText(), /copy/i, 'the status says to copy it by hand');
    assert.doesNotMatch(await notices(page).innerText(), /Link copied/);
    checkClean();
  } finally {
    await context.close();
  }
});

test('a link in the first format (#s=1.) still opens', async () => {
  const scenario = structuredClone(seedPreset().scenario);
  const marker = 'E2eFirstFormat';
  const trust = scenario.accounts['222222222222'].roles.TrustingAccountRl.assumeRolePolicyDocument;
  trust.Statement[0].Sid = marker;
  const data = zlib.deflateRawSync(Buffer.from(JSON.stringify(scenario, null, 2))).toString('base64url');
  const { context, page, checkClean } = await openApp(browser, { url: `${BASE_URL}#s=1.${data}` });
  try {
    assert.ok((await (await openInEditor(page, TRUST)).inputValue()).includes(marker), 'the scenario of the link');
    assert.equal(await tid(page, 'error-banner').isVisible(), false, 'no error banner');
    await waitForStatus(page, 'SUCCEEDED');
    checkClean();
  } finally {
    await context.close();
  }
});

test('a link of an unknown format says so and the page still works', async () => {
  const { context, page, checkClean } = await openApp(browser, { url: `${BASE_URL}#s=9.abc` });
  try {
    await tid(page, 'error-banner').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await tid(page, 'error-banner').innerText(), /different version/);
    await waitForStatus(page, 'SUCCEEDED');
    checkClean();
  } finally {
    await context.close();
  }
});
