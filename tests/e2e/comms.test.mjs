// Communications in a real browser with a real SMTP server (scripts/smtp_sink.py) receiving the
// mail: subscribe → confirm from the mail it received → an issue arrives → unsubscribe in one
// click (RFC 8058, as a mail client does it); follow a pledge → a progress update → a
// notification with the count in the header → the daily digest by mail. Every page visited
// has one h1, no axe-core WCAG 2.2 A/AA violations and no sideways scrolling at 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { startServer, launch, root, signIn as signInOn, checkPage } from './helpers.mjs';

const ADMIN = { name: 'Pia Place', email: 'pia@example.com', password: 'admin-strong-secret' };
const RAE = { name: 'Rae Resident', email: 'rae@example.com', password: 'tidal-lantern-mossy' };
const SUBSCRIBER = 'sam@example.com';
const bin = join(root, process.env.GOLDTHREAD_BIN || 'build/release/goldthread');
let server, browser, sink, mailDir;

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function run(args, input) {
  return execFileSync(bin, args, { cwd: root, input,
    env: { ...process.env, DATABASE_URL: `sqlite:${join(server.dir, 'e2e.db')}`, GOLDTHREAD_BASE_URL: server.base } })
    .toString();
}

// Messages the SMTP server received for `to`, parsed: headers (unfolded) and the decoded text.
function received(to) {
  return readdirSync(mailDir).filter((n) => n.endsWith(`-${to}.eml`) && !n.startsWith('.')).sort().map((n) => {
    const raw = readFileSync(join(mailDir, n), 'utf8');
    const [head, ...rest] = raw.split('\r\n\r\n');
    const headers = {};
    for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
      const at = line.indexOf(':');
      headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
    }
    let body = rest.join('\r\n\r\n');
    if (/quoted-printable/i.test(raw)) {
      body = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
    }
    return { headers, body };
  });
}

