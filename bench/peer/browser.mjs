// Times the workloads in headless Chromium (see timing.mjs), both engines in the same page
// served from localhost: our engines' web build (target/js-package/web, built by
// scripts/package) and the peer's browser build (aws-local-stepfunctions'
// build/main.browser.esm.js). Prints one JSON line per workload and engine:
// {"where": "chromium", "workload", "engine", "ms"}.
//
// Usage: node bench/peer/browser.mjs WORKLOAD_FILE...
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const { chromium } = createRequire(join(root, 'e2e', 'package.json'))('playwright-core');

const files = {
  '/timing.mjs': join(here, 'timing.mjs'),
  '/peer.js': join(here, 'node_modules/aws-local-stepfunctions/build/main.browser.esm.js'),
  '/ours/engines.js': join(root, 'target/js-package/web/engines.js'),
  '/ours/engines_bg.wasm': join(root, 'target/js-package/web/engines_bg.wasm'),
};
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
const page = `<!doctype html><meta charset="utf-8"><title>bench</title><script type="module">
import init, * as ours from '/ours/engines.js';
import { StateMachine } from '/peer.js';
import { timeWorkload } from '/timing.mjs';
await init();
window.bench = (workload) => timeWorkload(workload, ours, StateMachine);
window.ready = true;
</script>`;

const server = createServer((req, res) => {
  const file = files[req.url];
  if (req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  } else if (file) {
    res.writeHead(200, { 'content-type': types[file.slice(file.lastIndexOf('.'))] }).end(readFileSync(file));
  } else {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const tab = await browser.newPage();
  tab.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => window.ready === true, null, { timeout: 60_000 });
  for (const file of process.argv.slice(2)) {
    const { definition, input } = JSON.parse(readFileSync(file, 'utf8'));
    const workload = { name: basename(file, '.json'), definition, input };
    for (const row of await tab.evaluate((w) => window.bench(w), workload)) {
      console.log(JSON.stringify({ where: 'chromium', ...row }));
    }
  }
} finally {
  await browser.close();
  server.close();
}
