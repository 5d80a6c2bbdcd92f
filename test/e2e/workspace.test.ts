import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import type { DomainId } from '../../shared/domain/types';
import { createTasks, taskFromRecord, type NewTask } from '../../platform/tasks/createTasks';
import { taskModel, type Task } from '../../platform/tasks/taskModel';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { collectPageErrors, desktop, launchBrowser, snap } from './support/browser';

/** The worker's annotation workspace in a real browser: takeover, skip, block, readable buttons. */

let platform: TestPlatform;
let browser: Browser;

const taskSeed = 11;

/**
 * Tasks from seeded synthetic dialogues (seed 11), each cut at the first act of Alice's that
 * follows one of Bob's and leaves the dialogue open: every prefix holds the earlier Bob's turns.
 */
async function createTakeoverTasks(
  domain: DomainId,
  count: number,
  novelty: number,
): Promise<Task[]> {
  const spec = {
    domain: getDomain(domain),
    dialogues: count,
    seed: taskSeed,
    population: parsePopulation('boulware:1,conceder:1'),
  };
  const tasks: NewTask[] = [];
  for (let index = 0; tasks.length < count; index++) {
    const record = generateDialogue(spec, index);
    const cutAt = record.turns.findIndex(
      (turn, i) =>
        turn.speaker === 0 &&
        i < record.turns.length - 3 &&
        record.turns.slice(0, i).some((before) => before.speaker === 1),
    );
    if (cutAt >= 0) {
      tasks.push(
        taskFromRecord(record, {
          cutAt,
          novelty,
          redundancy: 1,
          alice: { kind: 'scripted', name: 'conceder' },
          models: { alice: 'test:alice', bob: 'test:bob' },
        }),
      );
    }
  }
  return createTasks(platform.db.connection, tasks);
}

