// Pledges in a real browser: a resident (created with the CLI) makes a pledge, adds a progress
// update, tries to mark it complete without evidence (the error summary names the field), then
// completes it with evidence; the register, the social contract and the account page show it.
// Every page has one h1, no axe-core WCAG 2.2 A/AA violations and no horizontal scrolling at
// 320 px; the same flow then runs with JavaScript off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, root, signIn as signInOn, checkPage, fits320 } from './helpers.mjs';

const RITA = { name: 'Rita Resident', email: 'rita@example.com', password: 'tidal-lantern-mossy' };
let server, js, nojs;

async function pledgeUpdateComplete(page, text, { audit }) {
  await page.goto(server.base + '/pledges/new');
  if (audit) { await check(page, 'new pledge'); await fits320(page, 'new pledge'); }
  // Nothing chosen: the summary names the fields.
  await page.getByRole('button', { name: 'Make pledge' }).click();
  if (audit) await check(page, 'new pledge with errors');
  for (const f of ['pledged_as', 'text', 'ambitions', 'due_on'])
    assert.equal(await page.locator(`.govuk-error-summary a[href="#${f}"]`).count(), 1, `error for ${f}`);

  await page.getByLabel('As a resident').check();
  await page.getByLabel('Your pledge').fill(text);
  await page.getByLabel('Develop our county sustainably').check();
  await page.getByLabel('Day', { exact: true }).fill('5');
  await page.getByLabel('Month', { exact: true }).fill('3');
  await page.getByLabel('Year', { exact: true }).fill('2099');
  await page.getByRole('button', { name: 'Make pledge' }).click();
  await page.waitForURL(/\/pledges\/\d+\?saved=created$/);
  if (audit) { await check(page, 'pledge made'); await fits320(page, 'pledge'); }
  assert.match(await page.locator('main').innerText(), /Pledge made/);
  assert.equal(await page.locator('h1').innerText(), text);
  const href = new URL(page.url()).pathname;

  await page.getByRole('link', { name: 'Add a progress update' }).click();
  await page.waitForURL(`**${href}/progress`);
  if (audit) { await check(page, 'progress form'); await fits320(page, 'progress form'); }
  await page.getByLabel('Limited', { exact: true }).check();
  await page.getByLabel('What has happened since the last update?').fill('Two litter picks so far.');
  await page.getByRole('button', { name: 'Save update' }).click();
  await page.waitForURL(`**${href}?saved=progress`);
  assert.match(await page.locator('main').innerText(), /Two litter picks so far/);

  // Complete without evidence: refused, and the summary names the evidence field.
  await page.getByRole('link', { name: 'Add a progress update' }).click();
  await page.getByLabel('Complete', { exact: true }).check();
  await page.getByLabel('What has happened since the last update?').fill('A year of monthly picks.');
  await page.getByRole('button', { name: 'Save update' }).click();
  if (audit) await check(page, 'progress form with errors');
  assert.equal(await page.locator('.govuk-error-summary a[href="#evidence_text"]').count(), 1);
  await page.getByLabel('Evidence (needed when it is complete)').fill('12 picks, 80 bags of litter.');
  await page.getByLabel('Link to the evidence (optional)').fill('https://example.org/picks');
  await page.getByRole('button', { name: 'Save update' }).click();
  await page.waitForURL(`**${href}?saved=progress`);
  if (audit) await check(page, 'pledge complete');
  const main = await page.locator('main').innerText();
  assert.match(main, /Evidence that it is complete/);
  assert.match(main, /12 picks, 80 bags of litter/);
  assert.match(main, /Two litter picks so far/, 'the earlier update is kept');
  return href;
}

const signIn = (page, who) => signInOn(page, server, who);
const check = (page, label) => checkPage(page, label, { reflow: false });

before(async () => {
  server = await startServer();
  const bin = join(root, process.env.GOLDTHREAD_BIN || 'build/release/goldthread');
  execFileSync(bin, ['user', 'create', '--email', RITA.email, '--name', RITA.name, '--password-stdin'],
    { cwd: root, input: RITA.password + '\n', env: { ...process.env, DATABASE_URL: `sqlite:${join(server.dir, 'e2e.db')}` } });
  js = await launch();
  nojs = await launch({ javaScriptEnabled: false });
});
after(async () => { await js?.browser.close(); await nojs?.browser.close(); await server?.stop(); });

test('pledge, update, complete with evidence; shown on the register, social contract and account', async () => {
  const page = await js.context.newPage();
  await signIn(page, RITA);
  const href = await pledgeUpdateComplete(page, 'Litter pick on Canvey every month', { audit: true });

  await page.goto(server.base + '/pledges');
  await check(page, 'register');
  await fits320(page, 'register');
  assert.match(await page.locator('main').innerText(), /Litter pick on Canvey every month/);
  assert.match(await page.locator('main').innerText(), /Overdue for an update/, 'the bundled 2018 pledges are stale');

  await page.goto(server.base + '/social-contract');
  await check(page, 'social contract');
  await fits320(page, 'social contract');
  assert.match(await page.locator('main').innerText(), /Litter pick on Canvey every month/);

  await page.goto(server.base + '/ambitions/develop-our-county-sustainably');
  await check(page, 'ambition');
  assert.match(await page.locator('main').innerText(), /Who has committed to this ambition/);

  await page.goto(server.base + '/account');
  await check(page, 'account');
  await fits320(page, 'account');
  assert.equal(await page.locator(`main a[href="${href}"]`).count(), 1, 'the account page lists the pledge');

  await page.goto(server.base + '/organisations/essex-police');
  await check(page, 'organisation');
  assert.match(await page.locator('main').innerText(), /Connect CSPs/);
});

test('the same flow works with JavaScript off', async () => {
  const page = await nojs.context.newPage();
  await signIn(page, RITA);
  await pledgeUpdateComplete(page, 'Share my car to the station', { audit: false });
});
