// Accounts in a real browser: sign up → sign in → ask to join an organisation → an admin
// approves → sign out. Every page visited is checked with axe-core (WCAG 2.2 A/AA, zero
// violations) and has one h1. The same journey also runs with JavaScript off (axe itself needs
// JavaScript, so it checks the pages in the first run).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, root, signIn as signInOn, checkPage } from './helpers.mjs';

let server, js, nojs, dbUrl, orgId;
const ADMIN = { email: 'admin@example.com', password: 'admin-strong-secret' };
const ANN = { name: 'Ann Resident', email: 'ann@example.com', password: 'tidal-lantern-mossy' };

const signIn = (page, who) => signInOn(page, server, who);
const check = (page, label) => checkPage(page, label, { reflow: false });

before(async () => {
  server = await startServer();
  dbUrl = `sqlite:${join(server.dir, 'e2e.db')}`;
  const bin = join(root, process.env.GOLDTHREAD_BIN || 'build/release/goldthread');
  execFileSync(bin, ['user', 'create', '--role', 'site-admin', '--email', ADMIN.email, '--name', 'Site Admin',
    '--password-stdin'], { cwd: root, input: ADMIN.password + '\n', env: { ...process.env, DATABASE_URL: dbUrl } });
  // The partners capability has no pages to add organisations yet: seed one directly.
  execFileSync('sqlite3', [join(server.dir, 'e2e.db'),
    "INSERT INTO organisations (slug, name, sector, created_at, updated_at) VALUES " +
    "('essex-community-trust', 'Essex Community Trust', 'voluntary-community', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"]);
  // The place import also seeds the councils as organisations, so look the new one's id up.
  orgId = execFileSync('sqlite3', [join(server.dir, 'e2e.db'),
    "SELECT id FROM organisations WHERE slug = 'essex-community-trust'"]).toString().trim();
  js = await launch();
  nojs = await launch({ javaScriptEnabled: false });
});
after(async () => { await js?.browser.close(); await nojs?.browser.close(); await server?.stop(); });

test('sign up, sign in, join an organisation, approval, sign out', async () => {
  const ann = await js.context.newPage();
  await ann.goto(server.base + '/sign-up');
  await check(ann, 'sign-up');
  await ann.getByLabel('Full name').fill(ANN.name);
  await ann.getByLabel('E-mail address').fill('not-an-email');
  await ann.getByLabel('Create a password').fill('short');
  await ann.getByRole('button', { name: 'Create account' }).click();
  await check(ann, 'sign-up with errors');
  assert.equal(await ann.locator('.govuk-error-summary a[href="#email"]').count(), 1);
  assert.equal(await ann.locator('.govuk-error-summary a[href="#password"]').count(), 1);
  assert.equal(await ann.getByLabel('Full name').inputValue(), ANN.name);
  assert.equal(await ann.getByLabel('Create a password').inputValue(), '');
  await ann.getByLabel('E-mail address').fill(ANN.email);
  await ann.getByLabel('Create a password').fill(ANN.password);
  await ann.getByRole('button', { name: 'Create account' }).click();
  await check(ann, 'sign-up done');
  assert.match(await ann.locator('.govuk-panel__title').innerText(), /Check your e-mail/);

  await ann.goto(server.base + '/sign-in');
  await check(ann, 'sign-in');
  await signIn(ann, ANN);
  await check(ann, 'account');
  assert.match(await ann.locator('main').innerText(), /Ann Resident/);
  for (const path of ['/account/profile', '/account/password', '/account/delete', '/reset-password']) {
    await ann.goto(server.base + path);
    await check(ann, path);
  }

  await ann.goto(server.base + '/account/organisations');
  await check(ann, 'organisations');
  await ann.getByLabel('Search organisations by name').fill('essex');
  await ann.getByRole('button', { name: 'Search' }).click();
  await ann.getByRole('button', { name: 'Ask to join Essex Community Trust' }).click();
  await ann.waitForURL(/\/account\/organisations\?asked=\d+$/);
  await check(ann, 'organisations after asking');
  assert.match(await ann.locator('main').innerText(), /Waiting for approval/);

  const adminContext = await js.browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  await admin.goto(server.base + `/memberships/${orgId}`);
  await check(admin, 'members');
  await admin.getByRole('button', { name: 'Approve Ann Resident' }).click();
  await admin.waitForURL(new RegExp(`/memberships/${orgId}\\?decided=approve$`));
  await check(admin, 'members after approval');
  assert.match(await admin.locator('main').innerText(), /Ann Resident/);
  for (const path of ['/admin/users', '/admin/users/2', '/audit', '/audit?resource_type=membership&resource_id=1',
    '/admin/outbox', '/admin/outbox?status=queued']) {
    await admin.goto(server.base + path);
    await check(admin, path);
  }

  await ann.goto(server.base + '/account/organisations');
  assert.match(await ann.locator('main').innerText(), /Essex Community Trust\s+Member/);
  await ann.goto(server.base + '/account');
  await ann.getByRole('button', { name: 'Sign out', exact: true }).click();
  await ann.waitForURL(server.base + '/');
  assert.equal(await ann.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Sign in' }).count(), 1);
  const res = await ann.goto(server.base + '/account');
  assert.match(ann.url(), /\/sign-in\?next=%2Faccount$/);
  assert.equal(res.status(), 200);
});

test('the same journey works with JavaScript off', async () => {
  const bob = await nojs.context.newPage();
  await bob.goto(server.base + '/sign-up');
  await bob.getByLabel('Full name').fill('Bob Nojs');
  await bob.getByLabel('E-mail address').fill('bob@example.com');
  await bob.getByLabel('Create a password').fill('quiet-harbour-lamp');
  await bob.getByRole('button', { name: 'Create account' }).click();
  assert.match(await bob.locator('.govuk-panel__title').innerText(), /Check your e-mail/);
  await signIn(bob, { email: 'bob@example.com', password: 'quiet-harbour-lamp' });
  await bob.goto(server.base + '/account/organisations?q=essex');
  await bob.getByRole('button', { name: 'Ask to join Essex Community Trust' }).click();
  await bob.waitForURL(/\/account\/organisations\?asked=\d+$/);
  assert.match(await bob.locator('main').innerText(), /Waiting for approval/);
  await bob.goto(server.base + '/account');
  await bob.getByRole('button', { name: 'Sign out', exact: true }).click();
  await bob.waitForURL(server.base + '/');
  assert.equal(await bob.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Sign in' }).count(), 1);
});

test('a form sent without its token gets the 403 page; a dead reset link gets an accessible 404', async () => {
  const page = await js.context.newPage();
  const res = await page.request.post(server.base + '/sign-in', { form: { email: 'x@example.com', password: 'x' } });
  assert.equal(res.status(), 403);
  assert.match(await res.text(), /Your form could not be sent/);
  await page.goto(server.base + '/reset-password/not-a-real-token');
  await check(page, 'reset link that does not work');
});
