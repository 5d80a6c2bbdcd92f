import { z } from 'zod';
import { domainIds } from '../domain/domains';
import type { Act } from '../dialogue/acts';
import type { RunMetrics } from '../metrics/runMetrics';

/** The Socket.IO namespace where researchers follow their rounds. */
export const roundsNamespace = '/rounds';

/** A round's life: the pipeline stages in order, then the states outside it. */
export const roundStages = [
  'draft',
  'self-play',
  'ranking',
  'annotating',
  'retraining',
  'evaluated',
] as const;
/** `failed`: a stage's job failed for good (see `RoundFailure`); `retry` runs that stage again. */
export const roundStatuses = [...roundStages, 'paused', 'cancelled', 'failed'] as const;
export type RoundStatus = (typeof roundStatuses)[number];
/** Stages a round can be paused in (work is under way). */
export const activeStages = ['self-play', 'ranking', 'annotating', 'retraining'] as const;
export type ActiveStage = (typeof activeStages)[number];

/** Bob's log-probabilities of Alice's acts, summarised as in learning/novelty.ts. */
export const noveltyMetrics = ['minLogProb', 'meanLogProb', 'meanProb'] as const;
export const retrainingPolicies = ['auto-accepted', 'reviewed-accepted'] as const;
/** `rl`: Alice learns by REINFORCE while she self-plays (the paper's TDA epoch); `frozen`: not. */
export const aliceLearningModes = ['rl', 'frozen'] as const;
export type AliceLearning = (typeof aliceLearningModes)[number];
/** Second order: only Bob learns from the annotations; first order: Alice too. */
export const acquisitionOrders = ['first', 'second'] as const;
export type AcquisitionOrderName = (typeof acquisitionOrders)[number];
/** The defaults of a new round's learning (also what a stored round without them means). */
export const roundLearningDefaults = {
  aliceLearning: 'rl' as AliceLearning,
  order: 'second' as AcquisitionOrderName,
};
export const oracleKinds = ['human', 'simulatedExpert', 'astra'] as const;
export type OracleMix = Record<(typeof oracleKinds)[number], number>;

const fraction = z.number().min(0).max(1);

/** `POST /api/rounds`. Checkpoint null = no trained model yet: a scripted/ASTRA stand-in. */
export const createRoundBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    domain: z.enum(domainIds),
    checkpoints: z
      .strictObject({
        alice: z.string().min(1).max(100).nullable(),
        bob: z.string().min(1).max(100).nullable(),
      })
      .default({ alice: null, bob: null }),
    selfPlayDialogues: z.number().int().min(1).max(100_000),
    annotate: z.number().int().min(1).max(10_000),
    noveltyMetric: z.enum(noveltyMetrics).default('minLogProb'),
    oracleMix: z
      .strictObject({ human: fraction, simulatedExpert: fraction, astra: fraction })
      .refine((mix) => Math.abs(mix.human + mix.simulatedExpert + mix.astra - 1) < 1e-9, {
        message: 'the oracle mix proportions must add up to 1',
      }),
    aliceLearning: z.enum(aliceLearningModes).default(roundLearningDefaults.aliceLearning),
    order: z.enum(acquisitionOrders).default(roundLearningDefaults.order),
    redundancy: z.number().int().min(1).max(20).default(1),
    goldRate: fraction.default(0),
    retrainingPolicy: z.enum(retrainingPolicies).default('reviewed-accepted'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
  })
  .refine((body) => body.annotate <= body.selfPlayDialogues, {
    message: 'cannot annotate more dialogues than self-play produces',
    path: ['annotate'],
  });
export type CreateRoundBody = z.infer<typeof createRoundBodySchema>;

export const roundIdParamsSchema = z.strictObject({ roundId: z.string().regex(/^[0-9a-f]{24}$/) });
export const roundActions = ['launch', 'pause', 'resume', 'cancel', 'retry'] as const;
export type RoundAction = (typeof roundActions)[number];

/**
 * Whose default an evaluated round's checkpoints become: the round owner's (their next rounds
 * start from them) or, for admins only, the whole domain's (every researcher's rounds that
 * have no default of their own).
 */
export const promotionScopes = ['owner', 'everyone'] as const;
export type PromotionScope = (typeof promotionScopes)[number];

/** `POST /api/rounds/:roundId/promote`. */
export const promoteRoundBodySchema = z.strictObject({
  scope: z.enum(promotionScopes).default('owner'),
});
export type PromoteRoundBody = z.infer<typeof promoteRoundBodySchema>;

/** A round's checkpoints made a default, after its evaluation. The latest promotion wins. */
export interface RoundPromotion {
  scope: PromotionScope;
  by: string;
  at: string;
  /** The versions that became the default (Alice's only when the round produced a new one). */
  alice: string | null;
  bob: string;
}

export interface RoundProgress {
  done: number;
  total: number;
}

/**
 * Alice and Bob against the simulated expert on held-out contexts: epoch 0 with the checkpoints
 * the round started from, epoch 1 with the ones it produced (Alice after RL self-play and, in
 * first order, her retraining; Bob after his). Rounds chained on each other's checkpoints form
 * the epochs of an acquisition run, which is how the dashboard plots and overlays them.
 */
