import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import type { DatasetView, ImportReport } from '../../shared/protocol/datasets';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { datasetModel } from '../../platform/datasets/datasetModel';
import { createTestUser } from '../support/factories';
import { openTestDatabase } from '../setup/testDatabase';
import { runParley } from './runParley';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-datasets-'));

beforeAll(async () => {
  db = await openTestDatabase('cli-datasets');
  await prepareDatabase(db.connection);
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ MONGODB_URI: inject('mongoUri'), PARLEY_DB_NAME: db.connection.name });

// Each test starts several `parley` processes (seconds each on a loaded machine).
describe('parley datasets', { timeout: 240_000 }, () => {
  it('imports a JSONL file once, lists it with stats, and exports it back unchanged', async () => {
    const spec = {
      domain: getDomain('dealornodeal'),
      dialogues: 4,
      seed: 'cli',
      population: parsePopulation('boulware:1,conceder:1'),
    };
    const records = [0, 1, 2, 3].map((i) => generateDialogue(spec, i));
    const file = path.join(dir, 'in.jsonl');
    fs.writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\nnot json\n`);

    const first = await runParley(['datasets', 'import', file, '--dataset', 'cli-set'], {
      env: env(),
    });
    expect(first.code).toBe(1); // one invalid line
    expect(JSON.parse(first.stdout) as ImportReport).toMatchObject({
      imported: 4,
      invalid: 1,
      errors: [{ line: 5 }],
    });
    const again = await runParley(['datasets', 'import', file, '--dataset', 'cli-set'], {
      env: env(),
    });
    expect(JSON.parse(again.stdout) as ImportReport).toMatchObject({ imported: 0, duplicates: 4 });

    const list = await runParley(['datasets', 'list'], { env: env() });
    expect(list.code).toBe(0);
    const views = JSON.parse(list.stdout) as DatasetView[];
    expect(views.find((v) => v.dataset === 'cli-set')?.stats.dialogues).toBe(4);

    const out = path.join(dir, 'out.jsonl');
    const exported = await runParley(['datasets', 'export', '--dataset', 'cli-set', '-o', out], {
      env: env(),
    });
    expect(exported.code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(
      [...records].sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it.each([
    [
      ['--review', 'maybe'],
      '--review "maybe" is not valid; use one of pending, accepted, soft-rejected or rejected.',
    ],
    [
      ['--round', '123'],
      '--round "123" is not valid; use a round id: 24 hexadecimal digits, as the Rounds page shows it.',
    ],
    [
      ['--from', 'yesterday'],
      '--from "yesterday" is not valid; use an ISO date (2026-12-01) or date-time (2026-12-01T08:00:00Z).',
    ],
    [
      ['--from', '2026-02-01', '--to', '2026-01-01'],
      '--from (2026-02-01) must be before --to (2026-01-01), which is exclusive; swap them or widen the range.',
    ],
  ])('export %j is refused with one sentence naming the option', async (args, message) => {
    const run = await runParley(['datasets', 'export', ...args], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(message);
    expect(run.stdout).toBe('');
  });

  it('refuses a bad label, an unknown owner and a missing MONGODB_URI with a sentence', async () => {
    const file = path.join(dir, 'one.jsonl');
    fs.writeFileSync(file, '\n');
    const badLabel = await runParley(['datasets', 'import', file, '--dataset', 'Bad Label'], {
      env: env(),
    });
    expect(badLabel.code).toBe(2);
    expect(badLabel.stderr.trim()).toBe(
      '--dataset "Bad Label" is not a dataset label; use 1 to 64 lower-case letters, digits, _, . or - (starting with a letter or digit).',
    );
    const noOwner = await runParley(
      ['datasets', 'import', file, '--dataset', 'owned', '--owner', 'nobody-here'],
      { env: env() },
    );
    expect(noOwner.code).toBe(2);
    expect(noOwner.stderr.trim()).toBe(
      '--owner: no user "nobody-here"; `parley users list` shows them.',
    );
    const none = await runParley(['datasets', 'list'], { env: { MONGODB_URI: '' } });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/MONGODB_URI/);
  });

  it('imports for an owner with --owner; without it a new label is the platform’s', async () => {
    const researcher = await createTestUser(db.connection, ['researcher']);
    const file = path.join(dir, 'owned.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(generateDialogue(ownedSpec, 0))}\n`);
    const owned = await runParley(
      ['datasets', 'import', file, '--dataset', 'for-researcher', '--owner', researcher.username],
      { env: env() },
    );
    expect(owned.code).toBe(0);
    const unowned = await runParley(['datasets', 'import', file, '--dataset', 'platform-set'], {
      env: env(),
    });
    expect(unowned.code).toBe(0);
    const owners = await datasetModel(db.connection)
      .find({ _id: { $in: ['for-researcher', 'platform-set'] } })
      .sort({ _id: 1 })
      .lean();
    expect(owners.map((d) => [d._id, d.owner])).toEqual([
      ['for-researcher', researcher.id],
      ['platform-set', null],
    ]);
    const taken = await runParley(
      ['datasets', 'import', file, '--dataset', 'platform-set', '--owner', researcher.username],
      { env: env() },
    );
    expect(taken.code).toBe(2);
    expect(taken.stderr.trim()).toBe(
      `--owner: dataset "platform-set" already exists and is not ${researcher.username}'s; drop --owner to add to it, or choose a new label.`,
    );
  });
});

const ownedSpec = {
  domain: getDomain('dealornodeal'),
  dialogues: 1,
  seed: 'cli-owned',
  population: parsePopulation('boulware:1'),
};
