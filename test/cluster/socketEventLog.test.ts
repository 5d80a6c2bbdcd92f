import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  socketEventModel,
  socketEventSequenceModel,
} from '../../platform/cluster/socketEventModel';
import { createLogger } from '../../platform/logger';
import { SocketEventLog, type SocketEventReceiver } from '../../server/cluster/socketEventLog';
import { openTestDatabase } from '../setup/testDatabase';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
const logs: SocketEventLog[] = [];

beforeAll(async () => {
  db = await openTestDatabase('socket_event_log');
});
afterAll(async () => {
  await Promise.all(logs.map((log) => log.stop()));
  await db.drop();
});

function logOf(gapWaitMs: number): SocketEventLog {
  const log = new SocketEventLog(db.connection, {
    pollMs: 10,
    gapWaitMs,
    retentionMs: 60_000,
    log: createLogger('silent'),
  });
  logs.push(log);
  return log;
}

/** What a namespace's adapter on the reading server is told. */
function receiver(): SocketEventReceiver & { heard: unknown[] } {
  const heard: unknown[] = [];
  return {
    nspName: '/test',
    serverUid: 'reader',
    heard,
    receiveMessage: (payload) => heard.push(payload),
    receiveResponse: () => undefined,
  };
}

describe('the cluster message log', () => {
  it('delivers a message whose writer was slower than the gap wait, late instead of never', async () => {
    const reader = logOf(50);
    const writer = logOf(50);
    const heard = receiver();
    reader.register(heard);
    await reader.start();

    // A writer took a number and has not inserted its message yet (a loaded machine)…
    const slow = await socketEventSequenceModel(db.connection)
      .findOneAndUpdate({ _id: 'socketEvents' }, { $inc: { n: 1 } }, { upsert: true, new: true })
      .lean();
    // …while another writer's later message is in.
    await writer.append({ nsp: '/test', kind: 'message', to: null, payload: { order: 2 } });
    // The reader waits for the hole, then goes on with the later message.
    await vi.waitFor(() => expect(heard.heard).toEqual([{ order: 2 }]), {
      timeout: 30_000,
      interval: 10,
    });

    // The slow writer's message arrives after its hole was passed: it is delivered, late.
    await socketEventModel(db.connection).create({
      _id: slow.n,
      nsp: '/test',
      kind: 'message',
      to: null,
      payload: JSON.stringify({ order: 1 }),
      at: new Date(),
    });
    await vi.waitFor(() => expect(heard.heard).toEqual([{ order: 2 }, { order: 1 }]), {
      timeout: 30_000,
      interval: 10,
    });
  });
});
