import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import type { DatasetView, ImportReport } from '../../shared/protocol/datasets';
import { annotationModel } from '../../server/annotation/annotationModel';
import { dialogueModel, storeDialogueRecord } from '../../server/dialogues/dialogueModel';
import { defaultLimits } from '../../server/config';
import { roundModel } from '../../server/rounds/roundModel';
import { createTestUser } from '../support/factories';
import { errorCode, HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
const importMaxBytes = 1_000_000;

beforeAll(async () => {
  platform = await startTestPlatform('datasets', { limits: { ...defaultLimits, importMaxBytes } });
});
afterAll(async () => {
  await platform.close();
});

const spec = {
  domain: getDomain('dealornodeal'),
  dialogues: 1000,
  seed: 'datasets',
  population: parsePopulation('boulware:1,conceder:1'),
};
const synthetic = (index: number) => generateDialogue(spec, index);

async function signedIn(roles: ('worker' | 'reviewer' | 'researcher' | 'admin')[]) {
  const user = await createTestUser(platform.db.connection, roles);
  const client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
  return { user, client };
}

/** Posts a JSONL body (the test client only sends JSON). */
async function postJsonl(
  client: HttpClient,
  path: string,
  body: string,
  type = 'application/x-ndjson',
) {
  const res = await fetch(`${client.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': type, 'x-parley-csrf': '1', cookie: client.cookie ?? '' },
    body,
  });
  return { status: res.status, body: (await res.json()) as { report?: ImportReport } };
}

async function exportLines(client: HttpClient, query: string) {
  const res = await fetch(`${client.baseUrl}/api/datasets/export${query}`, {
    headers: { cookie: client.cookie ?? '' },
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    chunked: res.headers.get('transfer-encoding'),
    records:
      res.status === 200
        ? text
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as DialogueRecord)
        : [],
    text,
  };
}

/** An annotation document and its record in D′, reviewed as given. */
async function storedAnnotation(
  index: number,
  status: 'pending' | 'accepted' | 'rejected',
  roundId: string | null,
) {
  const annotation = await annotationModel(platform.db.connection).create({
    taskId: new Types.ObjectId().toHexString(),
    roundId,
    workerId: new Types.ObjectId().toHexString(),
    leaseId: 'lease',
    status: 'completed',
    startedAt: new Date(),
    review: { status, decidedBy: status === 'pending' ? null : 'reviewer' },
  });
  const base = synthetic(500 + index);
  const record = {
    ...base,
    id: `annotation-${annotation._id.toHexString()}`,
    source: 'annotation',
    provenance: { taskId: annotation.taskId, annotator: annotation.workerId },
  } as DialogueRecord;
  await storeDialogueRecord(platform.db.connection, record, { taskId: annotation.taskId, roundId });
  return record;
}

describe('dataset import', () => {
  it('validates line by line, reports bad lines by number, and is idempotent by record id', async () => {
    const { client } = await signedIn(['researcher']);
    const good = [0, 1, 2, 3, 4].map(synthetic);
    const lines = [
      JSON.stringify(good[0]),
      JSON.stringify(good[1]),
      '{not json',
      JSON.stringify(good[2]),
      '',
      JSON.stringify({ ...good[3], outcome: { ...good[3]?.outcome, scores: [99, 99] } }),
      JSON.stringify(good[3]),
      JSON.stringify(good[4]),
    ].join('\n');
    const first = await postJsonl(client, '/api/datasets/import?dataset=pilot-1', lines);
    expect(first.status).toBe(200);
    expect(first.body.report).toMatchObject({
      dataset: 'pilot-1',
      lines: 7,
      imported: 5,
      duplicates: 0,
      invalid: 2,
    });
    expect(first.body.report?.errors.map((e) => e.line)).toEqual([3, 6]);
    expect(first.body.report?.errors[1]?.error).toMatch(/outcome/);

    const again = await postJsonl(client, '/api/datasets/import?dataset=pilot-1', lines);
    expect(again.body.report).toMatchObject({ imported: 0, duplicates: 5, invalid: 2 });
    expect(await dialogueModel(platform.db.connection).countDocuments({ dataset: 'pilot-1' })).toBe(
      5,
    );

    const exported = await exportLines(client, '?dataset=pilot-1');
    expect(exported.type).toMatch(/application\/x-ndjson/);
    expect(exported.records).toEqual([...good].sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('refuses a wrong media type, a bad label and an oversized body without writing', async () => {
    const { client } = await signedIn(['researcher']);
    const count = () => dialogueModel(platform.db.connection).countDocuments();
    const before = await count();
    const line = JSON.stringify(synthetic(10));
    const asJson = await client.post('/api/datasets/import?dataset=x', { line });
    expect([asJson.status, errorCode(asJson.body)]).toEqual([400, 'bad_request']);
    const badLabel = await postJsonl(client, '/api/datasets/import?dataset=$gt', line);
    expect([badLabel.status, errorCode(badLabel.body)]).toEqual([400, 'validation_failed']);
    const huge = Array.from(
      { length: Math.ceil(importMaxBytes / line.length) + 1 },
      () => line,
    ).join('\n');
    const tooBig = await postJsonl(client, '/api/datasets/import?dataset=big', huge);
    expect([tooBig.status, errorCode(tooBig.body)]).toEqual([413, 'payload_too_large']);
    expect(await count()).toBe(before);
  });
});

describe('hostile JSONL', () => {
  it('keeps operator and pollution keys inside loose provenance as inert data (no crash)', async () => {
    const { client } = await signedIn(['researcher']);
    const base = synthetic(900);
    const hostile = {
      ...base,
      id: 'hostile-selfplay-1',
      source: 'selfplay',
      provenance: JSON.parse(
        '{"$where":"sleep(1000)","a.b":1,"__proto__":{"polluted":true}}',
      ) as unknown,
    };
    const res = await postJsonl(
      client,
      '/api/datasets/import?dataset=hostile',
      JSON.stringify(hostile),
    );
    expect(res.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (res.body.report?.imported === 1) {
      const exported = await exportLines(client, '?dataset=hostile');
      expect(exported.records[0]?.provenance).toMatchObject({ $where: 'sleep(1000)' });
    }
  });
});

describe('dataset export', () => {
  it('streams many records in id order across cursor batches', async () => {
    const { client } = await signedIn(['admin']);
    const many = Array.from({ length: 450 }, (_, i) => synthetic(20 + i));
    const imported = await postJsonl(
      client,
      '/api/datasets/import?dataset=bulk',
      many.map((r) => JSON.stringify(r)).join('\n'),
    );
    expect(imported.body.report?.imported).toBe(450);
    const exported = await exportLines(client, '?dataset=bulk');
    expect(exported.chunked).toBe('chunked');
    expect(exported.records.map((r) => r.id)).toEqual(many.map((r) => r.id).sort());
  });

  it('adds the review status to annotations and filters by round, review, source, domain and date', async () => {
    const { user, client } = await signedIn(['researcher']);
    const round = await roundModel(platform.db.connection).collection.insertOne({
      owner: user.id,
      name: 'mine',
    });
    const roundId = round.insertedId.toHexString();
    const accepted = await storedAnnotation(0, 'accepted', roundId);
    const rejected = await storedAnnotation(1, 'rejected', roundId);
    await storedAnnotation(2, 'pending', null);

    const ofRound = await exportLines(client, `?round=${roundId}`);
    expect(ofRound.records.map((r) => r.id).sort()).toEqual([accepted.id, rejected.id].sort());
    const byId = new Map(ofRound.records.map((r) => [r.id, r]));
    expect(byId.get(accepted.id)?.provenance).toMatchObject({
      review: { status: 'accepted', decidedBy: 'reviewer' },
    });
    expect(byId.get(rejected.id)?.provenance).toMatchObject({ review: { status: 'rejected' } });

    const onlyAccepted = await exportLines(client, '?review=accepted');
    expect(onlyAccepted.records.map((r) => r.id)).toEqual([accepted.id]);
    const annotations = await exportLines(client, '?source=annotation&domain=dealornodeal');
    expect(annotations.records).toHaveLength(3);
    expect((await exportLines(client, '?source=annotation&to=2000-01-01')).records).toEqual([]);
    expect(
      (await exportLines(client, '?source=annotation&from=2000-01-01T00:00:00Z')).records,
    ).toHaveLength(3);
    const badDate = await exportLines(client, '?from=yesterday');
    expect(badDate.status).toBe(400);
  });

  it("keeps another researcher's round to its owner (404) and datasets from workers and reviewers (403)", async () => {
    const owner = await signedIn(['researcher']);
    const other = await signedIn(['researcher']);
    const round = await roundModel(platform.db.connection).collection.insertOne({
      owner: owner.user.id,
      name: 'private',
    });
    const id = round.insertedId.toHexString();
    expect((await exportLines(other.client, `?round=${id}`)).status).toBe(404);
    expect((await exportLines(owner.client, `?round=${id}`)).status).toBe(200);
    for (const role of ['worker', 'reviewer'] as const) {
      const { client } = await signedIn([role]);
      expect((await exportLines(client, '')).status).toBe(403);
      expect((await client.get('/api/datasets')).status).toBe(403);
      expect((await postJsonl(client, '/api/datasets/import?dataset=x', '{}')).status).toBe(403);
    }
  });
});

describe('datasets list', () => {
  it('lists import labels and source datasets with corpus stats and review counts', async () => {
    const { client } = await signedIn(['researcher']);
    const res = await client.get('/api/datasets');
    expect(res.status).toBe(200);
    const datasets = (res.body as { datasets: DatasetView[] }).datasets;
    const pilot = datasets.find((d) => d.dataset === 'pilot-1');
    expect(pilot).toMatchObject({
      kind: 'import',
      stats: { dialogues: 5, sources: { synthetic: 5 } },
    });
    expect(pilot?.stats.agreementRate).toBeGreaterThanOrEqual(0);
    expect(pilot?.stats.meanScores).toHaveLength(2);
    expect(pilot?.lowQuality.dialogues).toBeLessThanOrEqual(5);
    const annotations = datasets.find((d) => d.dataset === 'source:annotation');
    expect(annotations?.stats.dialogues).toBeGreaterThanOrEqual(3);
    expect(annotations?.review.accepted).toBeGreaterThanOrEqual(1);
    expect(annotations?.review.rejected).toBeGreaterThanOrEqual(1);
    // The list and the export agree on what a dataset holds.
    const exported = await exportLines(client, '?dataset=source:annotation');
    expect(exported.records).toHaveLength(annotations?.stats.dialogues ?? -1);
  });
});
