// Completion while typing in a policy: actions, resources and condition keys from the Service
// Authorization Reference and the scenario, in a list under the caret's line that the keyboard
// and the mouse drive, at 1440 and 390 px wide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ARTIFACTS, launch, openApp, tid, until, waitForStatus, screenshot, openInEditor, editorJson,
} from '../lib/harness.mjs';

const ROLE = '/accounts/222222222222/roles/SecretCacheWfwRl';
const POLICY = `${ROLE}/policies/SecretCache`;
const TRUST = `${ROLE}/assumeRolePolicyDocument`;
const WIDTHS = [[1440, 900], [390, 844]];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Selects the content of the first string `"content"` of the editor (after `after`, when
/// given), so that what is typed next replaces it.
async function selectString(editor, content, after = '') {
  await editor.click();
  await editor.evaluate((ta, [content, after]) => {
    const from = ta.value.indexOf(after);
    const at = ta.value.indexOf(`"${content}"`, from < 0 ? 0 : from) + 1;
    if (at <= 0) throw new Error(`no string ${content} in the editor`);
    ta.setSelectionRange(at, at + content.length);
  }, [content, after]);
}

const list = (page) => tid(page, 'completions');
const options = (page) => tid(page, 'completion').allInnerTexts();

/// Waits until the list shows `want` among its options, and only options that start with
/// `prefix`; returns them.
async function showing(page, want, prefix = '') {
  return until(async () => {
    if (!(await list(page).isVisible())) return false;
    const items = await options(page);
    return items.includes(want) && items.every((i) => i.startsWith(prefix)) && items;
  }, `the list showing ${want}`, 15_000);
}

/// The active option's text, through the textarea's aria-activedescendant.
async function active(page, editor) {
  const id = await editor.getAttribute('aria-activedescendant');
  assert.ok(id, 'the textarea names the active option');
  const option = page.locator(`[id="${id}"]`);
  assert.equal(await option.getAttribute('role'), 'option');
  assert.equal(await option.getAttribute('aria-selected'), 'true');
  return option.innerText();
}

/// The list is inside the editor (not clipped by it), inside the window's width, and clear
/// of the caret's line.
async function placedWell(page, editor, where) {
  const boxes = await editor.evaluate((ta) => {
    const body = ta.parentElement.getBoundingClientRect();
    const listBox = document.querySelector('[data-testid="completions"]').getBoundingClientRect();
    const line = ta.value.slice(0, ta.selectionStart).split('\n').length;
    const lineBox = document.querySelectorAll('.je-pre .je-line')[line - 1].getBoundingClientRect();
    const plain = (r) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height });
    return { body: plain(body), list: plain(listBox), line: plain(lineBox), width: window.innerWidth };
  });
  const { body, list: l, line } = boxes;
  const near = 0.5;
  assert.ok(l.height >= 20, `${where}: the list shows an option at least (${JSON.stringify(boxes)})`);
  assert.ok(l.top >= body.top - near && l.bottom <= body.bottom + near, `${where}: the list is not clipped at the editor's top or bottom (${JSON.stringify(boxes)})`);
  assert.ok(l.left >= body.left - near && l.right <= body.right + near, `${where}: nor at its sides (${JSON.stringify(boxes)})`);
  assert.ok(l.right <= boxes.width, `${where}: the list fits the window (${JSON.stringify(boxes)})`);
  assert.ok(l.top >= line.bottom - near || l.bottom <= line.top + near, `${where}: the list does not cover the caret's line (${JSON.stringify(boxes)})`);
}

