// The site map (docs/SITEMAP.md) and reflow (WCAG 1.4.10) in a real browser, JavaScript off:
// the header is six sections plus the account link on one row at 1024 and 1920 px, signed in
// or not; the active section and the breadcrumbs agree; every landing page is axe-clean and
// has no dead links; and every page type fits a 320 px screen with no horizontal scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, axeViolations, createUser as makeUser, signIn as signInOn, checkPage } from './helpers.mjs';

const ADMIN = { name: 'Alexandra Site-Administrator', email: 'admin@example.com', password: 'admin-strong-secret' };
const SECTIONS = ['Vision', 'Projects', 'Areas', 'Organisations', 'Take part', 'Progress'];
let server, js, nojs, adminPage;

// The header's items and how many rows they take.
async function header(page) {
  return page.evaluate(() => {
    const items = [...document.querySelectorAll('.govuk-service-navigation__service-name, .govuk-service-navigation__item')];
    return {
      labels: [...document.querySelectorAll('.govuk-service-navigation__item')].map((i) => i.textContent.trim()),
      rows: new Set(items.map((i) => Math.round(i.getBoundingClientRect().top))).size,
      active: [...document.querySelectorAll('.govuk-service-navigation__item--active')].map((i) => i.textContent.trim()),
      crumbs: [...document.querySelectorAll('.govuk-breadcrumbs__link')].map((a) => a.textContent.trim()),
    };
  });
}

const createUser = (who, roles = []) => makeUser(server, who, roles);
const signIn = (page, who) => signInOn(page, server, who);

