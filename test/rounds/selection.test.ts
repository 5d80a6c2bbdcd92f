import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialogueModel } from '../../platform/dialogues/dialogueModel';
import { taskModel } from '../../platform/tasks/taskModel';
import type { TaskView } from '../../shared/protocol/annotation';
import type { RoundView } from '../../shared/protocol/rounds';
import type { RankedDialogue } from '../../pipeline/rankStage';
import { request, signedInWorkerSocket, type AnnotateClient } from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { roundRunner, runJobsUntil } from '../support/roundWorkers';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
const sockets: AnnotateClient[] = [];

beforeAll(async () => {
  platform = await startTestPlatform('round_selection');
});
afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  await platform.close();
});

const dialogues = 30; // ≤ the 50 the ranking keeps, so it lists every dialogue
const annotate = 6;

/**
 * Targeted acquisition's heart: which self-play dialogues a round hands to annotators, where it
 * cuts them and in what order they are claimed. The expectation is recomputed from the stored
 * dialogues and Bob's surprisal at each of Alice's acts, from the paper's definition.
 */
describe('a round selects the k most novel dialogues', () => {
  it('cuts each after Alice’s most novel act and hands them out most novel first', async () => {
    const connection = platform.db.connection;
    const researcher = await createTestUser(connection, ['researcher']);
    const http = new HttpClient(platform.server.url);
    await http.login(researcher.username, researcher.password);
    const created = await http.post('/api/rounds', {
      name: 'selection round',
      domain: 'dealornodeal',
      selfPlayDialogues: dialogues,
      annotate,
      oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
      redundancy: 1,
      seed: 11,
    });
    expect(created.status).toBe(201);
    const roundId = (created.body as { round: RoundView }).round.id;
    expect((await http.post(`/api/rounds/${roundId}/launch`, {})).status).toBe(200);
    const round = await runJobsUntil(
      roundRunner(connection, 'selection-worker'),
      connection,
      roundId,
      (r) => r.status === 'annotating',
      180_000,
    );

    const ranking = (round.pipeline as { ranking: RankedDialogue[] }).ranking;
    const stored = await dialogueModel(connection).find({ roundId, source: 'selfplay' }).lean();
    expect(stored).toHaveLength(dialogues);
    const turnsOf = new Map(stored.map((d) => [d.record.id, d.record.turns]));
    // Every dialogue in which Alice said something is ranked (one without an act of hers has
    // no novelty).
    const withAlice = stored.filter((d) => d.record.turns.some((t) => t.speaker === 0));
    expect(ranking.map((e) => e.dialogueId).sort()).toEqual(
      withAlice.map((d) => d.record.id).sort(),
    );

    // s_n = min over Alice's acts of log p_Bob = −(max surprisal); the cut is at that act.
    for (const entry of ranking) {
      const turns = turnsOf.get(entry.dialogueId) ?? [];
      const alice = turns.flatMap((turn, t) => (turn.speaker === 0 ? [t] : []));
      expect(entry.surprisal.map((s) => s !== null)).toEqual(turns.map((t) => t.speaker === 0));
      const worst = Math.max(...alice.map((t) => entry.surprisal[t] ?? -Infinity));
      expect(entry.novelty).toBeCloseTo(-worst, 9);
      expect(entry.surprisal[entry.cutAt]).toBe(worst);
    }
    // Ranked most novel (lowest log p) first.
    const scores = ranking.map((e) => e.novelty);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));

    // The k most novel whose cut leaves the oracle something to say (Bob speaks next, the act at
    // the cut does not end the dialogue) and whose prefix holds no agreement.
    const expected = ranking
      .filter((entry) => {
        const turns = turnsOf.get(entry.dialogueId) ?? [];
        const prefix = turns.slice(0, entry.cutAt + 1);
        return (
          turns[entry.cutAt + 1]?.speaker === 1 &&
          prefix.at(-1)?.act.type !== 'end' &&
          prefix.every((t) => t.act.type !== 'agree')
        );
      })
      .slice(0, annotate);
    expect(expected).toHaveLength(annotate);
    const tasks = await taskModel(connection).find({ roundId }).lean();
    expect(
      tasks
        .map((t) => ({ dialogueId: t.source.dialogueId, cutAt: t.source.cutAt }))
        .sort((a, b) => a.dialogueId.localeCompare(b.dialogueId)),
    ).toEqual(
      expected
        .map((e) => ({ dialogueId: e.dialogueId, cutAt: e.cutAt }))
        .sort((a, b) => a.dialogueId.localeCompare(b.dialogueId)),
    );
    expect(ranking.filter((e) => e.oracle === 'human').map((e) => e.dialogueId)).toEqual(
      expected.map((e) => e.dialogueId),
    );
    // A task shows the dialogue up to and including the cut act.
    for (const task of tasks) {
      expect(task.prefix).toHaveLength(task.source.cutAt + 1);
    }

    // Claimed most novel first: one worker after another takes the next most novel task.
    const claimed: string[] = [];
    for (let i = 0; i < annotate; i++) {
      const { socket } = await signedInWorkerSocket(connection, platform.server.url, sockets);
      const claim = await request<TaskView | null>(socket, 'task:claim', {});
      expect(claim.ok).toBe(true);
      const taskId = claim.ok ? claim.data?.taskId : undefined;
      claimed.push(tasks.find((t) => t._id.toHexString() === taskId)?.source.dialogueId ?? '');
    }
    expect(claimed).toEqual(expected.map((e) => e.dialogueId));
  }, 240_000);
});
