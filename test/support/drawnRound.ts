import type { Connection } from 'mongoose';
import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import { dialogueModel, storeDialogueRecord } from '../../platform/dialogues/dialogueModel';
import { roundModel } from '../../platform/rounds/roundModel';
import { createTasks, earlyAliceCut, taskFromRecord } from '../../platform/tasks/createTasks';

export interface Draw {
  human: number;
  /** Of the human tasks. */
  gold: number;
  simulatedExpert: number;
  astra: number;
}

/**
 * A round as the rank stage leaves it, without running it: `draw.human` tasks (the first
 * `draw.gold` of them gold), stand-in oracle continuations, `pipeline.plan`, status annotating.
 */
export async function seedDrawnRound(
  connection: Connection,
  roundId: string,
  draw: Draw,
): Promise<void> {
  const spec = {
    domain: getDomain('dealornodeal'),
    dialogues: draw.human,
    seed: 11,
    population: parsePopulation('boulware:1,conceder:1'),
  };
  const tasks = [];
  for (let index = 0; tasks.length < draw.human; index++) {
    const record = generateDialogue({ ...spec, dialogues: index + 1 }, index);
    const cutAt = earlyAliceCut(record);
    if (cutAt >= 0) {
      tasks.push(
        taskFromRecord(record, {
          cutAt,
          novelty: -tasks.length,
          redundancy: 1,
          alice: { kind: 'scripted', name: 'boulware' },
          models: { alice: 'test:alice', bob: 'test:bob' },
          roundId,
          gold: tasks.length < draw.gold,
        }),
      );
    }
  }
  await createTasks(connection, tasks);
  const oracles = [
    ...Array.from({ length: draw.simulatedExpert }, () => 'simulated-expert'),
    ...Array.from({ length: draw.astra }, () => 'astra'),
  ];
  // Only the fields the counts read: these stand in for the rank stage's continuations.
  await dialogueModel(connection).collection.insertMany(
    oracles.map((oracle, i) => ({
      _id: `${roundId}-oracle-${i}` as never,
      source: 'annotation',
      domain: 'dealornodeal',
      taskId: null,
      roundId,
      record: { provenance: { oracle } },
    })),
  );
  await roundModel(connection).updateOne(
    { _id: roundId },
    {
      $set: {
        status: 'annotating',
        pipeline: {
          plan: {
            humanTasks: draw.human,
            oracleAnnotations: oracles.length,
            humanSlots: draw.human,
          },
        },
      },
    },
  );
}

/**
 * A round's most novel dialogues as the rank stage records them: seeded synthetic dialogues
 * stored with the round, and `pipeline.ranking` naming them (cut after Alice's first act that
 * leaves the dialogue open). Returns the records, most novel first.
 */
export async function seedRankedDialogues(
  connection: Connection,
  roundId: string,
  count: number,
): Promise<DialogueRecord[]> {
  const spec = {
    domain: getDomain('dealornodeal'),
    dialogues: count,
    seed: 13,
    population: parsePopulation('boulware:1,conceder:1'),
  };
  const ranked: { record: DialogueRecord; cutAt: number }[] = [];
  for (let index = 0; ranked.length < count; index++) {
    const record = generateDialogue({ ...spec, dialogues: index + 1 }, index);
    const cutAt = earlyAliceCut(record);
    if (cutAt >= 0) {
      ranked.push({ record, cutAt });
      await storeDialogueRecord(connection, record, { taskId: null, roundId });
    }
  }
  await roundModel(connection).updateOne(
    { _id: roundId },
    {
      $set: {
        status: 'annotating',
        'pipeline.ranking': ranked.map(({ record, cutAt }, rank) => ({
          dialogueId: record.id,
          novelty: -5 + rank,
          cutAt,
          surprisal: record.turns.map((t) => (t.speaker === 0 ? 1 : null)),
          oracle: 'human',
        })),
      },
    },
  );
  return ranked.map((r) => r.record);
}
