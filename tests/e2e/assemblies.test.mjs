// Events in a real browser: a place admin creates an event with one place through the form;
// Ada registers (confirmed, "Add to calendar"); Ben finds it full and joins the waiting list;
// Ada cancels; Ben sees the offer on his account page and accepts it. Every page visited has
// one h1, no axe-core WCAG 2.2 A/AA violations and no sideways scrolling at 320 px; Ben's part
// runs with JavaScript off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, createUser as makeUser, signIn as signInOn, checkPage } from './helpers.mjs';

const ADMIN = { name: 'Pia Place', email: 'pia@example.com', password: 'admin-strong-secret' };
const ADA = { name: 'Ada Resident', email: 'ada@example.com', password: 'tidal-lantern-mossy' };
const BEN = { name: 'Ben Resident', email: 'ben@example.com', password: 'tidal-lantern-mossy' };
let server, js, nojs;

const createUser = (who, roles = []) => makeUser(server, who, roles);
const signIn = async (context, who) => signInOn(await context.newPage(), server, who);
const check = (page, label) =>
  checkPage(page, label, { twin: page.context() === nojs?.context ? js.browser : undefined });

before(async () => {
  server = await startServer();
  createUser(ADMIN, ['place-admin']);
  createUser(ADA, []);
  createUser(BEN, []);
  js = await launch();
  nojs = await launch({ javaScriptEnabled: false });
  for (const b of [js, nojs]) b.context.setDefaultTimeout(15000);
});

after(async () => {
  await js?.browser.close();
  await nojs?.browser.close();
  await server?.stop();
});

test('the events list shows the example assembly and the past Essex assemblies', async () => {
  const page = await js.context.newPage();
  await page.goto(server.base + '/events');
  await check(page, 'events');
  assert.ok(await page.getByText('Example assembly: try registering').isVisible());
  await page.getByRole('link', { name: 'Past events', exact: true }).click();
  await page.getByRole('link', { name: /fourth Essex Assembly/ }).click();
  await check(page, 'fourth Essex Assembly');
  assert.ok(await page.getByText('Chelmsford Racecourse').first().isVisible());
  await page.close();
});

// It used to hang at its first check of a JavaScript-off page (Ben's waiting list):
// page.evaluate never returns when JavaScript is disabled, so check() now checks such pages in
// a JavaScript-enabled twin context with the same cookies.
test('register → full → waiting list → offer → accept', async () => {
  const pia = await signIn(js.context, ADMIN);
  await pia.goto(server.base + '/events/new');
  await check(pia, 'new event');
  await pia.getByRole('button', { name: 'Create event' }).click();  // empty: errors
  assert.ok(await pia.locator('.govuk-error-summary').isVisible());
  await check(pia, 'new event with errors');
  await pia.getByLabel('Title').fill('One place workshop');
  await pia.getByLabel('Day').first().fill('5');
  await pia.getByLabel('Month').first().fill('3');
  await pia.getByLabel('Year').first().fill('2030');
  await pia.getByLabel('Venue', { exact: true }).fill('County Hall, Chelmsford');
  await pia.getByLabel('Number of places').fill('1');
  await pia.getByRole('button', { name: 'Create event' }).click();
  await pia.waitForURL('**/events/one-place-workshop?done=created');
  await check(pia, 'event created');

  const adaContext = await js.browser.newContext();
  adaContext.setDefaultTimeout(15000);
  const ada = await signIn(adaContext, ADA);
  await ada.goto(server.base + '/events/one-place-workshop');
  await ada.getByRole('link', { name: 'Register' }).click();
  await check(ada, 'register form');
  await ada.getByLabel('Access needs').fill('Step-free access');
  await ada.getByRole('button', { name: 'Register' }).click();
  await ada.waitForURL('**?done=registered');
  await check(ada, 'registered');
  assert.ok(await ada.getByRole('link', { name: 'Add to calendar', exact: true }).isVisible());

  const ben = await signIn(nojs.context, BEN);  // JavaScript off from here
  await ben.goto(server.base + '/events/one-place-workshop');
  await ben.getByRole('link', { name: 'Join the waiting list' }).click();
  await ben.getByRole('button', { name: 'Register' }).click();
  await ben.waitForURL('**?done=waiting');
  await check(ben, 'waiting list');
  assert.ok(await ben.getByText('You are number 1').isVisible());

  await ada.getByRole('button', { name: 'Cancel your place' }).click();
  await ada.waitForURL('**?done=cancelled');

  await ben.goto(server.base + '/account');
  await check(ben, 'account with an offer');
  assert.ok(await ben.getByText('A place is free for you').isVisible());
  await ben.getByRole('button', { name: /Accept/ }).click();
  await ben.waitForURL('**?done=accepted');
  await check(ben, 'offer accepted');
  assert.ok(await ben.getByText('Place confirmed').isVisible());

  await pia.goto(server.base + '/events/one-place-workshop/attendees');
  await check(pia, 'attendees');
  assert.ok(await pia.getByText('Ben Resident').isVisible());
  await pia.goto(server.base + '/events/one-place-workshop/check-in');
  await check(pia, 'check-in');
  await pia.getByRole('button', { name: 'Check in Ben Resident' }).click();
  assert.ok(await pia.getByText('Ben Resident is checked in').isVisible());
  await adaContext.close();
});