export interface RoundEvaluation {
  epoch: number;
  alice: RunMetrics;
  bob: RunMetrics;
  /** Share of the acts in Bob's retraining data said by an oracle (human, expert or ASTRA). */
  oracleShare: number;
}

/** What a round leaves behind once it is evaluated. */
export interface RoundResults {
  evaluations: RoundEvaluation[];
  /**
   * The new checkpoints against the ones the round started from, on the same held-out contexts:
   * the new Alice (seat 0) against the previous Alice, the new Bob against the previous Bob.
   * Positive advantage: the new one gets more. Absent in rounds evaluated before it existed.
   */
  versusPrevious?: { alice: RunMetrics; bob: RunMetrics };
  /**
   * Checkpoint versions: those the round started from and those it produced (`aliceAfter`
   * equals `alice` when Alice was frozen and second order).
   */
  checkpoints: { alice: string; aliceAfter?: string; bobBefore: string; bobAfter: string | null };
  /** What Bob was retrained on: D (the previous data) and D′ by oracle kind. */
  training: {
    previousDialogues: number;
    humanAnnotations: number;
    simulatedExpertAnnotations: number;
    astraAnnotations: number;
    /** Completed human annotations the retraining policy kept out (pending or rejected). */
    excludedHumanAnnotations: number;
  };
}

/** Why a round is `failed`: the stage whose job failed for good, and the job's error. */
export interface RoundFailure {
  stage: ActiveStage;
  /** The job kind `retry` enqueues again (the retraining stage has two: retrain, evaluate). */
  job: string;
  reason: string;
  at: string;
}

export type RoundProgressByStage = Record<ActiveStage, RoundProgress>;

/** A round as researchers see it. */
export interface RoundView extends Omit<CreateRoundBody, never> {
  id: string;
  owner: string;
  status: RoundStatus;
  /** The stage a paused round resumes into. */
  pausedFrom: ActiveStage | null;
  progress: RoundProgressByStage;
  /** Set while the round is `failed`. */
  failure: RoundFailure | null;
  /** What the stage is busy with when its counters cannot say (e.g. training the first checkpoints). */
  activity: string | null;
  results: RoundResults | null;
  /** Set once the round's checkpoints were promoted to a default. */
  promotion: RoundPromotion | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * `round:progress` on `/rounds`, pushed to the round's owner and to admins. It carries the whole
 * state a dashboard shows (every stage's counters, not only the current one's): pushes come from
 * a poll, which can miss a stage that started and finished between two looks.
 */
export interface RoundProgressEvent {
  roundId: string;
  stage: RoundStatus;
  /** The counters of the current stage (a paused round's: the stage it was paused in). */
  done: number;
  total: number;
  pausedFrom: ActiveStage | null;
  progress: RoundProgressByStage;
  failure: RoundFailure | null;
  activity: string | null;
}

export interface RoundsServerToClientEvents {
  'round:progress': (event: RoundProgressEvent) => void;
}

/** `GET /api/rounds/:roundId/counts`: where a round's annotation work stands. */
export interface RoundCounts {
  tasks: {
    /** Human tasks with a free slot (waiting for the crowd). */
    queued: number;
    /** Human tasks with at least one live lease. */
    leased: number;
    /** Human tasks with every slot completed. */
    done: number;
    /** Closed (cancelled round) or otherwise unclaimable. */
    closed: number;
    gold: number;
  };
  /** Human annotations by review status (completed ones), and those still under way. */
  annotations: {
    active: number;
    pending: number;
    accepted: number;
    softRejected: number;
    rejected: number;
  };
  /** Continuations by the simulated expert and ASTRA. */
  oracleAnnotations: { simulatedExpert: number; astra: number };
  /**
   * What the rank stage drew for the k dialogues (null before it ran): the oracle of each is a
   * seeded random draw by the configured mix, and gold a draw among the human tasks, so these
   * counts differ from k × the configured shares. Gold tasks added by hand are not counted.
   * Optional so older clients and fixtures without it still type-check; the server always sends it.
   */
  drawn?: { human: number; simulatedExpert: number; astra: number; gold: number } | null;
}

/**
 * `GET /api/rounds/:roundId/novelty`: the round's most novel self-play dialogues, most novel
 * first, with the act that made each novel (`cutAt`, Alice's act the task was cut after) and
 * who continued it. Every novelty number here is **higher = more novel**.
 */
export interface NoveltyEntry {
  dialogueId: string;
  /** 1 for the most novel. */
  rank: number;
  /**
   * The dialogue's novelty by the round's metric (shared/metrics/noveltyScale.ts), higher = more
   * novel, never increasing down the list: `minLogProb` → −min log p_Bob (the largest surprisal
   * of Alice's acts, so `actNovelty[cutAt]`), `meanLogProb` → −mean log p_Bob, `meanProb` →
   * 1 − mean p_Bob.
   */
  novelty: number;
  /** The item counts of the dialogue's context (to read offers as whole sentences). */
  counts: number[];
  cutAt: number;
  /** Surprisal −log p_Bob(act) of each turn's act, higher = more novel (null for Bob's turns). */
  actNovelty: (number | null)[];
  turns: { speaker: 'alice' | 'bob'; act: Act }[];
  /** Who continued it: `human`, `simulatedExpert`, `astra`, or null when it was not selected. */
  oracle: 'human' | 'simulatedExpert' | 'astra' | null;
}
