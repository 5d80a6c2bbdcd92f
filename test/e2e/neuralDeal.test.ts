import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { dialogueModel } from '../../platform/dialogues/dialogueModel';
import { prefixTurns, type Task } from '../../platform/tasks/taskModel';
import { isOffer } from '../../shared/dialogue/acts';
import { complement } from '../../shared/domain/allocation';
import { scoreOf } from '../../shared/domain/scoring';
import { createRoundService } from '../../platform/rounds/roundService';
import { seedDemoAccounts } from '../../platform/users/demoAccounts';
import { userModel } from '../../platform/users/userModel';
import { createRoundBodySchema } from '../../shared/protocol/rounds';
import { createTestUser } from '../support/factories';
import { seedSmallCheckpoints } from '../support/smallCheckpoints';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { collectPageErrors, desktop, launchBrowser, snap } from './support/browser';

/**
 * The live loop's first promise, in a real browser: a worker who agrees to a round's neural
 * Alice gets a deal, the record says so, and the researchers' Datasets page counts it.
 */
let platform: TestPlatform;
let browser: Browser;
let task: Task;

beforeAll(async () => {
  // A generous turn limit: ASTRA must not stand in for the policy on a loaded machine.
  [platform, browser] = await Promise.all([
    startTestPlatform('e2e-neural-deal', { aliceTurnTimeoutMs: 60_000 }),
    launchBrowser(),
  ]);
  await seedDemoAccounts(platform.db.connection);
  await seedSmallCheckpoints(platform.db.connection);
  // The task belongs to a round of the demo researcher, whose Datasets page then counts it
  // (records are visible to their round's owner).
  const owner = await userModel(platform.db.connection).findOne({ username: 'researcher' }).lean();
  const round = await createRoundService(platform.db.connection, () => undefined).create(
    { id: owner?._id.toHexString() ?? '', username: 'researcher', roles: ['researcher'] },
    createRoundBodySchema.parse({
      name: 'neural deal round',
      domain: 'dealornodeal',
      selfPlayDialogues: 10,
      annotate: 1,
      oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
    }),
  );
  [task] = (await createTestTasks(platform.db.connection, 1, {
    alice: { kind: 'policy', name: 'small-alice' },
    roundId: round.id,
    redundancy: 1,
  })) as [Task];
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

describe("a deal with a round's neural Alice, in the browser", () => {
  it('agreeing to her offer ends in a deal with both scores, stored and counted', async () => {
    const offer = prefixTurns(task).at(-1)?.act;
    if (offer === undefined || !isOffer(offer)) {
      throw new Error("the task's prefix should end with Alice's offer");
    }
    const aliceShare = [...offer.allocation];
    const bobShare = complement(task.counts, aliceShare);
    const scores = {
      alice: scoreOf(task.aliceUtilities, aliceShare),
      bob: scoreOf(task.bobUtilities, bobShare),
    };
    expect(scores.alice).toBeGreaterThan(0);
    expect(scores.bob).toBeGreaterThan(0);

    const worker = await createTestUser(platform.db.connection, ['worker']);
    const context = await browser.newContext({ viewport: desktop });
    // This worker has done the onboarding (worker.test.ts walks through it).
    const onboarded = JSON.stringify(`parley.onboarded.${worker.id}`);
    await context.addInitScript({ content: `localStorage.setItem(${onboarded}, 'done');` });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    onTestFailed(() => snap(page, 'failed-neural-deal'));
    await page.goto(`${platform.server.url}/annotate`);
    await page.getByLabel('Username').fill(worker.username);
    await page.getByLabel('Password').fill(worker.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Start a task' }).click();

    const composer = page.getByRole('region', { name: 'Your move' });
    const selection = page.getByRole('region', { name: 'Final selection' });
    const outcome = page.getByTestId('outcome');
    await composer.getByRole('button', { name: /Agree to Alice/ }).waitFor();
    const turnsBefore = await page.getByTestId('turn').count();
    await composer.getByRole('button', { name: /Agree to Alice/ }).click();
    // Alice (the policy) answers: she closes, or says something more and the worker ends.
    await expect
      .poll(
        async () =>
          (await selection.isVisible()) ||
          (await page.getByTestId('turn').count()) >= turnsBefore + 2,
        { timeout: 60_000 },
      )
      .toBe(true);
    if (!(await selection.isVisible())) {
      await composer.getByRole('button', { name: 'End negotiation' }).click();
    }
    await selection.waitFor();
    await expect(selection.textContent()).resolves.toContain('You reached an agreement');
    await snap(page, 'neural-deal-1-selection');
    await selection.getByRole('button', { name: 'Confirm my share' }).click();
    await outcome.waitFor();
    await snap(page, 'neural-deal-2-outcome');
    expect(await outcome.getByRole('heading').textContent()).toBe('Deal!');
    expect(await page.getByTestId('my-score').textContent()).toBe(String(scores.bob));
    expect(await outcome.textContent()).toContain(`Alice's score${scores.alice}`);

    const stored = await dialogueModel(platform.db.connection)
      .findOne({ taskId: task._id.toHexString() })
      .lean();
    expect(stored?.record.outcome).toMatchObject({
      agreed: true,
      allocation: aliceShare,
      scores: [scores.alice, scores.bob],
    });
    expect(errors).toEqual([]);
    await context.close();

    // The researcher sees the human annotations' agreement on the Datasets page.
    const researcher = await browser.newContext({ viewport: desktop });
    const datasets = await researcher.newPage();
    onTestFailed(() => snap(datasets, 'failed-neural-deal-datasets'));
    await datasets.goto(`${platform.server.url}/datasets`);
    await datasets.getByLabel('Username').fill('researcher');
    await datasets.getByLabel('Password').fill('parley-researcher');
    await datasets.getByRole('button', { name: 'Sign in' }).click();
    const table = datasets.getByRole('table', { name: 'Statistics of source:annotation' });
    await table.waitFor();
    await snap(datasets, 'neural-deal-3-datasets');
    const agreement = table.getByRole('row').filter({ hasText: /^Agreement/ });
    expect(await agreement.locator('td').first().textContent()).toBe('100.0 %');
    await researcher.close();
  });
});
