// Comments in a real browser, on a bundled pledge's page: a resident comments, another
// replies (from the reply page, no JavaScript needed), the first reports the reply, a
// moderator hides it from the queue with a reason (shown in place) and restores it. Every page
// has one h1, no axe-core WCAG 2.2 A/AA violations and no horizontal scrolling at 320 px; the
// comment and reply run again with JavaScript off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, axeViolations, root } from './helpers.mjs';

const RITA = { name: 'Rita Resident', email: 'rita@example.com', password: 'tidal-lantern-mossy' };
const OLLY = { name: 'Olly Other', email: 'olly@example.com', password: 'copper-meadow-fjord' };
const MIA = { name: 'Mia Moderator', email: 'mia@example.com', password: 'velvet-harbour-quill', role: 'moderator' };
let server, js, nojs;

async function check(page, label) {
  assert.equal(await page.locator('h1').count(), 1, `${label}: one h1`);
  assert.deepEqual(await axeViolations(page), [], `${label}: axe violations`);
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `${label}: ${width}px wide at 320px`);
  await page.setViewportSize({ width: 1024, height: 768 });
}

async function signIn(context, who) {
  const page = await context.newPage();
  await page.goto(server.base + '/sign-in');
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/account');
  return page;
}

async function commentAndReply(browser, pledge, words, { audit }) {
  const rita = await signIn(await browser.browser.newContext({ javaScriptEnabled: browser.js }), RITA);
  await rita.goto(server.base + pledge);
  await rita.getByLabel('Add a comment').fill(`**${words}** matter here`);
  await rita.getByRole('button', { name: 'Post comment' }).click();
  await rita.waitForURL(/comment=posted/);
  const main = await rita.locator('#comments').innerText();
  assert.match(main, /Your comment has been posted/);
  assert.equal(await rita.locator('#comments strong', { hasText: words }).count(), 1, 'Markdown rendered');
  if (audit) await check(rita, 'comment posted');

  const olly = await signIn(await browser.browser.newContext({ javaScriptEnabled: browser.js }), OLLY);
  await olly.goto(server.base + pledge);
  await olly.getByRole('link', { name: 'Reply to Rita Resident' }).first().click();
  await olly.waitForURL(/\/comments\/new\?parent_id=\d+/);
  if (audit) await check(olly, 'reply form');
  await olly.getByRole('button', { name: 'Post reply' }).click();
  assert.equal(await olly.locator('.govuk-error-summary a[href="#body"]').count(), 1, 'empty reply refused');
  if (audit) await check(olly, 'reply form with errors');
  await olly.getByLabel('Your comment').fill(`Agreed about ${words}`);
  await olly.getByRole('button', { name: 'Post reply' }).click();
  await olly.waitForURL(/comment=posted/);
  assert.match(await olly.locator('#comments').innerText(), new RegExp(`Agreed about ${words}`));
  return { rita, olly };
}

before(async () => {
  server = await startServer();
  const bin = join(root, process.env.GOLDTHREAD_BIN || 'build/release/goldthread');
  for (const who of [RITA, OLLY, MIA]) {
    const args = ['user', 'create', '--email', who.email, '--name', who.name, '--password-stdin'];
    if (who.role) args.push('--role', who.role);
    execFileSync(bin, args, { cwd: root, input: who.password + '\n',
      env: { ...process.env, DATABASE_URL: `sqlite:${join(server.dir, 'e2e.db')}` } });
  }
  js = await launch();
  js.js = true;
  nojs = await launch({ javaScriptEnabled: false });
  nojs.js = false;
});
after(async () => { await js?.browser.close(); await nojs?.browser.close(); await server?.stop(); });

test('comment, reply, report, moderate: hide with a reason, restore', async () => {
  const { rita } = await commentAndReply(js, '/pledges/1', 'Buses', { audit: true });
  await rita.goto(server.base + '/pledges/1');
  await rita.getByRole('link', { name: 'Report this comment by Olly Other' }).click();
  await rita.waitForURL(/\/comments\/\d+\/report$/);
  await check(rita, 'report form');
  await rita.getByLabel('Why should a moderator look at this comment?').fill('Off topic and rude');
  await rita.getByRole('button', { name: 'Send report' }).click();
  await rita.waitForURL(/comment=reported/);
  assert.match(await rita.locator('#comments').innerText(), /a moderator will look at the comment/);

  const mia = await signIn(js.context, MIA);
  await mia.goto(server.base + '/moderation/comments');
  await check(mia, 'moderation queue');
  assert.match(await mia.locator('main').innerText(), /Off topic and rude/);
  await mia.getByLabel('Reason for hiding (shown in place of the comment)').fill('Breaks the house rules');
  await mia.getByRole('button', { name: 'Hide the comment by Olly Other' }).click();
  await mia.waitForURL(/done=hidden/);
  await check(mia, 'moderation after hiding');
  await rita.goto(server.base + '/pledges/1');
  assert.match(await rita.locator('#comments').innerText(),
    /This comment was hidden by a moderator: Breaks the house rules/);
  assert.doesNotMatch(await rita.locator('#comments').innerText(), /Agreed about Buses/);
  await check(rita, 'pledge with a hidden comment');

  await mia.goto(server.base + '/moderation/comments');
  await mia.getByRole('button', { name: 'Restore the comment by Olly Other' }).click();
  await mia.waitForURL(/done=restored/);
  await rita.goto(server.base + '/pledges/1');
  assert.match(await rita.locator('#comments').innerText(), /Agreed about Buses/);
});

test('with JavaScript off: comment and reply', async () => {
  await commentAndReply(nojs, '/pledges/2', 'Libraries', { audit: false });
});
