import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptedNegotiators } from '../../shared/agents/scripted/catalogue';
import type { Act } from '../../shared/dialogue/acts';
import { getDomain } from '../../shared/domain/domains';
import type { ActAckData, TaskView } from '../../shared/protocol/annotation';
import { createRng } from '../../shared/random/rng';
import { annotationModel, type Annotation } from '../../platform/annotation/annotationModel';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { taskModel, type Task } from '../../platform/tasks/taskModel';
import { openTestDatabase } from '../setup/testDatabase';
import { connectAnnotate, request, type AnnotateClient } from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { createTestTasks } from '../support/taskFactory';

const sessions = 20;
let db: Awaited<ReturnType<typeof openTestDatabase>>;
const servers: ServerProcess[] = [];
const sockets: AnnotateClient[] = [];

beforeAll(async () => {
  db = await openTestDatabase('serverkill');
  await prepareDatabase(db.connection);
});
afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  await Promise.all(servers.map((server) => server.stop()));
  await db.drop();
});

/** One worker in Bob's seat: a scripted negotiator chooses acts from the worker's view only. */
interface Session {
  cookie: string;
  workerId: string;
  view: TaskView;
  /** Every act the server acknowledged, by seq. */
  acked: Map<number, Act>;
  /** Acts sent whose ack never came (the server died first): resent after the restart. */
  unacked: Map<number, Act>;
  nextSeq: number;
  bob: ReturnType<typeof scriptedNegotiators.conceder.create>;
}

const turnsOf = (view: TaskView) =>
  view.history.map((h) => ({
    speaker: h.speaker === 'alice' ? (0 as const) : (1 as const),
    act: h.act,
  }));

function nextAct(session: Session): Act {
  return session.bob.act({
    domain: getDomain(session.view.domain),
    counts: session.view.counts,
    utilities: session.view.utilities,
    me: 1,
    turns: turnsOf(session.view),
  });
}

async function resumed(socket: AnnotateClient, taskId: string): Promise<TaskView> {
  const ack = await request<TaskView>(socket, 'task:resume', { taskId });
  if (!ack.ok) {
    throw new Error(`resume failed: ${JSON.stringify(ack)}`);
  }
  return ack.data;
}

/** Acts until the server stops answering (it is killed meanwhile) or the acts are over. */
async function actUntilCut(session: Session, socket: AnnotateClient): Promise<void> {
  while (session.view.phase === 'negotiating' && session.view.nextSpeaker === 'bob') {
    const seq = session.nextSeq++;
    const act = nextAct(session);
    session.unacked.set(seq, act);
    const ack = await request<ActAckData>(socket, 'dialogue:act', {
      taskId: session.view.taskId,
      seq,
      act,
    }).catch(() => null);
    if (ack === null || !ack.ok) {
      return;
    }
    session.unacked.delete(seq);
    session.acked.set(seq, act);
    const view = await request<TaskView>(socket, 'task:resume', {
      taskId: session.view.taskId,
    }).catch(() => null);
    if (view === null || !view.ok) {
      return;
    }
    session.view = view.data;
  }
}

