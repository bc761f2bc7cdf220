// Solution rooms in a real browser: a place admin opens the Essex Leads room of the fourth
// Essex Assembly, records an agreed next step, adds a progress update, and at the next
// assembly finds it carried forward and marks it reviewed; a resident gives advice in the
// example room with JavaScript off. Every page visited has one h1, no axe-core WCAG 2.2 A/AA
// violations and no sideways scrolling at 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, axeViolations, root } from './helpers.mjs';

const ADMIN = { name: 'Pia Place', email: 'pia@example.com', password: 'admin-strong-secret' };
const ADA = { name: 'Ada Resident', email: 'ada@example.com', password: 'tidal-lantern-mossy' };
let server, js, nojs;

function createUser(who, roles) {
  const bin = join(root, process.env.GOLDTHREAD_BIN || 'build/release/goldthread');
  const args = ['user', 'create', ...roles.flatMap((r) => ['--role', r]), '--email', who.email, '--name', who.name,
    '--password-stdin'];
  execFileSync(bin, args, { cwd: root, input: who.password + '\n',
    env: { ...process.env, DATABASE_URL: `sqlite:${join(server.dir, 'e2e.db')}` } });
}

async function check(page, label) {
  // With JavaScript off, page.evaluate (and so axe-core) never returns: check the same page,
  // with the same session, in a JavaScript-enabled context instead.
  if (page.context() === nojs?.context) {
    assert.equal(await page.locator('h1').count(), 1, `${label}: one h1`);
    const twin = await js.browser.newContext();
    await twin.addCookies(await page.context().cookies());
    const copy = await twin.newPage();
    await copy.goto(page.url());
    await check(copy, `${label} (checked with JavaScript on)`);
    await twin.close();
    return;
  }
  assert.equal(await page.locator('h1').count(), 1, `${label}: one h1`);
  assert.deepEqual(await axeViolations(page), [], `${label}: axe violations`);
  await page.setViewportSize({ width: 320, height: 640 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `${label}: ${wide}px wide at 320px`);
  await page.setViewportSize({ width: 1024, height: 768 });
}

async function signIn(context, who) {
  const page = await context.newPage();
  await page.goto(server.base + '/sign-in');
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/account');
  return page;
}

before(async () => {
  server = await startServer();
  createUser(ADMIN, ['place-admin']);
  createUser(ADA, []);
  js = await launch();
  nojs = await launch({ javaScriptEnabled: false });
  for (const b of [js, nojs]) b.context.setDefaultTimeout(15000);
});

after(async () => {
  await js?.browser.close();
  await nojs?.browser.close();
  await server?.stop();
});

test('solution room → next step → progress → reviewed at the next assembly', async () => {
  const pia = await signIn(js.context, ADMIN);
  await pia.goto(server.base + '/events/essex-assembly-2018-09-04');
  await pia.getByRole('link', { name: /^Essex Leads/ }).click();
  await check(pia, 'solution room');
  await pia.getByRole('button', { name: 'Record the next step' }).click();  // empty: errors
  assert.ok(await pia.locator('.govuk-error-summary').isVisible());
  await check(pia, 'next step with errors');
  await pia.getByLabel('Next step', { exact: true }).fill('Map the physical activity offers in Jaywick');
  await pia.getByLabel("Owner's name, if not signed up here").fill('Owen Owner');
  await pia.getByRole('button', { name: 'Record the next step' }).click();
  await pia.waitForURL('**done=next-step**');
  await check(pia, 'next step recorded');
  await pia.getByLabel(/^Status/).selectOption('in-progress');
  await pia.getByLabel('What has happened since the last update?').fill('Met the leisure trust');
  await pia.getByRole('button', { name: /^Add a progress update/ }).click();
  await pia.waitForURL('**done=progress**');
  assert.ok(await pia.getByText('Met the leisure trust').isVisible());

  await pia.goto(server.base + '/events/essex-assembly-2019-03-05');
  await check(pia, 'next assembly with carried-forward steps');
  assert.ok(await pia.getByRole('heading', { name: /Carried forward/ }).isVisible());
  await pia.getByRole('button', { name: /^Mark reviewed/ }).click();
  await pia.waitForURL('**done=reviewed**');
  assert.ok(await pia.getByText(/^Reviewed/).isVisible());
  await pia.close();
});

test('advice in the example room with JavaScript off', async () => {
  const ada = await signIn(nojs.context, ADA);
  await ada.goto(server.base + '/events/example-assembly/rooms/example-room');
  await ada.getByRole('button', { name: 'Sign up to this room' }).click();
  await ada.waitForURL('**done=signed-up');
  await ada.getByLabel('Your advice').fill('Ask the colleges who already track leavers');
  await ada.getByRole('button', { name: 'Post advice' }).click();
  await ada.waitForURL('**done=advice');
  await check(ada, 'advice posted');
  assert.ok(await ada.getByText('Ask the colleges who already track leavers').isVisible());
  await ada.close();
});
