import type { Connection } from 'mongoose';
import { ActError } from '../../shared/dialogue/actRules';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import type { CreateGoldTaskBody, GoldTaskView } from '../../shared/protocol/review';
import { can } from '../../shared/protocol/roles';
import type { SessionUser } from '../auth/sessionUser';
import { NotFoundError, ValidationError } from '../errors';
import { dialogueModel, type StoredDialogue } from '../dialogues/dialogueModel';
import { recordAudit } from '../review/auditLog';
import { roundModel } from '../rounds/roundModel';
import { createTasks, taskFromRecord } from '../tasks/createTasks';
import { taskModel, type Task } from '../tasks/taskModel';
import { goldSpecModel, type GoldSpec } from './goldSpecModel';

/** The model name a hand-made gold task records for Alice and Bob (no model chose its prefix). */
export const handMadeGoldModel = 'gold';

function presentGold(
  task: Pick<Task, '_id' | 'roundId' | 'redundancy'>,
  spec: GoldSpec,
): GoldTaskView {
  return {
    taskId: task._id.toHexString(),
    roundId: task.roundId ?? null,
    redundancy: task.redundancy,
    expectations: spec.expectations,
    createdAt: spec.createdAt.toISOString(),
  };
}

/** Gold tasks: ordinary tasks with `gold: true` and expectations beside them (goldSpecs). */
export function createGoldTasks(connection: Connection) {
  /** A round given must be the researcher's own (admins: any); another's is a 404. */
  async function checkRound(user: SessionUser, roundId: string | null) {
    if (roundId !== null && !(await ownsRound(user, roundId))) {
      throw new NotFoundError(`No round ${roundId}.`);
    }
  }
  async function ownsRound(user: SessionUser, roundId: string): Promise<boolean> {
    const round = await roundModel(connection).findById(roundId, { owner: 1 }).lean().exec();
    return round !== null && (round.owner === user.id || can(user.roles, 'manageUsers'));
  }

  /** The body's record, or the stored one it names: a dialogue of one of the user's rounds. */
  async function recordOf(user: SessionUser, body: CreateGoldTaskBody): Promise<DialogueRecord> {
    if (body.record !== undefined) {
      return body.record;
    }
    const id = body.dialogueId as string;
    const stored = await dialogueModel(connection)
      .findById(id, { record: 1, roundId: 1 })
      .lean<Pick<StoredDialogue, 'record' | 'roundId'>>()
      .exec();
    // Another researcher's dialogue is a 404 like a missing one; dialogues outside rounds
    // (imports, synthetic corpora) come as a `record`.
    const roundId = stored?.roundId ?? null;
    if (stored === null || roundId === null || !(await ownsRound(user, roundId))) {
      throw new NotFoundError(`No dialogue ${id} in your rounds: send its record instead.`);
    }
    return stored.record;
  }

  async function create(user: SessionUser, body: CreateGoldTaskBody): Promise<GoldTaskView> {
    await checkRound(user, body.roundId);
    const record = await recordOf(user, body);
    let newTask;
    try {
      newTask = taskFromRecord(record, {
        cutAt: body.cutAt,
        novelty: 0,
        redundancy: body.redundancy,
        alice: body.alice,
        models: { alice: handMadeGoldModel, bob: handMadeGoldModel },
        roundId: body.roundId,
        gold: true,
      });
    } catch (error) {
      // The record's context or acts break the rules: a bad body, not a server fault.
      if (error instanceof ActError || error instanceof RangeError) {
        throw new ValidationError(`The record cannot be cut there: ${error.message}`);
      }
      throw error;
    }
    const [task] = await createTasks(connection, [newTask]);
    if (task === undefined) {
      throw new Error('the gold task was not stored');
    }
    const taskId = task._id.toHexString();
    const spec = await goldSpecModel(connection).create({
      taskId,
      expectations: body.expectations,
      createdBy: user.id,
      createdAt: new Date(),
    });
    await recordAudit(connection, user, {
      action: 'gold.create',
      targetType: 'task',
      targetId: taskId,
      reason: '',
      details: { expectations: body.expectations, roundId: body.roundId, dialogueId: record.id },
    });
    return presentGold(task, spec.toObject());
  }

  /** Gold tasks with their expectations (researchers: those they created). */
  async function list(user: SessionUser): Promise<GoldTaskView[]> {
    const filter = can(user.roles, 'manageUsers') ? {} : { createdBy: user.id };
    const specs = await goldSpecModel(connection)
      .find(filter)
      .sort({ createdAt: -1 })
      .limit(500)
      .lean<GoldSpec[]>()
      .exec();
    const tasks = await taskModel(connection)
      .find({ _id: { $in: specs.map((s) => s.taskId) } }, { roundId: 1, redundancy: 1 })
      .lean<Pick<Task, '_id' | 'roundId' | 'redundancy'>[]>()
      .exec();
    const byId = new Map(tasks.map((t) => [t._id.toHexString(), t]));
    return specs.flatMap((spec) => {
      const task = byId.get(spec.taskId);
      return task === undefined ? [] : [presentGold(task, spec)];
    });
  }

  return { create, list };
}
