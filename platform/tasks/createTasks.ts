import type { Connection } from 'mongoose';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import { applyAct, startDialogue, type Turn } from '../../shared/dialogue/dialogue';
import { getDomain } from '../../shared/domain/domains';
import { ValidationError } from '../errors';
import { markOpenTasksChanged } from './queueModels';
import { taskModel, type Task } from './taskModel';

export type AliceSpec =
  | { kind: 'scripted'; name: string }
  | { kind: 'astra'; name: 'astra' }
  /** A round's trained Alice: `name` is the checkpoint version. */
  | { kind: 'policy'; name: string };

export interface TaskFromRecordOptions {
  /** Index of Alice's (agent 0's) act to cut after: the prefix ends with it. */
  cutAt: number;
  novelty: number;
  redundancy: number;
  alice: AliceSpec;
  models: { alice: string; bob: string };
  roundId?: string | null;
  gold?: boolean;
}

export type NewTask = Omit<
  Task,
  | 'reservedFor'
  | 'evaluation'
  | '_id'
  | 'closed'
  | 'openSlots'
  | 'completedCount'
  | 'workerIds'
  | 'leases'
  | 'version'
  | 'createdAt'
> &
  Partial<Pick<Task, 'reservedFor' | 'evaluation'>> & {
    /** A caller-made id (an evaluation dialogue's, derived from its plan): inserts stay idempotent. */
    _id?: Task['_id'];
  };

/**
 * A task from a dialogue record, cut just after Alice's act at `cutAt`. Refuses a cut that is
 * not Alice's act, a prefix the rules reject, or one after which the dialogue is already over
 * (a human would have nothing to say).
 */
export function taskFromRecord(record: DialogueRecord, options: TaskFromRecordOptions): NewTask {
  const domain = getDomain(record.domain);
  const cut = record.turns[options.cutAt];
  if (cut === undefined || cut.speaker !== 0) {
    throw new ValidationError(`turn ${options.cutAt} of ${record.id} is not an act of Alice's`);
  }
  let state = startDialogue(domain, record.context, record.firstSpeaker);
  const prefix: Turn[] = [];
  for (const turn of record.turns.slice(0, options.cutAt + 1)) {
    // A greeting or a question reads fine in the history; an unparsed turn shows nothing.
    if (turn.act.type === 'unknown') {
      throw new ValidationError(`${record.id} has an unparsed turn before the cut`);
    }
    state = applyAct(state, turn.speaker, turn.act);
    prefix.push({ speaker: turn.speaker, act: turn.act });
  }
  if (state.endedBy !== null) {
    throw new ValidationError(
      `${record.id} is over after turn ${options.cutAt}; nothing to annotate`,
    );
  }
  return {
    roundId: options.roundId ?? null,
    domain: domain.id,
    counts: [...record.context.counts],
    aliceUtilities: [...record.context.utilities[0]],
    bobUtilities: [...record.context.utilities[1]],
    firstSpeaker: record.firstSpeaker,
    prefix,
    source: { dialogueId: record.id, cutAt: options.cutAt },
    novelty: options.novelty,
    models: options.models,
    alice: options.alice,
    redundancy: options.redundancy,
    gold: options.gold ?? false,
  };
}

/**
 * Where tests, benchmarks and demos cut a dialogue without a novelty ranking: after Alice's
 * first act that leaves at least three acts to go (so the human has something to say). −1 when
 * there is none.
 */
export function earlyAliceCut(record: Pick<DialogueRecord, 'turns'>): number {
  return record.turns.findIndex((turn, i) => turn.speaker === 0 && i < record.turns.length - 3);
}

/** Stores new tasks, every slot open. */
export async function createTasks(
  connection: Connection,
  tasks: readonly NewTask[],
): Promise<Task[]> {
  if (tasks.length === 0) {
    return [];
  }
  const created = await taskModel(connection).insertMany(
    tasks.map((task) => ({
      ...task,
      openSlots: task.redundancy,
      completedCount: 0,
      workerIds: [],
      leases: [],
      version: 0,
      createdAt: new Date(),
    })),
  );
  await markOpenTasksChanged(connection);
  return created.map((doc) => doc.toObject() as Task);
}
