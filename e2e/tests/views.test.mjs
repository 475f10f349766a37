// The execution views: graph and history following the step-through, and the dark theme.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, tid, until, run, screenshot } from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// The step position ("4 / 27"), the current history row's event id, the current graph nodes.
async function where(page) {
  const [at, of] = (await tid(page, 'step-position').innerText()).split('/').map((s) => parseInt(s, 10));
  const row = page.locator('[data-testid="history-row"][aria-current="step"]');
  const current = (await row.count()) ? await row.first().getAttribute('data-event-id') : null;
  const rowText = current ? await row.first().innerText() : '';
  const nodes = await page.locator('[data-testid="graph-node"][data-status="current"]').evaluateAll(
    (els) => els.map((e) => e.getAttribute('data-state')));
  return { at, of, current, nodes, rowText };
}

test('the graph and the history follow the step-through', async () => {
  const { context, page, checkClean } = await openApp(browser);
  try {
    await run(page, 'SUCCEEDED');
    await tid(page, 'graph').waitFor({ state: 'visible' });
    await tid(page, 'history-table').waitFor({ state: 'visible' });
    const start = await until(async () => { const w = await where(page); return w.of > 3 && w; }, 'step-position "N / M" with M > 3');
    // Go back to the start (the step-through may begin at the last event).
    for (let i = 0; i < start.of && (await where(page)).at > 1; i++) await tid(page, 'step-prev').click();
    const seen = [await where(page)];
    for (let i = 0; i < 3; i++) {
      await tid(page, 'step-next').click();
      seen.push(await until(async () => { const w = await where(page); return w.at === seen.at(-1).at + 1 && w; }, `step ${seen.at(-1).at + 1} after step-next`));
    }
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowRight');
      seen.push(await until(async () => { const w = await where(page); return w.at === seen.at(-1).at + 1 && w; }, `step ${seen.at(-1).at + 1} after ArrowRight`));
    }
    for (let i = 1; i < seen.length; i++) {
      assert.ok(seen[i].current, `a history row is aria-current at step ${seen[i].at}`);
      assert.notEqual(seen[i].current, seen[i - 1].current, `the current history row moves at step ${seen[i].at}`);
    }
    console.log(`steps: ${JSON.stringify(seen)}`);
    assert.ok(seen.some((w) => w.nodes.length > 0), `a graph node is data-status="current" while stepping: ${JSON.stringify(seen)}`);
    assert.ok(new Set(seen.flatMap((w) => w.nodes)).size >= 2, 'the current graph node moves on to the next state');
    for (const w of seen.filter((w) => w.nodes.length)) {
      assert.ok(w.nodes.some((n) => w.rowText.includes(n)), `at step ${w.at} the current node ${w.nodes} is the current history row's state: ${w.rowText}`);
    }
    checkClean();
  } finally {
    await context.close();
  }
});

/// The relative luminance (0..1) of the background behind the middle of the page: the first
/// opaque background-color up the ancestors of the element there.
function backgroundLuminance(page) {
  return page.evaluate(() => {
    const rgb = (el) => {
      const m = getComputedStyle(el).backgroundColor.match(/^rgba?\(([^)]*)\)$/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return a > 0 ? [r, g, b] : null;
    };
    let color = null;
    for (let el = document.elementFromPoint(innerWidth / 2, innerHeight / 2); el && !color; el = el.parentElement) color = rgb(el);
    const [r, g, b] = (color ?? [255, 255, 255]).map((c) => c / 255);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
}

test('the dark theme', async () => {
  const { context, page, checkClean } = await openApp(browser);
  try {
    await run(page, 'SUCCEEDED');
    const light = await page.screenshot();
    assert.ok((await backgroundLuminance(page)) > 0.5, 'a first visit in a light-preferring browser is light');
    // The toggle may cycle through more than two themes (light, dark, system): up to 3 clicks.
    for (let i = 0; i < 3 && (await backgroundLuminance(page)) > 0.5; i++) {
      await tid(page, 'theme-toggle').click();
      await page.waitForTimeout(300);
    }
    assert.ok((await backgroundLuminance(page)) < 0.5, 'the theme toggle reaches a dark background');
    assert.ok(!(await page.screenshot()).equals(light), 'the page looks different');
    console.log(`screenshot: ${await screenshot(page, 'dark-theme')}`);
    checkClean();
  } finally {
    await context.close();
  }
});
