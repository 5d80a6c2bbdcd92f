import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import type { DatasetView } from '../../shared/protocol/datasets';
import { datasetModel } from '../../platform/datasets/datasetModel';
import { claimDataset } from '../../platform/datasets/recordScope';
import { ForbiddenError } from '../../platform/errors';
import { dialogueModel } from '../../platform/dialogues/dialogueModel';
import { createTestUser } from '../support/factories';
import {
  exportLines,
  idsOf,
  ownedRound,
  postJsonl,
  storedAnnotation,
  storedSelfPlay,
  syntheticRecord,
  uniqueLabel,
} from '../support/datasetsClient';
import { HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

/**
 * Two researchers on one platform: each sees only their own rounds' records and their own
 * datasets, through every datasets route; an admin sees everything.
 */
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform('dataset-ownership');
});
afterAll(async () => {
  await platform.close();
});

async function signedIn(role: 'researcher' | 'admin') {
  const user = await createTestUser(platform.db.connection, [role]);
  const client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
  return { user, client };
}

const jsonl = (records: readonly unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');
const listOf = async (client: HttpClient) => {
  const res = await client.get('/api/datasets');
  expect(res.status).toBe(200);
  return (res.body as { datasets: DatasetView[] }).datasets;
};

/** A researcher with a round (an annotation and a self-play record) and an imported dataset. */
async function tenant(index: number) {
  const { user, client } = await signedIn('researcher');
  const connection = platform.db.connection;
  const roundId = await ownedRound(connection, user.id);
  const annotation = await storedAnnotation(connection, { index, review: 'accepted', roundId });
  const selfPlay = await storedSelfPlay(connection, { index, roundId });
  const label = uniqueLabel(`tenant-${index}`);
  const imported = [0, 1].map((i) => syntheticRecord(i, label));
  const res = await postJsonl(client, `/api/datasets/import?dataset=${label}`, jsonl(imported));
  expect(res.status).toBe(200);
  const annotator = (annotation.provenance as { annotator: string }).annotator;
  return { user, client, roundId, label, annotator, records: [annotation, selfPlay, ...imported] };
}

describe('dataset ownership across researchers', () => {
  it('an export without filters holds only the researcher’s own records', async () => {
    const a = await tenant(0);
    const b = await tenant(1);
    // A record of no round and no dataset (a demo task's annotation): the platform's.
    const platformRecord = await storedAnnotation(platform.db.connection, {
      index: 2,
      review: 'pending',
      roundId: null,
    });

    const ofB = await exportLines(b.client, '');
    expect(ofB.status).toBe(200);
    expect(idsOf(ofB.records)).toEqual(idsOf(b.records));
    // None of A's round ids or crowd-worker ids reaches B, anywhere in the file.
    expect(ofB.text).not.toContain(a.roundId);
    expect(ofB.text).not.toContain(a.annotator);
    expect(ofB.text).not.toContain(platformRecord.id);

    const ofA = await exportLines(a.client, '?source=annotation');
    expect(idsOf(ofA.records)).toEqual(idsOf(a.records.filter((r) => r.source === 'annotation')));

    const admin = await signedIn('admin');
    const all = idsOf((await exportLines(admin.client, '')).records);
    for (const record of [...a.records, ...b.records, platformRecord]) {
      expect(all).toContain(record.id);
    }
  });

  it('the datasets list and its stats count only the researcher’s own records', async () => {
    const a = await tenant(3);
    const b = await tenant(4);
    const listed = await listOf(b.client);
    expect(listed.map((d) => d.dataset)).toEqual([b.label, 'source:annotation', 'source:selfplay']);
    expect(listed.map((d) => d.stats.dialogues)).toEqual([2, 1, 1]);

    const adminList = await listOf((await signedIn('admin')).client);
    expect(adminList.map((d) => d.dataset)).toEqual(expect.arrayContaining([a.label, b.label]));
  });

  it("another researcher's dataset is a 404, the same answer as a label no one has used", async () => {
    const a = await tenant(5);
    const b = await tenant(6);
    const nobody = uniqueLabel('never-used');
    const ofOther = await exportLines(b.client, `?dataset=${a.label}`);
    const ofNobody = await exportLines(b.client, `?dataset=${nobody}`);
    expect([ofOther.status, ofOther.error]).toEqual([
      404,
      { code: 'not_found', message: `No dataset "${a.label}".` },
    ]);
    expect([ofNobody.status, ofNobody.error]).toEqual([
      404,
      { code: 'not_found', message: `No dataset "${nobody}".` },
    ]);
    expect((await exportLines(b.client, `?round=${a.roundId}`)).status).toBe(404);
    const admin = await signedIn('admin');
    expect(idsOf((await exportLines(admin.client, `?dataset=${a.label}`)).records)).toEqual(
      idsOf(a.records.slice(2)),
    );
  });

  it("importing under another researcher's label is refused and leaves their dataset as it was", async () => {
    const a = await tenant(7);
    const b = await tenant(8);
    const before = idsOf((await exportLines(a.client, `?dataset=${a.label}`)).records);
    const intruder = { ...syntheticRecord(0, b.label), id: `intruder-${b.label}` };
    const res = await postJsonl(
      b.client,
      `/api/datasets/import?dataset=${a.label}`,
      jsonl([intruder]),
    );
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      code: 'forbidden',
      message: `The dataset label "${a.label}" is taken by another user; import under a label of your own.`,
    });
    expect(await dialogueModel(platform.db.connection).exists({ _id: intruder.id })).toBeNull();
    expect(idsOf((await exportLines(a.client, `?dataset=${a.label}`)).records)).toEqual(before);
    expect((await datasetModel(platform.db.connection).findById(a.label).lean())?.owner).toBe(
      a.user.id,
    );

    // An admin may add to anyone's dataset; it stays the owner's.
    const admin = await signedIn('admin');
    const added = { ...syntheticRecord(1, b.label), id: `admin-${a.label}` };
    const byAdmin = await postJsonl(
      admin.client,
      `/api/datasets/import?dataset=${a.label}`,
      jsonl([added]),
    );
    expect([byAdmin.status, byAdmin.body.report?.imported]).toEqual([200, 1]);
    expect(idsOf((await exportLines(a.client, `?dataset=${a.label}`)).records)).toEqual(
      [...before, added.id].sort(),
    );
  });

  it('two first imports under one label at once: one owns it, the other is refused', async () => {
    const first = await signedIn('researcher');
    const second = await signedIn('researcher');
    const label = uniqueLabel('race');
    const [a, b] = await Promise.all(
      [first, second].map((who, i) =>
        postJsonl(
          who.client,
          `/api/datasets/import?dataset=${label}`,
          jsonl([{ ...syntheticRecord(i, label), id: `race-${i}-${label}` }]),
        ),
      ),
    );
    expect([a?.status, b?.status].sort()).toEqual([200, 403]);
    const winner = a?.status === 200 ? first : second;
    const dataset = await datasetModel(platform.db.connection).findById(label).lean();
    expect(dataset?.owner).toBe(winner.user.id);
    expect(await dialogueModel(platform.db.connection).countDocuments({ dataset: label })).toBe(1);

    // Straight at the claim, many times: the loser of a duplicate-key race is refused, never a 500.
    for (let round = 0; round < 5; round++) {
      const raced = uniqueLabel('claim');
      const settled = await Promise.allSettled(
        [first, second].map((who) =>
          claimDataset(platform.db.connection, { id: who.user.id, roles: ['researcher'] }, raced),
        ),
      );
      expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refusal = settled.find((s) => s.status === 'rejected');
      expect(refusal?.reason).toBeInstanceOf(ForbiddenError);
    }
  });

  it('a label used before datasets had owners is the platform’s: admins only', async () => {
    const legacy = uniqueLabel('legacy');
    const record: DialogueRecord = syntheticRecord(0, legacy);
    await dialogueModel(platform.db.connection).create({
      _id: record.id,
      source: record.source,
      domain: record.domain,
      dataset: legacy,
      record,
    });
    const b = await signedIn('researcher');
    expect((await exportLines(b.client, `?dataset=${legacy}`)).status).toBe(404);
    const taking = await postJsonl(
      b.client,
      `/api/datasets/import?dataset=${legacy}`,
      jsonl([syntheticRecord(1, legacy)]),
    );
    expect(taking.status).toBe(403);
    const admin = await signedIn('admin');
    expect(idsOf((await exportLines(admin.client, `?dataset=${legacy}`)).records)).toEqual([
      record.id,
    ]);
  });
});
