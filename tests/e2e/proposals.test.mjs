// Proposals in a real browser: a resident posts a proposal (the error summary names the
// fields first), supports it; a second resident's support reaches the threshold (lowered to 2
// with `goldthread proposals threshold`), so it awaits an official answer; a place admin
// answers it, linked to an initiative, and the answer shows on the page. Every page has one
// h1, no axe-core WCAG 2.2 A/AA violations and no horizontal scrolling at 320 px; posting,
// supporting and withdrawing then run with JavaScript off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, root, signIn as signInOn, checkPage, fits320 } from './helpers.mjs';

const RITA = { name: 'Rita Resident', email: 'rita@example.com', password: 'tidal-lantern-mossy' };
const SAM = { name: 'Sam Supporter', email: 'sam@example.com', password: 'amber-harbour-quiet' };
const PIA = { name: 'Pia Place', email: 'pia@example.com', password: 'copper-meadow-drift', role: 'place-admin' };
let server, js, nojs;

async function post(page, title, { audit }) {
  await page.goto(server.base + '/proposals/new');
  if (audit) await fits320(page, 'new proposal');
  await page.getByRole('button', { name: 'Publish the proposal' }).click();
  for (const f of ['title', 'body'])
    assert.equal(await page.locator(`.govuk-error-summary a[href="#${f}"]`).count(), 1, `error for ${f}`);
  if (audit) await check(page, 'new proposal with errors');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Description').fill('Paint **zebra crossings** outside every primary school.');
  await page.getByLabel('Ambition it serves (optional)').selectOption('provide-an-equal-start-for-every-child');
  await page.getByLabel('Area (optional)').selectOption('E07000071');
  await page.getByRole('button', { name: 'Publish the proposal' }).click();
  await page.waitForURL(/\/proposals\/[a-z0-9-]+\?done=created$/);
  assert.match(await page.locator('main').innerText(), /Your proposal has been published/);
  assert.equal(await page.locator('h1').innerText(), title);
  return new URL(page.url()).pathname;
}

const signIn = async (page, who) => { await page.context().clearCookies(); return signInOn(page, server, who); };
const check = (page, label) => checkPage(page, label, { reflow: false });

before(async () => {
  server = await startServer();
  const bin = join(root, process.env.GOLDTHREAD_BIN || 'build/release/goldthread');
  const env = { ...process.env, DATABASE_URL: `sqlite:${join(server.dir, 'e2e.db')}` };
  for (const who of [RITA, SAM, PIA]) {
    const args = ['user', 'create', '--email', who.email, '--name', who.name, '--password-stdin'];
    if (who.role) args.push('--role', who.role);
    execFileSync(bin, args, { cwd: root, input: who.password + '\n', env });
  }
  execFileSync(bin, ['proposals', 'threshold', '2'], { cwd: root, env });
  js = await launch();
  nojs = await launch({ javaScriptEnabled: false });
});
after(async () => { await js?.browser.close(); await nojs?.browser.close(); await server?.stop(); });

test('post, support, reach the threshold, get the official answer', async () => {
  const page = await js.context.newPage();
  await page.goto(server.base + '/proposals');
  await check(page, 'index');
  await fits320(page, 'index');
  assert.match(await page.locator('main').innerText(), /Example: repair cafés in market towns/);

  await signIn(page, RITA);
  const href = await post(page, 'Safer crossings near schools', { audit: true });
  await fits320(page, 'proposal');
  await page.getByRole('button', { name: 'Support this proposal' }).click();
  await page.waitForURL(`**${href}?done=supported`);
  assert.match(await page.locator('main').innerText(), /1 support\b/);
  assert.match(await page.locator('main').innerText(), /Collecting supports/);

  await signIn(page, SAM);
  await page.goto(server.base + href);
  await page.getByRole('button', { name: 'Support this proposal' }).click();
  await page.waitForURL(`**${href}?done=supported`);
  assert.match(await page.locator('#proposal-status').innerText(), /Awaiting an official answer/);
  await check(page, 'proposal awaiting an answer');

  await page.goto(server.base + '/proposals?status=awaiting&sort=supported');
  assert.equal(await page.locator(`main a[href="${href}"]`).count(), 1, 'listed as awaiting an answer');

  await signIn(page, PIA);
  await page.goto(server.base + href);
  await page.getByRole('link', { name: 'Give the official answer' }).click();
  await page.waitForURL(`**${href}/answer`);
  await fits320(page, 'answer form');
  await page.getByRole('button', { name: 'Publish the answer' }).click();
  assert.equal(await page.locator('.govuk-error-summary a[href="#status"]').count(), 1);
  await check(page, 'answer form with errors');
  await page.getByLabel('Accepted').check();
  await page.getByLabel('Reasons').fill('The county will start with ten schools in spring.');
  await page.getByLabel('Initiative it is linked to (optional)').fill('essex-communities');
  await page.getByRole('button', { name: 'Publish the answer' }).click();
  await page.waitForURL(`**${href}?done=answered`);
  await check(page, 'answered proposal');
  const main = await page.locator('main').innerText();
  assert.match(main, /The county will start with ten schools in spring/);
  assert.match(main, /Answered by Pia Place/);
  assert.equal(await page.locator('main a[href="/initiatives/essex-communities"]').count(), 1);
  assert.match(await page.locator('#proposal-status').innerText(), /Accepted/);
});

test('posting, supporting and withdrawing work with JavaScript off', async () => {
  const page = await nojs.context.newPage();
  await signIn(page, RITA);
  const href = await post(page, 'Water fountains in every park', { audit: false });
  await page.getByRole('button', { name: 'Support this proposal' }).click();
  await page.waitForURL(`**${href}?done=supported`);
  await page.getByRole('button', { name: 'Withdraw my support' }).click();
  await page.waitForURL(`**${href}?done=withdrawn`);
  assert.match(await page.locator('main').innerText(), /0 supports/);
});
