import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TaskView } from '../../shared/protocol/annotation';
import { annotationModel } from '../../platform/annotation/annotationModel';
import { taskModel, type Task } from '../../platform/tasks/taskModel';
import { type AnnotateClient, claimed, connectAnnotate, request } from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

/** What the worker's workspace needs from `/annotate` beyond the moves themselves. */

let platform: TestPlatform;
const sockets: AnnotateClient[] = [];

beforeAll(async () => {
  platform = await startTestPlatform('workspace-protocol');
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await taskModel(platform.db.connection).deleteMany({});
  await annotationModel(platform.db.connection).deleteMany({});
});
afterAll(async () => {
  await platform.close();
});

async function signedIn(roles: Parameters<typeof createTestUser>[1] = ['worker']) {
  const user = await createTestUser(platform.db.connection, roles);
  const http = new HttpClient(platform.server.url);
  await http.login(user.username, user.password);
  return { ...user, http };
}

async function socketOf(cookie: string | null): Promise<AnnotateClient> {
  const socket = await connectAnnotate(platform.server.url, { cookie });
  sockets.push(socket);
  return socket;
}

/** The `data` of a refused handshake's connect_error. */
async function refusalOf(cookie: string | null): Promise<unknown> {
  const error: unknown = await connectAnnotate(platform.server.url, { cookie }).then(
    (socket) => {
      socket.close();
      throw new Error('the handshake was accepted');
    },
    (refused: unknown) => refused,
  );
  return (error as { data?: unknown }).data;
}

describe('the task view marks where the worker takes over', () => {
  it('takeoverAt is the length of the self-play prefix, on claim and on resume', async () => {
    const [task] = (await createTestTasks(platform.db.connection, 1)) as [Task];
    const worker = await signedIn();
    const socket = await socketOf(worker.http.cookie);
    const view = await claimed(socket);
    expect(task.prefix.length).toBeGreaterThan(0);
    expect(view.takeoverAt).toBe(task.prefix.length);
    // The prefix is what the view's history starts with, Bob's self-play turns included.
    expect(view.history.slice(0, view.takeoverAt).map((t) => t.speaker)).toEqual(
      task.prefix.map((t) => (t.speaker === 0 ? 'alice' : 'bob')),
    );
    const resumed = await request<TaskView>(socket, 'task:resume', { taskId: view.taskId });
    expect(resumed.ok && resumed.data.takeoverAt).toBe(task.prefix.length);
  });
});

describe('a worker blocked mid-task', () => {
  it('is cut off, and the reconnect is refused with account_blocked (not a silent retry)', async () => {
    await createTestTasks(platform.db.connection, 1, { redundancy: 1 });
    const worker = await signedIn();
    const reviewer = await signedIn(['reviewer']);
    const socket = await socketOf(worker.http.cookie);
    await claimed(socket);

    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const blocked = await reviewer.http.post(`/api/review/workers/${worker.id}/block`, {
      reason: 'random acts on every task',
    });
    expect(blocked.status).toBe(200);
    expect(await cut).toBe('io server disconnect');

    expect(await refusalOf(worker.http.cookie)).toEqual({
      code: 'account_blocked',
      message: 'This account is blocked.',
    });
  });

  it('still refuses a handshake without a session as unauthorized', async () => {
    expect(await refusalOf(null)).toEqual({ code: 'unauthorized', message: 'Sign in first.' });
  });
});
