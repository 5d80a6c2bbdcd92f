import type { Context, Domain } from '../domain/types';
import type { AgentIndex } from '../domain/types';
import { createRng } from '../random/rng';

/**
 * The order in which participant number `participantIndex` (0-based, in order of arrival) meets
 * the agents: position q plays agent (participantIndex + q) mod k. A cyclic Latin square: over
 * any k consecutive participants every agent is at every position exactly once (per block of
 * `dialoguesPerModel`), so order effects (learning, fatigue) fall on all agents alike.
 */
export function evaluationOrder(
  participantIndex: number,
  agentCount: number,
  dialoguesPerModel: number,
): number[] {
  if (!Number.isInteger(participantIndex) || participantIndex < 0) {
    throw new RangeError(`participant index must be a whole number ≥ 0, got ${participantIndex}`);
  }
  if (!Number.isInteger(agentCount) || agentCount < 1) {
    throw new RangeError(`agent count must be a whole number ≥ 1, got ${agentCount}`);
  }
  const length = agentCount * dialoguesPerModel;
  return Array.from({ length }, (_, q) => (participantIndex + q) % agentCount);
}

export interface EvaluationDialoguePlan {
  position: number;
  agentIndex: number;
  context: Context;
  firstSpeaker: AgentIndex;
}

/**
 * A participant's dialogues: the counterbalanced order, and for each a fresh context of the
 * domain and who opens, drawn from a generator seeded by (study, participant index), so the same
 * participant gets the same plan on every server and after a restart.
 */
export function evaluationPlan(
  domain: Domain,
  options: {
    studyId: string;
    participantIndex: number;
    agentCount: number;
    dialoguesPerModel: number;
    /** A study's own contexts (a test list); null or absent: the domain's generator. */
    contexts?: readonly Context[] | null;
  },
): EvaluationDialoguePlan[] {
  const rng = createRng(`evaluation:${options.studyId}:${options.participantIndex}`);
  const listed = options.contexts ?? [];
  // A listed context is used at most once per participant (while the list lasts).
  const order = rng.shuffle(listed.map((_, i) => i));
  const contextAt = (position: number): Context =>
    listed[order[position % order.length] ?? -1] ?? domain.sampleContext(rng);
  return evaluationOrder(
    options.participantIndex,
    options.agentCount,
    options.dialoguesPerModel,
  ).map((agentIndex, position) => ({
    position,
    agentIndex,
    context: contextAt(position),
    firstSpeaker: rng.next() < 0.5 ? 0 : 1,
  }));
}

/** The neutral name a participant sees for the agent at a position. */
export function partnerLabel(position: number): string {
  return `Partner ${position + 1}`;
}
