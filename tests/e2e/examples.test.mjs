// Issue 9.5 in a real browser: the bundled Essex example data answers a resident's questions.
// A resident looks up Colchester and finds the county council and the county-wide projects
// there, marked as county-wide; opens the homelessness vision project and sees the ambition it
// serves (marked as inferred from its description, not a partnership decision) and its
// partners; reads the list of joint working where no two examples share a summary; and sees
// the alignment matrix's area table count the seeded work. Each page: one h1, no axe-core
// WCAG 2.2 A/AA violations, no horizontal scrolling at 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, checkPage } from './helpers.mjs';

let server, js;

const check = (page, label) => checkPage(page, label);

before(async () => {
  server = await startServer();
  js = await launch();
});
after(async () => { await js?.browser.close(); await server?.stop(); });

test('a resident finds county-wide work in Colchester, inferred links marked, and summaries of their own', async () => {
  const page = await js.context.newPage();
  // Colchester's page: its own council, the county council and county-wide projects.
  await page.goto(server.base + '/areas/E07000071');
  await check(page, 'Colchester');
  const area = await page.locator('main').innerText();
  assert.match(area, /Colchester Borough Council/);
  assert.match(area, /Essex County Council/);
  assert.match(area, /Essex Prevents/);
  assert.ok(await page.locator('strong', { hasText: 'County-wide' }).count() >= 1, 'county-wide work is marked');

  // The homelessness vision project: the ambition it serves, marked as inferred; its partners.
  await page.getByRole('link', { name: 'Essex Prevents' }).first().click();
  await page.waitForURL('**/initiatives/essex-prevents');
  await check(page, 'Essex Prevents');
  const project = await page.locator('main').innerText();
  assert.match(project, /Inferred from the project.s description/);
  const api = await (await fetch(server.base + '/initiatives/essex-prevents', { headers: { Accept: 'application/json' } })).json();
  assert.ok(api.alignments.length >= 1, 'the project serves an ambition');
  assert.ok(api.partner_labels.length >= 1, 'the project has partners');
  for (const label of api.partner_labels) assert.ok(project.includes(label.name ?? label), `partner ${JSON.stringify(label)} shown`);

  // The vision projects page says where the links come from.
  await page.goto(server.base + '/vision-projects');
  await check(page, 'vision projects');
  assert.match(await page.locator('main').innerText(), /not a decision of Essex Partners/);

  // The work list, filtered to Colchester: county-wide work is listed and marked.
  await page.goto(server.base + '/initiatives?area=E07000071');
  await check(page, 'work in Colchester');
  assert.ok(await page.locator('strong', { hasText: 'County-wide' }).count() >= 1);

  // Every example of joint working has its own summary (none the old shared sentence).
  const summaries = new Set();
  for (const p of [1, 2]) {
    const list = await (await fetch(`${server.base}/initiatives?page=${p}`, { headers: { Accept: 'application/json' } })).json();
    for (const i of list.initiatives) {
      if (i.is_vision_project) continue;
      assert.ok(!i.summary.includes('An example of joint working'), i.slug);
      assert.ok(!summaries.has(i.summary), `shared summary: ${i.summary}`);
      summaries.add(i.summary);
    }
  }
  assert.equal(summaries.size, 18);
  await page.goto(server.base + '/initiatives');
  assert.ok(!(await page.locator('main').innerText()).includes('An example of joint working between partners in Essex.'));

  // The alignment matrix's area table counts the seeded work (not all zeros).
  await page.goto(server.base + '/alignment');
  await check(page, 'alignment');
  const matrix = await (await fetch(server.base + '/alignment', { headers: { Accept: 'application/json' } })).json();
  const essex = matrix.areas.find(a => a.code === 'E10000012');
  assert.equal(essex.initiatives, 26);

  // The statement of intent keeps its two paragraphs apart.
  await page.goto(server.base + '/statement-of-intent');
  await check(page, 'statement of intent');
  const paragraphs = await page.locator('main p.govuk-body-l').allInnerTexts();
  assert.ok(paragraphs.length >= 2, `statement of intent in ${paragraphs.length} paragraph(s)`);
  assert.equal(paragraphs.at(-1).trim(), 'Change is unstoppable. And so are we.');
});
