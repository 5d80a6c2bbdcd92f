import type { Connection } from 'mongoose';
import type { Act } from '../../shared/dialogue/acts';
import type { Outcome } from '../../shared/dialogue/outcome';
import { getDomain } from '../../shared/domain/domains';
import {
  annotationFlags,
  firstResponse,
  type FlagThresholds,
} from '../../shared/quality/annotationFlags';
import { effectiveGoldRate, evaluateGold, type GoldEvaluation } from '../../shared/quality/gold';
import { annotationModel, type Annotation } from '../annotation/annotationModel';
import type { Logger } from '../logger';
import { roundModel } from '../rounds/roundModel';
import { prefixTurns, taskModel, type Task } from '../tasks/taskModel';
import { goldSpecModel } from './goldSpecModel';
import { recordFirstResponse } from './workerHistory';

export interface QualitySettings {
  thresholds: FlagThresholds;
  /** Gold rate for gold tasks outside rounds (a round's own `goldRate` wins). */
  defaultGoldRate: number;
  /** The draw behind gold-preferring claims (tests pass a fixed one). */
  random?: () => number;
}

/**
 * The automatic checks of completed annotations and the gold choice of claims. A check runs
 * once per annotation (guarded by `checkedAt`): it evaluates gold, computes the flags
 * (shared/quality/annotationFlags.ts), and auto-accepts an annotation without flags; a flagged
 * one stays `pending` for a reviewer.
 */
export function createQualityChecks(
  connection: Connection,
  settings: QualitySettings,
  log: Logger,
) {
  const annotations = annotationModel(connection);
  const random = settings.random ?? Math.random;

  async function check(task: Task, annotation: Annotation, now = new Date()): Promise<void> {
    // Annotations stored before the checks existed lack the field: unchecked too.
    if (annotation.status !== 'completed' || (annotation.checkedAt ?? null) !== null) {
      return;
    }
    const outcome = annotation.outcome as Outcome | null;
    const first = firstResponse(
      annotation.turns.map((t) => ({ speaker: t.speaker as 0 | 1, act: t.act as Act })),
    );
    let gold: GoldEvaluation | null = null;
    if (task.gold && outcome !== null) {
      const spec = await goldSpecModel(connection)
        .findOne({ taskId: task._id.toHexString() })
        .lean()
        .exec();
      gold =
        spec === null
          ? null
          : evaluateGold(spec.expectations, { firstResponse: first?.type ?? null, outcome });
    }
    const flags = annotationFlags(
      {
        domain: getDomain(task.domain),
        context: { counts: task.counts, utilities: [task.aliceUtilities, task.bobUtilities] },
        prefix: prefixTurns(task),
        turns: annotation.turns.map((t) => ({
          speaker: t.speaker as 0 | 1,
          act: t.act as Act,
          at: t.at.getTime(),
        })),
        startedAt: annotation.startedAt.getTime(),
        outcome,
        invalidActs: annotation.invalidActs ?? 0,
        workerFirstResponses: await recordFirstResponse(
          connection,
          annotation.workerId,
          first === null ? null : { annotationId: annotation._id.toHexString(), type: first.type },
        ),
        gold,
      },
      settings.thresholds,
    );
    const checked = await annotations
      .updateOne(
        { _id: annotation._id, checkedAt: null },
        { $set: { flags, gold, checkedAt: now } },
      )
      .exec();
    if (checked.modifiedCount === 1 && flags.length === 0) {
      // Only over an undecided review: a reviewer who got there first keeps their decision.
      await annotations
        .updateOne(
          { _id: annotation._id, 'review.status': 'pending', 'review.decidedBy': null },
          {
            $set: {
              'review.status': 'accepted',
              'review.decidedBy': 'auto',
              'review.at': now,
            },
          },
        )
        .exec();
    }
  }

  async function checkUnchecked(): Promise<void> {
    const due = await annotations
      .find({ status: 'completed', checkedAt: null, recordWritten: true })
      .limit(100)
      .lean<Annotation[]>()
      .exec();
    for (const annotation of due) {
      const task = await taskModel(connection).findById(annotation.taskId).lean<Task>().exec();
      if (task !== null) {
        await check(task, annotation).catch((error: unknown) =>
          log.warn({ err: error, annotationId: annotation._id }, 'quality check failed'),
        );
      }
    }
  }

  /** The worker's gold record: gold annotations answered and answered correctly. */
  async function goldRecordOf(workerId: string) {
    const graded = await annotations
      .find({ workerId, gold: { $ne: null } }, { gold: 1 })
      .lean<Pick<Annotation, 'gold'>[]>()
      .exec();
    return {
      answered: graded.length,
      correct: graded.filter((a) => a.gold?.passed === true).length,
    };
  }

  /**
   * Draws whether the worker's next claim prefers a gold task, given the first open gold task
   * they could claim (leasing knows it): with its round's gold rate, decayed by their gold
   * record (shared/quality/gold.ts).
   */
  async function prefersGold(
    workerId: string,
    openGold: { roundId: string | null },
  ): Promise<boolean> {
    const round =
      openGold.roundId === null
        ? null
        : await roundModel(connection).findById(openGold.roundId, { goldRate: 1 }).lean().exec();
    const rate = effectiveGoldRate(
      round?.goldRate ?? settings.defaultGoldRate,
      await goldRecordOf(workerId),
    );
    return random() < rate;
  }

  return { check, checkUnchecked, prefersGold, goldRecordOf };
}

export type QualityChecks = ReturnType<typeof createQualityChecks>;
