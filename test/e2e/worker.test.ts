import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { annotationModel } from '../../platform/annotation/annotationModel';
import { seedDemoTasks } from '../../platform/tasks/demoTasks';
import { signParticipant } from '../../platform/studies/studyService';
import { demoStudy, demoStudyPath, seedDemoAccounts } from '../../platform/users/demoAccounts';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { collectPageErrors, desktop, launchBrowser, phone, snap } from './support/browser';

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startTestPlatform('e2e-worker'), launchBrowser()]);
  await seedDemoAccounts(platform.db.connection);
  await seedDemoTasks(platform.db.connection, { count: 4, redundancy: 1 });
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

/** Plays Bob until the outcome: ASTRA's suggestion first, then agree to Alice's next offer. */
async function negotiateToDeal(page: Page): Promise<{ usedAstra: boolean }> {
  let usedAstra = false;
  for (let move = 0; move < 12; move++) {
    const outcome = page.getByTestId('outcome');
    const selection = page.getByRole('region', { name: 'Final selection' });
    const composer = page.getByRole('region', { name: 'Your move' });
    await outcome.or(selection).or(composer).first().waitFor();
    if (await outcome.isVisible()) {
      return { usedAstra };
    }
    if (await selection.isVisible()) {
      await selection.getByRole('button', { name: 'Confirm my share' }).click();
      await outcome.waitFor();
      return { usedAstra };
    }
    const lastTurn = page.getByTestId('turn').last();
    const aliceAgreed = /accept your offer/.test((await lastTurn.textContent()) ?? '');
    if (aliceAgreed) {
      await composer.getByRole('button', { name: 'End negotiation' }).click();
    } else if (!usedAstra) {
      const astra = page.getByRole('region', { name: 'ASTRA suggestion' });
      await astra.getByRole('button', { name: 'Suggest a move' }).click();
      await astra.getByTestId('astra-suggestion').waitFor();
      await snap(page, 'worker-4-task-astra');
      const use = astra.getByRole('button', { name: /Use this offer|Do this/ });
      usedAstra = true;
      await use.click();
    } else if (await composer.getByRole('button', { name: /Agree to Alice/ }).isEnabled()) {
      await composer.getByRole('button', { name: /Agree to Alice/ }).click();
    } else {
      await composer.getByRole('button', { name: 'End negotiation' }).click();
    }
    // Wait for the act to be acknowledged and Alice's reply (or the selection) to arrive.
    const turns = await page.getByTestId('turn').count();
    await expect
      .poll(
        async () =>
          (await page.getByTestId('turn').count()) > turns + 1 ||
          (await selection.isVisible()) ||
          (await outcome.isVisible()),
      )
      .toBe(true);
  }
  throw new Error('no outcome after 12 moves');
}

/** Onboarding and the practice dialogue, up to the task stream. */
async function onboard(page: Page, snapshots: boolean): Promise<void> {
  await page.getByRole('heading', { name: 'How the negotiation works' }).waitFor();
  if (snapshots) {
    await snap(page, 'worker-1-onboarding');
  }
  await page.getByRole('button', { name: 'Next: what you can say' }).click();
  await page.getByRole('button', { name: 'Next: a practice dialogue' }).click();

  // Practice: Alice (scripted, in the browser) opens; the worker agrees; the talk ends.
  await page.getByTestId('pending-offer').waitFor();
  if (snapshots) {
    await snap(page, 'worker-2-practice');
  }
  await page.getByRole('button', { name: /Agree to Alice/ }).click();
  await page.getByRole('region', { name: 'Final selection' }).waitFor();
  await page.getByRole('button', { name: 'Confirm my share' }).click();
  await expect(page.getByTestId('outcome').textContent()).resolves.toContain('Practice done');
  await page.getByRole('button', { name: 'Start annotating' }).click();
}

