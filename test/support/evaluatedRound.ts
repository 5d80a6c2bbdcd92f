import type { Connection } from 'mongoose';
import { createCheckpointStore } from '../../platform/checkpoints/checkpointStore';
import { roundModel } from '../../platform/rounds/roundModel';
import type { RoundResults, RoundView } from '../../shared/protocol/rounds';
import { resultsFixture } from '../../client/src/dashboard/testing/resultsFixture';
import type { HttpClient } from './httpClient';

/** Bytes that stand for a policy where only the checkpoint's metadata matters. */
const placeholderBytes = new Uint8Array([1, 2, 3]);

/** Saves a ready bootstrap-like checkpoint of every role and makes it the domain's default. */
export async function seedDomainDefaults(connection: Connection, tag: string): Promise<void> {
  const store = createCheckpointStore(connection);
  for (const role of ['alice', 'bob', 'expert'] as const) {
    const version = `${tag}-${role}`;
    await store.save({ version, domain: 'dealornodeal', role }, placeholderBytes);
    await store.makeCurrent(version, { ifNone: true });
  }
}

/**
 * A round created through the API by `owner`, then put where a finished pipeline leaves it:
 * `evaluated`, with ready `<id>-alice` and `<id>-bob` checkpoints of its own (placeholder bytes:
 * nothing here loads them) and fixture results naming them.
 */
export async function evaluatedRound(
  connection: Connection,
  owner: HttpClient,
  ownerId: string,
): Promise<string> {
  const created = await owner.post('/api/rounds', {
    name: 'evaluated round',
    domain: 'dealornodeal',
    selfPlayDialogues: 8,
    annotate: 2,
    oracleMix: { human: 0, simulatedExpert: 1, astra: 0 },
  });
  if (created.status !== 201) {
    throw new Error(`round creation answered ${created.status}: ${JSON.stringify(created.body)}`);
  }
  const id = (created.body as { round: RoundView }).round.id;
  const store = createCheckpointStore(connection);
  for (const role of ['alice', 'bob'] as const) {
    await store.save(
      { version: `${id}-${role}`, domain: 'dealornodeal', role, roundId: id, owner: ownerId },
      placeholderBytes,
    );
  }
  const results: RoundResults = {
    ...resultsFixture(0.3),
    checkpoints: {
      alice: 'start-alice',
      aliceAfter: `${id}-alice`,
      bobBefore: 'start-bob',
      bobAfter: `${id}-bob`,
    },
  };
  await roundModel(connection).updateOne({ _id: id }, { $set: { status: 'evaluated', results } });
  return id;
}
