// Live conversations in a real browser: a place admin opens a conversation; other people's
// votes arrive over HTTP; an anonymous visitor votes through it with JavaScript (no reload:
// the statement changes in place), adds a statement, and sees on the results page which
// group their votes are closest to, the map updating as more votes come in; the same voting
// then works with JavaScript off (form posts). One h1, no axe-core violations, 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, root, checkPage } from './helpers.mjs';

const ADMIN = { email: 'pat@example.com', name: 'Pat Admin', password: 'tidal-lantern-mossy' };
const SEEDS = ['Keep it as a library', 'Make it a community hub', 'Sell it for housing', 'Open a cafe in it',
  'Use it for youth clubs', 'Put the council offices there', 'Let artists use it', 'Knock it down'];
let server, slug;

// Other people voting: two camps, over plain HTTP (a CSRF pair from /sign-in, a participant
// cookie each).
async function crowd(n, offset) {
  const r = await fetch(`${server.base}/sign-in`, { headers: { Accept: 'application/json' } });
  const token = (await r.json()).csrf_token;
  const csrf = r.headers.getSetCookie().find((c) => c.startsWith('gt_csrf=')).split(';')[0];
  for (let p = offset; p < offset + n; p++) {
    const id = p.toString(16).padStart(32, '0');
    for (let s = 0; s < SEEDS.length; s++) {
      const vote = s === p % SEEDS.length ? 'pass' : ((s < 4) === (p % 2 === 0) ? 'agree' : 'disagree');
      const res = await fetch(`${server.base}/conversations/${slug}/vote`, {
        method: 'POST', redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `gt_participant=${id}; ${csrf}` },
        body: new URLSearchParams({ csrf_token: token, tid: String(s), vote }),
      });
      assert.equal(res.status, 303);
    }
  }
}

const check = (page, label) => checkPage(page, label);

before(async () => {
  server = await startServer({ GOLDTHREAD_LIVE_MAP_DEBOUNCE_MS: '100' });
  const bin = join(root, process.env.GOLDTHREAD_BIN || 'build/release/goldthread');
  execFileSync(bin, ['user', 'create', '--email', ADMIN.email, '--name', ADMIN.name, '--role', 'place-admin',
    '--password-stdin'], { cwd: root, env: { ...process.env, DATABASE_URL: `sqlite:${join(server.dir, 'e2e.db')}` },
    input: ADMIN.password + '\n' });
});
after(async () => { await server?.stop(); });

test('open a conversation, vote anonymously with and without JavaScript, add a statement, see the groups', async () => {
  const { browser, context } = await launch();
  try {
    const admin = await context.newPage();
    await admin.goto(server.base + '/sign-in');
    await admin.getByLabel('E-mail address').fill(ADMIN.email);
    await admin.getByLabel('Password').fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.waitForURL('**/account');
    await admin.goto(server.base + '/conversations/new');
    await check(admin, 'open a conversation');
    await admin.getByRole('button', { name: 'Open the conversation' }).click();
    assert.equal(await admin.locator('.govuk-error-summary a[href="#question"]').count(), 1);
    await admin.getByLabel('Question').fill('How should we use the old library?');
    await admin.getByLabel('Statements to start with').fill(SEEDS.join('\n'));
    await admin.getByRole('button', { name: 'Open the conversation' }).click();
    await admin.waitForURL(/\/conversations\/[a-z0-9-]+\/vote\?done=opened$/);
    slug = new URL(admin.url()).pathname.split('/')[2];
    await crowd(12, 1);

    // Anonymous, with JavaScript: each vote replaces the statement without a reload.
    const anon = await (await browser.newContext()).newPage();
    await anon.goto(`${server.base}/conversations/${slug}/vote`);
    await check(anon, 'take part');
    await anon.evaluate(() => { window.notReloaded = true; });
    for (let i = 0; i < SEEDS.length; i++) {
      const text = await anon.locator('[data-live-text]').innerText();
      const s = SEEDS.indexOf(text);
      assert.ok(s >= 0, `a seed statement is shown: ${text}`);
      await anon.getByRole('button', { name: s < 4 ? 'Agree' : 'Disagree', exact: true }).click();
      await anon.waitForFunction((n) => document.querySelector('[data-live-progress]').textContent.startsWith(`${n} of`),
        i + 1);
    }
    assert.equal(await anon.evaluate(() => window.notReloaded), true, 'no reload while voting');
    await anon.getByLabel('Your statement').fill('Open it on Sundays');
    await anon.getByRole('button', { name: 'Add statement' }).click();
    await anon.waitForURL(/done=added$/);
    assert.match(await anon.locator('main').innerText(), /Your statement has been added/);

    await anon.goto(`${server.base}/conversations/${slug}`);
    let main = '';
    for (let i = 0; i < 50 && !/Your votes are closest to Group [A-F]/.test(main); i++) {
      await new Promise((r) => setTimeout(r, 200));
      await anon.reload();
      main = await anon.locator('main').innerText();
    }
    assert.match(main, /Your votes are closest to Group [A-F]/);
    assert.match(main, /Group B/);
    await check(anon, 'results');
    const before = Number(/from ([\d,]+) votes/.exec(main)[1].replace(',', ''));
    await crowd(4, 100);
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await anon.reload();
      main = await anon.locator('main').innerText();
      if (Number(/from ([\d,]+) votes/.exec(main)[1].replace(',', '')) > before) break;
    }
    assert.ok(Number(/from ([\d,]+) votes/.exec(main)[1].replace(',', '')) >= before + 4 * SEEDS.length,
      'the map was recomputed with the new votes');
  } finally {
    await browser.close();
  }

  // JavaScript off: each vote is a form post answered with the next statement.
  const off = await launch({ javaScriptEnabled: false });
  try {
    const page = await off.context.newPage();
    await page.goto(`${server.base}/conversations/${slug}/vote`);
    await page.getByRole('button', { name: 'Agree', exact: true }).click();
    await page.waitForURL(/done=voted/);
    assert.match(await page.locator('main').innerText(), /Your vote has been saved/);
    assert.match(await page.locator('[data-live-progress]').innerText(), /^1 of 9$/);
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await page.waitForURL(/skipped=/);
    // axe-core needs JavaScript: the pages were checked above; here, one h1.
    assert.equal(await page.locator('h1').count(), 1);
  } finally {
    await off.browser.close();
  }
});
