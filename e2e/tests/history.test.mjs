// The history panel: a virtual table (only the rows in view are in the page) that follows
// the step-through, filters, Export JSON, failed rows, and the time a step takes on a
// 25,000-event history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, openApp, tid, until, waitForStatus, screenshot } from '../lib/harness.mjs';
import { fixtureUrl, presetUrl } from '../lib/fixtures.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// "12 / 25001" → [12, 25001].
async function position(page) {
  return (await tid(page, 'step-position').innerText()).split('/').map((s) => parseInt(s, 10));
}

const rows = (page) => page.locator('[data-testid="history-row"]');
const currentRow = (page) => page.locator('[data-testid="history-row"][aria-current="step"]');

/// The current row is in the page and wholly inside the scrolled table, under its header.
async function currentRowSeen(page) {
  return page.evaluate(() => {
    const row = document.querySelector('[data-testid="history-row"][aria-current="step"]');
    const box = document.querySelector('[data-testid="history-scroll"]');
    const head = box?.querySelector('.history-head');
    if (!row || !box || !head) return false;
    const r = row.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    return r.top >= head.getBoundingClientRect().bottom - 1 && r.bottom <= b.bottom + 1;
  });
}

test('a 25,000-event history: few rows in the page, the current one in view, each step under 16 ms', async () => {
  const { context, page, checkClean } = await openApp(browser, { url: fixtureUrl('pass-loop') });
  try {
    await waitForStatus(page, 'FAILED', 60_000);
    const [at, of] = await until(async () => { const p = await position(page); return p[1] > 20_000 && p; }, 'the long history');
    assert.ok(of >= 25_000, `the loop runs into the 25,000-event limit (${of} events)`);
    assert.equal(at, of, 'the step-through starts at the last event');
    assert.ok((await rows(page).count()) < 100, `only the rows in view are drawn: ${await rows(page).count()}`);
    assert.ok(await currentRowSeen(page), 'the last event is in view');
    assert.match(await tid(page, 'history-count').innerText(), new RegExp(`${of} events`));

    // Home and End jump across the whole table; the current row stays drawn and in view.
    await page.keyboard.press('Home');
    await until(async () => (await position(page))[0] === 1, 'Home goes to event 1');
    assert.equal(await currentRow(page).getAttribute('data-event-id'), '1');
    assert.ok(await currentRowSeen(page), 'event 1 is in view');
    await page.keyboard.press('End');
    await until(async () => (await position(page))[0] === of, 'End goes to the last event');
    assert.ok(await currentRowSeen(page), 'the last event is in view again');

    // Scrolling the table draws the rows scrolled to, and still only a few.
    await tid(page, 'history-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight / 2; });
    await until(async () => {
      const ids = await rows(page).evaluateAll((els) => els.map((e) => Number(e.dataset.eventId)));
      return ids.some((id) => Math.abs(id - of / 2) < 40) && ids.length < 100;
    }, 'the middle rows drawn after scrolling there');

    // The step latency: from the key press to the first animation frame with the position
    // text updated; and the main thread's work in it (the render, then style and layout,
    // forced at once). Each sample starts at a random point of a frame, as a key press does.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const cpu = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0;
    const steps = 60;
    const cpuBefore = await cpu();
    const samples = await page.evaluate(async (steps) => {
      const pos = document.querySelector('[data-testid="step-position"]');
      const out = [];
      for (let i = 0; i < steps; i++) {
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, Math.random() * 12)));
        const before = pos.textContent;
        const t0 = performance.now();
        document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
        // The app renders in a microtask after the key's handler; then force style and layout.
        await Promise.resolve();
        await new Promise((r) => queueMicrotask(r));
        document.body.getBoundingClientRect();
        const work = performance.now() - t0;
        let frames = 0;
        do {
          await new Promise((r) => requestAnimationFrame(r));
          frames += 1;
        } while (pos.textContent === before && frames < 30);
        out.push({ work, frame: performance.now() - t0, frames, updated: pos.textContent !== before });
      }
      return out;
    }, steps);
    const cpuPerStep = ((await cpu()) - cpuBefore) * 1000 / steps;
    assert.deepEqual(samples.filter((s) => !s.updated), [], 'every step updated the position');
    const stat = (k) => {
      const v = samples.map((s) => s[k]).sort((a, b) => a - b);
      return { median: v[v.length >> 1], p90: v[Math.floor(v.length * 0.9)], max: v.at(-1) };
    };
    const work = stat('work');
    const frame = stat('frame');
    const late = samples.filter((s) => s.frames > 1).length;
    const fmt = (s) => `median ${s.median.toFixed(1)} ms, p90 ${s.p90.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;
    console.log(`step latency at ${of} events over ${steps} steps: key press to the next frame showing it ${fmt(frame)} (${late} shown a frame later); render+style+layout ${fmt(work)}; main-thread CPU ${cpuPerStep.toFixed(1)} ms/step (load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`);
    assert.ok(work.median < 16, `a step's render, style and layout take under 16 ms (${fmt(work)})`);
    // The main thread's whole CPU time per step (ThreadTime) also counts the test's own timers
    // and garbage collection, and swung from 13 to 18 ms between identical runs: it is logged
    // above, not asserted; the render is what the issue bounds.
    assert.equal((await position(page))[0], of - steps, 'each key press stepped once');
    assert.ok(await currentRowSeen(page), 'the current row followed the steps');
    console.log(`screenshot: ${await screenshot(page, 'history-25000-events')}`);
    checkClean();
  } finally {
    await context.close();
  }
});

