// Consultations in a real browser: a resident (created with the CLI, so with a confirmed
// address) answers the bundled example survey. With JavaScript the conditional question is
// hidden until "Yes" is chosen; they save, leave, come back to the draft and send it. Without
// JavaScript every question is shown with its condition written beside it. Every page has one
// h1, no axe-core WCAG 2.2 A/AA violations and no horizontal scrolling at 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, root, signIn as signInOn, checkPage, fits320 } from './helpers.mjs';

const PEOPLE = [
  { name: 'Cora Commuter', email: 'cora@example.com', password: 'amber-otter-quay' },
  { name: 'Nell Nojs', email: 'nell@example.com', password: 'slate-wren-harbour' },
];
const EXAMPLE = '/consultations/example-getting-around-essex';
let server, js, nojs;

const signIn = (page, who) => signInOn(page, server, who);
const check = (page, label) =>
  checkPage(page, label, { reflow: false, twin: page.context() === nojs?.context ? js.browser : undefined });

before(async () => {
  server = await startServer();
  const bin = join(root, process.env.GOLDTHREAD_BIN || 'build/release/goldthread');
  for (const p of PEOPLE)
    execFileSync(bin, ['user', 'create', '--email', p.email, '--name', p.name, '--password-stdin'],
      { cwd: root, input: p.password + '\n', env: { ...process.env, DATABASE_URL: `sqlite:${join(server.dir, 'e2e.db')}` } });
  js = await launch();
  nojs = await launch({ javaScriptEnabled: false });
});
after(async () => { await js?.browser.close(); await nojs?.browser.close(); await server?.stop(); });

test('answer with a condition, save, return, submit (JavaScript on)', async () => {
  const page = await js.context.newPage();
  await page.goto(server.base + '/consultations');
  await check(page, 'list');
  await fits320(page, 'list');
  await signIn(page, PEOPLE[0]);
  await page.goto(server.base + EXAMPLE);
  await check(page, 'consultation');
  await fits320(page, 'consultation');
  assert.match(await page.locator('main').innerText(), /Example/);
  await page.getByRole('link', { name: 'Answer the survey' }).click();
  await check(page, 'survey');
  await fits320(page, 'survey');
  assert.equal(await page.locator('#q2').isHidden(), true, 'the conditional question starts hidden');
  await page.getByLabel('Yes').check({ force: true });
  assert.equal(await page.locator('#q2').isVisible(), true, 'shown after Yes');
  await page.getByLabel(/What would make buses better/).fill('Buses after ten at night');
  await page.getByRole('button', { name: 'Save and come back later' }).click();
  await page.waitForURL(/saved=draft/);
  assert.match(await page.locator('main').innerText(), /Your answers are saved/);

  await page.goto(server.base + EXAMPLE);
  await page.getByRole('link', { name: 'Continue your answers' }).click();
  assert.equal(await page.getByLabel(/What would make buses better/).inputValue(), 'Buses after ten at night');
  await page.getByLabel('Walking').check({ force: true });
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await page.waitForURL(/saved=submitted/);
  await check(page, 'after sending');
  assert.match(await page.locator('main').innerText(), /Thank you: your answers have been sent/);

  await page.goto(server.base + EXAMPLE + '/results');
  await check(page, 'results');
  await fits320(page, 'results');
  assert.ok(await page.locator('svg.goldthread-bar-chart').count() >= 1, 'bar charts');
  assert.ok(await page.locator('table.govuk-table').count() >= 1, 'tables beside the charts');
});

test('without JavaScript the condition is written beside the question', async () => {
  const page = await nojs.context.newPage();
  await signIn(page, PEOPLE[1]);
  await page.goto(server.base + EXAMPLE + '/respond');
  await check(page, 'survey without JavaScript');
  assert.equal(await page.locator('#q2').isVisible(), true);
  assert.match(await page.locator('#q2').innerText(), /Answer this only if you answered "Yes" to question 1/);
  await page.getByRole('button', { name: 'Send my answers' }).click();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Select an answer to Question 1/);
  await check(page, 'survey with an error');
  await page.getByLabel('No', { exact: true }).check({ force: true });
  await page.getByLabel(/What would make buses better/).fill('This is ignored: I answered No');
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await page.waitForURL(/saved=submitted/);
});
