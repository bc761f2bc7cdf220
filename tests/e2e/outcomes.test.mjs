// Indicators in a real browser: a place admin (created with the CLI) pastes a CSV with one bad
// row into the upload page, reads the error summary naming the line, fixes it and imports;
// the new indicator's page shows the figures. Every chart page (the indicator list, an
// indicator with its SVG charts and data tables, the ambition page with its section) has one
// h1 and no axe-core WCAG 2.2 A/AA violations, fits 320 px, and the indicator page works with
// JavaScript off. The map and the area profile (issue 12.7) and the KPI freshness page too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, root, checkPage } from './helpers.mjs';

const ADMIN = { name: 'Pat Place', email: 'pat@example.com', password: 'tidal-lantern-mossy' };
let server, js, nojs;

const check = (page, label) => checkPage(page, label, { reflow: false });

before(async () => {
  // Uploads of over 100 rows run in the background; each step of 500 rows pauses, so the
  // progress page is seen before the result.
  server = await startServer({ GOLDTHREAD_OUTCOMES_BACKGROUND_ROWS: '100', GOLDTHREAD_OUTCOMES_IMPORT_STEP_MS: '400' });
  const bin = join(root, process.env.GOLDTHREAD_BIN || 'build/release/goldthread');
  execFileSync(bin, ['user', 'create', '--role', 'place-admin', '--email', ADMIN.email, '--name', ADMIN.name,
    '--password-stdin'], { cwd: root, input: ADMIN.password + '\n',
    env: { ...process.env, DATABASE_URL: `sqlite:${join(server.dir, 'e2e.db')}` } });
  js = await launch();
  nojs = await launch({ javaScriptEnabled: false });
});
after(async () => { await js?.browser.close(); await nojs?.browser.close(); await server?.stop(); });

const HEADER = 'area_code,area_name,indicator,period,value,unit,lci_95,uci_95\n';

test('upload with one bad row: the error report names it, the fixed file imports', async () => {
  const page = await js.context.newPage();
  await page.goto(server.base + '/sign-in');
  await page.getByLabel('E-mail address').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/account');

  await page.goto(server.base + '/indicators/import');
  const bad = HEADER + 'E10000012,Essex,Volunteering rate,2024/25,31.5,%,29.0,34.0\n' +
    'E07000066,Basildon,Volunteering rate,2024/25,lots,%,,\n';
  await page.getByLabel('CSV data').fill(bad);
  await page.getByRole('button', { name: 'Import' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Line 3, value: Value 'lots' is not a number/);
  assert.match(await page.locator('#row-report').innerText(), /Row report/);
  await check(page, 'import errors');

  await page.getByLabel('CSV data').fill(bad.replace('lots', '28.4'));
  await page.getByRole('button', { name: 'Import' }).click();
  await page.locator('.govuk-panel--confirmation').waitFor();
  assert.match(await page.locator('.govuk-panel').innerText(), /2 rows: 2 new/);
  assert.equal(await page.locator('h1').count(), 1, 'import done: one h1');

  await page.goto(server.base + '/indicators/volunteering-rate');
  assert.match(await page.locator('table').first().innerText(), /Basildon\s+financial year 2024\/25\s+28\.4%/);
  await check(page, 'new indicator');
});

test('a large upload shows its progress, refreshing without JavaScript, then the confirmation', async () => {
  const page = await nojs.context.newPage();
  await page.goto(server.base + '/sign-in');
  await page.getByLabel('E-mail address').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/account');
  const codes = ['E10000012', ...Array.from({ length: 12 }, (_, i) => `E070000${66 + i}`), 'E06000033', 'E06000034'];
  let csv = HEADER;
  for (let year = 1990; year < 2030; year++) for (const code of codes) csv += `${code},,Progress survey,${year},50.5,%,,\n`;
  await page.goto(server.base + '/indicators/import');
  await page.getByLabel('CSV data').fill(csv);
  await page.getByRole('button', { name: 'Import' }).click();
  await page.waitForURL('**/indicators/import?job=*');
  assert.match(await page.locator('#import-progress-text').innerText(), /^Checked [\d,]+ of 600 rows$/);
  assert.equal(await page.locator('progress[max="600"]').count(), 1);
  // The page reloads itself (a Refresh header) until the import is done.
  await page.locator('.govuk-panel--confirmation').waitFor({ timeout: 15000 });
  assert.match(await page.locator('.govuk-panel').innerText(), /600 rows: 600 new/);
  assert.equal(await page.locator('h1').count(), 1, 'import done: one h1');
});

test('every chart page is accessible, works without JavaScript, and fits 320 px', async () => {
  // axe-core takes seconds a page on a busy machine: each chart page once with JavaScript; the
  // indicator page again without it (charts and tables are server-rendered).
  const pages = [[js.context, ['/indicators', '/indicators/female-healthy-life-expectancy?area=E10000012',
    '/ambitions/share-prosperity-with-everyone', '/indicators/employment-rate/map', '/indicators/areas/E07000069',
    '/indicators/freshness']],
  [nojs.context, ['/indicators/employment-rate?area=E07000069', '/indicators/employment-rate/map']]];
  for (const [ctx, paths] of pages) {
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 320, height: 800 });
    for (const path of paths) {
      const r = await page.goto(server.base + path);
      assert.equal(r.status(), 200, path);
      // axe-core needs JavaScript; with it off the page must still render all of it.
      if (ctx === js.context) await check(page, path);
      else assert.equal(await page.locator('h1').count(), 1, `${path}: one h1`);
      // Our tables scroll inside their own region and the charts scale: nothing of ours is wider
      // than the screen (other sections of the ambition page are their owners' to check).
      const wide = await page.evaluate(() => [...document.querySelectorAll('.outcomes-table-wrap, .outcomes-chart, .outcomes-map')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).length);
      assert.equal(wide, 0, `${path}: outcomes tables and charts fit 320 px`);
      if (path.startsWith('/indicators')) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
        assert.equal(overflow, false, `${path}: no horizontal scroll at 320 px`);
      }
    }
    const page2 = await ctx.newPage();
    await page2.goto(server.base + '/indicators/employment-rate');
    assert.equal(await page2.locator('svg.outcomes-chart[role="img"]').count(), 2);
    assert.match(await page2.locator('body').innerText(), /Open Government Licence v3\.0/);
  }
  // The map: 14 shaded districts and unitaries, each named with its value, beside its table.
  const map = await nojs.context.newPage();
  await map.goto(server.base + '/indicators/employment-rate/map');
  assert.equal(await map.locator('svg.outcomes-map path title').count(), 14);
  assert.match(await map.locator('table').innerText(), /Castle Point\s+85\.2%/);
  assert.match(await map.locator('body').innerText(), /Contains OS data/);
});
