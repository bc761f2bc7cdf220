// Solution rooms in a real browser: a place admin opens the Essex Leads room of the fourth
// Essex Assembly, records an agreed next step, adds a progress update, and at the next
// assembly finds it carried forward, with the pledges made at the fourth assembly, and marks
// them reviewed; a resident gives advice in the example room and makes a pledge from the
// event page and one from the room with JavaScript off; with JavaScript, a second page on that room shows new
// advice without a reload (the live board). Every page visited has one h1, no axe-core WCAG 2.2 A/AA
// violations and no sideways scrolling at 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, createUser as makeUser, signIn as signInOn, checkPage } from './helpers.mjs';

const ADMIN = { name: 'Pia Place', email: 'pia@example.com', password: 'admin-strong-secret' };
const ADA = { name: 'Ada Resident', email: 'ada@example.com', password: 'tidal-lantern-mossy' };
let server, js, nojs;

const createUser = (who, roles = []) => makeUser(server, who, roles);
const signIn = async (context, who) => signInOn(await context.newPage(), server, who);
const check = (page, label) =>
  checkPage(page, label, { twin: page.context() === nojs?.context ? js.browser : undefined });

before(async () => {
  server = await startServer();
  createUser(ADMIN, ['place-admin']);
  createUser(ADA, []);
  js = await launch();
  nojs = await launch({ javaScriptEnabled: false });
  for (const b of [js, nojs]) b.context.setDefaultTimeout(15000);
});

after(async () => {
  await js?.browser.close();
  await nojs?.browser.close();
  await server?.stop();
});


// Fills the pledge form as a resident (one ambition, due 1 September 2099) and submits it.
async function makeResidentPledge(page, text) {
  await page.getByLabel('As a resident').check();
  await page.getByLabel('Your pledge').fill(text);
  await page.getByLabel('Share prosperity with everyone').check();
  await page.getByLabel('Day', { exact: true }).fill('1');
  await page.getByLabel('Month', { exact: true }).fill('9');
  await page.getByLabel('Year', { exact: true }).fill('2099');
  await page.getByRole('button', { name: 'Make pledge' }).click();
  await page.waitForURL(/\/pledges\/\d+\?saved=created$/);
}
test('solution room → next step → progress → reviewed at the next assembly', async () => {
  const pia = await signIn(js.context, ADMIN);
  await pia.goto(server.base + '/events/essex-assembly-2018-09-04');
  await pia.getByRole('link', { name: /^Essex Leads/ }).click();
  await check(pia, 'solution room');
  await pia.getByRole('button', { name: 'Record the next step' }).click();  // empty: errors
  assert.ok(await pia.locator('.govuk-error-summary').isVisible());
  await check(pia, 'next step with errors');
  await pia.getByLabel('Next step', { exact: true }).fill('Map the physical activity offers in Jaywick');
  await pia.getByLabel("Owner's name, if not signed up here").fill('Owen Owner');
  await pia.getByRole('button', { name: 'Record the next step' }).click();
  await pia.waitForURL('**done=next-step**');
  await check(pia, 'next step recorded');
  await pia.getByLabel(/^Status/).selectOption('in-progress');
  await pia.getByLabel('What has happened since the last update?').fill('Met the leisure trust');
  await pia.getByRole('button', { name: /^Add a progress update/ }).click();
  await pia.waitForURL('**done=progress**');
  assert.ok(await pia.getByText('Met the leisure trust').isVisible());

  await pia.goto(server.base + '/events/essex-assembly-2019-03-05');
  await check(pia, 'next assembly with carried-forward steps');
  assert.ok(await pia.getByRole('heading', { name: /Carried forward/ }).isVisible());
  await pia.locator('.govuk-summary-card', { hasText: 'Map the physical activity offers in Jaywick' })
    .getByRole('button', { name: /^Mark reviewed/ }).click();
  await pia.waitForURL('**done=reviewed**');
  assert.ok(await pia.getByText(/^Reviewed/).isVisible());
  // The pledges made at the fourth assembly are carried forward too, marked stale (issue 11.7).
  const police = pia.locator('.govuk-summary-card', { hasText: 'Connect CSPs' });
  assert.match(await police.innerText(), /Pledge[\s\S]*Overdue for an update/);
  await police.getByRole('button', { name: /^Mark reviewed/ }).click();
  await pia.waitForURL('**done=reviewed**');
  assert.equal(await pia.getByText(/^Reviewed/).count(), 2);
  await pia.close();
});

