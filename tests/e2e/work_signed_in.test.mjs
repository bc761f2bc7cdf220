// The signed-in work map in a real browser: a partner member (created with the CLI, joined to
// an organisation through the real ask-to-join and approve pages) adds an initiative for their
// organisation serving two priorities, sees it saved, and finds it counted under both
// priorities on /alignment and in its JSON twin. Every page visited has one h1 and no axe-core
// WCAG 2.2 A/AA violations; the same create flow then runs with JavaScript off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, createUser as makeUser, signIn as signInOn, checkPage } from './helpers.mjs';

const ADMIN = { name: 'Site Admin', email: 'admin@example.com', password: 'admin-strong-secret' };
const MIA = { name: 'Mia Member', email: 'mia@example.com', password: 'tidal-lantern-mossy' };
const ORG = 'Essex Community Trust';
let server, js, nojs, orgId;

// Priority ids and titles from the form's JSON twin, and their counts from the matrix's.
async function priorities(page) {
  const form = await (await page.request.get(server.base + '/api/v1/initiatives/new')).json();
  return [form.ambitions[0].priorities[0], form.ambitions[2].priorities[1]];
}
async function matrixCounts(page, ps) {
  const m = await (await page.request.get(server.base + '/api/v1/alignment')).json();
  const all = m.ambitions.flatMap((a) => a.priorities);
  return ps.map((p) => all.find((x) => x.title === p.text).counts.initiatives);
}

async function addInitiative(page, title, ps) {
  await page.goto(server.base + '/initiatives/new');
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Summary', { exact: true }).fill('Warm, welcoming rooms in libraries and halls through the winter.');
  await page.getByLabel('Owner organisation').selectOption({ label: ORG });
  for (const p of ps) await page.locator(`#${p.id}`).check();
  await page.getByRole('button', { name: 'Add initiative' }).click();
}

const createUser = (who, roles = []) => makeUser(server, who, roles);
const signIn = (page, who) => signInOn(page, server, who);
const check = (page, label) => checkPage(page, label, { reflow: false });

before(async () => {
  server = await startServer();
  createUser(ADMIN, ['site-admin']);
  createUser(MIA, []);
  const db = join(server.dir, 'e2e.db');
  execFileSync('sqlite3', [db, "INSERT INTO organisations (slug, name, sector, created_at, updated_at) VALUES " +
    `('essex-community-trust', '${ORG}', 'voluntary-community', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`]);
  orgId = execFileSync('sqlite3', [db, "SELECT id FROM organisations WHERE slug = 'essex-community-trust'"])
    .toString().trim();
  js = await launch();
  nojs = await launch({ javaScriptEnabled: false });
});
after(async () => { await js?.browser.close(); await nojs?.browser.close(); await server?.stop(); });

test('a partner member adds an initiative serving two priorities and the matrix counts it', async () => {
  const mia = await js.context.newPage();
  await signIn(mia, MIA);
  await mia.goto(server.base + '/account/organisations?q=essex+community');
  await check(mia, 'organisations');
  await mia.getByRole('button', { name: `Ask to join ${ORG}` }).click();
  await mia.waitForURL(/\/account\/organisations\?asked=\d+$/);

  const adminContext = await js.browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  await admin.goto(server.base + `/memberships/${orgId}`);
  await admin.getByRole('button', { name: `Approve ${MIA.name}` }).click();
  await admin.waitForURL(new RegExp(`/memberships/${orgId}\\?decided=approve$`));
  await adminContext.close();

  await mia.goto(server.base + '/initiatives/new');
  await check(mia, 'new initiative');
  const ps = await priorities(mia);
  const before = await matrixCounts(mia, ps);

  // Nothing typed: the error summary names the title, and what was chosen is kept.
  await mia.getByLabel('Owner organisation').selectOption({ label: ORG });
  await mia.getByRole('button', { name: 'Add initiative' }).click();
  await check(mia, 'new initiative with errors');
  assert.equal(await mia.locator('.govuk-error-summary a[href="#title"]').count(), 1);
  assert.equal(await mia.getByLabel('Owner organisation').locator('option:checked').innerText(), ORG);

  await addInitiative(mia, 'Warm Spaces Essex', ps);
  await mia.waitForURL('**/initiatives/warm-spaces-essex?saved=created');
  await check(mia, 'initiative saved');
  assert.match(await mia.locator('.govuk-notification-banner').innerText(), /Initiative added/);
  assert.equal(await mia.locator('h1').innerText(), 'Warm Spaces Essex');
  const serves = await mia.locator('main').innerText();
  for (const p of ps) assert.ok(serves.includes(p.text), `the page lists ${p.text}`);

  await mia.goto(server.base + '/alignment');
  await check(mia, 'alignment');
  const after = await matrixCounts(mia, ps);
  assert.deepEqual(after, before.map((n) => n + 1), 'counted under both priorities in the JSON twin');
  for (const [i, p] of ps.entries()) {
    const row = mia.locator('tbody tr').filter({ has: mia.locator('th', { hasText: p.text }) }).first();
    assert.equal(await row.locator('td').first().innerText(), String(after[i]), `matrix row for ${p.text}`);
  }
  await mia.goto(server.base + '/work/requests');
  await check(mia, 'requests');
  await mia.goto(server.base + '/initiatives/warm-spaces-essex/edit');
  await check(mia, 'edit initiative');
});

