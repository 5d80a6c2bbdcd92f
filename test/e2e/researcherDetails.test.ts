import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { RoundResults, RoundView } from '../../shared/protocol/rounds';
import { goldSpecModel } from '../../platform/quality/goldSpecModel';
import { roundModel } from '../../platform/rounds/roundModel';
import { taskModel } from '../../platform/tasks/taskModel';
import { seedDemoAccounts } from '../../platform/users/demoAccounts';
import { resultsFixture } from '../../client/src/dashboard/testing/resultsFixture';
import { createCheckpointStore } from '../../platform/checkpoints/checkpointStore';
import { userModel } from '../../platform/users/userModel';
import { seedDrawnRound, seedRankedDialogues } from '../support/drawnRound';
import { evaluatedRound } from '../support/evaluatedRound';
import { HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { collectPageErrors, desktop, launchBrowser, snap } from './support/browser';

// The researcher dashboard's details: form messages, the oracle draw, plots, gold tasks, pickers.
let platform: TestPlatform;
let browser: Browser;
let api: HttpClient;

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    startTestPlatform('e2e-researcher-details'),
    launchBrowser(),
  ]);
  await seedDemoAccounts(platform.db.connection);
  api = new HttpClient(platform.server.url);
  await api.login('researcher', 'parley-researcher');
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

async function signedIn(path: string, failName: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  onTestFailed(() => snap(page, `failed-${failName}`));
  await page.goto(`${platform.server.url}${path}`);
  await page.getByLabel('Username').fill('researcher');
  await page.getByLabel('Password').fill('parley-researcher');
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { page, errors };
}

async function createRound(body: Record<string, unknown>): Promise<RoundView> {
  const res = await api.post('/api/rounds', {
    domain: 'dealornodeal',
    selfPlayDialogues: 40,
    annotate: 20,
    oracleMix: { human: 0.5, simulatedExpert: 0.25, astra: 0.25 },
    ...body,
  });
  expect(res.status).toBe(201);
  return (res.body as { round: RoundView }).round;
}

