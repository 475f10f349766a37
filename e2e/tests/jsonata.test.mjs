// The JSONata seed preset: it runs, the data-flow panel shows the JSONata stages, and a broken
// expression typed into a definition is marked where it is broken.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openApp, tid, until, waitForStatus, screenshot, openInEditor, BASE_URL, REPO } from '../lib/harness.mjs';

const PRESET = 'cross-account-secret-cache-jsonata';
const WORKFLOW = '/accounts/222222222222/stateMachines/SecretCacheWfw/definition';
const GOOD = '"SecretId": "{% $secretId %}"';
const BROKEN = '"SecretId": "{% $secretId ] %}"';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const presetUrl = () => `${BASE_URL}#p=${PRESET}`;

/// The headings of the data-flow panel's stages.
async function stages(page) {
  return tid(page, 'dataflow-panel').locator('h3').allInnerTexts();
}

test('the JSONata seed preset runs to SUCCEEDED and the data flow shows its JSONata stages', async () => {
  const scenario = JSON.parse(fs.readFileSync(path.join(REPO, `crates/sim/presets/${PRESET}.json`), 'utf8'));
  const secret = scenario.accounts['222222222222'].secrets.CachedSecret.secretString;
  const { context, page, checkClean } = await openApp(browser, { url: presetUrl() });
  try {
    await waitForStatus(page, 'SUCCEEDED');
    await until(async () => (await tid(page, 'run-output').innerText()).includes(secret), `run-output showing ${secret}`);
    // The last state of the consumer workflow: Arguments in, the result, the Output.
    const last = await until(async () => {
      const s = await stages(page);
      return s.includes('After Arguments') && s;
    }, 'the data-flow panel showing "After Arguments"');
    assert.ok(last.includes('Output'), `the data-flow stages ${last} include Output`);
    assert.ok(!last.includes('After Parameters'), `a JSONata state has no "After Parameters" stage: ${last}`);
    // FetchConfiguration assigns the configuration to a variable.
    const node = page.locator('[data-testid="graph-node"][data-state="FetchConfiguration"]');
    await node.first().click();
    const fetch = await until(async () => {
      const s = await stages(page);
      return s.includes('Variables') && s;
    }, 'the data-flow panel of FetchConfiguration showing "Variables"');
    assert.ok(fetch.includes('After Arguments'), `FetchConfiguration's stages ${fetch} include After Arguments`);
    const panel = await tid(page, 'dataflow-panel').innerText();
    assert.match(panel, /FetchConfiguration/i, 'the panel names the picked state');
    assert.match(panel, /trustingAccountRoleArn/, 'the Variables stage shows the assigned configuration');
    await tid(page, 'dataflow-panel').scrollIntoViewIfNeeded();
    console.log(`screenshot: ${await screenshot(page, 'jsonata-dataflow')}`);
    checkClean();
  } finally {
    await context.close();
  }
});

test('a broken JSONata expression is marked in the editor where it is broken', async () => {
  const { context, page, checkClean } = await openApp(browser, { url: presetUrl() });
  try {
    await waitForStatus(page, 'SUCCEEDED');
    const editor = await openInEditor(page, WORKFLOW);
    const text = await editor.inputValue();
    assert.ok(text.includes(GOOD), `the definition reads ${GOOD}`);
    // The expression in a JSON string reads as code.
    const code = page.locator('.je-expr-var', { hasText: '$secretId' });
    await until(async () => (await code.count()) > 0, 'the $secretId variable highlighted as code');
    const broken = text.replace(GOOD, BROKEN);
    await editor.fill(broken);
    // Where the stray `]` is: 1-based line and column of the edited text.
    const at = broken.indexOf(BROKEN) + BROKEN.indexOf(']');
    const before = broken.slice(0, at);
    const line = before.split('\n').length;
    const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
    const mark = page.locator(`[data-testid="editor-mark"][data-line="${line}"]`);
    await until(async () => (await mark.count()) > 0, `an editor mark on line ${line}`);
    assert.equal(await mark.first().getAttribute('data-column'), String(column), `the mark is at column ${column}, on the "]"`);
    const underlined = page.locator('.je-pre .je-mark-error');
    assert.deepEqual(await underlined.allInnerTexts(), [']'], 'the wavy underline is under the "]" only');
    const problem = tid(page, 'problems-list').locator('[data-testid="problem"]', { hasText: 'INVALID_JSONATA' });
    await until(async () => (await problem.count()) > 0, 'an INVALID_JSONATA problem in the problems list');
    assert.match(await problem.first().innerText(), new RegExp(`definition:${line}:${column}`), 'the problem gives the line and column');
    await editor.focus();
    await page.keyboard.press('Escape');
    await tid(page, 'problems-list').scrollIntoViewIfNeeded();
    console.log(`screenshot: ${await screenshot(page, 'jsonata-error-1440')}`);
    // The expression's colours in the dark theme (the toggle may cycle through 3 themes).
    const dark = () => page.evaluate(() => document.documentElement.dataset.theme === 'dark');
    for (let i = 0; i < 3 && !(await dark()); i++) await tid(page, 'theme-toggle').click();
    assert.ok(await dark(), 'the theme toggle reaches the dark theme');
    console.log(`screenshot: ${await screenshot(page, 'jsonata-error-dark')}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await until(async () => (await mark.count()) > 0, 'the mark at 390 px');
    console.log(`screenshot: ${await screenshot(page, 'jsonata-error-390')}`);
    checkClean();
  } finally {
    await context.close();
  }
});
