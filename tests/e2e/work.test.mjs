// The partners and work pages: load, one h1, axe-core WCAG 2.2 A/AA clean, and usable with
// JavaScript off. The signed-in flows (adding an initiative, the forms) are in
// work_signed_in.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, axeViolations } from './helpers.mjs';

const pages = ['/organisations', '/organisations?sector=district-council', '/organisations/rochford-district-council',
  '/initiatives', '/initiatives?vision=1', '/initiatives/essex-supports',
  '/initiatives/coordinated-approach-to-discharge-from-hospital', '/strategies', '/strategies/rochford-business-plan',
  '/alignment', '/alignment?area=E07000075', '/search', '/search?q=health', '/search?q=zzzqqq',
  '/initiatives?status=nonsense'];

let server, browser, context;
before(async () => { server = await startServer(); ({ browser, context } = await launch()); });
after(async () => { await browser?.close(); await server?.stop(); });

for (const path of pages) {
  test(`axe-clean: ${path}`, async () => {
    const page = await context.newPage();
    const res = await page.goto(server.base + path);
    assert.equal(res.status(), path.includes('nonsense') ? 400 : 200);
    assert.equal(await page.locator('h1').count(), 1, 'one h1 per page');
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });
}

test('with JavaScript off: filter the matrix by area, then search and follow a result', async () => {
  const { browser: b, context: c } = await launch({ javaScriptEnabled: false });
  try {
    const page = await c.newPage();
    await page.goto(server.base + '/alignment');
    await page.getByLabel('Area', { exact: true }).selectOption('E07000075');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL('**/alignment?area=E07000075**');
    await page.goto(server.base + '/search');
    await page.getByLabel(/Search organisations/).fill('discharge');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: /discharge/i }).first().click();
    assert.match(await page.locator('h1').innerText(), /discharge/i);
  } finally {
    await b.close();
  }
});
