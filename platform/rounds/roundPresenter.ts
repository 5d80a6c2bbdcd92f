import type {
  ActiveStage,
  RoundFailure,
  RoundProgressByStage,
  RoundProgressEvent,
  RoundPromotion,
  RoundResults,
  RoundView,
} from '../../shared/protocol/rounds';
import { oracleMixOf, type Round } from './roundModel';

/** The one shape a round leaves the server in. */
export function presentRound(round: Round): RoundView {
  return {
    id: round._id.toHexString(),
    owner: round.owner,
    name: round.name,
    domain: round.domain,
    checkpoints: { alice: round.checkpoints?.alice ?? null, bob: round.checkpoints?.bob ?? null },
    selfPlayDialogues: round.selfPlayDialogues,
    annotate: round.annotate,
    noveltyMetric: round.noveltyMetric,
    oracleMix: oracleMixOf(round),
    aliceLearning: round.aliceLearning,
    order: round.order,
    redundancy: round.redundancy,
    goldRate: round.goldRate,
    retrainingPolicy: round.retrainingPolicy,
    seed: round.seed,
    status: round.status,
    pausedFrom: round.pausedFrom ?? null,
    progress: allCounters(round),
    failure: failureOf(round),
    activity: round.activity ?? null,
    results: (round.results ?? null) as RoundResults | null,
    promotion: promotionOf(round),
    createdAt: round.createdAt.toISOString(),
    updatedAt: round.updatedAt.toISOString(),
  };
}

function promotionOf(round: Round): RoundPromotion | null {
  const p = round.promotion;
  if (p === null || p === undefined) {
    return null;
  }
  return { scope: p.scope, by: p.by, at: p.at.toISOString(), alice: p.alice ?? null, bob: p.bob };
}

/** Where a round stands: its status, with the counters of its stage (a paused one's stage). */
export function progressEvent(round: Round): RoundProgressEvent {
  const stage = round.pausedFrom ?? round.status;
  const { done, total } =
    stage === 'self-play' || stage === 'ranking' || stage === 'annotating' || stage === 'retraining'
      ? counters(round, stage)
      : { done: 0, total: 0 };
  return {
    roundId: round._id.toHexString(),
    stage: round.status,
    done,
    total,
    pausedFrom: round.pausedFrom ?? null,
    progress: allCounters(round),
    failure: failureOf(round),
    activity: round.activity ?? null,
  };
}

function allCounters(round: Round): RoundProgressByStage {
  return {
    'self-play': counters(round, 'self-play'),
    ranking: counters(round, 'ranking'),
    annotating: counters(round, 'annotating'),
    retraining: counters(round, 'retraining'),
  };
}

function failureOf(round: Round): RoundFailure | null {
  const failure = round.failure;
  if (failure === null || failure === undefined) {
    return null;
  }
  return {
    stage: failure.stage,
    job: failure.job,
    reason: failure.reason,
    at: failure.at.toISOString(),
  };
}

function counters(round: Round, stage: ActiveStage) {
  const progress = round.progress?.[stage];
  return { done: progress?.done ?? 0, total: progress?.total ?? 0 };
}
