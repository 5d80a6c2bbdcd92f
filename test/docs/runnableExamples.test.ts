import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { runExample, runnableExamples } from './runnableExamples';

const examples = runnableExamples();

describe('the runnable examples of the documents (```sh runnable)', () => {
  it('exist (the check below is not vacuous)', () => {
    expect(examples.length).toBeGreaterThan(3);
  });

  it.each(examples.map((block) => [`${block.file}:${block.line} (${block.heading})`, block]))(
    '%s exits 0',
    async (_name, block) => {
      const run = await runExample(block, {
        MONGODB_URI: inject('mongoUri'),
        PARLEY_DB_NAME: `docs-example-${block.line}`,
      });
      fs.rmSync(run.dir, { recursive: true, force: true });
      expect(run.code, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(0);
    },
    120_000,
  );
});
