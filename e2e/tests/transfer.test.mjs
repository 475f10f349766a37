// Bring your own stack: a SAM template pasted into an account pane becomes that account and the
// scenario runs; what did not map is listed with its line; the account exports back as a
// template, and a policy edited after the import shows as the AWS CLI command that applies it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  launch, openApp, tid, until, waitForStatus, REPO, ARTIFACTS, openInEditor, seedPreset, trustPolicyPointer,
} from '../lib/harness.mjs';

const TRUSTING = '222222222222';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [width, height] of [[1440, 900], [390, 844]]) {
  test(`at ${width} px a SAM template pasted into a pane imports, runs, exports and lists the policy changed since`, async () => {
    const context = await browser.newContext({ viewport: { width, height } });
    const { page, checkClean } = await openApp(browser, { context });
    try {
      await waitForStatus(page, 'SUCCEEDED');
      await page.locator(`[data-testid="account-pane"][data-account="${TRUSTING}"] [data-testid="import-into"]`).click();
      await tid(page, 'transfer-tool').waitFor();
      assert.equal(await tid(page, 'transfer-account').inputValue(), TRUSTING);
      const template = fs.readFileSync(path.join(REPO, 'examples/seed/trusting-account.yaml'), 'utf8')
        .replace('\nResources:\n', '\nResources:\n  Network:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n');
      await tid(page, 'import-template').fill(template);
      await tid(page, 'import-parameters').fill(JSON.stringify({
        TrustedRoleArn: 'arn:aws:iam::111111111111:role/TrustedAccountRl',
        ConsumerWorkflowArn: 'arn:aws:states:us-east-1:111111111111:stateMachine:SecretCacheConsumerWfw',
      }));
      await tid(page, 'import-button').click();
      await tid(page, 'import-result').waitFor();
      const unmapped = await page.locator('[data-testid="import-unmapped"]').allInnerTexts();
      assert.ok(unmapped.some((u) => /Network/.test(u) && /AWS::EC2::VPC/.test(u)), unmapped.join('\n'));
      await waitForStatus(page, 'SUCCEEDED');
      await until(async () => /AWS::IAM::Role/.test(await tid(page, 'export-template').innerText()), 'the account exported');
      await page.screenshot({ path: path.join(ARTIFACTS, `transfer-imported-${width}.png`) });
      // An edit after the import is the CLI command that applies it.
      if (width < 600) await tid(page, 'ask-close').click();
      const { scenario } = seedPreset();
      const pointer = trustPolicyPointer(scenario, 'TrustingAccountRl');
      const editor = await openInEditor(page, pointer);
      const trust = JSON.parse(await editor.inputValue());
      trust.Statement[0].Condition.StringEquals['sts:ExternalId'] = 'arn:aws:states:us-east-1:111111111111:stateMachine:Other';
      await editor.fill(JSON.stringify(trust, null, 2));
      await waitForStatus(page, 'FAILED');
      if (width < 600) await tid(page, 'tools-button').click();
      const change = page.locator('[data-testid="policy-change"]');
      await until(async () => (await change.count()) === 1, 'one policy changed since the import');
      assert.match(await change.innerText(), /aws iam update-assume-role-policy[\s\S]*TrustingAccountRl[\s\S]*Other/);
      await page.screenshot({ path: path.join(ARTIFACTS, `transfer-changed-${width}.png`) });
      await checkClean();
    } finally {
      await context.close();
    }
  });
}
