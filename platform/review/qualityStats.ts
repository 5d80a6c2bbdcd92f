import type { Connection } from 'mongoose';
import type { Act } from '../../shared/dialogue/acts';
import type { Outcome } from '../../shared/dialogue/outcome';
import { krippendorffAlphaNominal, pairwiseAgreement } from '../../shared/metrics/krippendorff';
import { effectiveGoldRate, reliabilityScore } from '../../shared/quality/gold';
import {
  reviewStatuses,
  type ReviewStatus,
  type RoundQualityView,
  type WorkerStatsView,
} from '../../shared/protocol/review';
import { can } from '../../shared/protocol/roles';
import { annotationModel, type Annotation } from '../annotation/annotationModel';
import type { SessionUser } from '../auth/sessionUser';
import { NotFoundError } from '../errors';
import { roundModel } from '../rounds/roundModel';
import { userModel, type User } from '../users/userModel';

type Graded = Pick<
  Annotation,
  | 'taskId'
  | 'workerId'
  | 'status'
  | 'turns'
  | 'outcome'
  | 'flags'
  | 'review'
  | 'gold'
  | 'startedAt'
  | 'endedAt'
>;
const fields = {
  taskId: 1,
  workerId: 1,
  status: 1,
  turns: 1,
  outcome: 1,
  flags: 1,
  review: 1,
  gold: 1,
  startedAt: 1,
  endedAt: 1,
};

/** The first-response act type (the worker's answer to Alice's novel act), or null. */
function firstType(annotation: Pick<Annotation, 'turns'>): string | null {
  return (annotation.turns.find((t) => t.speaker === 1)?.act as Act | undefined)?.type ?? null;
}

/** What the outcome was, as a value to agree on: the deal's allocation, or no deal. */
function outcomeKey(annotation: Pick<Annotation, 'outcome'>): string | null {
  const outcome = annotation.outcome as Outcome | null;
  if (outcome === null) {
    return null;
  }
  return outcome.agreed && outcome.allocation !== null ? outcome.allocation.join(',') : 'no deal';
}

function reviewCounts(list: readonly Graded[]): Record<ReviewStatus, number> {
  const counts = Object.fromEntries(reviewStatuses.map((s) => [s, 0])) as Record<
    ReviewStatus,
    number
  >;
  for (const a of list) {
    counts[a.review.status] += 1;
  }
  return counts;
}

function byTask(list: readonly Graded[]): Map<string, Graded[]> {
  const tasks = new Map<string, Graded[]>();
  for (const a of list) {
    tasks.set(a.taskId, [...(tasks.get(a.taskId) ?? []), a]);
  }
  return tasks;
}

/**
 * Agreement of one worker with the others on the same tasks: of all pairs (their annotation,
 * another's on the same task), the share with the same first-response act type.
 */
function workerAgreement(workerId: string, tasks: Map<string, Graded[]>): number | null {
  let pairs = 0;
  let agreeing = 0;
  for (const annotations of tasks.values()) {
    const own = annotations.find((a) => a.workerId === workerId);
    const mine = own === undefined ? null : firstType(own);
    if (mine === null) {
      continue;
    }
    for (const other of annotations) {
      const theirs = other.workerId === workerId ? null : firstType(other);
      if (theirs !== null) {
        pairs++;
        if (theirs === mine) {
          agreeing++;
        }
      }
    }
  }
  return pairs === 0 ? null : agreeing / pairs;
}

function median(values: number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Per-worker and per-round quality numbers, computed from the annotations on request. */
export function createQualityStats(connection: Connection) {
  const annotations = annotationModel(connection);

  async function workerStats(userId: string): Promise<WorkerStatsView> {
    const user = await userModel(connection).findById(userId).lean<User>().exec();
    if (user === null) {
      throw new NotFoundError(`No user ${userId}.`);
    }
    const own = await annotations.find({ workerId: userId }, fields).lean<Graded[]>().exec();
    const completed = own.filter((a) => a.status === 'completed');
    const others = await annotations
      .find({ taskId: { $in: completed.map((a) => a.taskId) }, status: 'completed' }, fields)
      .lean<Graded[]>()
      .exec();
    const seconds = completed
      .filter((a) => a.endedAt !== null && a.endedAt !== undefined)
      .map((a) => ((a.endedAt as Date).getTime() - a.startedAt.getTime()) / 1000);
    const totalHours = seconds.reduce((s, x) => s + x, 0) / 3600;
    const graded = completed.filter((a) => a.gold !== null && a.gold !== undefined);
    const gold = {
      answered: graded.length,
      correct: graded.filter((a) => a.gold?.passed === true).length,
    };
    const flagged = completed.filter((a) => a.flags.length > 0);
    const flagCounts: Record<string, number> = {};
    for (const a of completed) {
      for (const f of a.flags) {
        flagCounts[f.code] = (flagCounts[f.code] ?? 0) + 1;
      }
    }
    return {
      worker: { id: userId, username: user.username, blocked: user.blocked },
      completed: completed.length,
      abandoned: own.filter((a) => a.status === 'abandoned' || a.status === 'expired').length,
      throughputPerHour: totalHours > 0 ? completed.length / totalHours : null,
      medianSecondsPerAnnotation: median(seconds),
      gold: { ...gold, accuracy: gold.answered === 0 ? null : gold.correct / gold.answered },
      agreement: workerAgreement(userId, byTask(others)),
      flaggedAnnotations: flagged.length,
      flags: completed.reduce((s, a) => s + a.flags.length, 0),
      flagCounts,
      review: reviewCounts(completed),
      reliability: reliabilityScore(gold, { completed: completed.length, flagged: flagged.length }),
      goldRateFactor: effectiveGoldRate(1, gold),
    };
  }

  /** A round's numbers; researchers see only their own rounds (another's is a 404). */
  async function roundStats(viewer: SessionUser, roundId: string): Promise<RoundQualityView> {
    const round = await roundModel(connection).findById(roundId, { owner: 1 }).lean().exec();
    if (round === null || (round.owner !== viewer.id && !can(viewer.roles, 'review'))) {
      throw new NotFoundError(`No round ${roundId}.`);
    }
    const completed = await annotations
      .find({ roundId, status: 'completed' }, fields)
      .lean<Graded[]>()
      .exec();
    const tasks = byTask(completed);
    const redundant = [...tasks.values()].filter((list) => list.length >= 2);
    const graded = completed.filter((a) => a.gold !== null && a.gold !== undefined);
    const workerIds = [...new Set(completed.map((a) => a.workerId))];
    const names = new Map(
      (
        await userModel(connection)
          .find({ _id: { $in: workerIds } }, { username: 1 })
          .lean()
          .exec()
      ).map((u) => [u._id.toHexString(), u.username]),
    );
    return {
      roundId,
      annotations: {
        completed: completed.length,
        flagged: completed.filter((a) => a.flags.length > 0).length,
        review: reviewCounts(completed),
      },
      redundantTasks: redundant.length,
      alpha: krippendorffAlphaNominal(redundant.map((list) => list.map(firstType))),
      outcomeAgreement: pairwiseAgreement(
        redundant.map((list) => list.map(outcomeKey).filter((k): k is string => k !== null)),
      ),
      gold: {
        answered: graded.length,
        correct: graded.filter((a) => a.gold?.passed === true).length,
      },
      workers: workerIds.map((id) => ({
        id,
        username: names.get(id) ?? null,
        completed: completed.filter((a) => a.workerId === id).length,
        agreement: workerAgreement(id, tasks),
      })),
    };
  }

  return { workerStats, roundStats };
}

export type QualityStats = ReturnType<typeof createQualityStats>;
