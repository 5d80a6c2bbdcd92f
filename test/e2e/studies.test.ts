import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { signParticipant } from '../../platform/studies/studyService';
import { seedDemoAccounts } from '../../platform/users/demoAccounts';
import { HttpClient } from '../support/httpClient';
import { createTestTasks } from '../support/taskFactory';
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
let roundId: string;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startTestPlatform('e2e-studies'), launchBrowser()]);
  await seedDemoAccounts(platform.db.connection);
  const api = new HttpClient(platform.server.url);
  await api.login('researcher', 'parley-researcher');
  const round = await api.post('/api/rounds', {
    name: 'crowd round',
    domain: 'dealornodeal',
    selfPlayDialogues: 10,
    annotate: 4,
    oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
  });
  roundId = (round.body as { round: { id: string } }).round.id;
  await createTestTasks(platform.db.connection, 2, { redundancy: 2, roundId, seed: 29 });
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

describe('a crowd study in the browser', () => {
  it('is created and opened by a researcher; a participant enters by a signed link and gets the code', async () => {
    const researcher = await browser.newContext({ viewport: desktop });
    const page = await researcher.newPage();
    const errors = collectPageErrors(page);
    onTestFailed(() => snap(page, 'failed-studies'));
    await openStudiesAsResearcher(page, platform.server.url);

    const form = page.getByRole('form', { name: 'New study' });
    await form.getByLabel('Name').fill('Pilot on Prolific');
    await form.getByLabel(/crowd round/).check();
    await form.getByLabel('Participants (quota)').fill('2');
    await form.getByLabel('Tasks per participant').fill('1');
    await form.getByLabel(/Completion code/).fill('PILOT-OK');
    await form.getByRole('button', { name: 'Create study' }).click();

    const card = page.getByRole('region', { name: 'Study Pilot on Prolific' });
    await expect(card.getByTestId('study-status').textContent()).resolves.toBe('draft');
    await card.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => card.getByTestId('study-status').textContent()).toBe('open');
    await card.getByText('Links to paste into the crowd platform').click();
    const template = (await card.getByTestId('prolific-template').textContent()) ?? '';
    expect(template).toMatch(/PROLIFIC_PID=\{\{%PROLIFIC_PID%\}\}/);
    await card.getByText('Entry codes, signed links and the secret').click();
    const secret = (await card.getByTestId('study-secret').textContent()) ?? '';
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await snap(page, 'studies-1-researcher');
    const studyId = new URL(template.split('?')[0] ?? '').pathname.split('/')[2] ?? '';
    expect(errors).toEqual([]);

    // The participant: Prolific's parameters with the signature the researcher would send them.
    const crowd = await browser.newContext({ viewport: desktop });
    const participant = await crowd.newPage();
    const participantErrors = collectPageErrors(participant);
    onTestFailed(() => snap(participant, 'failed-studies-participant'));
    const query = new URLSearchParams({
      PROLIFIC_PID: 'pilot-participant-1',
      STUDY_ID: 'prolific-1',
      SESSION_ID: 'session-1',
      sig: signParticipant(secret, 'pilot-participant-1'),
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
    // Walk away: end the talk (again, if Alice answers with something else), then no deal.
    const selection = participant.getByRole('region', { name: 'Final selection' });
    const composer = participant.getByRole('region', { name: 'Your move' });
    for (let move = 0; move < 6 && !(await selection.isVisible()); move++) {
      await selection.or(composer).first().waitFor();
      if (await composer.isVisible()) {
        const turns = await participant.getByTestId('turn').count();
        await composer.getByRole('button', { name: 'End negotiation' }).click();
        await expect
          .poll(
            async () =>
              (await selection.isVisible()) ||
              (await participant.getByTestId('turn').count()) > turns + 1,
          )
          .toBe(true);
      }
    }
    await selection.getByRole('button', { name: 'No deal' }).click();
    await participant.getByTestId('completion-code').waitFor();
    expect(await participant.getByTestId('completion-code').textContent()).toBe('PILOT-OK');
    expect(await participant.getByTestId('completion-link').getAttribute('href')).toBe(
      'https://app.prolific.com/submissions/complete?cc=PILOT-OK',
    );
    await snap(participant, 'studies-2-participant-done');
    expect(participantErrors).toEqual([]);

    // Back on the Studies page: one participant in, and the CSV says completed.
    await page.reload();
    await expect(
      page.getByRole('region', { name: 'Study Pilot on Prolific' }).textContent(),
    ).resolves.toContain('1 of 2 participants in');
    const csv = await page.evaluate(
      (id) => fetch(`/api/studies/${id}/participants`).then((r) => r.text()),
      studyId,
    );
    expect(csv).toContain('pilot-participant-1,prolific,completed,1,');
    await crowd.close();
    await researcher.close();
  });
});