before(async () => {
  server = await startServer({}, { polis: ['tests/fixtures/polis/brexit-consensus'] });
  createUser(ADMIN, ['site-admin']);
  js = await launch();
  nojs = await launch({ javaScriptEnabled: false });
  adminPage = await (await nojs.browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(adminPage, ADMIN);
});
after(async () => { await js?.browser.close(); await nojs?.browser.close(); await server?.stop(); });

test('the header is six sections and the account link on one row from 1024 px, with sign out above when signed in', async () => {
  const page = await nojs.context.newPage();
  for (const [who, p] of [['anonymous', page], ['signed in', adminPage]]) {
    for (const width of [1024, 1280, 1920]) {
      await p.setViewportSize({ width, height: 800 });
      await p.goto(server.base + '/initiatives');
      const h = await header(p);
      assert.deepEqual(h.labels, [...SECTIONS, who === 'anonymous' ? 'Sign in' : 'Your account'], `${who} ${width}`);
      if (who !== 'anonymous') assert.equal(await p.getByRole('banner').getByRole('button', { name: 'Sign out' }).count(), 1);
      assert.equal(h.rows, 1, `${who} at ${width} px: one row`);
    }
  }
});

test('the home page says what the site is and offers an action for every section', async () => {
  const page = await nojs.context.newPage();
  await page.goto(server.base + '/');
  assert.equal(await page.title(), 'The Future of Essex');
  const intro = await page.locator('main .govuk-body-l').first().innerText();
  assert.match(intro, /^The Future of Essex is where .* Essex plan its future together/);
  const actions = await page.locator('.app-actions a').allInnerTexts();
  for (const a of ['Read the vision', 'See projects and plans', 'Find out what is happening in your area',
    'Find an organisation', 'Take part and have your say', 'See how it is going', 'Create an account']) {
    assert.ok(actions.includes(a), `home offers "${a}"`);
  }
  const withJs = await js.context.newPage();
  await withJs.goto(server.base + '/');
  assert.deepEqual(await axeViolations(withJs), [], 'home: axe');
});

test('each section has an axe-clean landing page with working links, and its pages say where they are', async () => {
  const page = await nojs.context.newPage();
  const withJs = await js.context.newPage();
  const landings = { Vision: '/vision', Projects: '/work', Areas: '/areas', Organisations: '/organisations',
    'Take part': '/take-part', Progress: '/progress' };
  for (const [label, href] of Object.entries(landings)) {
    const r = await page.goto(server.base + href);
    assert.equal(r.status(), 200, href);
    const h = await header(page);
    assert.deepEqual(h.active, [label], `${href} highlights ${label}`);
    assert.equal(await page.locator('h1').count(), 1, `${href}: one h1`);
    await withJs.goto(server.base + href);
    assert.deepEqual(await axeViolations(withJs), [], `${href}: axe`);
    const links = await page.locator('main a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const l of new Set(links)) {
      const res = await page.request.get(server.base + l);
      assert.equal(res.status(), 200, `${href} links to ${l}`);
    }
  }
  await page.goto(server.base + '/take-part');
  assert.doesNotMatch(await page.locator('main').innerText(), /Coming to this site/);  // every planned page is built
  for (const [path, section, crumbs] of [
    ['/ambitions/enjoy-life-long-into-old-age', 'Vision', ['Home', 'Vision', 'Ambitions']],
    ['/initiatives/coordinated-approach-to-discharge-from-hospital', 'Projects', ['Home', 'Projects', 'All projects']],
    ['/strategies', 'Projects', ['Home', 'Projects']],
    ['/areas/E07000075', 'Areas', ['Home', 'Areas']],
    ['/conversations', 'Take part', ['Home', 'Take part']],
    ['/building-blocks', 'Progress', ['Home', 'Progress']]]) {
    await page.goto(server.base + path);
    const h = await header(page);
    assert.deepEqual(h.active, [section], `${path} highlights ${section}`);
    assert.deepEqual(h.crumbs, crumbs, `${path} breadcrumbs`);
  }
});

test('every page type fits a 320 px screen without horizontal scrolling', async () => {
  const page = await nojs.context.newPage();
  const slug = execFileSync('sqlite3', [join(server.dir, 'e2e.db'), 'SELECT slug FROM conversations LIMIT 1'])
    .toString().trim();
  const anonymous = ['/', '/vision', '/work', '/take-part', '/progress', '/ambitions',
    '/ambitions/enjoy-life-long-into-old-age', '/alignment', '/areas', '/areas/E07000075', '/organisations',
    '/organisations/rochford-district-council', '/initiatives', '/initiatives/coordinated-approach-to-discharge-from-hospital',
    '/strategies', '/strategies/rochford-business-plan', '/search?q=health', '/conversations', `/conversations/${slug}`,
    '/building-blocks', '/road-map', '/statement-of-intent', '/vision-projects', '/accessibility', '/api', '/sign-in'];
  const signedIn = ['/account', '/admin', '/admin/users', '/audit', '/admin/outbox', '/initiatives/new'];
  for (const [p, paths] of [[page, anonymous], [adminPage, signedIn]]) {
    await p.setViewportSize({ width: 320, height: 640 });
    for (const path of paths) {
      const r = await p.goto(server.base + path);
      assert.equal(r.status(), 200, path);
      const width = await p.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `${path} is ${width} px wide at 320 px`);
      // The main column itself does not scroll sideways either (GOV.UK grid rows once did, by 15 px).
      const main = await p.evaluate(() => { const m = document.querySelector('main'); return m.scrollWidth - m.clientWidth; });
      assert.ok(main <= 1, `${path}: main is ${main} px wider than the screen at 320 px`);
    }
  }
  // A table too wide to reflow scrolls inside its own region, which a keyboard can reach.
  const withJs = await js.context.newPage();
  await withJs.setViewportSize({ width: 320, height: 640 });
  for (const path of ['/alignment', `/conversations/${slug}`, '/areas', '/organisations']) {
    await withJs.goto(server.base + path);
    const regions = withJs.locator('.gt-table-scroll');
    assert.ok(await regions.count() > 0, `${path}: tables scroll in a region`);
    assert.equal(await regions.first().getAttribute('tabindex'), '0');
    assert.ok(await withJs.evaluate(() => document.documentElement.scrollWidth) <= 320, `${path} with JavaScript`);
    assert.deepEqual(await axeViolations(withJs), [], `${path} at 320 px: axe`);
  }
});

