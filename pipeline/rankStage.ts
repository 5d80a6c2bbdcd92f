import { astraFactory } from '../shared/astra/astraNegotiator';
import type { DialogueRecord } from '../shared/corpus/dialogueRecord';
import { noveltyOfScore } from '../shared/metrics/noveltyScale';
import { recordFromState, stateFromRecord } from '../shared/corpus/recordConversion';
import type { DialogueState } from '../shared/dialogue/dialogue';
import { getDomain } from '../shared/domain/domains';
import { dialogueModel, storeDialogueRecord } from '../platform/dialogues/dialogueModel';
import type { JobContext, JobOutcome } from '../platform/jobs/jobRegistry';
import { enqueueRoundJob, moveRound, updateRoundIn } from '../platform/rounds/roundPipeline';
import { oracleMixOf, roundModel, type Round } from '../platform/rounds/roundModel';
import { createTasks, taskFromRecord, type NewTask } from '../platform/tasks/createTasks';
import { taskModel } from '../platform/tasks/taskModel';
import { continueWithOracle } from '../learning/acquisition/continuation';
import { selectForAnnotation, type SelectedCut } from '../learning/acquisition/selection';
import type { Seat } from '../learning/batchedPlay';
import { mostNovel, noveltyOf, type NoveltyScore } from '../learning/novelty';
import { disposePolicy, type Policy } from '../learning/policy';
import { scoreDialogues } from '../learning/teacherForcedScoring';
import { assignOracles, type OracleKind } from './oracleAssignment';
import { liveAliceOf } from './liveAlice';
import {
  aliceAfterSelfPlay,
  loadPolicy,
  pipelineOf,
  roundInStage,
  type RoundWorkDeps,
} from './roundWork';

/** One entry of `round.pipeline.ranking`. */
export interface RankedDialogue {
  dialogueId: string;
  novelty: number;
  cutAt: number;
  surprisal: (number | null)[];
  oracle: OracleKind | null;
}

interface Selected {
  record: DialogueRecord;
  state: DialogueState;
  novelty: NoveltyScore;
  cut: SelectedCut;
}

/** The id of an oracle's continuation of a self-play dialogue. */
export const oracleAnnotationId = (parentId: string, oracle: OracleKind) =>
  `${parentId}-${oracle === 'simulatedExpert' ? 'expert' : oracle}`;

/** How an oracle is named in records and results. */
export const oracleNames: Record<Exclude<OracleKind, 'human'>, string> = {
  simulatedExpert: 'simulated-expert',
  astra: 'astra',
};

/**
 * `round.rank`: Bob's novelty of Alice's acts in every self-play dialogue (teacher-forced, by the
 * round's metric), the k most novel cut just after Alice's most novel act, each given an oracle
 * by the mix. Human ones become tasks (leased by the crowd); the simulated expert and ASTRA
 * continue theirs right here in Bob's seat against Alice, stored as `annotation` records.
 * Idempotent: tasks are created only for dialogues that have none yet, records are upserts.
 */
export async function rankStage(
  deps: RoundWorkDeps,
  roundId: string,
  _context: JobContext,
): Promise<JobOutcome> {
  const gate = await roundInStage(deps, roundId, 'ranking');
  if ('outcome' in gate) {
    return gate.outcome;
  }
  const round = gate.round;
  const versions = pipelineOf(round).versions;
  if (versions === undefined) {
    return {
      status: 'failed',
      error: 'the round has no checkpoint versions (self-play did not run)',
    };
  }
  const stored = await dialogueModel(deps.connection)
    .find({ roundId, source: 'selfplay' })
    .sort({ _id: 1 })
    .lean()
    .exec();
  const records = stored.map((d) => d.record);
  const states = records.map((record) => stateFromRecord(record));
  // Oracles and annotators continue against the Alice that self-play left (RL trained or not).
  const playing = { ...versions, alice: aliceAfterSelfPlay(round, versions) };
  const alice = await loadPolicy(deps, playing.alice);
  const bob = await loadPolicy(deps, versions.bob);
  const expert = await loadPolicy(deps, versions.expert);
  try {
    // Bob's log-probabilities of every act, from Bob's side (agent 1): novelty of Alice's acts.
    const logProbs = await scoreDialogues(bob, states, 1);
    const novelty = states.map((state, d) =>
      noveltyOf(state.turns, logProbs[d]!, 0, round.noveltyMetric),
    );
    await updateRoundIn(deps.connection, roundId, 'ranking', {
      'progress.ranking.done': records.length,
      'progress.ranking.total': records.length,
    });
    const selected = selectTasks(records, states, novelty, round);
    const assigned = assignOracles(selected.length, oracleMixOf(round), round.goldRate, round.seed);
    const human = selected.filter((_, i) => assigned[i]!.oracle === 'human');
    const humanTasks = await createHumanTasks(
      deps,
      round,
      playing,
      human,
      (s) => assigned[selected.indexOf(s)]!.gold,
    );
    let oracleAnnotations = 0;
    for (const oracle of ['simulatedExpert', 'astra'] as const) {
      const mine = selected.filter((_, i) => assigned[i]!.oracle === oracle);
      oracleAnnotations += await annotateByOracle(
        deps,
        round,
        playing,
        alice,
        expert,
        mine,
        oracle,
      );
    }
    const humanSlots = humanTasks * round.redundancy;
    const plan = { humanTasks, oracleAnnotations, humanSlots };
    const oracleOf = new Map(selected.map((s, i) => [s.record.id, assigned[i]!.oracle]));
    const ranking = topRanking(records, states, novelty, logProbs, oracleOf);
    await enqueueRoundJob(deps.connection, 'round.annotating', roundId);
    const moved = await moveRound(deps.connection, roundId, 'ranking', 'annotating', {
      'pipeline.plan': plan,
      'pipeline.ranking': ranking,
      'progress.annotating': { done: oracleAnnotations, total: humanSlots + oracleAnnotations },
    });
    if (moved === null) {
      await closeTasksIfCancelled(deps, roundId);
    }
    return { status: 'done', result: { selected: selected.length, ...plan } };
  } finally {
    disposePolicy(alice);
    disposePolicy(bob);
    disposePolicy(expert);
  }
}

