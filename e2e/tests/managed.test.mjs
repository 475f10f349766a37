// AWS managed policies attached by ARN: the page fetches their documents on first need
// (managed-policies.tsv beside the page), then decides with them and names them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, until, waitForStatus, screenshot } from '../lib/harness.mjs';
import { scenarioUrl, presetScenario } from '../lib/fixtures.mjs';

const ROLE = 'TrustingAccountRl';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function withManaged(arns) {
  const scenario = presetScenario('missing-start-sync-permission');
  scenario.accounts['222222222222'].roles[ROLE].managedPolicyArns = arns;
  return scenario;
}

test('a role granted by an AWS managed policy runs, and the call names the policy', async () => {
  const { context, page, checkClean } = await openApp(browser, {
    url: scenarioUrl(withManaged(['arn:aws:iam::aws:policy/AWSStepFunctionsFullAccess'])),
  });
  const fetched = [];
  page.on('request', (r) => { if (r.url().includes('managed-policies')) fetched.push(r.url()); });
  try {
    await waitForStatus(page, 'SUCCEEDED');
    const calls = page.locator('[data-testid="call"][data-result="Allowed"]');
    const named = await until(async () => {
      for (const c of await calls.all()) {
        if ((await c.textContent()).includes(`${ROLE}/aws-managed:AWSStepFunctionsFullAccess`)) return true;
      }
      return false;
    }, 'an allowed call whose explanation names the AWS managed policy');
    assert.ok(named);
    console.log(`screenshot: ${await screenshot(page, 'managed-policy-allowed')}`);
    checkClean();
  } finally {
    await context.close();
  }
  assert.ok(fetched.every((u) => u.startsWith(new URL(page.url()).origin)), `same-origin only: ${fetched}`);
});

test('an AWS managed policy that does not allow the call leaves it denied', async () => {
  const { context, page, checkClean } = await openApp(browser, {
    url: scenarioUrl(withManaged(['arn:aws:iam::aws:policy/ReadOnlyAccess'])),
  });
  try {
    await waitForStatus(page, 'FAILED');
    const denied = page.locator('[data-testid="call"][data-result="ImplicitlyDenied"]');
    await until(async () => {
      for (const c of await denied.all()) {
        if ((await c.textContent()).includes('aws-managed:ReadOnlyAccess')) return true;
      }
      return false;
    }, 'a denied call listing ReadOnlyAccess among the policies it looked at');
    checkClean();
  } finally {
    await context.close();
  }
});