async function mailFor(to, subject, timeout = 15000) {
  const until = Date.now() + timeout;
  for (;;) {
    const m = received(to).find((x) => (x.headers.subject || '').includes(subject));
    if (m) return m;
    if (Date.now() > until) throw new Error(`no mail "${subject}" for ${to}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const signIn = async (context, who) => signInOn(await context.newPage(), server, who);
const check = (page, label) => checkPage(page, label);

before(async () => {
  mailDir = mkdtempSync(join(tmpdir(), 'goldthread-e2e-mail-'));
  const smtpPort = await freePort();
  sink = spawn('/usr/bin/python3', [join(root, 'scripts/smtp_sink.py'), '--port', String(smtpPort), '--dir', mailDir],
    { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((r) => { const s = net.connect(smtpPort, '127.0.0.1', () => { s.end(); r(true); }); s.on('error', () => r(false)); });
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  server = await startServer({ GOLDTHREAD_SMTP_HOST: '127.0.0.1', GOLDTHREAD_SMTP_PORT: String(smtpPort),
    GOLDTHREAD_SMTP_SECURITY: 'none', GOLDTHREAD_MAIL_FROM: 'news@essex.example' });
  run(['user', 'create', '--role', 'place-admin', '--email', ADMIN.email, '--name', ADMIN.name, '--password-stdin'],
    ADMIN.password + '\n');
  run(['user', 'create', '--email', RAE.email, '--name', RAE.name, '--password-stdin'], RAE.password + '\n');
  ({ browser } = await launch());
});

after(async () => {
  await browser?.close();
  await server?.stop();
  sink?.kill('SIGTERM');
});

test('subscribe → confirm from the mail → an issue arrives → one-click unsubscribe', async () => {
  const context = await browser.newContext();
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  await page.goto(server.base + '/newsletter');
  await check(page, 'subscribe');
  await page.getByRole('button', { name: 'Subscribe' }).click();  // empty: an error
  await check(page, 'subscribe with an error');
  assert.ok(await page.locator('.govuk-error-summary').isVisible());
  await page.getByLabel('Email address').fill(SUBSCRIBER);
  await page.locator('input[name="interests"]').first().check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.waitForURL('**/newsletter/check-email');
  await check(page, 'check your email');

  const confirm = await mailFor(SUBSCRIBER, 'Confirm your subscription');
  const link = confirm.body.match(/https?:\/\/\S+\/newsletter\/confirm\?token=[0-9a-f]+/)[0];
  await page.goto(link);
  await check(page, 'confirm');
  await page.getByRole('button', { name: 'Confirm my subscription' }).click();
  await check(page, 'confirmed');
  assert.ok(await page.getByText('You are subscribed').isVisible());

  const pia = await signIn(await browser.newContext(), ADMIN);
  await pia.goto(server.base + '/admin/newsletter');
  await check(pia, 'admin newsletter');
  await pia.getByLabel('Subject').fill('December news');
  await pia.getByLabel("The issue's text").fill('The **assembly** meets in January.');
  await pia.getByRole('button', { name: 'Save and preview' }).click();
  await check(pia, 'preview');
  assert.ok(await pia.locator('.gt-preview strong', { hasText: 'assembly' }).isVisible());
  await pia.getByRole('button', { name: 'Send me a test' }).click();
  await mailFor(ADMIN.email, '[Test] December news');
  await pia.getByRole('button', { name: 'Send the issue' }).click();
  await check(pia, 'sending');
  assert.ok(await pia.locator('#progress').isVisible());

  const issue = await mailFor(SUBSCRIBER, 'December news');
  assert.equal(issue.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
  const unsub = issue.headers['list-unsubscribe'].replace(/^<|>$/g, '');
  assert.ok(issue.body.includes(unsub), 'the unsubscribe link is in the issue too');
  // The mail client's one click: a POST with no cookie and no form token.
  const r = await fetch(unsub, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click', redirect: 'manual' });
  assert.equal(r.status, 200);
  await page.goto(server.base + '/newsletter/issues');
  await check(page, 'archive');
  await page.getByRole('link', { name: 'December news' }).click();
  await check(page, 'archived issue');
  const status = run(['comms', 'progress', '1']);
  assert.match(status, /Issue 1 \(sent\): queued 1 of 1; \d+ of 1 sent/);
  await context.close();
});

test('follow a pledge and an initiative → updates → notifications → the daily digest', async () => {
  const context = await browser.newContext();
  context.setDefaultTimeout(15000);
  const rae = await signIn(context, RAE);
  await rae.goto(server.base + '/follow?type=pledge&id=1');
  await check(rae, 'follow');
  await rae.getByRole('button', { name: 'Follow' }).click();
  await rae.waitForURL('**/pledges/1?followed=1');
  // And an initiative, from its own page (issue 16.7).
  await rae.goto(server.base + '/initiatives/essex-prevents');
  await rae.getByRole('button', { name: 'Follow this initiative' }).click();
  await rae.waitForURL('**/initiatives/essex-prevents**');
  assert.ok(await rae.getByRole('button', { name: 'Stop following' }).isVisible());

  const pia = await signIn(await browser.newContext(), ADMIN);
  await pia.goto(server.base + '/pledges/1/progress');
  await pia.locator('input[value="limited"]').check({ force: true });
  await pia.getByLabel('What has happened since the last update?').fill('Two youth panels have met.');
  await pia.getByRole('button', { name: 'Save update' }).click();
  await pia.goto(server.base + '/initiatives/essex-prevents/edit');
  await pia.getByLabel('Summary', { exact: true }).fill('Preventing harm together, now with a winter plan.');
  await pia.getByRole('button', { name: 'Save changes' }).click();
  await pia.waitForURL('**/initiatives/essex-prevents**');

  await rae.goto(server.base + '/happening');
  await check(rae, 'what is happening');
  assert.match(await rae.locator('.gt-count').first().innerText(), /^2\b/, 'the unread count in the header');
  await rae.goto(server.base + '/notifications');
  await check(rae, 'notifications');
  assert.ok(await rae.getByRole('link', { name: /Progress update/ }).first().isVisible());
  assert.ok(await rae.getByRole('link', { name: /Initiative updated: / }).first().isVisible());
  await rae.goto(server.base + '/account/notifications');
  await check(rae, 'notification settings');

  const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  assert.match(run(['comms', 'digest', 'daily', '--today', tomorrow]), /1 message queued/);
  assert.match(run(['comms', 'digest', 'daily', '--today', tomorrow]), /0 messages queued/);
  const digest = await mailFor(RAE.email, 'Your daily digest');
  assert.ok(digest.body.includes('/pledges/1'));
  assert.ok(digest.headers['list-unsubscribe'].includes('kind=daily'));
  assert.ok(digest.body.includes('&kind=pledge-update'), 'each kind in the digest stops in one click');
  assert.ok(digest.body.includes('/initiatives/essex-prevents'), 'the change to the initiative is in the digest');
  assert.ok(digest.body.includes('&kind=initiative-updated'));
  await context.close();
});
