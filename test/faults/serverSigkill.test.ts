import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ActAckData, DialogueActEvent, TaskView } from '../../shared/protocol/annotation';
import { annotationModel } from '../../server/annotation/annotationModel';
import { prepareDatabase } from '../../server/database/prepareModels';
import { openTestDatabase } from '../setup/testDatabase';
import {
  connectAnnotate,
  nextEvent,
  request as emit,
  type AnnotateClient,
} from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { createTestTasks } from '../support/taskFactory';

/**
 * The server is a real `parley start` process over the test database (MONGODB_URI), so the
 * database outlives it: SIGKILL it mid-dialogue, start it again, and the worker resumes with
 * every acknowledged act in place, in order, once.
 */
const bin = path.join(import.meta.dirname, '..', '..', 'bin', 'parley.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-sigkill-'));
let db: Awaited<ReturnType<typeof openTestDatabase>>;
const children: ChildProcess[] = [];
const sockets: AnnotateClient[] = [];

beforeAll(async () => {
  db = await openTestDatabase('sigkill');
  await prepareDatabase(db.connection);
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  children.forEach((c) => c.exitCode === null && c.kill('SIGKILL'));
  await db.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'start'], {
    env: {
      ...process.env,
      MONGODB_URI: inject('mongoUri'),
      PARLEY_DB_NAME: db.connection.name,
      PORT: '0',
      PARLEY_WORKERS: '0',
      PARLEY_DEMO: 'off',
      PARLEY_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const match = /running at (http:\/\/\S+)/.exec(line);
      if (match?.[1] !== undefined) {
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`parley start exited early (${code})`)));
  });
  return { child, url };
}

describe('SIGKILL of the server mid-dialogue', () => {
  it('loses no acknowledged act: the worker resumes with each act present once, in order', async () => {
    await createTestTasks(db.connection, 1, { redundancy: 1 });
    const user = await createTestUser(db.connection, ['worker']);

    const first = await startServer();
    const http = new HttpClient(first.url);
    await http.login(user.username, user.password);
    const socket = await connectAnnotate(first.url, { cookie: http.cookie });
    sockets.push(socket);
    const claim = await emit<TaskView>(socket, 'task:claim', {});
    if (!claim.ok) {
      throw new Error(JSON.stringify(claim));
    }
    const { taskId, counts } = claim.data;
    const prefixLength = claim.data.history.length;

    // Bob asks for everything (a boulware Alice never agrees to that), Alice answers, again.
    const acked: { seq: number; turn: number; act: unknown }[] = [];
    for (let seq = 1; seq <= 3; seq++) {
      const act = { type: 'propose', allocation: counts };
      const reply = nextEvent(socket, 'dialogue:act');
      const ack = await emit<ActAckData>(socket, 'dialogue:act', { taskId, seq, act });
      if (!ack.ok) {
        throw new Error(JSON.stringify(ack));
      }
      acked.push({ seq, turn: ack.data.turn, act });
      const alice: DialogueActEvent = await reply;
      expect(alice.speaker).toBe('alice');
      if (alice.act.type === 'agree') {
        break;
      }
    }
    // One more act: acknowledged, then the process dies before Alice can answer (or just after).
    const lastAct = { type: 'propose', allocation: counts };
    const last = await emit<ActAckData>(socket, 'dialogue:act', { taskId, seq: 4, act: lastAct });
    if (last.ok) {
      acked.push({ seq: 4, turn: last.data.turn, act: lastAct });
    }
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    socket.close();

    const second = await startServer();
    // The session lives in the database: the same cookie signs the worker in on the new process.
    const again = await connectAnnotate(second.url, { cookie: http.cookie });
    sockets.push(again);
    const resumed = await emit<TaskView>(again, 'task:resume', { taskId });
    if (!resumed.ok) {
      throw new Error(JSON.stringify(resumed));
    }
    for (const { turn, act } of acked) {
      expect(resumed.data.history[turn], `turn ${turn}`).toEqual({ speaker: 'bob', act });
    }
    // In order: each acknowledged act after the previous one, Alice's answer between them.
    const turns = acked.map((a) => a.turn);
    expect(turns).toEqual([...turns].sort((a, b) => a - b));
    expect(turns[0]).toBe(prefixLength);

    const stored = await annotationModel(db.connection).findOne({ taskId }).lean();
    const bobSeqs = (stored?.turns ?? []).filter((t) => t.speaker === 1).map((t) => t.seq);
    expect(bobSeqs).toEqual(acked.map((a) => a.seq));
    expect(stored?.turnCount).toBe(stored?.turns.length);
    // Resuming let Alice answer the act the crash left unanswered: it is Bob's turn again.
    expect(resumed.data.nextSpeaker).toBe('bob');

    // Resending an acknowledged act is a duplicate, not a second act.
    const resend = await emit<ActAckData>(again, 'dialogue:act', {
      taskId,
      seq: 1,
      act: acked[0]?.act,
    });
    expect(resend).toEqual({ ok: true, data: { seq: 1, turn: acked[0]?.turn, duplicate: true } });
    const after = await annotationModel(db.connection).findOne({ taskId }).lean();
    expect(after?.turns.length).toBe(stored?.turns.length);

    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
  });
});
