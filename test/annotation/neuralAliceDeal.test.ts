import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { annotationModel } from '../../platform/annotation/annotationModel';
import { dialogueModel } from '../../platform/dialogues/dialogueModel';
import { taskModel, type Task } from '../../platform/tasks/taskModel';
import { isOffer } from '../../shared/dialogue/acts';
import { complement } from '../../shared/domain/allocation';
import { scoreOf } from '../../shared/domain/scoring';
import type { TaskEndedEvent, TaskView } from '../../shared/protocol/annotation';
import {
  signedInWorkerSocket,
  nextEvent,
  request,
  type AnnotateClient,
} from '../support/annotateClient';
import { seedSmallCheckpoints } from '../support/smallCheckpoints';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

/**
 * A round's neural Alice, live, from the human's side of the socket: an agreement to her offer
 * ends in a deal, scored from both selections by the game's rules.
 */
let platform: TestPlatform;
const sockets: AnnotateClient[] = [];

beforeAll(async () => {
  // A generous turn limit: ASTRA must not stand in for the policy on a loaded machine.
  platform = await startTestPlatform('neural_alice_deal', { aliceTurnTimeoutMs: 60_000 });
  await seedSmallCheckpoints(platform.db.connection);
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await taskModel(platform.db.connection).deleteMany({});
});
afterAll(async () => {
  await platform.close();
});

interface Claimed {
  socket: AnnotateClient;
  view: TaskView;
  task: Task;
  /** Alice's offer the worker agrees to: her share. */
  offer: number[];
}

/** A worker claims a round task whose Alice is the round's checkpoint `small-alice`. */
async function claimRoundTask(): Promise<Claimed> {
  const connection = platform.db.connection;
  const [created] = await createTestTasks(connection, 1, {
    alice: { kind: 'policy', name: 'small-alice' },
    roundId: 'round-neural-deal',
  });
  const { socket } = await signedInWorkerSocket(connection, platform.server.url, sockets);
  const ack = await request<TaskView | null>(socket, 'task:claim', {});
  if (!ack.ok || ack.data === null) {
    throw new Error(`claim failed: ${JSON.stringify(ack)}`);
  }
  const view = ack.data;
  expect(view.taskId).toBe(created!._id.toHexString());
  expect(view.aliceAgent.kind).toBe('policy');
  const last = view.history.at(-1)!;
  expect(last.speaker).toBe('alice');
  if (!isOffer(last.act)) {
    throw new Error(`the task's prefix should end with Alice's offer, not ${last.act.type}`);
  }
  return { socket, view, task: created!, offer: [...last.act.allocation] };
}

/**
 * The worker agrees to Alice's offer; Alice answers (the policy may close or offer anew); the
 * worker ends unless she did. Resolves once the acts are over.
 */
async function agreeAndEnd({ socket, view }: Claimed): Promise<void> {
  const reply = nextEvent(socket, 'dialogue:act', 60_000);
  const agreed = await request(socket, 'dialogue:act', {
    taskId: view.taskId,
    seq: 1,
    act: { type: 'agree' },
  });
  expect(agreed.ok).toBe(true);
  const answer = await reply;
  expect(answer.speaker).toBe('alice');
  if (answer.act.type !== 'end') {
    const ended = await request(socket, 'dialogue:act', {
      taskId: view.taskId,
      seq: 2,
      act: { type: 'end' },
    });
    expect(ended.ok).toBe(true);
  }
}

/** Bob selects; resolves with the task's end as the worker is told it. */
async function select(claimed: Claimed, allocation: number[] | null): Promise<TaskEndedEvent> {
  const ended = nextEvent(claimed.socket, 'task:ended', 60_000);
  const ack = await request(claimed.socket, 'dialogue:select', {
    taskId: claimed.view.taskId,
    allocation,
  });
  expect(ack).toMatchObject({ ok: true, data: { ended: true } });
  return ended;
}

async function storedRecord(taskId: string) {
  const stored = await dialogueModel(platform.db.connection).findOne({ taskId }).lean();
  expect(stored).not.toBeNull();
  return stored!.record;
}

describe("a deal with a round's neural Alice", () => {
  it('is a deal when the worker agrees to her offer, ends and confirms the complement', async () => {
    const claimed = await claimRoundTask();
    const { task, offer } = claimed;
    await agreeAndEnd(claimed);
    const bobShare = complement(task.counts, offer);
    const expected = {
      alice: scoreOf(task.aliceUtilities, offer),
      bob: scoreOf(task.bobUtilities, bobShare),
    };
    expect(expected.alice).toBeGreaterThan(0);
    expect(expected.bob).toBeGreaterThan(0);

    const ended = await select(claimed, bobShare);
    expect(ended).toMatchObject({ outcome: { agreed: true, bobShare }, scores: expected });

    const record = await storedRecord(claimed.view.taskId);
    expect(record.selections).toEqual([offer, bobShare]);
    expect(record.outcome).toMatchObject({
      agreed: true,
      allocation: offer,
      scores: [expected.alice, expected.bob],
    });
    expect(record.provenance).toMatchObject({
      round: 'round-neural-deal',
      alice: { kind: 'policy', name: 'small-alice' },
    });
    // The policy itself answered every turn (no ASTRA stand-in).
    expect(record.provenance).not.toHaveProperty('aliceFallbacks');
  });

  it("is still a deal when Alice's selection write was lost: she selects as the worker does", async () => {
    const claimed = await claimRoundTask();
    const { task, offer } = claimed;
    await agreeAndEnd(claimed);
    const annotations = annotationModel(platform.db.connection);
    // Alice selects when the acts end; lose that write, as a crash in between would.
    // (When Alice ended the talk, her selection is written a moment after her `end` arrives.)
    const stored = await vi.waitFor(
      async () => {
        const found = await annotations.findOne({ taskId: claimed.view.taskId }).lean();
        expect(found).toHaveProperty('aliceSelection');
        return found;
      },
      { timeout: 60_000, interval: 50 },
    );
    await annotations.updateOne({ _id: stored!._id }, { $unset: { aliceSelection: 1 } });

    const bobShare = complement(task.counts, offer);
    const ended = await select(claimed, bobShare);
    expect(ended.outcome).toMatchObject({ agreed: true, bobShare });
    const record = await storedRecord(claimed.view.taskId);
    expect(record.selections).toEqual([offer, bobShare]);
    expect(record.outcome.scores).toEqual([
      scoreOf(task.aliceUtilities, offer),
      scoreOf(task.bobUtilities, bobShare),
    ]);
  });

  it('is no deal, both scores 0, when the selections do not divide the items', async () => {
    const claimed = await claimRoundTask();
    await agreeAndEnd(claimed);
    // The worker claims everything: Alice's share and his overlap.
    const everything = [...claimed.task.counts];
    const ended = await select(claimed, everything);
    expect(ended).toMatchObject({
      outcome: { agreed: false, bobShare: null },
      scores: { alice: 0, bob: 0 },
    });
    const record = await storedRecord(claimed.view.taskId);
    expect(record.selections).toEqual([claimed.offer, everything]);
    expect(record.outcome).toMatchObject({ agreed: false, allocation: null, scores: [0, 0] });
  });
});