test('a pledge made from the event page, with JavaScript off, is linked to the event and carried forward', async () => {
  const ada = await signIn(nojs.context, ADA);
  await ada.goto(server.base + '/events/essex-assembly-2018-09-04');
  assert.match(await ada.locator('#pledges').innerText(), /Pledges made at this event/);
  await ada.getByRole('link', { name: 'Make a pledge at this event' }).click();
  await ada.waitForURL('**/pledges/new?event=essex-assembly-2018-09-04');
  await check(ada, 'pledge form from an event');
  const offer = ada.getByLabel(/^I am making this pledge at The fourth Essex Assembly/);
  assert.equal(await offer.isChecked(), true, 'the event is offered, ticked');
  await makeResidentPledge(ada, 'Walk to school with my neighbours');
  const href = new URL(ada.url()).pathname;
  await ada.getByRole('link', { name: /^The fourth Essex Assembly/ }).click();  // "Made … at <event>"
  await ada.waitForURL('**/events/essex-assembly-2018-09-04');
  assert.equal(await ada.locator(`#pledges ~ ul a[href="${href}"]`).count(), 1, 'the event lists the pledge');
  await ada.goto(server.base + '/pledges?event=essex-assembly-2018-09-04');
  assert.match(await ada.locator('main').innerText(), /5 pledges/);
  await ada.goto(server.base + '/events/essex-assembly-2019-03-05');
  await check(ada, 'next assembly, signed in as a resident');
  assert.equal(await ada.locator(`#carried-forward ~ .govuk-summary-card a[href="${href}"]`).count(), 1,
    'carried forward to the next assembly');
  assert.equal(await ada.getByRole('button', { name: /^Mark reviewed/ }).count(), 0, 'only organisers mark reviewed');
  await ada.getByRole('button', { name: 'Sign out', exact: true }).click();  // the next test signs in again
  await ada.waitForURL(server.base + '/');
  await ada.close();
});

test('advice in the example room with JavaScript off', async () => {
  const ada = await signIn(nojs.context, ADA);
  await ada.goto(server.base + '/events/example-assembly/rooms/example-room');
  await ada.getByRole('button', { name: 'Sign up to this room' }).click();
  await ada.waitForURL('**done=signed-up');
  await ada.getByLabel('Your advice').fill('Ask the colleges who already track leavers');
  await ada.getByRole('button', { name: 'Post advice' }).click();
  await ada.waitForURL('**done=advice');
  await check(ada, 'advice posted');
  assert.ok(await ada.getByText('Ask the colleges who already track leavers').isVisible());
  // A pledge made from the room names it and is listed in the room (issue 11.5).
  await ada.getByRole('link', { name: 'Make a pledge from this room' }).click();
  await ada.waitForURL('**/pledges/new?event=example-assembly&room=example-room');
  await check(ada, 'pledge form from a room');
  const chosen = (await ada.locator('#room_id option[selected]').textContent()).trim();  // no evaluate: JS is off
  assert.ok(chosen.length > 0, 'the room is chosen');
  await makeResidentPledge(ada, 'Share the leavers list with the youth service');
  const href = new URL(ada.url()).pathname;
  await ada.getByRole('link', { name: chosen, exact: true }).click();  // the pledge's "Solution room" row
  await ada.waitForURL('**/events/example-assembly/rooms/example-room');
  assert.equal(await ada.locator(`#live-board a[href="${href}"]`).count(), 1, 'the room lists the pledge');
  await ada.close();
});

test('the live board: advice posted on one page appears on another without a reload', async () => {
  const room = server.base + '/events/example-assembly/rooms/example-room';
  const watching = await js.browser.newContext();
  const watcher = await signInOn(await watching.newPage(), server, ADMIN);
  const listening = watcher.waitForResponse((r) => r.url().endsWith('/example-room/live'));
  await watcher.goto(room);
  assert.equal((await listening).status(), 200);
  const context = await js.browser.newContext();
  const poster = await signInOn(await context.newPage(), server, ADA);
  await poster.goto(room);
  await poster.getByLabel('Your advice').fill('Bring the bus timetable changes to the room');
  await poster.getByRole('button', { name: 'Post advice' }).click();
  await poster.waitForURL('**done=advice');
  const advice = watcher.locator('#live-board').getByText('Bring the bus timetable changes to the room');
  await advice.waitFor({ timeout: 5000 });
  await watcher.locator('[data-live-status]', { hasText: 'Advice updated' }).waitFor({ state: 'attached' });
  assert.ok(!watcher.url().includes('done='), 'the watching page was not reloaded');
  await check(watcher, 'room updated live');
  await watching.close();
  await context.close();
});
