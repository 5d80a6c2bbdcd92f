import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import type { DatasetView } from '../../shared/protocol/datasets';
import { dialogueModel } from '../../platform/dialogues/dialogueModel';
import { exportRecords } from '../../platform/datasets/datasetService';
import type { ExportQuery } from '../../shared/protocol/datasets';
import { defaultLimits } from '../../platform/config';
import { isLowQuality } from '../../shared/corpus/uniqueActs';
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

async function signedIn(roles: ('worker' | 'reviewer' | 'researcher' | 'admin')[]) {
  const user = await createTestUser(platform.db.connection, roles);
  const client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
  return { user, client };
}

const jsonl = (records: readonly unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

describe('dataset import', () => {
  it('validates line by line, reports bad lines by number, and is idempotent by record id', async () => {
    const { client } = await signedIn(['researcher']);
    const label = uniqueLabel('pilot');
    const good = [0, 1, 2, 3, 4].map((i) => syntheticRecord(i, label));
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
    const first = await postJsonl(client, `/api/datasets/import?dataset=${label}`, lines);
    expect(first.status).toBe(200);
    expect(first.body.report).toMatchObject({
      dataset: label,
      lines: 7,
      imported: 5,
      duplicates: 0,
      invalid: 2,
    });
    expect(first.body.report?.errors.map((e) => e.line)).toEqual([3, 6]);
    expect(first.body.report?.errors[1]?.error).toMatch(/outcome/);

    const again = await postJsonl(client, `/api/datasets/import?dataset=${label}`, lines);
    expect(again.status).toBe(200);
    expect(again.body.report).toMatchObject({ imported: 0, duplicates: 5, invalid: 2 });
    expect(await dialogueModel(platform.db.connection).countDocuments({ dataset: label })).toBe(5);

    const exported = await exportLines(client, `?dataset=${label}`);
    expect(exported.status).toBe(200);
    expect(exported.type).toMatch(/application\/x-ndjson/);
    expect(exported.records).toEqual([...good].sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('skips lines of spaces, lists the first 100 bad lines, and stores nothing when none is good', async () => {
    const { client } = await signedIn(['researcher']);
    const label = uniqueLabel('bad');
    const lines = ['   ', ...Array.from({ length: 101 }, () => '{bad')].join('\n');
    const res = await postJsonl(client, `/api/datasets/import?dataset=${label}`, lines);
    expect(res.status).toBe(200);
    expect(res.body.report).toMatchObject({ lines: 101, imported: 0, duplicates: 0, invalid: 101 });
    expect(res.body.report?.errors.map((e) => e.line)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 2),
    );
    expect(await dialogueModel(platform.db.connection).countDocuments({ dataset: label })).toBe(0);
  });

  it('answers JSON with 415 and the type to send, before parsing it, and writes nothing', async () => {
    const { client } = await signedIn(['researcher']);
    const count = () => dialogueModel(platform.db.connection).countDocuments();
    const before = await count();
    const label = uniqueLabel('as-json');
    // Two JSONL lines: as JSON, the second line is a parse error deep into the body.
    const body = jsonl([syntheticRecord(0, label), syntheticRecord(1, label)]);
    for (const type of ['application/json', 'application/json; charset=utf-8']) {
      const res = await postJsonl(client, `/api/datasets/import?dataset=${label}`, body, type);
      expect(res.status, type).toBe(415);
      expect(res.body.error?.code).toBe('unsupported_media_type');
      expect(res.body.error?.message).toContain(
        'send application/x-ndjson (one JSON record per line)',
      );
    }
    // The JSON client of the API (one JSON object) gets the same answer.
    const asJson = await client.post(`/api/datasets/import?dataset=${label}`, { line: 1 });
    expect([asJson.status, errorCode(asJson.body)]).toEqual([415, 'unsupported_media_type']);
    expect(await count()).toBe(before);
  });

  it('refuses a bad label and an oversized body without writing', async () => {
    const { client } = await signedIn(['researcher']);
    const count = () => dialogueModel(platform.db.connection).countDocuments();
    const before = await count();
    const line = JSON.stringify(syntheticRecord(10, uniqueLabel('big')));
    const badLabel = await postJsonl(client, '/api/datasets/import?dataset=$gt', line);
    expect([badLabel.status, badLabel.body.error]).toEqual([
      400,
      {
        code: 'validation_failed',
        message:
          'dataset "$gt" is not a dataset label; use 1 to 64 lower-case letters, digits, _, . or - (starting with a letter or digit).',
        details: [expect.objectContaining({ path: 'dataset' })],
      },
    ]);
    const missing = await postJsonl(client, '/api/datasets/import', line);
    expect([missing.status, missing.body.error?.message]).toEqual([
      400,
      'dataset is missing; add ?dataset=<label> (1 to 64 lower-case letters, digits, _, . or - (starting with a letter or digit)).',
    ]);
    const extra = await postJsonl(client, '/api/datasets/import?dataset=fine&owner=me', line);
    expect([extra.status, extra.body.error?.message]).toEqual([
      400,
      'Unknown parameter owner; an import takes only ?dataset=<label>.',
    ]);
    const huge = Array.from(
      { length: Math.ceil(importMaxBytes / line.length) + 1 },
      () => line,
    ).join('\n');
    const tooBig = await postJsonl(
      client,
      `/api/datasets/import?dataset=${uniqueLabel('big')}`,
      huge,
    );
    expect([tooBig.status, tooBig.body.error?.code]).toEqual([413, 'payload_too_large']);
    expect(await count()).toBe(before);
  });
});

describe('hostile JSONL', () => {
  it('keeps operator and pollution keys inside loose provenance as inert data (no crash)', async () => {
    const { client } = await signedIn(['researcher']);
    const label = uniqueLabel('hostile');
    const hostile = {
      ...syntheticRecord(900, label),
      id: `hostile-selfplay-${label}`,
      source: 'selfplay',
      provenance: JSON.parse(
        '{"$where":"sleep(1000)","a.b":1,"__proto__":{"polluted":true}}',
      ) as unknown,
    };
    const res = await postJsonl(
      client,
      `/api/datasets/import?dataset=${label}`,
      JSON.stringify(hostile),
    );
    expect(res.status).toBe(200);
    expect(res.body.report).toMatchObject({ lines: 1, imported: 1, invalid: 0 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const exported = await exportLines(client, `?dataset=${label}`);
    expect(exported.status).toBe(200);
    expect(exported.records).toHaveLength(1);
    expect(exported.records[0]?.provenance).toMatchObject({ $where: 'sleep(1000)', 'a.b': 1 });
  });
});

describe('dataset export', () => {
  it('streams many records in id order across cursor batches', async () => {
    const { client } = await signedIn(['admin']);
    const label = uniqueLabel('bulk');
    const many = Array.from({ length: 450 }, (_, i) => syntheticRecord(20 + i, label));
    const imported = await postJsonl(client, `/api/datasets/import?dataset=${label}`, jsonl(many));
    expect(imported.body.report?.imported).toBe(450);
    const exported = await exportLines(client, `?dataset=${label}`);
    expect(exported.chunked).toBe('chunked');
    expect(exported.records.map((r) => r.id)).toEqual(idsOf(many));
  });

  it('adds the review status to annotations and filters by round, review, source and date', async () => {
    const { user, client } = await signedIn(['researcher']);
    const connection = platform.db.connection;
    const roundId = await ownedRound(connection, user.id);
    const otherRound = await ownedRound(connection, user.id);
    const accepted = await storedAnnotation(connection, { index: 0, review: 'accepted', roundId });
    const rejected = await storedAnnotation(connection, { index: 1, review: 'rejected', roundId });
    const pending = await storedAnnotation(connection, {
      index: 2,
      review: 'pending',
      roundId: otherRound,
    });

    const ofRound = await exportLines(client, `?round=${roundId}`);
    expect(idsOf(ofRound.records)).toEqual(idsOf([accepted, rejected]));
    const byId = new Map(ofRound.records.map((r) => [r.id, r]));
    expect(byId.get(accepted.id)?.provenance).toMatchObject({
      review: { status: 'accepted', decidedBy: 'reviewer' },
    });
    expect(byId.get(rejected.id)?.provenance).toMatchObject({
      review: { status: 'rejected', decidedBy: 'reviewer' },
    });

    expect(idsOf((await exportLines(client, '?review=accepted')).records)).toEqual([accepted.id]);
    expect(idsOf((await exportLines(client, '?review=pending')).records)).toEqual([pending.id]);
    const all = idsOf([accepted, rejected, pending]);
    expect(idsOf((await exportLines(client, '?source=annotation')).records)).toEqual(all);
    expect(idsOf((await exportLines(client, '?source=selfplay')).records)).toEqual([]);
    expect((await exportLines(client, '?source=annotation&to=2000-01-01')).records).toEqual([]);
    const since = await exportLines(client, '?source=annotation&from=2000-01-01T00:00:00Z');
    expect(idsOf(since.records)).toEqual(all);
    // Each bound alone: a record stored in 1999 is before `from`, the others before `to`.
    const dialogues = dialogueModel(connection);
    await dialogues.updateOne(
      { 'record.id': pending.id },
      { $set: { createdAt: new Date('1999-06-01') } },
    );
    const fromOnly = await exportLines(client, '?source=annotation&from=2000-01-01T00:00:00Z');
    expect(idsOf(fromOnly.records)).toEqual(idsOf([accepted, rejected]));
    const toOnly = await exportLines(client, '?source=annotation&to=2000-01-01T00:00:00Z');
    expect(idsOf(toOnly.records)).toEqual([pending.id]);
    expect(idsOf((await exportLines(client, '?source=annotation&to=2999-01-01')).records)).toEqual(
      all,
    );
  });

  it('filters by domain: exactly the records of that domain', async () => {
    const { user, client } = await signedIn(['researcher']);
    const connection = platform.db.connection;
    const roundId = await ownedRound(connection, user.id);
    const deal = [
      await storedSelfPlay(connection, { index: 0, roundId }),
      await storedAnnotation(connection, { index: 3, review: 'accepted', roundId }),
    ];
    const casino = [
      await storedSelfPlay(connection, { index: 1, roundId, domain: 'casino' }),
      await storedAnnotation(connection, {
        index: 4,
        review: 'accepted',
        roundId,
        domain: 'casino',
      }),
    ];
    expect(casino.map((r) => r.domain)).toEqual(['casino', 'casino']);
    expect(idsOf((await exportLines(client, '?domain=dealornodeal')).records)).toEqual(idsOf(deal));
    expect(idsOf((await exportLines(client, '?domain=casino')).records)).toEqual(idsOf(casino));
    expect(idsOf((await exportLines(client, '?domain=casino&source=annotation')).records)).toEqual([
      casino[1]?.id,
    ]);
  });

  it('filters by source dataset: exactly the unlabelled records of that source', async () => {
    const { user, client } = await signedIn(['researcher']);
    const connection = platform.db.connection;
    const roundId = await ownedRound(connection, user.id);
    const selfPlay = [
      await storedSelfPlay(connection, { index: 2, roundId }),
      await storedSelfPlay(connection, { index: 3, roundId }),
    ];
    const annotations = [
      await storedAnnotation(connection, { index: 5, review: 'pending', roundId }),
    ];
    const label = uniqueLabel('labelled');
    // An imported self-play record carries its label: it is in that dataset, not source:selfplay.
    const imported = { ...syntheticRecord(0, label), id: `imported-${label}`, source: 'selfplay' };
    expect(
      (await postJsonl(client, `/api/datasets/import?dataset=${label}`, jsonl([imported]))).status,
    ).toBe(200);

    const bySource = async (dataset: string) =>
      idsOf((await exportLines(client, `?dataset=${dataset}`)).records);
    expect(await bySource('source:selfplay')).toEqual(idsOf(selfPlay));
    expect(await bySource('source:annotation')).toEqual(idsOf(annotations));
    expect(await bySource('source:synthetic')).toEqual([]);
    expect(await bySource(label)).toEqual([imported.id]);
  });

  it('called directly, matches nothing for filters the routes refuse as contradictory', async () => {
    // The routes and the CLI refuse these before the query (the test below); exportRecords'
    // own contract still holds for a caller that did not validate.
    const connection = platform.db.connection;
    const roundId = await ownedRound(connection, 'direct-caller');
    const selfPlay = await storedSelfPlay(connection, { index: 7, roundId });
    const annotation = await storedAnnotation(connection, {
      index: 8,
      review: 'accepted',
      roundId,
    });
    const ids = async (query: ExportQuery) => {
      const found: string[] = [];
      for await (const { record } of exportRecords(connection, query, { roundId })) {
        found.push(record.id);
      }
      return found;
    };
    expect(await ids({})).toEqual(idsOf([selfPlay, annotation]));
    expect(await ids({ dataset: 'source:selfplay', source: 'selfplay' })).toEqual([selfPlay.id]);
    expect(await ids({ dataset: 'source:selfplay', source: 'annotation' })).toEqual([]);
    expect(await ids({ dataset: 'source:annotation', source: 'selfplay' })).toEqual([]);
    expect(await ids({ review: 'accepted' })).toEqual([annotation.id]);
    expect(await ids({ source: 'selfplay', review: 'accepted' })).toEqual([]);
  });

  it('refuses bad and contradictory filters with 400 naming the filter and the fix', async () => {
    const { user, client } = await signedIn(['researcher']);
    const roundId = await ownedRound(platform.db.connection, user.id);
    await storedSelfPlay(platform.db.connection, { index: 9, roundId });
    const refusals: [string, string][] = [
      [
        '?round=123',
        'round "123" is not valid; use a round id: 24 hexadecimal digits, as the Rounds page shows it.',
      ],
      [
        '?from=yesterday',
        'from "yesterday" is not valid; use an ISO date (2026-12-01) or date-time (2026-12-01T08:00:00Z).',
      ],
      [
        '?review=maybe',
        'review "maybe" is not valid; use one of pending, accepted, soft-rejected or rejected.',
      ],
      [
        '?from=2026-03-01&to=2026-02-01',
        'from (2026-03-01) must be before to (2026-02-01), which is exclusive; swap them or widen the range.',
      ],
      [
        '?from=2026-03-01&to=2026-03-01',
        'from (2026-03-01) must be before to (2026-03-01), which is exclusive; swap them or widen the range.',
      ],
      [
        '?dataset=source:selfplay&source=annotation',
        'source annotation contradicts dataset source:selfplay; drop one of them.',
      ],
      [
        '?source=selfplay&review=accepted',
        'review applies only to annotations, not to selfplay records; drop review or ask for source annotation.',
      ],
      [
        '?rounds=abc',
        'Unknown filter rounds; the filters are dataset, round, source, domain, review, from or to.',
      ],
      [`?round=${roundId}&round=${roundId}`, 'Give round once (it was given 2 times).'],
    ];
    for (const [query, message] of refusals) {
      const res = await exportLines(client, query);
      expect([res.status, res.error], query).toEqual([
        400,
        expect.objectContaining({ code: 'validation_failed', message }),
      ]);
    }
  });

  it("keeps another researcher's round to its owner (404) and datasets from workers and reviewers (403)", async () => {
    const owner = await signedIn(['researcher']);
    const other = await signedIn(['researcher']);
    const id = await ownedRound(platform.db.connection, owner.user.id);
    const hidden = await other.client.get(`/api/datasets/export?round=${id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ error: { message: `No round ${id}.` } });
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
    const { user, client } = await signedIn(['researcher']);
    const connection = platform.db.connection;
    const label = uniqueLabel('listed');
    const imported = [0, 1, 2, 3, 4].map((i) => syntheticRecord(i, label));
    expect(
      (await postJsonl(client, `/api/datasets/import?dataset=${label}`, jsonl(imported))).status,
    ).toBe(200);
    const roundId = await ownedRound(connection, user.id);
    const annotations: DialogueRecord[] = [
      await storedAnnotation(connection, { index: 6, review: 'accepted', roundId }),
      await storedAnnotation(connection, { index: 7, review: 'rejected', roundId }),
      await storedAnnotation(connection, { index: 8, review: 'rejected', roundId }),
    ];

    const res = await client.get('/api/datasets');
    expect(res.status).toBe(200);
    const datasets = (res.body as { datasets: DatasetView[] }).datasets;
    expect(datasets.map((d) => [d.dataset, d.kind])).toEqual([
      [label, 'import'],
      ['source:annotation', 'source'],
    ]);
    const [pilot, annotated] = datasets;
    expect(pilot).toMatchObject({ stats: { dialogues: 5, sources: { synthetic: 5 } }, review: {} });
    expect(pilot?.stats.meanScores).toHaveLength(2);
    expect(annotated).toMatchObject({
      stats: { dialogues: 3, sources: { annotation: 3 } },
      review: { accepted: 1, rejected: 2 },
    });
    expect(annotated?.firstStoredAt).not.toBeNull();
    // The list and the export agree on what a dataset holds.
    const exported = await exportLines(client, '?dataset=source:annotation');
    expect(idsOf(exported.records)).toEqual(idsOf(annotations));
  });

  it('lists labels and sources in name order, with the low-quality share and the stored-at range', async () => {
    const { user, client } = await signedIn(['researcher']);
    const connection = platform.db.connection;
    const later = uniqueLabel('zz');
    const earlier = uniqueLabel('aa');
    for (const label of [later, earlier]) {
      // The default seed's first four dialogues: one of them low-quality (D_L).
      const records = [0, 1, 2, 3].map((i) => syntheticRecord(i));
      expect(
        (await postJsonl(client, `/api/datasets/import?dataset=${label}`, jsonl(records))).status,
      ).toBe(200);
    }
    const roundId = await ownedRound(connection, user.id);
    await storedSelfPlay(connection, { index: 1, roundId });
    await storedAnnotation(connection, { index: 2, review: 'accepted', roundId });
    const dialogues = dialogueModel(connection);
    await dialogues.updateMany(
      { dataset: earlier },
      { $set: { createdAt: new Date('2026-02-01') } },
    );
    const [firstId, , lastId] = await dialogues
      .find({ dataset: earlier })
      .sort({ _id: 1 })
      .distinct('_id');
    await dialogues.updateOne({ _id: firstId }, { $set: { createdAt: new Date('2026-01-01') } });
    await dialogues.updateOne({ _id: lastId }, { $set: { createdAt: new Date('2026-03-01') } });

    const listed = ((await client.get('/api/datasets')).body as { datasets: DatasetView[] })
      .datasets;
    expect(listed.map((d) => d.dataset)).toEqual([
      earlier,
      later,
      'source:annotation',
      'source:selfplay',
    ]);
    const view = listed[0] as DatasetView;
    expect(view.firstStoredAt).toBe('2026-01-01T00:00:00.000Z');
    expect(view.lastStoredAt).toBe('2026-03-01T00:00:00.000Z');
    const records = (await exportLines(client, `?dataset=${earlier}`)).records;
    expect(view.lowQuality.dialogues).toBe(records.filter((r) => isLowQuality(r)).length);
    expect(view.lowQuality.dialogues).toBeGreaterThan(0);
    expect(view.lowQuality.dialogues).toBeLessThan(view.stats.dialogues);
  });
});
