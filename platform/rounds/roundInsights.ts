import type { Connection } from 'mongoose';
import type { Act } from '../../shared/dialogue/acts';
import { noveltyOfScore } from '../../shared/metrics/noveltyScale';
import type { NoveltyEntry, RoundCounts } from '../../shared/protocol/rounds';
import { annotationModel, type Annotation } from '../annotation/annotationModel';
import { dialogueModel } from '../dialogues/dialogueModel';
import { handMadeGoldModel } from '../quality/goldTasks';
import { taskModel, type Task } from '../tasks/taskModel';
import type { Round } from './roundModel';

/** What the rank stage keeps in `round.pipeline.ranking` (pipeline/rankStage.ts). */
interface RankedDialogue {
  dialogueId: string;
  novelty: number;
  cutAt: number;
  surprisal: (number | null)[];
  oracle: NoveltyEntry['oracle'];
}

/** Where a round's annotation work stands, counted from its tasks and annotations. */
export async function roundCounts(connection: Connection, round: Round): Promise<RoundCounts> {
  const roundId = round._id.toHexString();
  const [tasks, annotations, oracleRecords] = await Promise.all([
    taskModel(connection)
      .find(
        { roundId },
        {
          openSlots: 1,
          leases: 1,
          redundancy: 1,
          completedCount: 1,
          gold: 1,
          closed: 1,
          'models.alice': 1,
        },
      )
      .lean<
        Pick<
          Task,
          'openSlots' | 'leases' | 'redundancy' | 'completedCount' | 'gold' | 'closed' | 'models'
        >[]
      >(),
    annotationModel(connection)
      .find({ roundId }, { status: 1, review: 1 })
      .lean<Pick<Annotation, 'status' | 'review'>[]>(),
    dialogueModel(connection)
      .find({ roundId, source: 'annotation', taskId: null }, { 'record.provenance.oracle': 1 })
      .lean<{ record: { provenance: { oracle?: string } } }[]>(),
  ]);
  const counts: RoundCounts = {
    tasks: { queued: 0, leased: 0, done: 0, closed: 0, gold: 0 },
    annotations: { active: 0, pending: 0, accepted: 0, softRejected: 0, rejected: 0 },
    oracleAnnotations: { simulatedExpert: 0, astra: 0 },
    drawn: null,
  };
  const drawnTasks = tasks.filter((task) => task.models.alice !== handMadeGoldModel);
  for (const task of tasks) {
    counts.tasks.gold += task.gold ? 1 : 0;
    if (task.closed === true) {
      counts.tasks.closed += 1;
    } else if (task.completedCount >= task.redundancy) {
      counts.tasks.done += 1;
    } else if (task.leases.some((lease) => lease.status === 'active')) {
      counts.tasks.leased += 1;
    } else {
      counts.tasks.queued += 1;
    }
  }
  for (const annotation of annotations) {
    if (annotation.status === 'active') {
      counts.annotations.active += 1;
    } else if (annotation.status === 'completed') {
      const status = annotation.review.status;
      counts.annotations[status === 'soft-rejected' ? 'softRejected' : status] += 1;
    }
  }
  for (const { record } of oracleRecords) {
    if (record.provenance.oracle === 'simulated-expert') {
      counts.oracleAnnotations.simulatedExpert += 1;
    } else if (record.provenance.oracle === 'astra') {
      counts.oracleAnnotations.astra += 1;
    }
  }
  const ranked = (round.pipeline as { plan?: unknown } | null)?.plan !== undefined;
  if (ranked) {
    counts.drawn = {
      human: drawnTasks.length,
      simulatedExpert: counts.oracleAnnotations.simulatedExpert,
      astra: counts.oracleAnnotations.astra,
      gold: drawnTasks.filter((task) => task.gold).length,
    };
  }
  return counts;
}

/** The round's most novel self-play dialogues, as the rank stage recorded them. */
export async function roundNovelty(connection: Connection, round: Round): Promise<NoveltyEntry[]> {
  const ranking = ((round.pipeline as { ranking?: RankedDialogue[] } | null)?.ranking ?? []).slice(
    0,
    50,
  );
  if (ranking.length === 0) {
    return [];
  }
  const stored = await dialogueModel(connection)
    .find({ _id: { $in: ranking.map((r) => r.dialogueId) } }, { record: 1 })
    .lean<
      {
        _id: string;
        record: { context: { counts: number[] }; turns: { speaker: 0 | 1; act: Act }[] };
      }[]
    >();
  const recordOf = new Map(stored.map((d) => [d._id, d.record]));
  return ranking.flatMap((entry, index) => {
    const record = recordOf.get(entry.dialogueId);
    if (record === undefined) {
      return [];
    }
    return [
      {
        dialogueId: entry.dialogueId,
        rank: index + 1,
        // The ranking keeps Bob's scores (lower = more novel); readers get higher = more novel.
        novelty: noveltyOfScore(round.noveltyMetric, entry.novelty),
        cutAt: entry.cutAt,
        counts: [...record.context.counts],
        actNovelty: entry.surprisal,
        turns: record.turns.map((turn) => ({
          speaker: turn.speaker === 0 ? ('alice' as const) : ('bob' as const),
          act: turn.act,
        })),
        oracle: entry.oracle,
      },
    ];
  });
}
