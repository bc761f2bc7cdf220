// Every foundation page: loads, has one h1, passes axe-core WCAG 2.2 A/AA with zero
// violations, and works with JavaScript turned off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, axeViolations } from './helpers.mjs';

const pages = ['/', '/ambitions', '/ambitions/enjoy-life-long-into-old-age', '/areas', '/areas/E07000075',
  '/building-blocks', '/road-map', '/statement-of-intent', '/vision-projects', '/accessibility', '/privacy',
  '/about-the-data', '/api', '/conversations', '/conversations/brexit-consensus', '/no-such-page'];

let server, browser, context;
before(async () => { server = await startServer({}, { polis: ['tests/fixtures/polis/brexit-consensus'] }); ({ browser, context } = await launch()); });
after(async () => { await browser?.close(); await server?.stop(); });

for (const path of pages) {
  test(`axe-clean: ${path}`, async () => {
    const page = await context.newPage();
    const res = await page.goto(server.base + path);
    assert.equal(res.status(), path === '/no-such-page' ? 404 : 200);
    assert.equal(await page.locator('h1').count(), 1, 'one h1 per page');
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });
}

test('pages work with JavaScript off: navigation reaches an ambition', async () => {
  const { browser: b, context: c } = await launch({ javaScriptEnabled: false });
  try {
    const page = await c.newPage();
    await page.goto(server.base + '/');
    await page.getByRole('link', { name: 'Share prosperity with everyone' }).first().click();
    await page.waitForURL('**/ambitions/share-prosperity-with-everyone');
    assert.match(await page.locator('h1').innerText(), /Share prosperity with everyone/);
    await page.getByRole('link', { name: 'Areas' }).first().click();
    assert.match(await page.locator('h1').innerText(), /Areas/);
  } finally {
    await b.close();
  }
});

test('JavaScript, when on, loads without CSP violations', async () => {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.base + '/');
  await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported') || true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the axe check itself catches a violation (guards against a check that cannot fail)', async () => {
  const page = await context.newPage();
  await page.setContent('<!DOCTYPE html><html><head><title>t</title></head><body><main><img src="x.png"></main></body></html>');
  const v = await axeViolations(page);
  assert.ok(v.some((s) => s.startsWith('image-alt')), v.join('\n'));
  await page.close();
});
