import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { RoundView } from '../../shared/protocol/rounds';
import { roundModel } from '../../server/rounds/roundModel';
import { seedDemoAccounts } from '../../server/users/demoAccounts';
import { resultsFixture } from '../../client/src/dashboard/testing/resultsFixture';
import { HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { collectPageErrors, desktop, launchBrowser, phone, snap } from './support/browser';

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startTestPlatform('e2e-researcher'), launchBrowser()]);
  await seedDemoAccounts(platform.db.connection);
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

const smallRound = {
  domain: 'dealornodeal',
  selfPlayDialogues: 40,
  annotate: 4,
  oracleMix: { human: 0.5, simulatedExpert: 0.25, astra: 0.25 },
};

describe('a researcher in the browser', () => {
  it('creates a round with validation, launches it, and follows it live in the list', async () => {
    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    onTestFailed(() => snap(page, 'failed-researcher'));

    await page.goto(`${platform.server.url}/`);
    await page.getByLabel('Username').fill('researcher');
    await page.getByLabel('Password').fill('parley-researcher');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Acquisition rounds' }).waitFor();

    await page.getByRole('link', { name: 'New round' }).click();
    const form = page.getByRole('form', { name: 'New round' });
    // The shared schema refuses a nameless round and a mix that does not add up to 100 %.
    await form.getByLabel('Human crowd').fill('60');
    await form.getByLabel('Dialogues to annotate (k)').fill('500');
    await form.getByRole('button', { name: 'Create round' }).click();
    await expect(form.getByRole('alert').allTextContents()).resolves.toEqual(
      expect.arrayContaining([
        'Give the round a name.',
        'the oracle mix proportions must add up to 100 %',
        'cannot annotate more dialogues than self-play produces',
      ]),
    );
    await snap(page, 'researcher-2-form-errors');
    await form.getByLabel('Name').fill('e2e small round');
    await form.getByLabel('Human crowd').fill('50');
    await form.getByLabel('Self-play dialogues (N)').fill('40');
    await form.getByLabel('Dialogues to annotate (k)').fill('4');
    await form.getByRole('button', { name: 'Create round' }).click();

    await page.getByRole('heading', { name: 'e2e small round' }).waitFor();
    expect(await page.getByTestId('round-status').textContent()).toBe('draft');
    await page.getByRole('button', { name: 'Launch' }).click();
    await expect.poll(() => page.getByTestId('round-status').textContent()).toBe('self-play');
    await snap(page, 'researcher-3-detail-launched');

    // The list shows the round; a pause made elsewhere (the API, another tab) arrives live.
    await page.getByRole('link', { name: 'All rounds' }).click();
    const row = page.getByTestId('round-row-e2e small round');
    await row.waitFor();
    expect(await row.getByTestId('round-status').textContent()).toBe('self-play');
    await page.getByText('● live').waitFor();
    const api = new HttpClient(platform.server.url);
    await api.login('researcher', 'parley-researcher');
    const { body } = await api.get('/api/rounds');
    const round = (body as { rounds: RoundView[] }).rounds.find(
      (r) => r.name === 'e2e small round',
    );
    expect(round?.status).toBe('self-play');
    expect((await api.post(`/api/rounds/${round?.id}/pause`)).status).toBe(200);
    await expect
      .poll(() => row.getByTestId('round-status').textContent())
      .toBe('paused (in self-play)');
    expect(await row.getByTestId('progress-self-play').textContent()).toContain('0 / 40');
    await snap(page, 'researcher-1-list');
    await page.setViewportSize(phone);
    await snap(page, 'researcher-1-list-phone');
    // Extend here once the pipeline exists: resume, then poll until the status reads
    // "evaluated" and the detail page shows its charts.

    expect(errors).toEqual([]);
    await context.close();
  });

  it('plots evaluated rounds overlaid, averaging seeds with error bars', async () => {
    const api = new HttpClient(platform.server.url);
    await api.login('researcher', 'parley-researcher');
    // Results come from the pipeline (another branch); fixture results stand in for it here.
    const made: { name: string; seed: number; gain: number; selfPlayDialogues?: number }[] = [
      { name: 'targeted seed 1', seed: 1, gain: 0.5 },
      { name: 'targeted seed 2', seed: 2, gain: 0.8 },
      { name: 'baseline', seed: 1, gain: 0.1, selfPlayDialogues: 80 },
    ];
    for (const m of made) {
      const res = await api.post('/api/rounds', {
        ...smallRound,
        name: m.name,
        seed: m.seed,
        selfPlayDialogues: m.selfPlayDialogues ?? smallRound.selfPlayDialogues,
      });
      expect(res.status).toBe(201);
      const id = (res.body as { round: RoundView }).round.id;
      await roundModel(platform.db.connection).updateOne(
        { _id: id },
        { $set: { status: 'evaluated', results: resultsFixture(m.gain) } },
      );
    }

    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    onTestFailed(() => snap(page, 'failed-researcher-plots'));
    await page.goto(`${platform.server.url}/rounds`);
    await page.getByLabel('Username').fill('researcher');
    await page.getByLabel('Password').fill('parley-researcher');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Acquisition rounds' }).waitFor();
    for (const m of made) {
      await page.getByLabel(`compare ${m.name}`).check();
    }
    const comparison = page.getByRole('region', { name: 'Comparison' });
    await comparison.getByTestId('chart').first().waitFor();
    expect(await comparison.getByTestId('chart').count()).toBe(5);
    // Two experiments × two agents on the advantage chart; the seeded one has error bars.
    const advantage = comparison.getByTestId('chart').first();
    expect(await advantage.getByTestId('series').count()).toBe(4);
    expect(await advantage.getByTestId('error-bar').count()).toBeGreaterThan(0);
    expect(await advantage.textContent()).toContain('targeted (2 seeds) — Bob');
    await snap(page, 'researcher-4-comparison');

    await page.getByRole('link', { name: 'baseline' }).click();
    await page.getByRole('region', { name: 'Results' }).getByTestId('chart').first().waitFor();
    await snap(page, 'researcher-5-detail-results');
    expect(errors).toEqual([]);
    await context.close();
  });
});
