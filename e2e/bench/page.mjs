// Times the built page in headless Chromium from localhost (scripts/bench-page runs it):
// time to interactive (the first frame, Run clickable), the seed's results painted after
// the engine answered, and a 10,000-event loop from Run to its results painted. The page
// records User Timing marks (web/src/browser.rs: sfn:interactive, sfn:ran, sfn:painted).
// Prints the median of BENCH_RUNS runs (default 7) of each, in milliseconds.
import { test, before, after } from 'node:test';
import { launch, openApp, until } from '../lib/harness.mjs';
import { scenarioUrl } from '../lib/fixtures.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from '../lib/harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const marks = (page, name) => page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.startTime), name);

/// The pass-loop fixture, looping `turns` times (4 events a turn).
function loop(turns) {
  const scenario = JSON.parse(fs.readFileSync(path.join(REPO, 'e2e/fixtures/pass-loop.json'), 'utf8'));
  const machine = scenario.accounts['111111111111'].stateMachines.Counter.definition;
  machine.States['More?'].Choices[0].NumericLessThan = turns;
  scenario.title = `A Pass loop of ${turns} turns`;
  return scenario;
}

test('page timings', async () => {
  const rows = { interactive: [], seedAnswerToPaint: [], seedRerunAnswerToPaint: [], seedRerunRunToPaint: [], loopRunToPaint: [], loopRunToAnswer: [], loopAnswerToPaint: [] };
  for (let i = 0; i < RUNS; i++) {
    const { context, page } = await openApp(browser);
    try {
      await until(async () => (await marks(page, 'sfn:painted')).length > 0, 'the seed painted');
      rows.interactive.push((await marks(page, 'sfn:interactive'))[0]);
      const [ran] = await marks(page, 'sfn:ran');
      const painted = (await marks(page, 'sfn:painted')).find((t) => t >= ran);
      rows.seedAnswerToPaint.push(painted - ran);
      // Run again: the results are on screen, the new ones replace them.
      const t0 = await page.evaluate(() => {
        const t = performance.now();
        document.querySelector('[data-testid="run-button"]').click();
        return t;
      });
      const again = await until(async () => (await marks(page, 'sfn:painted')).find((t) => t > t0), 'the seed re-run painted');
      const ranAgain = (await marks(page, 'sfn:ran')).find((t) => t > t0);
      rows.seedRerunAnswerToPaint.push(again - ranAgain);
      rows.seedRerunRunToPaint.push(again - t0);
    } finally {
      await context.close();
    }
    const { context: c2, page: p2 } = await openApp(browser, { url: scenarioUrl(loop(2500)) });
    try {
      await until(async () => (await marks(p2, 'sfn:painted')).length > 0, 'the loop painted');
      const t0 = await p2.evaluate(() => {
        const t = performance.now();
        document.querySelector('[data-testid="run-button"]').click();
        return t;
      });
      const painted = await until(async () => (await marks(p2, 'sfn:painted')).find((t) => t > t0), 'the re-run painted');
      const ran = (await marks(p2, 'sfn:ran')).find((t) => t > t0);
      rows.loopRunToPaint.push(painted - t0);
      rows.loopRunToAnswer.push(ran - t0);
      rows.loopAnswerToPaint.push(painted - ran);
    } finally {
      await c2.close();
    }
  }
  console.log(`page timings, median of ${RUNS} runs (ms):`);
  for (const [name, xs] of Object.entries(rows)) {
    console.log(`  ${name.padEnd(20)} ${median(xs).toFixed(1).padStart(8)}   (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`);
  }
});
