// Shared by the end-to-end tests: Debian's Chromium driven by playwright-core (no browser
// download), the service's address, and screenshots into docs/console/.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const BASE = process.env.FUGONG_URL || 'http://127.0.0.1:8080';
const here = path.dirname(fileURLToPath(import.meta.url));
export const SHOTS = process.env.FUGONG_SCREENSHOTS || path.join(here, '..', '..', 'docs', 'console');
mkdirSync(SHOTS, { recursive: true });

export async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export const DESKTOP = { viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

export async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Errors the page logged (a CSP violation, a failed import): a page with any is broken. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  return errors;
}

export async function json(pathname, options = {}) {
  const answer = await fetch(`${BASE}${pathname}`, {
    ...options,
    headers: { 'Content-Type': 'application/json', ...(options.headers || {}) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!answer.ok) throw new Error(`${pathname}: ${answer.status} ${await answer.text()}`);
  return answer.status === 204 ? null : answer.json();
}

/** A mini-program sign-in through the WeChat fake: what the mobile page does. */
export async function miniProgramToken(openid) {
  const { code } = await json('/__fake/wechat/login-codes', { method: 'POST', body: { openid } });
  return (await json('/api/v1/auth/wechat/login', { method: 'POST', body: { code } })).accessToken;
}

/**
 * Signs the console page in by QR code, confirmed by the mobile page on a phone-sized
 * window (as a person would with the mini-program). Returns both pages.
 */
/** The browser contexts a test opened: closed after it (their streams with them). */
export const contexts = [];

export async function newPage(browserInstance, options) {
  const context = await browserInstance.newContext(options);
  contexts.push(context);
  return context.newPage();
}

export async function signInByQr(browserInstance, openid, { screenshots = false } = {}) {
  const desk = await newPage(browserInstance, DESKTOP);
  const deskErrors = watchErrors(desk);
  await desk.goto(`${BASE}/console/login.html`);
  await desk.waitForFunction(() => document.body.dataset.qrContent);
  await desk.locator('#qr').evaluate((img) => img.complete || new Promise((r) => { img.onload = r; }));
  if (screenshots) await shot(desk, '01-login');
  const qrContent = await desk.evaluate(() => document.body.dataset.qrContent);

  const phone = await newPage(browserInstance, PHONE);
  const phoneErrors = watchErrors(phone);
  await phone.goto(`${BASE}/m/`);
  await phone.getByLabel('微信用户（openid）').fill(openid);
  await phone.getByRole('button', { name: '登录' }).click();
  await phone.getByLabel('或粘贴二维码内容').fill(qrContent);
  await phone.getByRole('button', { name: '提交' }).click();
  await phone.getByText('确认登录管理平台').waitFor();
  await desk.getByText('已扫码，请在手机上确认登录').waitFor();
  if (screenshots) await shot(phone, '02-mobile-confirm-login');
  await phone.getByRole('button', { name: '确认登录' }).click();
  // The console's URL, then its shell: not the load event, which a busy machine delays
  // past any timeout while the page already works.
  await desk.waitForURL(`${BASE}/console/`, { waitUntil: 'commit' });
  await desk.locator('.topbar, .picker').first().waitFor({ timeout: 60_000 });
  return { desk, phone, deskErrors, phoneErrors };
}
