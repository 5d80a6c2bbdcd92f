import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { annotationModel } from '../../platform/annotation/annotationModel';
import { createCheckpointStore } from '../../platform/checkpoints/checkpointStore';
import { dialogueModel } from '../../platform/dialogues/dialogueModel';
import { taskModel } from '../../platform/tasks/taskModel';
import { dealOrNoDeal } from '../../shared/domain/dealOrNoDeal';
import type { TaskView } from '../../shared/protocol/annotation';
import { serializePolicy } from '../../learning/checkpoint';
import { createPolicy } from '../../learning/policy';
import { defaultPolicyConfig } from '../../learning/policyConfig';
import { trainSupervised } from '../../learning/supervised';
import { initTensorflow } from '../../learning/tensorflowBackend';
import { scriptedCorpus } from '../../learning/testing/scriptedCorpus';
import {
  connectAnnotate,
  nextEvent,
  request,
  type AnnotateClient,
} from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
const sockets: AnnotateClient[] = [];

beforeAll(async () => {
  platform = await startTestPlatform('neural_alice', { aliceTurnTimeoutMs: 10_000 });
  const { tf } = await initTensorflow();
  const policy = createPolicy(tf, { ...defaultPolicyConfig('dealornodeal', 2), hidden: 16 });
  trainSupervised(policy, scriptedCorpus(dealOrNoDeal, 40, 2), { epochs: 1, seed: 2 });
  const store = createCheckpointStore(platform.db.connection);
  await store.save(
    { version: 'live-alice', domain: 'dealornodeal', role: 'alice' },
    serializePolicy(policy, { createdAt: new Date().toISOString() }),
  );
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await taskModel(platform.db.connection).deleteMany({});
});
afterAll(async () => {
  await platform.close();
});

async function claimedBy(): Promise<{ socket: AnnotateClient; view: TaskView }> {
  const user = await createTestUser(platform.db.connection, ['worker']);
  const http = new HttpClient(platform.server.url);
  await http.login(user.username, user.password);
  const socket = await connectAnnotate(platform.server.url, { cookie: http.cookie });
  sockets.push(socket);
  const ack = await request<TaskView | null>(socket, 'task:claim', {});
  if (!ack.ok || ack.data === null) {
    throw new Error(`claim failed: ${JSON.stringify(ack)}`);
  }
  return { socket, view: ack.data };
}

/** Bob disagrees (always legal after Alice's offer); Alice's reply is awaited and returned. */
async function bobDisagrees(socket: AnnotateClient, view: TaskView) {
  const reply = nextEvent(socket, 'dialogue:act');
  const ack = await request(socket, 'dialogue:act', {
    taskId: view.taskId,
    seq: 1,
    act: { type: 'disagree' },
  });
  expect(ack.ok).toBe(true);
  return reply;
}

describe("a round's neural Alice, live", () => {
  it('replies from the checkpoint, and the view and the stored turn say so', async () => {
    await createTestTasks(platform.db.connection, 1, {
      alice: { kind: 'policy', name: 'live-alice' },
    });
    const { socket, view } = await claimedBy();
    expect(view.aliceAgent).toEqual({
      kind: 'policy',
      name: 'live-alice',
      label: 'Neural policy (checkpoint live-alice)',
    });
    const reply = await bobDisagrees(socket, view);
    expect(reply.speaker).toBe('alice');
    const annotation = await annotationModel(platform.db.connection)
      .findOne({ taskId: view.taskId })
      .lean();
    expect(annotation?.turns[1]?.playedBy).toEqual({
      kind: 'policy',
      name: 'live-alice',
      fallback: null,
    });
    expect(annotation?.turns[1]?.act).toEqual(reply.act);
  });

  it('lets ASTRA answer when the policy cannot, and the record says so', async () => {
    await createTestTasks(platform.db.connection, 1, {
      alice: { kind: 'policy', name: 'no-such-checkpoint' },
    });
    const { socket, view } = await claimedBy();
    const reply = await bobDisagrees(socket, view);
    expect(reply.speaker).toBe('alice');
    const annotation = await annotationModel(platform.db.connection)
      .findOne({ taskId: view.taskId })
      .lean();
    expect(annotation?.turns[1]?.playedBy).toMatchObject({
      kind: 'astra',
      name: 'astra',
      fallback: expect.stringContaining('no-such-checkpoint') as unknown,
    });
    const ended = nextEvent(socket, 'task:ended');
    await request(socket, 'dialogue:act', { taskId: view.taskId, seq: 2, act: { type: 'end' } });
    // Alice may still be answering the end; selecting ends the task once the acts are over.
    for (let i = 0; i < 50; i++) {
      const ack = await request(socket, 'dialogue:select', {
        taskId: view.taskId,
        allocation: null,
      });
      if (ack.ok) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await ended;
    const record = await dialogueModel(platform.db.connection)
      .findOne({ taskId: view.taskId })
      .lean();
    expect(record?.record.provenance).toMatchObject({
      alice: { kind: 'policy', name: 'no-such-checkpoint' },
      aliceFallbacks: [
        {
          turn: view.turn + 1,
          playedBy: 'astra',
          reason: expect.stringContaining('no-such-checkpoint') as unknown,
        },
      ],
    });
  });

  it('lets ASTRA answer a turn the policy does not reply to in time', async () => {
    const hurried = await startTestPlatform('neural_alice_hurried', { aliceTurnTimeoutMs: 1 });
    try {
      const [task] = await createTestTasks(hurried.db.connection, 1, {
        alice: { kind: 'policy', name: 'live-alice' },
      });
      await createCheckpointStore(hurried.db.connection).save(
        { version: 'live-alice', domain: 'dealornodeal', role: 'alice' },
        (await createCheckpointStore(platform.db.connection).load('live-alice')).bytes,
      );
      const user = await createTestUser(hurried.db.connection, ['worker']);
      const http = new HttpClient(hurried.server.url);
      await http.login(user.username, user.password);
      const socket = await connectAnnotate(hurried.server.url, { cookie: http.cookie });
      sockets.push(socket);
      const claim = await request<TaskView>(socket, 'task:claim', {});
      expect(claim.ok && claim.data.taskId).toBe(task!._id.toHexString());
      const view = (claim as { data: TaskView }).data;
      const reply = await bobDisagrees(socket, view);
      expect(reply.speaker).toBe('alice');
      const annotation = await annotationModel(hurried.db.connection)
        .findOne({ taskId: view.taskId })
        .lean();
      expect(annotation?.turns[1]?.playedBy).toMatchObject({
        kind: 'astra',
        fallback: expect.stringMatching(/within 1 ms|took \d+ ms/) as unknown,
      });
    } finally {
      await hurried.close();
    }
  });
});