describe('a crowd worker in the browser', () => {
  it('enters by study link, practises, negotiates a deal with ASTRA and gets the completion code', async () => {
    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    onTestFailed(() => snap(page, 'failed-worker'));

    // Prolific's link form, signed for this participant (docs/studies.md).
    const pid = 'e2e-worker-1';
    const query = new URLSearchParams({
      PROLIFIC_PID: pid,
      STUDY_ID: 'prolific-study-1',
      SESSION_ID: 'session-1',
      sig: signParticipant(demoStudy.secret, pid),
    });
    await page.goto(`${platform.server.url}/study/${demoStudy._id}?${query.toString()}`);
    await onboard(page, true);
    await page.getByRole('button', { name: 'Start a task' }).click();
    await page.getByRole('region', { name: 'Dialogue' }).waitFor();
    await snap(page, 'worker-3-task');
    // Only the worker's values are on screen, and the dialogue so far reads as sentences.
    const said = await page.getByTestId('turn').allTextContents();
    expect(said.length).toBeGreaterThan(0);
    for (const line of said) {
      expect(line).toMatch(/^(Alice|You).+[.?]$/);
      expect(line).not.toMatch(/propose\(|insist\(/);
    }

    const { usedAstra } = await negotiateToDeal(page);
    expect(usedAstra).toBe(true);
    expect(await page.getByTestId('outcome').getByRole('heading').textContent()).toBe('Deal!');
    await page.getByTestId('completion-code').waitFor();
    expect(await page.getByTestId('completion-code').textContent()).toBe(demoStudy.completionCode);
    await snap(page, 'worker-5-outcome');

    // The server recorded the annotation, and that the worker asked ASTRA.
    const annotations = await annotationModel(platform.db.connection).find({}).lean();
    const done = annotations.filter((a) => a.status === 'completed');
    expect(done).toHaveLength(1);
    expect((done[0] as { suggestions: unknown[] }).suggestions.length).toBeGreaterThan(0);

    // The demo study asks one task of each participant: Prolific's completion link, no more tasks.
    expect(await page.getByTestId('completion-link').getAttribute('href')).toBe(
      `https://app.prolific.com/submissions/complete?cc=${demoStudy.completionCode}`,
    );
    expect(await page.getByRole('button', { name: 'Next task' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a forged study link with a clear message, and resumes a task at phone width', async () => {
    const context = await browser.newContext({ viewport: phone });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    onTestFailed(() => snap(page, 'failed-worker-phone'));
    await page.goto(
      `${platform.server.url}/study/${demoStudy._id}?participant=forger&sig=${'0'.repeat(64)}`,
    );
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/not valid/);
    await snap(page, 'worker-forged-link-phone');

    await page.goto(`${platform.server.url}${demoStudyPath('e2e-worker-2')}`);
    await onboard(page, false);
    await page.getByRole('button', { name: 'Start a task' }).click();
    await page.getByRole('region', { name: 'Your move' }).waitFor();
    await snap(page, 'worker-6-task-phone');

    // The server drops the connection: a banner says so, then the task resumes by itself.
    const before = await page.getByTestId('turn').allTextContents();
    platform.server.io.of('/annotate').disconnectSockets();
    await page.getByTestId('reconnect-banner').waitFor();
    await snap(page, 'worker-7-reconnecting-phone');
    await page.getByTestId('reconnect-banner').waitFor({ state: 'detached' });
    expect(await page.getByTestId('turn').allTextContents()).toEqual(before);

    // Reload mid-task: the same task comes back (task:resume), with the same dialogue.
    await page.reload();
    await page.getByRole('region', { name: 'Your move' }).waitFor();
    expect(await page.getByTestId('turn').allTextContents()).toEqual(before);

    // The forged link's refusal is the one failed request the browser logs.
    expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
    await context.close();
  });

  it('signs a demo worker in with a password and refuses a wrong one with a clear message', async () => {
    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    await page.goto(`${platform.server.url}/annotate`);
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Username').fill('worker');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/do not match/);
    await snap(page, 'signin-error');
    await page.getByLabel('Password').fill('parley-worker');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'How the negotiation works' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/annotate');
    // A worker has no way into the researchers' pages.
    expect(await page.getByRole('navigation', { name: 'Main' }).textContent()).not.toContain(
      'Rounds',
    );
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await context.close();
  });
});
