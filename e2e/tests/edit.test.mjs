// Editing the skeleton: new items from templates, undoable deletes, the keyboard (skip link,
// roving focus in account lists, leaving the editor), a clean console, and a first screen
// that says what the tool is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ARTIFACTS, BASE_URL, launch, openApp, tid, notices, until, waitForStatus, openInEditor, editorJson,
} from '../lib/harness.mjs';

const TRUSTING = '222222222222';
const TRUSTED = '111111111111';
const SECRET = `/accounts/${TRUSTING}/secrets/CachedSecret`;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const pane = (page, account) => page.locator(`[data-testid="account-pane"][data-account="${account}"]`);
const item = (page, pointer) => page.locator(`[data-testid="tree-item"][data-pointer="${pointer}"]`);

/// Adds an item with the pane's form; `kind` is the value of an option of "What to add".
async function add(page, account, kind, name) {
  const p = pane(page, account);
  await p.getByLabel('What to add').selectOption(kind);
  await p.getByLabel('Name', { exact: true }).fill(name);
  await p.getByRole('button', { name: 'Add' }).click();
}

/// The editor once it edits `pointer`.
async function editorAt(page, pointer) {
  const editor = page.locator(`[data-testid="editor-textarea"][data-pointer="${pointer}"]`);
  await editor.waitFor({ state: 'visible', timeout: 10_000 });
  return editor;
}

/// Whether the tree marks the item at `pointer` as having errors.
async function marked(page, pointer) {
  return (await item(page, pointer).locator('.mark.err').count()) > 0;
}

const pointers = (page, account) => pane(page, account).getByTestId('tree-item').evaluateAll(
  (els) => els.map((e) => e.getAttribute('data-pointer')));

const activePointer = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-pointer'));

test('new items start from templates that validate', async () => {
  const { context, page, checkClean } = await openApp(browser);
  try {
    await add(page, TRUSTING, 'lambdaFunctions', 'OrderFn');
    const fnPointer = `/accounts/${TRUSTING}/lambdaFunctions/OrderFn`;
    const fn = await editorJson(await editorAt(page, fnPointer));
    assert.ok(fn.behavior && typeof fn.behavior === 'object', `a behaviour: ${JSON.stringify(fn)}`);
    assert.equal(fn.resourcePolicy.Statement[0].Action, 'lambda:InvokeFunction');
    assert.match(await tid(page, 'item-help').innerText(), /behavior.*result.*sequence.*template/s, 'the fields explained');
    assert.equal(await marked(page, fnPointer), false, 'the new function has no error');

    await add(page, TRUSTING, 'roles', 'OrdersRole');
    const trustPointer = `/accounts/${TRUSTING}/roles/OrdersRole/assumeRolePolicyDocument`;
    const trust = await editorJson(await editorAt(page, trustPointer));
    assert.equal(trust.Statement[0].Principal.Service, 'states.amazonaws.com');
    assert.equal(trust.Statement[0].Condition.StringEquals['aws:SourceAccount'], TRUSTING);
    assert.equal(await marked(page, trustPointer), false, 'the new role has no error');

    await add(page, TRUSTING, 'policy:OrdersRole', 'OrdersPolicy');
    const policy = await editorAt(page, `/accounts/${TRUSTING}/roles/OrdersRole/policies/OrdersPolicy`);
    assert.equal(await policy.inputValue(), '{\n  "Version": "2012-10-17",\n  "Statement": []\n}', 'a new policy grants nothing');

    await add(page, TRUSTED, 'dynamodbTables', 'Orders');
    const table = await editorJson(await editorAt(page, `/accounts/${TRUSTED}/dynamodbTables/Orders`));
    assert.ok(table.items.every((i) => table.partitionKey in i), 'every item has the key');
    assert.equal(await marked(page, `/accounts/${TRUSTED}/dynamodbTables/Orders`), false);
    checkClean();
  } finally {
    await context.close();
  }
});

