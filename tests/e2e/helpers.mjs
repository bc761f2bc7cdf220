// Shared helpers for the browser tests: start the real server on a free port with a fresh
// SQLite database, launch Debian's Chromium through playwright-core, run axe-core.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

// options.polis: Pol.is export folders to import before the server starts.
export async function startServer(extraEnv = {}, options = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'goldthread-e2e-'));
  const bin = join(root, process.env.GOLDTHREAD_BIN || 'build/release/goldthread');
  const dbEnv = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'e2e.db')}`, GOLDTHREAD_LOG_LEVEL: 'warn' };
  for (const folder of options.polis || []) {
    execFileSync(bin, ['import', 'polis', join(root, folder)], { cwd: root, env: dbEnv, stdio: 'pipe' });
  }
  const proc = spawn(bin, ['serve', '--listen', `127.0.0.1:${port}`, '--threads', '1'], {
    cwd: root,
    // Links in mail point at this server.
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'e2e.db')}`, GOLDTHREAD_LOG_LEVEL: 'warn',
      GOLDTHREAD_BASE_URL: `http://127.0.0.1:${port}`, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { const r = await fetch(`${base}/healthz`); if (r.ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
    if (i === 99) throw new Error(`server did not start:\n${log}`);
  }
  return { base, proc, dir, log: () => log, stop: () => new Promise((r) => { proc.on('exit', r); proc.kill('SIGTERM'); }) };
}

export async function launch({ javaScriptEnabled = true } = {}) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ javaScriptEnabled });
  return { browser, context };
}

export async function axeViolations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

// The goldthread command line against `server`'s database (for example `user create`).
export function cli(server, args, input, env = {}) {
  const bin = join(root, process.env.GOLDTHREAD_BIN || 'build/release/goldthread');
  return execFileSync(bin, args, { cwd: root, input,
    env: { ...process.env, DATABASE_URL: `sqlite:${join(server.dir, 'e2e.db')}`, GOLDTHREAD_BASE_URL: server.base,
      ...env } }).toString();
}

// An account made on the command line: who = { name, email, password }, roles e.g. ['place-admin'].
export function createUser(server, who, roles = []) {
  cli(server, ['user', 'create', ...roles.flatMap((r) => ['--role', r]), '--email', who.email, '--name', who.name,
    '--password-stdin'], who.password + '\n');
}

// Signs `who` in on `page` through the sign-in form; resolves on their account page.
export async function signIn(page, server, who) {
  await page.goto(server.base + '/sign-in');
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/account');
  return page;
}

// No sideways scrolling at 320 px (WCAG 1.4.10), then back to 1024 px.
export async function fits320(page, label) {
  await page.setViewportSize({ width: 320, height: 640 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > 320) throw new Error(`${label}: ${wide}px wide at 320px`);
  await page.setViewportSize({ width: 1024, height: 768 });
}

// What every page visited must hold: one h1, no axe-core WCAG 2.2 A/AA violation and (unless
// reflow is false) no sideways scrolling at 320 px. With JavaScript off page.evaluate (and so
// axe-core) never returns: pass `twin` (a JavaScript-enabled browser) and the same page is
// checked there with the same session.
export async function checkPage(page, label, { reflow = true, twin } = {}) {
  const h1s = await page.locator('h1').count();
  if (h1s !== 1) throw new Error(`${label}: ${h1s} h1 elements, not one`);
  if (twin) {
    const context = await twin.newContext();
    await context.addCookies(await page.context().cookies());
    const copy = await context.newPage();
    await copy.goto(page.url());
    await checkPage(copy, `${label} (checked with JavaScript on)`, { reflow });
    await context.close();
    return;
  }
  const violations = await axeViolations(page);
  if (violations.length) throw new Error(`${label}: axe violations:\n${violations.join('\n')}`);
  if (reflow) await fits320(page, label);
}