// Issue 9.7: the home page's ambition cards line up with the text column above them, and the
// accessibility statement names a contact and claims only what the browser tests check.
test('home ambition cards line up with the text column at 320, 1024 and 1920 px', async () => {
  const page = await js.context.newPage();
  await page.goto(server.base + '/');
  for (const width of [320, 1024, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    const m = await page.evaluate(() => {
      const text = document.querySelector('main .govuk-body-l').getBoundingClientRect();
      const cards = [...document.querySelectorAll('.gt-card')].map((c) => c.getBoundingClientRect());
      return { textLeft: text.left, textRight: text.right, cards: cards.map((c) => ({ left: c.left, right: c.right })),
        main: document.querySelector('main').getBoundingClientRect().right };
    });
    assert.ok(m.cards.length >= 2, 'the home page shows the ambitions as cards');
    const firstColumn = Math.min(...m.cards.map((c) => c.left));
    assert.ok(Math.abs(firstColumn - m.textLeft) <= 1, `${width} px: cards start at ${firstColumn}, text at ${m.textLeft}`);
    for (const c of m.cards) assert.ok(c.right <= m.main + 1, `${width} px: a card ends at ${c.right}, past main (${m.main})`);
    if (width === 320) {
      for (const c of m.cards) {
        assert.ok(Math.abs(c.left - m.textLeft) <= 1 && Math.abs(c.right - m.textRight) <= 1,
          `320 px: a card spans ${c.left}–${c.right}, the text ${m.textLeft}–${m.textRight}`);
      }
    }
  }
  await page.close();
});

test('the accessibility statement names a contact and claims only what the tests check', async () => {
  const page = await js.context.newPage();
  await page.goto(server.base + '/accessibility');
  await checkPage(page, 'accessibility statement');
  const mail = await page.locator('main a[href^="mailto:"]').first().getAttribute('href');
  assert.match(mail, /^mailto:[^@\s]+@[^@\s]+$/, 'an e-mail address to report problems to (GOLDTHREAD_CONTACT_EMAIL, else the sender address)');
  // Each claim, and the test that backs it. A new claim needs a test, and a line here.
  const backed = [
    [/axe-core checker finds against the Web Content Accessibility Guidelines \(WCAG\) 2\.2 level A and AA/,
      'checkPage / axeViolations in every browser test; pages.test.mjs'],
    [/reading, searching, signing up and in, joining an organisation, adding a project — work with JavaScript turned off/,
      'pages.test.mjs (reading), work.test.mjs (search), accounts.test.mjs (sign up, sign in, join), work_signed_in.test.mjs (add a project)'],
    [/fits a screen 320 pixels wide .* a wide table scrolls inside its own box/,
      'this file: "every page type fits a 320 px screen without horizontal scrolling"'],
    [/on the forms they fill in wrongly, each error is listed at the top of the page and linked to its field/,
      'the error-summary checks of accounts, work, pledges, proposals, comments, comms and readiness tests'],
  ];
  const claims = await page.locator('main ul.govuk-list--bullet li').allInnerTexts();
  assert.equal(claims.length, backed.length, `claims: ${claims.join(' | ')}`);
  for (const [re, by] of backed) assert.ok(claims.some((c) => re.test(c)), `a claim backed by ${by} is stated`);
  const main = await page.locator('main').innerText();
  assert.match(main, /partially compliant/);
  assert.doesNotMatch(main, /working days|fully compliant|screen readers? (work|are supported)/);
  // The statement's one claim about the opinion map: what it shows is also written out.
  assert.match(main, /what it shows is also written out in the lists and tables under it/);
  await page.close();
});