test('a delete is undone from its notice, with Ctrl+Z and with the Undo button', async () => {
  const { context, page, checkClean } = await openApp(browser);
  try {
    assert.ok(await tid(page, 'undo-button').isDisabled(), 'nothing to undo at first');
    const before = await pointers(page, TRUSTING);
    assert.ok(before.includes(SECRET));
    const deleteSecret = () => page.locator('li', { has: item(page, SECRET) }).getByTestId('delete-item').click();

    await deleteSecret();
    await until(async () => (await item(page, SECRET).count()) === 0, 'the secret gone');
    const status = notices(page);
    assert.match(await status.innerText(), /Deleted secret CachedSecret/);
    await tid(page, 'notice-undo').click();
    await until(async () => (await item(page, SECRET).count()) === 1, 'the secret back');
    assert.deepEqual(await pointers(page, TRUSTING), before, 'back in its place');
    assert.match(await status.innerText(), /Undone/);

    await deleteSecret();
    await until(async () => (await item(page, SECRET).count()) === 0, 'the secret gone again');
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Control+z');
    await until(async () => (await item(page, SECRET).count()) === 1, 'Ctrl+Z brings it back');

    await deleteSecret();
    await until(async () => (await item(page, SECRET).count()) === 0, 'the secret gone a third time');
    assert.match(await tid(page, 'undo-button').getAttribute('title'), /delete secret CachedSecret/);
    await tid(page, 'undo-button').click();
    await until(async () => (await item(page, SECRET).count()) === 1, 'the Undo button brings it back');
    assert.deepEqual(await pointers(page, TRUSTING), before);
    assert.ok(await tid(page, 'undo-button').isDisabled(), 'all undone');
    await waitForStatus(page, 'SUCCEEDED');
    checkClean();
  } finally {
    await context.close();
  }
});

test('keyboard: skip link, one Tab stop per account list, arrows between items, F2 and Delete', async () => {
  const { context, page, checkClean } = await openApp(browser);
  try {
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => ({ testid: document.activeElement?.dataset.testid, text: document.activeElement?.textContent }));
    assert.deepEqual(skip, { testid: 'skip-link', text: 'Skip to results' }, 'the first Tab reaches the skip link');
    assert.ok(await tid(page, 'skip-link').isVisible(), 'and shows it');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'results', 'Enter moves focus to the results');
    assert.ok(!page.url().includes('#results'), 'the fragment still carries the scenario');

    const list = await pointers(page, TRUSTED);
    assert.ok(list.length >= 4);
    const stops = () => pane(page, TRUSTED).locator('[data-testid="tree-item"][tabindex="0"]').count();
    assert.equal(await stops(), 1, 'one Tab stop in the list');
    await item(page, list[0]).focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await activePointer(page), list[1]);
    await page.keyboard.press('ArrowDown');
    assert.equal(await activePointer(page), list[2]);
    await page.keyboard.press('ArrowUp');
    assert.equal(await activePointer(page), list[1]);
    const step = await tid(page, 'step-position').innerText();
    await page.keyboard.press('End');
    assert.equal(await activePointer(page), list.at(-1), 'End: the last item of this list');
    await page.keyboard.press('Home');
    assert.equal(await activePointer(page), list[0]);
    assert.equal(await tid(page, 'step-position').innerText(), step, 'Home and End in a list do not step the run');
    assert.equal(await stops(), 1, 'still one Tab stop, the focused item');
    await page.keyboard.press('Tab');
    assert.notEqual(await page.evaluate(() => document.activeElement?.dataset.testid), 'tree-item', 'Tab leaves the list');

    // F2 renames the focused item; Delete deletes it and focus stays in the list.
    const secret = await item(page, SECRET);
    await secret.focus();
    page.once('dialog', (d) => d.accept('RenamedSecret'));
    await page.keyboard.press('F2');
    const renamed = `/accounts/${TRUSTING}/secrets/RenamedSecret`;
    await until(async () => (await item(page, renamed).count()) === 1, 'F2 renamed it');
    await item(page, renamed).focus();
    await page.keyboard.press('Delete');
    await until(async () => (await item(page, renamed).count()) === 0, 'Delete deleted it');
    await until(async () => (await page.evaluate(() => document.activeElement?.dataset.testid)) === 'tree-item', 'focus stays in the list');
    checkClean();
  } finally {
    await context.close();
  }
});

