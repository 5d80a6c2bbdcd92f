import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import type { DatasetView, ImportReport } from '../../shared/protocol/datasets';
import { prepareDatabase } from '../../server/database/prepareModels';
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

describe('parley datasets', () => {
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

  it('refuses a bad filter and a missing MONGODB_URI with a message', async () => {
    const bad = await runParley(['datasets', 'export', '--review', 'maybe'], { env: env() });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/review/);
    const none = await runParley(['datasets', 'list'], { env: { MONGODB_URI: '' } });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/MONGODB_URI/);
  });
});