test('the same create flow works with JavaScript off', async () => {
  const mia = await nojs.context.newPage();
  await signIn(mia, MIA);
  const ps = await priorities(mia);
  const before = await matrixCounts(mia, ps);
  await addInitiative(mia, 'Winter Lunch Clubs', ps);
  await mia.waitForURL('**/initiatives/winter-lunch-clubs?saved=created');
  assert.equal(await mia.locator('h1').innerText(), 'Winter Lunch Clubs');
  assert.match(await mia.locator('main').innerText(), /Initiative added/);
  assert.deepEqual(await matrixCounts(mia, ps), before.map((n) => n + 1));
});

test('the organisation, endorsement and strategy forms are axe-clean, with and without errors', async () => {
  const admin = await (await js.browser.newContext()).newPage();
  await signIn(admin, ADMIN);
  await admin.goto(server.base + '/organisations/new');
  await check(admin, 'new organisation');
  await admin.getByRole('button', { name: 'Add organisation' }).click();
  await check(admin, 'new organisation with errors');
  assert.equal(await admin.locator('.govuk-error-summary a[href="#name"]').count(), 1);
  await admin.getByLabel('Name', { exact: true }).fill('Harwich Harbour Trust');
  await admin.getByLabel('Sector').selectOption({ label: 'Voluntary and community' });
  await admin.getByRole('button', { name: 'Add organisation' }).click();
  await admin.waitForURL('**/organisations/harwich-harbour-trust?saved=created');
  await check(admin, 'organisation added');
  assert.match(await admin.locator('.govuk-notification-banner').innerText(), /Organisation added/);

  await admin.goto(server.base + '/organisations/essex-community-trust');
  await check(admin, 'organisation with people');
  assert.match(await admin.locator('#section-people').locator('..').innerText(), /Mia Member/);
  await admin.getByRole('link', { name: 'Record an endorsement of the vision' }).click();
  await check(admin, 'endorsement form');
  await admin.getByLabel('Date of the decision').fill('12 June');
  await admin.getByRole('button', { name: 'Record endorsement' }).click();
  await check(admin, 'endorsement with errors');
  assert.equal(await admin.locator('.govuk-error-summary a[href="#endorsed_on"]').count(), 1);
  assert.equal(await admin.locator('.govuk-error-summary a[href="#body"]').count(), 1);
  await admin.getByLabel('Date of the decision').fill('2024-06-12');
  await admin.getByLabel('Who decided').fill('Board of Trustees');
  await admin.getByRole('button', { name: 'Record endorsement' }).click();
  await admin.waitForURL('**/organisations/essex-community-trust?saved=endorsement');
  await check(admin, 'endorsement recorded');
  await admin.getByRole('link', { name: "Edit this organisation's details" }).click();
  await check(admin, 'edit organisation');

  await admin.goto(server.base + '/strategies/new');
  await check(admin, 'new strategy');
  await admin.getByRole('button', { name: 'Add strategy' }).click();
  await check(admin, 'new strategy with errors');
  assert.equal(await admin.locator('.govuk-error-summary a[href="#title"]').count(), 1);
  await admin.getByLabel('Title', { exact: true }).fill('Community Trust Plan 2025 to 2030');
  await admin.getByLabel('Owner organisation').selectOption({ label: ORG });
  await admin.locator('textarea[name^="statement-"]').first().fill('Volunteering in every town');
  await admin.getByRole('button', { name: 'Add strategy' }).click();
  await admin.waitForURL('**/strategies/community-trust-plan-2025-to-2030?saved=created');
  await check(admin, 'strategy added');
  assert.match(await admin.locator('main').innerText(), /Volunteering in every town/);
  await admin.getByRole('link', { name: 'Edit this strategy' }).click();
  await check(admin, 'edit strategy');
});
