// Readiness in a real browser: a resident (created with the CLI) answers the bundled example
// round part by part, saves a draft, leaves, comes back to the draft, finishes and submits,
// then sees the heat map and the radar chart with their data tables. Every page has one h1,
// no axe-core WCAG 2.2 A/AA violations and no horizontal scrolling at 320 px. A second
// resident does the same with JavaScript off (answer, draft, return, submit), and a place admin
// opens a round with the GOV.UK date inputs and adds a statement to the framework, JavaScript off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, root, checkPage, fits320, signIn as signInOn } from './helpers.mjs';

const REN = { name: 'Ren Resident', email: 'ren@example.com', password: 'copper-heron-glade' };
const JO = { name: 'Jo Resident', email: 'jo@example.com', password: 'amber-falcon-ridge' };
const PAT = { name: 'Pat Place', email: 'pat@example.com', password: 'slate-otter-meadow' };
const ROUND = '/readiness/rounds/essex-readiness-self-assessment-example';
let server, js, nojs;

// Chooses levels for every statement of the part on show.
async function answerPart(page, block, current, desired) {
  const ids = block.statements.flatMap(s => [`current-${s.code}-${current}`, `desired-${s.code}-${desired}`]);
  await page.evaluate(list => { for (const id of list) document.getElementById(id).click(); }, ids);
}

const check = (page, label) => checkPage(page, label, { reflow: false });

const signIn = (page, who) => signInOn(page, server, who);

before(async () => {
  server = await startServer();
  const bin = join(root, process.env.GOLDTHREAD_BIN || 'build/release/goldthread');
  const env = { ...process.env, DATABASE_URL: `sqlite:${join(server.dir, 'e2e.db')}` };
  for (const u of [REN, JO, PAT])
    execFileSync(bin, ['user', 'create', '--email', u.email, '--name', u.name, '--password-stdin',
      ...(u === PAT ? ['--role', 'place-admin'] : [])], { cwd: root, input: u.password + '\n', env });
  js = await launch();
  nojs = await launch({ javaScriptEnabled: false });
});
after(async () => { await js?.browser.close(); await nojs?.browser.close(); await server?.stop(); });

// Without JavaScript: each radio is checked as a person would, one click each.
async function answerPartByHand(page, block, current, desired) {
  for (const s of block.statements) {
    await page.check(`#current-${s.code}-${current}`);
    await page.check(`#desired-${s.code}-${desired}`);
  }
}