test('filters narrow the rows, by type, by state and by text', async () => {
  const { context, page, checkClean } = await openApp(browser);
  try {
    await waitForStatus(page, 'SUCCEEDED');
    const total = await rows(page).count();
    assert.ok(total > 6, `the seed's history has rows (${total})`);
    const cells = (col) => rows(page).evaluateAll((els, col) => els.map((e) => e.children[col].textContent.trim()), col);

    await tid(page, 'history-filter-type').selectOption('TaskScheduled');
    await until(async () => (await rows(page).count()) < total, 'fewer rows for one type');
    const types = await cells(1);
    assert.ok(types.length > 0 && types.every((t) => t === 'TaskScheduled'), `only TaskScheduled rows: ${types}`);
    assert.match(await tid(page, 'history-count').innerText(), new RegExp(`^${types.length} of ${total} events`));

    await tid(page, 'history-filter-type').selectOption('');
    const state = (await tid(page, 'history-filter-state').locator('option').allInnerTexts())[1];
    await tid(page, 'history-filter-state').selectOption(state);
    await until(async () => (await rows(page).count()) < total, `fewer rows for state ${state}`);
    assert.ok((await cells(2)).every((s) => s === state), `only rows of ${state}`);

    await tid(page, 'history-filter-state').selectOption('');
    await tid(page, 'history-filter-text').fill('aws-sdk:ssm');
    await until(async () => (await rows(page).count()) < total, 'fewer rows for a text');
    const resources = await cells(3);
    assert.ok(resources.length > 0 && resources.every((r) => r.includes('aws-sdk:ssm')), `rows with the text: ${resources}`);

    await tid(page, 'history-filter-text').fill('no such text anywhere');
    await until(async () => (await rows(page).count()) === 0, 'no row for a text found nowhere');
    await page.getByRole('button', { name: 'Clear' }).click();
    await until(async () => (await rows(page).count()) === total, 'every row back after Clear');

    // A click on a row steps there.
    await rows(page).nth(2).click();
    await until(async () => (await position(page))[0] === 3, 'the step-through at the clicked row');
    assert.equal(await currentRow(page).getAttribute('data-event-id'), '3');
    checkClean();
  } finally {
    await context.close();
  }
});

