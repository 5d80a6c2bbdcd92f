import type { Connection } from 'mongoose';
import { generateCorpus } from '../../shared/corpus/generateCorpus';
import { defaultPopulation, parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import { createTasks, taskFromRecord, type NewTask } from './createTasks';
import { taskModel } from './taskModel';

/**
 * A few tasks from the synthetic corpus so that a fresh platform has work to show. Each is cut
 * after Alice's second-to-last act that leaves the dialogue open; Alice is then played live by
 * the same scripted negotiator that played her in the corpus. Novelty is not computed for demo
 * tasks (there is no Bob model yet): it is 0, and the models say "demo".
 */
export async function seedDemoTasks(
  connection: Connection,
  options: { count: number; seed?: number; redundancy?: number } = { count: 8 },
): Promise<number> {
  if ((await taskModel(connection).estimatedDocumentCount()) > 0) {
    return 0;
  }
  const tasks: NewTask[] = [];
  const corpus = generateCorpus({
    domain: getDomain('dealornodeal'),
    dialogues: options.count * 4,
    seed: options.seed ?? 2021,
    population: parsePopulation(defaultPopulation),
  });
  for (const record of corpus) {
    if (tasks.length >= options.count || record.source !== 'synthetic') {
      break;
    }
    const aliceActs = record.turns
      .map((turn, index) => ({ turn, index }))
      .filter(({ turn, index }) => turn.speaker === 0 && index < record.turns.length - 2);
    const cut = aliceActs.at(-2) ?? aliceActs.at(-1);
    if (cut === undefined) {
      continue;
    }
    const name = record.provenance.negotiators[0];
    tasks.push(
      taskFromRecord(record, {
        cutAt: cut.index,
        novelty: 0,
        redundancy: options.redundancy ?? 2,
        alice: { kind: 'scripted', name },
        models: { alice: `demo:scripted:${name}`, bob: 'demo:none' },
      }),
    );
  }
  await createTasks(connection, tasks);
  return tasks.length;
}
