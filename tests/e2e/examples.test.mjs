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

// Issue 9.6: the opinion map speaks to residents, on the example conversation a new install
// shows. Colour-blind readers: every group colour is one of Okabe and Ito's palette (designed
// to be told apart with colour blindness; jfly.uni-koeln.de/color), and no two are a
// "red/green pair". The rule written down: a pair is a red/green pair when a reader with
// protanopia or deuteranopia (full strength, the simulation of Machado, Oliveira and
// Fernandes 2009) sees the two within ΔE 15 of each other (CIE 1976 L*a*b*): too close to
// tell apart at a glance. Tritanopia is held to the same rule.
const OKABE_ITO = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#000000'];
const CVD = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};
const linear = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
function labSeenWith(hex, matrix) {
  const rgb = [1, 3, 5].map((i) => linear(parseInt(hex.slice(i, i + 2), 16) / 255));
  const [r, g, b] = matrix.map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])));
  const xyz = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
    (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
  const [fx, fy, fz] = xyz.map((t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116));
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}
const deltaE = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

test('the rule finds a red/green pair when there is one (guards against a check that cannot fail)', () => {
  const red = labSeenWith('#d00000', CVD.deuteranopia), green = labSeenWith('#6a8a00', CVD.deuteranopia);
  assert.ok(deltaE(red, green) < 15, `red and olive green are ${deltaE(red, green).toFixed(1)} apart for a deutan`);
});

test('a new install shows the example conversation, attributed, with a colour-blind-safe key in plain words', async () => {
  const page = await js.context.newPage();
  await page.goto(server.base + '/conversations');
  await page.getByRole('link', { name: /Brexit/ }).first().click();
  await page.waitForURL('**/conversations/example-brexit-consensus');
  await check(page, 'example conversation');
  const main = await page.locator('main').innerText();
  assert.match(main, /CC BY 4\.0/);
  assert.match(main, /The Computational Democracy Project/);
  assert.match(main, /The percentage is the share of the group.s members who voted on that statement/);
  for (const path of ['/conversations', '/conversations/example-brexit-consensus', '/take-part', '/about-the-data', '/api']) {
    await page.goto(server.base + path);
    assert.doesNotMatch(await page.locator('body').innerText(), /principal component/i, `${path} in plain words`);
  }
  await page.goto(server.base + '/conversations/example-brexit-consensus');

  // The key names each group beside its colour; every dot's colour is in the key; each
  // group's own heading carries the same colour.
  const key = await page.locator('.gt-map-key li').evaluateAll((lis) => lis.map((li) => ({
    text: li.textContent.trim(), colour: li.querySelector('circle').getAttribute('fill').toLowerCase() })));
  assert.ok(key.length >= 2, `${key.length} groups in the key`);
  const headings = await page.locator('main h3.govuk-heading-m').evaluateAll((hs) => hs.map((h) => ({
    text: h.textContent.trim(), colour: h.querySelector('circle')?.getAttribute('fill').toLowerCase() })));
  for (const k of key) {
    const name = /^(Group [A-F]) \(([a-z -]+)\): \d+ (person|people)$/.exec(k.text);
    assert.ok(name, `key entry "${k.text}" names its group, its colour and its size`);
    const h = headings.find((x) => x.text.startsWith(name[1] + ':'));
    assert.equal(h?.colour, k.colour, `${name[1]}'s heading has its key colour`);
  }
  const dots = new Set(await page.locator('.gt-opinion-map circle').evaluateAll((cs) => cs.map((c) => c.getAttribute('fill').toLowerCase())));
  assert.ok(dots.size >= 2);
  for (const d of dots) assert.ok(key.some((k) => k.colour === d), `dot colour ${d} is in the key`);
  assert.equal(new Set(key.map((k) => k.colour)).size, key.length, 'one colour per group');
  for (const k of key) assert.ok(OKABE_ITO.includes(k.colour), `${k.colour} is an Okabe–Ito colour`);
  for (const [kind, matrix] of Object.entries(CVD)) {
    for (let i = 0; i < key.length; i++) {
      for (let j = i + 1; j < key.length; j++) {
        const d = deltaE(labSeenWith(key[i].colour, matrix), labSeenWith(key[j].colour, matrix));
        assert.ok(d >= 15, `${key[i].colour} and ${key[j].colour} are ${d.toFixed(1)} apart with ${kind}`);
      }
    }
  }

  // The map scales to the screen: inside the column at 320 px, filling the column at 1920 px.
  for (const width of [320, 1024, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    const box = await page.evaluate(() => {
      const map = document.querySelector('.gt-opinion-map').getBoundingClientRect();
      const col = document.querySelector('.gt-opinion-figure').parentElement;
      const style = getComputedStyle(col);
      const inner = col.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { map: map.width, column: inner, page: document.documentElement.scrollWidth };
    });
    assert.ok(box.page <= width, `${width} px: the page is ${box.page} px wide`);
    assert.ok(Math.abs(box.map - box.column) <= 1, `${width} px: the map is ${box.map} px in a ${box.column} px column`);
  }
  assert.ok((await page.locator('.gt-opinion-map').boundingBox()).width > 600, 'at 1920 px the map is wider than its drawing');
  await page.close();
});
