import type { Connection } from 'mongoose';
import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import {
  createTasks,
  earlyAliceCut,
  taskFromRecord,
  type AliceSpec,
} from '../../platform/tasks/createTasks';
import type { Task } from '../../platform/tasks/taskModel';

/**
 * Tasks cut from seeded synthetic dialogues (the first Alice act of each that leaves the
 * dialogue open), with the given redundancy; novelty falls with the index so order is known.
 */
export async function createTestTasks(
  connection: Connection,
  count: number,
  options: { redundancy?: number; alice?: AliceSpec; seed?: number; roundId?: string } = {},
): Promise<Task[]> {
  const spec = {
    domain: getDomain('dealornodeal'),
    dialogues: count,
    seed: options.seed ?? 7,
    population: parsePopulation('boulware:1,conceder:1'),
  };
  const tasks = [];
  for (let index = 0; tasks.length < count; index++) {
    const record = generateDialogue({ ...spec, dialogues: index + 1 }, index);
    const cutAt = earlyAliceCut(record);
    if (cutAt < 0) {
      continue;
    }
    tasks.push(
      taskFromRecord(record, {
        cutAt,
        novelty: -tasks.length,
        redundancy: options.redundancy ?? 2,
        alice: options.alice ?? { kind: 'scripted', name: 'boulware' },
        models: { alice: 'test:alice', bob: 'test:bob' },
        roundId: options.roundId ?? null,
      }),
    );
  }
  return createTasks(connection, tasks);
}
