// A Distributed Map's Map Run in the page: item counts, child executions as links to their
// own histories, what ResultWriter wrote, and the way back from a child.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, tid, until, waitForStatus, screenshot } from '../lib/harness.mjs';
import { presetUrl, SIZES } from '../lib/fixtures.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the Map Run shows its counts and children, and a child leads back to it', async () => {
  const { context, page, checkClean } = await openApp(browser, { url: presetUrl('distributed-map-cross-account-bucket') });
  try {
    await waitForStatus(page, 'SUCCEEDED');
    const run = tid(page, 'map-run').first();
    await run.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await tid(run, 'map-run-counts').innerText(), /3 items: 3 succeeded, 0 failed, 0 pending/);
    assert.match(await run.innerText(), /ResultWriter wrote \d+ objects to s3:\/\//);
    const children = tid(run, 'map-run-child');
    assert.equal(await children.count(), 3);
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await run.scrollIntoViewIfNeeded();
      console.log(`screenshot: ${await screenshot(page, `map-run-${width}`)}`);
      const box = await run.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= width + 1, `the Map Run fits at ${width}px (${JSON.stringify(box)})`);
      // The preset's EXTERNAL_ACCESS finding names long ARNs: they wrap rather than run out of
      // the Problems panel.
      const messages = await page.locator('[data-testid=problem] .msg')
        .evaluateAll((ms) => ms.map((m) => [m.scrollWidth, m.clientWidth, m.textContent]));
      assert.ok(messages.length > 0, 'the preset has a problem to show');
      for (const [scroll, client, text] of messages) {
        assert.ok(scroll <= client, `the problem "${text}" fits its line at ${width}px (${scroll} > ${client})`);
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await children.first().click();
    const back = tid(page, 'map-run-parent');
    await back.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await back.innerText(), /back to the Map Run of .* \(item 1 of 3\)/);
    const picked = await page.locator('.execution-pick select option:checked').innerText();
    assert.match(picked, /Map Run child/);
    await back.click();
    await tid(page, 'map-run').first().waitFor({ state: 'visible', timeout: 10_000 });
    checkClean();
  } finally {
    await context.close();
  }
});
