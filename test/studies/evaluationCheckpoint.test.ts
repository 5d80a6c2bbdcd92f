import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskView } from '../../shared/protocol/annotation';
import type { RateAckData } from '../../shared/protocol/evaluation';
import type { StudyView } from '../../shared/protocol/studies';
import { createRng } from '../../shared/random/rng';
import { annotationModel, type Annotation } from '../../platform/annotation/annotationModel';
import { taskModel, type Task } from '../../platform/tasks/taskModel';
import { propertySeed } from '../setup/propertySeed';
import { connectAnnotate, request, type AnnotateClient } from '../support/annotateClient';
import { defaultAnswers, negotiate, okData } from '../support/evaluationParticipant';
import { errorCode, HttpClient } from '../support/httpClient';
import { signedEntry } from '../support/factories';
import { seedSmallCheckpoints } from '../support/smallCheckpoints';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { signIn, type SignedInPrincipal } from '../security/principals';

/**
 * A trained checkpoint as an evaluated agent: it plays Alice's seat live (the neural policy,
 * not a stand-in), like a round's Alice in an annotation task.
 */

const seed = propertySeed();
console.log(
  `[evaluation checkpoint] participant's choices from seed ${seed} (PARLEY_PROPERTY_SEED)`,
);

let platform: TestPlatform;
let owner: SignedInPrincipal;
let socket: AnnotateClient | null = null;

beforeAll(async () => {
  // A generous turn limit: the first reply loads TensorFlow.js and the checkpoint.
  platform = await startTestPlatform('evaluation-checkpoint', { aliceTurnTimeoutMs: 60_000 });
  await seedSmallCheckpoints(platform.db.connection);
  owner = await signIn(platform.db.connection, platform.server.url, 'researcher');
});
afterAll(async () => {
  socket?.close();
  await platform.close();
});

describe('a checkpoint in an evaluation study', () => {
  it('must be one the researcher may use', async () => {
    const res = await owner.client.post('/api/studies', {
      kind: 'evaluation',
      name: 'unknown checkpoint',
      quota: 2,
      tasksPerParticipant: 1,
      completionCode: 'EVAL-CP',
      evaluation: { domain: 'dealornodeal', checkpoints: ['astra', 'no-such-version'] },
    });
    expect([res.status, errorCode(res.body)]).toEqual([404, 'not_found']);
  });

  it("plays Alice's seat with its own policy, and the results name it", async () => {
    const created = await owner.client.post('/api/studies', {
      kind: 'evaluation',
      name: 'policy against ASTRA',
      quota: 2,
      tasksPerParticipant: 1,
      completionCode: 'EVAL-CP',
      evaluation: {
        domain: 'dealornodeal',
        checkpoints: ['small-alice', 'astra'],
        questionnaire: [{ id: 'quality', text: 'A good negotiator.', kind: 'likert' }],
      },
    });
    expect(created.status).toBe(201);
    const id = (created.body as { study: StudyView }).study.id;
    const opened = await owner.client.post(`/api/studies/${id}/open`);
    const study = (opened.body as { study: StudyView }).study;

    const http = new HttpClient(platform.server.url);
    const entry = signedEntry({ studyId: study.id, secret: study.secret ?? '' }, 'cp-1');
    expect((await http.post('/api/study/enter', entry)).status).toBe(200);
    socket = await connectAnnotate(platform.server.url, { cookie: http.cookie });
    const rng = createRng(`${seed}:cp-1`);
    let last: RateAckData | null = null;
    for (let i = 0; i < 2; i++) {
      const view = okData(await request<TaskView | null>(socket, 'task:claim', {}), 'claim');
      if (view === null) {
        throw new Error('a dialogue is missing');
      }
      await negotiate(socket, view, rng);
      last = okData(
        await request<RateAckData>(socket, 'evaluation:rate', {
          taskId: view.taskId,
          answers: { quality: defaultAnswers(rng, '').quality ?? 3 },
        }),
        'rate',
      );
    }
    expect(last?.completionCode).toBe('EVAL-CP');

    // The stored dialogue with the checkpoint: every Alice turn by the policy itself.
    const task = await taskModel(platform.db.connection)
      .findOne({ 'evaluation.studyId': study.id, 'evaluation.agent': 'small-alice' })
      .lean<Task>()
      .exec();
    expect(task?.alice).toEqual({ kind: 'policy', name: 'small-alice' });
    const annotation = await annotationModel(platform.db.connection)
      .findOne({ taskId: task?._id.toHexString() })
      .lean<Annotation>()
      .exec();
    const alice = (annotation?.turns ?? []).filter((t) => t.speaker === 0);
    expect(alice.length).toBeGreaterThan(0);
    expect(alice.map((t) => t.playedBy as unknown)).toEqual(
      alice.map(() => ({ kind: 'policy', name: 'small-alice', fallback: null })),
    );
    const results = await owner.client.get(`/api/studies/${study.id}/results`);
    const agents = (results.body as { results: { agents: { agent: string; dialogues: number }[] } })
      .results.agents;
    expect(agents.map((a) => [a.agent, a.dialogues])).toEqual([
      ['small-alice', 1],
      ['astra', 1],
    ]);
  });
});
