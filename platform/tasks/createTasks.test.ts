import { describe, expect, it } from 'vitest';
import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import { ValidationError } from '../errors';
import { taskFromRecord } from './createTasks';

const record = generateDialogue(
  {
    domain: getDomain('dealornodeal'),
    dialogues: 1,
    seed: 3,
    population: parsePopulation('boulware:1'),
  },
  0,
);
const options = {
  novelty: -1.5,
  redundancy: 2,
  alice: { kind: 'scripted', name: 'boulware' } as const,
  models: { alice: 'a', bob: 'b' },
};

describe('taskFromRecord', () => {
  it('cuts after an act of Alice and keeps both contexts, the source and the prefix', () => {
    const cutAt = record.turns.findIndex((t) => t.speaker === 0);
    const task = taskFromRecord(record, { ...options, cutAt });
    expect(task.prefix).toEqual(record.turns.slice(0, cutAt + 1));
    expect(task.aliceUtilities).toEqual(record.context.utilities[0]);
    expect(task.bobUtilities).toEqual(record.context.utilities[1]);
    expect(task.source).toEqual({ dialogueId: record.id, cutAt });
    expect(task.roundId).toBeNull();
  });

  it("refuses a cut at Bob's act, past the end, or where the dialogue is already over", () => {
    const bobAt = record.turns.findIndex((t) => t.speaker === 1);
    expect(() => taskFromRecord(record, { ...options, cutAt: bobAt })).toThrow(ValidationError);
    expect(() => taskFromRecord(record, { ...options, cutAt: 99 })).toThrow(ValidationError);
    const ended = {
      ...record,
      turns: [...record.turns.filter((t) => t.speaker === 0).slice(0, 1)].map((t) => ({
        ...t,
        act: { type: 'end' as const },
      })),
      firstSpeaker: 0 as const,
    };
    expect(() => taskFromRecord(ended, { ...options, cutAt: 0 })).toThrow(/over/);
  });
});
