// The graph: zoom, pan and fit; Map and Parallel groups inside the pane; Choice labels
// apart; a failed state opening its failing event; the nested badge only where a nested
// execution started; and no sideways page scroll on a phone from the execution panels.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, tid, until, waitForStatus, screenshot } from '../lib/harness.mjs';
import { fixtureUrl, presetUrl, SIZES } from '../lib/fixtures.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const viewBox = async (page) => (await tid(page, 'graph').getAttribute('viewBox')).split(/\s+/).map(Number);

/// Client boxes of the elements matching `selector` inside the graph.
const boxes = (page, selector) => tid(page, 'graph').locator(selector).evaluateAll((els) => els.map((e) => {
  const r = e.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, text: e.textContent };
}));

const overlap = (a, b, slack = 0.5) =>
  a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack;

test('zoom, pan and fit change the view; a new definition fits again', async () => {
  const { context, page, checkClean } = await openApp(browser, { url: fixtureUrl('groups') });
  try {
    await waitForStatus(page, 'SUCCEEDED');
    const fitted = await viewBox(page);
    await tid(page, 'graph-zoom-in').click();
    const zoomed = await until(async () => { const v = await viewBox(page); return v[2] < fitted[2] && v; }, 'a smaller viewBox after +');
    assert.ok(Math.abs(zoomed[2] / zoomed[3] - fitted[2] / fitted[3]) < 0.01, 'the proportions stay');
    await tid(page, 'graph-zoom-out').click();
    await tid(page, 'graph-zoom-out').click();
    await until(async () => (await viewBox(page))[2] > fitted[2], 'a larger viewBox after − −');

    // Ctrl+wheel zooms in about the pointer; a drag pans.
    await tid(page, 'graph-fit').click();
    await until(async () => (await viewBox(page)).join() === fitted.join(), 'Fit restores the fitted view');
    const svg = await tid(page, 'graph').boundingBox();
    await page.mouse.move(svg.x + svg.width / 2, svg.y + svg.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    const wheeled = await until(async () => { const v = await viewBox(page); return v[2] < fitted[2] && v; }, 'Ctrl+wheel zooms in');
    await page.mouse.move(svg.x + svg.width / 2, svg.y + svg.height / 2);
    await page.mouse.down();
    await page.mouse.move(svg.x + svg.width / 2 - 60, svg.y + svg.height / 2 - 40, { steps: 6 });
    await page.mouse.up();
    const panned = await until(async () => { const v = await viewBox(page); return v[0] > wheeled[0] && v[1] > wheeled[1] && v; }, 'a drag pans');
    assert.equal(panned[2], wheeled[2], 'panning keeps the zoom');
    console.log(`viewBox fitted ${fitted.join(' ')} → + ${zoomed.join(' ')} → wheel ${wheeled.join(' ')} → drag ${panned.join(' ')}`);

    // Another run of the same definition keeps the view; another definition fits again.
    await tid(page, 'run-button').click();
    await page.waitForTimeout(300);
    assert.deepEqual(await viewBox(page), panned, 'the same definition keeps the zoom');
    await tid(page, 'preset-select').selectOption('retry-catch-recovery');
    await waitForStatus(page, 'SUCCEEDED');
    const other = await until(async () => { const v = await viewBox(page); return v.join() !== panned.join() && v; }, 'a new view for a new definition');
    await tid(page, 'graph-fit').click();
    await page.waitForTimeout(200);
    assert.deepEqual(await viewBox(page), other, 'a new definition is shown fitted');
    checkClean();
  } finally {
    await context.close();
  }
});

test('Map and Parallel groups are never cut at the pane edge, and Choice labels stay apart', async () => {
  for (const [width, height] of SIZES) {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light' });
    const { page, checkClean } = await openApp(browser, { url: fixtureUrl('groups'), context });
    try {
      await waitForStatus(page, 'SUCCEEDED');
      const pane = await tid(page, 'graph').evaluate((e) => {
        const r = e.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      });
      const groups = await boxes(page, '.sg-group > .sg-frame');
      assert.equal(groups.length, 2, 'the Map and the Parallel');
      for (const g of groups) {
        assert.ok(g.left >= pane.left && g.right <= pane.right && g.top >= pane.top && g.bottom <= pane.bottom,
          `${width}px: a group box ${JSON.stringify(g)} inside the graph ${JSON.stringify(pane)}`);
      }
      const labels = await boxes(page, '.sg-label');
      assert.ok(labels.length >= 6, `five rules and a Default are labelled (${labels.length})`);
      const nodes = await boxes(page, '.sg-node:not(.sg-group) > .sg-box');
      for (const [i, a] of labels.entries()) {
        for (const b of labels.slice(i + 1)) assert.ok(!overlap(a, b), `${width}px: "${a.text}" overlaps "${b.text}"`);
        for (const n of nodes) assert.ok(!overlap(a, n), `${width}px: "${a.text}" lies on a state`);
      }
      await tid(page, 'graph').scrollIntoViewIfNeeded();
      console.log(`screenshot: ${await screenshot(page, `graph-groups-${width}`)}`);
      checkClean();
    } finally {
      await context.close();
    }
  }
});

test('a failed state opens its failing event; the nested badge shows only where a nested execution started', async () => {
  const { context, page, checkClean } = await openApp(browser, { url: presetUrl('wrong-external-id') });
  try {
    await waitForStatus(page, 'FAILED');
    assert.equal(await tid(page, 'graph-nested-badge').count(), 0, 'AssumeRole was denied: no nested execution, no badge');
    const node = page.locator('[data-testid="graph-node"][data-status="failed"]');
    await until(async () => (await node.count()) === 1, 'one failed state');
    const failing = Number(await node.getAttribute('data-fail-event'));
    await node.click();
    await until(async () => (await tid(page, 'step-position').innerText()).startsWith(`${failing + 1} /`), `the step-through at event ${failing + 1}`);
    const row = page.locator('[data-testid="history-row"][aria-current="step"]');
    assert.match(await row.innerText(), /Failed/, 'the current row is the failure');
    assert.match(await row.getAttribute('class'), /failed/);
    checkClean();
  } finally {
    await context.close();
  }
  const seed = await openApp(browser);
  try {
    await waitForStatus(seed.page, 'SUCCEEDED');
    assert.equal(await tid(seed.page, 'graph-nested-badge').count(), 1, 'the seed starts one nested execution');
    await tid(seed.page, 'graph-nested-badge').click();
    await until(async () => (await tid(seed.page, 'step-position').innerText()).length > 0
      && (await seed.page.locator('.related').innerText()).includes('back to the execution'), 'the badge opens the nested execution');
    seed.checkClean();
  } finally {
    await seed.context.close();
  }
});

test('no sideways page scroll on a phone from the graph and history', async () => {
  for (const url of [fixtureUrl('groups'), fixtureUrl('pass-loop')]) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'light' });
    const { page, checkClean } = await openApp(browser, { url, context });
    try {
      await waitForStatus(page, undefined, 60_000);
      const spill = await page.locator('.run-view').evaluate((view) => {
        const out = [];
        const v = view.getBoundingClientRect();
        if (v.right > innerWidth + 0.5) out.push(`the panel itself ends at ${v.right}`);
        if (view.scrollWidth > view.clientWidth + 1) out.push(`the panel scrolls: ${view.scrollWidth} > ${view.clientWidth}`);
        // Anything wider than the screen must sit in a box of the panel that scrolls.
        const scrolls = (el) => { for (let p = el.parentElement; p && p !== view; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true; return false; };
        for (const el of view.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > innerWidth + 0.5 && !scrolls(el)) out.push(`${el.tagName}.${el.getAttribute('class')} ends at ${r.right.toFixed(0)}`);
        }
        return out;
      });
      assert.deepEqual(spill, [], 'nothing of the execution panel spills past 390 px');
      checkClean();
    } finally {
      await context.close();
    }
  }
});