for (const [width, height] of WIDTHS) {
  test(`at ${width} px an action, a resource and a condition key complete in the editor`, async () => {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light' });
    const { page, checkClean } = await openApp(browser, { context });
    try {
      await waitForStatus(page, 'SUCCEEDED');
      const editor = await openInEditor(page, POLICY);
      assert.equal(await editor.getAttribute('aria-autocomplete'), 'list');

      // An action, typed in full: the list offers the action, Enter puts it in.
      await selectString(editor, 'secretsmanager:getSecretValue');
      await page.keyboard.type('secretsmanager:GetSec');
      const actions = await showing(page, 'secretsmanager:GetSecretValue', 'secretsmanager:GetSec');
      assert.equal(await list(page).getAttribute('role'), 'listbox');
      assert.equal(await editor.getAttribute('aria-controls'), await list(page).getAttribute('id'));
      assert.equal(await active(page, editor), actions[0]);
      await placedWell(page, editor, `${width} px, action`);
      await screenshot(page, `complete-action-${width}`);
      await page.locator('.workbench').screenshot({ path: path.join(ARTIFACTS, `complete-action-editor-${width}.png`) });
      if (actions.length > 1) {
        await page.keyboard.press('ArrowDown');
        assert.equal(await active(page, editor), actions[1], 'ArrowDown moves');
        await page.keyboard.press('ArrowUp');
      }
      assert.equal(await active(page, editor), 'secretsmanager:GetSecretValue');
      await page.keyboard.press('Enter');
      await until(async () => !(await list(page).isVisible()), 'the list closed');
      const policy = await editorJson(editor);
      assert.deepEqual(policy.Statement[0].Action, ['secretsmanager:GetSecretValue'], 'Enter put the action in, valid JSON');

      // A resource: the scenario's ARNs.
      await selectString(editor, 'arn:aws:secretsmanager:us-east-1:222222222222:secret:*');
      await page.keyboard.type('arn:aws:secretsmanager:us-east-1:222222222222:secret:Cach');
      // The page may trail the keys (its renderer yields to the browser between long pieces
      // of work, and the keys were acknowledged before): once it has drawn all that was
      // typed, only ARNs that contain it are listed, even before the answer to the last key
      // comes, so Enter never puts in one listed for an earlier key.
      await until(() => editor.evaluate((ta) => ta.parentElement.querySelector('.je-pre')
        .textContent.includes('"arn:aws:secretsmanager:us-east-1:222222222222:secret:Cach"')),
      'the editor drawing all that was typed');
      const unfitting = new Set();
      const arns = await until(async () => {
        const items = (await list(page).isVisible()) ? await options(page) : [];
        items.filter((a) => !a.toLowerCase().includes('cach')).forEach((a) => unfitting.add(a));
        return items.find((a) => /:secret:CachedSecret-\w{6}$/.test(a));
      }, 'the secret ARN of the scenario', 15_000);
      assert.deepEqual([...unfitting], [], 'only ARNs that contain what was typed were listed');
      assert.equal(await active(page, editor), arns, 'the secret ARN is the first option');
      await page.keyboard.press('Enter');
      assert.equal((await editorJson(editor)).Statement[0].Resource, arns, 'the ARN put in, valid JSON');

      // A service prefix: Tab puts it in and the list goes on with its actions.
      await selectString(editor, 'dynamodb:GetItem');
      await page.keyboard.type('secr');
      await showing(page, 'secretsmanager:', 'secr');
      while ((await active(page, editor)) !== 'secretsmanager:') await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      const more = await showing(page, 'secretsmanager:GetSecretValue', 'secretsmanager:');
      assert.ok(!more.includes('secretsmanager:'), `the service's actions: ${more}`);
      assert.match(await editor.inputValue(), /"Action": "secretsmanager:",/, 'the prefix is in, the string still open for the name');
      // Escape closes the list; the editor's keys are its own again.
      await page.keyboard.press('Escape');
      await until(async () => !(await list(page).isVisible()), 'Escape closed the list');
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'editor-textarea', 'focus stays in the text');

      // A condition key in a trust policy: the keys of sts:AssumeRole, picked with the mouse.
      const trust = await openInEditor(page, TRUST);
      await selectString(trust, 'aws:SourceAccount');
      await page.keyboard.type('sts:Ex');
      await showing(page, 'sts:ExternalId', 'sts:Ex');
      await placedWell(page, trust, `${width} px, condition key`);
      await screenshot(page, `complete-key-${width}`);
      await page.locator('.workbench').screenshot({ path: path.join(ARTIFACTS, `complete-key-editor-${width}.png`) });
      await page.keyboard.press('Escape');
      await until(async () => !(await list(page).isVisible()), 'Escape closed the list');
      await page.keyboard.press('Control+Space');
      await showing(page, 'sts:ExternalId');
      await tid(page, 'completion').filter({ hasText: /^sts:ExternalId$/ }).click();
      await until(async () => !(await list(page).isVisible()), 'a click accepted');
      const doc = await editorJson(trust);
      assert.deepEqual(Object.keys(doc.Statement[0].Condition.StringEquals), ['sts:ExternalId'], 'the key put in, valid JSON');
      checkClean();
    } finally {
      await context.close();
    }
  });
}