/**
 * A cancel that came while this job was creating tasks closed the tasks that existed then;
 * these were created after it, so close them too (one of the two writes always sees them).
 */
async function closeTasksIfCancelled(deps: RoundWorkDeps, roundId: string): Promise<void> {
  const round = await roundModel(deps.connection).findById(roundId, { status: 1 }).lean().exec();
  if (round?.status === 'cancelled') {
    await taskModel(deps.connection).updateMany({ roundId }, { $set: { closed: true } });
  }
}

/** How many of the most novel dialogues the round keeps for its novelty view. */
const rankingKept = 50;

/**
 * The most novel dialogues (selected or not) with Bob's surprisal at each of Alice's acts, for
 * researchers' novelty view (`GET /api/rounds/:roundId/novelty`).
 */
function topRanking(
  records: DialogueRecord[],
  states: DialogueState[],
  novelty: NoveltyScore[],
  logProbs: number[][],
  oracleOf: Map<string, OracleKind>,
): RankedDialogue[] {
  return mostNovel(novelty, records.length)
    .slice(0, rankingKept)
    .map((index) => ({
      dialogueId: records[index]!.id,
      novelty: novelty[index]!.score,
      cutAt: novelty[index]!.mostNovelTurn,
      surprisal: states[index]!.turns.map((turn, t) =>
        turn.speaker === 0 ? -(logProbs[index]?.[t] ?? 0) : null,
      ),
      oracle: oracleOf.get(records[index]!.id) ?? null,
    }));
}

/** The k most novel dialogues the oracle can continue: the choice experiments make too. */
function selectTasks(
  records: DialogueRecord[],
  states: DialogueState[],
  novelty: NoveltyScore[],
  round: Round,
): Selected[] {
  return selectForAnnotation(getDomain(round.domain), states, novelty, {
    annotate: round.annotate,
  }).map((cut) => ({
    record: records[cut.index]!,
    state: states[cut.index]!,
    novelty: novelty[cut.index]!,
    cut,
  }));
}

async function createHumanTasks(
  deps: RoundWorkDeps,
  round: Round,
  versions: { alice: string; bob: string },
  selected: Selected[],
  isGold: (s: Selected) => boolean,
): Promise<number> {
  const roundId = round._id.toHexString();
  const existing = new Set(
    (
      await taskModel(deps.connection).find({ roundId }, { 'source.dialogueId': 1 }).lean().exec()
    ).map((t) => t.source.dialogueId),
  );
  const tasks: NewTask[] = selected
    .filter((s) => !existing.has(s.record.id))
    .map((s) =>
      taskFromRecord(s.record, {
        cutAt: s.cut.cutAt,
        // Tasks are claimed highest novelty first; the ranking's scores are log-probabilities
        // (or probabilities), lower = more novel, so the task stores them as novelty.
        novelty: noveltyOfScore(round.noveltyMetric, s.novelty.score),
        redundancy: round.redundancy,
        alice: liveAliceOf(versions.alice),
        models: { alice: versions.alice, bob: versions.bob },
        roundId,
        gold: isGold(s),
      }),
    );
  await createTasks(deps.connection, tasks);
  return selected.length;
}

async function annotateByOracle(
  deps: RoundWorkDeps,
  round: Round,
  versions: { alice: string; bob: string; expert: string },
  alice: Policy,
  expert: Policy,
  selected: Selected[],
  oracle: Exclude<OracleKind, 'human'>,
): Promise<number> {
  if (selected.length === 0) {
    return 0;
  }
  const roundId = round._id.toHexString();
  const seat: Seat =
    oracle === 'simulatedExpert'
      ? { policy: expert }
      : { negotiator: (_i, rng) => astraFactory()(rng) };
  const { annotated } = await continueWithOracle(
    alice,
    seat,
    selected.map((s) => s.state),
    selected.map((s, i) => ({ ...s.cut, index: i })),
    `${round.seed}/oracle/${oracle}`,
  );
  let stored = 0;
  for (const [i, state] of annotated.entries()) {
    const s = selected[i]!;
    if (state.outcome === null) {
      continue;
    }
    const record = recordFromState(state, {
      id: oracleAnnotationId(s.record.id, oracle),
      source: 'annotation',
      provenance: {
        parentId: s.record.id,
        cutAt: s.cut.cutAt,
        annotator: oracleNames[oracle],
        oracle: oracleNames[oracle],
        round: roundId,
        models: { alice: versions.alice, bob: versions.bob, expert: versions.expert },
      },
    });
    await storeDialogueRecord(deps.connection, record, { taskId: null, roundId });
    stored++;
  }
  return stored;
}
