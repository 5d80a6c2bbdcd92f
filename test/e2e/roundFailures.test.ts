import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { RoundView } from '../../shared/protocol/rounds';
import { checkpointModel } from '../../platform/checkpoints/checkpointModel';
import { jobModel } from '../../platform/jobs/jobModel';
import { roundModel } from '../../platform/rounds/roundModel';
import { seedDemoAccounts } from '../../platform/users/demoAccounts';
import { bootstrapActivity } from '../../pipeline/bootstrap';
import { HttpClient } from '../support/httpClient';
import { roundRunner, runJobsUntil } from '../support/roundWorkers';
import { seedSmallCheckpoints } from '../support/smallCheckpoints';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { collectPageErrors, desktop, launchBrowser, snap } from './support/browser';

let platform: TestPlatform;
let browser: Browser;
let api: HttpClient;

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    startTestPlatform('e2e-round-failures'),
    launchBrowser(),
  ]);
  await seedDemoAccounts(platform.db.connection);
  await seedSmallCheckpoints(platform.db.connection);
  api = new HttpClient(platform.server.url);
  await api.login('researcher', 'parley-researcher');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

/** A copy of a ready checkpoint under a new version, for a test to break. */
async function copyCheckpoint(from: string, to: string): Promise<void> {
  const doc = await checkpointModel(platform.db.connection).findById(from).lean();
  await checkpointModel(platform.db.connection).create({ ...doc, _id: to });
}

async function signIn(page: Page, path: string): Promise<void> {
  await page.goto(`${platform.server.url}${path}`);
  await page.getByLabel('Username').fill('researcher');
  await page.getByLabel('Password').fill('parley-researcher');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('rounds that go wrong, in the browser', () => {
  it('picks checkpoints by name, and cannot create a round whose checkpoint is gone', async () => {
    await copyCheckpoint('small-alice', 'short-lived-alice');
    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    onTestFailed(() => snap(page, 'failed-round-failures-picker'));
    await signIn(page, '/rounds/new');
    const form = page.getByRole('form', { name: 'New round' });
    await form.waitFor();
    const alice = form.getByLabel('Alice checkpoint');
    await expect
      .poll(() => alice.locator('option').allTextContents())
      .toEqual(expect.arrayContaining(['Alice small-alice (default)', 'Alice short-lived-alice']));
    await form.getByLabel('Name').fill('round on a vanishing checkpoint');
    await alice.selectOption({ label: 'Alice short-lived-alice' });
    await snap(page, 'round-failures-1-picker');
    // Between picking and creating, the checkpoint goes away.
    await checkpointModel(platform.db.connection).deleteOne({ _id: 'short-lived-alice' });
    await form.getByRole('button', { name: 'Create round' }).click();
    await expect
      .poll(() => form.getByRole('alert').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('"short-lived-alice"')]));
    expect(new URL(page.url()).pathname).toBe('/rounds/new');
    expect(
      await roundModel(platform.db.connection).countDocuments({
        name: 'round on a vanishing checkpoint',
      }),
    ).toBe(0);
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
    await context.close();
  });

  it('shows a failed round with its reason, retries it, and asks before cancelling', async () => {
    const connection = platform.db.connection;
    await copyCheckpoint('small-alice', 'fragile-alice');
    const created = await api.post('/api/rounds', {
      name: 'e2e failing round',
      domain: 'dealornodeal',
      checkpoints: { alice: 'fragile-alice', bob: null },
      selfPlayDialogues: 8,
      annotate: 2,
      oracleMix: { human: 0, simulatedExpert: 1, astra: 0 },
    });
    const roundId = (created.body as { round: RoundView }).round.id;
    expect((await api.post(`/api/rounds/${roundId}/launch`)).status).toBe(200);
    // Not ready any more when self-play starts: the job fails for good.
    await checkpointModel(connection).updateOne(
      { _id: 'fragile-alice' },
      { $set: { status: 'writing' } },
    );
    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    onTestFailed(() => snap(page, 'failed-round-failures-detail'));
    await signIn(page, `/rounds/${roundId}`);
    await page.getByRole('heading', { name: 'e2e failing round' }).waitFor();
    await page.getByText('● live').waitFor();

    const runner = roundRunner(connection, 'e2e-failing-worker');
    await runJobsUntil(runner, connection, roundId, (r) => r.status === 'failed');
    // Live: no reload.
    await expect
      .poll(() => page.getByTestId('round-status').textContent())
      .toBe('failed (in self-play)');
    const failure = page.getByRole('alert').filter({ hasText: 'This round failed' });
    await expect(failure.getByTestId('failure-reason').textContent()).resolves.toContain(
      'fragile-alice',
    );
    expect(await page.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    await snap(page, 'round-failures-2-failed');

    // Cancel asks first; keeping the round changes nothing.
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Cancel the round?' });
    await confirm.waitFor();
    await snap(page, 'round-failures-3-cancel-confirmation');
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await page.getByTestId('round-status').textContent()).toBe('failed (in self-play)');

    await checkpointModel(connection).updateOne(
      { _id: 'fragile-alice' },
      { $set: { status: 'ready' } },
    );
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => page.getByTestId('round-status').textContent()).toBe('self-play');
    expect(await failure.count()).toBe(0);
    expect(
      await jobModel(connection).countDocuments({
        kind: 'round.selfplay',
        'payload.roundId': roundId,
        status: 'queued',
      }),
    ).toBe(1);

    // What a worker writes while it trains the first checkpoints reaches the progress card live.
    await roundModel(connection).updateOne(
      { _id: roundId },
      { $set: { activity: bootstrapActivity, updatedAt: new Date() } },
    );
    await expect
      .poll(() => page.getByTestId('round-activity').textContent())
      .toBe(bootstrapActivity);
    await snap(page, 'round-failures-4-bootstrap-activity');

    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await confirm.getByRole('button', { name: 'Yes, cancel the round' }).click();
    await expect.poll(() => page.getByTestId('round-status').textContent()).toBe('cancelled');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