test('answer, save a draft, return, submit, see the heat map and radar', async () => {
  const framework = await (await fetch(server.base + '/readiness/framework', { headers: { Accept: 'application/json' } })).json();
  const page = await js.context.newPage();
  await page.goto(server.base + '/sign-in');
  await page.getByLabel('E-mail address').fill(REN.email);
  await page.getByLabel('Password').fill(REN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/account');

  await page.goto(server.base + ROUND);
  await check(page, 'round');
  await fits320(page, 'round');
  assert.match(await page.locator('main').innerText(), /Example/);
  await page.getByRole('link', { name: 'Answer this round' }).click();
  await check(page, 'answer part 1');
  await fits320(page, 'answer part 1');
  await answerPart(page, framework.blocks[0], 2, 4);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.waitForURL(/part=2/);

  // Leave and come back: the draft is kept.
  await page.goto(server.base + ROUND);
  await page.getByRole('link', { name: 'Continue your draft' }).click();
  assert.match(await page.locator('main').innerText(), /You are continuing a saved draft/);
  assert.ok(await page.isChecked(`#current-${framework.blocks[0].statements[0].code}-2`), 'the saved level is kept');

  await page.goto(server.base + ROUND + '/answer?part=2');
  for (let i = 1; i < framework.blocks.length; i++) {
    await answerPart(page, framework.blocks[i], 3, 5);
    const last = i === framework.blocks.length - 1;
    await page.getByRole('button', { name: last ? 'Save draft' : 'Save and continue' }).click();
    await page.waitForURL(last ? /saved=draft/ : new RegExp(`part=${i + 2}`));
  }
  assert.match(await page.locator('main').innerText(), /Your draft has been saved/);
  await page.getByRole('link', { name: 'Continue your draft' }).click();
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.waitForURL(/saved=submitted/);
  await check(page, 'round after submitting');
  await fits320(page, 'round after submitting');
  const main = await page.locator('main').innerText();
  assert.match(main, /Your answer has been submitted/);
  assert.match(main, /31 submitted answers/);
  assert.equal(await page.locator('svg.readiness-chart').count() >= 2, true, 'heat map and radar');
  assert.equal(await page.locator('svg.readiness-radar').count(), 1);
  assert.match(main, /Fewer than 5 answers/);
  assert.equal(await page.locator('table.readiness-table').count() >= 2, true, 'data tables beside the charts');

  await page.goto(server.base + ROUND + '/report');
  await check(page, 'report');
  await page.goto(server.base + '/readiness/framework');
  await check(page, 'framework');
  await fits320(page, 'framework');
});

test('with JavaScript off: answer, save a draft, return and submit', async () => {
  const framework = await (await fetch(server.base + '/readiness/framework', { headers: { Accept: 'application/json' } })).json();
  const page = await nojs.context.newPage();
  await signIn(page, JO);
  await page.goto(server.base + ROUND);
  await page.getByRole('link', { name: 'Answer this round' }).click();
  await answerPartByHand(page, framework.blocks[0], 1, 3);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.waitForURL(/part=2/);
  // Leave and come back: the draft is kept.
  await page.goto(server.base + ROUND);
  await page.getByRole('link', { name: 'Continue your draft' }).click();
  assert.match(await page.locator('main').innerText(), /You are continuing a saved draft/);
  assert.ok(await page.isChecked(`#current-${framework.blocks[0].statements[0].code}-1`), 'the saved level is kept');
  await page.goto(server.base + ROUND + '/answer?part=2');
  for (let i = 1; i < framework.blocks.length; i++) {
    await answerPartByHand(page, framework.blocks[i], 2, 4);
    const last = i === framework.blocks.length - 1;
    await page.getByRole('button', { name: last ? 'Save draft' : 'Save and continue' }).click();
    await page.waitForURL(last ? /saved=draft/ : new RegExp(`part=${i + 2}`));
  }
  await page.getByRole('link', { name: 'Continue your draft' }).click();
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.waitForURL(/saved=submitted/);
  const main = await page.locator('main').innerText();
  assert.match(main, /Your answer has been submitted/);
  assert.equal(await page.locator('table.readiness-table').count() >= 2, true, 'the data tables work without JavaScript');
});

test('with JavaScript off: a place admin opens a round with date inputs and adds a statement', async () => {
  await nojs.context.clearCookies();  // the test before left someone signed in on this context
  const page = await nojs.context.newPage();
  await signIn(page, PAT);
  await page.goto(server.base + '/readiness/rounds/new');
  await page.getByLabel('Name').first().fill('Spring round');
  await page.locator('#opens_on-day').fill('31');
  await page.locator('#opens_on-month').fill('4');
  await page.locator('#opens_on-year').fill('2027');
  await page.locator('#closes_on-day').fill('30');
  await page.locator('#closes_on-month').fill('6');
  await page.locator('#closes_on-year').fill('2027');
  await page.getByRole('button', { name: /Open the round/ }).click();
  // 31 April does not exist: the summary links to the field and the boxes keep what was typed.
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Opening date/i);
  assert.equal(await page.inputValue('#opens_on-day'), '31');
  await page.locator('#opens_on-day').fill('30');
  await page.getByRole('button', { name: /Open the round/ }).click();
  await page.waitForURL(/saved=opened/);
  await page.goto(server.base + '/readiness/framework');
  await page.selectOption('#add_block', 'delivery');
  await page.locator('#add_text').fill('Front-line staff from different partners meet regularly');
  await page.getByRole('button', { name: 'Add the statement' }).click();
  await page.waitForURL(/saved=add/);
  const main = await page.locator('main').innerText();
  assert.match(main, /Statement added/);
  assert.match(main, /Front-line staff from different partners meet regularly/);
});