beforeAll(async () => {
  [platform, browser] = await Promise.all([startTestPlatform('e2e-workspace'), launchBrowser()]);
  await createTakeoverTasks('dealornodeal', 6, 0);
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

/** A new worker signed in on /annotate; past onboarding unless `onboarded` is false. */
async function signedInWorker(
  name: string,
  options: { onboarded?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; userId: string; errors: string[] }> {
  const user = await createTestUser(platform.db.connection, ['worker']);
  const context = await browser.newContext({ viewport: desktop });
  if (options.onboarded !== false) {
    await context.addInitScript(
      `localStorage.setItem('parley.onboarded.${user.id}', '2026-01-01T00:00:00Z')`,
    );
  }
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  onTestFailed(() => snap(page, `failed-${name}`));
  await page.goto(`${platform.server.url}/annotate`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { context, page, userId: user.id, errors };
}

async function startTask(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Start a task' }).click();
  await page.getByRole('region', { name: 'Dialogue' }).waitFor();
  // (Expressions as strings: this file is type-checked without the DOM library.)
  const taskId = await page.evaluate("sessionStorage.getItem('parley.currentTask')");
  expect(taskId).toMatch(/^[a-f0-9]{24}$/);
  return taskId as string;
}

const findTask = (taskId: string) =>
  taskModel(platform.db.connection).findById(taskId).lean<Task>().exec();

/** WCAG contrast ratio of two CSS `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('the annotation workspace', () => {
  it('marks where the worker takes over, and labels the earlier Bob as such', async () => {
    const { context, page, errors } = await signedInWorker('takeover');
    const taskId = await startTask(page);
    const task = await findTask(taskId);
    const prefix = task?.prefix ?? [];
    expect(prefix.some((t) => t.speaker === 1)).toBe(true);

    const marker = page.getByTestId('takeover-marker');
    await marker.waitFor();
    expect(await marker.textContent()).toBe("You take over Bob's seat here");
    await snap(page, 'workspace-1-takeover');
    // Each turn's speaker, in order, with the marker where it stands.
    const rows = await page
      .locator('[data-testid="turn"] .who, [data-testid="takeover-marker"]')
      .allTextContents();
    const expected = prefix.map((t) => (t.speaker === 0 ? 'Alice' : 'Bob (before you)'));
    expect(rows.slice(0, prefix.length + 1)).toEqual([
      ...expected,
      "You take over Bob's seat here",
    ]);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the green "Agree" button readable under the pointer', async () => {
    // The practice dialogue: the scripted Alice opens with an offer, so "Agree" is enabled.
    const { context, page } = await signedInWorker('green-hover', { onboarded: false });
    await page.getByRole('button', { name: 'Next: what you can say' }).click();
    await page.getByRole('button', { name: 'Next: a practice dialogue' }).click();
    await page.getByTestId('pending-offer').waitFor();
    const agree = page.getByRole('button', { name: /Agree to Alice/ });
    const colours = () =>
      agree.evaluate((el) => {
        // Runs in the page (this file is type-checked without the DOM library).
        const page = globalThis as unknown as {
          getComputedStyle(e: unknown): { color: string; backgroundColor: string };
        };
        const style = page.getComputedStyle(el);
        return { text: style.color, background: style.backgroundColor };
      });
    const resting = await colours();
    await agree.hover();
    await expect.poll(colours).not.toEqual(resting);
    const hovered = await colours();
    await snap(page, 'workspace-2-agree-hover');
    expect(contrast(hovered.text, hovered.background)).toBeGreaterThanOrEqual(4.5);
    await context.close();
  });

  it('skips a task after a confirmation: the task is freed and the next one offered', async () => {
    const { context, page, errors } = await signedInWorker('skip');
    const first = await startTask(page);

    await page.getByRole('button', { name: 'Skip this task' }).click();
    const ask = page.getByRole('group', { name: 'Skip this task' });
    await ask.waitFor();
    await snap(page, 'workspace-3-skip-confirm');
    await ask.getByRole('button', { name: 'Keep working on it' }).click();
    await ask.waitFor({ state: 'detached' });
    expect((await findTask(first))?.leases.map((l) => l.status)).toEqual(['active']);

    await page.getByRole('button', { name: 'Skip this task' }).click();
    await page.getByRole('button', { name: 'Yes, skip it' }).click();
    await page.getByText('You skipped the task').waitFor();
    const freed = await findTask(first);
    expect(freed?.leases.map((l) => l.status)).toEqual(['abandoned']);
    expect(freed?.openSlots).toBe(1);

    const second = await startTask(page);
    expect(second).not.toBe(first);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets a CaSiNo worker ask Alice about priorities, and walk away after a confirmation', async () => {
    // The most novel task in the queue, so this worker's claim takes it.
    await createTakeoverTasks('casino', 1, 100);
    const { context, page, errors } = await signedInWorker('casino');
    const taskId = await startTask(page);
    expect((await findTask(taskId))?.domain).toBe('casino');

    const turns = await page.getByTestId('turn').count();
    const talk = page.getByRole('group', { name: 'Priorities' });
    await talk.getByRole('button', { name: 'Ask what matters most to Alice' }).click();
    // My question, then Alice's answer, then my move again.
    await expect.poll(() => page.getByTestId('turn').count()).toBeGreaterThanOrEqual(turns + 2);
    const mine = page.getByTestId('turn').nth(turns);
    expect(await mine.locator('.who').textContent()).toBe('You');
    expect(await mine.locator('.said').textContent()).toBe('What matters most to you?');
    await page.getByRole('region', { name: 'Your move' }).waitFor();
    await snap(page, 'workspace-5-casino-priorities');

    await page.getByRole('button', { name: 'Walk away' }).click();
    const ask = page.getByRole('group', { name: 'Walk away' });
    expect(await ask.textContent()).toContain('you get 5 points');
    await snap(page, 'workspace-6-walk-away-confirm');
    await ask.getByRole('button', { name: 'Yes, walk away' }).click();
    await page.getByTestId('outcome').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells a worker blocked mid-task so, instead of reconnecting for ever', async () => {
    const { context, page, userId } = await signedInWorker('blocked');
    const taskId = await startTask(page);
    await page.getByRole('region', { name: 'Dialogue' }).waitFor();

    const reviewer = await createTestUser(platform.db.connection, ['reviewer']);
    const http = new HttpClient(platform.server.url);
    await http.login(reviewer.username, reviewer.password);
    const blocked = await http.post(`/api/review/workers/${userId}/block`, {
      reason: 'random acts on every task',
    });
    expect(blocked.status).toBe(200);

    const closed = page.getByTestId('session-closed');
    await closed.waitFor();
    await snap(page, 'workspace-4-blocked');
    expect(await closed.getByRole('heading').textContent()).toBe('Your account is blocked');
    expect(await closed.textContent()).toContain('Contact the study team');
    expect(await page.getByTestId('reconnect-banner').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Dialogue' }).count()).toBe(0);
    const lease = (await findTask(taskId))?.leases.find((l) => l.workerId === userId);
    expect(lease?.status).toBe('abandoned');
    await context.close();
  });
});
