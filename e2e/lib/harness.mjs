// Shared helpers of the end-to-end tests: Debian's chromium driven by playwright-core, the
// page under test (E2E_BASE_URL, set by scripts/e2e), polling waits, and the seed preset.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '../..');
export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080/';
export const ARTIFACTS = process.env.E2E_ARTIFACTS ?? path.join(REPO, 'e2e/artifacts');
export const TERMINAL = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

// Each launch gets a new empty profile (playwright makes a temporary --user-data-dir) and each
// browser.newContext() is a fresh incognito-like context: no localStorage, no cookies.
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/// Opens `url` in a new context and waits for the app to mount (the Run button). Records page
/// errors (a wasm panic is one) and requests that leave the page's origin: `checkClean()`
/// asserts there were none.
export async function openApp(browser, { url = BASE_URL, context } = {}) {
  context ??= await browser.newContext({ viewport: { width: 1440, height: 960 }, colorScheme: 'light' });
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  const origin = new URL(BASE_URL).origin;
  page.on('pageerror', (e) => errors.push(String(e?.stack ?? e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && /panicked|RuntimeError|unreachable/.test(m.text())) errors.push(m.text());
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !/^(data|blob|about):/.test(u)) foreign.push(u);
  });
  await page.goto(url);
  await tid(page, 'run-button').waitFor({ state: 'visible', timeout: 30_000 });
  const checkClean = () => {
    assert.deepEqual(errors, [], 'page errors');
    assert.deepEqual(foreign, [], 'requests outside the page origin (the app must run offline)');
  };
  return { context, page, errors, checkClean };
}

export const tid = (scope, id) => scope.getByTestId(id);

/// Polls `fn` until it returns a truthy value; fails with `what` and the last value after `timeout`.
export async function until(fn, what, timeout = 30_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) assert.fail(`timed out waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function statusText(page) {
  const s = tid(page, 'run-status');
  return (await s.count()) ? (await s.first().innerText()).trim() : '';
}

/// Waits until run-status shows one of the terminal statuses (or `want` exactly) and returns it.
export async function waitForStatus(page, want, timeout = 30_000) {
  return until(async () => {
    const s = await statusText(page);
    const hit = TERMINAL.find((t) => s.toUpperCase().includes(t));
    if (want ? hit === want : hit) return hit;
    return false;
  }, want ? `run-status ${want}` : 'a terminal run-status', timeout);
}

/// Clicks Run and waits for `want`.
export async function run(page, want) {
  await tid(page, 'run-button').click();
  return waitForStatus(page, want);
}

/// A shot of the page from its top: the whole page, or only the window when `fullPage` is
/// false (Chromium cannot capture a page hundreds of thousands of pixels tall, as one with a
/// definition of 20,000 lines in its editor is).
export async function screenshot(page, name, { fullPage = true } = {}) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  // From the top: a full-page shot of a scrolled window repeats the sticky header mid-page.
  // Panels keep their own scroll positions.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage });
  return file;
}

/// The tree item whose data-pointer is `pointer`, clicked so that the editor shows it; returns
/// the editor textarea once it edits that pointer.
export async function openInEditor(page, pointer) {
  const item = page.locator(`[data-testid="tree-item"][data-pointer="${pointer}"]`);
  await until(async () => (await item.count()) > 0, `tree-item ${pointer}`, 10_000);
  await item.first().click();
  const editor = page.locator(`[data-testid="editor-textarea"][data-pointer="${pointer}"]`);
  await editor.first().waitFor({ state: 'visible', timeout: 10_000 });
  return editor.first();
}

export async function editorJson(editor) {
  return JSON.parse(await editor.inputValue());
}

// ---- the seed preset -------------------------------------------------------------------

/// The seed preset (the scenario a first visit shows): the first preset that
/// crates/sim/src/presets.rs includes ("the seed comes first"), else the file whose
/// description says it is the seed.
export function seedPreset() {
  const dir = path.join(REPO, 'crates/sim/presets');
  const registry = path.join(REPO, 'crates/sim/src/presets.rs');
  let file = fs.existsSync(registry)
    ? /include_str!\("\.\.\/presets\/([^"]+\.json)"\)/.exec(fs.readFileSync(registry, 'utf8'))?.[1]
    : undefined;
  const read = (f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  if (!file) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
    file = files.find((f) => /^the seed/i.test(read(f).description ?? ''));
  }
  assert.ok(file, `no seed preset found through ${registry} or in ${dir}`);
  return { file, scenario: read(file) };
}

/// Every `secretString` of the scenario's Secrets Manager secrets.
export function secretStrings(scenario) {
  const out = [];
  for (const account of Object.values(scenario.accounts ?? {})) {
    for (const secret of Object.values(account.secrets ?? {})) {
      if (typeof secret?.secretString === 'string') out.push(secret.secretString);
    }
  }
  return out;
}

/// The strings that show a secret's value in pretty-printed JSON output: the secret itself
/// (JSON-escaped, as a string value shows it) and, for a JSON secret, its string leaves.
export function secretMarkers(secret) {
  const markers = [JSON.stringify(secret).slice(1, -1)];
  try {
    const leaves = [];
    const walk = (v) => {
      if (typeof v === 'string') leaves.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    const parsed = JSON.parse(secret);
    if (parsed && typeof parsed === 'object') {
      walk(parsed);
      if (leaves.length) markers.push(leaves);
    }
  } catch {
    // not JSON: the string itself
  }
  return markers;
}

/// The JSON pointer of a role's trust policy: /accounts/ID/roles/NAME/assumeRolePolicyDocument.
export function trustPolicyPointer(scenario, roleName) {
  for (const [id, account] of Object.entries(scenario.accounts ?? {})) {
    if (account.roles && roleName in account.roles) {
      return `/accounts/${id}/roles/${roleName}/assumeRolePolicyDocument`;
    }
  }
  assert.fail(`role ${roleName} not in the seed preset`);
}

/// The live region of transient notices ("Link copied", "Deleted X · Undo"): a polite
/// role="status" region (other status regions exist on the page).
export function notices(page) {
  return page.locator('[data-testid="status"][role="status"]');
}