test('the editor says how to leave it, and Esc then Tab leaves it', async () => {
  const { context, page, checkClean } = await openApp(browser);
  try {
    const editor = await openInEditor(page, `/accounts/${TRUSTING}/secrets/CachedSecret`);
    const keys = tid(page, 'editor-keys');
    assert.match(await keys.innerText(), /Esc then Tab leaves the editor/);
    const text = await editor.inputValue();
    await editor.focus();
    await page.keyboard.press('Tab');
    assert.notEqual(await editor.inputValue(), text, 'Tab alone indents');
    await editor.fill(text);
    await editor.focus();
    await page.keyboard.press('Escape');
    assert.match(await keys.innerText(), /Tab now leaves the editor/, 'after Esc the hint says Tab leaves');
    await page.keyboard.press('Tab');
    assert.notEqual(await page.evaluate(() => document.activeElement?.dataset.testid), 'editor-textarea', 'focus moved on');
    assert.equal(await editor.inputValue(), text, 'the text is unchanged');
    checkClean();
  } finally {
    await context.close();
  }
});

test('the page loads without console warnings or errors', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const messages = [];
  page.on('console', (m) => { if (['warning', 'error'].includes(m.type())) messages.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => messages.push(`pageerror: ${e}`));
  try {
    await page.goto(BASE_URL);
    await waitForStatus(page, 'SUCCEEDED');
    await page.waitForTimeout(500);
    assert.deepEqual(messages, [], 'console warnings or errors on load');
  } finally {
    await context.close();
  }
});

test('the first screen says what the tool is and what the preset shows, at three sizes', async () => {
  for (const [width, height] of [[1440, 900], [1280, 720], [390, 844]]) {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light' });
    const { page, checkClean } = await openApp(browser, { context });
    try {
      const tagline = tid(page, 'tagline');
      assert.match(await tagline.innerText(), /Step Functions.*IAM.*browser/s);
      const box = await tagline.boundingBox();
      assert.ok(box && box.y + box.height <= height, `the line is on the first screen at ${width}x${height}`);
      const description = async () => {
        const title = await tid(page, 'preset-select').locator('option:checked').getAttribute('title');
        return { shown: await tid(page, 'preset-description').innerText(), title };
      };
      const seed = await description();
      assert.ok(seed.title && seed.shown.includes(seed.title), `the preset's description is on the page: ${JSON.stringify(seed)}`);
      await waitForStatus(page, 'SUCCEEDED');
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `first-screen-${width}x${height}.png`) });
      if (width === 1440) {
        await tid(page, 'preset-select').selectOption('wrong-external-id');
        const other = await until(async () => { const d = await description(); return d.shown !== seed.shown && d; }, 'the description to follow the preset');
        assert.ok(other.shown.includes(other.title));
      }
      checkClean();
    } finally {
      await context.close();
    }
  }
});

test('a text that does not parse is a problem of its own until it parses again', async () => {
  const { context, page } = await openApp(browser);
  try {
    await waitForStatus(page, 'SUCCEEDED');
    const editor = await openInEditor(page, SECRET);
    const valid = await editor.inputValue();
    await editor.fill('{\n  "name": "CachedSecret",\n  oops\n}');
    const problem = tid(page, 'problems-list').locator('[data-testid="problem"]', { hasText: 'INVALID_JSON' });
    await until(async () => (await problem.count()) === 1, 'an INVALID_JSON problem in the list');
    const text = await problem.innerText();
    assert.match(text, /CachedSecret:3:\d+/, `the problem names the item, line and column: ${text}`);
    assert.match(text, /last valid version is used/);
    await editor.fill(valid);
    await until(async () => (await problem.count()) === 0, 'the INVALID_JSON problem gone once the text parses');
    await waitForStatus(page, 'SUCCEEDED');
  } finally {
    await context.close();
  }
});
