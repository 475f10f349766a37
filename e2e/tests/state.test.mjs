// Where a scenario lives: the share link, localStorage across a reload, and a bad fragment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, openApp, tid, notices, until, run, openInEditor, editorJson, seedPreset, trustPolicyPointer,
} from '../lib/harness.mjs';

const ROLE = 'TrustingAccountRl';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Puts `marker` as the Sid of the trust policy's first statement: an edit that changes no
/// decision, so the run still succeeds. With `leaving`, the edit and the page's `pagehide`
/// come in one task, before the page has rendered the edit (as when a reload follows a key
/// at once on a busy machine).
async function markTrustPolicy(page, pointer, marker, { leaving = false } = {}) {
  const editor = await openInEditor(page, pointer);
  const doc = await editorJson(editor);
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  statements[0].Sid = marker;
  const text = JSON.stringify(doc, null, 2);
  if (!leaving) {
    await editor.fill(text);
    return editor;
  }
  await editor.evaluate((area, text) => {
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
  }, text);
  return editor;
}

async function hasMarker(page, pointer, marker) {
  const editor = await openInEditor(page, pointer);
  return (await editor.inputValue()).includes(marker);
}

test('a share link opened in a fresh browser context restores the scenario', async () => {
  const pointer = trustPolicyPointer(seedPreset().scenario, ROLE);
  const marker = 'E2eSharedEdit';
  const first = await openApp(browser);
  let url;
  try {
    await markTrustPolicy(first.page, pointer, marker);
    await tid(first.page, 'share-button').click();
    // Copied ("Link copied") or, without a clipboard, shown in a field: either way the address
    // bar holds the link.
    await until(async () => (await notices(first.page).innerText()).trim(), 'the share status');
    url = first.page.url();
    assert.ok(url.startsWith(BASE_URL), `the share link ${url} stays under the page's own path ${BASE_URL}`);
    assert.ok(new URL(url).hash.length > 1, `the share link ${url} carries the scenario in its fragment`);
    first.checkClean();
  } finally {
    await first.context.close();
  }
  const second = await openApp(browser, { url });
  try {
    assert.ok(await hasMarker(second.page, pointer, marker), 'the shared edit is there');
    assert.equal(await tid(second.page, 'error-banner').isVisible(), false, 'no error banner');
    await run(second.page, 'SUCCEEDED');
    second.checkClean();
  } finally {
    await second.context.close();
  }
});

/// Edits the trust policy, reloads and finds the edit again: after it was saved (saving
/// waits for a second without edits), or at once, when only the save the page makes as it
/// goes can keep it.
async function editThenReload(marker, { waitForSave }) {
  const pointer = trustPolicyPointer(seedPreset().scenario, ROLE);
  const { context, page, checkClean } = await openApp(browser);
  try {
    // The scenario the page keeps for the next visit (browser.rs's SCENARIO_KEY).
    const saved = () => page.evaluate(() => localStorage.getItem('sfn-playground.scenario.v1') ?? '');
    await markTrustPolicy(page, pointer, marker, { leaving: !waitForSave });
    if (waitForSave) await until(async () => (await saved()).includes(marker), 'the edit to be saved', 5_000);
    else assert.ok((await saved()).includes(marker), 'the page saved the edit as it went');
    await page.reload();
    await tid(page, 'run-button').waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(await hasMarker(page, pointer, marker), 'the edit survived the reload');
    checkClean();
  } finally {
    await context.close();
  }
}

test('a reload keeps an edit once it is saved', () => editThenReload('E2eReloadEdit', { waitForSave: true }));

test('a reload at once after an edit keeps it: the save waiting for a pause is made as the page goes', () =>
  editThenReload('E2eHastyReloadEdit', { waitForSave: false }));

test('a garbage fragment shows an error banner and the page still works', async () => {
  const { context, page, checkClean } = await openApp(browser, { url: `${BASE_URL}#s=1.!!!garbage` });
  try {
    await tid(page, 'error-banner').waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok((await tid(page, 'error-banner').innerText()).trim(), 'the banner says something');
    await run(page, 'SUCCEEDED');
    checkClean();
  } finally {
    await context.close();
  }
});
