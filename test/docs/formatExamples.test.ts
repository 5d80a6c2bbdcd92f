import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRecordLine } from '../../shared/corpus/recordLines';
import { fencedBlocks, type FencedBlock } from './markdownDocs';
import { isRunnable, runExample } from './runnableExamples';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** The runnable example of docs/formats.md under the heading that starts with `heading`. */
function exampleUnder(heading: string): FencedBlock {
  const found = fencedBlocks('docs/formats.md').filter(
    (block) => isRunnable(block) && block.heading.startsWith(heading),
  );
  expect(found, `one runnable example under "${heading}"`).toHaveLength(1);
  return found[0]!;
}

describe('the input formats docs/formats.md documents, fed to their commands', () => {
  it('the DealOrNoDeal line example imports as one paired dialogue, every turn parsed', async () => {
    const run = await runExample(exampleUnder('The original DealOrNoDeal line format'));
    dirs.push(run.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      lines: 2,
      dialogues: 1,
      turns: 4,
      parsedTurns: 4,
      questionTurns: 0,
      greetingTurns: 0,
      unknownTurns: 0,
      deals: 1,
      unpairedLines: 0,
      rejectedLines: 0,
    });
    const lines = fs
      .readFileSync(path.join(run.dir, 'example.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    const parsed = parseRecordLine(lines[0]!);
    expect(parsed.ok).toBe(true);
    // What the page says the record holds.
    expect(parsed.ok && parsed.record).toMatchObject({
      turns: [
        { speaker: 0, act: { type: 'propose', allocation: [1, 0, 2] } },
        { speaker: 1, act: { type: 'propose', allocation: [0, 3, 2] } },
        { speaker: 0, act: { type: 'propose', allocation: [1, 0, 1] } },
        { speaker: 1, act: { type: 'agree' } },
        { speaker: 0, act: { type: 'end' } },
      ],
      selections: [
        [1, 0, 1],
        [0, 3, 1],
      ],
      outcome: { agreed: true, scores: [7, 8] },
    });
  });

  it('the astra suggest example gets a suggestion, not an error', async () => {
    const run = await runExample(exampleUnder('`parley astra suggest`'));
    dirs.push(run.dir);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(answer.error).toBeUndefined();
    expect(answer).toMatchObject({ action: 'propose', act: { type: 'propose' } });
    expect(answer.explanation).toMatchObject({ fairness: { verdict: 'unfair' } });
  });
});