test('Export JSON downloads the shown history as GetExecutionHistory returns it', async () => {
  const { context, page, checkClean } = await openApp(browser);
  try {
    await waitForStatus(page, 'SUCCEEDED');
    const [, of] = await position(page);
    const [download] = await Promise.all([page.waitForEvent('download'), tid(page, 'history-export').click()]);
    assert.match(download.suggestedFilename(), /-history\.json$/);
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    const doc = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    assert.deepEqual(Object.keys(doc), ['events']);
    assert.equal(doc.events.length, of, 'every event of the execution');
    assert.equal(doc.events[0].type, 'ExecutionStarted');
    assert.equal(doc.events.at(-1).type, 'ExecutionSucceeded');
    for (const e of doc.events) {
      assert.deepEqual(Object.keys(e).slice(0, 4), ['id', 'previousEventId', 'timestamp', 'type'], JSON.stringify(e));
      assert.ok(!('playground' in e), 'no playground annotations');
      assert.ok(Object.keys(e).slice(4).every((k) => k.endsWith('EventDetails')), `AWS's fields only: ${Object.keys(e)}`);
    }
    checkClean();
  } finally {
    await context.close();
  }
});

test('failed rows stay marked while stepping', async () => {
  const { context, page, checkClean } = await openApp(browser, { url: presetUrl('wrong-external-id') });
  try {
    await waitForStatus(page, 'FAILED');
    const failed = page.locator('[data-testid="history-row"].failed');
    const ids = await failed.evaluateAll((els) => els.map((e) => e.dataset.eventId));
    assert.ok(ids.length >= 2, `the TaskFailed and ExecutionFailed rows are marked: ${ids}`);
    assert.match(await failed.first().innerText(), /✗/);
    await tid(page, 'step-prev').click();
    await tid(page, 'step-prev').click();
    assert.deepEqual(await failed.evaluateAll((els) => els.map((e) => e.dataset.eventId)), ids, 'still marked');
    checkClean();
  } finally {
    await context.close();
  }
});

test('the table fits the results column on a laptop: Started after and Duration in view, the time in the details', async () => {
  const { context, page, checkClean } = await openApp(browser, { url: presetUrl('missing-start-sync-permission') });
  try {
    await waitForStatus(page, 'FAILED');
    for (const [width, height] of [[1440, 900], [1280, 720]]) {
      await page.setViewportSize({ width, height });
      const box = tid(page, 'history-scroll');
      await box.scrollIntoViewIfNeeded();
      const [scroll, client] = await box.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      assert.ok(scroll <= client, `the table needs no sideways scroll at ${width}px (${scroll} > ${client})`);
      const edge = (await box.boundingBox()).x + client;
      for (const name of ['Started after', 'Duration']) {
        const head = box.getByRole('columnheader', { name, exact: true });
        const cell = await head.boundingBox();
        assert.ok(cell && cell.x + cell.width <= edge + 1, `${name} is in view at ${width}px`);
        assert.equal(await head.evaluate((el) => el.scrollWidth <= el.clientWidth), true, `${name} is not cut at ${width}px`);
      }
      console.log(`screenshot: ${await screenshot(page, `history-columns-${width}`)}`);
    }
    // On a phone the Resource and Duration go too: no sideways scroll, the types whole.
    await page.setViewportSize({ width: 390, height: 844 });
    const box = tid(page, 'history-scroll');
    await box.scrollIntoViewIfNeeded();
    const [scroll, client] = await box.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    assert.ok(scroll <= client, `the table needs no sideways scroll at 390px (${scroll} > ${client})`);
    const after = box.getByRole('columnheader', { name: 'Started after', exact: true });
    assert.equal(await after.innerText(), 'After', 'Started after is headed "After" on a phone');
    const cut = await box.locator('[data-testid="history-row"] .kind').evaluateAll((cells) =>
      cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent));
    assert.deepEqual(cut, [], 'every event type is whole at 390px');
    console.log(`screenshot: ${await screenshot(page, 'history-columns-390')}`);
    // The Timestamp column is left out there; the current event's details give its time.
    assert.match(await tid(page, 'event-details').locator('summary').innerText(),
      /^Event 11 · ExecutionFailed at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z · details$/);
    checkClean();
  } finally {
    await context.close();
  }
});
