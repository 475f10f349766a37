// Every built-in preset runs in the page as the engine's own tests say it runs
// (crates/sim/tests/cases/presets.json, the cases without a patch): the status and the
// error name the outcome shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openApp, until, tid, statusText, REPO } from '../lib/harness.mjs';
import { presetUrl, SIZES } from '../lib/fixtures.mjs';

const cases = JSON.parse(fs.readFileSync(path.join(REPO, 'crates/sim/tests/cases/presets.json'), 'utf8'))
  .filter((c) => !(c.patch?.length) && c.expect?.status);
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('every preset shows the outcome its engine case expects', async () => {
  assert.ok(cases.length >= 10, `only ${cases.length} preset cases`);
  const seen = new Set();
  for (const c of cases) {
    if (seen.has(c.preset)) continue;
    seen.add(c.preset);
    const { context, page, checkClean } = await openApp(browser, { url: presetUrl(c.preset) });
    try {
      await until(async () => {
        const running = await tid(page, 'run-progress').count();
        return !running && (await statusText(page)).toUpperCase().includes(c.expect.status);
      }, `${c.preset}: run-status ${c.expect.status}`);
      if (c.expect.error) {
        const shown = await page.locator('.outcome .error-name').first().innerText();
        assert.equal(shown.trim(), c.expect.error, `${c.preset}: the error name shown`);
      }
      // The Problems heading counts in English: "1 warning", not "1 warnings".
      const heading = await page.locator('section.problems h2').first().innerText();
      assert.doesNotMatch(heading, /\b1 (errors|warnings)\b/i, `${c.preset}: ${heading}`);
      // Every call in the diagram across accounts shows its number: no number sits on
      // another (two edges that cross in the middle used to put theirs on one spot).
      const badges = await page.locator('g.edge .badge').evaluateAll((rs) =>
        rs.map((r) => ['x', 'y', 'width', 'height'].map((k) => Number(r.getAttribute(k)))));
      assert.ok(badges.length > 0, `${c.preset}: the diagram numbers its calls`);
      for (const [i, [x, y, w, h]] of badges.entries()) {
        for (const [u, v, a, b] of badges.slice(0, i)) {
          const apart = x >= u + a || u >= x + w || y >= v + b || v >= y + h;
          assert.ok(apart, `${c.preset}: edge numbers overlap at ${x},${y}`);
        }
      }
      // The outcome (a long error name such as SecretsManager.SecretsManagerException
      // included) stays within the page at every width: nothing runs past its right edge.
      for (const [width, height] of SIZES) {
        await page.setViewportSize({ width, height });
        const [page_width, outcome_right, name_right] = await page.evaluate(() => [
          document.documentElement.scrollWidth,
          document.querySelector('.outcome')?.getBoundingClientRect().right ?? 0,
          document.querySelector('.outcome .error-name')?.getBoundingClientRect().right ?? 0,
        ]);
        assert.ok(page_width <= width, `${c.preset}: the page is ${page_width}px wide at ${width}px`);
        assert.ok(Math.max(outcome_right, name_right) <= width,
          `${c.preset}: the outcome reaches ${Math.round(Math.max(outcome_right, name_right))}px at ${width}px`);
        // Each problem's code and place are whole (a phone cut CONFUSED_DEPUTY_SERVICE_PRINCIPAL
        // to "CONFUSED_DEPUT…" beside its place).
        const cut = await page.locator('[data-testid=problem] :is(.code, .where)').evaluateAll((els) =>
          els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
        assert.deepEqual(cut, [], `${c.preset}: problem codes and places cut at ${width}px`);
        // The diagram is never drawn smaller than three quarters of its size (its 12px names
        // stay readable); where its box is narrower it scrolls sideways within it.
        const scales = await page.locator('.crossing-svg').evaluateAll((svgs) =>
          svgs.map((svg) => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width));
        for (const scale of scales) {
          assert.ok(scale >= 0.745, `${c.preset}: the diagram is drawn at ${scale.toFixed(2)} of its size at ${width}px`);
        }
      }
      checkClean();
    } finally {
      await context.close();
    }
  }
  console.log(`presets: ${seen.size} run in the page as their engine cases expect`);
});
