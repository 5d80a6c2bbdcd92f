import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { TaskView } from '../../shared/protocol/annotation';
import type { RateAckData } from '../../shared/protocol/evaluation';
import { createRng } from '../../shared/random/rng';
import { signParticipant } from '../../platform/studies/studyService';
import { seedDemoAccounts } from '../../platform/users/demoAccounts';
import { propertySeed } from '../setup/propertySeed';
import { connectAnnotate, request, type AnnotateClient } from '../support/annotateClient';
import { defaultAnswers, negotiate, okData } from '../support/evaluationParticipant';
import { HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import {
  collectPageErrors,
  desktop,
  launchBrowser,
  openStudiesAsResearcher,
  snap,
} from './support/browser';

let platform: TestPlatform;
let browser: Browser;
const sockets: AnnotateClient[] = [];
const seed = propertySeed();
console.log(`[e2e evaluation] simulated participants from seed ${seed} (PARLEY_PROPERTY_SEED)`);

beforeAll(async () => {
  [platform, browser] = await Promise.all([startTestPlatform('e2e-evaluation'), launchBrowser()]);
  await seedDemoAccounts(platform.db.connection);
});
afterAll(async () => {
  for (const socket of sockets) {
    socket.close();
  }
  await browser?.close();
  await platform?.close();
});

/** A participant over a real socket: every dialogue negotiated, every questionnaire answered. */
async function simulatedParticipant(studyId: string, secret: string, participantId: string) {
  const rng = createRng(`${seed}:${participantId}`);
  const http = new HttpClient(platform.server.url);
  const entered = await http.post('/api/study/enter', {
    studyId,
    participantId,
    sig: signParticipant(secret, participantId),
  });
  expect(entered.status).toBe(200);
  const socket = await connectAnnotate(platform.server.url, { cookie: http.cookie });
  sockets.push(socket);
  let last: RateAckData | null = null;
  for (;;) {
    const view = okData(await request<TaskView | null>(socket, 'task:claim', {}), 'claim');
    if (view === null) {
      return last;
    }
    await negotiate(socket, view, rng);
    last = okData(
      await request<RateAckData>(socket, 'evaluation:rate', {
        taskId: view.taskId,
        answers: defaultAnswers(rng, participantId),
      }),
      'rate',
    );
  }
}

/** One dialogue in the workspace: end the talk, declare no deal, answer the questionnaire. */
async function negotiateInBrowser(page: Page, partner: number, rating: string) {
  const selection = page.getByRole('region', { name: 'Final selection' });
  const composer = page.getByRole('region', { name: 'Your move' });
  for (let move = 0; move < 6 && !(await selection.isVisible()); move++) {
    await selection.or(composer).first().waitFor();
    if (await composer.isVisible()) {
      const turns = await page.getByTestId('turn').count();
      await composer.getByRole('button', { name: 'End negotiation' }).click();
      await expect
        .poll(
          async () =>
            (await selection.isVisible()) || (await page.getByTestId('turn').count()) > turns + 1,
          { timeout: 15_000 },
        )
        .toBe(true);
    }
  }
  await selection.getByRole('button', { name: 'No deal' }).click();
  const questionnaire = page.getByTestId('questionnaire');
  await questionnaire.waitFor();
  expect(await questionnaire.getByRole('heading').textContent()).toBe(`About Partner ${partner}`);
  const scales = questionnaire.locator('fieldset.likert');
  for (let i = 0; i < (await scales.count()); i++) {
    await scales.nth(i).getByRole('radio', { name: rating }).check();
  }
  await questionnaire.getByRole('button', { name: 'Send my answers' }).click();
}

describe('an evaluation study in the browser', () => {
  it('is created with three agents by a researcher, run by participants, and shows per-agent results with CIs', async () => {
    const researcher = await browser.newContext({ viewport: desktop });
    const page = await researcher.newPage();
    const errors = collectPageErrors(page);
    onTestFailed(() => snap(page, 'failed-evaluation'));
    await openStudiesAsResearcher(page, platform.server.url);

    const form = page.getByRole('form', { name: 'New study' });
    await form.getByLabel('Name').fill('Three agents');
    await form.getByLabel('Kind').selectOption('evaluation');
    const agents = form.getByTestId('evaluation-agents');
    await agents.getByLabel('ASTRA (rule-based offer optimiser)').check();
    await agents.getByLabel('Scripted negotiator (boulware)').check();
    await agents.getByLabel('Scripted negotiator (fair)').check();
    await form.getByLabel('Participants (quota)').fill('3');
    await form.getByLabel(/Completion code/).fill('EVAL-OK');
    await form.getByRole('button', { name: 'Create study' }).click();

    const card = page.getByRole('region', { name: 'Study Three agents' });
    await expect
      .poll(() => card.getByTestId('study-status').textContent(), { timeout: 15_000 })
      .toBe('draft');
    await expect(card.textContent()).resolves.toContain('3 task(s) each');
    await card.getByRole('button', { name: 'Open' }).click();
    await expect
      .poll(() => card.getByTestId('study-status').textContent(), { timeout: 15_000 })
      .toBe('open');
    await card.getByText('Entry codes, signed links and the secret').click();
    const secret = (await card.getByTestId('study-secret').textContent()) ?? '';
    await card.getByText('Links to paste into the crowd platform').click();
    const template = (await card.getByTestId('prolific-template').textContent()) ?? '';
    const studyId = new URL(template.split('?')[0] ?? '').pathname.split('/')[2] ?? '';
    expect(studyId).toMatch(/^st-/);

    // Two participants over sockets (seats 0 and 1), then one in the browser (seat 2): one
    // full Latin square.
    const simulated = await Promise.all([
      simulatedParticipant(studyId, secret, 'sim-1'),
      simulatedParticipant(studyId, secret, 'sim-2'),
    ]);
    expect(simulated.map((r) => r?.completionCode)).toEqual(['EVAL-OK', 'EVAL-OK']);

    const crowd = await browser.newContext({ viewport: desktop });
    const participant = await crowd.newPage();
    const participantErrors = collectPageErrors(participant);
    onTestFailed(() => snap(participant, 'failed-evaluation-participant'));
    const query = new URLSearchParams({
      participant: 'browser-1',
      sig: signParticipant(secret, 'browser-1'),
    });
    await participant.goto(`${platform.server.url}/study/${studyId}?${query.toString()}`);
    await participant.getByRole('heading', { name: 'How the negotiation works' }).waitFor();
    await participant.getByRole('button', { name: 'Next: what you can say' }).click();
    await participant.getByRole('button', { name: 'Next: a practice dialogue' }).click();
    await participant.getByTestId('pending-offer').waitFor();
    await participant.getByRole('button', { name: /Agree to Alice/ }).click();
    await participant.getByRole('button', { name: 'Confirm my share' }).click();
    await participant.getByRole('button', { name: 'Start annotating' }).click();
    await participant.getByRole('button', { name: 'Start a task' }).click();
    for (const n of [1, 2, 3]) {
      await participant
        .getByRole('region', { name: 'Your move' })
        .or(participant.getByRole('region', { name: 'Final selection' }))
        .first()
        .waitFor();
      // The agent is never named to the participant.
      expect(await participant.locator('main').textContent()).not.toMatch(
        /ASTRA|boulware|Scripted/,
      );
      await negotiateInBrowser(participant, n, String(n + 2));
      if (n < 3) {
        await participant.getByRole('button', { name: 'Next negotiation' }).click();
      }
    }
    await participant.getByTestId('completion-code').waitFor();
    expect(await participant.getByTestId('completion-code').textContent()).toBe('EVAL-OK');
    await snap(participant, 'evaluation-1-participant-done');
    expect(participantErrors).toEqual([]);

    // The results on the study's card: each agent met by all three, a rating with its CI.
    await page.reload();
    const results = page
      .getByRole('region', { name: 'Study Three agents' })
      .getByTestId('evaluation-results');
    const rows = results.getByTestId('evaluation-agent');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    expect(await results.locator('tbody th').allTextContents()).toEqual([
      'astra',
      'scripted:boulware',
      'scripted:fair',
    ]);
    for (let i = 0; i < 3; i++) {
      // n = 3 dialogues per agent; the rating's 95 % CI is shown beside its mean.
      expect(await rows.nth(i).locator('td').first().textContent()).toBe('3');
      const quality = (await rows.nth(i).getByTestId('rating-quality').textContent()) ?? '';
      expect(quality).toMatch(/^\d\.\d\d ± \d+\.\d\d$/);
    }
    await snap(page, 'evaluation-2-results');
    expect(errors).toEqual([]);
    await crowd.close();
    await researcher.close();
  });
});