describe('SIGKILL the server with many annotation sessions in flight', () => {
  it('keeps every acknowledged act, resumes every session, and creates no duplicates', async () => {
    const dbName = db.connection.name;
    await createTestTasks(db.connection, sessions, { redundancy: 1 });
    const first = await startServerProcess(dbName);
    servers.push(first);

    const all: Session[] = [];
    const firstSockets: AnnotateClient[] = [];
    for (let i = 0; i < sessions; i++) {
      const user = await createTestUser(db.connection, ['worker']);
      const http = new HttpClient(first.url);
      await http.login(user.username, user.password);
      const socket = await connectAnnotate(first.url, { cookie: http.cookie });
      sockets.push(socket);
      firstSockets.push(socket);
      const claim = await request<TaskView | null>(socket, 'task:claim', {});
      if (!claim.ok || claim.data === null) {
        throw new Error(`claim failed: ${JSON.stringify(claim)}`);
      }
      all.push({
        cookie: http.cookie as string,
        workerId: user.id,
        view: claim.data,
        acked: new Map(),
        unacked: new Map(),
        nextSeq: 1,
        bob: scriptedNegotiators.conceder.create(createRng(i + 1)),
      });
    }

    // Every session acts as fast as it can; the server is killed while acts are in flight.
    // Killed once the sessions have had about one acknowledged act each: counted, not timed, so
    // a slow machine kills at the same point of the dialogues as a fast one.
    const acting = all.map((session, i) => actUntilCut(session, firstSockets[i] as AnnotateClient));
    while (all.reduce((n, s) => n + s.acked.size, 0) < sessions) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    first.child.kill('SIGKILL');
    await Promise.all(acting);
    const ackedBeforeKill = all.reduce((n, s) => n + s.acked.size, 0);
    expect(ackedBeforeKill).toBeGreaterThan(0);
    // The kill really came mid-dialogue: sessions were still negotiating.
    expect(all.filter((s) => s.view.phase === 'negotiating').length).toBeGreaterThan(sessions / 2);

    const second = await startServerProcess(dbName);
    servers.push(second);

    let resendsChecked = 0;
    let resendsSkipped = 0;
    for (const session of all) {
      // The same sign-in (sessions live in the database) reconnects to the new process.
      const socket = await connectAnnotate(second.url, { cookie: session.cookie });
      sockets.push(socket);
      const view = await resumed(socket, session.view.taskId);
      const bobActs = view.history.filter((h) => h.speaker === 'bob').map((h) => h.act);
      const stored = await annotationModel(db.connection)
        .findOne({ taskId: session.view.taskId, workerId: session.workerId })
        .lean<Annotation>();
      // Every acknowledged act is stored, under its seq, and shown on resume.
      for (const [seq, act] of session.acked) {
        const turn = stored?.turns.find((t) => t.seq === seq);
        expect(turn?.act).toEqual(act);
        expect(bobActs).toContainEqual(act);
      }
      // Where the kill fell between an ack and the next act, that next act was lost with the
      // server (sent into a dead socket, never answered); it is the one resent below.
      if (
        session.unacked.size === 0 &&
        view.phase === 'negotiating' &&
        view.nextSpeaker === 'bob'
      ) {
        session.view = view;
        session.unacked.set(session.nextSeq++, nextAct(session));
      }
      // Resending what had no ack is either recognised as stored already or stored now, once.
      for (const [seq, act] of [...session.unacked].sort(([a], [b]) => a - b)) {
        const wasStored = stored?.bobSeqs.includes(seq) === true;
        if (!wasStored && (view.phase !== 'negotiating' || view.nextSpeaker !== 'bob')) {
          resendsSkipped++; // never stored, and no longer Bob's turn: nothing to resend
          continue;
        }
        resendsChecked++;
        const ack = await request<ActAckData>(socket, 'dialogue:act', {
          taskId: view.taskId,
          seq,
          act,
        });
        expect(ack.ok).toBe(true);
        expect(ack.ok && ack.data.duplicate).toBe(wasStored);
      }
      // Alice answers anything she had not answered when the server died.
      session.view = await resumed(socket, session.view.taskId);
      expect(session.view.phase !== 'negotiating' || session.view.nextSpeaker === 'bob').toBe(true);
      session.unacked.clear();
      await actUntilCut(session, socket);
      if (session.view.phase === 'selecting') {
        const select = await request(socket, 'dialogue:select', {
          taskId: session.view.taskId,
          allocation: null,
        });
        expect(select.ok).toBe(true);
      }
    }

    // The kill came with acts in flight, and their resends were really checked.
    console.log(`resends checked ${resendsChecked}, skipped ${resendsSkipped}`);
    expect(resendsChecked).toBeGreaterThan(0);

    // One annotation per session, no seq stored twice, no slot leased twice.
    const annotations = await annotationModel(db.connection).find({}).lean<Annotation[]>();
    expect(annotations).toHaveLength(sessions);
    for (const annotation of annotations) {
      expect(new Set(annotation.bobSeqs).size).toBe(annotation.bobSeqs.length);
      expect(annotation.status).toBe('completed');
    }
    const tasks = await taskModel(db.connection).find({}).lean<Task[]>();
    for (const task of tasks) {
      expect(
        task.leases.filter((l) => l.status !== 'expired' && l.status !== 'abandoned'),
      ).toHaveLength(1);
      expect(new Set(task.workerIds).size).toBe(task.workerIds.length);
    }
  });
});
