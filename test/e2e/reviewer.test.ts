import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { annotationModel, type Annotation } from '../../platform/annotation/annotationModel';
import { auditModel } from '../../platform/review/auditLog';
import { userModel } from '../../platform/users/userModel';
import { seedDemoAccounts } from '../../platform/users/demoAccounts';
import type { TaskView } from '../../shared/protocol/annotation';
import { connectAnnotate, nextEvent, request } from '../support/annotateClient';
import { createUser } from '../../platform/users/userService';
import { testPassword } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { collectPageErrors, desktop, launchBrowser, phone, snap } from './support/browser';

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startTestPlatform('e2e-reviewer'), launchBrowser()]);
  await seedDemoAccounts(platform.db.connection);
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

/**
 * A scripted worker (a real socket client) rushes through a task: it accepts Alice's offer at
 * once (or ends), far under the minimum time per act, so the server flags it `too_fast`.
 */
async function rushedAnnotation(username: string): Promise<Annotation> {
  const user = await createUser(platform.db.connection, {
    username,
    password: testPassword,
    roles: ['worker'],
  });
  const worker = { id: user._id.toHexString() };
  const http = new HttpClient(platform.server.url);
  await http.login(username, testPassword);
  const socket = await connectAnnotate(platform.server.url, { cookie: http.cookie });
  try {
    const claim = await request<TaskView>(socket, 'task:claim', {});
    if (!claim.ok || claim.data === null) {
      throw new Error(`no task to claim: ${JSON.stringify(claim)}`);
    }
    const { taskId, history, counts } = claim.data;
    const last = history.at(-1)?.act;
    const offer = last?.type === 'propose' || last?.type === 'insist' ? last.allocation : null;
    // After Bob's agreement Alice still has a turn (she ends, usually); selection opens after it.
    const aliceReply = offer === null ? null : nextEvent(socket, 'dialogue:act', 15_000);
    const act = await request(socket, 'dialogue:act', {
      taskId,
      seq: 1,
      act: { type: offer === null ? 'end' : 'agree' },
    });
    expect(act.ok).toBe(true);
    const reply = aliceReply === null ? null : await aliceReply;
    const acceptedDeal = reply === null || reply.act.type === 'end';
    if (!acceptedDeal) {
      // Alice went on negotiating: end the dialogue, without a deal.
      const ended = await request(socket, 'dialogue:act', { taskId, seq: 2, act: { type: 'end' } });
      expect(ended.ok).toBe(true);
    }
    const selected = await request(socket, 'dialogue:select', {
      taskId,
      allocation:
        offer === null || !acceptedDeal ? null : counts.map((c, i) => c - (offer[i] ?? 0)),
    });
    expect(selected).toEqual({ ok: true, data: { ended: true } });
    return (await annotationModel(platform.db.connection)
      .findOne({ taskId, workerId: worker.id })
      .lean<Annotation>()
      .exec()) as Annotation;
  } finally {
    socket.close();
  }
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${platform.server.url}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('a reviewer in the browser', () => {
  it('finds a flagged annotation in the queue, replays it and rejects it with a reason', async () => {
    await createTestTasks(platform.db.connection, 1, { redundancy: 1 });
    const flagged = await rushedAnnotation('rushing_worker');
    expect(flagged.flags.map((f) => f.code)).toContain('too_fast');
    expect(flagged.review.status).toBe('pending');

    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    onTestFailed(() => snap(page, 'failed-reviewer'));
    await signIn(page, 'reviewer', 'parley-reviewer');
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    const row = page.getByTestId('queue-row').filter({ hasText: 'rushing_worker' });
    await row.waitFor();
    expect(await row.getByTestId('flag').allTextContents()).toContain('too fast');
    expect(await row.getByTestId('review-status').textContent()).toBe('pending');
    await snap(page, 'reviewer-1-queue');

    await row.getByRole('link', { name: /^Review / }).click();
    await page.getByRole('heading', { name: /^Annotation / }).waitFor();
    // The dialogue replayed as sentences, both sides' values, the frontier plotted.
    const api = new HttpClient(platform.server.url);
    await api.login('reviewer', 'parley-reviewer');
    const detail = await api.get(`/api/review/annotations/${String(flagged._id)}`);
    const turns = (detail.body as { annotation: { turns: unknown[] } }).annotation.turns;
    expect(await page.getByTestId('replay-turn').count()).toBe(turns.length);
    expect(await page.getByRole('table', { name: 'Values' }).locator('tbody tr').count()).toBe(3);
    const scatter = page.getByTestId('pareto');
    await scatter.waitFor();
    expect(await scatter.locator('circle.frontier-point').count()).toBeGreaterThan(0);
    expect(await page.getByText(/ms per act on average/).count()).toBeGreaterThan(0);
    await snap(page, 'reviewer-2-annotation');

    // A rejection without a reason is refused before anything is sent.
    const decision = page.getByRole('region', { name: 'Decision' });
    await decision.getByRole('button', { name: 'Reject', exact: true }).click();
    await expect(decision.getByRole('alert').textContent()).resolves.toMatch(/needs a reason/);
    await decision.getByLabel(/^Reason/).fill('Accepted at once without reading the offer.');
    await decision.getByRole('button', { name: 'Reject', exact: true }).click();
    // Rejecting asks for a second, deliberate click.
    await decision.getByRole('alertdialog', { name: 'Confirm rejection' }).waitFor();
    expect(await decision.getByRole('status').count()).toBe(0);
    await decision.getByRole('button', { name: 'Yes, reject' }).click();
    await expect.poll(() => decision.getByRole('status').textContent()).toBe('Saved: rejected.');
    await expect
      .poll(() => page.getByTestId('review-status').first().textContent())
      .toBe('rejected');
    await snap(page, 'reviewer-3-rejected');
    await page.setViewportSize(phone);
    await snap(page, 'reviewer-3-rejected-phone');
    await page.setViewportSize(desktop);

    const stored = await annotationModel(platform.db.connection)
      .findById(flagged._id)
      .lean<Annotation>()
      .exec();
    expect(stored?.review).toMatchObject({
      status: 'rejected',
      decidedBy: 'reviewer',
      reason: 'Accepted at once without reading the offer.',
    });
    const audit = await auditModel(platform.db.connection)
      .find({ action: 'review.decision', targetId: String(flagged._id) })
      .lean()
      .exec();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorName: 'reviewer',
      reason: 'Accepted at once without reading the offer.',
    });

    // The worker's stats show the flag and the rejection.
    await page.getByRole('link', { name: 'Workers & agreement' }).click();
    const workerRow = page.getByTestId('worker-row-rushing_worker');
    await workerRow.waitFor();
    expect(await workerRow.textContent()).toContain('too fast ×1');
    expect(await workerRow.textContent()).toContain('1 rejected');
    await snap(page, 'reviewer-4-workers');
    // The worker's name opens their annotations, whatever their status.
    await workerRow.getByRole('link', { name: 'rushing_worker' }).click();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await expect
      .poll(() => page.getByTestId('queue-row').getByTestId('review-status').allTextContents())
      .toEqual(['rejected']);
    await page.setViewportSize(phone);
    await snap(page, 'reviewer-1-queue-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets an admin read the audit log and block a user from user management', async () => {
    await createTestTasks(platform.db.connection, 1, { redundancy: 1, seed: 11 });
    await rushedAnnotation('second_worker');
    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    onTestFailed(() => snap(page, 'failed-admin'));
    await signIn(page, 'admin', 'parley-admin');
    await page.getByRole('link', { name: 'Users' }).click();
    const row = page.getByTestId('user-row-second_worker');
    await row.waitFor();
    await row.getByRole('button', { name: 'Block' }).click();
    await expect(row.getByRole('alert').textContent()).resolves.toMatch(/reason/);
    await row.getByLabel('Reason for second_worker').fill('Rushed tasks');
    await row.getByRole('button', { name: 'Block' }).click();
    await row.getByText('blocked', { exact: true }).waitFor();
    await snap(page, 'admin-1-users');
    const blocked = await userModel(platform.db.connection)
      .findOne({ username: 'second_worker' })
      .lean()
      .exec();
    expect(blocked?.blocked).toBe(true);

    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const entries = page.getByTestId('audit-row');
    await entries.first().waitFor();
    expect(await entries.first().textContent()).toContain('user.block');
    expect(await entries.first().textContent()).toContain('Rushed tasks');
    await snap(page, 'admin-2-audit');
    expect(errors).toEqual([]);
    await context.close();
  });
});
