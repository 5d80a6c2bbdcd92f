import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { RoundResults, RoundView } from '../../shared/protocol/rounds';
import { roundModel } from '../../platform/rounds/roundModel';
import { seedDemoAccounts } from '../../platform/users/demoAccounts';
import { resultsFixture } from '../../client/src/dashboard/testing/resultsFixture';
import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import { HttpClient } from '../support/httpClient';
import { roundRunner, runJobsUntil } from '../support/roundWorkers';
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
    // The next test runs a round through the real pipeline to "evaluated".

    expect(errors).toEqual([]);
    await context.close();
  });

  it('launches a round that the real pipeline takes to "evaluated", and sees its results', async () => {
    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    onTestFailed(() => snap(page, 'failed-researcher-pipeline'));
    await page.goto(`${platform.server.url}/rounds/new`);
    await page.getByLabel('Username').fill('researcher');
    await page.getByLabel('Password').fill('parley-researcher');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const form = page.getByRole('form', { name: 'New round' });
    await form.waitFor();
    await form.getByLabel('Name').fill('e2e pipeline round');
    await form.getByLabel('Self-play dialogues (N)').fill('12');
    await form.getByLabel('Dialogues to annotate (k)').fill('4');
    await form.getByLabel('Human crowd').fill('0');
    await form.getByLabel('Simulated expert').fill('100');
    await form.getByLabel('ASTRA', { exact: true }).fill('0');
    await form.getByRole('button', { name: 'Create round' }).click();
    await page.getByRole('heading', { name: 'e2e pipeline round' }).waitFor();
    const roundId = new URL(page.url()).pathname.split('/').at(-1) as string;
    await page.getByRole('button', { name: 'Launch' }).click();
    await expect.poll(() => page.getByTestId('round-status').textContent()).toBe('self-play');

    // The worker processes' job runner, in this process: the page follows it live.
    const runner = roundRunner(platform.db.connection, 'e2e-worker');
    const round = await runJobsUntil(
      runner,
      platform.db.connection,
      roundId,
      (r) => r.status === 'evaluated',
      120_000,
    );
    const roundResults = round.results as RoundResults | null;
    expect(roundResults?.evaluations).toHaveLength(2);
    await expect
      .poll(() => page.getByTestId('round-status').textContent(), { timeout: 10_000 })
      .toBe('evaluated');
    const results = page.getByRole('region', { name: 'Results' });
    await results.getByTestId('chart').first().waitFor();
    expect(await results.getByTestId('chart').count()).toBe(5);
    // Epochs 0 and 1 of the real evaluation, for Alice and Bob.
    expect(await results.getByTestId('chart').first().getByTestId('series').count()).toBe(2);
    const expertAnnotations = roundResults?.training.simulatedExpertAnnotations ?? 0;
    expect(expertAnnotations).toBeGreaterThan(0);
    expect(await results.textContent()).toContain(`${expertAnnotations} expert`);

    // Counts: every continuation came from the simulated expert; no human tasks.
    const counts = page.getByTestId('round-counts');
    await counts.waitFor();
    await expect
      .poll(async () => Number(await counts.getByTestId('count-Simulated expert').textContent()))
      .toBeGreaterThan(0);
    expect(await counts.getByTestId('count-Tasks queued').textContent()).toBe('0');

    // Novelty: the ranked dialogues, most novel first; opening one highlights the cut act.
    const novelty = page.getByRole('region', { name: 'Novelty' });
    const entries = novelty.getByTestId('novelty-entry');
    await entries.first().waitFor();
    expect(await entries.count()).toBeGreaterThanOrEqual(round.annotate);
    await entries.first().getByRole('button').click();
    await novelty.getByTestId('novel-act').waitFor();
    expect(await novelty.getByTestId('novel-act').textContent()).toMatch(/^Alice/);
    await snap(page, 'researcher-6-evaluated');
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

  it('imports a JSONL file with a bad line, reads the per-line report and the stats, exports', async () => {
    const spec = {
      domain: getDomain('dealornodeal'),
      dialogues: 5,
      seed: 3,
      population: parsePopulation('boulware:1,conceder:1'),
    };
    const records = [0, 1, 2, 3, 4].map((i) => generateDialogue(spec, i));
    const lines = [
      ...records.slice(0, 3).map((r) => JSON.stringify(r)),
      '{"not": "a record"}',
      ...records.slice(3).map((r) => JSON.stringify(r)),
    ];

    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    onTestFailed(() => snap(page, 'failed-researcher-datasets'));
    await page.goto(`${platform.server.url}/datasets`);
    await page.getByLabel('Username').fill('researcher');
    await page.getByLabel('Password').fill('parley-researcher');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Datasets' }).waitFor();
    const importForm = page.getByRole('form', { name: 'Import' });
    await importForm.getByLabel('Dataset label').fill('e2e-human');
    await importForm.getByLabel('File').setInputFiles({
      name: 'human.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(`${lines.join('\n')}\n`),
    });
    await importForm.getByRole('button', { name: 'Import' }).click();
    const report = importForm.getByTestId('import-report');
    await report.waitFor();
    expect(await report.textContent()).toContain(
      '6 lines read, 5 imported, 0 duplicates, 1 invalid.',
    );
    const badLines = report.getByRole('table', { name: 'Invalid lines' }).locator('tbody tr');
    expect(await badLines.count()).toBe(1);
    expect(await badLines.first().locator('td').first().textContent()).toBe('4');

    const dataset = page.getByRole('region', { name: 'Dataset e2e-human' });
    await dataset.waitFor();
    const table = dataset.getByRole('table', { name: 'Statistics of e2e-human' });
    const dialogues = table.getByRole('row').filter({ hasText: /^Dialogues/ });
    expect(await dialogues.locator('td').first().textContent()).toBe('5');
    await snap(page, 'researcher-7-datasets');

    // The export link streams the dataset's records back.
    const exportForm = page.getByRole('form', { name: 'Export' });
    await exportForm.getByLabel('Dataset').selectOption('e2e-human');
    const href = await exportForm.getByTestId('export-link').getAttribute('href');
    expect(href).toBe('/api/datasets/export?dataset=e2e-human');
    const exported = await page.request.get(`${platform.server.url}${href}`);
    expect(exported.headers()['content-type']).toContain('application/x-ndjson');
    const ids = (await exported.text())
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids.sort()).toEqual(records.map((r) => r.id).sort());

    // Rounds are picked by name, never typed as ids; contradictory dates are shown, not dropped
    // (dropping a filter exported everything, and From after To exported nothing).
    expect(await exportForm.getByLabel('Round').locator('option').first().textContent()).toBe(
      'any',
    );
    await exportForm.getByLabel('From').fill('2026-02-01');
    await exportForm.getByLabel('To (exclusive)').fill('2026-01-01');
    const problem = exportForm.getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toBe(
      'From (2026-02-01) must be before To (2026-01-01), which is exclusive; swap them or widen the range.',
    );
    expect(await exportForm.getByTestId('export-link').isDisabled()).toBe(true);
    await exportForm.getByLabel('From').fill('');
    await exportForm.getByLabel('To (exclusive)').fill('');
    await problem.waitFor({ state: 'detached' });
    expect(await exportForm.getByTestId('export-link').getAttribute('href')).toBe(href);
    expect(errors).toEqual([]);
    await context.close();
  });
});