describe('the researcher dashboard in detail', () => {
  it('explains form errors in plain words and in the unit each field shows', async () => {
    const { page, errors } = await signedIn('/rounds/new', 'details-form');
    const form = page.getByRole('form', { name: 'New round' });
    await form.waitFor();
    await form.getByLabel('Name').fill('messages');
    await form.getByLabel('Human crowd').fill('150');
    await form.getByLabel('Gold task rate (%)').fill('101');
    await form.getByLabel('Self-play dialogues (N)').fill('40.5');
    await form.getByRole('button', { name: 'Create round' }).click();
    const alerts = form.getByRole('alert');
    await alerts.first().waitFor();
    const messages = await alerts.allTextContents();
    expect(messages).toEqual(
      expect.arrayContaining([
        'Must be at most 100 %.',
        'Must be a whole number.',
        'the oracle mix proportions must add up to 100 %',
      ]),
    );
    expect(messages.filter((m) => m === 'Must be at most 100 %.')).toHaveLength(2);
    for (const message of messages) {
      expect(message).not.toMatch(/expected|received|<=|>=/);
    }
    await snap(page, 'researcher-details-1-form-messages');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('labels the oracle mix as targets and shows what the round drew', async () => {
    const round = await createRound({ name: 'drawn round', goldRate: 0.1 });
    await seedDrawnRound(platform.db.connection, round.id, {
      human: 8,
      gold: 1,
      simulatedExpert: 4,
      astra: 8,
    });
    const { page, errors } = await signedIn(`/rounds/${round.id}`, 'details-draw');
    await page.getByRole('heading', { name: 'drawn round' }).waitFor();
    const config = page.getByRole('region', { name: 'Configuration' });
    expect(await config.textContent()).toContain('Oracle mix (target)');
    const draw = page.getByRole('table', { name: 'Oracle draw' });
    await draw.waitFor();
    const cells = async (label: string) =>
      draw.getByTestId(`draw-${label}`).locator('td').allTextContents();
    expect(await cells('Human crowd')).toEqual(['50 %', '8 of 20 (40 %)']);
    expect(await cells('Simulated expert')).toEqual(['25 %', '4 of 20 (20 %)']);
    expect(await cells('ASTRA')).toEqual(['25 %', '8 of 20 (40 %)']);
    expect(await cells('Gold (of human tasks)')).toEqual(['10 %', '1 of 8 (12.5 %)']);
    await snap(page, 'researcher-details-2-draw');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('promotes an evaluated round’s checkpoints to the researcher’s default from its page', async () => {
    const researcher = await userModel(platform.db.connection)
      .findOne({ username: 'researcher' })
      .lean();
    const researcherId = researcher!._id.toHexString();
    const roundId = await evaluatedRound(platform.db.connection, api, researcherId);
    const { page, errors } = await signedIn(`/rounds/${roundId}`, 'details-promote');
    const promotion = page.getByLabel('Promotion');
    const status = promotion.getByTestId('promotion-status');
    await status.waitFor();
    expect(await status.textContent()).toBe('These checkpoints are nobody’s default yet.');
    // Publishing to everyone is an admin's decision: a researcher has no such button.
    expect(await promotion.getByRole('button').allTextContents()).toEqual(['Make them my default']);
    await promotion.getByRole('button', { name: 'Make them my default' }).click();
    await page.getByText(`Bob ${roundId}-bob, Alice ${roundId}-alice.`).waitFor();
    expect(await status.textContent()).toContain('Promoted to the owner’s default');
    const store = createCheckpointStore(platform.db.connection);
    expect(await store.currentVersion('dealornodeal', 'bob', researcherId)).toBe(`${roundId}-bob`);
    await snap(page, 'researcher-details-promote');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('plots on one epoch axis, keeps shares within 0–100 %, and never overlays two domains', async () => {
    // Results as the evaluate stage writes them; fixtures stand in for a full pipeline run.
    const noDealsAtFirst = resultsFixture(0.4);
    const first = noDealsAtFirst.evaluations[0] as RoundResults['evaluations'][number];
    first.alice.paretoOptimalRate = null;
    first.bob.paretoOptimalRate = null;
    const made = [
      { name: 'plot deal', domain: 'dealornodeal', results: noDealsAtFirst },
      { name: 'plot camp', domain: 'casino', results: resultsFixture(0.2) },
    ];
    for (const m of made) {
      const round = await createRound({ name: m.name, domain: m.domain });
      await roundModel(platform.db.connection).updateOne(
        { _id: round.id },
        { $set: { status: 'evaluated', results: m.results } },
      );
    }
    const { page, errors } = await signedIn('/rounds', 'details-plots');
    await page.getByRole('heading', { name: 'Acquisition rounds' }).waitFor();
    await page.getByLabel('compare plot deal').check();

    const comparison = page.getByRole('region', { name: 'Comparison' });
    const pareto = comparison.getByRole('img', { name: 'Pareto-optimal deals' });
    await pareto.waitFor();
    const xTicks = (chart: typeof pareto) =>
      chart.locator('text.tick[text-anchor="middle"]').allTextContents();
    const yTicks = (chart: typeof pareto) =>
      chart.locator('text.tick[text-anchor="end"]').allTextContents();
    const advantage = comparison.getByRole('img', { name: 'Advantage (own − partner score)' });
    expect(await xTicks(pareto)).toEqual(['0', '1']);
    expect(await xTicks(pareto)).toEqual(await xTicks(advantage));
    for (const title of ['Pareto-optimal deals', 'Agreement rate']) {
      const ticks = (await yTicks(comparison.getByRole('img', { name: title }))).map((t) =>
        Number(t.replace('%', '')),
      );
      expect(Math.min(...ticks)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...ticks)).toBeLessThanOrEqual(100);
    }

    await page.getByLabel('compare plot camp').check();
    await comparison.getByTestId('domains-note').waitFor();
    const deal = comparison.getByRole('region', { name: 'DealOrNoDeal rounds' });
    const camp = comparison.getByRole('region', { name: 'CaSiNo rounds' });
    expect(await deal.getByTestId('chart').first().textContent()).not.toContain('plot camp');
    expect(await camp.getByTestId('chart').first().textContent()).not.toContain('plot deal');
    expect(await camp.getByTestId('chart').first().textContent()).toContain('plot camp');
    await snap(page, 'researcher-details-3-plots');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('gold tasks in the dashboard', () => {
  it('creates a gold task with its known-good answer from a round picked by name', async () => {
    const round = await createRound({ name: 'gold source round' });
    const records = await seedRankedDialogues(platform.db.connection, round.id, 3);
    const { page, errors } = await signedIn('/rounds', 'details-gold');
    await page.getByRole('heading', { name: 'Acquisition rounds' }).waitFor();
    await page.getByRole('link', { name: 'Gold tasks' }).click();
    const form = page.getByRole('form', { name: 'New gold task' });
    await form.waitFor();

    // The round picker names rounds; the id is only secondary text once one is chosen.
    // The select's name starts with its label (the chosen option's text follows it).
    const picker = form.getByLabel(/^Round/);
    const options = await picker.locator('option').allTextContents();
    const label = options.find((o) => o.startsWith('gold source round · DealOrNoDeal · '));
    expect(label).toBeDefined();
    for (const option of options) {
      expect(option).not.toMatch(/[0-9a-f]{24}/);
    }
    await picker.selectOption({ label: label as string });
    expect(await form.getByTestId('round-id').textContent()).toBe(`id ${round.id}`);

    const dialogue = form.getByLabel(/^Dialogue/);
    await expect.poll(() => dialogue.locator('option').count()).toBe(4);
    await dialogue.selectOption({ index: 1 });
    // The rank stage's cut is preselected: one of Alice's acts.
    await expect.poll(() => form.locator('input[name="cutAt"]:checked').count()).toBe(1);

    // Nothing stated: the form asks for an expectation, in words.
    await form.getByRole('button', { name: 'Create gold task' }).click();
    await form.getByText(/^State at least one expectation/).waitFor();

    await form.getByLabel(/^Outcome/).selectOption({ label: 'a deal' });
    await form.getByLabel('Bob scores at least').fill('4');
    const answers = form.getByRole('group', { name: 'Acceptable first answers' });
    await answers.getByLabel('agree', { exact: true }).check();
    await answers.getByLabel('propose', { exact: true }).check();
    await form.getByRole('button', { name: 'Create gold task' }).click();
    await form.getByRole('status').waitFor();

    const rows = page.getByTestId('gold-task-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(
      'a deal; Bob scores at least 4; first answer propose or agree',
    );
    const specs = await goldSpecModel(platform.db.connection).find().lean().exec();
    expect(specs.map((s) => s.expectations)).toEqual([
      { agreement: true, minBobScore: 4, firstResponseTypes: ['propose', 'agree'] },
    ]);
    const task = await taskModel(platform.db.connection).findById(specs[0]?.taskId).lean().exec();
    expect(task?.gold).toBe(true);
    expect(task?.source.dialogueId).toBe(records[0]?.id);
    await snap(page, 'researcher-details-4-gold-task');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
