// Readiness in a real browser: a resident (created with the CLI) answers the bundled example
// round part by part, saves a draft, leaves, comes back to the draft, finishes and submits,
// then sees the heat map and the radar chart with their data tables. Every page has one h1,
// no axe-core WCAG 2.2 A/AA violations and no horizontal scrolling at 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, root, checkPage, fits320 } from './helpers.mjs';

const REN = { name: 'Ren Resident', email: 'ren@example.com', password: 'copper-heron-glade' };
const ROUND = '/readiness/rounds/essex-readiness-self-assessment-example';
let server, js;

// Chooses levels for every statement of the part on show.
async function answerPart(page, block, current, desired) {
  const ids = block.statements.flatMap(s => [`current-${s.code}-${current}`, `desired-${s.code}-${desired}`]);
  await page.evaluate(list => { for (const id of list) document.getElementById(id).click(); }, ids);
}

const check = (page, label) => checkPage(page, label, { reflow: false });

before(async () => {
  server = await startServer();
  const bin = join(root, process.env.GOLDTHREAD_BIN || 'build/release/goldthread');
  execFileSync(bin, ['user', 'create', '--email', REN.email, '--name', REN.name, '--password-stdin'],
    { cwd: root, input: REN.password + '\n', env: { ...process.env, DATABASE_URL: `sqlite:${join(server.dir, 'e2e.db')}` } });
  js = await launch();
});
after(async () => { await js?.browser.close(); await server?.stop(); });

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
