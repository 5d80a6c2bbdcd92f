import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import { RecordIdTakenError } from '../../platform/errors';
import { dialogueModel, storeDialogueRecord } from '../../platform/dialogues/dialogueModel';
import { selfPlayId } from '../../pipeline/selfPlayStage';
import { createTestUser } from '../support/factories';
import {
  exportLines,
  idsOf,
  ownedRound,
  postJsonl,
  syntheticRecord,
  uniqueLabel,
} from '../support/datasetsClient';
import { HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

/**
 * Record ids the server owns: an import cannot occupy the ids a round will write, and a write
 * that meets a record it did not create fails loudly instead of counting as done.
 */
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform('record-ids');
});
afterAll(async () => {
  await platform.close();
});

async function signedIn() {
  const user = await createTestUser(platform.db.connection, ['researcher']);
  const client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
  return { user, client };
}

/** A round's i-th self-play record, as pipeline/selfPlayStage.ts stores it. */
function selfPlayRecord(roundId: string, index: number): DialogueRecord {
  return {
    ...syntheticRecord(index, 'record-ids'),
    id: selfPlayId(roundId, index),
    source: 'selfplay',
    provenance: { round: roundId },
  };
}

describe('record ids of imports', () => {
  it('an import under the ids a round will use never takes them from the round', async () => {
    const alice = await signedIn();
    const bob = await signedIn();
    const roundId = await ownedRound(platform.db.connection, alice.user.id);
    const claimed = [0, 1].map((i) => ({
      ...syntheticRecord(i, 'claim'),
      id: selfPlayId(roundId, i),
    }));
    const label = uniqueLabel('claim');
    const res = await postJsonl(
      bob.client,
      `/api/datasets/import?dataset=${label}`,
      claimed.map((r) => JSON.stringify(r)).join('\n'),
    );
    expect([res.status, res.body.report?.imported]).toEqual([200, 2]);

    // The round then writes its self-play under those ids: its own records land.
    for (const i of [0, 1]) {
      await storeDialogueRecord(platform.db.connection, selfPlayRecord(roundId, i), {
        taskId: null,
        roundId,
      });
    }
    const stored = await dialogueModel(platform.db.connection)
      .find({ _id: { $in: [0, 1].map((i) => selfPlayId(roundId, i)) } }, { source: 1, roundId: 1 })
      .lean();
    expect(stored.map((d) => [d.source, d.roundId])).toEqual([
      ['selfplay', roundId],
      ['selfplay', roundId],
    ]);
    const ofRound = await exportLines(alice.client, `?round=${roundId}`);
    expect(ofRound.records?.map((r) => r.source)).toEqual(['selfplay', 'selfplay']);

    // Bob's import is still his, with the ids his file gave.
    const ofImport = await exportLines(bob.client, `?dataset=${label}`);
    expect(idsOf(ofImport.records ?? [])).toEqual(idsOf(claimed));
  });
});

describe('storeDialogueRecord', () => {
  it('fails loudly on an id held by another round, and stays idempotent for its own', async () => {
    const alice = await signedIn();
    const first = await ownedRound(platform.db.connection, alice.user.id);
    const second = await ownedRound(platform.db.connection, alice.user.id);
    const record = selfPlayRecord(first, 7);
    await storeDialogueRecord(platform.db.connection, record, { taskId: null, roundId: first });
    // A retry of the same job meets its own record: fine.
    await storeDialogueRecord(platform.db.connection, record, { taskId: null, roundId: first });
    await expect(
      storeDialogueRecord(platform.db.connection, record, { taskId: null, roundId: second }),
    ).rejects.toBeInstanceOf(RecordIdTakenError);
  });
});
