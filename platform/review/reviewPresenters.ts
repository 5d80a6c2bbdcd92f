import type { Act } from '../../shared/dialogue/acts';
import { isOffer } from '../../shared/dialogue/acts';
import type { Outcome } from '../../shared/dialogue/outcome';
import { complement } from '../../shared/domain/allocation';
import { getDomain } from '../../shared/domain/domains';
import { paretoFrontier, scoreOf } from '../../shared/domain/scoring';
import type {
  AnnotationDetailView,
  AnnotationSummaryView,
  ReviewTurnView,
  ReviewView,
} from '../../shared/protocol/review';
import type { Annotation } from '../annotation/annotationModel';
import { prefixTurns, type Task } from '../tasks/taskModel';

/** A row of the review queue: no utilities, no acts; the worker by id and name. */
export function presentSummary(
  annotation: Annotation,
  username: string | null,
  roundName: string | null,
): AnnotationSummaryView {
  const outcome = annotation.outcome as Outcome | null;
  return {
    id: annotation._id.toHexString(),
    taskId: annotation.taskId,
    roundId: annotation.roundId ?? null,
    roundName,
    worker: { id: annotation.workerId, username },
    status: annotation.status,
    gold:
      annotation.gold === null || annotation.gold === undefined
        ? null
        : { passed: annotation.gold.passed, failures: [...annotation.gold.failures] },
    flags: annotation.flags.map((f) => ({ code: f.code, detail: f.detail })),
    review: presentReview(annotation.review),
    outcome:
      outcome === null
        ? null
        : { agreed: outcome.agreed, scores: { alice: outcome.scores[0], bob: outcome.scores[1] } },
    startedAt: annotation.startedAt.toISOString(),
    endedAt: annotation.endedAt?.toISOString() ?? null,
  };
}

export function presentReview(review: Annotation['review']): ReviewView {
  return {
    status: review.status,
    decidedBy: review.decidedBy ?? null,
    reviewerId: review.reviewerId ?? null,
    reason: review.reason ?? '',
    bonusCents: review.bonusCents,
    at: review.at?.toISOString() ?? null,
  };
}

/**
 * Everything a reviewer needs to judge one annotation: both sides' utilities, every act with
 * both sides' scores of its offer, the selections, and the Pareto frontier with the deal.
 */
export function presentDetail(
  task: Task,
  annotation: Annotation,
  username: string | null,
  roundName: string | null,
): AnnotationDetailView {
  const context = {
    counts: task.counts,
    utilities: [task.aliceUtilities, task.bobUtilities] as [number[], number[]],
  };
  const offerScores = (speaker: number, act: Act) => {
    if (!isOffer(act)) {
      return null;
    }
    const aliceShare = speaker === 0 ? act.allocation : complement(task.counts, act.allocation);
    return {
      alice: scoreOf(task.aliceUtilities, aliceShare),
      bob: scoreOf(task.bobUtilities, complement(task.counts, aliceShare)),
    };
  };
  const prefix = prefixTurns(task);
  const turns: ReviewTurnView[] = [
    ...prefix.map((t, i) => ({
      turn: i,
      speaker: t.speaker === 0 ? ('alice' as const) : ('bob' as const),
      act: t.act,
      prefix: true,
      at: null,
      suggested: null,
      offerScores: offerScores(t.speaker, t.act),
    })),
    ...annotation.turns.map((t, i) => ({
      turn: prefix.length + i,
      speaker: t.speaker === 0 ? ('alice' as const) : ('bob' as const),
      act: t.act as Act,
      prefix: false,
      at: t.at.toISOString(),
      suggested: (t.suggested as Act | null) ?? null,
      offerScores: offerScores(t.speaker, t.act as Act),
    })),
  ];
  const outcome = annotation.outcome as Outcome | null;
  return {
    ...presentSummary(annotation, username, roundName),
    domain: task.domain,
    counts: [...task.counts],
    utilities: { alice: [...task.aliceUtilities], bob: [...task.bobUtilities] },
    batna: getDomain(task.domain).batna,
    turns,
    selections: {
      alice: annotation.aliceSelection as number[] | null | undefined,
      bob: annotation.bobSelection as number[] | null | undefined,
    },
    invalidActs: annotation.invalidActs,
    suggestionsAsked: annotation.suggestions.length,
    frontier: paretoFrontier(context).map((p) => ({
      alice: p.scores[0],
      bob: p.scores[1],
      allocation: p.allocation,
    })),
    deal:
      outcome?.agreed === true
        ? { alice: outcome.scores[0], bob: outcome.scores[1], paretoOptimal: outcome.paretoOptimal }
        : null,
  };
}
