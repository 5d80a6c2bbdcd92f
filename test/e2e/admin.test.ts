import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { defaultLimits } from '../../platform/config';
import { seedDemoAccounts } from '../../platform/users/demoAccounts';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { collectPageErrors, desktop, launchBrowser, snap } from './support/browser';

/** An admin manages accounts in the browser: invite, the invitee's first password, unlock, reset. */
let platform: TestPlatform;
let browser: Browser;
const limits = { ...defaultLimits, lockoutAttempts: 3, lockoutMs: 60 * 60_000 };

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    startTestPlatform('e2e-admin', { limits }),
    launchBrowser(),
  ]);
  await seedDemoAccounts(platform.db.connection);
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${platform.server.url}/signin`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The invitee (or a user with a reset link) opens it in their own browser and sets a password. */
async function setPasswordWithLink(url: string, username: string, password: string) {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  try {
    await page.goto(url);
    await page.getByText(`Choose the password of ${username}`).waitFor();
    await page.getByLabel('New password').fill(password);
    await page.getByLabel('Repeat it').fill(password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('Your password is set.').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // A used link does not work twice.
    await page.goto(url);
    await page.getByText(/used, has expired or was replaced/).waitFor();
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  } finally {
    await context.close();
  }
}

async function adminPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  onTestFailed(() => snap(page, 'failed-admin'));
  await signIn(page, 'admin', 'parley-admin');
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('heading', { name: 'Users' }).waitFor();
  return page;
}

const linkOf = (page: Page, username: string) =>
  page.getByLabel(`One-time link for ${username}`).inputValue();

describe('an admin in the browser', () => {
  it('invites a user, who sets their own password from the link and signs in', async () => {
    const page = await adminPage();
    const form = page.getByRole('form', { name: 'Invite a user' });
    await form.getByLabel('Username').fill('new-reviewer');
    await form.getByLabel('reviewer').check();
    await form.getByLabel('worker').uncheck();
    await form.getByRole('button', { name: 'Create and invite' }).click();
    const url = await linkOf(page, 'new-reviewer');
    expect(url).toMatch(/\/set-password#token=[A-Za-z0-9_-]{43}$/);
    const row = page.getByTestId('user-row-new-reviewer');
    await row.getByText('invited').waitFor();
    await snap(page, 'admin-1-invited');

    await setPasswordWithLink(url, 'new-reviewer', 'my very own passphrase');

    // A new search loads the list afresh: the account is no longer only invited.
    await page.getByLabel('Search', { exact: true }).fill('new-reviewer');
    await page.getByTestId('user-row-new-reviewer').getByText('active').waitFor();
    await page.context().close();
  });

  it('unlocks a locked account and sends a password-reset link', async () => {
    const user = await createTestUser(platform.db.connection, ['worker']);
    for (let i = 0; i < limits.lockoutAttempts; i++) {
      await new HttpClient(platform.server.url).post('/api/auth/login', {
        username: user.username,
        password: 'a wrong guess',
      });
    }
    const page = await adminPage();
    await page.getByLabel('Search', { exact: true }).fill(user.username);
    const row = page.getByTestId(`user-row-${user.username}`);
    await row.getByText('locked').waitFor();
    await row.getByLabel(`Reason for ${user.username}`).fill('called the help desk');
    await row.getByRole('button', { name: 'Unlock' }).click();
    await row.getByText('active').waitFor();
    await snap(page, 'admin-2-unlocked');
    await new HttpClient(platform.server.url).login(user.username, user.password);

    await row.getByLabel(`Reason for ${user.username}`).fill('forgot the password');
    await row.getByRole('button', { name: 'Reset password' }).click();
    const url = await linkOf(page, user.username);
    await snap(page, 'admin-3-reset-link');
    await setPasswordWithLink(url, user.username, 'a fresh new passphrase');
    const old = await new HttpClient(platform.server.url).post('/api/auth/login', {
      username: user.username,
      password: user.password,
    });
    expect(old.status).toBe(401);
    await page.context().close();
  });
});
